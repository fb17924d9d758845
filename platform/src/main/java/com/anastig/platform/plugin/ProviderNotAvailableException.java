package com.anastig.platform.plugin;

/** A provider asked for by id is not available; the message names it, its plugin and why. */
public class ProviderNotAvailableException extends RuntimeException {
    public ProviderNotAvailableException(String message) {
        super(message);
    }
}
