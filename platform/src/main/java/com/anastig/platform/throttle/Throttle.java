package com.anastig.platform.throttle;

import com.anastig.platform.account.EmailAddress;
import com.anastig.platform.cluster.HazelcastCluster;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide throttling: one Bucket4j token bucket per (limit, subject) in a Hazelcast IMap,
 * updated atomically by entry processors on the key's owner (no CP subsystem), so every node sees and
 * enforces the same bucket.
 *
 * <ul>
 * <li>Subjects never reach Hazelcast in clear: the map key is an HMAC-SHA256 of the limit, its rate
 *     and the subject, under a random key the cluster shares in memory only (a plain hash of an IPv4
 *     address could be reversed by trying them all). Changing a limit's rate starts fresh buckets.</li>
 * <li>E-mail subjects are normalised like {@link EmailAddress#normalize} (trim, NFKC, lower case), so
 *     variants share one bucket.</li>
 * <li>Lockout is never permanent: buckets refill evenly over the period, and each entry expires once
 *     its bucket would be full again, so the map holds only subjects active within one period.</li>
 * <li>Time comes from the injected {@link Clock} (see {@link ClockTimeMeter}).</li>
 * </ul>
 */
public final class Throttle {
    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);
    /** The buckets: HMAC key to serialised Bucket4j state, each entry with its own time-to-live. */
    public static final String BUCKETS_MAP = "anastig-throttle-buckets";
    /** Holds the cluster's random HMAC key (in memory only; a full cluster restart makes a new one). */
    static final String KEY_MAP = "anastig-throttle-key";

    private final ThrottleConfig config;
    private final HazelcastCluster cluster;
    private final Clock clock;
    private final ThrottleListener listener;
    private volatile Backend backend;
    /**
     * Proxies of the per-request API limits, kept so Bucket4j's delaying optimization can count
     * locally between cluster round trips (bounded: least recently used first out).
     */
    private final java.util.Map<String, BucketProxy> apiBuckets = java.util.Collections.synchronizedMap(
        new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, BucketProxy> eldest) {
                return size() > 10_000;
            }
        });

    private record Backend(ProxyManager<String> buckets, SecretKeySpec hmacKey) {
    }

    public Throttle(ThrottleConfig config, HazelcastCluster cluster) {
        this(config, cluster, Clock.systemUTC(), ThrottleListener.NONE);
    }

    public Throttle(ThrottleConfig config, HazelcastCluster cluster, Clock clock, ThrottleListener listener) {
        this.config = Objects.requireNonNull(config);
        this.cluster = Objects.requireNonNull(cluster);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Refuses when the subject has no token left, without taking one: for "failures only" limits,
     * called before the attempt, with {@link #recordFailure} after a failed one.
     *
     * @throws ThrottledException with the seconds until a token is back
     */
    public void check(Limit limit, String subject) {
        EstimationProbe probe = bucket(limit, subject).estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            throw refused(limit, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Takes a token or refuses: for limits on every request (sign-up, resend, reset, API).
     *
     * @throws ThrottledException with the seconds until a token is back
     */
    public void consume(Limit limit, String subject) {
        ConsumptionProbe probe = bucket(limit, subject).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refused(limit, probe.getNanosToWaitForRefill());
        }
    }

    /** Counts a failed attempt against a "failures only" limit; never refuses (the next check does). */
    public void recordFailure(Limit limit, String subject) {
        bucket(limit, subject).tryConsume(1);
    }

    /**
     * Takes a token of a per-request API limit ({@code apiPerToken}, {@code apiPerOrganization}) or
     * refuses. These are on every API request, so each node counts locally and synchronizes with the
     * cluster at least every 1/20 of the capacity or 200 ms (Bucket4j's delaying optimization): a
     * cluster may let through at most that much more than the limit per node, never less.
     *
     * @throws ThrottledException with the seconds until a token is back
     */
    public void consumeApi(Limit limit, String subject) {
        // keyed locally by limit and id (token and organization ids are no secrets); the HMAC map key
        // is computed only when the proxy is built
        BucketProxy bucket = apiBuckets.computeIfAbsent(limit.configName() + '\n' + subject, local -> {
            String k = mapKey(limit, subject);
            ThrottleConfig.Rate rate = config.rate(limit);
            long unsynchronized = Math.max(1, rate.capacity() / 20);
            return backend().buckets().builder()
                .withOptimization(io.github.bucket4j.distributed.proxy.optimization.Optimizations.delaying(
                    new io.github.bucket4j.distributed.proxy.optimization.DelayParameters(unsynchronized, java.time.Duration.ofMillis(200))))
                .build(k, () -> configuration(rate));
        });
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refused(limit, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Gives back a token taken by {@link #consume} when the attempt succeeded (never above capacity).
     * Consuming before a login attempt and refunding on success bounds concurrent guesses exactly,
     * which check-then-record cannot.
     */
    public void refund(Limit limit, String subject) {
        bucket(limit, subject).addTokens(1);
    }

    /**
     * Forgets a subject's bucket, e.g. the per-e-mail login failures after a successful login (as
     * allauth does). Do not reset per-IP limits on success: one valid account would then unlock
     * guessing at all others from that address.
     */
    public void reset(Limit limit, String subject) {
        backend().buckets().removeProxy(mapKey(limit, subject));
    }

    /** Tokens left for a subject (a full bucket when it has none yet). */
    public long remaining(Limit limit, String subject) {
        return bucket(limit, subject).getAvailableTokens();
    }

    public ThrottleConfig config() {
        return config;
    }

    private ThrottledException refused(Limit limit, long nanosToWait) {
        try {
            listener.onThrottled(limit, limit.kind());
        } catch (RuntimeException e) {
            LOG.warn("Throttle listener failed for limit {}", limit.configName(), e);
        }
        return new ThrottledException(limit, ThrottledException.secondsFromNanos(nanosToWait));
    }

    private BucketProxy bucket(Limit limit, String subject) {
        ThrottleConfig.Rate rate = config.rate(limit);
        return backend().buckets().builder().build(mapKey(limit, subject), () -> configuration(rate));
    }

    private static BucketConfiguration configuration(ThrottleConfig.Rate rate) {
        return BucketConfiguration.builder()
            .addLimit(b -> b.capacity(rate.capacity()).refillGreedy(rate.capacity(), rate.period()))
            .build();
    }

    /** The map key: HMAC(limit, rate, normalised subject), hex. */
    String mapKey(Limit limit, String subject) {
        ThrottleConfig.Rate rate = config.rate(limit);
        String material = limit.configName() + '\n' + rate.capacity() + '/' + rate.period().toNanos() + '\n'
            + normalize(limit.kind(), subject);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(backend().hmacKey());
            return HexFormat.of().formatHex(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * An IPv6 client usually holds a whole /64, so its buckets count per /64 (else a client could
     * rotate addresses inside its own prefix to dodge a limit); IPv4 addresses count one by one.
     */
    static String ipSubject(String ip) {
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            byte[] bytes = com.google.common.net.InetAddresses.forString(ip).getAddress();
            if (bytes.length != 16) {
                return ip;
            }
            java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
            return java.net.InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return ip;
        }
    }

    static String normalize(SubjectKind kind, String subject) {
        Objects.requireNonNull(subject, "subject");
        return switch (kind) {
            case EMAIL -> EmailAddress.normalize(subject);
            case IP -> ipSubject(subject.strip().toLowerCase(Locale.ROOT));
            default -> subject;
        };
    }

    /** Hazelcast exists only once the cluster has started, so the backend is made on first use. */
    private Backend backend() {
        Backend b = backend;
        if (b == null) {
            synchronized (this) {
                b = backend;
                if (b == null) {
                    b = connect(cluster.instance());
                    backend = b;
                }
            }
        }
        return b;
    }

    private Backend connect(HazelcastInstance hazelcast) {
        IMap<String, byte[]> keys = hazelcast.getMap(KEY_MAP);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        byte[] existing = keys.putIfAbsent("hmac", fresh);
        SecretKeySpec hmacKey = new SecretKeySpec(existing == null ? fresh : existing, "HmacSHA256");
        IMap<String, byte[]> map = hazelcast.getMap(BUCKETS_MAP);
        ProxyManager<String> buckets = Bucket4jHazelcast.entryProcessorBasedBuilder(map)
            .clientClock(new ClockTimeMeter(clock))
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
            .build();
        return new Backend(buckets, hmacKey);
    }
}
