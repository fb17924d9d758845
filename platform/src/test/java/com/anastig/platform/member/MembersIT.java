package com.anastig.platform.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.Teams;
import com.anastig.platform.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Members and roles over real HTTP: who may change whom, the last owner, leaving. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MembersIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private final Teams teams = new Teams(APP);

    private static String roleOf(People.Person asker, String org, People.Person member) throws Exception {
        for (JsonNode m : asker.api().get("/api/v1/orgs/" + org + "/members").body().path("items")) {
            if (m.path("accountId").asText().equals(member.accountId().toString())) {
                return m.path("role").asText();
            }
        }
        return null;
    }

    private static ApiClient.Answer setRole(People.Person who, String org, People.Person target, String role) throws Exception {
        return who.api().send("PATCH", "/api/v1/orgs/" + org + "/members/" + target.accountId(), Map.of("role", role), Map.of());
    }

    @Test
    void everyMemberSeesTheListWithRolesAndNoOutsiderDoes() throws Exception {
        Teams.Team team = teams.team("Listing");
        ApiClient.Answer list = team.viewer().api().get("/api/v1/orgs/" + team.orgId() + "/members");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("items")).hasSize(4);
        assertThat(roleOf(team.viewer(), team.orgId(), team.editor())).isEqualTo("editor");
        assertThat(list.body().path("items").get(0).has("email")).isTrue();
        People.Person outsider = teams.people().signedIn("Outsider");
        assertThat(outsider.api().get("/api/v1/orgs/" + team.orgId() + "/members").status()).isEqualTo(404);
    }

    @Test
    void nobodyGrantsAboveTheirOwnRoleOrPromotesThemselves() throws Exception {
        Teams.Team team = teams.team("Ceiling");
        ApiClient.Answer self = setRole(team.admin(), team.orgId(), team.admin(), "owner");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("forbidden");
        assertThat(setRole(team.admin(), team.orgId(), team.editor(), "owner").status()).isEqualTo(403);
        assertThat(setRole(team.admin(), team.orgId(), team.owner(), "viewer").status()).isEqualTo(403);
        assertThat(setRole(team.editor(), team.orgId(), team.viewer(), "editor").status()).isEqualTo(403);
        assertThat(setRole(team.editor(), team.orgId(), team.editor(), "admin").status()).isEqualTo(403);
        assertThat(roleOf(team.owner(), team.orgId(), team.admin())).isEqualTo("admin");
        assertThat(roleOf(team.owner(), team.orgId(), team.editor())).isEqualTo("editor");
        assertThat(roleOf(team.owner(), team.orgId(), team.owner())).isEqualTo("owner");

        ApiClient.Answer ok = setRole(team.admin(), team.orgId(), team.viewer(), "admin");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("role").asText()).isEqualTo("admin");
        assertThat(setRole(team.owner(), team.orgId(), team.editor(), "owner").status()).isEqualTo(200);
        assertThat(setRole(team.admin(), team.orgId(), team.viewer(), "nonsense").status()).isEqualTo(400);
    }

    @Test
    void theLastOwnerCanNeitherLeaveNorBeDemotedNorRemoved() throws Exception {
        Teams.Team team = teams.team("Keep");
        String org = team.orgId();
        ApiClient.Answer demote = setRole(team.owner(), org, team.owner(), "admin");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.code()).isEqualTo("last_owner");
        assertThat(team.owner().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.owner().accountId(), null, Map.of()).code())
            .isEqualTo("last_owner");
        assertThat(roleOf(team.owner(), org, team.owner())).isEqualTo("owner");

        // with a second owner, two simultaneous self-demotions still leave one owner
        assertThat(setRole(team.owner(), org, team.admin(), "owner").status()).isEqualTo(200);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<ApiClient.Answer>> both = new ArrayList<>();
        both.add(pool.submit(() -> setRole(team.owner(), org, team.owner(), "admin")));
        both.add(pool.submit(() -> setRole(team.admin(), org, team.admin(), "admin")));
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiClient.Answer> f : both) {
            statuses.add(f.get().status());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        long owners = 0;
        for (JsonNode m : team.editor().api().get("/api/v1/orgs/" + org + "/members").body().path("items")) {
            owners += "owner".equals(m.path("role").asText()) ? 1 : 0;
        }
        assertThat(owners).isEqualTo(1);
    }

    @Test
    void membersLeaveAndAdminsRemoveButNotOwners() throws Exception {
        Teams.Team team = teams.team("Leaving");
        String org = team.orgId();
        assertThat(team.viewer().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.viewer().accountId(), null, Map.of()).status())
            .isEqualTo(204);
        assertThat(team.viewer().api().get("/api/v1/orgs/" + org).status()).isEqualTo(404);
        assertThat(team.editor().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.admin().accountId(), null, Map.of()).status())
            .isEqualTo(403);
        assertThat(team.admin().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.owner().accountId(), null, Map.of()).status())
            .isEqualTo(403);
        assertThat(team.admin().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.editor().accountId(), null, Map.of()).status())
            .isEqualTo(204);
        assertThat(team.editor().api().get("/api/v1/orgs/" + org).status()).isEqualTo(404);
        assertThat(team.admin().api().send("DELETE", "/api/v1/orgs/" + org + "/members/" + team.editor().accountId(), null, Map.of()).status())
            .isEqualTo(404);
        assertThat(team.admin().api().send("DELETE", "/api/v1/orgs/" + org + "/members/not-an-id", null, Map.of()).status()).isEqualTo(404);
    }
}
