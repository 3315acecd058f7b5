package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.backendkit.codegen.DbModel.Column;
import io.backendkit.codegen.DbModel.ColumnType;
import io.backendkit.codegen.DbModel.ForeignKey;
import io.backendkit.codegen.DbModel.Table;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN a database model with composite keys, a self-reference, enums, decimals and hostile names WHEN turned into
 * an OpenAPI document THEN the document is valid OpenAPI 3.1, deterministic, names every operation the issue asks
 * for, and generates code that compiles without a warning for every target.
 */
class FromDbTest {

    static final String HOSTILE = "*/ \"quoted\" {braces} \\ end";

    static DbModel library() {
        Table author = new Table(
                "author",
                List.of(
                        Column.of("id", ColumnType.BIGINT).asGenerated(),
                        Column.of("name", ColumnType.STRING).maxLength(200).comment("Full name " + HOSTILE),
                        Column.of("born", ColumnType.DATE).asNullable()),
                List.of("id"),
                List.of(),
                List.of(List.of("name")),
                "People who write " + HOSTILE);
        Table book = new Table(
                "book",
                List.of(
                        Column.of("id", ColumnType.BIGINT).asGenerated(),
                        Column.of("title", ColumnType.STRING).maxLength(300),
                        Column.of("author_id", ColumnType.BIGINT),
                        Column.of("co_author_id", ColumnType.BIGINT).asNullable(),
                        Column.of("status", ColumnType.STRING)
                                .allowed(List.of("draft", "published", "out of print"))
                                .withDefault(),
                        Column.of("price", ColumnType.DECIMAL).digits(8, 2).asNullable(),
                        Column.of("pages", ColumnType.SMALLINT).asNullable(),
                        Column.of("meta", ColumnType.JSON).asNullable(),
                        Column.of("cover", ColumnType.BINARY).asNullable(),
                        Column.of("isbn", ColumnType.UUID).asNullable(),
                        Column.of("updated_at", ColumnType.TIMESTAMP_WITH_TIME_ZONE)
                                .withDefault()),
                List.of("id"),
                List.of(
                        new ForeignKey("book_author_fk", List.of("author_id"), "author", List.of("id")),
                        new ForeignKey("book_co_author_fk", List.of("co_author_id"), "author", List.of("id"))),
                List.of(List.of("status", "title")),
                null);
        Table tag = new Table(
                "book_tag",
                List.of(
                        Column.of("book_id", ColumnType.BIGINT),
                        Column.of("tag", ColumnType.STRING).maxLength(40),
                        Column.of("weight", ColumnType.INTEGER).withDefault()),
                List.of("book_id", "tag"),
                List.of(new ForeignKey(null, List.of("book_id"), "book", List.of("id"))),
                List.of(),
                null);
        Table employee = new Table(
                "employee",
                List.of(
                        Column.of("id", ColumnType.INTEGER).asGenerated(),
                        Column.of("manager_id", ColumnType.INTEGER).asNullable(),
                        Column.of("limit", ColumnType.STRING).asNullable(),
                        Column.of("grade", ColumnType.STRING)
                                .allowed(List.of("junior", "senior"))
                                .asNullable()),
                List.of("id"),
                List.of(new ForeignKey("mgr", List.of("manager_id"), "employee", List.of("id"))),
                List.of(List.of("limit")),
                null);
        Table hostile = new Table(
                "order line/" + HOSTILE,
                List.of(
                        Column.of("order id", ColumnType.BIGINT),
                        Column.of("line", ColumnType.INTEGER),
                        Column.of("class", ColumnType.STRING).comment(HOSTILE)),
                List.of("order id", "line"),
                List.of(),
                List.of(),
                HOSTILE);
        Table log = new Table(
                "audit_log",
                List.of(Column.of("at", ColumnType.TIMESTAMP), Column.of("what", ColumnType.STRING)),
                List.of(),
                List.of(),
                List.of(),
                null);
        return new DbModel(List.of(author, book, tag, employee, hostile, log));
    }

