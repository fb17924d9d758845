package com.anastig.platform.job;

/** This node's claim on a job is gone (its lease ran out and another node took it over). */
public final class FencedOut extends RuntimeException {
    public FencedOut(Job job) {
        super("job " + job.id() + " was taken over by another claim");
    }
}
