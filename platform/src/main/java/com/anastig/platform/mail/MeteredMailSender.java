package com.anastig.platform.mail;

import com.anastig.plugin.api.MailMessage;
import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SendResult;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/** Times every send ({@code mail.<name>.send}) and counts failures by kind ({@code mail.<name>.errors.<KIND>}). */
public final class MeteredMailSender implements MailSender {
    private final MailSender delegate;
    private final MetricRegistry metrics;
    private final String prefix;

    public MeteredMailSender(MailSender delegate, MetricRegistry metrics, String name) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.prefix = MetricRegistry.name("mail", name);
    }

    @Override
    public SendResult send(MailMessage message) {
        Timer.Context t = metrics.timer(MetricRegistry.name(prefix, "send")).time();
        try {
            return delegate.send(message);
        } catch (ProviderException e) {
            metrics.meter(MetricRegistry.name(prefix, "errors", e.kind().name())).mark();
            throw e;
        } finally {
            t.stop();
        }
    }

    @Override
    public SelfTestReport selfTest() {
        return delegate.selfTest();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
