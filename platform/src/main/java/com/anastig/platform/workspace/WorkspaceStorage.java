package com.anastig.platform.workspace;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.tenant.TenantHandle;
import java.time.Instant;
import java.util.UUID;

/**
 * The organization's store for workspace objects, and where each kind of object lives in it (keys
 * relative to the organization's base). Writes are refused while a storage migration runs: the
 * migration copies what it lists, and an object written behind its back would be left in the old
 * location.
 */
public final class WorkspaceStorage {
    private final OrgStorage storage;

    public WorkspaceStorage(OrgStorage storage) {
        this.storage = storage;
    }

    /** The store to read from (during a migration still the source, which has everything until the switch). */
    public OrgStorage.Opened forRead(TenantHandle t) {
        return storage.located(t.org(), storage.current(t));
    }

    /** The store to write to; 409 {@code storage_migrating} while a migration runs. */
    public OrgStorage.Opened forWrite(TenantHandle t) {
        boolean migrating = t.handle().createQuery("SELECT EXISTS (SELECT 1 FROM storage_migration WHERE org_id = :org AND status = 'running')")
            .bind("org", t.org().value()).mapTo(Boolean.class).one();
        if (migrating) {
            throw ApiException.conflict("storage_migrating",
                "This organization's storage is being moved to a new location; try again when the migration has finished.");
        }
        return forRead(t);
    }

    /** Queues an object (or, with {@code prefix}, every object under a key prefix) for deletion by the {@link ObjectDeletionJob}. */
    public static void deleteLater(TenantHandle t, String relativeKey, boolean prefix, UUID id, Instant now) {
        t.handle().createUpdate("INSERT INTO object_deletion (id, org_id, object_key, prefix, created_at) VALUES (:id, :org, :key, :prefix, :now)")
            .bind("id", id).bind("org", t.org().value()).bind("key", relativeKey).bind("prefix", prefix).bind("now", now).execute();
    }

    static String projectPrefix(UUID project) {
        return "projects/" + project + "/";
    }

    static String imageKey(UUID project, UUID image) {
        return projectPrefix(project) + "images/" + image;
    }

    static String thumbnailKey(UUID project, UUID image) {
        return projectPrefix(project) + "thumbnails/" + image;
    }

    static String uploadKey(UUID project, UUID upload) {
        return projectPrefix(project) + "uploads/" + upload;
    }

    static String modelKey(UUID project, UUID model) {
        return projectPrefix(project) + "models/" + model;
    }

    static String exportKey(UUID project, UUID export) {
        return projectPrefix(project) + "exports/" + export + ".zip";
    }

    static String importKey(UUID project, UUID imported) {
        return projectPrefix(project) + "imports/" + imported + ".zip";
    }
}
