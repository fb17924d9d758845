package com.anastig.plugin.mail.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingProblem;
import com.anastig.plugin.api.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMailProviderFactoryTest {
    private final LogMailProviderFactory factory = new LogMailProviderFactory();

    @TempDir
    Path temp;

    private ProviderContext context() {
        return new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), temp);
    }

    @Test
    void describesItself() {
        assertThat(factory.id()).isEqualTo("log");
        assertThat(factory.settings()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("outbox");
            assertThat(s.required()).isTrue();
        });
    }

    @Test
    void theOutboxIsRequired() {
        assertThat(factory.validate(ProviderSettings.empty())).extracting(SettingProblem::setting).containsExactly("outbox");
        assertThatThrownBy(() -> factory.create(ProviderSettings.empty(), context()))
            .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }

    @Test
    void aMissingOutboxIsCreated() {
        Path outbox = temp.resolve("a/b/outbox");
        assertThat(factory.validate(ProviderSettings.of(Map.of("outbox", outbox.toString())))).isEmpty();
        factory.create(ProviderSettings.of(Map.of("outbox", outbox.toString())), context()).close();
        assertThat(outbox).isDirectory();
    }

    @Test
    void anOutboxThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        ProviderSettings settings = ProviderSettings.of(Map.of("outbox", file.toString()));
        assertThat(factory.validate(settings)).extracting(SettingProblem::setting).containsExactly("outbox");
        assertThatThrownBy(() -> factory.create(settings, context()))
            .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }
}
