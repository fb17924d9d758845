package com.anastig.platform.job;

/**
 * The work of one kind of job. It must be idempotent and resumable: a job may run again after a
 * crash or a lost lease, picking up from the progress it recorded (under {@link JobQueue#requireFence}).
 */
public interface JobHandler {
    String kind();

    /**
     * Does the work. Returning normally completes the job; throwing {@link RetryLater} or any other
     * exception schedules a retry with backoff, until the attempts run out and the job is failed.
     */
    void run(Job job) throws Exception;

    /** A transient failure: try again later. */
    final class RetryLater extends RuntimeException {
        public RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A failure that will not heal by retrying: the job is failed at once. */
    final class Permanent extends RuntimeException {
        public Permanent(String message) {
            super(message);
        }
    }
}
