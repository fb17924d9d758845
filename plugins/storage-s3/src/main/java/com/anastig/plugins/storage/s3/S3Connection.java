package com.anastig.plugins.storage.s3;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.Timeouts;
import java.net.InetAddress;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK objects of one store: an Apache HTTP client whose DNS resolver is the outbound policy
 * (resolve, check, pin: it connects only to the addresses the policy returned), the S3 client over it
 * and the presigner. Nothing comes from the AWS default chains: the region, the endpoint and static
 * credentials are explicit, and the profile file is empty so no local AWS configuration applies.
 */
final class S3Connection implements AutoCloseable {
    /** Attempts per request, the first included; the SDK's standard backoff runs between them. */
    static final int MAX_ATTEMPTS = 3;

    final SdkHttpClient http;
    final S3Client client;
    final S3Presigner presigner;
    final URI endpoint;

    S3Connection(S3Settings settings, OutboundPolicy policy) {
        Timeouts timeouts = policy.timeouts();
        this.endpoint = settings.endpoint() != null ? settings.endpoint()
            : URI.create("https://s3." + settings.region() + ".amazonaws.com");
        // the SDK's Apache client never follows redirects (it disables redirect handling itself)
        this.http = ApacheHttpClient.builder()
            .dnsResolver(host -> policy.resolve(host).toArray(InetAddress[]::new))
            .connectionTimeout(timeouts.connect())
            .connectionAcquisitionTimeout(timeouts.call())
            .socketTimeout(timeouts.read())
            .maxConnections(64)
            .build();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        ProfileFile noProfiles = ProfileFile.aggregator().build();
        Region region = Region.of(settings.region());
        this.client = S3Client.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .endpointOverride(endpoint)
            .forcePathStyle(settings.pathStyle())
            // checksums only where S3 requires them: S3-compatible servers rarely support the new trailers
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(timeouts.call())
                .apiCallTimeout(timeouts.call().multipliedBy(MAX_ATTEMPTS))
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .defaultProfileFileSupplier(() -> noProfiles)
                .defaultProfileName("anastig-none")
                .build())
            .build();
        this.presigner = S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .endpointOverride(endpoint)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
            .build();
    }

    /** The host the client connects to (the bucket's virtual host unless path style). */
    static String connectHost(S3Settings settings, URI endpoint) {
        return settings.pathStyle() ? endpoint.getHost() : settings.bucket() + "." + endpoint.getHost();
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
        http.close();
    }
}
