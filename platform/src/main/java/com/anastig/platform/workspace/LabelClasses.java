package com.anastig.platform.workspace;

import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.tenant.TenantHandle;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A project's label classes. A PATCH sends the whole wanted list: an entry with an id renames or
 * recolours that class (annotations keep pointing at it), one without an id adds a class, and a
 * class left out is deleted, which is refused while annotations use it unless the caller asks to
 * cascade (then those shapes are removed from every image, each image's version moving on).
 */
public final class LabelClasses {
    public static final int MAX = 1000;
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final String[] PALETTE = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c",
        "#008080", "#9a6324", "#800000", "#808000", "#000075", "#808080"};

    private LabelClasses() {
    }

    /** A class on the wire. */
    public record LabelClass(UUID id, String name, String color) {
    }

    /** A class as a request wants it: {@code id} null for a new one. */
    public record Wanted(@JsonProperty("id") UUID id, @JsonProperty("name") String name, @JsonProperty("color") String color) {
    }

    /** What a change did, for the audit trail (counts and ids, never more). */
    public record Change(int added, int changed, int deleted, long shapesRemoved) {
    }

    public static List<LabelClass> of(TenantHandle t, UUID project) {
        return t.handle().createQuery("SELECT id, name, color FROM label_class WHERE org_id = :org AND project_id = :project ORDER BY position, id")
            .bind("org", t.org().value()).bind("project", project)
            .map((rs, ctx) -> new LabelClass(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    static Change apply(TenantHandle t, UUID project, List<LabelClass> current, List<Wanted> wanted, boolean cascade, Ids ids) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (wanted.size() > MAX) {
            errors.add(new Problem.FieldError("labelClasses", "at most " + MAX + " classes"));
        }
        Map<UUID, LabelClass> byId = new HashMap<>();
        current.forEach(c -> byId.put(c.id(), c));
        Set<String> names = new HashSet<>();
        Set<UUID> kept = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            Wanted w = wanted.get(i);
            String field = "labelClasses[" + i + "]";
            if (w == null) {
                errors.add(new Problem.FieldError(field, "must be an object"));
                continue;
            }
            String name = w.name() == null ? "" : w.name().strip();
            if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                errors.add(new Problem.FieldError(field + ".name", "1 to 100 characters, no control characters"));
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                errors.add(new Problem.FieldError(field + ".name", "names must be unique in a project"));
            }
            if (w.color() != null && !COLOR.matcher(w.color()).matches()) {
                errors.add(new Problem.FieldError(field + ".color", "a colour as #rrggbb"));
            }
            if (w.id() != null && (!byId.containsKey(w.id()) || !kept.add(w.id()))) {
                errors.add(new Problem.FieldError(field + ".id", "not a class of this project (leave the id out to add one)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<UUID> removed = current.stream().map(LabelClass::id).filter(id -> !kept.contains(id)).toList();
        long shapesRemoved = 0;
        if (!removed.isEmpty()) {
            long inUse = t.handle().createQuery("SELECT count(*) FROM image WHERE org_id = :org AND project_id = :project AND class_ids && :ids")
                .bind("org", t.org().value()).bind("project", project).bind("ids", removed.toArray(new UUID[0])).mapTo(Long.class).one();
            if (inUse > 0 && !cascade) {
                throw new ApiException(409, "label_class_in_use", "Label class in use",
                    "Annotations on " + inUse + " images use a class this change deletes; remove them first or ask to cascade (?cascade=true).");
            }
            if (inUse > 0) {
                shapesRemoved = Annotations.removeClasses(t, project, removed);
            }
            t.handle().createUpdate("DELETE FROM label_class WHERE org_id = :org AND project_id = :project AND id = ANY(:ids)")
                .bind("org", t.org().value()).bind("project", project).bind("ids", removed.toArray(new UUID[0])).execute();
        }
        // names are unique per project: move the kept ones out of the way before renaming
        t.handle().createUpdate("UPDATE label_class SET name = id::text WHERE org_id = :org AND project_id = :project")
            .bind("org", t.org().value()).bind("project", project).execute();
        int added = 0;
        int changed = 0;
        for (int i = 0; i < wanted.size(); i++) {
            Wanted w = wanted.get(i);
            String name = w.name().strip();
            if (w.id() == null) {
                String color = w.color() == null ? PALETTE[(current.size() + added) % PALETTE.length] : w.color().toLowerCase(Locale.ROOT);
                t.handle().createUpdate("INSERT INTO label_class (id, org_id, project_id, name, color, position)"
                        + " VALUES (:id, :org, :project, :name, :color, :position)")
                    .bind("id", ids.next()).bind("org", t.org().value()).bind("project", project).bind("name", name).bind("color", color)
                    .bind("position", i).execute();
                added++;
            } else {
                LabelClass before = byId.get(w.id());
                String color = w.color() == null ? before.color() : w.color().toLowerCase(Locale.ROOT);
                if (!before.name().equals(name) || !before.color().equals(color)) {
                    changed++;
                }
                t.handle().createUpdate("UPDATE label_class SET name = :name, color = :color, position = :position WHERE id = :id")
                    .bind("name", name).bind("color", color).bind("position", i).bind("id", w.id()).execute();
            }
        }
        return new Change(added, changed, removed.size(), shapesRemoved);
    }
}
