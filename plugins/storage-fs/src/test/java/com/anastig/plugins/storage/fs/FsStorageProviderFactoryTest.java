package com.anastig.plugins.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingDescriptor;
import com.anastig.plugin.api.SettingProblem;
import com.anastig.plugin.api.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsStorageProviderFactoryTest {
    private final FsStorageProviderFactory factory = new FsStorageProviderFactory();

    @TempDir
    Path temp;

    @Test
    void describesItself() {
        assertThat(factory.id()).isEqualTo("fs");
        assertThat(factory.description()).isNotBlank();
        assertThat(factory.settings()).extracting(SettingDescriptor::name).containsExactly("root", "prefix");
        assertThat(factory.settings()).filteredOn(SettingDescriptor::required).extracting(SettingDescriptor::name).containsExactly("root");
        assertThat(factory.settings()).noneMatch(SettingDescriptor::secret);
    }

    @Test
    void validSettingsHaveNoProblems() {
        assertThat(factory.validate(settings(Map.of("root", temp.toString())))).isEmpty();
        assertThat(factory.validate(settings(Map.of("root", temp.toString(), "prefix", "org-1/")))).isEmpty();
        assertThat(factory.validate(settings(Map.of("root", temp.toString(), "prefix", "orgs/42")))).isEmpty();
    }

    @Test
    void missingRootIsAProblemAndARelativeOneIsResolved() {
        assertThat(factory.validate(ProviderSettings.empty())).extracting(SettingProblem::setting).containsExactly("root");
        assertThat(factory.validate(settings(Map.of("root", "  ")))).extracting(SettingProblem::setting).containsExactly("root");
        assertThat(factory.validate(settings(Map.of("root", "data/objects")))).isEmpty();
    }

    @Test
    void escapingPrefixesAreProblems() {
        for (String prefix : new String[] {"../x", "/abs", "a//b", "a/../b", "a\\b", "x".repeat(256)}) {
            assertThat(factory.validate(settings(Map.of("root", temp.toString(), "prefix", prefix))))
                .as(prefix).extracting(SettingProblem::setting).containsExactly("prefix");
        }
    }

    @Test
    void unknownSettingsAndSecretsAreProblems() {
        ProviderSettings s = new ProviderSettings(Map.of("root", temp.toString(), "bucket", "x"), Map.of("password", "hunter2"));
        assertThat(factory.validate(s)).extracting(SettingProblem::setting).containsExactly("bucket", "password");
        assertThat(factory.validate(s).toString()).doesNotContain("hunter2");
    }

    @Test
    void createRefusesInvalidSettingsNamingThem() {
        ProviderException e = catchThrowableOfType(() -> factory.create(ProviderSettings.empty(), context()), ProviderException.class);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
        assertThat(e.getMessage()).contains("root");
    }

    @Test
    void createMakesAMissingRootAndRefusesAFile() throws Exception {
        Path root = temp.resolve("not/yet/there");
        try (ObjectStore store = factory.create(settings(Map.of("root", root.toString(), "prefix", "p/")), context())) {
            assertThat(root.resolve("data/p")).isDirectory();
            assertThat(root.resolve("meta/p")).isDirectory();
            assertThat(root.resolve("tmp")).isDirectory();
            assertThat(store.supportsPresignedUrls()).isFalse();
        }
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        ProviderException e = catchThrowableOfType(
            () -> factory.create(settings(Map.of("root", file.toString())), context()), ProviderException.class);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }

    private static ProviderSettings settings(Map<String, String> values) {
        return ProviderSettings.of(values);
    }

    private ProviderContext context() {
        return new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), temp);
    }
}
