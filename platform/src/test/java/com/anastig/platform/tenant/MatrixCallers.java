package com.anastig.platform.tenant;

import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.tenant.TenantFixtures.Tenant;
import com.anastig.platform.testing.ApiClient;
import com.anastig.platform.testing.People;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The callers of the isolation matrix: one signed-in person per role (members of every team
 * organization), a "victim" member that routes act on, an outsider (owner of another organization),
 * API tokens, and nobody.
 */
final class MatrixCallers {
    /** Who calls: a role by session or by API token, a non-member, nobody, or another organization's token. */
    enum Who {
        OWNER(Role.OWNER, false), ADMIN(Role.ADMIN, false), EDITOR(Role.EDITOR, false), VIEWER(Role.VIEWER, false),
        OWNER_TOKEN(Role.OWNER, true), ADMIN_TOKEN(Role.ADMIN, true), EDITOR_TOKEN(Role.EDITOR, true), VIEWER_TOKEN(Role.VIEWER, true),
        NON_MEMBER(null, false), NO_CREDENTIALS(null, false), OTHER_ORG_TOKEN(null, true);

        private final Role role;
        private final boolean token;

        Who(Role role, boolean token) {
            this.role = role;
            this.token = token;
        }

        Role role() {
            return role;
        }

        boolean token() {
            return token;
        }

        /** A member signed in with a session. */
        boolean person() {
            return role != null && !token;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final DropwizardAppExtension<AnastigConfiguration> app;
    private final TenantFixtures fixtures;
    private final Map<Role, People.Person> members;
    private final People.Person victim;
    private final People.Person outsider;
    private final Tenant other;

    private MatrixCallers(DropwizardAppExtension<AnastigConfiguration> app, TenantFixtures fixtures, Map<Role, People.Person> members,
                          People.Person victim, People.Person outsider) {
        this.app = app;
        this.fixtures = fixtures;
        this.members = members;
        this.victim = victim;
        this.outsider = outsider;
        this.other = freshOther();
    }

    /** Signs up and logs in the six people (through the real API). */
    static MatrixCallers create(DropwizardAppExtension<AnastigConfiguration> app, TenantFixtures fixtures) throws Exception {
        People people = new People(app);
        Map<Role, People.Person> members = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            members.put(r, people.signedIn("Matrix " + r.wire()));
        }
        return new MatrixCallers(app, fixtures, members, people.signedIn("Matrix victim"), people.signedIn("Matrix outsider"));
    }

    /** A new organization: the four role members and the victim (a viewer), and a token per role made by the owner. */
    Tenant freshTeam() {
        Map<UUID, Role> m = new HashMap<>();
        members.forEach((role, person) -> m.put(person.accountId(), role));
        m.put(victim.accountId(), Role.VIEWER);
        return fixtures.create(m, owner(), Role.values());
    }

    /** A new organization whose only member is the outsider, with an owner token. */
    Tenant freshOther() {
        return fixtures.create(Map.of(outsider.accountId(), Role.OWNER), outsider.accountId(), Role.OWNER);
    }

    /** Another organization of the team's owner. */
    Tenant secondOrgOfTheOwner() {
        return fixtures.create(Map.of(owner(), Role.OWNER), owner(), Role.OWNER);
    }

    /** The outsider's organization whose token plays "another organization's token". */
    Tenant other() {
        return other;
    }

    UUID owner() {
        return members.get(Role.OWNER).accountId();
    }

    UUID victim() {
        return victim.accountId();
    }

    UUID outsider() {
        return outsider.accountId();
    }

    UUID accountOf(Who who) {
        return members.get(who.role()).accountId();
    }

    /**
     * A real image in a tenant's project, uploaded through the API with the tenant's owner token (and,
     * with {@code thumbnail}, once its thumbnail is made): "project|image".
     */
    String image(Tenant tenant, boolean thumbnail) throws Exception {
        UUID project = fixtures.project(tenant.org());
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(8, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);
        ApiClient client = new ApiClient(app.getLocalPort());
        String base = "/api/v1/orgs/" + tenant.id() + "/projects/" + project + "/images";
        Map<String, String> auth = Map.of("Authorization", "Bearer " + tenant.tokens().get(Role.OWNER));
        Map<String, String> h = new HashMap<>(auth);
        h.put("Content-Type", "image/png");
        ApiClient.Answer up = client.sendBytes("POST", base, java.net.http.HttpRequest.BodyPublishers.ofByteArray(png.toByteArray()), h);
        if (up.status() != 201) {
            throw new IllegalStateException("image upload: " + up.status() + " " + up.raw().body());
        }
        String image = up.body().path("id").asText();
        if (thumbnail) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> client.send("GET", base + "/" + image, null, auth).body().path("hasThumbnail").asBoolean());
            // and every job of the organization has finished, so its rows stand still
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> fixtures.jobsIdle(tenant.org()));
        }
        return project + "|" + image;
    }

    /** A model in a new project of the tenant, with an artifact when asked (uploaded through the API): "project|model". */
    String model(Tenant tenant, boolean artifact) throws Exception {
        UUID project = fixtures.project(tenant.org());
        ApiClient client = new ApiClient(app.getLocalPort());
        String base = "/api/v1/orgs/" + tenant.id() + "/projects/" + project + "/models";
        Map<String, String> auth = Map.of("Authorization", "Bearer " + tenant.tokens().get(Role.OWNER));
        ApiClient.Answer created = client.send("POST", base, "{\"name\":\"m\",\"framework\":\"onnx\"}", auth);
        String model = created.body().path("id").asText();
        if (artifact) {
            Map<String, String> h = new HashMap<>(auth);
            h.put("Content-Type", "application/octet-stream");
            ApiClient.Answer up = client.sendBytes("PUT", base + "/" + model + "/artifact",
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}), h);
            if (up.status() != 200) {
                throw new IllegalStateException("artifact upload: " + up.status() + " " + up.raw().body());
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> fixtures.jobsIdle(tenant.org()));
        }
        return project + "|" + model;
    }

    /** Calls as {@code who} on the team's organization (the path is the caller's choice: it may name another). */
    ApiClient.Answer call(Who who, Tenant team, String method, String path, String body, Map<String, String> headers) throws Exception {
        Map<String, String> h = new HashMap<>(headers);
        ApiClient client;
        if (who.person()) {
            client = members.get(who.role()).api();
        } else if (who == Who.NON_MEMBER) {
            client = outsider.api();
        } else {
            client = new ApiClient(app.getLocalPort());
            if (who == Who.OTHER_ORG_TOKEN) {
                h.put("Authorization", "Bearer " + other.tokens().get(Role.OWNER));
            } else if (who.token()) {
                h.put("Authorization", "Bearer " + team.tokens().get(who.role()));
            }
        }
        return client.send(method, path, body, h);
    }

    /** The route's template with the organization and (when it has one) the second id filled in. */
    static String path(RouteTable.Route route, String orgId, String subId) {
        String p = route.template().replace("{orgId}", orgId);
        if (p.contains("{")) {
            if (subId == null) {
                throw new IllegalArgumentException(route + " needs a second id");
            }
            // a nested resource's ids come joined by '|' (project|image), outermost first
            for (String id : subId.split("\\|")) {
                p = p.replaceFirst("\\{\\w+}", id);
            }
        }
        return p;
    }
}
