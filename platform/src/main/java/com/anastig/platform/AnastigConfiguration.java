package com.anastig.platform;

import com.anastig.platform.account.password.PasswordConfig;
import com.anastig.platform.cluster.HazelcastConfig;
import com.anastig.platform.config.MailConfig;
import com.anastig.platform.config.OutboundConfig;
import com.anastig.platform.config.SealingSection;
import com.anastig.platform.config.StorageConfig;
import com.anastig.platform.db.DatabaseConfig;
import com.anastig.platform.mail.OutboxConfig;
import com.anastig.platform.session.SessionConfig;
import com.anastig.platform.techdata.TechDataConfig;
import com.anastig.platform.throttle.ThrottleConfig;
import com.anastig.platform.plugin.PluginsConfig;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;

/**
 * The root of the configuration (deploy/embedded.yml, deploy/production.yml). Every section is an
 * immutable record; only this root extends Dropwizard's {@link Configuration} (for server, logging
 * and metrics).
 */
public class AnastigConfiguration extends Configuration {
    // constraints sit on the fields: the validator only inspects fields and getX() methods
    @NotNull
    private final URI publicBaseUrl;
    @NotNull
    private final Path dataDirectory;
    @Valid
    @NotNull
    private final DatabaseConfig database;
    @Valid
    @NotNull
    private final HazelcastConfig hazelcast;
    @Valid
    @NotNull
    private final PluginsConfig plugins;
    @Valid
    @NotNull
    private final StorageConfig storage;
    @Valid
    @NotNull
    private final MailConfig mail;
    @Valid
    @NotNull
    private final OutboundConfig outbound;
    @Valid
    @NotNull
    private final SealingSection sealing;
    @Valid
    @NotNull
    private final OutboxConfig mailOutbox;
    @Valid
    @NotNull
    private final TechDataConfig technicalData;
    @Valid
    @NotNull
    private final SessionConfig sessions;
    @Valid
    @NotNull
    private final PasswordConfig passwords;
    @Valid
    @NotNull
    private final ThrottleConfig throttle;
    @Valid
    @NotNull
    private final com.anastig.platform.job.JobConfig jobs;
    @Valid
    @NotNull
    private final com.anastig.platform.workspace.WorkspaceConfig workspace;
    @Valid
    @NotNull
    private final com.anastig.platform.privacy.RetentionConfig retention;

    @JsonCreator
    public AnastigConfiguration(@JsonProperty("publicBaseUrl") URI publicBaseUrl,
                                @JsonProperty("dataDirectory") Path dataDirectory,
                                @JsonProperty("database") DatabaseConfig database,
                                @JsonProperty("hazelcast") HazelcastConfig hazelcast,
                                @JsonProperty("plugins") PluginsConfig plugins,
                                @JsonProperty("storage") StorageConfig storage,
                                @JsonProperty("mail") MailConfig mail,
                                @JsonProperty("outbound") OutboundConfig outbound,
                                @JsonProperty("sealing") SealingSection sealing,
                                @JsonProperty("mailOutbox") OutboxConfig mailOutbox,
                                @JsonProperty("technicalData") TechDataConfig technicalData,
                                @JsonProperty("sessions") SessionConfig sessions,
                                @JsonProperty("passwords") PasswordConfig passwords,
                                @JsonProperty("throttle") ThrottleConfig throttle,
                                @JsonProperty("jobs") com.anastig.platform.job.JobConfig jobs,
                                @JsonProperty("workspace") com.anastig.platform.workspace.WorkspaceConfig workspace,
                                @JsonProperty("retention") com.anastig.platform.privacy.RetentionConfig retention) {
        this.publicBaseUrl = publicBaseUrl;
        this.dataDirectory = dataDirectory == null ? Path.of("data") : dataDirectory;
        this.database = database;
        this.hazelcast = hazelcast == null ? HazelcastConfig.defaults() : hazelcast;
        this.plugins = plugins;
        this.storage = storage;
        this.mail = mail;
        this.outbound = outbound == null ? OutboundConfig.defaults() : outbound;
        this.sealing = sealing;
        this.mailOutbox = mailOutbox == null ? OutboxConfig.defaults() : mailOutbox;
        this.technicalData = technicalData == null ? TechDataConfig.defaults() : technicalData;
        this.sessions = sessions == null ? SessionConfig.defaults() : sessions;
        this.passwords = passwords == null ? PasswordConfig.defaults() : passwords;
        this.throttle = throttle == null ? ThrottleConfig.defaults() : throttle;
        this.jobs = jobs == null ? com.anastig.platform.job.JobConfig.defaults() : jobs;
        this.workspace = workspace == null ? com.anastig.platform.workspace.WorkspaceConfig.defaults() : workspace;
        this.retention = retention == null ? com.anastig.platform.privacy.RetentionConfig.defaults() : retention;
    }

    /** Background jobs: workers per node, polling, leases and retries. */
    @JsonProperty
    public com.anastig.platform.job.JobConfig jobs() {
        return jobs;
    }

    /** Retention periods the operator sets. */
    @JsonProperty
    public com.anastig.platform.privacy.RetentionConfig retention() {
        return retention;
    }

    /** Workspace data: image and artifact limits, URL lifetimes, thumbnails. */
    @JsonProperty
    public com.anastig.platform.workspace.WorkspaceConfig workspace() {
        return workspace;
    }

    /** Cluster-wide rate limits. */
    @JsonProperty
    public ThrottleConfig throttle() {
        return throttle;
    }

    /** Password hashing cost and its thread pool. */
    @JsonProperty
    public PasswordConfig passwords() {
        return passwords;
    }

    /** Trusted proxies, the country header and the GeoIP database. */
    @JsonProperty
    public TechDataConfig technicalData() {
        return technicalData;
    }

    /** Session lifetimes. */
    @JsonProperty
    public SessionConfig sessions() {
        return sessions;
    }

    /** Where the keys that seal secrets at rest come from. */
    @JsonProperty
    public SealingSection sealing() {
        return sealing;
    }

    /** How the mail outbox is sent and retried. */
    @JsonProperty
    public OutboxConfig mailOutbox() {
        return mailOutbox;
    }

    /** The address people use (links in mails are built from it, never from a request's Host). */
    @JsonProperty
    public URI publicBaseUrl() {
        return publicBaseUrl;
    }

    /** Where the platform keeps local state (work folders of plugins, the embedded default's data). */
    @JsonProperty
    public Path dataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public DatabaseConfig database() {
        return database;
    }

    @JsonProperty
    public HazelcastConfig hazelcast() {
        return hazelcast;
    }

    @JsonProperty
    public PluginsConfig plugins() {
        return plugins;
    }

    @JsonProperty
    public StorageConfig storage() {
        return storage;
    }

    @JsonProperty
    public MailConfig mail() {
        return mail;
    }

    @JsonProperty
    public OutboundConfig outbound() {
        return outbound;
    }

    @jakarta.validation.constraints.AssertTrue(message = "publicBaseUrl must be an absolute http(s) URL without path, query or credentials")
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isPublicBaseUrlValid() {
        if (publicBaseUrl == null) {
            return true;
        }
        String scheme = publicBaseUrl.getScheme();
        return ("http".equals(scheme) || "https".equals(scheme)) && publicBaseUrl.getHost() != null
            && publicBaseUrl.getRawUserInfo() == null && publicBaseUrl.getRawQuery() == null
            && (publicBaseUrl.getRawPath() == null || publicBaseUrl.getRawPath().isEmpty() || "/".equals(publicBaseUrl.getRawPath()));
    }
}
