package com.anastig.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example file loads through the platform's own code path and passes the published schema. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final String SCHEMA = "/com/anastig/tenantconfig/storage-setting.schema.json";

    // example hosts resolve to one public address; anything else stays unresolvable
    private static final HostResolver EXAMPLE_DNS = host -> {
        if (host.endsWith(".amazonaws.com") || host.endsWith(".example.com")) {
            return List.of(InetAddress.getByName(Fixtures.PUBLIC_V4));
        }
        throw new java.net.UnknownHostException(host);
    };

    private final ObjectMapper mapper = TenantConfigJson.newObjectMapper();
    private final TenantConfigLoader loader = new TenantConfigLoader(mapper,
            new StorageSettingValidator(new PublicAddressPolicy(OutboundAllowList.none(), EXAMPLE_DNS)));

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = ExamplesTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as("schema on the class path").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void theExpectedExamplesExistAndNothingElseHidesThere() throws IOException {
        assertThat(exampleFiles().map(p -> p.getFileName().toString()))
                .contains("managed.json", "byo-s3.json", "byo-minio.json");
        try (Stream<Path> all = Files.list(EXAMPLES)) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json")))
                    .as("only JSON examples and their README").containsOnly("README.md");
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void loadsAndValidates(Path file) throws IOException {
        StorageSetting setting = loader.loadStorageSetting(file);
        assertThat(setting).isNotNull();
        if (setting instanceof StorageSetting.Byo byo) {
            assertThat(byo.toProviderSettings().values()).containsKeys("endpoint", "region", "bucket", "pathStyle");
        }
        Set<ValidationMessage> messages = schema().validate(mapper.readTree(file.toFile()));
        assertThat(messages).as(file + " against the schema").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void examplesCarryNoRealLookingSecrets(Path file) throws IOException {
        JsonNode node = mapper.readTree(file.toFile());
        if (node.has("secretAccessKey")) {
            assertThat(node.get("secretAccessKey").asText()).contains("EXAMPLE");
            assertThat(node.get("accessKeyId").asText()).contains("EXAMPLE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"mode\":\"managed\",\"extra\":true}",
            "{}",
            "{\"mode\":\"shared\"}",
            "{\"mode\":\"byo\",\"provider\":\"gcs\",\"endpoint\":\"https://s3.example.com\",\"region\":\"us-east-1\",\"bucket\":\"abc\",\"pathStyle\":false,\"accessKeyId\":\"EXAMPLEKEY\",\"secretAccessKey\":\"EXAMPLE-secret\"}",
            "{\"mode\":\"byo\",\"provider\":\"s3\",\"endpoint\":\"https://s3.example.com/path\",\"region\":\"us-east-1\",\"bucket\":\"abc\",\"pathStyle\":false,\"accessKeyId\":\"EXAMPLEKEY\",\"secretAccessKey\":\"EXAMPLE-secret\"}",
            "{\"mode\":\"byo\",\"provider\":\"s3\",\"endpoint\":\"https://s3.example.com\",\"region\":\"us-east-1\",\"bucket\":\"Bad_Bucket\",\"pathStyle\":false,\"accessKeyId\":\"EXAMPLEKEY\",\"secretAccessKey\":\"EXAMPLE-secret\"}",
            "{\"mode\":\"byo\",\"provider\":\"s3\",\"endpoint\":\"https://s3.example.com\",\"region\":\"us-east-1\",\"bucket\":\"my..bucket\",\"pathStyle\":false,\"accessKeyId\":\"EXAMPLEKEY\",\"secretAccessKey\":\"EXAMPLE-secret\"}",
            "{\"mode\":\"byo\",\"provider\":\"s3\",\"endpoint\":\"https://s3.example.com\",\"region\":\"us-east-1\",\"bucket\":\"abc\",\"prefix\":\"/abs/\",\"pathStyle\":false,\"accessKeyId\":\"EXAMPLEKEY\",\"secretAccessKey\":\"EXAMPLE-secret\"}",
            "{\"mode\":\"byo\",\"provider\":\"s3\",\"endpoint\":\"https://s3.example.com\",\"region\":\"us-east-1\",\"bucket\":\"abc\",\"accessKeyId\":\"EXAMPLEKEY\",\"secretAccessKey\":\"EXAMPLE-secret\"}"})
    void schemaAndLoaderAgreeOnRefusals(String json) throws IOException {
        assertThat(schema().validate(mapper.readTree(json))).as("schema refuses").isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.loadStorageSetting(json))
                .as("loader refuses").isInstanceOf(InvalidSettingException.class);
    }
}
