package com.anastig.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads what the real `log` mail plugin wrote into the outbox folder (RFC 5322 .eml files). */
public final class Outbox {
    private final Path dir;

    public Outbox(Path dir) {
        this.dir = dir;
    }

    /** The .eml files in time order, decoded from quoted-printable soft breaks. */
    public List<String> mails() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted()
                .map(Outbox::read).toList();
        }
    }

    private static String read(Path f) {
        try {
            return decodeQuotedPrintable(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Undoes quoted-printable (soft breaks and =XX bytes) over the whole message, then reads it as UTF-8. */
    static String decodeQuotedPrintable(String raw) {
        String s = raw.replace("=\r\n", "").replace("=\n", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write((byte) c);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    /** Waits (up to 10 s) for a mail containing {@code marker} sent after {@code previousCount} mails. */
    public String await(int previousCount, String marker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> all = mails();
            for (int i = previousCount; i < all.size(); i++) {
                if (all.get(i).contains(marker)) {
                    return all.get(i);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail containing " + marker + " arrived in " + dir);
    }

    /** The token of the first link to {@code path} in a mail. */
    public static String token(String mail, String path) {
        Matcher m = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]{43,80})").matcher(mail);
        if (!m.find()) {
            throw new AssertionError("no " + path + " link in the mail");
        }
        return m.group(1);
    }
}
