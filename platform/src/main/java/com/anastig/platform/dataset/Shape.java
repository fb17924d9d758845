package com.anastig.platform.dataset;

/**
 * One annotation of an image, in pixels.
 *
 * @param category the {@link Category#index()}
 * @param kind     what the shape is
 * @param bbox     {@code [x, y, w, h]}; {@link ShapeKind#BBOX} only
 * @param points   {@code [[x, y], ...]}; {@link ShapeKind#POLYGON} only
 */
public record Shape(int category, ShapeKind kind, double[] bbox, double[][] points) {
    public static Shape box(int category, double x, double y, double w, double h) {
        return new Shape(category, ShapeKind.BBOX, new double[] {x, y, w, h}, null);
    }

    public static Shape polygon(int category, double[][] points) {
        return new Shape(category, ShapeKind.POLYGON, null, points);
    }

    public static Shape tag(int category) {
        return new Shape(category, ShapeKind.TAG, null, null);
    }
}
