package com.anastig.platform.legal;

import com.anastig.platform.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/legal/documents}: public, no session needed. */
@Path("/api/v1/legal/documents")
@Produces(MediaType.APPLICATION_JSON)
public final class LegalResource {
    private final LegalDocuments documents;

    public LegalResource(LegalDocuments documents) {
        this.documents = documents;
    }

    /** One version of a document, as listed. */
    public record DocumentView(String type, String version, Instant publishedAt, Instant effectiveAt, boolean material, String url) {
        static DocumentView of(LegalDocumentRow r) {
            return new DocumentView(r.type(), r.version(), r.publishedAt(), r.effectiveAt(), r.material(), r.url());
        }
    }

    /** A version with its text. */
    public record DocumentText(String type, String version, Instant publishedAt, Instant effectiveAt, boolean material, String text) {
    }

    @GET
    @Operation(summary = "The Terms, Privacy Policy and Acceptable Use Policy in force now", tags = "legal")
    public Map<String, DocumentView> current() {
        Map<String, DocumentView> out = new java.util.LinkedHashMap<>();
        documents.current().forEach((type, row) -> out.put(type, DocumentView.of(row)));
        return out;
    }

    @GET
    @Path("/{type}/versions")
    @Operation(summary = "Every version of one document, newest first", tags = "legal")
    public Map<String, List<DocumentView>> versions(@PathParam("type") String type) {
        List<LegalDocumentRow> rows = documents.versions(type);
        if (rows.isEmpty()) {
            throw ApiException.notFound();
        }
        return Map.of("items", rows.stream().map(DocumentView::of).toList());
    }

    @GET
    @Path("/{type}/versions/{version}")
    @Operation(summary = "One version of a document with its text", tags = "legal")
    public DocumentText version(@PathParam("type") String type, @PathParam("version") String version) {
        LegalDocumentRow r = documents.find(type, version).orElseThrow(ApiException::notFound);
        return new DocumentText(r.type(), r.version(), r.publishedAt(), r.effectiveAt(), r.material(), documents.render(r));
    }
}
