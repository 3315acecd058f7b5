package io.backendkit.integration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.zoo.client.ApiClient;
import com.acme.zoo.client.ApiClientException;
import com.acme.zoo.client.DefaultClient;
import com.acme.zoo.client.LookupClient;
import com.acme.zoo.client.PetsClient;
import com.acme.zoo.model.LookupResult;
import com.acme.zoo.model.NewPet;
import com.acme.zoo.model.Page;
import com.acme.zoo.model.Pet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * GIVEN the feature document generated for SPRING_MVC and served by a real Spring Boot application on
 * 127.0.0.1 (embedded Tomcat, ephemeral port) WHEN raw HTTP requests and the generated client call it
 * THEN valid requests succeed in the envelope and every failure is the error envelope with the
 * status and field paths the JDK server target gives.
 */
class SpringBootServerTest {

    static ConfigurableApplicationContext context;
    static URI base;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        SpringApplication app = new SpringApplication(ZooApplication.class);
        app.setDefaultProperties(java.util.Map.of(
                "server.address", "127.0.0.1",
                "server.port", "0",
                "spring.main.banner-mode", "off"));
        context = app.run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    record Answer(int status, JsonNode json, HttpResponse<String> response) {
        JsonNode error() {
            return json.get("error");
        }

        List<String> fields() {
            List<String> out = new ArrayList<>();
            json.get("error").get("details").forEach(d -> out.add(d.get("field").asText()));
            return out;
        }
    }

