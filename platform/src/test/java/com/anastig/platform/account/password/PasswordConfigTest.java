package com.anastig.platform.account.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

class PasswordConfigTest {
    private final Validator validator = Validators.newValidator();

    @Test
    void defaultsAreOwaspArgon2idOnABoundedPool() {
        PasswordConfig c = PasswordConfig.defaults();
        assertThat(c.memoryKib()).isEqualTo(19456);
        assertThat(c.iterations()).isEqualTo(2);
        assertThat(c.parallelism()).isEqualTo(1);
        assertThat(c.hashingThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        assertThat(c.queueCapacity()).isEqualTo(64);
        assertThat(c.maxWaitSeconds()).isEqualTo(10);
        assertThat(c.minLength()).isEqualTo(8);
        assertThat(c.maxLength()).isEqualTo(1024);
        assertThat(validator.validate(c)).isEmpty();
    }

    @Test
    void anEmptyOrPartialSectionFillsTheRest() throws Exception {
        PasswordConfig empty = Jackson.newObjectMapper().readValue("{}", PasswordConfig.class);
        assertThat(empty).isEqualTo(PasswordConfig.defaults());
        PasswordConfig partial = Jackson.newObjectMapper().readValue("{\"memoryKib\": 47104, \"iterations\": 1}", PasswordConfig.class);
        assertThat(partial.memoryKib()).isEqualTo(47104);
        assertThat(partial.iterations()).isEqualTo(1);
        assertThat(partial.queueCapacity()).isEqualTo(64);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        PasswordConfig bad = new PasswordConfig(512, 0, 17, 0, 0, 0, 4, 10);
        assertThat(validator.validate(bad)).extracting(v -> v.getPropertyPath().toString())
            .containsExactlyInAnyOrder("memoryKib", "iterations", "parallelism", "hashingThreads", "queueCapacity",
                "maxWaitSeconds", "minLength", "maxLength");
    }
}
