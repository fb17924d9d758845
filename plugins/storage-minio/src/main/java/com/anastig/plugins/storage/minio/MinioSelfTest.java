package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.DownloadHints;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.PresignedRequest;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import io.minio.BucketExistsArgs;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The MinIO-client self-test: {@code resolve} (through the outbound policy), {@code connect} (TCP to a permitted
 * address), {@code auth} (the bucket exists for these credentials), {@code write}, {@code read}, {@code presign} (a presigned GET of
 * the probe fetched through the same pinned HTTP client) and {@code delete} of a small probe under
 * {@code .anastig-selftest/}. Details say what happened without addresses, URLs or credentials.
 */
final class MinioSelfTest {
    static final String PROBE_PREFIX = ".anastig-selftest/";

    private final MinioObjectStore store;
    private final MinioSettings settings;
    private final MinioConnection connection;
    private final OutboundPolicy policy;
    private final List<SelfTestStep> steps = new ArrayList<>();

    MinioSelfTest(MinioObjectStore store, MinioSettings settings, MinioConnection connection, OutboundPolicy policy) {
        this.store = store;
        this.settings = settings;
        this.connection = connection;
        this.policy = policy;
    }

    SelfTestReport run() {
        String host = settings.pathStyle() ? settings.endpoint().getHost() : settings.bucket() + "." + settings.endpoint().getHost();
        List<InetAddress> addresses;
        try {
            addresses = policy.resolve(host);
            steps.add(SelfTestStep.passed("resolve", "the endpoint host resolved to " + addresses.size() + " permitted address(es)"));
        } catch (ProviderException e) {
            return fail("resolve", e.kind() == ProviderException.Kind.DENIED
                ? "the endpoint's addresses are not permitted for outbound connections" : "the endpoint host does not resolve");
        }
        if (!connect(addresses)) {
            return fail("connect", "no TCP connection to port " + port() + " within " + policy.timeouts().connect().toSeconds() + " s");
        }
        steps.add(SelfTestStep.passed("connect", "TCP connection to port " + port() + " established"));
        try {
            if (!connection.client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
                return fail("auth", "the bucket does not exist");
            }
            steps.add(SelfTestStep.passed("auth", "the credentials are accepted for the bucket"));
        } catch (Exception e) {
            return fail("auth", describe(MinioErrors.map("checking the bucket", e)));
        }
        byte[] probe = new byte[64];
        new SecureRandom().nextBytes(probe);
        String key = PROBE_PREFIX + "probe-" + HexFormat.of().formatHex(probe, 0, 8);
        String step = "write";
        try {
            store.put(key, new ByteArrayInputStream(probe), probe.length, "application/octet-stream");
            steps.add(SelfTestStep.passed("write", "wrote a " + probe.length + "-byte probe"));
            step = "read";
            if (!Arrays.equals(store.readAllBytes(key), probe)) {
                return fail("read", "the probe read back differs from what was written");
            }
            steps.add(SelfTestStep.passed("read", "read the probe back intact"));
            step = "presign";
            String presignProblem = fetchPresigned(key, probe);
            if (presignProblem != null) {
                return fail("presign", presignProblem);
            }
            steps.add(SelfTestStep.passed("presign", "a presigned GET of the probe works"));
            step = "delete";
            store.delete(key);
            if (store.head(key).isPresent()) {
                return fail("delete", "the probe is still there after deleting it");
            }
            steps.add(SelfTestStep.passed("delete", "deleted the probe"));
            return new SelfTestReport(steps);
        } catch (ProviderException e) {
            return fail(step, describe(e));
        } finally {
            deleteQuietly(key);
        }
    }

    private String fetchPresigned(String key, byte[] expected) {
        PresignedRequest get = store.presignGet(key, Duration.ofMinutes(1), DownloadHints.NONE);
        try (Response response = connection.http.newCall(new Request.Builder().url(get.url().toString()).get().build()).execute()) {
            int status = response.code();
            byte[] body;
            try (InputStream in = response.body().byteStream()) {
                body = in.readNBytes(expected.length + 1);
            }
            if (status != 200) {
                return "the presigned GET was answered with HTTP " + status;
            }
            return Arrays.equals(body, expected) ? null : "the presigned GET returned other bytes";
        } catch (ProviderException e) {
            return describe(e);
        } catch (IOException | RuntimeException e) {
            ProviderException policyFailure = MinioErrors.causeOf(e, ProviderException.class);
            return policyFailure != null ? describe(policyFailure) : "the presigned GET failed (" + e.getClass().getSimpleName() + ")";
        }
    }

    private boolean connect(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port()), (int) policy.timeouts().connect().toMillis());
                return true;
            } catch (IOException e) {
                // try the next permitted address
            }
        }
        return false;
    }

    private int port() {
        int port = settings.endpoint().getPort();
        return port > 0 ? port : "https".equalsIgnoreCase(settings.endpoint().getScheme()) ? 443 : 80;
    }

    private SelfTestReport fail(String step, String detail) {
        steps.add(SelfTestStep.failed(step, detail));
        return new SelfTestReport(steps);
    }

    private static String describe(ProviderException e) {
        return e.kind() + ": " + e.getMessage();
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            // the report already says which step failed
        }
    }
}
