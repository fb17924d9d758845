package com.anastig.platform.db;

import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The database. {@code embedded} starts PostgreSQL from Maven-served binaries with its data in
 * {@code embeddedDataDirectory}; {@code external} connects to {@code url}. Either way the schema is
 * owned and migrated by {@code owner}, and the application runs as {@code app} (not an owner, not a
 * superuser), so row-level security applies to it. {@code crossTenant} is the separate role of the few
 * named services whose work spans organizations (operator views, job claims, chain verification);
 * ordinary requests never hold a connection as it.
 */
public record DatabaseConfig(
    @NotNull Mode mode,
    Path embeddedDataDirectory,
    @Min(0) @Max(65535) Integer embeddedPort,
    String url,
    @Valid @NotNull Credentials owner,
    @Valid @NotNull Credentials app,
    @Valid @NotNull Credentials crossTenant,
    @Min(1) @Max(500) Integer maxPoolSize,
    @NotNull Duration connectionTimeout) {

    public enum Mode { EMBEDDED, EXTERNAL }

    public DatabaseConfig {
        embeddedDataDirectory = embeddedDataDirectory == null ? Path.of("data", "postgres") : embeddedDataDirectory;
        embeddedPort = embeddedPort == null ? 0 : embeddedPort;
        maxPoolSize = maxPoolSize == null ? 16 : maxPoolSize;
        connectionTimeout = connectionTimeout == null ? Duration.seconds(5) : connectionTimeout;
    }

    /** The external mode needs a URL; the embedded mode makes its own. */
    @jakarta.validation.constraints.AssertTrue(message = "database.url is required when database.mode is external")
    public boolean isUrlPresentWhenExternal() {
        return mode != Mode.EXTERNAL || (url != null && url.startsWith("jdbc:postgresql:"));
    }

    /** A database role and its password. */
    public record Credentials(@NotNull @jakarta.validation.constraints.Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String user,
                              @NotNull String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", password=********]";
        }
    }
}
