/**
 * JUnit 5 support for tests against real databases: {@link io.backendkit.testsupport.ScratchDatabases}
 * gives each test class its own scratch schema on the servers named by {@link
 * io.backendkit.testsupport.DatabaseServer}, and {@link io.backendkit.testsupport.UrlDataSource} turns a
 * JDBC URL into a {@link javax.sql.DataSource}.
 */
package io.backendkit.testsupport;
