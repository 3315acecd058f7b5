package io.backendkit.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.backendkit.codegen.internal.DbDocumentWriter;
import java.util.Objects;

/**
 * An OpenAPI 3.1 document for a CRUD API over the tables of a {@link DbModel}, the original toolkit's
 * {@code --from-db}; hand it on to {@link OpenApiCodegen} for code in any {@link Target}.
 *
 * <pre>{@code
 * OpenApiFromDb api = OpenApiFromDb.of(model).title("Library API").version("1.0.0");
 * Files.writeString(Path.of("library.yaml"), api.toYaml());
 * GeneratedSources sources = api.codegen().basePackage("com.acme.library").client(true).generate();
 * }</pre>
 *
 * <p>Per table {@code t} (path segment and schema names sanitised from the table's name):
 *
 * <ul>
 *   <li>{@code GET /t}: a page of rows in primary-key order ({@code limit}, an opaque {@code cursor}, and an
 *       equality filter per leading index column and foreign-key column); {@code POST /t}: insert, 201 with the
 *       stored row;
 *   <li>with a primary key, {@code GET/PUT/PATCH/DELETE /t/{k1}/{k2}...}, one path parameter per key column (so
 *       composite keys work); PATCH changes only the properties sent;
 *   <li>per foreign key that references its parent's primary key, {@code GET /parent/{k}/t}: the rows that
 *       reference one parent row ({@code /parent/{k}/t-by-col} when several keys, or the table itself, are the
 *       parent);
 *   <li>schemas {@code T} (the row; generated columns read-only), {@code TCreate}, {@code TUpdate}, {@code TPatch}
 *       and {@code TPage}, with types, nullability, lengths, integer and decimal ranges, enums from allowed
 *       values and comments as descriptions.
 * </ul>
 *
 * <p>Output is deterministic: the same model gives the same text, byte for byte. Immutable and thread-safe.
 */
public final class OpenApiFromDb {

    private final DbModel model;
    private final String title;
    private final String version;
    private final int defaultLimit;
    private final int maxLimit;

    private OpenApiFromDb(DbModel model, String title, String version, int defaultLimit, int maxLimit) {
        this.model = model;
        this.title = title;
        this.version = version;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /**
     * A document for these tables, titled "Database API", version 1.0.0, pages of 50 rows and at most 500.
     *
     * @param model the tables
     * @return the generator
     * @throws NullPointerException when {@code model} is null
     */
    public static OpenApiFromDb of(DbModel model) {
        return new OpenApiFromDb(Objects.requireNonNull(model, "model"), "Database API", "1.0.0", 50, 500);
    }

    /**
     * The document's title.
     *
     * @param newTitle the title
     * @return a copy with that title
     * @throws IllegalArgumentException when the title is blank
     */
    public OpenApiFromDb title(String newTitle) {
        if (newTitle == null || newTitle.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        return new OpenApiFromDb(model, newTitle, version, defaultLimit, maxLimit);
    }

    /**
     * The document's version.
     *
     * @param newVersion the version
     * @return a copy with that version
     * @throws IllegalArgumentException when the version is blank
     */
    public OpenApiFromDb version(String newVersion) {
        if (newVersion == null || newVersion.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        return new OpenApiFromDb(model, title, newVersion, defaultLimit, maxLimit);
    }

    /**
     * The page sizes of every list.
     *
     * @param defaultRows rows per page when the client gives no {@code limit}
     * @param maxRows the largest {@code limit} allowed
     * @return a copy with these limits
     * @throws IllegalArgumentException unless {@code 1 <= defaultRows <= maxRows}
     */
    public OpenApiFromDb pageSize(int defaultRows, int maxRows) {
        if (defaultRows < 1 || defaultRows > maxRows) {
            throw new IllegalArgumentException(
                    "page size needs 1 <= default <= max (was " + defaultRows + ", " + maxRows + ")");
        }
        return new OpenApiFromDb(model, title, version, defaultRows, maxRows);
    }

    /**
     * The document as YAML.
     *
     * @return the text, ending with a line break
     */
    public String toYaml() {
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
        return write(yaml);
    }

    /**
     * The document as JSON, indented.
     *
     * @return the text, ending with a line break
     */
    public String toJson() {
        return write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)) + "\n";
    }

    /**
     * A code generator for the document.
     *
     * @return {@link OpenApiCodegen#fromSpecText(String)} of {@link #toJson()}
     */
    public OpenApiCodegen codegen() {
        return OpenApiCodegen.fromSpecText(toJson());
    }

    private String write(ObjectMapper mapper) {
        ObjectNode doc =
                DbDocumentWriter.write(model, new DbDocumentWriter.Settings(title, version, defaultLimit, maxLimit));
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document tree could not be written: " + e.getMessage(), e);
        }
    }
}
