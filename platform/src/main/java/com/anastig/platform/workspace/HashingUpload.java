package com.anastig.platform.workspace;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.storage.OrgStorage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and hashes what passes, and stops with an error past the limit. */
final class HashingUpload extends FilterInputStream {
    private final MessageDigest sha;
    private final long max;
    long count;
    boolean tooLarge;
    boolean sourceFailed;

    HashingUpload(InputStream in, long max) {
        super(in);
        this.max = max;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            sourceFailed = true;
            throw e;
        }
        if (n > 0) {
            sha.update(b, off, n);
            count += n;
            if (count > max) {
                tooLarge = true;
                throw new IOException("larger than allowed");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)); // every byte passes the digest
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Streams a request body into the store at {@code key} (relative), counted, hashed and stopped past {@code max}:
     * 413 when too large, 400 {@code upload_incomplete} when the client's stream broke, a storage error as it is;
     * whatever failed, nothing is left at the key.
     */
    static HashingUpload put(OrgStorage.Opened store, String key, InputStream body, long length, long max, String type, String what) {
        HashingUpload hashing = new HashingUpload(body, max);
        try {
            store.store().put(store.key(key), hashing, length, type);
            if (hashing.read() != -1) {
                throw new IOException("longer than declared");
            }
            return hashing;
        } catch (IOException | RuntimeException e) {
            store.store().delete(store.key(key));
            if (hashing.tooLarge) {
                throw new ApiException(413, "payload_too_large", "Payload too large", what + " are limited to " + max + " bytes.");
            }
            if (hashing.sourceFailed || e instanceof IOException) {
                throw ApiException.badRequest("upload_incomplete", "The upload ended before the whole file arrived.");
            }
            throw (RuntimeException) e;
        }
    }
}
