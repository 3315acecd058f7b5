package io.backendkit.integration.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.form.api.FormsApi;
import com.acme.form.client.ApiClient;
import com.acme.form.client.FormsClient;
import com.acme.form.model.CreatePetRequest;
import com.acme.form.model.CreatePetRequestSize;
import com.acme.form.model.FileUpload;
import com.acme.form.model.PostKeyedRequest;
import com.acme.form.model.RenamePetRequest;
import com.acme.form.model.Result;
import com.acme.form.model.UploadPhotoRequest;
import com.acme.form.server.ApiFeature;
import com.acme.form.server.ApiSecurityFilter;
import com.acme.form.server.Authenticator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GIVEN the form document generated for JAKARTA_REST and served by Jersey WHEN urlencoded and
 * multipart bodies arrive (raw and from the generated client) THEN they bind to the generated records
 * and are validated like JSON bodies: missing and mistyped fields are 400 VALIDATION_ERROR naming the
 * field, malformed forms 400 MALFORMED_FORM, files arrive as FileUpload, and a query API key does not
 * consume the form.
 */
class JerseyFormsTest {

    static final String KEY = "form-key-3c9d";

    static SeBootstrap.Instance server;
    static URI base;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    static Authenticator.Decision decide(String scheme, Authenticator.Credential credential, List<String> scopes) {
        return credential instanceof Authenticator.ApiKey k && k.value().equals(KEY)
                ? Authenticator.Decision.allow("keyed")
                : Authenticator.Decision.deny();
    }

    /** Echoes what was bound. */
    public static class Forms implements FormsApi {

        @Context
        SecurityContext security;

        @Override
        public Result createPet(CreatePetRequest body) {
            return new Result(body.name() + "/" + body.age() + "/" + body.weight() + "/" + body.vaccinated() + "/"
                    + body.tags() + "/" + body.size());
        }

        @Override
        public Result renamePet(long petId, String note, RenamePetRequest body) {
            return new Result(petId + "/" + note + "/" + body.name());
        }

        @Override
        public Result uploadPhoto(long petId, UploadPhotoRequest body) {
            FileUpload photo = body.photo();
            List<String> extras = new ArrayList<>();
            if (body.extras() != null) {
                body.extras().forEach(e -> extras.add(e.filename() + ":" + e.content().length));
            }
            return new Result(petId + "/" + body.caption() + "/" + photo.filename() + "/" + photo.contentType() + "/"
                    + new String(photo.content(), StandardCharsets.UTF_8) + "/" + extras + "/" + body.rating());
        }

        @Override
        public Result postKeyed(PostKeyedRequest body) {
            return new Result(
                    ApiSecurityFilter.principal(security).orElse("-") + ":" + body.text() + ":" + body.apiKey());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ResourceConfig app = new ResourceConfig()
                .register(new ApiFeature(JerseyFormsTest::decide))
                .register(Forms.class);
        server = SeBootstrap.start(
                        app,
                        SeBootstrap.Configuration.builder()
                                .protocol("HTTP")
                                .host("127.0.0.1")
                                .port(0)
                                .rootPath("/")
                                .build())
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.configuration().port());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    static HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(String path, String body) throws Exception {
        return send("POST", path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    static String text(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body()).at("/data/text").asText();
    }

    /** The fields the 400 VALIDATION_ERROR names. */
    static List<String> invalid(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).as(r.body()).isEqualTo("VALIDATION_ERROR");
        List<String> fields = new ArrayList<>();
        error.get("details").forEach(d -> fields.add(d.get("field").asText()));
        return fields;
    }

    static void malformed(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText())
                .as(r.body())
                .isEqualTo("MALFORMED_FORM");
    }

    static final String BOUNDARY = "----b0undary";

    static byte[] multipart(String... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i += 2) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; " + parts[i] + "\r\n\r\n"
                            + parts[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    static HttpResponse<String> upload(byte[] body) throws Exception {
        return send("POST", "/pets/9/photos", "multipart/form-data; boundary=" + BOUNDARY, body);
    }

    @Test
    void aUrlencodedFormBindsToTheRecord() throws Exception {
        assertThat(text(form("/pets", "name=Rex+%26+Co&age=3&weight=4.50&vaccinated=true&tags=a&tags=b+c&size=large")))
                .isEqualTo("Rex & Co/3/4.50/true/[a, b c]/large");
        assertThat(text(form("/pets", "name=Rex&age=0"))).isEqualTo("Rex/0/null/null/null/null");
    }

    @Test
    void missingAndMistypedFieldsAre400NamingThem() throws Exception {
        assertThat(invalid(form("/pets", "name=Rex"))).containsExactly("age");
        assertThat(invalid(form("/pets", ""))).containsExactly("body");
        assertThat(invalid(form("/pets", "name=Rex&age=old"))).containsExactly("age");
        assertThat(invalid(form("/pets", "name=Rex&age=1.5"))).containsExactly("age");
        assertThat(invalid(form("/pets", "name=Rex&age=1&vaccinated=yes"))).containsExactly("vaccinated");
        assertThat(invalid(form("/pets", "name=Rex&age=1&size=medium"))).containsExactly("size");
        // Bean Validation of the bound record
        assertThat(invalid(form("/pets", "name=&age=-1"))).containsExactlyInAnyOrder("name", "age");
        assertThat(invalid(form("/pets", "name=" + "x".repeat(21) + "&age=1"))).containsExactly("name");
    }

    @Test
    void malformedFormsAre400MalformedForm() throws Exception {
        malformed(form("/pets", "name=%zz&age=1"));
        malformed(send("POST", "/pets", "application/x-www-form-urlencoded", new byte[] {
            'n', 'a', 'm', 'e', '=', (byte) 0xC3, '&', 'a', 'g', 'e', '=', '1'
        }));
        byte[] unterminated = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a\""
                        + "\r\n\r\nxyz")
                .getBytes(StandardCharsets.UTF_8);
        malformed(upload(unterminated));
    }

