package com.anastig.platform.dataset;

import static com.anastig.platform.dataset.DatasetFixtures.export;
import static com.anastig.platform.dataset.DatasetFixtures.sample;
import static com.anastig.platform.dataset.DatasetFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VocExportTest {
    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String child(Element e, String name) {
        return e.getElementsByTagName(name).item(0).getTextContent();
    }

    @Test
    void everyImageHasAnAnnotationXmlWithPixelBoxesInsideTheImage() throws Exception {
        Map<String, byte[]> zip = export(DatasetFormat.VOC, sample(), null);
        assertThat(text(zip, "labels.txt").lines()).containsExactly("cat", "dog & <bird> \"q\"", DatasetFixtures.FORMULA);
        int objects = 0;
        for (ExportImage image : DatasetFixtures.IMAGES) {
            String stem = DatasetExporter.entryName(image).replaceAll("\\.[a-z]+$", "");
            Element root = parse(zip.get("Annotations/" + stem + ".xml")).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("annotation");
            assertThat(child(root, "folder")).isEqualTo("JPEGImages");
            assertThat(child(root, "filename")).isEqualTo(DatasetExporter.entryName(image));
            Element size = (Element) root.getElementsByTagName("size").item(0);
            int width = Integer.parseInt(child(size, "width"));
            int height = Integer.parseInt(child(size, "height"));
            assertThat(width).isEqualTo(image.width());
            assertThat(height).isEqualTo(image.height());
            assertThat(child(size, "depth")).isEqualTo("3");
            NodeList list = root.getElementsByTagName("object");
            for (int i = 0; i < list.getLength(); i++, objects++) {
                Element o = (Element) list.item(i);
                assertThat(child(o, "name")).isNotEmpty();
                assertThat(child(o, "pose")).isEqualTo("Unspecified");
                Element box = (Element) o.getElementsByTagName("bndbox").item(0);
                int xmin = Integer.parseInt(child(box, "xmin")), ymin = Integer.parseInt(child(box, "ymin"));
                int xmax = Integer.parseInt(child(box, "xmax")), ymax = Integer.parseInt(child(box, "ymax"));
                assertThat(xmin).isBetween(0, xmax - 1);
                assertThat(ymin).isBetween(0, ymax - 1);
                assertThat(xmax).isLessThanOrEqualTo(width);
                assertThat(ymax).isLessThanOrEqualTo(height);
            }
        }
        assertThat(objects).isEqualTo(5);

        Element first = parse(zip.get("Annotations/photo_one_1.xml")).getDocumentElement();
        Element polygon = (Element) first.getElementsByTagName("object").item(1);
        assertThat(child(polygon, "name")).isEqualTo("dog & <bird> \"q\"");
        assertThat(List.of(child(polygon, "xmin"), child(polygon, "ymin"), child(polygon, "xmax"), child(polygon, "ymax")))
                .containsExactly("100", "100", "200", "180");
        assertThat(text(zip, "Annotations/photo_one_1.xml")).contains("dog &amp; &lt;bird&gt;");
        assertThat(parse(zip.get("Annotations/empty_4.xml")).getElementsByTagName("object").getLength()).isZero();
    }

    @Test
    void controlCharactersInNamesDoNotBreakTheXml() throws Exception {
        List<Category> categories = List.of(new Category(0, "a\u0000b\u001fc\uFFFEd"));
        ExportImage image = new ExportImage(1, "i", "x.jpg", "jpg", 10, 10, List.of(Shape.box(0, 1, 1, 2, 2)));
        Map<String, byte[]> zip = export(DatasetFormat.VOC, DatasetFixtures.source(categories, List.of(image)), null);
        Element root = parse(zip.get("Annotations/x_1.xml")).getDocumentElement();
        assertThat(child(root, "name")).isEqualTo("abcd");
    }

    @Test
    void includedImagesGoUnderJpegImages() throws Exception {
        Map<String, byte[]> zip = export(DatasetFormat.VOC, sample(), DatasetFixtures.FAKE_BYTES);
        assertThat(text(zip, "JPEGImages/photo_one_1.jpg")).isEqualTo("bytes of img-a");
        assertThat(zip.keySet().stream().filter(n -> n.startsWith("JPEGImages/"))).hasSize(4);
    }
}
