package com.anastig.platform.tenant;

import java.util.UUID;

/** Who makes a request: a person with a session, or an organization's API token. */
public sealed interface Principal permits Principal.Person, Principal.Token {

    /** The account behind the request: the person, or the token's creator. */
    UUID accountId();

    /** A signed-in person. */
    record Person(UUID accountId, UUID sessionId) implements Principal {
    }

    /** An API token of one organization, with its role (at most its creator's when it was made). */
    record Token(UUID tokenId, OrgId org, Role role, UUID accountId) implements Principal {
    }
}
