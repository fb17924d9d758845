package com.anastig.platform.workspace;

import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Workspace data: the largest image accepted (pixels and bytes), the largest model artifact and import archive, how long
 * a presigned upload URL, a presigned download URL and an export's download link last, and the long
 * edge of grid thumbnails.
 */
public record WorkspaceConfig(@Min(1) Long maxImagePixels, DataSize maxImageSize, DataSize maxArtifactSize, DataSize maxImportSize, Duration uploadUrlExpiry,
                              Duration downloadUrlExpiry, Duration exportLinkExpiry, @Min(32) @Max(1024) Integer thumbnailEdge) {
    public WorkspaceConfig {
        maxImagePixels = maxImagePixels == null ? 100_000_000L : maxImagePixels;
        maxImageSize = maxImageSize == null ? DataSize.mebibytes(256) : maxImageSize;
        maxArtifactSize = maxArtifactSize == null ? DataSize.gibibytes(20) : maxArtifactSize;
        maxImportSize = maxImportSize == null ? DataSize.gibibytes(50) : maxImportSize;
        uploadUrlExpiry = uploadUrlExpiry == null ? Duration.minutes(15) : uploadUrlExpiry;
        downloadUrlExpiry = downloadUrlExpiry == null ? Duration.minutes(5) : downloadUrlExpiry;
        exportLinkExpiry = exportLinkExpiry == null ? Duration.hours(24) : exportLinkExpiry;
        thumbnailEdge = thumbnailEdge == null ? 256 : thumbnailEdge;
    }

    public static WorkspaceConfig defaults() {
        return new WorkspaceConfig(null, null, null, null, null, null, null, null);
    }

    public java.time.Duration uploadUrlTtl() {
        return java.time.Duration.ofMillis(uploadUrlExpiry.toMilliseconds());
    }

    public java.time.Duration downloadUrlTtl() {
        return java.time.Duration.ofMillis(downloadUrlExpiry.toMilliseconds());
    }

    public java.time.Duration exportLinkTtl() {
        return java.time.Duration.ofMillis(exportLinkExpiry.toMilliseconds());
    }
}
