package com.anastig.plugin.mail.log;

import com.anastig.plugin.mail.mime.MimeMessages;
import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import com.anastig.plugin.api.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * Writes each message as one {@code .eml} file into the outbox folder. A file appears complete or
 * not at all: it is written under a temporary name in the same folder, flushed to disk, then renamed.
 * The provider message id is the Message-ID header.
 */
final class OutboxMailSender implements MailSender {
    private final Path outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final OutboxNames names;
    private final Session session = newSession();

    OutboxMailSender(Path outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.names = new OutboxNames(clock, random);
    }

    /** Jakarta Mail looks up its stream provider through the context class loader even here. */
    private static Session newSession() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OutboxMailSender.class.getClassLoader());
        try {
            return Session.getInstance(new Properties());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public SendResult send(MailMessage message) {
        // Jakarta Mail and Activation find their handlers through the context class loader; inside a
        // PF4J plugin that must be the plugin's loader, not the host's
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OutboxMailSender.class.getClassLoader());
        try {
            return write(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private SendResult write(MailMessage message) {
        Instant now = clock.instant();
        String messageId = MimeMessages.newMessageId(message.from(), now, random);
        MimeMessage mime;
        try {
            mime = MimeMessages.build(session, message, messageId, now);
        } catch (MessagingException e) {
            throw new ProviderException(ProviderException.Kind.INTERNAL, "the message could not be built", e);
        }
        String name = names.next();
        Path temporary = outbox.resolve(OutboxNames.temporaryName(name));
        try {
            Files.createDirectories(outbox);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
                mime.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            deleteQuietly(temporary);
            throw ProviderException.unavailable("the message could not be written to the outbox folder", e);
        }
        return new SendResult(messageId);
    }

    @Override
    public SelfTestReport selfTest() {
        Path probe = outbox.resolve(".selftest-" + Long.toHexString(random.nextLong()) + ".tmp");
        try {
            Files.createDirectories(outbox);
            Files.writeString(probe, "probe", StandardOpenOption.CREATE_NEW);
            Files.delete(probe);
            return new SelfTestReport(List.of(SelfTestStep.passed("write", "the outbox folder is writable")));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(probe);
            return new SelfTestReport(List.of(SelfTestStep.failed("write", "the outbox folder is not writable")));
        }
    }

    @Override
    public void close() {
        // nothing is held open between messages
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException ignored) {
            // the temporary name never ends in .eml, so a leftover is never mistaken for a message
        }
    }
}
