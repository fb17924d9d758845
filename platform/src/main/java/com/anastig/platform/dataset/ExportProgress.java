package com.anastig.platform.dataset;

/**
 * Progress of an export, in images visited over all passes ({@code total} = passes x images). Called about
 * every 1% (never once per image on large exports) and once at the end with {@code done == total}.
 */
public interface ExportProgress {
    ExportProgress NONE = (done, total) -> { };

    void advanced(long done, long total);
}
