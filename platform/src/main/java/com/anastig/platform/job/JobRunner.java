package com.anastig.platform.job;

import io.dropwizard.lifecycle.Managed;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works off the job queue on this node: polls for due jobs while a worker is free, runs each on a
 * worker thread, renews the leases of running jobs, and records the outcome. Handlers register before
 * start; a kind without a handler on this node is left for another node.
 */
public final class JobRunner implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobQueue queue;
    private final JobClaims claims;
    private final JobConfig config;
    private final String node = "node-" + UUID.randomUUID();
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<UUID, Job> running = new ConcurrentHashMap<>();
    private Semaphore free;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

    public JobRunner(JobQueue queue, JobClaims claims, JobConfig config) {
        this.queue = queue;
        this.claims = claims;
        this.config = config;
    }

    public void register(JobHandler handler) {
        if (handlers.putIfAbsent(handler.kind(), handler) != null) {
            throw new IllegalStateException("two handlers for job kind " + handler.kind());
        }
    }

    @Override
    public void start() {
        free = new Semaphore(config.workers());
        workers = Executors.newFixedThreadPool(config.workers(), r -> daemon(r, "jobs-worker"));
        scheduler = Executors.newScheduledThreadPool(1, r -> daemon(r, "jobs-poll"));
        long every = config.pollInterval().toMilliseconds();
        scheduler.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
        long renewEvery = Math.max(100, config.lease().toMilliseconds() / 3);
        scheduler.scheduleWithFixedDelay(this::renewSafely, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Claims and starts jobs while workers are free; returns how many started. */
    public int pollOnce() {
        if (handlers.isEmpty()) {
            return 0;
        }
        int started = 0;
        while (free.tryAcquire()) {
            Optional<Job> claimed;
            try {
                claimed = claims.claim(node, handlers.keySet());
            } catch (RuntimeException e) {
                free.release();
                throw e;
            }
            if (claimed.isEmpty()) {
                free.release();
                return started;
            }
            Job job = claimed.get();
            running.put(job.id(), job);
            workers.execute(() -> runOne(job));
            started++;
        }
        return started;
    }

    private void runOne(Job job) {
        try {
            handlers.get(job.kind()).run(job);
            if (!queue.complete(job)) {
                LOG.warn("Job {} ({}) finished after another node took it over; its result was not recorded", job.id(), job.kind());
            }
        } catch (FencedOut e) {
            LOG.warn("Job {} ({}) stopped: another node took it over", job.id(), job.kind());
        } catch (JobHandler.Permanent e) {
            LOG.warn("Job {} ({}) failed: {}", job.id(), job.kind(), e.getMessage());
            queue.failed(job, e.getMessage(), true);
        } catch (Exception e) {
            LOG.warn("Job {} ({}) attempt {} failed, will retry: {}", job.id(), job.kind(), job.attempts(), e.toString());
            queue.failed(job, "attempt " + job.attempts() + " failed", false);
        } finally {
            running.remove(job.id());
            free.release();
        }
    }

    private void pollSafely() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("Looking for jobs failed: {}", e.getMessage());
        }
    }

    private void renewSafely() {
        for (Job job : running.values()) {
            try {
                if (!queue.renew(job)) {
                    LOG.warn("Lost the lease of job {} ({})", job.id(), job.kind());
                }
            } catch (RuntimeException e) {
                LOG.warn("Renewing the lease of job {} failed: {}", job.id(), e.getMessage());
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
