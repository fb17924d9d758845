package com.anastig.platform.workspace;

import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.image.Thumbnails;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.job.JobRunner;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.TenantDb;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** Wires the workspace (projects, images, annotations, models, exports, imports) into the application: its part of the composition root. */
public final class Workspace {
    private Workspace() {
    }

    public static void register(Environment environment, WorkspaceConfig config, TenantDb db, AuditLog audit, JobQueue queue, JobRunner jobs,
                                OrgStorage orgStorage, Usage usage, java.net.URI publicBaseUrl, Clock clock) {
        Ids ids = new Ids(clock);
        WorkspaceStorage storage = new WorkspaceStorage(orgStorage);
        Projects projects = new Projects(db, audit, queue, ids, clock);
        Images images = new Images(db, storage, usage, audit, queue, ids, config, clock);
        Annotations annotations = new Annotations(db, audit, environment.getObjectMapper(), clock);
        var jersey = environment.jersey();
        jersey.register(new ProjectResource(projects));
        jersey.register(new ImageResource(images, annotations, config.downloadUrlTtl(), clock));
        jersey.register(new ModelResource(new Models(db, storage, usage, audit, queue, ids, config, environment.getObjectMapper(), clock),
            config, clock));
        jersey.register(new ExportResource(new Exports(db, storage, usage, audit, queue, ids, publicBaseUrl, clock), config, clock));
        jobs.register(new ExportJob(db, storage, queue, usage, audit, config, clock));
        jobs.register(new ExportExpiryJob(db, storage, queue, usage, ids, clock));
        jersey.register(new ImportResource(new Imports(db, storage, usage, audit, queue, ids, config, environment.getObjectMapper(), clock),
            environment.getObjectMapper()));
        jobs.register(new ImportJob(db, storage, queue, usage, audit, new ImportRegistrar(db, images, usage, queue, ids,
            environment.getObjectMapper()), ids, environment.getObjectMapper(), clock));
        jersey.register(new UploadResource(new DirectUploads(db, storage, images, usage, queue, ids, config, clock)));
        jobs.register(new ProjectPurgeJob(db, storage, queue, usage, audit));
        jobs.register(new ObjectDeletionJob(db, storage, queue));
        jobs.register(new Thumbnailer(db, storage, queue, usage, new Thumbnails(config.thumbnailEdge(), 4L * 4 * config.thumbnailEdge()
            * config.thumbnailEdge())));
        jobs.register(new DirectUploads.ExpiryJob(db, storage));
    }
}
