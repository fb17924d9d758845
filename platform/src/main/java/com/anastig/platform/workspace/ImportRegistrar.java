package com.anastig.platform.workspace;

import com.anastig.platform.image.ImageFacts;
import com.anastig.platform.image.ImageFormat;
import com.anastig.platform.image.ImageInspectingStream;
import com.anastig.platform.job.Job;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The second pass of an import, one image at a time: the bytes go through {@link ImageInspectingStream}
 * into the store exactly as an upload's do, then the image is registered with its staged shapes
 * (checked against its real dimensions; a shape a pixel outside is clipped, anything worse reported
 * and left out). Images whose bytes the project already has are not imported twice.
 */
public final class ImportRegistrar {
    private final TenantDb db;
    private final Images images;
    private final Usage usage;
    private final JobQueue queue;
    private final Ids ids;
    private final ObjectMapper json;

    public ImportRegistrar(TenantDb db, Images images, Usage usage, JobQueue queue, Ids ids, ObjectMapper json) {
        this.db = db;
        this.images = images;
        this.usage = usage;
        this.queue = queue;
        this.ids = ids;
        this.json = json;
    }

    /** The project's classes for an import: by COCO category id, and by lower-case name (for tags). */
    record Classes(Map<Long, UUID> byCategory, Map<String, UUID> byName) {
    }

    /** The project's class for each COCO category and tag label, created by name when missing. */
    Classes ensureClasses(OrgId org, UUID project, Map<Long, String> categories, Set<String> tagLabels) {
        return db.inOrg(org, null, t -> {
            Projects.requireLiveForUpdate(t, project);
            Map<String, UUID> byName = new HashMap<>();
            LabelClasses.of(t, project).forEach(c -> byName.put(c.name().toLowerCase(Locale.ROOT), c.id()));
            int position = byName.size();
            Set<String> wanted = new LinkedHashSet<>(categories.values());
            wanted.addAll(tagLabels);
            for (String raw : wanted) {
                String name = raw == null || raw.isBlank() ? "unnamed" : raw.strip();
                name = name.length() > 100 ? name.substring(0, 100) : name;
                if (!byName.containsKey(name.toLowerCase(Locale.ROOT)) && byName.size() < LabelClasses.MAX) {
                    UUID id = ids.next();
                    t.handle().createUpdate("INSERT INTO label_class (id, org_id, project_id, name, color, position)"
                            + " VALUES (:id, :org, :project, :name, '#4363d8', :position)")
                        .bind("id", id).bind("org", org.value()).bind("project", project).bind("name", name).bind("position", position++)
                        .execute();
                    byName.put(name.toLowerCase(Locale.ROOT), id);
                }
            }
            Map<Long, UUID> out = new HashMap<>();
            categories.forEach((coco, name) -> out.put(coco, byName.get((name == null || name.isBlank() ? "unnamed" : name.strip())
                .toLowerCase(Locale.ROOT))));
            return new Classes(out, byName);
        });
    }

    /** Streams one archive entry into the store and registers it. */
    void register(Job job, UUID project, OrgStorage.Opened store, InputStream entry, ImportIndex index, long coco, Classes classes)
        throws IOException {
        String fileName = index.fileName(coco);
        BufferedInputStream in = new BufferedInputStream(entry);
        String type = ImageResource.sniff(in);
        if (type == null) {
            index.problem(fileName, "not a JPEG, PNG or WebP image");
            return;
        }
        UUID id = ids.next();
        String key = WorkspaceStorage.imageKey(project, id);
        ImageInspectingStream inspected = new ImageInspectingStream(in, images.limits(), ImageFormat.ofMediaType(type).orElseThrow());
        try {
            store.store().put(store.key(key), inspected, -1, type);
        } catch (RuntimeException e) {
            if (inspected.rejection().isPresent()) {
                index.problem(fileName, Images.rejected(inspected.rejection().get()).getMessage());
                return;
            }
            throw e;
        }
        if (inspected.rejection().isPresent()) {
            store.store().delete(store.key(key));
            index.problem(fileName, Images.rejected(inspected.rejection().get()).getMessage());
            return;
        }
        ImageFacts facts = inspected.facts();
        boolean created = db.inOrg(job.org(), null, t -> {
            queue.requireFence(t, job);
            Projects.requireLiveForUpdate(t, project);
            if (Images.bySha(t, project, facts.sha256Hex()).isPresent()) {
                return false;
            }
            List<Annotations.Stored> shapes = shapes(t, job.subject(), coco, fileName, facts, classes, index);
            Images.insert(t, project, id, key, facts, SafeNames.filename(fileName, facts.format().extension()), null);
            Set<UUID> classIds = new LinkedHashSet<>();
            shapes.forEach(s -> classIds.add(s.classId()));
            t.handle().createUpdate("UPDATE image SET shapes = CAST(:shapes AS jsonb), shape_count = :count, class_ids = :classes,"
                    + " import_id = :import WHERE id = :id")
                .bind("shapes", write(shapes)).bind("count", shapes.size()).bind("classes", classIds.toArray(new UUID[0]))
                .bind("import", job.subject()).bind("id", id).execute();
            usage.record(t, facts.sizeBytes(), 1);
            return true;
        });
        if (!created) {
            store.store().delete(store.key(key));
        }
    }

