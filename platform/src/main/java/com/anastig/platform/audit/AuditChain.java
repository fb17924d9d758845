package com.anastig.platform.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash of one link: SHA-256 over the previous link's hash and every stored field of the event,
 * each length-prefixed (so no two different events share an encoding). Editing, deleting, inserting
 * or reordering any event breaks the chain at that point.
 */
final class AuditChain {
    static final byte[] GENESIS = new byte[32];

    private AuditChain() {
    }

    static byte[] hash(byte[] previous, StoredEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(previous);
        field(out, e.orgId().toString());
        field(out, Long.toString(e.seq()));
        field(out, e.id().toString());
        field(out, e.at().toString());
        field(out, e.actorType());
        field(out, e.actorId() == null ? null : e.actorId().toString());
        field(out, e.action());
        field(out, e.targetType());
        field(out, e.targetId());
        field(out, e.reason());
        field(out, e.country());
        field(out, e.userAgentSummary());
        field(out, e.details());
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
