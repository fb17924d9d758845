package com.anastig.platform.account.password;

/** Argon2id cost parameters as recorded in a PHC string ({@code m=...,t=...,p=...}). */
record Argon2Params(int memoryKib, int iterations, int parallelism) {

    /** What we accept from a stored hash: Argon2's own minimum memory, and at most 1 GiB. */
    boolean acceptable() {
        return parallelism >= 1 && parallelism <= 64 && iterations >= 1 && iterations <= 100
            && memoryKib >= 8 * parallelism && memoryKib <= 1048576;
    }
}
