package com.anastig.platform.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import com.anastig.platform.testing.SharedPostgres;
import com.anastig.platform.testing.Teams;
import com.anastig.platform.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invitations over real HTTP with the mailed link: the right person accepts once, everyone else is refused and nothing changes. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationsIT {
    private static final SharedPostgres.TestDatabase DB = SharedPostgres.newDatabase();
    static final DropwizardAppExtension<AnastigConfiguration> APP = TestApp.create(DB);

    private final Teams teams = new Teams(APP);

    private static int members(People.Person asker, String org) throws Exception {
        return asker.api().get("/api/v1/orgs/" + org + "/members").body().path("items").size();
    }

    @Test
    void theInvitedPersonAcceptsOnceWithTheInvitedRole() throws Exception {
        People.Person owner = teams.people().signedIn("Inviter");
        String org = owner.api().post("/api/v1/orgs", Map.of("name", "Invites & Co")).body().path("id").asText();
        People.Person invitee = teams.people().signedIn("Invitee");
        int before = teams.people().outbox().mails().size();
        ApiClient.Answer invited = owner.api().post("/api/v1/orgs/" + org + "/invitations", Map.of("email", invitee.email().toUpperCase(), "role", "editor"));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body().has("token")).isFalse();
        String mail = teams.people().outbox().await(before, invitee.email().toUpperCase());
        assertThat(mail).contains("Invites & Co").contains("Inviter");
        String token = com.anastig.platform.testing.Outbox.token(mail, "/invitations/accept");

        assertThat(owner.api().get("/api/v1/orgs/" + org + "/invitations").body().path("items")).hasSize(1);
        ApiClient.Answer accepted = teams.accept(invitee, token);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("role").asText()).isEqualTo("editor");
        ApiClient.Answer seen = invitee.api().get("/api/v1/orgs/" + org);
        assertThat(seen.body().path("role").asText()).as(seen.status() + " " + seen.body()).isEqualTo("editor");
        assertThat(owner.api().get("/api/v1/orgs/" + org + "/invitations").body().path("items")).isEmpty();

        ApiClient.Answer again = teams.accept(invitee, token);
        assertThat(again.code()).isEqualTo("token_used");
    }

    @Test
    void anotherAccountCannotAcceptAndTheInvitationStaysUsable() throws Exception {
        People.Person owner = teams.people().signedIn("Owner");
        String org = owner.api().post("/api/v1/orgs", Map.of("name", "Mismatch")).body().path("id").asText();
        People.Person invitee = teams.people().signedIn("Right");
        People.Person thief = teams.people().signedIn("Wrong");
        String token = teams.invite(owner, org, invitee.email(), "viewer");
        ApiClient.Answer stolen = teams.accept(thief, token);
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.code()).isEqualTo("invitation_mismatch");
        assertThat(thief.api().get("/api/v1/orgs/" + org).status()).isEqualTo(404);
        assertThat(members(owner, org)).isEqualTo(1);
        assertThat(teams.accept(invitee, token).status()).isEqualTo(200);
        assertThat(members(owner, org)).isEqualTo(2);
    }

    @Test
    void expiredRevokedSupersededAndMalformedTokensAreRefused() throws Exception {
        People.Person owner = teams.people().signedIn("Owner");
        String org = owner.api().post("/api/v1/orgs", Map.of("name", "Stale")).body().path("id").asText();
        People.Person invitee = teams.people().signedIn("Late");

        String expired = teams.invite(owner, org, invitee.email(), "viewer");
        try (Connection c = DB.asSuperuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE invitation SET expires_at = now() - interval '1 second' WHERE org_id = '" + org + "' AND accepted_at IS NULL");
        }
        assertThat(teams.accept(invitee, expired).code()).isEqualTo("token_expired");

        String superseded = teams.invite(owner, org, invitee.email(), "viewer");
        String current = teams.invite(owner, org, invitee.email(), "editor");
        assertThat(teams.accept(invitee, superseded).code()).isEqualTo("invalid_token");

        String id = owner.api().get("/api/v1/orgs/" + org + "/invitations").body().path("items").get(0).path("id").asText();
        assertThat(owner.api().send("DELETE", "/api/v1/orgs/" + org + "/invitations/" + id, null, Map.of()).status()).isEqualTo(204);
        assertThat(teams.accept(invitee, current).code()).isEqualTo("invalid_token");

        assertThat(teams.accept(invitee, "inv_short").code()).isEqualTo("invalid_token");
        assertThat(teams.accept(invitee, current.substring(0, current.length() - 2) + "AA").code()).isEqualTo("invalid_token");
        assertThat(members(owner, org)).isEqualTo(1);
        ApiClient anonymous = new ApiClient(APP.getLocalPort());
        assertThat(anonymous.post("/api/v1/invitations/accept", Map.of("token", current)).status()).isEqualTo(401);
    }

    @Test
    void nobodyInvitesAboveTheirRoleAndBadAddressesAreRefused() throws Exception {
        Teams.Team team = teams.team("Ranks");
        String org = team.orgId();
        ApiClient.Answer above = team.admin().api().post("/api/v1/orgs/" + org + "/invitations", Map.of("email", "x@example.test", "role", "owner"));
        assertThat(above.status()).isEqualTo(403);
        assertThat(team.editor().api().post("/api/v1/orgs/" + org + "/invitations", Map.of("email", "x@example.test", "role", "viewer")).status())
            .isEqualTo(403);
        assertThat(team.admin().api().post("/api/v1/orgs/" + org + "/invitations", Map.of("email", "not an address", "role", "viewer")).code())
            .isEqualTo("validation_failed");
        assertThat(team.admin().api().post("/api/v1/orgs/" + org + "/invitations", Map.of("email", team.viewer().email(), "role", "viewer")).code())
            .isEqualTo("already_member");
        assertThat(team.owner().api().get("/api/v1/orgs/" + org + "/invitations").body().path("items")).isEmpty();
    }
}
