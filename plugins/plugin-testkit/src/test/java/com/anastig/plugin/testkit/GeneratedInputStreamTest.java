package com.anastig.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GeneratedInputStreamTest {

    @Test
    void sameSeedSameBytesWhateverTheReadSizes() throws IOException {
        byte[] whole = GeneratedInputStream.bytes(100_003, 7);
        GeneratedInputStream in = new GeneratedInputStream(100_003, 7);
        byte[] pieces = new byte[100_003];
        int off = 0;
        int step = 1;
        for (int n; (n = in.read(pieces, off, Math.min(step, pieces.length - off))) > 0; off += n) {
            step = step * 3 % 9_001 + 1;
        }
        assertThat(off).isEqualTo(100_003);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(pieces).isEqualTo(whole);
        assertThat(GeneratedInputStream.bytes(1000, 8)).isNotEqualTo(GeneratedInputStream.bytes(1000, 7));
    }

    @Test
    void failingStreamFailsAfterTheGivenBytes() throws IOException {
        GeneratedInputStream in = GeneratedInputStream.failingAfter(1000, 1, 600);
        assertThat(in.readNBytes(600)).isEqualTo(GeneratedInputStream.bytes(600, 1));
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
