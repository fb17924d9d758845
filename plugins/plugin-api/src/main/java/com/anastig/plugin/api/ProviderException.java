package com.anastig.plugin.api;

/**
 * The one error type a provider throws. Its {@link Kind} is protocol-neutral so the platform can map
 * it without knowing the backend. Messages must never carry secrets, tokens or e-mail addresses.
 */
public class ProviderException extends RuntimeException {

    /** What went wrong, independent of the backend's protocol. */
    public enum Kind {
        /** The object, bucket or recipient does not exist. */
        NOT_FOUND,
        /** The operation conflicts with the current state (for example a precondition failed). */
        CONFLICT,
        /** The settings are invalid or incomplete. */
        INVALID_CONFIG,
        /** The request itself is invalid, for example a key that would escape its prefix. */
        INVALID_REQUEST,
        /** The backend does not support this operation (for example presigned URLs on a folder). */
        UNSUPPORTED,
        /** The backend could not be reached, timed out or failed transiently; retrying may help. */
        UNAVAILABLE,
        /** The backend refused the credentials or the policy refused the connection. */
        DENIED,
        /** Anything else: a bug or an unexpected answer. */
        INTERNAL
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message) {
        super(message);
        this.kind = requireKind(kind);
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = requireKind(kind);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRetryable() {
        return kind == Kind.UNAVAILABLE;
    }

    private static Kind requireKind(Kind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        return kind;
    }

    public static ProviderException notFound(String message) {
        return new ProviderException(Kind.NOT_FOUND, message);
    }

    public static ProviderException invalidRequest(String message) {
        return new ProviderException(Kind.INVALID_REQUEST, message);
    }

    public static ProviderException invalidConfig(String message) {
        return new ProviderException(Kind.INVALID_CONFIG, message);
    }

    public static ProviderException unsupported(String message) {
        return new ProviderException(Kind.UNSUPPORTED, message);
    }

    public static ProviderException unavailable(String message, Throwable cause) {
        return new ProviderException(Kind.UNAVAILABLE, message, cause);
    }

    @Override
    public String toString() {
        return "ProviderException[" + kind + "]: " + getMessage();
    }
}
