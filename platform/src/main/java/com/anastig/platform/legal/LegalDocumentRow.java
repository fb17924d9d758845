package com.anastig.platform.legal;

import java.time.Instant;

/** A row of {@code legal_document}. */
public record LegalDocumentRow(String type, String version, Instant publishedAt, Instant effectiveAt, boolean material,
                               String url, String body) {
}
