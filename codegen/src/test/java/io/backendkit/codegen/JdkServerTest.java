package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN the feature document generated for {@link Target#JDK_HTTP_SERVER} with a client, compiled
 * together with a hand-written handler WHEN the server runs on 127.0.0.1 THEN raw HTTP and the
 * generated client see the envelopes, statuses and validation details the document implies.
 */
class JdkServerTest {

    @TempDir
    static Path classes;

    static URLClassLoader loader;
    static GeneratedSources sources;
    static AutoCloseable server;
    static URI base;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EVERYTHING =
            "{\"id\":\"3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11\",\"when\":\"2024-01-15T10:30:00Z\","
                    + "\"requiredNullable\":null,\"day\":\"2024-02-29\",\"blob\":\"aGVsbG8=\"}";

    @BeforeAll
    static void start() throws Exception {
        sources = OpenApiCodegen.fromSpec(ModelGenerationTest.FEATURES)
                .basePackage("com.acme.zoo")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.add(new GeneratedFile(
                "harness/Harness.java", Files.readString(Path.of("src/test/resources/harness/Harness.java"))));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(files, classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        loader = compiled.classLoader();
        Class<?> harness = Class.forName("harness.Harness", true, loader);
        server = (AutoCloseable) harness.getMethod("start").invoke(null);
        int port = (int) server.getClass().getMethod("port").invoke(server);
        base = URI.create("http://127.0.0.1:" + port + "/v1");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (loader != null) {
            loader.close();
        }
        if (http != null) {
            http.close();
        }
    }

    static String api(String simpleName) {
        return sources.file("com/acme/zoo/api/" + simpleName + ".java")
                .orElseThrow()
                .content();
    }

    static String client(String simpleName) {
        return sources.file("com/acme/zoo/client/" + simpleName + ".java")
                .orElseThrow()
                .content();
    }

    record Reply(int status, JsonNode json, String text, HttpResponse<String> raw) {
        List<String> details() {
            List<String> out = new ArrayList<>();
            json.path("error")
                    .path("details")
                    .forEach(d -> out.add(
                            d.path("field").asText() + ": " + d.path("message").asText()));
            return out;
        }

        String code() {
            return json.path("error").path("code").asText();
        }
    }

    static Reply call(String method, String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (r.headers().firstValue("Content-Type").orElse("").contains("json")) {
            json = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), json, r.body(), r);
    }

    static Reply postJson(String path, String body) throws Exception {
        return call("POST", path, "application/json", body);
    }

    @Test
    void createAndReadAPetInTheSuccessEnvelope() throws Exception {
        Reply created = postJson("/pets", "{\"name\": \"Bella\", \"tags\": [\"calm\"], \"status\": \"pending\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("data").path("id").asLong();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v1/pets/" + id);
        assertThat(created.json().path("data").path("name").asText()).isEqualTo("Bella");
        assertThat(created.json().path("meta").path("requestId").asText()).isNotBlank();
        assertThat(created.json().path("meta").path("timestamp").asText()).isNotBlank();

        Reply read = call("GET", "/pets/" + id, null, null, "X-Request-Id", "trace-42");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("data").path("createdAt").asText()).isEqualTo("2024-01-15T10:30:00+02:00");
        assertThat(read.json().path("meta").path("requestId").asText()).isEqualTo("trace-42");
        assertThat(read.raw().headers().firstValue("X-Request-Id")).hasValue("trace-42");

        Reply listed = call("GET", "/pets?status=pending&tag=calm&limit=5", null, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("data").findValuesAsText("name")).contains("Bella");
    }

    @Test
    void everyValidationKindIsReportedWithItsFieldAt400() throws Exception {
        Reply r = postJson("/pets", """
                {"name": "R2-D2 is far too long", "tags": ["a", "ok", "ok", "x4"], "weightKg": 0, "ageYears": 50,
                 "ownerEmail": "no-at-sign", "status": "lost"}
                """);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(r.json().path("error").path("message").asText()).isEqualTo("Request validation failed");
        assertThat(r.details())
                .containsExactly(
                        "name: length must be at most 20",
                        "name: must match pattern ^[A-Za-z ]+$",
                        "tags: must have at most 3 items",
                        "tags: items must be unique",
                        "tags[0]: length must be at least 2",
                        "weightKg: must be > 0",
                        "ageYears: must be < 50",
                        "ownerEmail: must be a valid email address",
                        "status: must be one of [available, pending, sold]");

        Reply missing = postJson("/pets", "{\"name\": \"\", \"tags\": [], \"ageYears\": -1, \"weightKg\": 201}");
        assertThat(missing.details())
                .containsExactly(
                        "name: length must be at least 1",
                        "name: must match pattern ^[A-Za-z ]+$",
                        "tags: must have at least 1 items",
                        "weightKg: must be <= 200",
                        "ageYears: must be >= 0");

        Reply required = postJson("/pets", "{\"nickname\": null}");
        assertThat(required.details()).containsExactly("name: is required", "tags: is required");
    }

    @Test
    void parametersAreConvertedAndValidated() throws Exception {
        assertThat(call("GET", "/pets?limit=0", null, null).details()).containsExactly("limit: must be >= 1");
        assertThat(call("GET", "/pets?limit=101", null, null).details()).containsExactly("limit: must be <= 100");
        assertThat(call("GET", "/pets?limit=ten&status=lost", null, null, "X-Request-Tenant", "ABC")
                        .details())
                .containsExactly(
                        "limit: must be a 32-bit integer",
                        "status: must be one of [available, pending, sold]",
                        "X-Request-Tenant: must match pattern ^[a-z]+$");
        Reply badId = call("GET", "/pets/abc", null, null);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.details()).containsExactly("petId: must be an integer");
    }

    @Test
    void integersAcceptOnlyJsonIntegers() throws Exception {
        for (String age : List.of("1.5", "\"2\"", "true")) {
            Reply reply = postJson("/pets", "{\"name\": \"Rex\", \"tags\": [\"good\"], \"ageYears\": " + age + "}");
            assertThat(reply.status()).as("ageYears %s", age).isEqualTo(400);
            assertThat(reply.code()).as("ageYears %s", age).isEqualTo("VALIDATION_ERROR");
            assertThat(reply.details()).as("ageYears %s", age).hasSize(1).allMatch(d -> d.startsWith("ageYears: "));
        }
        assertThat(postJson("/pets", "{\"name\": \"Rex\", \"tags\": [\"good\"], \"ageYears\": 2}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void duplicateKeysAndTrailingTokensAreMalformedJson() throws Exception {
        for (String body : List.of(
                "{\"name\": \"Rex\", \"name\": \"Max\", \"tags\": [\"good\"]}",
                "{\"name\": \"Rex\", \"tags\": [\"good\"]} xyz",
                "{\"name\": \"Rex\", \"tags\": [\"good\"]} {}",
                "{\"name\": \"Rex\", \"tags\": [\"good\"]} ]]] garbage")) {
            Reply reply = postJson("/pets", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.code()).as(body).isEqualTo("MALFORMED_JSON");
        }
    }

    @Test
    void numericPathValuesAreParsedStrictly() throws Exception {
        long id = postJson("/pets", "{\"name\": \"Bella\", \"tags\": [\"calm\"]}")
                .json()
                .path("data")
                .path("id")
                .asLong();
        assertThat(call("GET", "/pets/" + id, null, null).status()).isEqualTo(200);
        for (String raw : List.of("+" + id, id + "%00", "%00" + id, id + "%20", "%20" + id, "0x1", id + ".0")) {
            Reply reply = call("GET", "/pets/" + raw, null, null);
            assertThat(reply.status()).as(raw).isEqualTo(400);
            assertThat(reply.details()).as(raw).containsExactly("petId: must be an integer");
        }
        assertThat(call("GET", "/pets?limit=%2B5", null, null).details())
                .containsExactly("limit: must be a 32-bit integer");
    }

    @Test
    void wrongJsonTypesAndMalformedJsonAre400() throws Exception {
        Reply wrongType = postJson("/pets", "{\"name\": \"Rex\", \"tags\": [\"good\"], \"weightKg\": \"heavy\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(wrongType.details()).containsExactly("weightKg: must be a number");

        Reply malformed = postJson("/pets", "{\"name\": \"Rex\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_JSON");
        assertThat(malformed.json().path("error").path("message").asText())
                .startsWith("request body is not valid JSON");

        Reply empty = postJson("/pets", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.details()).containsExactly("body: is required");
    }

    @Test
    void missingRequiredQueryParameterAndHeaderAre400NamingThem() throws Exception {
        Reply neither = call("GET", "/lookup/k", null, null);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(neither.details()).containsExactly("q: is required", "X-Trace: is required");

        Reply noQuery = call("GET", "/lookup/k", null, null, "X-Trace", "t-1");
        assertThat(noQuery.status()).isEqualTo(400);
        assertThat(noQuery.details()).containsExactly("q: is required");

        Reply noHeader = call("GET", "/lookup/k?q=x", null, null);
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.details()).containsExactly("X-Trace: is required");
    }

    @Test
    void badDatesUuidsAndNumbersAre400InTheDocumentsTermsWithoutJavaTypeNames() throws Exception {
        Reply params =
                call("GET", "/lookup/k?q=x&day=2024-02-30&ref=not-a-uuid&count=1.5", null, null, "X-Trace", "t-1");
        assertThat(params.status()).isEqualTo(400);
        assertThat(params.details())
                .containsExactly(
                        "day: must be a date (YYYY-MM-DD)", "ref: must be a uuid", "count: must be an integer");

        Reply badDay = postJson("/everything", EVERYTHING.replace("2024-02-29", "2024-02-30"));
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.details()).containsExactly("day: must be a date (YYYY-MM-DD)");

        Reply badUuid = postJson("/everything", EVERYTHING.replace("3f1c8f59-", "zz"));
        assertThat(badUuid.status()).isEqualTo(400);
        assertThat(badUuid.details()).containsExactly("id: must be a uuid");

        Reply badDateTime = postJson("/everything", EVERYTHING.replace("10:30:00Z", "25:30:00Z"));
        assertThat(badDateTime.details()).containsExactly("when: must be a date-time with offset (RFC 3339)");

        Reply notAnInt = postJson("/everything", EVERYTHING.replace("{", "{\"small\":\"abc\","));
        assertThat(notAnInt.details()).containsExactly("small: must be a 32-bit integer");

        Reply tooBig = postJson("/everything", EVERYTHING.replace("{", "{\"small\":3000000000,"));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.details()).containsExactly("small: must be a 32-bit integer");

        Reply notAList = postJson("/pets", "{\"name\": \"Rex\", \"tags\": \"good\"}");
        assertThat(notAList.details()).containsExactly("tags: must be an array");

        Reply notAnObject = postJson("/pets", "[1, 2]");
        assertThat(notAnObject.details()).containsExactly("body: must be an object");

        for (Reply r : List.of(params, badDay, badUuid, badDateTime, notAnInt, tooBig, notAList, notAnObject)) {
            assertThat(r.text())
                    .doesNotContain("java.")
                    .doesNotContain("com.acme")
                    .doesNotContain("Exception")
                    .doesNotContain("`");
        }
    }

    @Test
    void percentEncodedPathSegmentIsDecodedAndHeaderValueReachesTheHandler() throws Exception {
        Reply r = call(
                "GET",
                "/lookup/a%20b%2Fc%C3%A9?q=x%26y%3Dz&day=2024-02-29&ref=3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11",
                null,
                null,
                "X-Trace",
                "trace 7");
        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json().path("data");
        assertThat(data.path("key").asText()).isEqualTo("a b/c\u00e9");
        assertThat(data.path("q").asText()).isEqualTo("x&y=z");
        assertThat(data.path("trace").asText()).isEqualTo("trace 7");
        assertThat(data.path("day").asText()).isEqualTo("2024-02-29");
        assertThat(data.path("ref").asText()).isEqualTo("3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11");
    }

    @Test
    void requiredNullablePropertyThatIsOmittedIs400ButNullIsAccepted() throws Exception {
        Reply withNull = postJson("/everything", EVERYTHING);
        assertThat(withNull.status()).isEqualTo(200);
        assertThat(withNull.json().path("data").has("requiredNullable")).isTrue();
        assertThat(withNull.json().path("data").path("requiredNullable").isNull())
                .isTrue();

        Reply omitted = postJson("/everything", EVERYTHING.replace("\"requiredNullable\":null,", ""));
        assertThat(omitted.status()).isEqualTo(400);
        assertThat(omitted.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(omitted.details()).containsExactly("requiredNullable: is required");

        Reply nestedNull =
                postJson("/everything", EVERYTHING.replace("{", "{\"inline\":{\"level\":\"low\",\"note\":null},"));
        assertThat(nestedNull.status()).isEqualTo(200);
        Reply nestedOmitted = postJson("/everything", EVERYTHING.replace("{", "{\"inline\":{\"level\":\"low\"},"));
        assertThat(nestedOmitted.status()).isEqualTo(400);
        assertThat(nestedOmitted.details()).containsExactly("inline.note: is required");
    }

    @Test
    void pagedOperationWritesItemsAsDataAndWhereTheyAreAsPagination() throws Exception {
        Reply second = call("GET", "/pets/paged?page=2&limit=2", null, null);
        assertThat(second.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        second.json().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("data", "meta", "pagination");
        assertThat(second.json().path("data").findValuesAsText("name")).containsExactly("Cy", "Di");
        assertThat(second.json().path("meta").path("requestId").asText()).isNotBlank();
        assertThat(second.json().path("pagination").toString())
                .isEqualTo("{\"page\":2,\"limit\":2,\"total\":5,\"hasMore\":true}");

        Reply last = call("GET", "/pets/paged?page=3&limit=2", null, null);
        assertThat(last.json().path("data").findValuesAsText("name")).containsExactly("Ed");
        assertThat(last.json().path("pagination").toString())
                .isEqualTo("{\"page\":3,\"limit\":2,\"total\":5,\"hasMore\":false}");

        Reply byCursor = call("GET", "/pets/paged?limit=2&cursor=1", null, null);
        assertThat(byCursor.json().path("data").findValuesAsText("name")).containsExactly("Bo", "Cy");
        assertThat(byCursor.json().path("pagination").toString()).isEqualTo("{\"hasMore\":true,\"nextCursor\":\"3\"}");

        Reply badPage = call("GET", "/pets/paged?page=0", null, null);
        assertThat(badPage.details()).containsExactly("page: must be >= 1");

        Reply plain = call("GET", "/pets", null, null);
        assertThat(plain.json().has("pagination")).isFalse();
        assertThat(plain.json().path("data").isArray()).isTrue();
        assertThat(api("PetsApi"))
                .contains("Page<Pet> listPetsPaged(Integer page, Integer limit, String cursor);")
                .contains("List<Pet> listPets(");
        assertThat(client("PetsClient"))
                .contains("public Page<Pet> listPetsPaged(Integer page, Integer limit, String cursor)")
                .contains("public CompletableFuture<Page<Pet>> listPetsPagedAsync(")
                .contains("public List<Pet> listPets(");
    }

    @Test
    void withoutTheEnvelopeAPageIsTheBareArrayWithPaginationInAHeader() throws Exception {
        Class<?> harness = Class.forName("harness.Harness", true, loader);
        try (AutoCloseable bare =
                (AutoCloseable) harness.getMethod("start", boolean.class).invoke(null, false)) {
            int port = (int) bare.getClass().getMethod("port").invoke(bare);
            URI bareBase = URI.create("http://127.0.0.1:" + port + "/v1");
            Reply raw = HttpClientCalls.get(http, URI.create(bareBase + "/pets/paged?limit=2"));
            assertThat(raw.json().isArray()).isTrue();
            assertThat(raw.json().findValuesAsText("name")).containsExactly("Ada", "Bo");
            assertThat(raw.raw().headers().firstValue("X-Pagination"))
                    .hasValue("{\"page\":1,\"limit\":2,\"total\":5,\"hasMore\":true}");
            assertThat(harness.getMethod("pageWithoutEnvelope", URI.class).invoke(null, bareBase))
                    .isEqualTo("[Ada, Bo] Pagination[page=1, limit=2, total=5, hasMore=true, nextCursor=null]"
                            + " more true");
        }
    }

    @Test
    void unionsPickTheFittingVariantOverHttpAndAnswer400NamingTheFieldWhenNoneFits() throws Exception {
        Reply transfer = postJson("/payments", "{\"iban\": \"DE89370400440532013000\", \"amount\": 5}");
        assertThat(transfer.status()).isEqualTo(200);
        assertThat(transfer.json().path("data").toString())
                .isEqualTo("{\"iban\":\"DE89370400440532013000\",\"amount\":5}");
        Reply card = postJson("/payments", "{\"cardNumber\": \"4111111111111111\", \"expiry\": \"12/30\"}");
        assertThat(card.json().path("data").path("expiry").asText()).isEqualTo("12/30");
        Reply shortCard = postJson("/payments", "{\"cardNumber\": \"4111\", \"expiry\": \"12/30\"}");
        assertThat(shortCard.details()).containsExactly("cardNumber: length must be at least 12");

        Reply none = postJson("/payments", "{\"cardNumber\": \"4111111111111111\"}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(none.details()).containsExactly("body: must match one of: CardPayment, BankTransfer");

        String payment = "{\"iban\": \"DE89370400440532013000\"}";
        Reply order = postJson(
                "/orders",
                "{\"payment\": " + payment + ", \"contact\": {\"number\": \"+4930123\"},"
                        + " \"vehicle\": {\"vehicleType\": \"Bike\", \"gears\": 3}}");
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.json().path("data").path("contact").path("number").asText())
                .isEqualTo("+4930123");
        assertThat(order.json().path("data").path("vehicle").path("gears").asInt())
                .isEqualTo(3);
        assertThat(postJson("/orders", "{\"payment\": " + payment + ", \"contact\": \"ada@example.com\"}")
                        .json()
                        .path("data")
                        .path("contact")
                        .asText())
                .isEqualTo("ada@example.com");

        assertThat(postJson("/orders", "{\"payment\": {\"amount\": 3}}").details())
                .containsExactly("payment: must match one of: CardPayment, BankTransfer");
        assertThat(postJson("/orders", "{\"payment\": " + payment + ", \"contact\": 42}")
                        .details())
                .containsExactly("contact: must match one of: string, Phone");
        assertThat(postJson("/orders", "{\"payment\": " + payment + ", \"contact\": \"nobody\"}")
                        .details())
                .containsExactly("contact: must be a valid email address");
        assertThat(postJson("/orders", "{\"payment\": " + payment + ", \"vehicle\": {\"vehicleType\": \"Plane\"}}")
                        .details())
                .containsExactly("vehicle.vehicleType: must be one of [Bike, Car]");
        assertThat(postJson("/orders", "{\"payment\": " + payment + ", \"vehicle\": {\"gears\": 3}}")
                        .details())
                .containsExactly("vehicle.vehicleType: is required");
        Reply badShape = postJson("/shapes", "{\"kind\": \"triangle\"}");
        assertThat(badShape.details()).containsExactly("kind: must be one of [circle, square]");
    }

    @Test
    void unknownPathsMethodsAndMediaTypesGet404_405_415() throws Exception {
        Reply notFound = call("GET", "/nothing/here", null, null);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.code()).isEqualTo("NOT_FOUND");

        Reply outsideBase = HttpClientCalls.get(http, URI.create(base.toString().replace("/v1", "/v2") + "/pets"));
        assertThat(outsideBase.status()).isEqualTo(404);

        Reply handlerNotFound = call("GET", "/pets/987654", null, null);
        assertThat(handlerNotFound.status()).isEqualTo(404);
        assertThat(handlerNotFound.json().path("error").path("message").asText())
                .isEqualTo("no pet 987654");

        Reply notAllowed = call("PATCH", "/pets", "application/json", "{}");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(notAllowed.raw().headers().firstValue("Allow")).hasValue("GET, POST");

        Reply wrongMedia = call("POST", "/pets", "text/plain", "name=Rex");
        assertThat(wrongMedia.status()).isEqualTo(415);
        assertThat(wrongMedia.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        Reply wrongUpload = call("PUT", "/pets/1/photo", "application/json", "{}");
        assertThat(wrongUpload.status()).isEqualTo(415);
    }

    @Test
    void handlerFailuresBecome500WithoutDetailsAndExpectedErrorsKeepTheirStatus() throws Exception {
        Reply boom = postJson("/pets", "{\"name\": \"boom\", \"tags\": [\"xx\"]}");
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(boom.text())
                .doesNotContain("secret")
                .doesNotContain("Exception")
                .doesNotContain("at harness");

        Reply conflict = postJson("/pets", "{\"name\": \"Duplicate\", \"tags\": [\"xx\"]}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("CONFLICT");
    }

    @Test
    void unionsRecursionFormatsAndRawBodiesTravel() throws Exception {
        Reply square = postJson("/shapes", "{\"kind\": \"square\", \"side\": 3}");
        assertThat(square.json().path("data").toString()).isEqualTo("{\"kind\":\"square\",\"side\":3.0}");
        Reply badSquare = postJson("/shapes", "{\"kind\": \"square\", \"side\": -3}");
        assertThat(badSquare.details()).containsExactly("side: must be >= 0");

        assertThat(postJson("/values", "\"abc\"").json().path("data").asText()).isEqualTo("abc");
        assertThat(postJson("/values", "\"abcdef\"").details()).containsExactly(": length must be at most 5");
        assertThat(postJson("/values", "7").json().path("data").asLong()).isEqualTo(7);

        Reply tree = postJson("/trees", "{\"name\": \"r\", \"children\": [{\"name\": \"a\", \"children\": [{}]}]}");
        assertThat(tree.details()).containsExactly("children[0].children[0].name: is required");

        Reply echoed = postJson("/everything", EVERYTHING);
        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.json().path("data").path("day").asText()).isEqualTo("2024-02-29");
        assertThat(echoed.json().path("data").path("blob").asText()).isEqualTo("aGVsbG8=");

        Reply photo = call("PUT", "/pets/1/photo", "application/octet-stream", "12345");
        assertThat(photo.json().path("data").path("bytes").asInt()).isEqualTo(5);

        Reply health = call("GET", "/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("ok");
        assertThat(health.raw().headers().firstValue("Content-Type")).hasValue("text/plain");
    }

    @Test
    void generatedClientTalksToGeneratedServer() throws Exception {
        Class<?> harness = Class.forName("harness.Harness", true, loader);
        @SuppressWarnings("unchecked")
        List<String> seen =
                (List<String>) harness.getMethod("clientScenario", URI.class).invoke(null, base);
        assertThat(seen.get(0)).matches("created 201 at /v1/pets/\\d+ \\d+ Rex available 2024-01-15T10:30\\+02:00");
        assertThat(seen.subList(1, seen.size()))
                .containsExactly(
                        "get Rex",
                        "list available [Rex]",
                        "list tag cat [Tom]",
                        "async list " + seen.get(4).substring("async list ".length()),
                        "missing 404 NOT_FOUND",
                        "invalid 400 VALIDATION_ERROR [name: must match pattern ^[A-Za-z ]+$,"
                                + " tags: must have at least 1 items,"
                                + " ownerEmail: must be a valid email address]",
                        "conflict 409 CONFLICT POST /pets answered 409: a pet named Duplicate exists",
                        "photo 4",
                        "delete twice 404",
                        "shape Circle 2.5",
                        "value StringOrNumberLong[value=42]",
                        "tree leaf",
                        "health ok",
                        "page [Cy, Di] Pagination[page=2, limit=2, total=5, hasMore=true, nextCursor=null] more true",
                        "cursor [Ed] Pagination[page=null, limit=null, total=null, hasMore=false, nextCursor=null]"
                                + " more false",
                        "closed true",
                        "passed-in client closed false");
        assertThat(Integer.parseInt(seen.get(4).substring("async list ".length())))
                .isGreaterThanOrEqualTo(2);
    }

    /** Writes {@code request} on a new socket to {@code port} and reads until the server closes (10 s at most). */
    static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static JsonNode rawJson(String response) throws Exception {
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    static Object harness(String method, Object... args) throws Exception {
        Class<?> harness = Class.forName("harness.Harness", true, loader);
        for (var m : harness.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return m.invoke(null, args);
            }
        }
        throw new IllegalArgumentException(method);
    }

    static AutoCloseable limited(long maxBody, long inFlight, int concurrent, long requestMillis, long idleMillis)
            throws Exception {
        return (AutoCloseable) harness("startLimited", maxBody, inFlight, concurrent, requestMillis, idleMillis);
    }

    static int port(AutoCloseable server) throws Exception {
        return (int) server.getClass().getMethod("port").invoke(server);
    }

    static HttpResponse<String> post(int port, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/pets"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String pet(String name, int size) {
        String json = "{\"name\": \"" + name + "\", \"tags\": [\"good\"]}";
        return json + " ".repeat(Math.max(0, size - json.length()));
    }

    @Test
    void malformedRequestUrisGetTheJsonEnvelopeNotTheJdkPage() throws Exception {
        for (String target : List.of("/v1/pets/%zz", "/v1/pets/%4", "/v1/pets?limit=%zz", "/v1/pets/<x>", "pets")) {
            String response =
                    raw(base.getPort(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(response).as(target).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json");
            JsonNode json = rawJson(response);
            assertThat(json.path("error").path("code").asText()).as(target).isEqualTo("BAD_REQUEST");
            assertThat(json.path("error").path("message").asText()).as(target).startsWith("the request URI ");
            assertThat(json.path("meta").path("requestId").asText()).isNotBlank();
            assertThat(response).doesNotContain("<h1>").doesNotContain("Exception");
        }
        String split = raw(base.getPort(), "GET /v1/pets/a b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(split).startsWith("HTTP/1.1 400 ");
        assertThat(rawJson(split).path("error").path("message").asText()).isEqualTo("the request line is malformed");
        String keptAlive = raw(
                base.getPort(),
                "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(keptAlive.split("HTTP/1.1 200 ", -1)).hasSize(3);
    }

    @Test
    void anEnumBodyIsMalformedJsonWhenItIsNotJsonAndNamesTheValueOtherwise() throws Exception {
        assertThat(postJson("/statuses", "\"sold\"").json().path("data").asText())
                .isEqualTo("sold");
        for (String body : List.of("\"sold", "{\"x\": ", "sold", "\"sold\" x")) {
            Reply reply = postJson("/statuses", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.code()).as(body).isEqualTo("MALFORMED_JSON");
            assertThat(reply.json().path("error").path("message").asText())
                    .as(body)
                    .contains("line 1, column");
        }
        Reply unknown = postJson("/statuses", "\"lost\"");
        assertThat(unknown.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(unknown.details()).containsExactly(": must be one of [available, pending, sold]");
        Reply nested = postJson("/pets", "{\"name\": \"Rex\", \"tags\": [\"good\"], \"status\": [\"sold\"]}");
        assertThat(nested.details()).containsExactly("status: must be one of the values the schema allows");
    }

    @Test
    void aBodyOverTheDefaultMebibyteIs413AndOneUnderItIsServed() throws Exception {
        HttpResponse<String> under = post(base.getPort(), pet("Rex", 1024 * 1024 - 10));
        assertThat(under.statusCode()).isEqualTo(201);
        HttpResponse<String> over = post(base.getPort(), pet("Rex", 1024 * 1024 + 1));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(over.body()).path("error").path("code").asText())
                .isEqualTo("PAYLOAD_TOO_LARGE");
        String chunked = raw(
                base.getPort(),
                "POST /v1/pets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                        + "\r\nConnection: close\r\n\r\n100000\r\n" + " ".repeat(0x100000) + "\r\n1\r\n \r\n0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 413 ").contains("PAYLOAD_TOO_LARGE");
        String smallChunks = raw(
                base.getPort(),
                "POST /v1/pets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                        + "\r\nConnection: close\r\n\r\n5\r\n{\"nam\r\n1F\r\ne\": \"Rex\", \"tags\": [\"good\"]}  \r\n0\r\n\r\n");
        assertThat(smallChunks).startsWith("HTTP/1.1 201 ");
    }

    @Test
    void requestsBeyondTheConcurrencyLimitGet503WithRetryAfter() throws Exception {
        try (AutoCloseable server = limited(1000, 100_000, 1, 5000, 5000)) {
            int port = port(server);
            harness("hold");
            try {
                var held = http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/pets"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(pet("Sleepy", 0)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat((boolean) harness("entered")).isTrue();
                HttpResponse<String> refused = post(port, pet("Rex", 0));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(JSON.readTree(refused.body())
                                .path("error")
                                .path("code")
                                .asText())
                        .isEqualTo("SERVICE_UNAVAILABLE");
                harness("release");
                assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
            } finally {
                harness("release");
            }
            assertThat(post(port, pet("Rex", 0)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void bodiesBeyondTheInFlightBudgetGet503AndBeyondThePerRequestLimit413() throws Exception {
        try (AutoCloseable server = limited(1000, 1500, 4, 5000, 5000)) {
            int port = port(server);
            assertThat(post(port, pet("Rex", 1001)).statusCode()).isEqualTo(413);
            harness("hold");
            try {
                var held = http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/pets"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(pet("Sleepy", 900)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat((boolean) harness("entered")).isTrue();
                HttpResponse<String> refused = post(port, pet("Rex", 900));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(post(port, pet("Rex", 500)).statusCode()).isEqualTo(201);
                harness("release");
                assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
            } finally {
                harness("release");
            }
            assertThat(post(port, pet("Rex", 900)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void slowAndIdleConnectionsAreClosedAfterTheirTimeouts() throws Exception {
        try (AutoCloseable server = limited(1000, 100_000, 4, 1000, 1500)) {
            int port = port(server);
            // 50 clients sending their request head a byte every 200 ms
            List<Socket> slow = new ArrayList<>();
            long started = System.nanoTime();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.setSoTimeout(10_000);
                    slow.add(s);
                }
                String head = "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(100);
                List<Integer> ended = new ArrayList<>();
                for (int i = 0; i < head.length() && ended.size() < slow.size(); i++) {
                    for (Socket s : slow) {
                        if (!s.isOutputShutdown()) {
                            try {
                                s.getOutputStream().write(head.charAt(i));
                            } catch (java.io.IOException e) {
                                s.shutdownOutput();
                                ended.add(i);
                            }
                        }
                    }
                    if (System.nanoTime() - started > 8_000_000_000L) {
                        break;
                    }
                    Thread.sleep(200);
                }
                for (Socket s : slow) {
                    String got;
                    try {
                        got = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (java.net.SocketException e) {
                        got = "reset";
                    }
                    assertThat(got).matches("(?s)(HTTP/1\\.1 408 .*REQUEST_TIMEOUT.*|reset|)");
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(seconds).isBetween(0.9, 6.0);

            // a connection that sends nothing, and one that goes quiet after a request
            try (Socket silent = new Socket("127.0.0.1", port);
                    Socket quiet = new Socket("127.0.0.1", port)) {
                silent.setSoTimeout(10_000);
                quiet.setSoTimeout(10_000);
                long t0 = System.nanoTime();
                quiet.getOutputStream()
                        .write("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String answered = new String(quiet.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answered).startsWith("HTTP/1.1 200 ").endsWith("ok");
                assertThat(silent.getInputStream().read()).isEqualTo(-1);
                assertThat((System.nanoTime() - t0) / 1e9).isBetween(1.4, 6.0);
            }
            // the server still serves
            assertThat(post(port, pet("Rex", 0)).statusCode()).isEqualTo(201);
        }
    }

    /** Raw calls outside the base path. */
    static final class HttpClientCalls {
        static Reply get(HttpClient client, URI uri) throws Exception {
            HttpResponse<String> r =
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), JSON.readTree(r.body()), r.body(), r);
        }
    }
}
