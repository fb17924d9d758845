package com.anastig.platform.http;

import java.util.List;

/** Every exception mapper of the API, so the application and the tests register the same set. */
public final class ProblemMappers {
    private ProblemMappers() {
    }

    public static List<Object> all() {
        return List.of(new ApiExceptionMapper(), new WebApplicationExceptionMapper(), new JsonExceptionMapper(),
            new ValidationExceptionMapper(), new ProviderExceptionMapper(), new FallbackExceptionMapper());
    }
}
