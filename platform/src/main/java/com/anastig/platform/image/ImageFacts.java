package com.anastig.platform.image;

/** What an inspected upload turned out to be: its format, size in pixels and bytes, and SHA-256. */
public record ImageFacts(ImageFormat format, int width, int height, long sizeBytes, String sha256Hex) {}
