package com.anastig.platform.dataset;

/** A set of longs in one open-addressing long[]: 16 to 32 bytes per element, no boxing. */
final class LongHashSet {
    private static final long EMPTY = 0;
    private long[] table = new long[16];
    private boolean hasEmptyValue;
    private int size;

    /** Adds the value; false if it was already there. */
    boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !hasEmptyValue;
            hasEmptyValue = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int i = slot(value, table.length);
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & (table.length - 1);
        }
        table[i] = value;
        size++;
        return true;
    }

    boolean contains(long value) {
        if (value == EMPTY) {
            return hasEmptyValue;
        }
        int i = slot(value, table.length);
        while (table[i] != EMPTY) {
            if (table[i] == value) {
                return true;
            }
            i = (i + 1) & (table.length - 1);
        }
        return false;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long v : old) {
            if (v != EMPTY) {
                int i = slot(v, table.length);
                while (table[i] != EMPTY) {
                    i = (i + 1) & (table.length - 1);
                }
                table[i] = v;
            }
        }
    }

    private static int slot(long value, int length) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & (length - 1);
    }

}
