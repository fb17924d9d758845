package com.anastig.platform.testing;

import com.anastig.platform.AnastigConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Map;

/** Organizations with members of every role for integration tests, built through the real API (invitations by mail). */
public final class Teams {
    private final People people;

    public Teams(DropwizardAppExtension<AnastigConfiguration> app) {
        this.people = new People(app);
    }

    public People people() {
        return people;
    }

    /** An organization and one signed-in person per role. */
    public record Team(String orgId, People.Person owner, People.Person admin, People.Person editor, People.Person viewer) {
        public People.Person as(String role) {
            return switch (role) {
                case "owner" -> owner;
                case "admin" -> admin;
                case "editor" -> editor;
                case "viewer" -> viewer;
                default -> throw new IllegalArgumentException(role);
            };
        }
    }

    public Team team(String name) throws Exception {
        People.Person owner = people.signedIn(name + " Owner");
        String org = owner.api().post("/api/v1/orgs", Map.of("name", name)).body().path("id").asText();
        return new Team(org, owner, join(owner, org, "admin", name), join(owner, org, "editor", name), join(owner, org, "viewer", name));
    }

    /** A new person invited by {@code inviter} with {@code role}, who accepts. */
    public People.Person join(People.Person inviter, String org, String role, String teamName) throws Exception {
        People.Person person = people.signedIn(teamName + " " + role);
        accept(person, invite(inviter, org, person.email(), role));
        return person;
    }

    /** Invites and returns the token from the mailed link. */
    public String invite(People.Person inviter, String org, String email, String role) throws Exception {
        int before = people.outbox().mails().size();
        ApiClient.Answer invited = inviter.api().post("/api/v1/orgs/" + org + "/invitations", Map.of("email", email, "role", role));
        if (invited.status() != 201) {
            throw new IllegalStateException("invitation failed: " + invited.status() + " " + invited.body());
        }
        return Outbox.token(people.outbox().await(before, email), "/invitations/accept");
    }

    public ApiClient.Answer accept(People.Person person, String token) throws Exception {
        return person.api().post("/api/v1/invitations/accept", Map.of("token", token));
    }
}
