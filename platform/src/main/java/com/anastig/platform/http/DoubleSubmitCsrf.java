package com.anastig.platform.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a form endpoint that checks its own double-submit {@code _csrf} cookie and field, so the
 * session filter does not also demand the session's {@code X-CSRF-Token} header (a form cannot send one).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DoubleSubmitCsrf {
}
