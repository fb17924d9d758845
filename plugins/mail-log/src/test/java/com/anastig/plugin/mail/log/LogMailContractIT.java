package com.anastig.plugin.mail.log;

import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.Timeouts;
import com.anastig.plugin.testkit.mail.FailureCase;
import com.anastig.plugin.testkit.mail.Inbox;
import com.anastig.plugin.testkit.mail.MailContract;
import com.anastig.plugin.testkit.mail.MimeMail;
import com.anastig.plugin.testkit.mail.ReceivedMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The mail contract against the outbox folder, reading every .eml back with Jakarta Mail. */
class LogMailContractIT extends MailContract {
    @TempDir
    Path temp;

    private Path outbox() {
        return temp.resolve("outbox");
    }

    private MailSender senderFor(Path outbox) {
        ProviderContext context = new ProviderContext(OutboundPolicy.unrestricted(Timeouts.DEFAULTS), Clock.systemUTC(), temp);
        return new LogMailProviderFactory().create(ProviderSettings.of(Map.of("outbox", outbox.toString())), context);
    }

    @Override
    protected MailSender createSender() {
        return senderFor(outbox());
    }

    @Override
    protected Inbox inbox() {
        return id -> {
            try (Stream<Path> files = Files.list(outbox())) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        ReceivedMail mail = MimeMail.parse(in);
                        if (id.equals(mail.providerMessageId())) {
                            return Optional.of(mail);
                        }
                    }
                }
            }
            return Optional.empty();
        };
    }

    @Override
    protected List<FailureCase> failureCases() {
        return List.of(FailureCase.of("the outbox folder was replaced by a file", ProviderException.Kind.UNAVAILABLE, () -> {
            Path outbox = temp.resolve("replaced");
            MailSender sender = senderFor(outbox);
            try {
                Files.delete(outbox);
                Files.writeString(outbox, "not a folder");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sender;
        }));
    }
}
