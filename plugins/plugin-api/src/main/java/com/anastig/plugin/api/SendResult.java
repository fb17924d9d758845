package com.anastig.plugin.api;

import java.util.Objects;

/** What a provider reports after accepting a message: its own id for it. */
public record SendResult(String providerMessageId) {
    public SendResult {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
}
