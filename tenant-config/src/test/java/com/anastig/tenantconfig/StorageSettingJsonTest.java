package com.anastig.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anastig.plugin.api.ProviderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageSettingJsonTest {
    private static final String BYO = """
            {"mode":"byo","provider":"minio","endpoint":"https://minio.example.com:9000","region":"us-east-1",
             "bucket":"vision-data","prefix":"team/","pathStyle":true,"accessKeyId":"EXAMPLEKEY","secretAccessKey":"s3cr3t-value-123"}""";

    private final TenantConfigLoader loader = new TenantConfigLoader(
            new StorageSettingValidator(Fixtures.policy(Fixtures.resolving("minio.example.com", Fixtures.PUBLIC_V4), false)));

    @Test
    void parsesManagedAndByo() {
        assertThat(loader.parseStorageSetting("{\"mode\":\"managed\"}")).isEqualTo(new StorageSetting.Managed());
        StorageSetting setting = loader.loadStorageSetting(BYO);
        assertThat(setting).isEqualTo(new StorageSetting.Byo(StorageProvider.MINIO, "https://minio.example.com:9000",
                "us-east-1", "vision-data", "team/", true, "EXAMPLEKEY", "s3cr3t-value-123"));
    }

    @Test
    void writesTheApiShapeAndReadsItBack() {
        StorageSetting setting = loader.parseStorageSetting(BYO);
        String json = loader.write(setting);
        assertThat(json).startsWith("{\"mode\":\"byo\",\"provider\":\"minio\"");
        assertThat(loader.parseStorageSetting(json)).isEqualTo(setting);
        assertThat(loader.write(new StorageSetting.Managed())).isEqualTo("{\"mode\":\"managed\"}");
    }

    @Test
    void absentPrefixIsOmittedButPathStyleIsRequired() {
        StorageSetting.Byo byo = (StorageSetting.Byo) loader.parseStorageSetting(BYO.replace("\"prefix\":\"team/\",", ""));
        assertThat(byo.prefix()).isNull();
        assertThat(loader.write(byo)).doesNotContain("prefix");
        assertThatThrownBy(() -> loader.parseStorageSetting(BYO.replace("\"pathStyle\":true,", "")))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.problems())
                        .containsExactly(new FieldProblem("pathStyle", "required", "this field is required and must not be null")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level field      | {\"mode\":\"managed\",\"extra\":1}                          | extra       | unknown_field",
            "unknown byo field            | BYO+{\"sessionToken\":\"x\"}                                | sessionToken | unknown_field",
            "duplicate field              | BYO+{\"bucket\":\"other-bucket\"}                           | bucket      | duplicate_field",
            "duplicate mode               | {\"mode\":\"managed\",\"mode\":\"byo\"}                     | mode        | duplicate_field",
            "missing mode                 | {}                                                          | mode        | required",
            "unknown mode                 | {\"mode\":\"shared\"}                                       | mode        | invalid_value",
            "unknown provider             | PROVIDER:gcs                                                | provider    | invalid_value",
            "uppercase provider           | PROVIDER:S3                                                 | provider    | invalid_value",
            "string for a boolean         | PATHSTYLE:\"true\"                                          | pathStyle   | invalid_value",
            "null for a boolean           | PATHSTYLE:null                                              | pathStyle   | required",
            "number for a string          | BUCKET:123                                                  | bucket      | invalid_value",
            "not json                     | {mode: managed}                                             | ''          | invalid_json",
            "trailing tokens              | {\"mode\":\"managed\"} {}                                   | ''          | invalid_json",
            "null document                | null                                                        | ''          | invalid_json",
            "array document               | []                                                          | ''          | invalid_value"})
    void refusesMalformedDocuments(String name, String doc, String field, String code) {
        String json = expand(doc);
        assertThatThrownBy(() -> loader.parseStorageSetting(json))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::code)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
                    assertThat(e.isMalformed()).isEqualTo(!code.equals("required"));
                    assertThat(e.getMessage()).doesNotContain("s3cr3t");
                });
    }

    private static String expand(String doc) {
        if (doc.startsWith("BYO+")) {
            return BYO.substring(0, BYO.length() - 1) + "," + doc.substring(5);
        }
        if (doc.startsWith("PROVIDER:")) {
            return BYO.replace("\"minio\"", "\"" + doc.substring(9) + "\"");
        }
        if (doc.startsWith("PATHSTYLE:")) {
            return BYO.replace("\"pathStyle\":true", "\"pathStyle\":" + doc.substring(10));
        }
        if (doc.startsWith("BUCKET:")) {
            return BYO.replace("\"vision-data\"", doc.substring(7));
        }
        return doc;
    }

    @Test
    void redactedViewHidesTheSecretOnly() {
        StorageSetting.Byo byo = (StorageSetting.Byo) loader.parseStorageSetting(BYO);
        StorageSetting.Byo redacted = byo.redacted();
        assertThat(redacted.secretAccessKey()).isEqualTo("********");
        assertThat(redacted.accessKeyId()).isEqualTo("EXAMPLEKEY");
        assertThat(redacted.bucket()).isEqualTo("vision-data");
        String json = loader.write(redacted);
        assertThat(json).contains("\"secretAccessKey\":\"********\"").doesNotContain("s3cr3t");
        assertThat(redacted.secretIsRedactedPlaceholder()).isTrue();
        assertThat(new StorageSetting.Managed().redacted()).isEqualTo(new StorageSetting.Managed());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        StorageSetting byo = loader.parseStorageSetting(BYO);
        assertThat(byo.toString()).doesNotContain("s3cr3t").doesNotContain("EXAMPLEKEY")
                .contains("secretAccessKey=********").contains("bucket=vision-data");
    }

    @Test
    void convertsToTheProviderSettingsTheStoragePluginsRead() {
        ProviderSettings settings = ((StorageSetting.Byo) loader.parseStorageSetting(BYO)).toProviderSettings();
        assertThat(settings.values()).isEqualTo(Map.of("endpoint", "https://minio.example.com:9000", "region", "us-east-1",
                "bucket", "vision-data", "prefix", "team/", "pathStyle", "true"));
        assertThat(settings.secretNames()).containsExactlyInAnyOrder("accessKeyId", "secretAccessKey");
        assertThat(settings.requiredSecret("accessKeyId")).isEqualTo("EXAMPLEKEY");
        assertThat(settings.requiredSecret("secretAccessKey")).isEqualTo("s3cr3t-value-123");
        assertThat(settings.bool("pathStyle", false)).isTrue();
        assertThat(settings.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesProviderSettingsFromARedactedOrSealedSecret() {
        StorageSetting.Byo byo = Fixtures.byo("https://s3.example.com");
        assertThatThrownBy(() -> byo.redacted().toProviderSettings()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> byo.withSecretAccessKey("v1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").toProviderSettings())
                .isInstanceOf(IllegalStateException.class);
        assertThat(byo.toProviderSettings().value("prefix")).contains("anastig/");
        StorageSetting.Byo noPrefix = new StorageSetting.Byo(StorageProvider.S3, "https://s3.example.com", "us-east-1",
                "acme-data", null, false, "AKIAIOSFODNN7EXAMPLE", "not-a-real-secret-0123456789");
        assertThat(noPrefix.toProviderSettings().values()).doesNotContainKey("prefix").containsEntry("pathStyle", "false");
    }

    @Test
    void loadReportsEveryValueProblemAtOnce() {
        String bad = BYO.replace("\"vision-data\"", "\"Vision_Data\"").replace("\"us-east-1\"", "\"US East\"")
                .replace("\"team/\"", "\"team\"");
        assertThatThrownBy(() -> loader.loadStorageSetting(bad))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.problems()).extracting(FieldProblem::field)
                            .containsExactly("region", "bucket", "prefix");
                    assertThat(e.isMalformed()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("s3cr3t");
                });
        assertThat(List.of(loader.loadStorageSetting("{\"mode\":\"managed\"}"))).hasSize(1);
    }
}
