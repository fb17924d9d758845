package com.anastig.plugin.mail.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.plugin.api.MailAddress;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.SendResult;
import com.anastig.plugin.testkit.mail.MimeMail;
import com.anastig.plugin.testkit.mail.ReceivedMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxMailSenderTest {
    private static final MailAddress FROM = new MailAddress("no-reply@anastig.test", "Anastig");

    @TempDir
    Path outbox;

    private static MailMessage message(String subject, String text) {
        return MailMessage.of(FROM, MailAddress.of("ada@example.test"), subject, text, "<p>" + subject + "</p>");
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }

    private static ReceivedMail parse(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return MimeMail.parse(in);
        }
    }

    @Test
    void writesOneParseableEmlWithMessageIdAndTheClocksDate() throws Exception {
        Instant now = Instant.parse("2026-11-28T15:18:05.123Z");
        OutboxMailSender sender = new OutboxMailSender(outbox, Clock.fixed(now, ZoneOffset.UTC));
        SendResult result = sender.send(message("Hello", "Grüße"));

        List<Path> files = files(outbox);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("20261128T151805\\.123Z-000000-[0-9a-f]{8}\\.eml");
        try (InputStream in = Files.newInputStream(files.get(0))) {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(mime.getMessageID()).isEqualTo(result.providerMessageId()).matches("<[0-9a-f]{32}\\.\\d+@anastig\\.test>");
            assertThat(mime.getSentDate().toInstant()).isEqualTo(now.minusMillis(123));
            assertThat(mime.getHeader("MIME-Version", null)).isEqualTo("1.0");
            assertThat(mime.getContentType()).startsWith("multipart/alternative");
        }
    }

    @Test
    void manyThreadsWriteDistinctCompleteFiles() throws Exception {
        OutboxMailSender sender = new OutboxMailSender(outbox, Clock.systemUTC());
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        ids.add(sender.send(message("m-" + thread + "-" + i, "body " + thread + "-" + i)).providerMessageId());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Path> files = files(outbox);
        assertThat(ids).hasSize(320);
        assertThat(files).hasSize(320).allMatch(f -> f.getFileName().toString().endsWith(".eml"));
        Set<String> seen = new HashSet<>();
        for (Path file : files) {
            ReceivedMail mail = parse(file);
            assertThat(seen.add(mail.providerMessageId())).isTrue();
            assertThat(mail.textBody()).isEqualTo("body " + mail.subject().substring(2));
        }
        assertThat(seen).isEqualTo(ids);
    }

    @Test
    void noPartialEmlIsEverVisible() throws Exception {
        OutboxMailSender sender = new OutboxMailSender(outbox, Clock.systemUTC());
        String big = ("0123456789 Grüße, 日本 abcdefghijklmnopqrstuvwxyz\n").repeat(20_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<String> otherNames = Collections.synchronizedSet(new HashSet<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> watcher = pool.submit(() -> {
                int checked = 0;
                Set<Path> verified = new HashSet<>();
                while (writing.get()) {
                    for (Path file : files(outbox)) {
                        String name = file.getFileName().toString();
                        if (!name.endsWith(".eml")) {
                            otherNames.add(name);
                        } else if (verified.add(file)) {
                            assertThat(parse(file).textBody().replace("\r\n", "\n")).isEqualTo(big);
                            checked++;
                        }
                    }
                }
                return checked;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        sender.send(MailMessage.of(FROM, MailAddress.of("ada@example.test"), "big", big, null));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertThat(watcher.get(120, TimeUnit.SECONDS)).isPositive();
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(files(outbox)).hasSize(16).allMatch(f -> f.getFileName().toString().endsWith(".eml"));
        assertThat(otherNames).allMatch(n -> n.startsWith(".") && n.endsWith(".tmp"));
    }
}
