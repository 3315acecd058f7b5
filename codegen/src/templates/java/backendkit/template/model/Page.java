package backendkit.template.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * One page of a list: what a handler returns, and the client gets back, for an operation whose
 * success response is an array and that the document marks with {@code x-pagination: true}. The
 * server writes the items as {@code data} and the rest as {@code pagination} of the success
 * envelope ({@code {"data": [...], "meta": {...}, "pagination": {"page", "limit", "total",
 * "hasMore"}}}, or {@code {"hasMore", "nextCursor"}} for cursors); without the envelope the body is
 * the items and the pagination travels as JSON in the {@code X-Pagination} header.
 *
 * <pre>{@code
 * return Page.of(items, page, limit, total);   // numbered pages, the first is 1
 * return Page.cursor(items, nextCursor);       // cursors; null when this is the last page
 * }</pre>
 *
 * <p>Immutable when {@code items} is.
 *
 * @param items the items of this page, in order
 * @param pagination where this page is in the whole list
 * @param <T> the item type
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public record Page<T>(List<T> items, Pagination pagination) {

    /** Checks that both parts are given. */
    public Page {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(pagination, "pagination");
    }

    /**
     * Page {@code page} (1-based) of {@code limit} items out of {@code total}.
     *
     * @throws IllegalArgumentException when page or limit is below 1 or total is negative
     */
    public static <T> Page<T> of(List<T> items, int page, int limit, long total) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1 (was " + page + ")");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 (was " + limit + ")");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0 (was " + total + ")");
        }
        return new Page<>(items, new Pagination(page, limit, total, (long) page * limit < total, null));
    }

    /**
     * A page of a list read with cursors.
     *
     * @param nextCursor what the client sends to get the next page; null when this is the last one
     */
    public static <T> Page<T> cursor(List<T> items, String nextCursor) {
        return new Page<>(items, new Pagination(null, null, null, nextCursor != null, nextCursor));
    }

    /** Whether more items follow this page. */
    public boolean hasMore() {
        return Boolean.TRUE.equals(pagination.hasMore());
    }

    /**
     * Where a page is. Fields that do not apply are null and left out of the JSON.
     *
     * @param page the page number, 1-based
     * @param limit the page size asked for
     * @param total how many items the whole list has
     * @param hasMore whether more items follow
     * @param nextCursor the cursor of the next page
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pagination(Integer page, Integer limit, Long total, Boolean hasMore, String nextCursor) {

        /** No information: a page whose response carried no pagination. */
        public static final Pagination NONE = new Pagination(null, null, null, null, null);
    }
}