    @Test
    void anotherContentTypeIs415() throws Exception {
        HttpResponse<String> json = send(
                "POST", "/pets", "application/json", "{\"name\":\"Rex\",\"age\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).as(json.body()).isEqualTo(415);
        assertThat(json.body()).contains("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aPutFormArrivesBesideItsQueryParameters() throws Exception {
        HttpResponse<String> r = send(
                "PUT",
                "/pets/7?note=hello",
                "application/x-www-form-urlencoded",
                "name=Max".getBytes(StandardCharsets.UTF_8));
        assertThat(text(r)).isEqualTo("7/hello/Max");
        assertThat(invalid(send("PUT", "/pets/7?note=hello", "application/x-www-form-urlencoded", new byte[0])))
                .containsExactly("body");
    }

    @Test
    void aMultipartFormWithFilesArrivesAsFileUpload() throws Exception {
        byte[] body = multipart(
                "name=\"caption\"", "Grüße",
                "name=\"photo\"; filename=\"cat.png\"\r\nContent-Type: image/png", "bytes\r\nwith a line break",
                "name=\"extras\"; filename=\"a.bin\"", "123",
                "name=\"extras\"; filename=\"b.bin\"", "45",
                "name=\"rating\"", "4");
        assertThat(text(upload(body)))
                .isEqualTo("9/Grüße/cat.png/image/png/bytes\r\nwith a line break/[a.bin:3, b.bin:2]/4");
        assertThat(invalid(upload(multipart("name=\"caption\"", "x")))).containsExactly("photo");
        assertThat(invalid(upload(multipart("name=\"photo\"; filename=\"a\"", "x", "name=\"rating\"", "9"))))
                .containsExactly("rating");
        assertThat(invalid(upload(multipart("name=\"photo\"; filename=\"a\"", "x", "name=\"rating\"", "many"))))
                .containsExactly("rating");
    }

    @Test
    void aQueryApiKeyDoesNotConsumeTheFormNorComeFromIt() throws Exception {
        assertThat(text(form("/keyed?api_key=" + KEY, "text=hello"))).isEqualTo("keyed:hello:null");
        HttpResponse<String> inBody = form("/keyed", "text=hello&api_key=" + KEY);
        assertThat(inBody.statusCode()).as(inBody.body()).isEqualTo(401);
        assertThat(text(form("/keyed?api_key=" + KEY, "text=hi&api_key=field"))).isEqualTo("keyed:hi:field");
    }

    @Test
    void theGeneratedClientSendsUrlencodedAndMultipartForms() {
        try (ApiClient api =
                ApiClient.builder(base).apiKey("queryKey", () -> KEY).build()) {
            FormsClient forms = new FormsClient(api);
            assertThat(forms.createPet(new CreatePetRequest(
                                    "Rex & Co=1",
                                    3,
                                    new BigDecimal("4.5"),
                                    true,
                                    List.of("a b", "c"),
                                    CreatePetRequestSize.LARGE))
                            .text())
                    .isEqualTo("Rex & Co=1/3/4.5/true/[a b, c]/large");
            assertThat(forms.renamePet(5L, "n", new RenamePetRequest("Max")).text())
                    .isEqualTo("5/n/Max");
            assertThat(forms.uploadPhoto(
                                    7L,
                                    new UploadPhotoRequest(
                                            "hi",
                                            new FileUpload(
                                                    "p.png",
                                                    "image/png",
                                                    "PNG\r\n--x".getBytes(StandardCharsets.UTF_8)),
                                            List.of(new FileUpload("e.bin", null, new byte[] {0, 1, 2})),
                                            5))
                            .text())
                    .isEqualTo("7/hi/p.png/image/png/PNG\r\n--x/[e.bin:3]/5");
            assertThat(forms.postKeyed(new PostKeyedRequest("t", null)).text()).isEqualTo("keyed:t:null");
        }
    }
}
