package com.anastig.plugin.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how much the live heap grows while something runs: a background thread repeatedly asks
 * for a garbage collection and reads the heap in use right after it, so garbage does not count and
 * retained buffers do. Use in try-with-resources around a transfer and read {@link #peakGrowth()}.
 *
 * <p>Relies on {@code System.gc()} doing a collection (do not run tests with
 * {@code -XX:+DisableExplicitGC}).
 */
public final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(long intervalMillis) {
        this.baseline = liveHeap();
        this.peak.set(baseline);
        this.thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes the baseline now and samples every {@code intervalMillis} until closed. */
    public static HeapSampler start(long intervalMillis) {
        return new HeapSampler(intervalMillis);
    }

    /** The live heap at the start, in bytes. */
    public long baseline() {
        return baseline;
    }

    /** The largest live heap seen above the baseline, in bytes (never negative). */
    public long peakGrowth() {
        return Math.max(0, peak.get() - baseline);
    }

    /** How many samples were taken (including the one at close). */
    public long sampleCount() {
        return samples.get();
    }

    /** Stops sampling; takes one last sample first, so even a short transfer is measured once. */
    @Override
    public void close() {
        sample();
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        long used = liveHeap();
        peak.accumulateAndGet(used, Math::max);
        samples.incrementAndGet();
    }

    private long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
