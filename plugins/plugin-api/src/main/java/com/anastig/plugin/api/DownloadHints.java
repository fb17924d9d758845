package com.anastig.plugin.api;

/**
 * Response headers a presigned GET should make the backend send, where it can.
 *
 * @param contentType        the {@code Content-Type} to answer with, or null for the stored one
 * @param contentDisposition the {@code Content-Disposition}, or null
 */
public record DownloadHints(String contentType, String contentDisposition) {
    public static final DownloadHints NONE = new DownloadHints(null, null);
}
