package com.anastig.platform.mfa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real, independent TOTP authenticator `oathtool` (Debian package oathtool), as a person's app would be. */
public final class Oathtool {
    private Oathtool() {
    }

    /** Fails in CI (CI=true) when oathtool is missing; elsewhere the calling test is skipped, saying how to get it. */
    public static void require() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/oathtool"));
        String how = "install oathtool (apt-get install oathtool; .ci/run does it)";
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("oathtool is missing: " + how);
        }
        Assumptions.assumeTrue(present, "oathtool is missing: " + how);
    }

    /** The code oathtool computes for a Base32 secret at a time. */
    public static String code(String base32Secret, Instant at) throws IOException, InterruptedException {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at) + " UTC";
        Process p = new ProcessBuilder("/usr/bin/oathtool", "--totp", "-b", "-N", when, base32Secret).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("oathtool failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
