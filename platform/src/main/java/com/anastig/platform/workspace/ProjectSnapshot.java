package com.anastig.platform.workspace;

import com.anastig.platform.dataset.Category;
import com.anastig.platform.dataset.ExportImage;
import com.anastig.platform.dataset.ExportSource;
import com.anastig.platform.dataset.Shape;
import com.anastig.platform.dataset.ShapeKind;
import com.anastig.platform.image.ImageFormat;
import com.anastig.platform.tenant.TenantHandle;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A project as one repeatable-read transaction sees it, for the dataset writers: its classes, and its
 * images with their shapes streamed from PostgreSQL with a fetch size (inside a transaction, so PgJDBC
 * uses a cursor instead of reading every row first). Nothing per image outlives its callback.
 */
final class ProjectSnapshot implements ExportSource {
    static final int FETCH = 500;
    private static final JsonFactory JSON = new JsonFactory();
    private final TenantHandle t;
    private final UUID project;
    private final List<Category> categories = new ArrayList<>();
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final long count;
    private final boolean tags;

    ProjectSnapshot(TenantHandle t, UUID project) {
        this.t = t;
        this.project = project;
        for (LabelClasses.LabelClass c : LabelClasses.of(t, project)) {
            classIndex.put(c.id().toString(), categories.size());
            categories.add(new Category(categories.size(), c.name()));
        }
        this.count = t.handle().createQuery("SELECT count(*) FROM image WHERE org_id = :org AND project_id = :p")
            .bind("org", t.org().value()).bind("p", project).mapTo(Long.class).one();
        this.tags = t.handle().createQuery("SELECT EXISTS (SELECT 1 FROM image WHERE org_id = :org AND project_id = :p"
                + " AND shapes @> CAST('[{\"type\": \"tag\"}]' AS jsonb))")
            .bind("org", t.org().value()).bind("p", project).mapTo(Boolean.class).one();
    }

    @Override
    public boolean hasTags() {
        return tags;
    }

    @Override
    public void forEachImageMetadata(Consumer<ExportImage> sink) {
        long[] seq = {0};
        t.handle().createQuery("SELECT id, filename, media_type, width, height FROM image WHERE org_id = :org AND project_id = :p ORDER BY id")
            .bind("org", t.org().value()).bind("p", project).setFetchSize(FETCH * 4)
            .map((rs, ctx) -> new ExportImage(++seq[0], rs.getString(1), rs.getString(2),
                ImageFormat.ofMediaType(rs.getString(3)).map(ImageFormat::extension).orElse("bin"), rs.getInt(4), rs.getInt(5), List.of()))
            .useStream(rows -> rows.forEach(sink));
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public long imageCount() {
        return count;
    }

    @Override
    public void forEachImage(Consumer<ExportImage> sink) {
        long[] seq = {0};
        t.handle().createQuery("SELECT id, filename, media_type, width, height, shapes::text FROM image WHERE org_id = :org AND project_id = :p"
                + " ORDER BY id").bind("org", t.org().value()).bind("p", project).setFetchSize(FETCH)
            .map((rs, ctx) -> new ExportImage(++seq[0], rs.getString(1), rs.getString(2),
                ImageFormat.ofMediaType(rs.getString(3)).map(ImageFormat::extension).orElse("bin"), rs.getInt(4), rs.getInt(5),
                shapes(rs.getString(6))))
            .useStream(rows -> rows.forEach(sink));
    }

    /** The object key of an image (relative to the organization's base), looked up in the same snapshot. */
    String objectKey(String imageId) {
        return t.handle().createQuery("SELECT object_key FROM image WHERE org_id = :org AND id = :id").bind("org", t.org().value())
            .bind("id", UUID.fromString(imageId)).mapTo(String.class).one();
    }

    /** Parses the stored shape list with the streaming parser (no tree per image). */
    private List<Shape> shapes(String json) {
        List<Shape> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return out;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String classId = null;
                String type = null;
                double[] bbox = null;
                double[][] points = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "classId" -> classId = p.getText();
                        case "type" -> type = p.getText();
                        case "bbox" -> bbox = numbers(p);
                        case "points" -> points = pairs(p);
                        default -> p.skipChildren();
                    }
                }
                Integer category = classIndex.get(classId);
                if (category == null || type == null) {
                    continue;
                }
                switch (type) {
                    case "bbox" -> out.add(new Shape(category, ShapeKind.BBOX, bbox, null));
                    case "polygon" -> out.add(new Shape(category, ShapeKind.POLYGON, null, points));
                    case "tag" -> out.add(new Shape(category, ShapeKind.TAG, null, null));
                    default -> {
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] numbers(JsonParser p) throws IOException {
        List<Double> values = new ArrayList<>(4);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(p.getDoubleValue());
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static double[][] pairs(JsonParser p) throws IOException {
        List<double[]> points = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
            points.add(numbers(p));
        }
        return points.toArray(new double[0][]);
    }
}
