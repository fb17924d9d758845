package com.anastig.tenantconfig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The associated data a sealed value is bound to, such as the organization id and the field name:
 * a value sealed for one cannot be opened as another. Parts are length-prefixed, so
 * {@code ("a|b","c")} and {@code ("a","b|c")} differ. Parts must not be secret.
 */
public record Aad(List<String> parts) {
    public Aad {
        if (parts == null || parts.isEmpty() || parts.stream().anyMatch(p -> p == null)) {
            throw new IllegalArgumentException("associated data needs at least one part and no null parts");
        }
        parts = List.copyOf(parts);
    }

    public static Aad of(String... parts) {
        return new Aad(List.of(parts));
    }

    /** The usual binding: which organization, and which field of its settings. */
    public static Aad forOrganization(String orgId, String field) {
        return of("org", orgId, field);
    }

    byte[] encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
