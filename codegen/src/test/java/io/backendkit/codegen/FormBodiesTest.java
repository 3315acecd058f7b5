package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN urlencoded and multipart request bodies (OpenAPI 3 and Swagger 2 {@code in: formData}) WHEN
 * generated, compiled by javac with an implementation and called over HTTP THEN they bind to the
 * generated records and are validated like JSON bodies: missing and mistyped fields are 400
 * VALIDATION_ERROR naming the field, malformed forms 400 MALFORMED_FORM, other content types 415,
 * files arrive as FileUpload within the body limit, and the generated client sends both kinds.
 */
class FormBodiesTest {

    @TempDir
    static Path classes;

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /pets:
                post:
                  tags: [pets]
                  operationId: createPet
                  requestBody:
                    required: true
                    content:
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          required: [name, age]
                          properties:
                            name: {type: string, minLength: 1}
                            age: {type: integer, format: int32, minimum: 0}
                            weight: {type: number}
                            vaccinated: {type: boolean}
                            tags: {type: array, items: {type: string}}
                            size: {type: string, enum: [small, large]}
                  responses:
                    '201':
                      description: created
                      content:
                        application/json:
                          schema: {type: string}
              /pets/{petId}/photos:
                post:
                  tags: [pets]
                  operationId: uploadPhoto
                  parameters:
                    - {name: petId, in: path, required: true, schema: {type: integer}}
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          required: [photo]
                          properties:
                            caption: {type: string}
                            photo: {type: string, format: binary}
                            extras: {type: array, items: {type: string, format: binary}}
                            rating: {type: integer}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {type: string}
              /notes:
                post:
                  tags: [pets]
                  operationId: postNote
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema: {type: string}
                  responses:
                    '204': {description: stored}
            """;

    static final String IMPL = """
            package impl;

            import com.acme.form.api.PetsApi;
            import com.acme.form.client.ApiClient;
            import com.acme.form.client.PetsClient;
            import com.acme.form.model.CreatePetRequest;
            import com.acme.form.model.CreatePetRequestSize;
            import com.acme.form.model.FileUpload;
            import com.acme.form.model.UploadPhotoRequest;
            import com.acme.form.server.ApiRouter;
            import com.acme.form.server.ApiServer;
            import java.math.BigDecimal;
            import java.net.InetSocketAddress;
            import java.net.URI;
            import java.nio.charset.StandardCharsets;
            import java.util.List;

            public final class Impl implements PetsApi {
                @Override
                public String createPet(CreatePetRequest body) {
                    return body.name() + "/" + body.age() + "/" + body.weight() + "/" + body.vaccinated() + "/"
                            + body.tags() + "/" + body.size();
                }

                @Override
                public String uploadPhoto(long petId, UploadPhotoRequest body) {
                    FileUpload photo = body.photo();
                    return petId + "/" + body.caption() + "/" + photo.filename() + "/" + photo.contentType() + "/"
                            + new String(photo.content(), StandardCharsets.UTF_8) + "/"
                            + (body.extras() == null ? 0 : body.extras().size()) + "/" + body.rating();
                }

                @Override
                public void postNote(byte[] body) {}

                public static ApiServer start() throws java.io.IOException {
                    ApiRouter router = ApiRouter.builder().pets(new Impl()).envelope(false).build();
                    return ApiServer.builder(router).maxBodyBytes(64 * 1024).address(new InetSocketAddress("127.0.0.1", 0)).start();
                }

