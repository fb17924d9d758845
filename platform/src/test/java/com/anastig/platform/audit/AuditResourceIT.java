package com.anastig.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.Teams;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit trail as admins read it: every change there, newest first, paged, names looked up, no e-mail addresses stored. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditResourceIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private final Teams teams = new Teams(APP);

    @Test
    void changesAreAuditedAndReadableByAdminsOnly() throws Exception {
        Teams.Team team = teams.team("Audited");
        String org = team.orgId();
        team.owner().api().send("PATCH", "/api/v1/orgs/" + org, Map.of("name", "Audited Renamed"), Map.of());
        team.owner().api().send("PATCH", "/api/v1/orgs/" + org + "/members/" + team.viewer().accountId(), Map.of("role", "editor"), Map.of());
        team.admin().api().post("/api/v1/orgs/" + org + "/tokens", Map.of("name", "ci", "role", "viewer"));

        List<String> actions = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Answer page = team.admin().api().get("/api/v1/orgs/" + org + "/audit-events?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode e : page.body().path("items")) {
                actions.add(e.path("action").asText());
            }
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
        } while (cursor != null);
        assertThat(actions.get(0)).isEqualTo("token.created");
        assertThat(actions).contains("org.created", "org.renamed", "invitation.created", "invitation.accepted", "member.joined",
            "member.role_changed");
        assertThat(actions.get(actions.size() - 1)).isEqualTo("org.created");

        JsonNode roleChange = null;
        for (JsonNode e : team.owner().api().get("/api/v1/orgs/" + org + "/audit-events?limit=500").body().path("items")) {
            if (e.path("action").asText().equals("member.role_changed")) {
                roleChange = e;
            }
        }
        assertThat(roleChange.path("actor").path("id").asText()).isEqualTo(team.owner().accountId().toString());
        assertThat(roleChange.path("actor").path("name").asText()).isEqualTo("Audited Owner");
        assertThat(roleChange.path("target").path("id").asText()).isEqualTo(team.viewer().accountId().toString());
        assertThat(roleChange.path("details").path("to").asText()).isEqualTo("editor");

        assertThat(team.editor().api().get("/api/v1/orgs/" + org + "/audit-events").status()).isEqualTo(403);
        assertThat(team.admin().api().get("/api/v1/orgs/" + org + "/audit-events?cursor=bm9wZQ").code()).isEqualTo("invalid_cursor");

        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_event WHERE concat_ws(' ', target_id, details, reason) LIKE '%@%'"
                 + " OR concat_ws(' ', target_id, details) LIKE '%Audited%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("audit events hold ids, never addresses or names").isZero();
        }
    }
}