    @Test
    void theDocumentIsValidOpenApi31WithTheCrudPathsOfEveryTable() throws Exception {
        String yaml = OpenApiFromDb.of(library()).title("Library").toYaml();

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(yaml, null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");

        JsonNode doc = new YAMLMapper().readTree(yaml);
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .contains(
                        "/author",
                        "/author/{id}",
                        "/book",
                        "/book/{id}",
                        // composite key: one path parameter per key column
                        "/book-tag/{book_id}/{tag}",
                        // nested lists from foreign keys; two keys to author are told apart by their columns
                        "/author/{author_id}/book-by-author-id",
                        "/author/{co_author_id}/book-by-co-author-id",
                        "/book/{book_id}/book-tag",
                        // a self-reference
                        "/employee/{manager_id}/employee-by-manager-id",
                        // a table without a key: list and create only
                        "/audit-log");
        assertThat(paths).noneMatch(p -> p.startsWith("/audit-log/"));
        // hostile names never reach a path or a parameter name unsanitised
        assertThat(paths).allMatch(p -> p.matches("(/([a-z0-9-]+|\\{[A-Za-z0-9_]+}))+"));
        JsonNode book = doc.path("components").path("schemas").path("Book");
        assertThat(book.path("properties").path("id").path("readOnly").asBoolean())
                .isTrue();
        assertThat(book.path("properties").path("title").path("maxLength").asInt())
                .isEqualTo(300);
        assertThat(book.path("properties")
                        .path("price")
                        .path("exclusiveMaximum")
                        .asInt())
                .isEqualTo(1_000_000);
        // an enum column is one component, shared by the row, the bodies and the filter
        assertThat(book.path("properties").path("status").path("$ref").asText())
                .isEqualTo("#/components/schemas/BookStatus");
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("BookStatus")
                        .path("enum")
                        .toString())
                .isEqualTo("[\"draft\",\"published\",\"out of print\"]");
        assertThat(book.path("required").toString()).contains("\"title\"").doesNotContain("\"price\"");
        JsonNode create = doc.path("components").path("schemas").path("BookCreate");
        assertThat(create.path("properties").has("id")).isFalse();
        // a column with a default is optional on create
        assertThat(create.path("required").toString()).doesNotContain("status").contains("title");
        JsonNode patch = doc.path("components").path("schemas").path("BookPatch");
        assertThat(patch.has("required")).isFalse();
        assertThat(patch.path("minProperties").asInt()).isEqualTo(1);
        // filters on the leading index column and the foreign-key columns; "limit" is renamed off the page limit
        List<String> filters = new ArrayList<>();
        doc.path("paths")
                .path("/book")
                .path("get")
                .path("parameters")
                .forEach(p -> filters.add(p.path("name").asText(p.path("$ref").asText())));
        assertThat(filters)
                .containsExactly(
                        "#/components/parameters/Limit",
                        "#/components/parameters/Cursor",
                        "author_id",
                        "co_author_id",
                        "status");
        List<String> employeeFilters = new ArrayList<>();
        doc.path("paths")
                .path("/employee")
                .path("get")
                .path("parameters")
                .forEach(p -> employeeFilters.add(p.path("name").asText("")));
        assertThat(employeeFilters).contains("manager_id", "where_limit");
        // table and column comments are descriptions, kept as written
        assertThat(doc.path("components")
                        .path("schemas")
                        .path("Author")
                        .path("description")
                        .asText())
                .isEqualTo("People who write " + HOSTILE);
    }

    @Test
    void theSameModelGivesTheSameTextAndYamlAndJsonAgree() throws Exception {
        OpenApiFromDb api = OpenApiFromDb.of(library());
        assertThat(api.toYaml()).isEqualTo(OpenApiFromDb.of(library()).toYaml());
        assertThat(api.toJson()).isEqualTo(OpenApiFromDb.of(library()).toJson());
        assertThat(new YAMLMapper().readTree(api.toYaml())).isEqualTo(new ObjectMapper().readTree(api.toJson()));
    }

    @Test
    void theDocumentGeneratesCodeThatCompilesWithoutWarnings(@TempDir Path classes) {
        GeneratedSources sources = OpenApiFromDb.of(library())
                .codegen()
                .basePackage("com.acme.library")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        assertThat(sources.file("com/acme/library/api/BookApi.java")).isPresent();
        assertThat(sources.files())
                .extracting(GeneratedFile::path)
                .filteredOn(p -> p.endsWith("Status.java"))
                .containsExactly("com/acme/library/model/BookStatus.java");
    }

    @Test
    void upperCaseNamesGiveReadableTypeNames() {
        Table upper = new Table(
                "BOOK_TAG",
                List.of(Column.of("BOOK_ID", ColumnType.BIGINT), Column.of("orderLine", ColumnType.INTEGER)),
                List.of("BOOK_ID"),
                List.of(),
                List.of(),
                null);
        String yaml = OpenApiFromDb.of(new DbModel(List.of(upper))).toYaml();
        assertThat(yaml)
                .contains("operationId: listBookTag")
                .contains("BookTagPage:")
                .contains("/book-tag/{BOOK_ID}:");
    }

    @Test
    void inconsistentModelsAreRefusedNamingTheTableAndColumn() {
        Column id = Column.of("id", ColumnType.BIGINT);
        assertThatThrownBy(() -> new Table("t", List.of(id), List.of("nope"), List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table 't': primary key column 'nope' is not a column of the table");
        assertThatThrownBy(() -> new Table("t", List.of(id, id), List.of(), List.of(), List.of(), null))
                .hasMessage("table 't': column 'id' appears twice");
        Table child = new Table(
                "child",
                List.of(id),
                List.of(),
                List.of(new ForeignKey(null, List.of("id"), "parent", List.of("id"))),
                List.of(),
                null);
        assertThatThrownBy(() -> new DbModel(List.of(child)))
                .hasMessage("table 'child': foreign key [id] references table 'parent', which is not in the model");
    }
}