    static Answer call(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    static Answer get(String path, String... headers) throws Exception {
        return call("GET", path, null, null, headers);
    }

    static Answer post(String path, String body) throws Exception {
        return call("POST", path, "application/json", body);
    }

    static void assertValidationError(Answer a, String... fields) {
        assertThat(a.status()).as(a.response().body()).isEqualTo(400);
        assertThat(a.error().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(a.fields()).containsExactlyInAnyOrder(fields);
        assertThat(a.json().get("meta").get("requestId").asText()).isNotBlank();
    }

    @Test
    void validRequestsAnswerInTheEnvelope() throws Exception {
        Answer list = get("/pets?limit=5&status=sold&tag=a&tag=b", "X-Request-Tenant", "acme");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data").get(0).get("name").asText()).isEqualTo("Rex sold 2");
        assertThat(list.json().get("meta").get("requestId").asText()).isNotBlank();

        Answer one = get("/pets/7");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("data").get("id").asLong()).isEqualTo(7);

        Answer deleted = call("DELETE", "/pets/7", null, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.response().body()).isEmpty();

        Answer lookup = get("/lookup/k1?q=x&day=2024-02-29&count=3", "X-Trace", "t-1");
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.json().get("data").get("day").asText()).isEqualTo("2024-02-29");
        assertThat(lookup.json().get("data").get("trace").asText()).isEqualTo("t-1");

        Answer tree = post("/trees", "{\"name\":\"root\",\"children\":[{\"name\":\"leaf\"}]}");
        assertThat(tree.status()).isEqualTo(200);
        assertThat(tree.json().get("data").get("children").get(0).get("name").asText())
                .isEqualTo("leaf");

        Answer photo = call("PUT", "/pets/3/photo", "application/octet-stream", "abc");
        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.json().get("data").get("bytes").asInt()).isEqualTo(3);
    }

    @Test
    void createAnswers201WithLocation() throws Exception {
        Answer a = post("/pets", "{\"name\":\"Rex\",\"tags\":[\"ab\"]}");
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.response().headers().firstValue("Location")).hasValue("/pets/42");
        assertThat(a.json().get("data").get("id").asLong()).isEqualTo(42);
    }

    @Test
    void pagesCarryTheirPagination() throws Exception {
        Answer a = get("/pets/paged?page=2&limit=2");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("data")).hasSize(2);
        assertThat(a.json().get("pagination").get("total").asLong()).isEqualTo(5);
    }

    @Test
    void everyBodyConstraintIsReportedWithItsJsonPath() throws Exception {
        Answer a = post(
                "/pets", "{\"name\":\"R2D2\",\"tags\":[\"a\"],\"weightKg\":0,\"ageYears\":50,\"ownerEmail\":\"nope\"}");
        assertValidationError(a, "name", "tags[0]", "weightKg", "ageYears", "ownerEmail");
        assertValidationError(post("/pets", "{\"tags\":[]}"), "name", "tags");
        assertValidationError(post("/pets", "{\"name\":\"" + "x".repeat(21) + "\",\"tags\":[\"ab\"]}"), "name");
        // nested records and list elements cascade with @Valid
        assertValidationError(post("/trees", "{\"name\":\"root\",\"children\":[{\"name\":\"\"}]}"), "children[0].name");
    }

    @Test
    void parameterConstraintsAndConversionsAre400() throws Exception {
        assertValidationError(get("/pets?limit=0"), "limit");
        assertValidationError(get("/pets?limit=101"), "limit");
        assertValidationError(get("/pets?limit=many"), "limit");
        assertValidationError(get("/pets", "X-Request-Tenant", "ACME"), "X-Request-Tenant");
        assertValidationError(get("/pets?status=lost"), "status");
        assertValidationError(get("/pets/abc"), "petId");
        assertValidationError(get("/lookup/k1", "X-Trace", "t"), "q");
        assertValidationError(get("/lookup/k1?q=x"), "X-Trace");
        assertValidationError(get("/lookup/k1?q=x&day=29.02.2024", "X-Trace", "t"), "day");
    }

    @Test
    void malformedAndMistypedBodiesAre400() throws Exception {
        Answer malformed = post("/pets", "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertValidationError(post("/pets", "{\"name\":\"Rex\",\"tags\":[\"ab\"],\"ageYears\":\"old\"}"), "ageYears");
        assertValidationError(post("/pets", ""), "body");
    }

    @Test
    void uniqueItemsAndMultipleOfAreChecked() throws Exception {
        Answer duplicates = post("/pets", "{\"name\":\"Rex\",\"tags\":[\"ab\",\"ab\"]}");
        assertValidationError(duplicates, "tags");
        assertThat(duplicates.error().get("details").get(0).get("message").asText())
                .isEqualTo("items must be unique");
        String everything = "{\"id\":\"3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11\",\"when\":\"2024-01-15T10:30:00Z\","
                + "\"requiredNullable\":null,\"step\":";
        Answer step = post("/everything", everything + "7}");
        assertValidationError(step, "step");
        assertThat(step.error().get("details").get(0).get("message").asText()).isEqualTo("must be a multiple of 5");
        assertThat(post("/everything", everything + "10}").status()).isEqualTo(200);
    }

    @Test
    void unknownEnumValuesInBodiesAre400() throws Exception {
        Answer field = post("/pets", "{\"name\":\"Rex\",\"tags\":[\"ab\"],\"status\":\"lost\"}");
        assertValidationError(field, "status");
        assertThat(field.error().get("details").get(0).get("message").asText())
                .isEqualTo("must be one of [available, pending, sold]");
        assertValidationError(post("/statuses", "\"lost\""), "body");
        Answer known = post("/statuses", "\"sold\"");
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("data").asText()).isEqualTo("sold");
    }

    @Test
    void frameworkErrorsUseTheEnvelope() throws Exception {
        Answer notFound = get("/nothing/here");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.error().get("code").asText()).isEqualTo("NOT_FOUND");

        Answer handlerNotFound = get("/pets/404");
        assertThat(handlerNotFound.status()).isEqualTo(404);
        assertThat(handlerNotFound.error().get("message").asText()).isEqualTo("no pet 404");

        Answer method = call("PATCH", "/pets", "application/json", "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.error().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(method.response().headers().firstValue("Allow").orElse("")).contains("GET", "POST");

        Answer type = call("POST", "/pets", "text/plain", "name=Rex");
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.error().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        Answer failure = get("/pets/500");
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.error().get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(failure.response().body()).doesNotContain("secret", "Exception", "at io.");
    }

    @Test
    void theGeneratedClientWorksAgainstTheSpringServer() {
        try (ApiClient client = ApiClient.create(base)) {
            PetsClient pets = new PetsClient(client);
            PetsClient.CreatePetResult.Created result = (PetsClient.CreatePetResult.Created)
                    pets.createPet(new NewPet("Rex", List.of("ab"), null, null, null, null, null));
            assertThat(result.status()).isEqualTo(201);
            assertThat(result.location().getPath()).isEqualTo("/pets/42");
            Pet created = result.body();
            assertThat(created.id()).isEqualTo(42L);
            assertThat(pets.getPet(9).id()).isEqualTo(9L);
            Page<Pet> page = pets.listPetsPaged(1, 2, null);
            assertThat(page.items()).hasSize(2);
            assertThat(page.pagination().total()).isEqualTo(5L);
            pets.deletePet(9);
            assertThat(new String(new DefaultClient(client).getHealth(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("up");
            LookupResult r = new LookupClient(client).lookup("k", "q", "t", LocalDate.of(2024, 2, 29), null, 3L);
            assertThat(r.day()).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThatThrownBy(() -> pets.getPet(404)).isInstanceOfSatisfying(ApiClientException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.code()).isEqualTo("NOT_FOUND");
            });
            assertThatThrownBy(() -> pets.listPets(0, null, null, null))
                    .isInstanceOfSatisfying(ApiClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.details()).extracting(v -> v.field()).containsExactly("limit");
                    });
        }
    }
}
