package com.anastig.platform.dataset;

/** Geometry checks shared by the writers: which shapes are exportable, and their boxes and areas. */
final class Geometry {
    private Geometry() {}

    /**
     * The shape's box {@code [x, y, w, h]} in pixels: the box itself, or a polygon's bounding box; null for
     * tags and for anything that cannot be exported (wrong arity, non-finite numbers, zero width or height,
     * a polygon of fewer than 3 points or of zero area).
     */
    static double[] box(Shape shape) {
        if (shape.kind() == ShapeKind.BBOX) {
            double[] b = shape.bbox();
            if (b == null || b.length != 4 || !finite(b) || !(b[2] > 0) || !(b[3] > 0)) {
                return null;
            }
            return b;
        }
        if (shape.kind() == ShapeKind.POLYGON && validPolygon(shape.points())) {
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (double[] p : shape.points()) {
                minX = Math.min(minX, p[0]);
                minY = Math.min(minY, p[1]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
            return maxX > minX && maxY > minY && polygonArea(shape.points()) > 0
                    ? new double[] {minX, minY, maxX - minX, maxY - minY} : null;
        }
        return null;
    }

    static boolean validPolygon(double[][] points) {
        if (points == null || points.length < 3) {
            return false;
        }
        for (double[] p : points) {
            if (p == null || p.length != 2 || !finite(p)) {
                return false;
            }
        }
        return true;
    }

    /** The shoelace area of a simple polygon. */
    static double polygonArea(double[][] points) {
        double twice = 0;
        for (int i = 0, n = points.length; i < n; i++) {
            double[] a = points[i];
            double[] b = points[(i + 1) % n];
            twice += a[0] * b[1] - b[0] * a[1];
        }
        return Math.abs(twice) / 2;
    }

    /** The box clipped to the image {@code [0,width] x [0,height]} as {@code [x1, y1, x2, y2]}; null if empty. */
    static double[] clippedCorners(double[] box, int width, int height) {
        double x1 = clamp(box[0], 0, width);
        double y1 = clamp(box[1], 0, height);
        double x2 = clamp(box[0] + box[2], 0, width);
        double y2 = clamp(box[1] + box[3], 0, height);
        return x2 > x1 && y2 > y1 ? new double[] {x1, y1, x2, y2} : null;
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    static boolean validCategory(Shape shape, int categories) {
        return shape != null && shape.category() >= 0 && shape.category() < categories;
    }

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
