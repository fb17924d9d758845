package com.anastig.platform.throttle;

/**
 * What a limit counts per: the client's IP address, a normalised e-mail address, an account, an API
 * token or an organization. Only the kind ever leaves the throttle (to listeners, in events); the
 * subject itself is hashed before it reaches Hazelcast.
 */
public enum SubjectKind {
    IP,
    EMAIL,
    ACCOUNT,
    API_TOKEN,
    ORGANIZATION
}
