package com.anastig.platform.throttle;

/**
 * Told of every refusal, e.g. to record a security event or count a metric. It gets the limit and
 * the kind of subject, never the subject (no e-mail address or IP reaches it). It runs on the
 * request thread; an exception it throws is logged and does not change the answer.
 */
@FunctionalInterface
public interface ThrottleListener {
    ThrottleListener NONE = (limit, kind) -> { };

    void onThrottled(Limit limit, SubjectKind subjectKind);
}
