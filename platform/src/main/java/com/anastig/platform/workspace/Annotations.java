package com.anastig.platform.workspace;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.tenant.TenantHandle;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The annotation list of one image, saved whole under optimistic concurrency: its version is the
 * ETag, a write must name the version it read ({@code If-Match}) and a stale one is 412. Shapes are
 * checked against the image's dimensions and the project's classes. The audit trail records who
 * saved how many shapes, never the shapes themselves.
 */
public final class Annotations {
    public static final int MAX_SHAPES = 10_000;
    public static final int MAX_POINTS = 10_000;
    private static final TypeReference<List<Stored>> STORED_LIST = new TypeReference<>() {
    };
    private final TenantDb db;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public Annotations(TenantDb db, AuditLog audit, ObjectMapper json, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** A shape as a request sends it: {@code labelClass} is a class's id or name. */
    public record Incoming(@JsonProperty("labelClass") String labelClass, @JsonProperty("type") String type,
                           @JsonProperty("bbox") double[] bbox, @JsonProperty("points") double[][] points) {
    }

    /** A shape as stored (in the image row's {@code shapes} document) and as answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stored(@JsonProperty("classId") UUID classId, @JsonProperty("type") String type, @JsonProperty("bbox") double[] bbox,
                         @JsonProperty("points") double[][] points) {
    }

    /** A shape on the wire. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shown(String labelClass, String labelClassName, String type, double[] bbox, double[][] points) {
    }

    /** The list and its version (the ETag). */
    public record Listed(List<Shown> shapes, long version) {
        public String etag() {
            return "\"" + version + "\"";
        }
    }

    public Listed get(OrgScope scope, UUID project, UUID image) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            Row row = row(t, project, image, false);
            return new Listed(show(t, project, row.shapes()), row.version());
        });
    }

    /**
     * Replaces the list. {@code ifMatch}: the ETag read before (or {@code *}); null is 428, a stale
     * one 412, and nothing changes unless every shape is valid.
     */
    public Listed put(OrgScope scope, UUID project, UUID image, String ifMatch, List<Incoming> incoming, Actor actor) {
        return db.inOrg(scope, t -> {
            Projects.requireLive(t, project);
            Row row = row(t, project, image, true);
            if (incoming == null) {
                throw ApiException.badRequest("body_required", "Send the whole annotation list as a JSON array (empty to clear).");
            }
            if (ifMatch == null || ifMatch.isBlank()) {
                throw new ApiException(428, "precondition_required", "Precondition required",
                    "Send If-Match with the ETag of the annotations you read (or * to overwrite whatever is there).");
            }
            List<Stored> shapes = validate(t, project, row, incoming);
            if (!"*".equals(ifMatch.strip()) && !matches(ifMatch, row.version())) {
                throw new ApiException(412, "stale_annotations", "Precondition failed",
                    "The annotations changed since you read them; load them again and reapply your change.");
            }
            Set<UUID> classes = new LinkedHashSet<>();
            shapes.forEach(s -> classes.add(s.classId()));
            long version = row.version() + 1;
            t.handle().createUpdate("UPDATE image SET shapes = CAST(:shapes AS jsonb), shape_count = :count, class_ids = :classes,"
                    + " annotation_version = :version, annotated_at = :now, annotated_by = :by WHERE id = :id")
                .bind("shapes", write(shapes)).bind("count", shapes.size()).bind("classes", classes.toArray(new UUID[0]))
                .bind("version", version).bind("now", clock.instant()).bind("by", scope.principal().accountId()).bind("id", image).execute();
            audit.append(t, actor, AuditEntry.of("annotations.saved", "image", image).with("project", project.toString())
                .with("shapes", shapes.size()).with("before", row.shapes().size()));
            return new Listed(show(t, project, shapes), version);
        });
    }

    /** Removes the shapes of deleted classes from every image of the project that uses them; the number of shapes removed. */
    static long removeClasses(TenantHandle t, UUID project, List<UUID> classIds) {
        UUID[] ids = classIds.toArray(new UUID[0]);
        String[] texts = classIds.stream().map(UUID::toString).toArray(String[]::new);
        long removed = t.handle().createQuery("SELECT count(*) FROM image i, jsonb_array_elements(i.shapes) s"
                + " WHERE i.org_id = :org AND i.project_id = :project AND i.class_ids && :ids AND s.value->>'classId' = ANY(:texts)")
            .bind("org", t.org().value()).bind("project", project).bind("ids", ids).bind("texts", texts).mapTo(Long.class).one();
        t.handle().createUpdate("UPDATE image SET shapes = kept.shapes, shape_count = jsonb_array_length(kept.shapes),"
                + " class_ids = ARRAY(SELECT unnest(class_ids) EXCEPT SELECT unnest(CAST(:ids AS uuid[]))),"
                + " annotation_version = annotation_version + 1"
                + " FROM (SELECT i.id, coalesce(jsonb_agg(s.value ORDER BY s.ordinality)"
                + "   FILTER (WHERE NOT (s.value->>'classId' = ANY(:texts))), '[]'::jsonb) AS shapes"
                + "   FROM image i, jsonb_array_elements(i.shapes) WITH ORDINALITY s"
                + "   WHERE i.org_id = :org AND i.project_id = :project AND i.class_ids && :ids GROUP BY i.id) kept"
                + " WHERE image.id = kept.id")
            .bind("org", t.org().value()).bind("project", project).bind("ids", ids).bind("texts", texts).execute();
        return removed;
    }

    private record Row(int width, int height, long version, List<Stored> shapes) {
    }

    private Row row(TenantHandle t, UUID project, UUID image, boolean lock) {
        return t.handle().createQuery("SELECT width, height, annotation_version, shapes::text FROM image"
                + " WHERE org_id = :org AND project_id = :project AND id = :id" + (lock ? " FOR UPDATE" : ""))
            .bind("org", t.org().value()).bind("project", project).bind("id", image)
            .map((rs, ctx) -> new Row(rs.getInt(1), rs.getInt(2), rs.getLong(3), read(rs.getString(4)))).findOne()
            .orElseThrow(ApiException::notFound);
    }

    private List<Stored> validate(TenantHandle t, UUID project, Row row, List<Incoming> incoming) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (incoming.size() > MAX_SHAPES) {
            throw invalid(List.of(new Problem.FieldError("", "at most " + MAX_SHAPES + " shapes per image")));
        }
        Map<String, UUID> classes = new HashMap<>();
        for (LabelClasses.LabelClass c : LabelClasses.of(t, project)) {
            classes.put(c.id().toString(), c.id());
            classes.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.id());
        }
        List<Stored> out = new ArrayList<>(incoming.size());
        for (int i = 0; i < incoming.size() && errors.size() < 50; i++) {
            Incoming s = incoming.get(i);
            String at = "[" + i + "]";
            if (s == null) {
                errors.add(new Problem.FieldError(at, "must be an object"));
                continue;
            }
            UUID classId = s.labelClass() == null ? null
                : classes.getOrDefault(s.labelClass(), classes.get(s.labelClass().toLowerCase(Locale.ROOT)));
            if (classId == null) {
                errors.add(new Problem.FieldError(at + ".labelClass", "not a label class of this project (its id or name)"));
            }
            String type = s.type() == null ? "" : s.type();
            switch (type) {
                case "bbox" -> {
                    checkBox(s.bbox(), row, at, errors);
                    if (s.points() != null) {
                        errors.add(new Problem.FieldError(at + ".points", "a bbox has no points"));
                    }
                }
                case "polygon" -> {
                    checkPolygon(s.points(), row, at, errors);
                    if (s.bbox() != null) {
                        errors.add(new Problem.FieldError(at + ".bbox", "a polygon has points, not a bbox"));
                    }
                }
                case "tag" -> {
                    if (s.bbox() != null || s.points() != null) {
                        errors.add(new Problem.FieldError(at, "a tag has no geometry"));
                    }
                }
                default -> errors.add(new Problem.FieldError(at + ".type", "one of bbox, polygon, tag"));
            }
            out.add(new Stored(classId, type, "bbox".equals(type) ? s.bbox() : null, "polygon".equals(type) ? s.points() : null));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return out;
    }

    private static void checkBox(double[] b, Row row, String at, List<Problem.FieldError> errors) {
        if (b == null || b.length != 4) {
            errors.add(new Problem.FieldError(at + ".bbox", "[x, y, width, height] in pixels"));
            return;
        }
        for (double v : b) {
            if (!Double.isFinite(v)) {
                errors.add(new Problem.FieldError(at + ".bbox", "numbers only (no NaN or infinity)"));
                return;
            }
        }
        if (b[2] <= 0 || b[3] <= 0) {
            errors.add(new Problem.FieldError(at + ".bbox", "width and height must be positive"));
        } else if (b[0] < 0 || b[1] < 0 || b[0] + b[2] > row.width() || b[1] + b[3] > row.height()) {
            errors.add(new Problem.FieldError(at + ".bbox", "outside the image (" + row.width() + "x" + row.height() + ")"));
        }
    }

    private static void checkPolygon(double[][] points, Row row, String at, List<Problem.FieldError> errors) {
        if (points == null || points.length < 3 || points.length > MAX_POINTS) {
            errors.add(new Problem.FieldError(at + ".points", "3 to " + MAX_POINTS + " points [[x, y], ...] in pixels"));
            return;
        }
        for (double[] p : points) {
            if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                errors.add(new Problem.FieldError(at + ".points", "each point is [x, y] with finite numbers"));
                return;
            }
            if (p[0] < 0 || p[1] < 0 || p[0] > row.width() || p[1] > row.height()) {
                errors.add(new Problem.FieldError(at + ".points", "outside the image (" + row.width() + "x" + row.height() + ")"));
                return;
            }
        }
    }

    private static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(422, "invalid_annotations", "Invalid annotations", "Some shapes are not valid for this image.", errors);
    }

    private List<Shown> show(TenantHandle t, UUID project, List<Stored> shapes) {
        Map<UUID, String> names = new HashMap<>();
        LabelClasses.of(t, project).forEach(c -> names.put(c.id(), c.name()));
        return shapes.stream().map(s -> new Shown(s.classId().toString(), names.get(s.classId()), s.type(), s.bbox(), s.points())).toList();
    }

    private static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String v = tag.strip();
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            if (v.equals("\"" + version + "\"")) {
                return true;
            }
        }
        return false;
    }

    List<Stored> read(String text) {
        try {
            return json.readValue(text, STORED_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored annotations", e);
        }
    }

    private String write(List<Stored> shapes) {
        try {
            return json.writeValueAsString(shapes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
