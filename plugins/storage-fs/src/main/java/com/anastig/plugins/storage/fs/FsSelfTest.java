package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The fs self-test: {@code resolve} (the folder is there and writable), {@code write}, {@code read}
 * and {@code delete} of a probe object under {@code .anastig-selftest/}, and {@code presign}, which
 * passes with "not supported" because downloads from a folder always go through the platform.
 */
final class FsSelfTest {
    static final String PROBE_PREFIX = ".anastig-selftest/";

    private FsSelfTest() {
    }

    static SelfTestReport run(ObjectStore store, FsLocation location) {
        List<SelfTestStep> steps = new ArrayList<>();
        if (!Files.isDirectory(location.data) || !Files.isWritable(location.data) || !Files.isWritable(location.tmp)) {
            steps.add(SelfTestStep.failed("resolve", "the storage folder is missing or not writable"));
            return new SelfTestReport(steps);
        }
        steps.add(SelfTestStep.passed("resolve", "the storage folder is ready"));

        SecureRandom random = new SecureRandom();
        byte[] probe = new byte[32];
        random.nextBytes(probe);
        String key = PROBE_PREFIX + "probe-" + HexFormat.of().formatHex(probe, 0, 8);
        boolean written = false;
        try {
            store.put(key, new ByteArrayInputStream(probe), probe.length, "application/octet-stream");
            written = true;
            steps.add(SelfTestStep.passed("write", "wrote a " + probe.length + "-byte probe"));
            if (!Arrays.equals(store.readAllBytes(key), probe)) {
                steps.add(SelfTestStep.failed("read", "the probe read back differs from what was written"));
                return new SelfTestReport(steps);
            }
            steps.add(SelfTestStep.passed("read", "read the probe back intact"));
            store.delete(key);
            written = false;
            if (store.head(key).isPresent()) {
                steps.add(SelfTestStep.failed("delete", "the probe is still there after deleting it"));
                return new SelfTestReport(steps);
            }
            steps.add(SelfTestStep.passed("delete", "deleted the probe"));
        } catch (RuntimeException e) {
            String step = written ? (steps.size() == 2 ? "read" : "delete") : "write";
            steps.add(SelfTestStep.failed(step, "failed: " + e.getMessage()));
            return new SelfTestReport(steps);
        } finally {
            if (written) {
                deleteQuietly(store, key);
            }
        }
        steps.add(SelfTestStep.passed("presign", "not supported: transfers go through the platform"));
        return new SelfTestReport(steps);
    }

    private static void deleteQuietly(ObjectStore store, String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            // the report already says which step failed
        }
    }
}
