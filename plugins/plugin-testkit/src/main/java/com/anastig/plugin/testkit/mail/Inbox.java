package com.anastig.plugin.testkit.mail;

import java.util.Optional;

/** Reads back what the server under test received: the contract's view of the far side. */
@FunctionalInterface
public interface Inbox {

    /**
     * The message the provider accepted under this id, once the server has it; empty while it has
     * not (yet) arrived. The contract polls this for a few seconds.
     */
    Optional<ReceivedMail> find(String providerMessageId) throws Exception;
}
