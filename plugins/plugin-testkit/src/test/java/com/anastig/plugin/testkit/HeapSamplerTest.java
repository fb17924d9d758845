package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HeapSamplerTest {
    private static final long SIZE = 64L * 1024 * 1024;

    @Test
    void seesABufferedObjectButNotAStreamedOne() throws IOException {
        byte[] retained;
        try (HeapSampler heap = HeapSampler.start(50)) {
            retained = new GeneratedInputStream(SIZE, 1).readAllBytes();
            heap.close();
            assertThat(heap.peakGrowth()).isGreaterThan(SIZE - 1024 * 1024);
        }
        assertThat(retained).hasSize((int) SIZE);
        retained = null;

        try (HeapSampler heap = HeapSampler.start(50)) {
            GeneratedInputStream in = new GeneratedInputStream(SIZE, 1);
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // discard
            }
            heap.close();
            assertThat(heap.peakGrowth()).isLessThan(8L * 1024 * 1024);
            assertThat(heap.sampleCount()).isGreaterThanOrEqualTo(1);
        }
    }
}
