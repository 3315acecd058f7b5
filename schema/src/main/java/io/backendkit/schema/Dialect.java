package io.backendkit.schema;

import java.util.Locale;

/**
 * The SQL dialects backendkit's schema tools know, detected from a JDBC connection's product name.
 */
public enum Dialect {
    /** PostgreSQL: transactional DDL, advisory locks, dollar quoting, {@code CREATE INDEX CONCURRENTLY}. */
    POSTGRESQL(true),
    /** MySQL and MariaDB: DDL commits implicitly, {@code GET_LOCK}, backtick identifiers. */
    MYSQL(false),
    /** H2: DDL commits implicitly. */
    H2(false),
    /** SQLite: transactional DDL, one writer at a time. */
    SQLITE(true),
    /** Any other JDBC database, treated conservatively (no transactional DDL assumed). */
    OTHER(false);

    private final boolean transactionalDdl;

    Dialect(boolean transactionalDdl) {
        this.transactionalDdl = transactionalDdl;
    }

    /**
     * Whether a failed migration's DDL is rolled back with its transaction.
     *
     * @return true for PostgreSQL and SQLite; false for MySQL/MariaDB, H2 and other databases
     */
    public boolean transactionalDdl() {
        return transactionalDdl;
    }

    /**
     * The dialect for a JDBC {@code DatabaseMetaData.getDatabaseProductName()} value.
     *
     * @param productName e.g. {@code PostgreSQL}, {@code MariaDB}, {@code MySQL}, {@code H2}, {@code SQLite}; may be null
     * @return the matching dialect (case-insensitive); {@link #OTHER} for null or an unknown product
     */
    public static Dialect fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        return OTHER;
    }
}
