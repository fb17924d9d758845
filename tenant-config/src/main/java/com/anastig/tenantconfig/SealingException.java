package com.anastig.tenantconfig;

/** A value could not be sealed or opened. The message may name a key id, never a key or a value. */
public class SealingException extends RuntimeException {
    private final String keyId;

    public SealingException(String message, String keyId) {
        super(message);
        this.keyId = keyId;
    }

    public SealingException(String message, String keyId, Throwable cause) {
        super(message, cause);
        this.keyId = keyId;
    }

    /** The key id the sealed value names, when it could be read. */
    public String keyId() {
        return keyId;
    }
}
