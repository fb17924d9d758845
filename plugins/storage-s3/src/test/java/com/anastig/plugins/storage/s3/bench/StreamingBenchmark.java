package com.anastig.plugins.storage.s3.bench;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.StorageProviderFactory;
import com.anastig.plugin.api.Timeouts;
import com.anastig.plugin.testkit.GeneratedInputStream;
import com.anastig.plugin.testkit.HeapSampler;
import com.anastig.plugin.testkit.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams a 256 MiB object generated on the fly into S3Proxy three ways in one run: the s3 plugin and
 * the minio plugin (both loaded from their built PF4J zips, as the platform loads them) and the AWS SDK
 * directly (plain S3Client multipart, 8 MiB parts). Prints MB/s per round, the ratio plugin/direct
 * (median rounds) and, in a separate sampled pass, the live heap above idle during each plugin's put.
 * Run with {@code mvn -pl plugins/storage-minio package -DskipTests && mvn -pl plugins/storage-s3 -Pbench verify},
 * which starts it in a JVM capped at -Xmx128m. Arguments: the folder holding the minio zip, rounds.
 */
public final class StreamingBenchmark {
    private static final long SIZE = 256L * 1024 * 1024;
    private static final int PART = 8 * 1024 * 1024;

    private StreamingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path minioTarget = Path.of(args.length > 0 ? args[0] : "../storage-minio/target");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("streaming-bench");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        copyZip(Path.of("target"), "storage-s3-*.zip", plugins);
        copyZip(minioTarget, "storage-minio-*.zip", plugins);
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        System.out.printf(Locale.ROOT, "JVM max heap %d MiB, %d processors, object %d MiB, %d rounds%n",
            Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), SIZE >> 20, rounds);
        try (S3ProxyServer server = S3ProxyServer.start(S3ProxyServer.Backend.TRANSIENT, "3g");
             S3Client direct = directClient(server)) {
            String bucket = "bench";
            direct.createBucket(b -> b.bucket(bucket));
            ProviderContext context = new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), work);
            Map<String, ObjectStore> stores = new LinkedHashMap<>();
            for (String id : List.of("s3", "minio")) {
                StorageProviderFactory factory = manager.getExtensions(StorageProviderFactory.class, id).get(0);
                stores.put(id, factory.create(settings(server, bucket, id), context));
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int i = 1; i <= rounds; i++) {
                int round = i;
                rates.computeIfAbsent("direct", k -> new ArrayList<>()).add(timed("direct", round, () -> directPut(direct, bucket, round)));
                for (var store : stores.entrySet()) {
                    int r = round;
                    rates.computeIfAbsent(store.getKey(), k -> new ArrayList<>()).add(timed(store.getKey(), round,
                        () -> store.getValue().put("obj-" + r, new GeneratedInputStream(SIZE, r), SIZE, "application/octet-stream")));
                    store.getValue().delete("obj-" + r);
                }
                direct.deleteObject(b -> b.bucket(bucket).key(store("direct") + "obj-" + round));
            }
            double directMedian = median(rates.get("direct"));
            System.out.println();
            for (var e : rates.entrySet()) {
                double m = median(e.getValue());
                System.out.printf(Locale.ROOT, "RESULT %-6s median %7.1f MB/s  (rounds %s)%s%n", e.getKey(), m, format(e.getValue()),
                    e.getKey().equals("direct") ? "" : String.format(Locale.ROOT, "  ratio plugin/direct %.2f", m / directMedian));
            }
            for (var store : stores.entrySet()) {
                try (HeapSampler heap = HeapSampler.start(200)) {
                    store.getValue().put("heap", new GeneratedInputStream(SIZE, 99), SIZE, "application/octet-stream");
                    heap.close();
                    System.out.printf(Locale.ROOT, "HEAP   %-6s live heap above idle during the put: peak %.1f MiB (idle %.1f MiB, %d samples)%n",
                        store.getKey(), heap.peakGrowth() / 1048576.0, heap.baseline() / 1048576.0, heap.sampleCount());
                }
                store.getValue().delete("heap");
                store.getValue().close();
            }
        } finally {
            for (PluginWrapper plugin : new ArrayList<>(manager.getStartedPlugins())) {
                manager.stopPlugin(plugin.getPluginId());
            }
            manager.unloadPlugins();
        }
    }

    private interface Transfer {
        void run() throws Exception;
    }

    private static double timed(String path, int round, Transfer transfer) throws Exception {
        long start = System.nanoTime();
        transfer.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = SIZE / 1e6 / seconds;
        System.out.printf(Locale.ROOT, "round %d %-6s %6.2f s %7.1f MB/s%n", round, path, seconds, rate);
        return rate;
    }

    private static void directPut(S3Client s3, String bucket, int round) throws IOException {
        String key = store("direct") + "obj-" + round;
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/octet-stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[PART];
        try (InputStream in = new GeneratedInputStream(SIZE, round)) {
            for (int n; (n = in.readNBytes(buffer, 0, PART)) > 0; ) {
                int partNumber = parts.size() + 1;
                int length = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                    .contentLength((long) length), RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length),
                    length, "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(u -> u.parts(parts)));
    }

    private static String store(String id) {
        return id + "/";
    }

    private static ProviderSettings settings(S3ProxyServer server, String bucket, String id) {
        return new ProviderSettings(Map.of("endpoint", server.endpoint().toString(), "region", S3ProxyServer.REGION, "bucket", bucket,
            "pathStyle", "true", "prefix", store(id)), Map.of("accessKeyId", server.accessKey(), "secretAccessKey", server.secretKey()));
    }

    private static S3Client directClient(S3ProxyServer server) {
        return S3Client.builder().httpClient(ApacheHttpClient.builder().build()).region(Region.of(S3ProxyServer.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
            .endpointOverride(server.endpoint()).forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    private static void copyZip(Path dir, String glob, Path into) throws IOException {
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(dir, glob)) {
            for (Path zip : zips) {
                Files.copy(zip, into.resolve(zip.getFileName()));
                return;
            }
        }
        throw new IllegalStateException(dir.toAbsolutePath() + "/" + glob + " is missing: build it first with"
            + " 'mvn -pl plugins/storage-minio package -DskipTests' (and storage-s3's own package phase)");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList().toString();
    }
}
