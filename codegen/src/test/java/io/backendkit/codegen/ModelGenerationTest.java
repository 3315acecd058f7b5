package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GIVEN the feature document WHEN models are generated THEN they compile and behave as the schema says. */
class ModelGenerationTest {

    static final Path FEATURES = Path.of("src/test/resources/specs/features.yaml");

    @TempDir
    static Path classes;

    static GeneratedSources sources;
    static JavaSourceCompiler.Result compiled;
    static URLClassLoader loader;
    static ObjectMapper mapper;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        sources = OpenApiCodegen.fromSpec(FEATURES).basePackage("com.acme.zoo").generate();
        compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        loader = compiled.classLoader();
        mapper = (ObjectMapper) type("ApiJson").getMethod("newMapper").invoke(null);
    }

    @AfterAll
    static void close() throws Exception {
        if (loader != null) {
            loader.close();
        }
    }

    static Class<?> type(String simpleName) throws ClassNotFoundException {
        return Class.forName("com.acme.zoo.model." + simpleName, true, loader);
    }

    static List<String> violations(Object model) throws Exception {
        Method validate = type("Validatable").getMethod("validate");
        return ((List<?>) validate.invoke(model)).stream().map(Object::toString).toList();
    }

    String file(String simpleName) {
        return sources.file("com/acme/zoo/model/" + simpleName + ".java")
                .orElseThrow()
                .content();
    }

    @Test
    void generatedModelsCompileWithoutWarnings() {
        assertThat(compiled.warnings()).isEmpty();
        assertThat(sources.files()).extracting(GeneratedFile::path).contains("com/acme/zoo/model/Pet.java");
        assertThat(sources.modelCount()).isGreaterThan(15);
    }

    @Test
    void sameDocumentGivesByteIdenticalFilesWithGeneratedAndNoTimestamp() {
        GeneratedSources again =
                OpenApiCodegen.fromSpec(FEATURES).basePackage("com.acme.zoo").generate();
        assertThat(again.files()).isEqualTo(sources.files());
        assertThat(file("Pet"))
                .contains("@Generated(\"io.backendkit.codegen.OpenApiCodegen\")")
                .doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
    }

    @Test
    void formatsMapToJavaTypes() {
        String everything = file("Everything");
        assertThat(everything)
                .contains("UUID id")
                .contains("LocalDate day")
                .contains("OffsetDateTime when")
                .contains("URI home")
                .contains("byte[] blob")
                .contains("Integer small")
                .contains("Long big")
                .contains("Long plain")
                .contains("Float ratio")
                .contains("Double precise")
                .contains("BigDecimal money")
                .contains("Boolean flag")
                .contains("Map<String, String> labels")
                .contains("Map<String, Object> free")
                .contains("Object anything")
                .contains("EverythingInline inline");
    }

    @Test
    void identifiersAreSanitised() {
        String everything = file("Everything");
        assertThat(everything)
                .contains("@JsonProperty(\"class\")")
                .contains("String class_")
                .contains("Boolean value2fa")
                .contains("String kebabCaseName,")
                .contains("String kebabCaseName2")
                .contains("@JsonProperty(\"$ref\")")
                .contains("String ref")
                .contains("String prix")
                .contains("String u540DU524D")
                .contains("String hashCode2")
                .contains("String validate2");
        assertThat(sources.file("com/acme/zoo/model/StringModel.java")).isPresent();
        assertThat(sources.file("com/acme/zoo/model/ViolationModel.java")).isPresent();
        assertThat(sources.file("com/acme/zoo/model/PageModel.java")).isPresent();
        assertThat(sources.file("com/acme/zoo/model/Page.java").orElseThrow().content())
                .contains("public record Page<T>(List<T> items, Pagination pagination)");
        assertThat(sources.file("com/acme/zoo/model/String.java")).isEmpty();
    }

    @Test
    void descriptionsAreEscapedInJavadoc() {
        String newPet = file("NewPet");
        assertThat(newPet)
                .contains(
                        "Text with &#42;/ and &lt;b&gt;HTML&lt;/b&gt; &amp; an &#64;tag, &#123;&#64;code x&#125; and a &#92;u0041 escape.")
                .doesNotContain("\\u0041");
    }

    @Test
    void requiredAndNullableStayDistinct() {
        String everything = file("Everything");
        assertThat(everything)
                .contains("@JsonProperty(value = \"requiredNullable\", required = true) String requiredNullable")
                .contains("@JsonProperty(\"day\") @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate day")
                .contains("Required, may be null");
    }

    @Test
    void requiredNullablePropertyMayBeNullButNotAbsent() throws Exception {
        String base = "{\"id\":\"3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11\",\"when\":\"2024-01-15T10:30:00Z\"";
        Object withNull = mapper.readValue(base + ",\"requiredNullable\":null}", type("Everything"));
        assertThat(violations(withNull)).isEmpty();
        assertThat(mapper.writeValueAsString(withNull)).contains("\"requiredNullable\":null");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.readValue(base + "}", type("Everything")))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
                .hasMessageContaining("'requiredNullable'");
        // the client reads responses leniently: an omitted required property is null, not a failed call
        ObjectMapper lenient =
                (ObjectMapper) type("ApiJson").getMethod("newLenientMapper").invoke(null);
        Object omitted = lenient.readValue(base + "}", type("Everything"));
        assertThat(mapper.writeValueAsString(omitted)).contains("\"requiredNullable\":null");
        assertThat(violations(omitted)).isEmpty();
        assertThat(OpenApiCodegen.fromSpec(FEATURES)
                        .basePackage("com.acme.zoo")
                        .client(true)
                        .generate()
                        .file("com/acme/zoo/client/ApiClient.java")
                        .orElseThrow()
                        .content())
                .contains("private ObjectMapper mapper = ApiJson.newLenientMapper();");
    }

    @Test
    void validationReportsEveryViolationWithItsPath() throws Exception {
        Object pet = mapper.readValue("""
                {"name": "R2-D2", "tags": ["a", "ok", "ok", "x4"], "weightKg": 0, "ageYears": 50,
                 "ownerEmail": "not-an-email", "status": "lost"}
                """, type("NewPet"));
        assertThat(violations(pet))
                .containsExactly(
                        "name: must match pattern ^[A-Za-z ]+$",
                        "tags: must have at most 3 items",
                        "tags: items must be unique",
                        "tags[0]: length must be at least 2",
                        "weightKg: must be > 0",
                        "ageYears: must be < 50",
                        "ownerEmail: must be a valid email address",
                        "status: must be one of [available, pending, sold]");

        Object empty = mapper.readValue("{\"tags\": []}", type("NewPet"));
        assertThat(violations(empty)).containsExactly("name: is required", "tags: must have at least 1 items");

        Object valid = mapper.readValue(
                "{\"name\": \"Rex\", \"tags\": [\"good\"], \"weightKg\": 12.5, \"nickname\": null}", type("NewPet"));
        assertThat(violations(valid)).isEmpty();
    }

    @Test
    void allOfComposesPropertiesAndRequiredLists() throws Exception {
        assertThat(file("Pet")).contains("String name").contains("Long id").contains("OffsetDateTime createdAt");
        Object pet = mapper.readValue("{\"name\": \"Rex\", \"tags\": [\"good\"]}", type("Pet"));
        assertThat(violations(pet)).containsExactly("id: is required");
    }

    @Test
    void enumsTolerateUnknownValues() throws Exception {
        Class<?> status = type("PetStatus");
        Object sold = mapper.readValue("\"sold\"", status);
        Object unknown = mapper.readValue("\"on-holiday\"", status);
        assertThat(sold.toString()).isEqualTo("sold");
        assertThat(((Enum<?>) unknown).name()).isEqualTo("UNRECOGNIZED");
        assertThat(mapper.writeValueAsString(sold)).isEqualTo("\"sold\"");
    }

    @Test
    void oneOfWithDiscriminatorSelectsTheMappedRecord() throws Exception {
        Class<?> shape = type("Shape");
        assertThat(shape.isSealed()).isTrue();
        Object circle = mapper.readValue("{\"kind\": \"circle\", \"radius\": 2.5}", shape);
        Object square = mapper.readValue("{\"kind\": \"square\", \"side\": -1}", shape);
        assertThat(circle.getClass().getSimpleName()).isEqualTo("Circle");
        assertThat(square.getClass().getSimpleName()).isEqualTo("Square");
        assertThat(violations(square)).containsExactly("side: must be >= 0");
        assertThat(mapper.writeValueAsString(circle)).isEqualTo("{\"kind\":\"circle\",\"radius\":2.5}");
        Object direct = mapper.readValue("{\"radius\": 1}", type("Circle"));
        assertThat(violations(direct)).containsExactly("kind: is required");
    }

    @Test
    void allOfDiscriminatorBaseBecomesSealedInterfaceOverItsChildren() throws Exception {
        Class<?> animal = type("Animal");
        assertThat(animal.isSealed()).isTrue();
        assertThat(animal.getPermittedSubclasses())
                .extracting(Class::getSimpleName)
                .containsExactly("Dog", "Cat");
        Object cat = mapper.readValue("{\"animalType\": \"Cat\", \"name\": \"Tom\", \"meows\": true}", animal);
        assertThat(cat.getClass().getSimpleName()).isEqualTo("Cat");
        assertThat(animal.getMethod("name").invoke(cat)).isEqualTo("Tom");
    }

    @Test
    void oneOfWithoutDiscriminatorPicksTheVariantThatFits() throws Exception {
        Class<?> union = type("StringOrNumber");
        Object text = mapper.readValue("\"toolong\"", union);
        Object number = mapper.readValue("42", union);
        Object circle = mapper.readValue("{\"kind\": \"c\", \"radius\": 1}", union);
        assertThat(text.getClass().getSimpleName()).isEqualTo("StringOrNumberString");
        assertThat(number.getClass().getSimpleName()).isEqualTo("StringOrNumberLong");
        assertThat(circle.getClass().getSimpleName()).isEqualTo("Circle");
        assertThat(violations(text)).containsExactly(": length must be at most 5");
        assertThat(mapper.writeValueAsString(number)).isEqualTo("42");
        assertThat(mapper.writeValueAsString(text)).isEqualTo("\"toolong\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.readValue("true", union))
                .hasMessageContaining("must match one of: string, integer, Circle");
    }

    @Test
    void anyOfWithDiscriminatorSelectsTheRecordNamedByTheProperty() throws Exception {
        Class<?> vehicle = type("Vehicle");
        assertThat(vehicle.isSealed()).isTrue();
        assertThat(vehicle.getPermittedSubclasses())
                .extracting(Class::getSimpleName)
                .containsExactly("Car", "Bike");
        Object car = mapper.readValue("{\"vehicleType\": \"Car\", \"doors\": 0}", vehicle);
        Object bike = mapper.readValue("{\"vehicleType\": \"Bike\", \"gears\": 21}", vehicle);
        assertThat(car.getClass().getSimpleName()).isEqualTo("Car");
        assertThat(bike.getClass().getSimpleName()).isEqualTo("Bike");
        assertThat(violations(car)).containsExactly("doors: must be >= 1");
        assertThat(mapper.writeValueAsString(bike)).isEqualTo("{\"vehicleType\":\"Bike\",\"gears\":21}");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> mapper.readValue("{\"vehicleType\": \"Plane\"}", vehicle))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class);
    }

    @Test
    void anyOfWithoutDiscriminatorPicksTheVariantThatFits() throws Exception {
        Class<?> contact = type("Contact");
        Object email = mapper.readValue("\"ada@example.com\"", contact);
        Object phone = mapper.readValue("{\"number\": \"+4930123\", \"extension\": \"7\"}", contact);
        assertThat(email.getClass().getSimpleName()).isEqualTo("ContactString");
        assertThat(phone.getClass().getSimpleName()).isEqualTo("Phone");
        assertThat(violations(mapper.readValue("\"no-at-sign\"", contact)))
                .containsExactly(": must be a valid email address");
        assertThat(violations(mapper.readValue("{\"number\": \"030\"}", contact)))
                .containsExactly("number: must match pattern ^[+][0-9]+$");
        assertThat(mapper.writeValueAsString(email)).isEqualTo("\"ada@example.com\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.readValue("42", contact))
                .isInstanceOf(type("Validation").getClasses()[0])
                .hasMessageStartingWith("must match one of: string, Phone");
    }

    @Test
    void oneOfOverTwoRecordsWithoutDiscriminatorPicksTheRecordWhosePropertiesFit() throws Exception {
        Class<?> payment = type("Payment");
        assertThat(payment.isSealed()).isTrue();
        Object card = mapper.readValue(
                "{\"cardNumber\": \"4111111111111111\", \"expiry\": \"12/30\", \"amount\": 10}", payment);
        Object transfer = mapper.readValue("{\"iban\": \"DE89370400440532013000\", \"amount\": 5}", payment);
        // a card number without its required expiry does not make a card payment
        Object mixed = mapper.readValue("{\"iban\": \"DE89\", \"cardNumber\": \"4111111111111111\"}", payment);
        assertThat(card.getClass().getSimpleName()).isEqualTo("CardPayment");
        assertThat(transfer.getClass().getSimpleName()).isEqualTo("BankTransfer");
        assertThat(mixed.getClass().getSimpleName()).isEqualTo("BankTransfer");
        assertThat(payment.getMethod("amount").invoke(card)).isEqualTo(new java.math.BigDecimal("10"));
        assertThat(violations(mapper.readValue("{\"cardNumber\": \"4111\", \"expiry\": \"1\"}", payment)))
                .containsExactly("cardNumber: length must be at least 12");
        for (String none : List.of("{\"amount\": 1}", "{\"cardNumber\": \"4111111111111111\"}", "\"card\"", "[]")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.readValue(none, payment))
                    .as(none)
                    .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
                    .hasMessageStartingWith("must match one of: CardPayment, BankTransfer");
        }
    }

    @Test
    void recursiveSchemaBecomesRecursiveRecord() throws Exception {
        assertThat(file("Node")).contains("List<Node> children");
        Object tree = mapper.readValue(
                "{\"name\": \"root\", \"children\": [{\"name\": \"a\"}, {\"name\": \"\", \"children\": [{}]}]}",
                type("Node"));
        assertThat(violations(tree))
                .containsExactly(
                        "children[1].name: length must be at least 1", "children[1].children[0].name: is required");
    }

    @Test
    void formatsRoundTripThroughJackson() throws Exception {
        String json = "{\"id\":\"3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11\",\"day\":\"2024-02-29\","
                + "\"when\":\"2024-01-15T10:30:00+02:00\",\"home\":\"https://example.com/x\",\"blob\":\"aGVsbG8=\","
                + "\"money\":12.345,\"step\":7,\"requiredNullable\":null,\"labels\":{\"a\":\"toolong\"}}";
        Object everything = mapper.readValue(json, type("Everything"));
        String back = mapper.writeValueAsString(everything);
        assertThat(back)
                .contains("\"id\":\"3f1c8f59-3f0e-4e8a-9a44-0c7d2b0a9e11\"")
                .contains("\"day\":\"2024-02-29\"")
                .contains("\"when\":\"2024-01-15T10:30:00+02:00\"")
                .contains("\"blob\":\"aGVsbG8=\"")
                .contains("\"money\":12.345")
                .contains("\"requiredNullable\":null")
                .doesNotContain("\"small\"");
        assertThat(violations(everything))
                .containsExactly("step: must be a multiple of 5", "labels.a: length must be at most 3");
    }

    @Test
    void additionalPropertiesAreKeptInAMap() throws Exception {
        Object value = mapper.readValue("{\"known\": \"k\", \"x\": 1, \"y\": 2}", type("Extensible"));
        assertThat(mapper.writeValueAsString(value)).isEqualTo("{\"known\":\"k\",\"x\":1,\"y\":2}");
    }
}
