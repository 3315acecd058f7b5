package io.backendkit.testsupport;

/** Rewrites a server's JDBC URL so its connections start in a given schema or database. */
final class JdbcUrls {

    private JdbcUrls() {}

    static String withSchema(DatabaseServer server, String url, String schema) {
        return switch (server) {
            case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            case MARIADB -> withDatabase(url, schema);
        };
    }

    /** {@code jdbc:mariadb://host:port/old?x=y} becomes {@code jdbc:mariadb://host:port/new?x=y}. */
    private static String withDatabase(String url, String database) {
        int authority = url.indexOf("//");
        if (authority < 0) {
            throw new IllegalArgumentException("not a host-based JDBC URL: " + ScratchDatabases.redact(url));
        }
        int query = url.indexOf('?', authority);
        String head = query < 0 ? url : url.substring(0, query);
        String tail = query < 0 ? "" : url.substring(query);
        int path = head.indexOf('/', authority + 2);
        String hostPart = path < 0 ? head : head.substring(0, path);
        return hostPart + "/" + database + tail;
    }
}
