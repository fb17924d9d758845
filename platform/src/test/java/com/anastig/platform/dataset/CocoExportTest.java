package com.anastig.platform.dataset;

import static com.anastig.platform.dataset.DatasetFixtures.export;
import static com.anastig.platform.dataset.DatasetFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class CocoExportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode instances(Map<String, byte[]> zip) throws IOException {
        return MAPPER.readTree(zip.get("annotations/instances.json"));
    }

    public static void assertValidCoco(JsonNode coco) throws IOException {
        try (InputStream in = CocoExportTest.class.getResourceAsStream("coco-instances.schema.json")) {
            assertThat(in).as("schema on the class path").isNotNull();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            Set<ValidationMessage> errors = schema.validate(coco);
            assertThat(errors).isEmpty();
        }
        Set<Long> images = new HashSet<>();
        coco.get("images").forEach(i -> assertThat(images.add(i.get("id").asLong())).as("unique image id").isTrue());
        Set<Long> categories = new HashSet<>();
        coco.get("categories").forEach(c -> assertThat(categories.add(c.get("id").asLong())).isTrue());
        Set<Long> annotations = new HashSet<>();
        for (JsonNode a : coco.get("annotations")) {
            assertThat(annotations.add(a.get("id").asLong())).as("unique annotation id").isTrue();
            assertThat(images).contains(a.get("image_id").asLong());
            assertThat(categories).contains(a.get("category_id").asLong());
            JsonNode bbox = a.get("bbox");
            assertThat(bbox).hasSize(4);
            bbox.forEach(n -> assertThat(n.isNumber()).isTrue());
            assertThat(bbox.get(2).asDouble()).isPositive();
            assertThat(bbox.get(3).asDouble()).isPositive();
            assertThat(a.get("area").asDouble()).isPositive();
            assertThat(a.get("iscrowd").asInt()).isZero();
            assertThat(a.get("segmentation")).hasSize(1);
            assertThat(a.get("segmentation").get(0).size()).isGreaterThanOrEqualTo(6).isEven();
        }
    }

    @Test
    void theSampleIsValidCocoWithEveryShapeAndNoTags() throws IOException {
        Map<String, byte[]> zip = export(DatasetFormat.COCO, sample(), null);
        assertThat(zip.keySet()).containsExactly("annotations/instances.json", "labels.csv");
        JsonNode coco = instances(zip);
        assertValidCoco(coco);

        assertThat(coco.get("images")).hasSize(4);
        assertThat(coco.get("categories").get(1).get("name").asText()).isEqualTo("dog & <bird> \"q\"");
        assertThat(coco.get("categories").get(0).get("id").asInt()).isEqualTo(1);
        JsonNode anns = coco.get("annotations");
        // image 1: box + polygon; image 2: box; image 3: polygon + box (the degenerate and unknown ones left out)
        assertThat(anns).hasSize(5);
        JsonNode box = anns.get(0);
        assertThat(box.get("image_id").asLong()).isEqualTo(1);
        assertThat(box.get("category_id").asInt()).isEqualTo(1);
        assertThat(MAPPER.convertValue(box.get("bbox"), double[].class)).containsExactly(10, 20, 100, 50);
        assertThat(box.get("area").asDouble()).isEqualTo(5000);
        JsonNode triangle = anns.get(1);
        assertThat(MAPPER.convertValue(triangle.get("bbox"), double[].class)).containsExactly(100, 100, 100, 80);
        assertThat(triangle.get("area").asDouble()).isEqualTo(4000); // 100 * 80 / 2
        assertThat(MAPPER.convertValue(triangle.get("segmentation").get(0), double[].class))
                .containsExactly(100, 100, 200, 100, 150, 180);
        assertThat(anns.findValues("id").stream().map(JsonNode::asLong).toList()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void fileNamesAreTheSafeEntryNames() throws IOException {
        JsonNode images = instances(export(DatasetFormat.COCO, sample(), null)).get("images");
        List<String> names = images.findValues("file_name").stream().map(JsonNode::asText).toList();
        assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> {
            assertThat(n).hasSizeLessThanOrEqualTo(120).doesNotContain("/", "\\", "..").matches("[A-Za-z0-9._-]+");
        });
        assertThat(names.get(0)).isEqualTo("photo_one_1.jpg");
        assertThat(names.get(1)).isEqualTo("a_b_c_2.png");
        assertThat(names.get(2)).endsWith("_3.webp");
    }

    @Test
    void includedImagesGoUnderImagesWithTheirBytes() throws IOException {
        Map<String, byte[]> zip = export(DatasetFormat.COCO, sample(), DatasetFixtures.FAKE_BYTES);
        for (ExportImage image : DatasetFixtures.IMAGES) {
            assertThat(DatasetFixtures.text(zip, "images/" + DatasetExporter.entryName(image)))
                    .isEqualTo("bytes of " + image.id());
        }
        assertThat(zip.keySet().stream().filter(n -> n.startsWith("images/"))).hasSize(4);
        assertValidCoco(instances(zip));
    }
}
