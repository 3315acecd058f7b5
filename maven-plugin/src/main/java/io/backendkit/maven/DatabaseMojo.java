package io.backendkit.maven;

import io.backendkit.maven.internal.DriverDataSource;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every goal that talks to a database shares: the JDBC URL and the credentials, given directly or through a
 * {@code <server>} of {@code settings.xml} (its password may be encrypted with {@code mvn --encrypt-password}). The
 * password is never logged. PostgreSQL, MariaDB/MySQL, H2 and SQLite drivers come with the plugin; another driver
 * can be added as a plugin dependency.
 */
public abstract class DatabaseMojo extends AbstractMojo {

    /** For subclasses; Maven creates the goals and injects the parameters. */
    public DatabaseMojo() {}

    /** The JDBC URL, for example {@code jdbc:postgresql://127.0.0.1:5432/shop}. */
    @Parameter(property = "backendkit.url", required = true)
    String url;

    /** The database user; overrides the one of {@link #serverId}. */
    @Parameter(property = "backendkit.user")
    String user;

    /** The database password; overrides the one of {@link #serverId}. Never logged. */
    @Parameter(property = "backendkit.password")
    String password;

    /** The id of a {@code <server>} in {@code settings.xml} whose username and password to use. */
    @Parameter(property = "backendkit.serverId")
    String serverId;

    /** Skips the goal. */
    @Parameter(property = "backendkit.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Inject
    SettingsDecrypter decrypter;

    /** The URL without its query string or user info, safe to print. */
    String safeUrl() {
        return DriverDataSource.safeUrl(url);
    }

    /** A data source whose first connection has been opened, so that an unreachable database says so at once. */
    DataSource dataSource() throws MojoExecutionException {
        String u = user;
        String p = password;
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new MojoExecutionException("serverId " + serverId + ": no such <server> in settings.xml");
            }
            if (decrypter != null) {
                SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
                for (SettingsProblem problem : result.getProblems()) {
                    if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                        throw new MojoExecutionException("serverId " + serverId + ": cannot decrypt its password ("
                                + problem.getMessage() + ")");
                    }
                }
                server = result.getServer();
            }
            if (u == null) {
                u = server.getUsername();
            }
            if (p == null) {
                p = server.getPassword();
            }
        }
        try {
            return DriverDataSource.open(url, u, p);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
