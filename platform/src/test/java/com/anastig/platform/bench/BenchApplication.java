package com.anastig.platform.bench;

import com.anastig.platform.AnastigApplication;
import com.anastig.platform.AnastigConfiguration;
import com.anastig.platform.db.DatabaseConfig;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The real application plus one bare resource, {@code GET /bench/bare/{id}}, in the same Jersey
 * application: the same single-row read as {@code GET /api/v1/orgs/{orgId}} through JDBI, with no
 * authentication, tenancy or throttle. It reads as the cross-tenant role (whose policy sees every
 * row: FORCE ROW LEVEL SECURITY applies to the owner too), from a pool built like the application's.
 * For the tenancy benchmark only.
 */
public class BenchApplication extends AnastigApplication {
    @Override
    public void run(AnastigConfiguration config, Environment environment) throws Exception {
        super.run(config, environment);
        DatabaseConfig db = config.database();
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        f.setUrl(db.url());
        f.setUser(db.crossTenant().user());
        f.setPassword(db.crossTenant().password());
        f.setMinSize(Math.min(2, db.maxPoolSize()));
        f.setInitialSize(Math.min(2, db.maxPoolSize()));
        f.setMaxSize(db.maxPoolSize());
        f.setValidationQuery("/* anastig health */ SELECT 1");
        f.setCheckConnectionOnBorrow(true); // as the application's pool
        environment.jersey().register(new Bare(new JdbiFactory().build(environment, f, "bench-bare")));
    }

    /** The bare read. */
    @Path("/bench/bare/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Bare {
        private final Jdbi jdbi;

        Bare(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @GET
        public Map<String, Object> get(@PathParam("id") String id) {
            UUID org = UUID.fromString(id);
            return jdbi.withHandle(h -> h.createQuery("SELECT name, created_at FROM organization WHERE id = :id").bind("id", org)
                .map((rs, ctx) -> Map.<String, Object>of("id", id, "name", rs.getString(1),
                    "createdAt", rs.getObject(2, OffsetDateTime.class).toInstant().toString()))
                .findOne().orElseThrow(NotFoundException::new));
        }
    }
}
