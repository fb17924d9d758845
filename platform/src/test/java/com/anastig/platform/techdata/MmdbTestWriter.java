package com.anastig.platform.techdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a tiny MaxMind DB (format 2.0: a binary search tree over 128-bit addresses with 24-bit
 * records, a data section and a metadata map) mapping networks to GeoIP2-Country-shaped records
 * ({@code {"country": {"iso_code": "DE"}}}). Test-only: Maven Central serves no Java MMDB writer.
 * IPv4 networks live at {@code ::a.b.c.d/96+n}, where readers look IPv4 addresses up.
 */
final class MmdbTestWriter {
    private static final int EMPTY = -1;
    private static final byte[] MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    /** Each node's two records: {@link #EMPTY}, a node index (>= 0) or a data offset encoded as -(2 + offset). */
    private final List<int[]> nodes = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    MmdbTestWriter() {
        nodes.add(new int[] {EMPTY, EMPTY});
    }

    /** Maps a network (e.g. {@code 203.0.113.0/24}, {@code 2001:db8::/32}) to a country code. */
    MmdbTestWriter country(String network, String isoCode) {
        Cidr cidr = Cidr.parse(network).orElseThrow();
        byte[] bits = new byte[16];
        byte[] address = cidr.network();
        System.arraycopy(address, 0, bits, 16 - address.length, address.length);
        int prefix = cidr.prefixLength() + (address.length == 4 ? 96 : 0);
        int offset = data.size();
        writeTo(data, map(1), string("country"), map(1), string("iso_code"), string(isoCode));
        int node = 0;
        for (int i = 0; i < prefix; i++) {
            int bit = (bits[i / 8] >> (7 - i % 8)) & 1;
            if (i == prefix - 1) {
                nodes.get(node)[bit] = -(2 + offset);
            } else {
                if (nodes.get(node)[bit] < 0) {
                    nodes.add(new int[] {EMPTY, EMPTY});
                    nodes.get(node)[bit] = nodes.size() - 1;
                }
                node = nodes.get(node)[bit];
            }
        }
        return this;
    }

    byte[] build() {
        int nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] node : nodes) {
            for (int record : node) {
                int value = record == EMPTY ? nodeCount : record >= 0 ? record : nodeCount + 16 + (-record - 2);
                out.write(value >>> 16);
                out.write(value >>> 8);
                out.write(value);
            }
        }
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(MARKER);
        writeTo(out, map(9),
            string("node_count"), unsigned(6, nodeCount),
            string("record_size"), unsigned(5, 24),
            string("ip_version"), unsigned(5, 6),
            string("database_type"), string("Anastig-Test-Country"),
            string("languages"), extended(4, 1), string("en"),
            string("binary_format_major_version"), unsigned(5, 2),
            string("binary_format_minor_version"), unsigned(5, 0),
            string("build_epoch"), uint64(1_764_000_000L),
            string("description"), map(1), string("en"), string("Anastig test country database"));
        return out.toByteArray();
    }

    private static void writeTo(ByteArrayOutputStream out, byte[]... parts) {
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
    }

    private static byte[] map(int size) {
        return new byte[] {(byte) (7 << 5 | size)};
    }

    private static byte[] string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length >= 29 + 256) {
            throw new IllegalArgumentException("short strings only");
        }
        // sizes from 29 on take one more byte holding size - 29
        int head = utf8.length < 29 ? 1 : 2;
        byte[] out = new byte[head + utf8.length];
        out[0] = (byte) (2 << 5 | Math.min(utf8.length, 29));
        if (head == 2) {
            out[1] = (byte) (utf8.length - 29);
        }
        System.arraycopy(utf8, 0, out, head, utf8.length);
        return out;
    }

    /** uint16 (type 5) or uint32 (type 6), in the fewest bytes. */
    private static byte[] unsigned(int type, long value) {
        byte[] digits = minimal(value);
        byte[] out = new byte[1 + digits.length];
        out[0] = (byte) (type << 5 | digits.length);
        System.arraycopy(digits, 0, out, 1, digits.length);
        return out;
    }

    private static byte[] uint64(long value) {
        byte[] digits = minimal(value);
        byte[] out = new byte[2 + digits.length];
        out[0] = (byte) digits.length;
        out[1] = (byte) (9 - 7);
        System.arraycopy(digits, 0, out, 2, digits.length);
        return out;
    }

    /** An extended type's control bytes (type 11, an array, is {@code extended(4, size)}). */
    private static byte[] extended(int typeMinus7, int size) {
        return new byte[] {(byte) size, (byte) typeMinus7};
    }

    private static byte[] minimal(long value) {
        int n = value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (value >>> (8 * (n - 1 - i)));
        }
        return out;
    }
}
