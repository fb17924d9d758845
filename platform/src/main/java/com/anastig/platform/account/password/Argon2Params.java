package com.anastig.platform.account.password;

/** Argon2id cost parameters as recorded in a PHC string ({@code m=...,t=...,p=...}). */
record Argon2Params(int memoryKib, int iterations, int parallelism) {
}
