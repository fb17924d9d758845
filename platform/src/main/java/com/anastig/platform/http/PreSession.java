package com.anastig.platform.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks endpoints called before there is a session (sign-up, login, reset, verify): they take JSON
 * only (a cross-site form cannot send it without a refused preflight) and refuse a foreign
 * {@code Origin} ({@link PreSessionOriginFilter}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PreSession {
}
