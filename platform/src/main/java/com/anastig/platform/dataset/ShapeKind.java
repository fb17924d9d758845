package com.anastig.platform.dataset;

/** What a {@link Shape} is: a box, a polygon, or an image-level tag without geometry. */
public enum ShapeKind { BBOX, POLYGON, TAG }
