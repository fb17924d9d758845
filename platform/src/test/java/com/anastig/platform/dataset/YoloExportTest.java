package com.anastig.platform.dataset;

import static com.anastig.platform.dataset.DatasetFixtures.export;
import static com.anastig.platform.dataset.DatasetFixtures.sample;
import static com.anastig.platform.dataset.DatasetFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class YoloExportTest {
    private static final Pattern BOX = Pattern.compile("^\\d+( -?\\d+\\.\\d+){4}$");
    private static final Pattern SEGMENT = Pattern.compile("^\\d+( -?\\d+\\.\\d{6}){6,}$");

    @Test
    void dataYamlListsTheNamesInOrder() throws IOException {
        List<Category> odd = List.of(new Category(0, "yes"), new Category(1, "a: b # c"), new Category(2, "\"q\"\\\n"),
                new Category(3, "null"), new Category(4, "- x"), new Category(5, "bell\u0007"));
        Map<String, byte[]> zip = export(DatasetFormat.YOLO, DatasetFixtures.source(odd, List.of()), null);
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(zip.get("data.yaml"));
        assertThat(yaml.get("nc").asInt()).isEqualTo(6);
        assertThat(yaml.get("train").asText()).isEqualTo("images");
        assertThat(yaml.get("val").asText()).isEqualTo("images");
        List<String> names = new java.util.ArrayList<>();
        yaml.get("names").forEach(n -> {
            assertThat(n.isTextual()).isTrue();
            names.add(n.asText());
        });
        assertThat(names).containsExactly("yes", "a: b # c", "\"q\"\\\n", "null", "- x", "bell\u0007");

        JsonNode empty = new ObjectMapper(new YAMLFactory())
                .readTree(export(DatasetFormat.YOLO, DatasetFixtures.source(List.of(), List.of()), null).get("data.yaml"));
        assertThat(empty.get("nc").asInt()).isZero();
        assertThat(empty.get("names")).isEmpty();
    }

    @Test
    void everyImageHasALabelFileWithNormalisedLines() throws IOException {
        Map<String, byte[]> zip = export(DatasetFormat.YOLO, sample(), null);
        for (ExportImage image : DatasetFixtures.IMAGES) {
            String stem = DatasetExporter.entryName(image).replaceAll("\\.[a-z]+$", "");
            String labels = text(zip, "labels/" + stem + ".txt");
            for (String line : labels.lines().toList()) {
                assertThat(BOX.matcher(line).matches() || SEGMENT.matcher(line).matches()).as(line).isTrue();
                List<Double> values = Arrays.stream(line.split(" ")).skip(1).map(Double::valueOf).toList();
                assertThat(values).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            }
        }
        ExportImage first = DatasetFixtures.IMAGES.get(0);
        assertThat(text(zip, "labels/photo_one_1.txt").lines()).containsExactly(
                "0 0.093750 0.093750 0.156250 0.104167",
                "1 0.156250 0.208333 0.312500 0.208333 0.234375 0.375000");
        assertThat(first.width()).isEqualTo(640);
        // the box of image 3 leaves the image: clipped to it
        assertThat(text(zip, "labels/" + "x".repeat(80) + "_3.txt").lines()).containsExactly(
                "0 0.100000 0.100000 0.600000 0.100000 0.600000 0.600000 0.100000 0.600000",
                "1 0.952500 0.951250 0.095000 0.097500");
        assertThat(text(zip, "labels/empty_4.txt")).isEmpty();
        assertThat(zip.keySet()).noneMatch(n -> n.startsWith("images/"));
    }

    @Test
    void includedImagesGoUnderImages() throws IOException {
        Map<String, byte[]> zip = export(DatasetFormat.YOLO, sample(), DatasetFixtures.FAKE_BYTES);
        assertThat(text(zip, "images/a_b_c_2.png")).isEqualTo("bytes of img-b");
        assertThat(zip.keySet().stream().filter(n -> n.startsWith("images/"))).hasSize(4);
    }
}
