package com.anastig.platform.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CocoReaderTest {
    private final CocoReader reader = new CocoReader(8, 1_000, 10_000);

    /** Records every call as a line of text. */
    static final class Recorder implements CocoVisitor {
        final List<String> events = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        String finished;

        public void category(long id, String name) {
            events.add("category " + id + " " + name);
        }

        public void image(long id, String fileName, int width, int height) {
            events.add("image " + id + " " + fileName + " " + width + "x" + height);
        }

        public void annotation(long image, long category, double[] bbox, double[][] polygon) {
            events.add("annotation " + image + " " + category + " " + java.util.Arrays.toString(bbox) + " "
                    + java.util.Arrays.deepToString(polygon));
        }

        public void problem(String where, String message) {
            problems.add(where + ": " + message);
        }

        public void finished(boolean imagesUnchecked, boolean categoriesUnchecked) {
            finished = imagesUnchecked + "/" + categoriesUnchecked;
        }
    }

    private Recorder read(String json) throws Exception {
        Recorder r = new Recorder();
        reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), r);
        return r;
    }

    private CocoFormatException refused(String json) {
        return (CocoFormatException) assertThatThrownBy(() -> read(json))
                .isInstanceOf(CocoFormatException.class).actual();
    }

    @Test
    void readsBackItsOwnExport() throws Exception {
        Map<String, byte[]> zip = DatasetFixtures.export(DatasetFormat.COCO, DatasetFixtures.sample(), null);
        Recorder r = new Recorder();
        reader.read(new ByteArrayInputStream(zip.get("annotations/instances.json")), r);
        assertThat(r.problems).isEmpty();
        assertThat(r.finished).isEqualTo("false/false");
        assertThat(r.events).containsExactly(
                "category 1 cat", "category 2 dog & <bird> \"q\"", "category 3 " + DatasetFixtures.FORMULA,
                "image 1 photo_one_1.jpg 640x480",
                "image 2 a_b_c_2.png 320x240",
                "image 3 " + "x".repeat(80) + "_3.webp 100x100",
                "image 4 empty_4.jpg 50x40",
                "annotation 1 1 [10.0, 20.0, 100.0, 50.0] [[10.0, 20.0], [110.0, 20.0], [110.0, 70.0], [10.0, 70.0]]",
                "annotation 1 2 [100.0, 100.0, 100.0, 80.0] [[100.0, 100.0], [200.0, 100.0], [150.0, 180.0]]",
                "annotation 2 3 [0.0, 0.0, 320.0, 240.0] [[0.0, 0.0], [320.0, 0.0], [320.0, 240.0], [0.0, 240.0]]",
                "annotation 3 1 [10.0, 10.0, 50.0, 50.0] [[10.0, 10.0], [60.0, 10.0], [60.0, 60.0], [10.0, 60.0]]",
                "annotation 3 2 [90.5, 90.25, 50.0, 50.0] [[90.5, 90.25], [140.5, 90.25], [140.5, 140.25], [90.5, 140.25]]");
    }

    @Test
    void unknownReferencesAreProblemsNotFailures() throws Exception {
        Recorder r = read("""
                {"categories":[{"id":1,"name":"a"},{"id":1,"name":"again"}],
                 "images":[{"id":5,"file_name":"f.jpg","width":10,"height":10},{"id":5,"file_name":"g","width":1,"height":1}],
                 "annotations":[
                   {"id":1,"image_id":5,"category_id":1,"bbox":[1,1,2,2]},
                   {"id":2,"image_id":6,"category_id":1,"bbox":[1,1,2,2]},
                   {"id":3,"image_id":5,"category_id":9,"bbox":[1,1,2,2]},
                   {"id":4,"image_id":5,"category_id":1,"bbox":[1,1,0,2]},
                   {"id":5,"image_id":5,"category_id":1,"segmentation":[[1,2,3]]},
                   {"id":6,"image_id":5,"category_id":1,"segmentation":{"counts":"xyz","size":[10,10]}}]}""");
        assertThat(r.events).containsExactly("category 1 a", "image 5 f.jpg 10x10",
                "annotation 5 1 [1.0, 1.0, 2.0, 2.0] null");
        assertThat(r.problems).containsExactly(
                "categories[1]: duplicate category id 1",
                "images[1]: duplicate image id 5",
                "annotations[1]: unknown image_id 6",
                "annotations[2]: unknown category_id 9",
                "annotations[3]: bbox must be [x, y, w, h] with positive w and h; ignored",
                "annotations[3]: no usable bbox or polygon",
                "annotations[4]: a polygon needs an even number (at least 6, fewer than 200000) of coordinates; ignored",
                "annotations[4]: no usable bbox or polygon",
                "annotations[5]: no usable bbox or polygon");
        assertThat(r.finished).isEqualTo("false/false");
    }

    @Test
    void theUsualOrderLeavesCategoryReferencesToTheCaller() throws Exception {
        Recorder r = read("""
                {"info":{"deep":{"a":[1,2]}},"images":[{"id":1,"file_name":"a.jpg","width":4.0,"height":3}],
                 "annotations":[{"image_id":1,"category_id":42,"bbox":[0,0,1,1],"iscrowd":0,"area":1}],
                 "categories":[{"id":7,"name":"x","supercategory":"s"}]}""");
        assertThat(r.events).containsExactly("image 1 a.jpg 4x3", "annotation 1 42 [0.0, 0.0, 1.0, 1.0] null",
                "category 7 x");
        assertThat(r.problems).isEmpty();
        assertThat(r.finished).isEqualTo("false/true");
    }

    @Test
    void deepGarbageIsRefused() {
        String deep = "[".repeat(10) + "]".repeat(10);
        assertThat(refused("{\"info\":" + deep + "}").code()).isEqualTo("too_deep");
        String objects = "{\"a\":".repeat(10) + "1" + "}".repeat(10);
        assertThat(refused("{\"annotations\":[{\"x\":" + objects + "}]}").code()).isEqualTo("too_deep");
        assertThat(refused("[".repeat(10_000)).code()).isEqualTo("not_object");
        assertThat(refused("{\"x\":" + "[".repeat(100_000)).code()).isEqualTo("too_deep");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|not_object",
        "\"coco\"|not_object",
        "{\"images\":{}}|wrong_type",
        "{\"images\":[1]}|wrong_type",
        "{\"images\":[{\"id\":\"1\",\"file_name\":\"a\",\"width\":1,\"height\":1}]}|wrong_type",
        "{\"images\":[{\"id\":1.5,\"file_name\":\"a\",\"width\":1,\"height\":1}]}|wrong_type",
        "{\"images\":[{\"id\":1,\"file_name\":7,\"width\":1,\"height\":1}]}|wrong_type",
        "{\"images\":[{\"id\":1,\"file_name\":\"a\",\"width\":1}]}|missing_field",
        "{\"images\":[{\"id\":1,\"file_name\":\"a\",\"width\":-1,\"height\":1}]}|invalid_value",
        "{\"categories\":[{\"id\":1}]}|missing_field",
        "{\"annotations\":[{\"image_id\":1,\"category_id\":1,\"bbox\":\"1,2,3,4\"}]}|wrong_type",
        "{\"annotations\":[{\"image_id\":1,\"category_id\":1,\"bbox\":[1,2,\"3\",4]}]}|wrong_type",
        "{\"annotations\":[{\"image_id\":1,\"category_id\":1,\"segmentation\":[1,2,3]}]}|wrong_type",
        "{\"annotations\":[{\"image_id\":1,\"category_id\":99999999999999999999999}]}|wrong_type",
        "{\"annotations\":[{\"image_id\":1}]}|missing_field",
        "{\"images\":[}|invalid_json",
        "{\"images\":[]} {}|invalid_json",
        "|not_object",
    })
    void wrongShapesAreRefusedWithAStableCode(String json, String code) {
        CocoFormatException e = refused(json == null ? "" : json);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\"");
    }

    @Test
    void messagesNameTheFieldButNeverEchoTheContent() {
        CocoFormatException e = refused("{\"images\":[{\"id\":1,\"file_name\":\"a\",\"width\":\"<script>\",\"height\":1}]}");
        assertThat(e.getMessage()).isEqualTo("images[0].width must be an integer").doesNotContain("script");
        assertThat(refused("{\"images\":[{\"id\":1,\"file_name\":\"<script>").getMessage()).doesNotContain("script");
    }

    @Test
    void countsAreLimited() throws IOException {
        CocoReader small = new CocoReader(8, 1, 1);
        String twoImages = "{\"images\":[{\"id\":1,\"file_name\":\"a\",\"width\":1,\"height\":1},"
                + "{\"id\":2,\"file_name\":\"b\",\"width\":1,\"height\":1}]}";
        assertThatThrownBy(() -> small.read(new ByteArrayInputStream(twoImages.getBytes(StandardCharsets.UTF_8)), new Recorder()))
                .isInstanceOfSatisfying(CocoFormatException.class, e -> assertThat(e.code()).isEqualTo("too_many_images"));
        String twoAnnotations = "{\"annotations\":[{\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,1,1]},"
                + "{\"image_id\":1,\"category_id\":1,\"bbox\":[0,0,1,1]}]}";
        assertThatThrownBy(() -> small.read(new ByteArrayInputStream(twoAnnotations.getBytes(StandardCharsets.UTF_8)), new Recorder()))
                .isInstanceOfSatisfying(CocoFormatException.class, e -> assertThat(e.code()).isEqualTo("too_many_annotations"));
    }

    @Test
    void theLongSetHoldsManyIdsIncludingZero() {
        LongHashSet set = new LongHashSet();
        for (long i = -50_001; i < 50_000; i += 3) {
            assertThat(set.add(i)).isTrue();
        }
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(-50_001)).isTrue();
        assertThat(set.contains(-50_000)).isFalse();
        assertThat(set.contains(Long.MAX_VALUE)).isFalse();
        assertThat(set.add(Long.MIN_VALUE)).isTrue();
        assertThat(set.contains(Long.MIN_VALUE)).isTrue();
    }
}
