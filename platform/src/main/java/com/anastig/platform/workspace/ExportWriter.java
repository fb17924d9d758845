package com.anastig.platform.workspace;

import com.anastig.platform.dataset.DatasetExporter;
import com.anastig.platform.dataset.DatasetFormat;
import com.anastig.platform.dataset.ExportProgress;
import com.anastig.platform.dataset.ImageBytes;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Function;

/**
 * The reading and writing half of an export: one repeatable-read snapshot of the project, its rows
 * streamed with a fetch size, the dataset writer producing the ZIP into {@code out}. {@link ExportJob}
 * runs it into the store; the export benchmark runs exactly this into a stream that discards.
 */
public final class ExportWriter {
    private ExportWriter() {
    }

    /**
     * @param images given the snapshot, how image bytes are copied into the ZIP; null for no images
     */
    public static void write(TenantDb db, OrgId org, UUID project, DatasetFormat format, OutputStream out, ExportProgress progress,
                             Function<ProjectSnapshotView, ImageBytes> images) {
        db.inOrgSnapshot(org, t -> {
            ProjectSnapshot snapshot = new ProjectSnapshot(t, project);
            try {
                new DatasetExporter().write(format, snapshot, images == null ? null : images.apply(snapshot::objectKey), out, progress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** What image copying may ask of the snapshot: where an image's bytes are. */
    @FunctionalInterface
    public interface ProjectSnapshotView {
        String objectKey(String imageId);
    }
}
