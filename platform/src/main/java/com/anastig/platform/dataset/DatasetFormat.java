package com.anastig.platform.dataset;

/** The ZIP layouts {@link DatasetExporter} writes. */
public enum DatasetFormat { COCO, YOLO, VOC }
