package com.anastig.platform.workspace;

import com.anastig.platform.dataset.CocoVisitor;
import com.anastig.platform.tenant.OrgId;
import com.anastig.platform.tenant.TenantDb;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What the first pass of an import learns: the categories, each image's file name (the only thing
 * kept per image), and the shapes, staged in {@code import_shape} in batches keyed by the image's
 * COCO id ({@code #42}) or, for tags from {@code labels.csv}, by its file name ({@code name:a.jpg}).
 */
final class ImportIndex implements CocoVisitor {
    private static final int BATCH = 1000;
    private final TenantDb db;
    private final OrgId org;
    private final UUID importId;
    private final ArrayNode errors;
    private final Map<Long, String> categories = new LinkedHashMap<>();
    private final Set<String> tagLabels = new LinkedHashSet<>();
    private final Map<String, Long> byName = new HashMap<>();
    private final Map<String, Long> byBaseName = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final List<String[]> pending = new ArrayList<>();
    private boolean json;

    ImportIndex(TenantDb db, OrgId org, UUID importId, ArrayNode errors) {
        this.db = db;
        this.org = org;
        this.importId = importId;
        this.errors = errors;
    }

    boolean sawJson() {
        return json;
    }

    void markJson() {
        json = true;
    }

    Map<Long, String> categories() {
        return categories;
    }

    Set<String> tagLabels() {
        return tagLabels;
    }

    long imageCount() {
        return names.size();
    }

    String fileName(long coco) {
        return names.get(coco);
    }

    /** The COCO id of the image an archive entry holds, by its full name, its name under images/, or its base name. */
    Long imageFor(String entry) {
        Long id = byName.get(entry);
        if (id == null && entry.contains("images/")) {
            id = byName.get(entry.substring(entry.lastIndexOf("images/") + "images/".length()));
        }
        if (id == null) {
            Long base = byBaseName.get(base(entry));
            id = base == null || base < 0 ? null : base;
        }
        return id;
    }

    @Override
    public void category(long cocoId, String name) {
        categories.put(cocoId, name);
    }

    @Override
    public void image(long cocoId, String fileName, int width, int height) {
        if (names.putIfAbsent(cocoId, fileName) != null) {
            problem("images", "image id " + cocoId + " appears twice; the second was skipped");
            return;
        }
        byName.put(fileName, cocoId);
        byBaseName.merge(base(fileName), cocoId, (a, b) -> -1L); // -1: ambiguous
    }

    @Override
    public void annotation(long imageCocoId, long categoryCocoId, double[] bbox, double[][] polygon) {
        ObjectNode shape = JsonNodeFactory.instance.objectNode().put("category", categoryCocoId);
        if (polygon != null && !isRectangleOf(polygon, bbox)) {
            shape.put("type", "polygon");
            ArrayNode points = shape.putArray("points");
            for (double[] p : polygon) {
                points.addArray().add(p[0]).add(p[1]);
            }
        } else {
            shape.put("type", "bbox");
            ArrayNode b = shape.putArray("bbox");
            for (double v : bbox) {
                b.add(v);
            }
        }
        stage("#" + imageCocoId, shape.toString());
    }

    @Override
    public void problem(String where, String message) {
        if (errors.size() < ImportJob.MAX_ERRORS) {
            errors.addObject().put("where", where).put("message", message);
        }
    }

    /** Tags from a labels.csv ({@code image,label}, RFC 4180, a leading ' before = + - @ being our exports' formula guard). */
    void readLabels(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        for (int n = 2; (line = r.readLine()) != null; n++) {
            List<String> cells = Csv.parse(line);
            if (cells.size() != 2) {
                if (!line.isBlank()) {
                    problem("labels.csv:" + n, "not two cells");
                }
                continue;
            }
            String label = Csv.unguard(cells.get(1));
            tagLabels.add(label);
            stage("name:" + Csv.unguard(cells.get(0)), JsonNodeFactory.instance.objectNode().put("type", "tag").put("label", label).toString());
        }
    }

    /** Records every image the JSON names that the archive did not hold. */
    void missing(Set<Long> found) {
        long absent = names.keySet().stream().filter(id -> !found.contains(id)).count();
        names.forEach((id, name) -> {
            if (!found.contains(id)) {
                problem("images[id=" + id + "]", "the file is not in the archive");
            }
        });
        if (absent > 0 && errors.size() >= ImportJob.MAX_ERRORS) {
            errors.addObject().put("where", "images").put("message", absent + " images named in the JSON are not in the archive");
        }
    }

    private void stage(String key, String shape) {
        pending.add(new String[] {key, shape});
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        db.inOrg(org, null, t -> {
            PreparedBatch batch = t.handle().prepareBatch("INSERT INTO import_shape (import_id, org_id, image_key, shape)"
                + " VALUES (:import, :org, :key, CAST(:shape AS jsonb))");
            for (String[] p : pending) {
                batch.bind("import", importId).bind("org", org.value()).bind("key", p[0]).bind("shape", p[1]).add();
            }
            return batch.execute();
        });
        pending.clear();
    }

    private static String base(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Our exports write a box's segmentation as its rectangle (pycocotools needs one): that is a box, not a polygon. */
    static boolean isRectangleOf(double[][] polygon, double[] bbox) {
        if (bbox == null || polygon.length != 4) {
            return false;
        }
        double x0 = bbox[0];
        double y0 = bbox[1];
        double x1 = bbox[0] + bbox[2];
        double y1 = bbox[1] + bbox[3];
        double[][] corners = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
        for (int i = 0; i < 4; i++) {
            if (Math.abs(polygon[i][0] - corners[i][0]) > 0.02 || Math.abs(polygon[i][1] - corners[i][1]) > 0.02) {
                return false;
            }
        }
        return true;
    }
}
