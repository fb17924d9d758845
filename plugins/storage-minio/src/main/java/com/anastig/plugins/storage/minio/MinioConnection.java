package com.anastig.plugins.storage.minio;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.Timeouts;
import io.minio.MinioClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The OkHttp client and MinIO client of one store. OkHttp resolves names through the outbound policy
 * (a custom {@code Dns}: resolve, check, pin), and because OkHttp never asks its {@code Dns} about IP
 * literals, an interceptor runs the policy for those too. Redirects are off, timeouts come from the
 * policy, and there are no automatic retries (MinIO's retry interceptor is not installed).
 */
final class MinioConnection implements AutoCloseable {
    final OkHttpClient http;
    final MinioClient client;

    MinioConnection(MinioSettings settings, OutboundPolicy policy) {
        Timeouts timeouts = policy.timeouts();
        this.http = new OkHttpClient.Builder()
            .dns(host -> resolve(policy, host))
            .addInterceptor(chain -> {
                String host = chain.request().url().host();
                if (isIpLiteral(host)) {
                    resolve(policy, host);
                }
                return chain.proceed(chain.request());
            })
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(timeouts.connect())
            .readTimeout(timeouts.read())
            .writeTimeout(timeouts.read())
            .callTimeout(timeouts.call())
            .build();
        this.client = MinioClient.builder()
            .endpoint(HttpUrl.get(settings.endpoint().toString()))
            .region(settings.region())
            .credentials(settings.accessKeyId(), settings.secretAccessKey())
            .httpClient(http)
            .build();
        if (settings.pathStyle()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
    }

    /** The policy's addresses; its refusal travels as the cause of an UnknownHostException, as OkHttp expects. */
    private static List<InetAddress> resolve(OutboundPolicy policy, String host) throws UnknownHostException {
        try {
            return policy.resolve(host);
        } catch (ProviderException e) {
            UnknownHostException refused = new UnknownHostException("refused by the outbound policy");
            refused.initCause(e);
            throw refused;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
