package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.http.Problem;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class HashingBusyExceptionMapperTest {

    @Test
    void answers503BusyWithRetryAfter() {
        Response response = new HashingBusyExceptionMapper().toResponse(new HashingBusyException(1));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        Problem body = (Problem) response.getEntity();
        assertThat(body.code()).isEqualTo("busy");
        assertThat(body.extensions()).containsEntry("retryAfterSeconds", 1L);
    }
}
