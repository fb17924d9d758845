package com.anastig.plugin.api;

import java.util.Objects;

/**
 * One step of a connection self-test.
 *
 * @param name   {@code resolve, connect, auth, write, read, delete, presign} (storage) or
 *               {@code resolve, connect, auth} (mail)
 * @param ok     whether it passed
 * @param detail what happened, safe to show the organization (no secrets)
 */
public record SelfTestStep(String name, boolean ok, String detail) {
    public SelfTestStep {
        Objects.requireNonNull(name, "name");
        detail = detail == null ? "" : detail;
    }

    public static SelfTestStep passed(String name, String detail) {
        return new SelfTestStep(name, true, detail);
    }

    public static SelfTestStep failed(String name, String detail) {
        return new SelfTestStep(name, false, detail);
    }
}
