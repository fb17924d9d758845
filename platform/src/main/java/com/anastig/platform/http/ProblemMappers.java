package com.anastig.platform.http;

import java.util.List;

/** Every exception mapper of the API, so the application and the tests register the same set. */
public final class ProblemMappers {
    private ProblemMappers() {
    }

    /** @param errorRecorder counts unexpected errors by fingerprint */
    public static List<Object> all(java.util.function.Consumer<Throwable> errorRecorder) {
        FallbackExceptionMapper fallback = new FallbackExceptionMapper(errorRecorder);
        return List.of(new ApiExceptionMapper(), new com.anastig.platform.throttle.ThrottledExceptionMapper(),
            new WebApplicationExceptionMapper(fallback), new JsonExceptionMapper(), new ValidationExceptionMapper(),
            new ProviderExceptionMapper(), fallback);
    }
}
