package com.anastig.platform.storage;

import com.anastig.platform.plugin.ManagedProvider;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantHandle;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.api.Timeouts;
import com.anastig.tenantconfig.PublicAddressPolicy;
import com.anastig.tenantconfig.Sealer;
import com.anastig.tenantconfig.StorageSecrets;
import com.anastig.tenantconfig.StorageSetting;
import com.anastig.tenantconfig.TenantConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where an organization's bytes are: the managed store (every key under {@code orgs/{orgId}/}) or
 * an instance of the {@code s3}/{@code minio} plugin for its own bucket (the plugin adds the bucket
 * prefix, so keys read {@code {prefix}orgs/{orgId}/...}). Own-bucket instances connect only through
 * the public-address policy (every connection resolved, checked and pinned; redirects off) with
 * the organization's static credentials, opened from their sealed form only here.
 */
public final class OrgStorage implements AutoCloseable {
    private final ManagedProvider<ObjectStore> managed;
    private final Function<String, StorageProviderFactory> factories;
    private final Sealer sealer;
    private final TenantConfigLoader loader;
    private final PublicAddressPolicy policy;
    private final Timeouts timeouts;
    private final Path workDir;
    private final Clock clock;
    private final Map<OrgId, Cached> instances = new ConcurrentHashMap<>();

    public OrgStorage(ManagedProvider<ObjectStore> managed, Function<String, StorageProviderFactory> factories, Sealer sealer,
                      TenantConfigLoader loader, PublicAddressPolicy policy, Timeouts timeouts, Path workDir, Clock clock) {
        this.managed = managed;
        this.factories = factories;
        this.sealer = sealer;
        this.loader = loader;
        this.policy = policy;
        this.timeouts = timeouts;
        this.workDir = workDir;
        this.clock = clock;
    }

    /** A stored setting: its JSON with the secret sealed, and its version (0: managed, never set). */
    public record Stored(String sealedJson, long version) {
        public static final Stored MANAGED = new Stored("{\"mode\":\"managed\"}", 0);
    }

    /** An opened store and the key prefix of the organization in it; closing closes only what was opened for the caller. */
    public record Opened(ObjectStore store, String base, boolean owned) implements AutoCloseable {
        public String key(String relative) {
            return base + relative;
        }

        @Override
        public void close() {
            if (owned) {
                store.close();
            }
        }
    }

    public Stored current(TenantHandle t) {
        return t.handle().createQuery("SELECT setting, version FROM org_storage WHERE org_id = :org").bind("org", t.org().value())
            .map((rs, ctx) -> new Stored(rs.getString(1), rs.getLong(2))).findOne().orElse(Stored.MANAGED);
    }

    /** The organization's current store, shared (do not close it): own-bucket instances are cached per setting version. */
    public Opened located(OrgId org, Stored stored) {
        StorageSetting setting = loader.parseStorageSetting(stored.sealedJson());
        if (setting instanceof StorageSetting.Managed) {
            return new Opened(managed.get(), base(org), false);
        }
        Cached cached = instances.compute(org, (id, old) -> {
            if (old != null && old.version() == stored.version()) {
                return old;
            }
            if (old != null) {
                old.store().close();
            }
            return new Cached(stored.version(), create(org, (StorageSetting.Byo) StorageSecrets.open(setting, sealer, org.toString())));
        });
        return new Opened(cached.store(), base(org), false);
    }

    /** A store for a setting (sealed or plain), opened for the caller alone; the caller closes it. */
    public Opened open(OrgId org, StorageSetting setting) {
        if (setting instanceof StorageSetting.Managed) {
            return new Opened(managed.get(), base(org), false);
        }
        StorageSetting plain = Sealer.isSealed(((StorageSetting.Byo) setting).secretAccessKey())
            ? StorageSecrets.open(setting, sealer, org.toString()) : setting;
        return new Opened(create(org, (StorageSetting.Byo) plain), base(org), true);
    }

    /** Seals the setting's secret for this organization and writes it as stored JSON. */
    public String seal(OrgId org, StorageSetting plain) {
        return loader.write(StorageSecrets.seal(plain, sealer, org.toString()));
    }

    public StorageSetting parse(String sealedJson) {
        return loader.parseStorageSetting(sealedJson);
    }

    /** Parses a request body (shape only: strict JSON, no unknown fields); the caller validates the values. */
    public StorageSetting parseStrict(byte[] json) {
        return loader.parseStorageSetting(json);
    }

    public Sealer sealer() {
        return sealer;
    }

    /** Forgets a cached instance (after the setting changed). */
    public void evict(OrgId org) {
        Optional.ofNullable(instances.remove(org)).ifPresent(c -> c.store().close());
    }

    private ObjectStore create(OrgId org, StorageSetting.Byo byo) {
        StorageProviderFactory factory = factories.apply(byo.provider().id());
        ProviderContext context = new ProviderContext(policy.outboundPolicyFor(URI.create(byo.endpoint()), timeouts), clock, workDir);
        return factory.create(withSinglePutUpTo(byo.toProviderSettings(), SINGLE_PUT_UP_TO), context);
    }

    /**
     * Objects of a known length up to this go to an organization's bucket in one streaming PUT rather than in
     * sequential multipart parts (the plugins' 8 MiB default): one request instead of three or more, and no part
     * buffer. Larger or unknown-length objects still go up in parts.
     */
    static final long SINGLE_PUT_UP_TO = 64L * 1024 * 1024;

    private static com.anastig.plugin.api.ProviderSettings withSinglePutUpTo(com.anastig.plugin.api.ProviderSettings settings, long bytes) {
        Map<String, String> values = new java.util.LinkedHashMap<>(settings.values());
        values.putIfAbsent("multipartThreshold", Long.toString(bytes));
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        settings.secretNames().forEach(name -> secrets.put(name, settings.secret(name).orElseThrow()));
        return new com.anastig.plugin.api.ProviderSettings(values, secrets);
    }

    static String base(OrgId org) {
        return "orgs/" + org + "/";
    }

    @Override
    public void close() {
        instances.values().forEach(c -> c.store().close());
        instances.clear();
    }

    private record Cached(long version, ObjectStore store) {
    }
}
