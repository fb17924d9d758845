package com.anastig.platform.dataset;

import static com.anastig.platform.dataset.DatasetFixtures.export;
import static com.anastig.platform.dataset.DatasetFixtures.sample;
import static com.anastig.platform.dataset.DatasetFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every layout shares: labels.csv, the empty project, entry names, progress, the caller's stream. */
class DatasetExporterTest {

    @ParameterizedTest
    @EnumSource(DatasetFormat.class)
    void labelsCsvListsTheTagsNeutralised(DatasetFormat format) throws IOException {
        String csv = text(export(format, sample(), null), "labels.csv");
        assertThat(csv).isEqualTo("image,label\r\n"
                + "photo_one_1.jpg,'=cmd|' /C calc'!A0\r\n"
                + "a_b_c_2.png,cat\r\n"
                + "a_b_c_2.png,\"dog & <bird> \"\"q\"\"\"\r\n");
    }

    @Test
    void csvCellsAreQuotedAndNeutralised() {
        assertThat(LabelsCsv.cell("plain")).isEqualTo("plain");
        assertThat(LabelsCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(LabelsCsv.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(LabelsCsv.cell(start + "1+1").replaceFirst("^\"", "")).startsWith("'" + start);
        }
        assertThat(LabelsCsv.cell("\r1")).isEqualTo("\"'\r1\"");
        assertThat(LabelsCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(LabelsCsv.cell("=\"x\",1")).isEqualTo("\"'=\"\"x\"\",1\"");
    }

    @ParameterizedTest
    @EnumSource(DatasetFormat.class)
    void theEmptyProjectIsAValidZip(DatasetFormat format) throws IOException {
        Map<String, byte[]> zip = export(format, DatasetFixtures.source(List.of(), List.of()), DatasetFixtures.FAKE_BYTES);
        assertThat(text(zip, "labels.csv")).isEqualTo("image,label\r\n");
        switch (format) {
            case COCO -> {
                JsonNode coco = new ObjectMapper().readTree(zip.get("annotations/instances.json"));
                assertThat(coco.get("images")).isEmpty();
                assertThat(coco.get("annotations")).isEmpty();
                assertThat(coco.get("categories")).isEmpty();
                CocoExportTest.assertValidCoco(coco);
                assertThat(zip.keySet()).containsExactly("annotations/instances.json", "labels.csv");
            }
            case YOLO -> assertThat(zip.keySet()).containsExactly("data.yaml", "labels.csv");
            case VOC -> assertThat(zip.keySet()).containsExactly("labels.txt", "labels.csv");
        }
    }

    @Test
    void entryNamesAreSafeAndUniqueWithoutMemory() {
        List<String> odd = List.of("../a b\u0000c.png", "..\\..\\evil.jpg", "/etc/passwd", "....", "", "a_1", "a",
                "x".repeat(300), "é漢字.jpg", "CON", "a..b...c", ".hidden", "trailing.", "a\u202Eb", "_1", "-rf", "--x-");
        List<String> names = new ArrayList<>();
        long seq = 1;
        for (String name : odd) {
            for (String ext : List.of("jpg", "PNG", "webp", "../x", "")) {
                names.add(DatasetExporter.entryName(new ExportImage(seq++, "id", name, ext, 1, 1, List.of())));
            }
        }
        names.add(DatasetExporter.entryName(new ExportImage(Long.MAX_VALUE, "id", "x".repeat(300), "jpg", 1, 1, List.of())));
        names.add(DatasetExporter.entryName(new ExportImage(12, "id", "a", "jpg", 1, 1, List.of())));
        names.add(DatasetExporter.entryName(new ExportImage(2, "id", "a_1", "jpg", 1, 1, List.of())));
        assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n)
                .hasSizeLessThanOrEqualTo(120)
                .matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.[a-z0-9]{1,5}")
                .doesNotContain("__")
                .doesNotContain(".."));
        assertThat(DatasetExporter.entryName(new ExportImage(7, "id", "../a b\u0000c.png", "png", 1, 1, List.of())))
                .isEqualTo("a_b_c_7.png");
        assertThat(DatasetExporter.entryName(new ExportImage(8, "id", "", "exe/../x", 1, 1, List.of())))
                .isEqualTo("image_8.bin");
    }

    @Test
    void progressIsReportedCoarselyAndEndsAtTheTotal() throws IOException {
        List<ExportImage> images = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            images.add(new ExportImage(i, "i" + i, "f.jpg", "jpg", 10, 10, List.of(Shape.box(0, 1, 1, 2, 2))));
        }
        List<long[]> calls = new ArrayList<>();
        new DatasetExporter().write(DatasetFormat.COCO, DatasetFixtures.source(List.of(new Category(0, "c")), images),
                null, new ByteArrayOutputStream(), (done, total) -> calls.add(new long[] {done, total}));
        assertThat(calls.size()).isBetween(2, 110);
        assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(3000));
        assertThat(calls.get(calls.size() - 1)[0]).isEqualTo(3000);
    }

    @Test
    void theCallersStreamIsNotClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new DatasetExporter().write(DatasetFormat.VOC, sample(), DatasetFixtures.FAKE_BYTES, out, null);
        assertThat(closed[0]).isFalse();
        assertThat(DatasetFixtures.unzip(out.toByteArray())).containsKey("labels.csv");
    }
}
