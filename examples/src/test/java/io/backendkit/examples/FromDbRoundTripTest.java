package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import demo.library.client.ApiClient;
import demo.library.client.ApiClientException;
import demo.library.client.BookClient;
import demo.library.model.Book;
import demo.library.model.BookCreate;
import demo.library.model.BookPage;
import demo.library.model.BookPatch;
import demo.library.model.BookStatus;
import demo.library.model.BookUpdate;
import demo.library.server.ApiRouter;
import demo.library.server.ApiServer;
import io.backendkit.codegen.OpenApiFromDb;
import io.backendkit.schema.Catalog;
import io.backendkit.schema.Schema;
import io.backendkit.testsupport.DatabaseServer;
import io.backendkit.testsupport.ScratchDatabase;
import io.backendkit.testsupport.ScratchDatabases;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The from-db example end to end, on PostgreSQL and MariaDB: the library schema is created on a scratch database,
 * its live catalog gives the same API document as the build read offline from {@code library-postgres.sql} (so the
 * generated code fits both servers), and the generated client drives the generated JDK server over a JDBI handler:
 * it creates rows, pages through them with the cursor, filters, patches, replaces and deletes them, and each step is
 * checked in the database itself.
 */
class FromDbRoundTripTest {

    @RegisterExtension
    static final ScratchDatabases DATABASES = new ScratchDatabases();

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void theGeneratedClientAndServerReadAndWriteRealRows(DatabaseServer server) throws Exception {
        ScratchDatabase db = DATABASES.get(server);
        Jdbi jdbi = Jdbi.create(db.dataSource());
        String script = server == DatabaseServer.POSTGRESQL ? "demo/library-postgres.sql" : "demo/library-mariadb.sql";
        jdbi.useHandle(h -> h.createScript(Demo.resource(script)).execute());

        // the live catalog gives the document the build generated the code from
        Catalog live = Schema.connect(db.dataSource()).read();
        String liveDocument = OpenApiFromDb.of(CatalogApi.model(live, Map.of()))
                .title("Library API")
                .version("1.0.0")
                .toYaml();
        assertThat(liveDocument).isEqualTo(GenerateLibraryService.api().toYaml());

        long author = jdbi.withHandle(h -> h.createUpdate("INSERT INTO author (name) VALUES ('Ursula')")
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        long other = jdbi.withHandle(h -> h.createUpdate("INSERT INTO author (name) VALUES ('Italo')")
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        ApiRouter router =
                ApiRouter.builder().book(new JdbiBooks(jdbi)).envelope(false).build();
        try (ApiServer api = ApiServer.start(router, new InetSocketAddress("127.0.0.1", 0));
                ApiClient http = ApiClient.builder(URI.create("http://127.0.0.1:" + api.port()))
                        .envelope(false)
                        .build()) {
            BookClient books = new BookClient(http);

            // create: defaults from the database fill what the body leaves out
            List<Book> created = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                created.add(books.createBook(new BookCreate(
                        "Book " + i, i <= 3 ? author : other, null, new BigDecimal("9.50"), null, null)));
            }
            assertThat(created).extracting(Book::status).containsOnly(BookStatus.DRAFT);
            assertThat(created).extracting(Book::inPrint).containsOnly(true);
            assertThat(count(jdbi, "SELECT COUNT(*) FROM book")).isEqualTo(5);

            // list: pages of two through the cursor, every row once, in key order
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                BookPage page = books.listBook(2, cursor, null, null);
                page.items().forEach(b -> seen.add(b.id()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen)
                    .containsExactlyElementsOf(created.stream().map(Book::id).toList());

            // filters and the nested list from the foreign key
            assertThat(books.listBook(null, null, other, null).items()).hasSize(2);
            assertThat(books.listBookByAuthorId(author, null, null).items()).hasSize(3);

            // patch changes only what it sends; the row in the database says so
            long first = created.get(0).id();
            Book patched =
                    books.patchBook(first, new BookPatch(null, null, BookStatus.OUT_OF_PRINT, null, false, null));
            assertThat(patched.status()).isEqualTo(BookStatus.OUT_OF_PRINT);
            assertThat(patched.title()).isEqualTo("Book 1");
            assertThat(text(jdbi, "SELECT status FROM book WHERE id = " + first))
                    .isEqualTo("out of print");
            assertThat(books.listBook(null, null, null, BookStatus.OUT_OF_PRINT).items())
                    .extracting(Book::id)
                    .containsExactly(first);

            // put replaces the row
            OffsetDateTime when = OffsetDateTime.parse("2024-05-01T10:15:30Z");
            Book replaced = books.updateBook(
                    first,
                    new BookUpdate(
                            "The Dispossessed", other, BookStatus.PUBLISHED, new BigDecimal("12.00"), true, when));
            assertThat(replaced.addedAt()).isEqualTo(when);
            assertThat(text(jdbi, "SELECT title FROM book WHERE id = " + first)).isEqualTo("The Dispossessed");

            // validation happens before the handler: a title longer than the column is a 400 naming the field
            assertThatThrownBy(() -> books.createBook(new BookCreate("x".repeat(301), author, null, null, null, null)))
                    .isInstanceOfSatisfying(ApiClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.details())
                                .anySatisfy(v -> assertThat(v.field()).isEqualTo("title"));
                    });
            assertThat(count(jdbi, "SELECT COUNT(*) FROM book")).isEqualTo(5);

            // delete removes the row; reading it again is a 404
            books.deleteBook(first);
            assertThat(count(jdbi, "SELECT COUNT(*) FROM book WHERE id = " + first))
                    .isZero();
            assertThatThrownBy(() -> books.getBook(first))
                    .isInstanceOfSatisfying(
                            ApiClientException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> books.listBook(2, "not-a-cursor!", null, null))
                    .isInstanceOfSatisfying(
                            ApiClientException.class,
                            e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    private static String text(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
