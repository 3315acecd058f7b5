package io.backendkit.examples;

import demo.library.api.BookApi;
import demo.library.model.Book;
import demo.library.model.BookCreate;
import demo.library.model.BookPage;
import demo.library.model.BookPatch;
import demo.library.model.BookStatus;
import demo.library.model.BookUpdate;
import demo.library.server.ApiException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The handler a team writes for the generated {@code BookApi}: rows of {@code book} over JDBI, with keyset paging
 * (the cursor is the last id of a page, base64url-encoded), equality filters, and partial updates. SQL names the
 * table's own columns; every value is a bound parameter. Works on PostgreSQL and MariaDB alike.
 */
final class JdbiBooks implements BookApi {

    private static final String COLUMNS = "id, title, author_id, status, price, in_print, added_at";

    private final Jdbi jdbi;

    JdbiBooks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public BookPage listBook(Integer limit, String cursor, Long authorId, BookStatus status) {
        Map<String, Object> where = new LinkedHashMap<>();
        if (authorId != null) {
            where.put("author_id", authorId);
        }
        if (status != null) {
            where.put("status", status.value());
        }
        return page(where, limit, cursor);
    }

    @Override
    public BookPage listBookByAuthorId(long authorId, Integer limit, String cursor) {
        return page(Map.of("author_id", authorId), limit, cursor);
    }

    private BookPage page(Map<String, Object> where, Integer limit, String cursor) {
        int rows = limit == null ? 50 : limit;
        long after = cursor == null ? Long.MIN_VALUE : decode(cursor);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM book WHERE id > :after");
        // the keys are this class's own column names, never the client's
        where.keySet()
                .forEach(column ->
                        sql.append(" AND ").append(column).append(" = :").append(column));
        sql.append(" ORDER BY id LIMIT :rows");
        List<Book> found = jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("after", after).bind("rows", rows + 1);
            where.forEach(q::bind);
            return q.map((rs, ctx) -> book(rs)).list();
        });
        List<Book> items = new ArrayList<>(found.subList(0, Math.min(rows, found.size())));
        String next = found.size() > rows ? encode(items.get(items.size() - 1).id()) : null;
        return new BookPage(items, next);
    }

    @Override
    public Book createBook(BookCreate body) {
        long id = jdbi.inTransaction(h -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("title", body.title());
            values.put("author_id", body.authorId());
            if (body.status() != null) {
                values.put("status", body.status().value());
            }
            if (body.price() != null) {
                values.put("price", body.price());
            }
            if (body.inPrint() != null) {
                values.put("in_print", body.inPrint());
            }
            if (body.addedAt() != null) {
                values.put("added_at", local(body.addedAt()));
            }
            String sql = "INSERT INTO book (" + String.join(", ", values.keySet()) + ") VALUES (:"
                    + String.join(", :", values.keySet()) + ")";
            Update insert = h.createUpdate(sql);
            values.forEach(insert::bind);
            return insert.executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return getBook(id);
    }

    @Override
    public Book getBook(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    @Override
    public Book updateBook(long id, BookUpdate body) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", body.title());
        values.put("author_id", body.authorId());
        values.put("status", body.status().value());
        values.put("price", body.price());
        values.put("in_print", body.inPrint());
        values.put("added_at", local(body.addedAt()));
        return change(id, values);
    }

    @Override
    public Book patchBook(long id, BookPatch body) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (body.title() != null) {
            values.put("title", body.title());
        }
        if (body.authorId() != null) {
            values.put("author_id", body.authorId());
        }
        if (body.status() != null) {
            values.put("status", body.status().value());
        }
        if (body.price() != null) {
            values.put("price", body.price());
        }
        if (body.inPrint() != null) {
            values.put("in_print", body.inPrint());
        }
        if (body.addedAt() != null) {
            values.put("added_at", local(body.addedAt()));
        }
        return change(id, values);
    }

    private Book change(long id, Map<String, Object> values) {
        return jdbi.inTransaction(h -> {
            find(h, id);
            if (!values.isEmpty()) {
                StringBuilder sql = new StringBuilder("UPDATE book SET ");
                values.keySet()
                        .forEach(c -> sql.append(c).append(" = :").append(c).append(", "));
                sql.setLength(sql.length() - 2);
                sql.append(" WHERE id = :id");
                Update update = h.createUpdate(sql.toString()).bind("id", id);
                values.forEach(update::bind);
                update.execute();
            }
            return find(h, id);
        });
    }

    @Override
    public void deleteBook(long id) {
        int deleted = jdbi.withHandle(h ->
                h.createUpdate("DELETE FROM book WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw ApiException.notFound("no book has id " + id);
        }
    }

    private static Book find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM book WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> book(rs))
                .findOne()
                .orElseThrow(() -> ApiException.notFound("no book has id " + id));
    }

    private static Book book(ResultSet rs) throws SQLException {
        return new Book(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getLong("author_id"),
                BookStatus.fromValue(rs.getString("status")),
                rs.getBigDecimal("price"),
                rs.getBoolean("in_print"),
                rs.getObject("added_at", LocalDateTime.class).atOffset(ZoneOffset.UTC));
    }

    /** The column holds a timestamp without time zone: the API's instants are stored as UTC. */
    private static LocalDateTime local(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cursor is not one this API returned");
        }
    }
}