    private List<Annotations.Stored> shapes(TenantHandle t, UUID importId, long coco, String fileName, ImageFacts facts,
                                            Classes classes, ImportIndex index) {
        List<String> staged = t.handle().createQuery("SELECT shape::text FROM import_shape WHERE org_id = :org AND import_id = :import"
                + " AND image_key IN (:byId, :byName)").bind("org", t.org().value()).bind("import", importId).bind("byId", "#" + coco)
            .bind("byName", "name:" + fileName).mapTo(String.class).list();
        List<Annotations.Stored> out = new ArrayList<>();
        for (String text : staged) {
            JsonNode s;
            try {
                s = json.readTree(text);
            } catch (IOException e) {
                continue;
            }
            String type = s.path("type").asText();
            UUID classId = "tag".equals(type) ? classes.byName().get(s.path("label").asText().strip().toLowerCase(Locale.ROOT))
                : classes.byCategory().get(s.path("category").asLong());
            if (classId == null) {
                index.problem(fileName, "a shape names category " + s.path("category").asText() + ", which the JSON does not define");
                continue;
            }
            switch (type) {
                case "tag" -> out.add(new Annotations.Stored(classId, "tag", null, null));
                case "bbox" -> {
                    double[] b = clipBox(s.path("bbox"), facts);
                    if (b == null) {
                        index.problem(fileName, "a box lies outside the image");
                    } else {
                        out.add(new Annotations.Stored(classId, "bbox", b, null));
                    }
                }
                case "polygon" -> {
                    double[][] p = clipPolygon(s.path("points"), facts);
                    if (p == null) {
                        index.problem(fileName, "a polygon lies outside the image or has fewer than 3 points");
                    } else {
                        out.add(new Annotations.Stored(classId, "polygon", null, p));
                    }
                }
                default -> {
                }
            }
            if (out.size() >= Annotations.MAX_SHAPES) {
                index.problem(fileName, "more than " + Annotations.MAX_SHAPES + " shapes; the rest were left out");
                break;
            }
        }
        return out;
    }

    /** A box within a pixel of the image is clipped to it; anything else is refused (null). */
    static double[] clipBox(JsonNode b, ImageFacts f) {
        if (b.size() != 4) {
            return null;
        }
        double x = b.get(0).asDouble();
        double y = b.get(1).asDouble();
        double w = b.get(2).asDouble();
        double h = b.get(3).asDouble();
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h)) || w <= 0 || h <= 0
            || x < -1 || y < -1 || x + w > f.width() + 1 || y + h > f.height() + 1) {
            return null;
        }
        double x0 = Math.max(0, x);
        double y0 = Math.max(0, y);
        double x1 = Math.min(f.width(), x + w);
        double y1 = Math.min(f.height(), y + h);
        return x1 > x0 && y1 > y0 ? new double[] {x0, y0, x1 - x0, y1 - y0} : null;
    }

    static double[][] clipPolygon(JsonNode points, ImageFacts f) {
        if (points.size() < 3 || points.size() > Annotations.MAX_POINTS) {
            return null;
        }
        double[][] out = new double[points.size()][];
        for (int i = 0; i < points.size(); i++) {
            double x = points.get(i).get(0).asDouble();
            double y = points.get(i).get(1).asDouble();
            if (!Double.isFinite(x) || !Double.isFinite(y) || x < -1 || y < -1 || x > f.width() + 1 || y > f.height() + 1) {
                return null;
            }
            out[i] = new double[] {Math.min(f.width(), Math.max(0, x)), Math.min(f.height(), Math.max(0, y))};
        }
        return out;
    }

    private String write(List<Annotations.Stored> shapes) {
        try {
            return json.writeValueAsString(shapes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
