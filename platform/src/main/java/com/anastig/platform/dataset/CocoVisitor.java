package com.anastig.platform.dataset;

/** Receives what {@link CocoReader} streams out of an instances JSON, in the order of the file. */
public interface CocoVisitor {
    void category(long cocoId, String name);

    void image(long cocoId, String fileName, int width, int height);

    /**
     * @param bbox    {@code [x, y, w, h]} or null
     * @param polygon the first polygon ring as {@code [[x, y], ...]} or null (never both null)
     */
    void annotation(long imageCocoId, long categoryCocoId, double[] bbox, double[][] polygon);

    /** A per-item error; the item was skipped. {@code where} is e.g. "annotations[12]". */
    void problem(String where, String message);

    /**
     * Called once at the end of a successful read. {@code imageRefsUnchecked} / {@code categoryRefsUnchecked}
     * are true when some annotations came before the whole images / categories section and were passed on
     * without checking that reference: the caller has to check those ids itself.
     */
    default void finished(boolean imageRefsUnchecked, boolean categoryRefsUnchecked) {}
}
