package com.anastig.plugins.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.ProviderSettings;
import com.anastig.plugin.api.SettingProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinioStorageProviderFactoryTest {
    private final MinioStorageProviderFactory factory = new MinioStorageProviderFactory();

    private static ProviderSettings valid() {
        return new ProviderSettings(Map.of("endpoint", "https://s3.example.com", "region", "eu-central-1", "bucket", "my-bucket"),
            Map.of("accessKeyId", "AKIAEXAMPLE", "secretAccessKey", "very-secret-value"));
    }

    private List<String> problemSettings(ProviderSettings settings) {
        return factory.validate(settings).stream().map(SettingProblem::setting).toList();
    }

    @Test
    void idAndDescriptors() {
        assertThat(factory.id()).isEqualTo("minio");
        assertThat(factory.settings()).extracting(d -> d.name()).contains("endpoint", "region", "bucket", "prefix", "pathStyle",
            "accessKeyId", "secretAccessKey", "partSize");
        assertThat(factory.settings()).filteredOn(d -> d.secret()).extracting(d -> d.name()).containsExactly("secretAccessKey");
    }

    @Test
    void validSettingsHaveNoProblems() {
        assertThat(factory.validate(valid())).isEmpty();
        ProviderSettings accessKeyAsValue = new ProviderSettings(Map.of("endpoint", "http://127.0.0.1:9000", "region", "us-east-1",
            "bucket", "b.b-b", "accessKeyId", "AKIA", "prefix", "org-1", "pathStyle", "true", "partSize", String.valueOf(16 << 20)),
            Map.of("secretAccessKey", "s"));
        assertThat(factory.validate(accessKeyAsValue)).isEmpty();
        assertThat(MinioSettings.parse(accessKeyAsValue).prefix()).isEqualTo("org-1/");
        assertThat(MinioSettings.parse(accessKeyAsValue).endpoint()).hasToString("http://127.0.0.1:9000");
    }

    @Test
    void eachProblemNamesItsSetting() {
        assertThat(problemSettings(ProviderSettings.empty())).contains("endpoint", "region", "bucket", "accessKeyId", "secretAccessKey");
        assertThat(problemSettings(valid().withValue("endpoint", "ftp://x"))).containsExactly("endpoint");
        assertThat(problemSettings(valid().withValue("endpoint", "https://user:pw@x"))).containsExactly("endpoint");
        assertThat(problemSettings(valid().withValue("endpoint", "https://x/bucket"))).containsExactly("endpoint");
        assertThat(problemSettings(valid().withValue("region", "EU CENTRAL"))).containsExactly("region");
        assertThat(problemSettings(valid().withValue("bucket", "No_Such"))).containsExactly("bucket");
        assertThat(problemSettings(valid().withValue("bucket", "192.168.1.1"))).containsExactly("bucket");
        assertThat(problemSettings(valid().withValue("prefix", "../up"))).containsExactly("prefix");
        assertThat(problemSettings(valid().withValue("pathStyle", "maybe"))).containsExactly("pathStyle");
        assertThat(problemSettings(valid().withValue("partSize", "1024"))).containsExactly("partSize");
        assertThat(problemSettings(valid().withValue("multipartThreshold", "1"))).containsExactly("multipartThreshold");
        assertThat(problemSettings(valid().withValue("secretAccessKey", "plain"))).containsExactly("secretAccessKey");
        assertThat(problemSettings(valid().withValue("colour", "blue"))).containsExactly("colour");
        assertThat(problemSettings(valid().withSecret("token", "t"))).containsExactly("token");
    }

    @Test
    void createRefusesInvalidSettingsWithoutPrintingSecrets() {
        ProviderSettings bad = valid().withValue("region", "");
        ProviderException e = catchThrowableOfType(() -> factory.create(bad, null), ProviderException.class);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
        assertThat(e.getMessage()).contains("region").doesNotContain("very-secret-value");
        assertThat(MinioSettings.parse(valid()).toString()).doesNotContain("very-secret-value").doesNotContain("AKIAEXAMPLE");
    }
}
