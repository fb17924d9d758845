package com.anastig.plugin.mail.resend;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.Timeouts;
import com.resend.core.net.AbstractHttpResponse;
import com.resend.core.net.HttpMethod;
import com.resend.core.net.IHttpClient;
import com.resend.core.net.RequestOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HTTP client the Resend SDK calls, in place of its own (whose base URL is a constant): requests
 * go to the configured base URL, every address comes from the outbound policy (names through OkHttp's
 * DNS hook, IP literals checked before the call), redirects are never followed, nothing is retried
 * (a retried POST could send a message twice), and the policy's timeouts apply.
 */
final class PolicyHttpClient implements IHttpClient<String>, AutoCloseable {
    private static final long MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final String USER_AGENT = "anastig-mail-resend (resend-java)";

    private final HttpUrl baseUrl;
    private final OutboundPolicy policy;
    private final OkHttpClient client;

    PolicyHttpClient(HttpUrl baseUrl, OutboundPolicy policy) {
        this.baseUrl = baseUrl;
        this.policy = policy;
        Timeouts timeouts = policy.timeouts();
        this.client = new OkHttpClient.Builder()
            .dns(this::lookup)
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(timeouts.connect())
            .readTimeout(timeouts.read())
            .writeTimeout(timeouts.read())
            .callTimeout(timeouts.call())
            .build();
    }

    HttpUrl baseUrl() {
        return baseUrl;
    }

    private List<InetAddress> lookup(String host) throws UnknownHostException {
        try {
            return policy.resolve(host);
        } catch (ProviderException e) {
            throw new PolicyRefusal(e);
        }
    }

    @Override
    public AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload, MediaType mediaType) {
        return perform(path, apiKey, method, payload, mediaType, (RequestOptions) null);
    }

    @Override
    public AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload,
                                                MediaType mediaType, Map<String, String> headers) {
        return perform(path, apiKey, method, payload, mediaType, RequestOptions.builder().build(), headers);
    }

    @Override
    public AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload,
                                                MediaType mediaType, RequestOptions options) {
        return perform(path, apiKey, method, payload, mediaType, options, Map.of());
    }

    private AbstractHttpResponse<String> perform(String path, String apiKey, HttpMethod method, String payload,
                                                 MediaType mediaType, RequestOptions options, Map<String, String> headers) {
        RequestBody body = payload == null
            ? (method == HttpMethod.POST || method == HttpMethod.PATCH ? RequestBody.create(new byte[0], mediaType) : null)
            : RequestBody.create(payload, mediaType);
        Request.Builder request = new Request.Builder()
            .url(resolve(path))
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("Authorization", "Bearer " + apiKey)
            .method(method.name(), body);
        if (options != null && options.getIdempotencyKey() != null && !options.getIdempotencyKey().isEmpty()) {
            request.header("Idempotency-Key", options.getIdempotencyKey());
        }
        if (options != null && options.getAdditionalHeaders() != null) {
            options.getAdditionalHeaders().forEach(request::header);
        }
        if (headers != null) {
            headers.forEach(request::header);
        }
        if (isAddressLiteral(baseUrl.host())) {
            policy.resolve(baseUrl.host()); // OkHttp skips the DNS hook for IP literals: ask the policy here
        }
        try (Response response = client.newCall(request.build()).execute()) {
            String text = response.peekBody(MAX_RESPONSE_BYTES).string();
            return new AbstractHttpResponse<>(response.code(), text, response.isSuccessful());
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PolicyRefusal refusal) {
                    throw refusal.refusal;
                }
            }
            throw ProviderException.unavailable("the Resend API could not be reached or did not answer in time", e);
        }
    }

    private HttpUrl resolve(String path) {
        String base = baseUrl.toString();
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        HttpUrl url = HttpUrl.parse(joined);
        if (url == null) {
            throw new ProviderException(ProviderException.Kind.INTERNAL, "the SDK asked for an invalid path");
        }
        return url;
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, File file,
                                                         MediaType mediaType, Map<String, String> headers) {
        throw ProviderException.unsupported("uploads are not used by the mail provider");
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, File file,
                                                         MediaType mediaType, Map<String, String> headers, RequestOptions options) {
        throw ProviderException.unsupported("uploads are not used by the mail provider");
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, byte[] content,
                                                         String fileName, MediaType mediaType, Map<String, String> headers) {
        throw ProviderException.unsupported("uploads are not used by the mail provider");
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(String path, String apiKey, HttpMethod method, byte[] content,
                                                         String fileName, MediaType mediaType, Map<String, String> headers,
                                                         RequestOptions options) {
        throw ProviderException.unsupported("uploads are not used by the mail provider");
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** Carries the policy's refusal through OkHttp, which only lets IOExceptions out of its DNS hook. */
    private static final class PolicyRefusal extends UnknownHostException {
        private final transient ProviderException refusal;

        PolicyRefusal(ProviderException refusal) {
            super("refused by the outbound policy");
            this.refusal = refusal;
        }
    }
}
