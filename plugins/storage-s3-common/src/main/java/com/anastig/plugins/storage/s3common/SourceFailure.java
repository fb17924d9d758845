package com.anastig.plugins.storage.s3common;

import java.io.IOException;

/** Marks an {@link IOException} thrown by the caller's data stream, not by the network. */
public final class SourceFailure extends IOException {
    public SourceFailure(IOException cause) {
        super("the data stream failed", cause);
    }
}
