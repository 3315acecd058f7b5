/** backendkit schema: JDBC schema analysis, EXPLAIN-based index advice, schema diff, and a migration runner with linting. */
module io.backendkit.schema {
    exports io.backendkit.schema;

    requires transitive io.backendkit.core;
    requires org.slf4j;
    requires transitive java.sql;
    requires static org.assertj.core;
}
