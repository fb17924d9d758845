package com.anastig.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The permission table people read in README.md is the one the code enforces. */
class PermissionTableTest {

    @Test
    void readmeTableEqualsThePermissionEnum() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("<!-- permission-table:start -->"), readme.indexOf("<!-- permission-table:end -->"));
        List<String> documented = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                documented.add(cells[1].trim().replace("`", "") + " " + cells[2].trim() + " " + cells[3].trim());
            }
        }
        List<String> enforced = Arrays.stream(Permission.values())
            .map(p -> p.name() + " " + p.minimum().name().toLowerCase(Locale.ROOT) + " " + p.description()).toList();
        assertThat(documented).containsExactlyElementsOf(enforced);
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.OWNER.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.atLeast(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.EDITOR)).isFalse();
        assertThat(Role.parse("Owner")).isEmpty();
        assertThat(Role.parse("owner")).contains(Role.OWNER);
    }
}