                public static String viaClient(URI base) {
                    try (ApiClient api = ApiClient.builder(base).envelope(false).build()) {
                        PetsClient pets = new PetsClient(api);
                        return pets.createPet(new CreatePetRequest("Rex & Co=1", 3, new BigDecimal("4.5"), true,
                                        List.of("a b", "c"), CreatePetRequestSize.LARGE))
                                + " | " + pets.uploadPhoto(7L, new UploadPhotoRequest("hi \\"there\\"",
                                        new FileUpload("p.png", "image/png", "PNG\\r\\n--x".getBytes(StandardCharsets.UTF_8)),
                                        List.of(new FileUpload(null, null, new byte[] {0, 1, 2})), 5L));
                    }
                }
            }
            """;

    static GeneratedSources sources;
    static URLClassLoader loader;
    static AutoCloseable server;
    static URI base;
    static HttpClient http;

    @BeforeAll
    static void generateCompileAndStart() throws Exception {
        sources = OpenApiCodegen.fromSpecText(SPEC)
                .basePackage("com.acme.form")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.add(new GeneratedFile("impl/Impl.java", IMPL));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(files, classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        loader = compiled.classLoader();
        Class<?> impl = Class.forName("impl.Impl", true, loader);
        server = (AutoCloseable) impl.getMethod("start").invoke(null);
        base = URI.create(
                "http://127.0.0.1:" + server.getClass().getMethod("port").invoke(server));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(String body) throws Exception {
        return post("/pets", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUrlencodedFormBindsToTheRecord() throws Exception {
        HttpResponse<String> r = form("name=Rex+Jr%21&age=3&weight=4.50&vaccinated=true&tags=a&tags=b&size=small");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("\"Rex Jr!/3/4.50/true/[a, b]/small\"");
    }

    @Test
    void aMissingRequiredFieldIs400NamingIt() throws Exception {
        HttpResponse<String> r = form("name=Rex");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("VALIDATION_ERROR").contains("\"field\":\"age\"");
        HttpResponse<String> empty = form("");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("VALIDATION_ERROR").contains("\"field\":\"body\"");
    }

    @Test
    void wrongTypesAndBrokenConstraintsAre400NamingTheField() throws Exception {
        for (String body : List.of("name=Rex&age=old", "name=Rex&age=1.5", "name=Rex&age=99999999999")) {
            HttpResponse<String> r = form(body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("VALIDATION_ERROR").contains("\"field\":\"age\"");
        }
        HttpResponse<String> bool = form("name=Rex&age=1&vaccinated=yes");
        assertThat(bool.statusCode()).isEqualTo(400);
        assertThat(bool.body()).contains("\"field\":\"vaccinated\"");
        HttpResponse<String> twice = form("name=Rex&name=Max&age=1");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("\"field\":\"name\"");
        HttpResponse<String> constraints = form("name=&age=-1&size=medium");
        assertThat(constraints.statusCode()).isEqualTo(400);
        assertThat(constraints.body())
                .contains("\"field\":\"name\"")
                .contains("\"field\":\"age\"")
                .contains("\"field\":\"size\"");
    }

    @Test
    void malformedFormsAre400MalformedForm() throws Exception {
        HttpResponse<String> percent = form("name=%zz&age=1");
        assertThat(percent.statusCode()).isEqualTo(400);
        assertThat(percent.body()).contains("MALFORMED_FORM").contains("percent-encoding");
        HttpResponse<String> utf8 = post("/pets", "application/x-www-form-urlencoded", new byte[] {
            'n', 'a', 'm', 'e', '=', (byte) 0xC3, '&', 'a', 'g', 'e', '=', '1'
        });
        assertThat(utf8.statusCode()).isEqualTo(400);
        assertThat(utf8.body()).contains("MALFORMED_FORM");
        byte[] unterminated = ("--b1\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a\"\r\n\r\nxyz")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> open = post("/pets/1/photos", "multipart/form-data; boundary=b1", unterminated);
        assertThat(open.statusCode()).isEqualTo(400);
        assertThat(open.body()).contains("MALFORMED_FORM").contains("not closed");
        HttpResponse<String> noBoundary = post("/pets/1/photos", "multipart/form-data", unterminated);
        assertThat(noBoundary.statusCode()).isEqualTo(400);
        assertThat(noBoundary.body()).contains("MALFORMED_FORM").contains("boundary");
        byte[] nameless =
                ("--b1\r\nContent-Type: text/plain\r\n\r\nxyz\r\n--b1--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> noName = post("/pets/1/photos", "multipart/form-data; boundary=b1", nameless);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("MALFORMED_FORM");
    }

    @Test
    void anotherContentTypeIs415() throws Exception {
        HttpResponse<String> json =
                post("/pets", "application/json", "{\"name\":\"Rex\",\"age\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> urlencodedToMultipart =
                post("/pets/1/photos", "application/x-www-form-urlencoded", "photo=x".getBytes(StandardCharsets.UTF_8));
        assertThat(urlencodedToMultipart.statusCode()).isEqualTo(415);
        HttpResponse<String> none = post("/pets", null, "name=Rex&age=1".getBytes(StandardCharsets.UTF_8));
        assertThat(none.statusCode()).isEqualTo(415);
    }

    @Test
    void aMultipartFormWithAFileArrivesAsFileUpload() throws Exception {
        String boundary = "----b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"caption\"\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "Grüße\r\n"
                        + "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"photo\"; filename=\"cat.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes("bytes\r\nwith a line break".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"rating\"\r\n\r\n"
                        + "4\r\n"
                        + "--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r =
                post("/pets/9/photos", "multipart/form-data; boundary=\"" + boundary + "\"", body.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"9/Grüße/cat.png/image/png/bytes\\r\\nwith a line break/0/4\"");

        byte[] withoutPhoto = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"rating\"\r\n\r\nx\r\n--"
                        + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> missing =
                post("/pets/9/photos", "multipart/form-data; boundary=" + boundary, withoutPhoto);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("VALIDATION_ERROR").contains("\"field\":\"rating\"");
        byte[] onlyCaption = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nx\r\n--"
                        + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> noPhoto = post("/pets/9/photos", "multipart/form-data; boundary=" + boundary, onlyCaption);
        assertThat(noPhoto.statusCode()).isEqualTo(400);
        assertThat(noPhoto.body()).contains("\"field\":\"photo\"").contains("is required");
    }

    @Test
    void aFormBeyondTheBodyLimitIs413() throws Exception {
        byte[] big = ("name=" + "x".repeat(70 * 1024) + "&age=1").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/pets", "application/x-www-form-urlencoded", big);
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void theGeneratedClientSendsUrlencodedAndMultipartForms() throws Exception {
        Class<?> impl = Class.forName("impl.Impl", true, loader);
        assertThat(impl.getMethod("viaClient", URI.class).invoke(null, base))
                .isEqualTo("Rex & Co=1/3/4.5/true/[a b, c]/large | 7/hi \"there\"/p.png/image/png/PNG\r\n--x/1/5");
    }

    @Test
    void theFormParserAnswersEveryCutOfABodyWithATreeOrMalformedForm() throws Exception {
        Class<?> formData = Class.forName("com.acme.form.model.FormData", true, loader);
        java.lang.reflect.Method parse = formData.getMethod("parse", byte[].class, String.class, java.util.Map.class);
        java.util.Map<String, String> fields = java.util.Map.of("photo", "file", "n", "integer", "t", "array:string");
        byte[] multipart = ("--zz\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n12\r\n--zz\r\n"
                        + "Content-Disposition: form-data; name=\"photo\"; filename=\"a \\\"b\\\".txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nhé\r\n--zz--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] urlencoded = "n=12&t=a%20b&t=c+d&x=%C3%A9".getBytes(StandardCharsets.UTF_8);
        assertThat(parse.invoke(null, multipart, "multipart/form-data; boundary=zz", fields)
                        .toString())
                .isEqualTo("{\"n\":12,\"photo\":{\"filename\":\"a \\\"b\\\".txt\",\"contentType\":\"text/plain\","
                        + "\"content\":\"aMOp\"}}");
        assertThat(parse.invoke(null, urlencoded, "application/x-www-form-urlencoded", fields)
                        .toString())
                .isEqualTo("{\"n\":12,\"t\":[\"a b\",\"c d\"],\"x\":\"é\"}");
        for (Object[] body : List.of(
                new Object[] {multipart, "multipart/form-data; boundary=zz"},
                new Object[] {urlencoded, "application/x-www-form-urlencoded"})) {
            byte[] bytes = (byte[]) body[0];
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
                try {
                    parse.invoke(null, prefix, body[1], fields);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    assertThat(e.getCause().getClass().getSimpleName())
                            .as("cut at " + cut + " of " + body[1] + ": " + e.getCause())
                            .isEqualTo("MalformedFormException");
                }
            }
        }
    }

    @Test
    void aFormThatCannotBeBoundIsNamedInAFinding() {
        assertThat(sources.findings().stream().map(Object::toString))
                .anyMatch(f -> f.contains("FORM_BODY_RAW") && f.contains("/paths/~1notes/post/requestBody"));
        assertThat(sources.findings().stream().map(Object::toString))
                .noneMatch(f -> f.contains("~1pets") && f.contains("FORM_BODY_RAW"));
    }

    @Test
    void swagger2FormDataParametersBindToARecord(@TempDir Path out) throws Exception {
        String swagger = """
                swagger: '2.0'
                info: {title: t, version: '1'}
                paths:
                  /upload:
                    post:
                      operationId: upload
                      consumes: [multipart/form-data]
                      parameters:
                        - {name: title, in: formData, type: string, required: true}
                        - {name: count, in: formData, type: integer}
                        - {name: file, in: formData, type: file, required: true}
                      responses:
                        '200': {description: ok, schema: {type: string}}
                  /login:
                    post:
                      operationId: login
                      consumes: [application/x-www-form-urlencoded]
                      parameters:
                        - {name: user, in: formData, type: string, required: true}
                      responses:
                        '204': {description: ok}
                """;
        GeneratedSources s2 = OpenApiCodegen.fromSpecText(swagger)
                .basePackage("com.acme.sw")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        assertThat(s2.findings().stream().map(Object::toString)).noneMatch(f -> f.contains("FORM_BODY_RAW"));
        String routes = s2.files().stream()
                .filter(f -> f.path().endsWith("Routes.java"))
                .map(GeneratedFile::content)
                .reduce("", String::concat);
        assertThat(routes).contains("readForm(").doesNotContain("readBytes(");
        assertThat(s2.files().stream().map(GeneratedFile::path)).contains("com/acme/sw/model/FileUpload.java");
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(s2.files(), out);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
    }
}
