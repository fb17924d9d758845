package com.anastig.platform.security;

import com.anastig.platform.config.SealingSection;
import com.anastig.tenantconfig.Sealer;
import com.anastig.tenantconfig.SealingConfig;
import com.anastig.tenantconfig.SealingKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link Sealer} from configuration, creating the embedded default's key file once. */
public final class SealingKeysLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeysLoader.class);

    private SealingKeysLoader() {
    }

    public static Sealer load(SealingSection section, ObjectMapper mapper) throws IOException {
        SealingConfig config;
        if (section.currentKeyId() != null && !section.keys().isEmpty()) {
            config = new SealingConfig(section.currentKeyId(), section.keys());
        } else {
            Path file = section.keysFile();
            if (!Files.exists(file)) {
                if (!section.generateIfMissing()) {
                    throw new IllegalStateException("sealing.keysFile " + file.toAbsolutePath() + " does not exist"
                        + " (and sealing.generateIfMissing is false): restore it from your backup");
                }
                generate(file, mapper);
            }
            config = mapper.readValue(file.toFile(), SealingConfig.class);
        }
        return new Sealer(SealingKeys.fromConfig(config));
    }

    private static void generate(Path file, ObjectMapper mapper) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".sealing-keys", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict the permissions of {}: keep its folder private", file);
        }
        String key = SealingKeys.generateKeyBase64(new SecureRandom());
        mapper.writeValue(tmp.toFile(), Map.of("currentKeyId", "k1", "keys", Map.of("k1", key)));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("Created a new sealing key in {}: back this file up; what it seals cannot be read without it",
            file.toAbsolutePath());
    }
}
