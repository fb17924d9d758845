package com.anastig.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.name", "a1b2c3", "123bucket", "bucket-123",
            "xn-single-hyphen", "a-s3alias-not-at-end", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "1.2.3", "1.2.3.4.5", "docexamplebucket1"})
    void acceptsValidBucketNames(String name) {
        assertThat(NameRules.bucket("bucket", name)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ab, bucket_name_length",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, bucket_name_length",
            "My-Bucket, bucket_name_characters",
            "my_bucket, bucket_name_characters",
            "my bucket, bucket_name_characters",
            "bücket, bucket_name_characters",
            "my/bucket, bucket_name_characters",
            "-bucket, bucket_name_boundary",
            "bucket-, bucket_name_boundary",
            ".bucket, bucket_name_boundary",
            "bucket., bucket_name_boundary",
            "my..bucket, bucket_name_dots",
            "my.-bucket, bucket_name_dots",
            "my-.bucket, bucket_name_dots",
            "192.168.5.4, bucket_name_ip_address",
            "10.0.0.1, bucket_name_ip_address",
            "999.999.999.999, bucket_name_ip_address",
            "xn--bucket, bucket_name_reserved",
            "sthree-bucket, bucket_name_reserved",
            "sthree-configurator, bucket_name_reserved",
            "amzn-s3-demo-bucket, bucket_name_reserved",
            "bucket-s3alias, bucket_name_reserved",
            "bucket--ol-s3, bucket_name_reserved",
            "bucket.mrap, bucket_name_reserved",
            "bucket--x-s3, bucket_name_reserved",
            "bucket--table-s3, bucket_name_reserved"})
    void refusesInvalidBucketNames(String name, String code) {
        assertThat(NameRules.bucket("bucket", name)).map(FieldProblem::code).contains(code);
    }

    @Test
    void aMissingBucketIsRequired() {
        assertThat(NameRules.bucket("bucket", null)).map(FieldProblem::code).contains("required");
        assertThat(NameRules.bucket("bucket", "")).map(FieldProblem::code).contains("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/", "anastig/", "tenants/acme/", "with space/", "ünïcode/data/", "a.b/c..d/"})
    void acceptsValidPrefixes(String prefix) {
        assertThat(NameRules.prefix("prefix", prefix)).isEmpty();
    }

    @Test
    void prefixIsOptional() {
        assertThat(NameRules.prefix("prefix", null)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''            | invalid_prefix",
            "data          | prefix_trailing_slash",
            "/data/        | invalid_prefix",
            "/             | invalid_prefix",
            "a//b/         | invalid_prefix",
            "//            | invalid_prefix",
            "./a/          | invalid_prefix",
            "a/../b/       | invalid_prefix",
            "../           | invalid_prefix",
            "a\\b/         | invalid_prefix"})
    void refusesInvalidPrefixes(String prefix, String code) {
        Optional<FieldProblem> problem = NameRules.prefix("prefix", prefix);
        assertThat(problem).map(FieldProblem::code).contains(code);
        assertThat(problem).map(FieldProblem::field).contains("prefix");
    }

    @Test
    void refusesControlCharactersAndLongPrefixes() {
        assertThat(NameRules.prefix("prefix", "a\u0000b/")).map(FieldProblem::code).contains("invalid_prefix");
        assertThat(NameRules.prefix("prefix", "a\nb/")).map(FieldProblem::code).contains("invalid_prefix");
        assertThat(NameRules.prefix("prefix", "a\u007fb/")).map(FieldProblem::code).contains("invalid_prefix");
        assertThat(NameRules.prefix("prefix", "a".repeat(511) + "/")).isEmpty();
        assertThat(NameRules.prefix("prefix", "a".repeat(512) + "/")).map(FieldProblem::code).contains("prefix_too_long");
        // 256 two-byte characters are 512 bytes; the slash makes 513
        assertThat(NameRules.prefix("prefix", "é".repeat(256) + "/")).map(FieldProblem::code).contains("prefix_too_long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-1", "us-gov-west-1", "cn-north-1", "auto", "garage"})
    void acceptsValidRegions(String region) {
        assertThat(NameRules.region("region", region)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"US-EAST-1", "us east 1", "-us-east-1", "us-east-1-", "us--east-1", "us_east_1", " us-east-1"})
    void refusesInvalidRegions(String region) {
        assertThat(NameRules.region("region", region)).map(FieldProblem::code).contains("invalid_region");
    }

    @Test
    void accessKeyRules() {
        assertThat(NameRules.accessKeyId("accessKeyId", "AKIAIOSFODNN7EXAMPLE")).isEmpty();
        assertThat(NameRules.accessKeyId("accessKeyId", "minio-user_1.x")).isEmpty();
        assertThat(NameRules.accessKeyId("accessKeyId", null)).map(FieldProblem::code).contains("required");
        for (String bad : new String[] {"ab", "AKIA EXAMPLE", "AKIA/EXAMPLE", "key=value", "a,b,c", "x".repeat(129), "AKIA\nX"}) {
            assertThat(NameRules.accessKeyId("accessKeyId", bad)).as(bad).map(FieldProblem::code).contains("invalid_access_key");
        }
    }

    @Test
    void secretKeyRulesNeverEchoTheSecret() {
        assertThat(NameRules.secretAccessKey("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isEmpty();
        assertThat(NameRules.secretAccessKey("secretAccessKey", "")).map(FieldProblem::code).contains("required");
        assertThat(NameRules.secretAccessKey("secretAccessKey", "********")).map(FieldProblem::code).contains("secret_redacted");
        for (String bad : new String[] {"short", "has space inside", "x".repeat(129), "tab\tinside-secret"}) {
            Optional<FieldProblem> problem = NameRules.secretAccessKey("secretAccessKey", bad);
            assertThat(problem).map(FieldProblem::code).contains("invalid_secret_key");
            assertThat(problem.get().message()).doesNotContain(bad);
        }
    }
}
