package io.backendkit.testsupport;

/**
 * The database servers backendkit tests run against, each named by the environment variable that
 * holds its JDBC URL.
 */
public enum DatabaseServer {
    /** PostgreSQL; URL in {@code BACKENDKIT_PG_URL}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
    POSTGRESQL("PostgreSQL", "BACKENDKIT_PG_URL"),
    /**
     * MySQL or MariaDB through MariaDB Connector/J; URL in {@code BACKENDKIT_MYSQL_URL}, e.g. {@code
     * jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable}.
     */
    MARIADB("MariaDB", "BACKENDKIT_MYSQL_URL");

    /** Set to {@code 1} to turn "server not configured" skips into failures (CI does). */
    public static final String REQUIRE_ENV = "BACKENDKIT_REQUIRE_DBS";

    private final String displayName;
    private final String urlEnv;

    DatabaseServer(String displayName, String urlEnv) {
        this.displayName = displayName;
        this.urlEnv = urlEnv;
    }

    /**
     * A name for messages and skip reasons.
     *
     * @return the server's product name, e.g. {@code PostgreSQL}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The environment variable holding the server's JDBC URL, credentials included.
     *
     * @return the variable name, e.g. {@code BACKENDKIT_PG_URL}
     */
    public String urlEnv() {
        return urlEnv;
    }
}
