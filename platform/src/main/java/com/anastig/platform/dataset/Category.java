package com.anastig.platform.dataset;

/** An annotation class of the exported project; {@code index} is 0-based and dense (0..n-1). */
public record Category(int index, String name) {}
