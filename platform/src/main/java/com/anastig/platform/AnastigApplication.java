package com.anastig.platform;

import com.anastig.plugin.api.MailSender;
import com.anastig.plugin.api.ObjectStore;
import com.anastig.plugin.api.OutboundPolicy;
import com.anastig.plugin.api.PluginApi;
import com.anastig.plugin.api.ProviderContext;
import com.anastig.platform.account.AccountResource;
import com.anastig.platform.admin.AdminAccountService;
import com.anastig.platform.admin.AdminResource;
import com.anastig.platform.admin.OperatorFilter;
import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.audit.AuditResource;
import com.anastig.platform.apitoken.ApiTokenResource;
import com.anastig.platform.apitoken.ApiTokenService;
import com.anastig.platform.member.InvitationAcceptResource;
import com.anastig.platform.member.InvitationResource;
import com.anastig.platform.member.InvitationService;
import com.anastig.platform.member.MemberResource;
import com.anastig.platform.member.MemberService;
import com.anastig.platform.job.JobClaims;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.job.JobRunner;
import com.anastig.platform.org.OrgPurgeJob;
import com.anastig.platform.org.OrgResource;
import com.anastig.platform.org.OrgService;
import com.anastig.platform.tenant.OrgBoundToken;
import com.anastig.platform.tenant.CrossTenantDb;
import com.anastig.platform.tenant.OrgScopeFilter;
import com.anastig.platform.tenant.ScopeResolver;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.platform.account.AccountService;
import com.anastig.platform.account.AccountTokens;
import com.anastig.platform.account.EmailChangeService;
import com.anastig.platform.account.MeResource;
import com.anastig.platform.account.PasswordResetResource;
import com.anastig.platform.account.PasswordResetService;
import com.anastig.platform.account.password.HashingPool;
import com.anastig.platform.account.password.PasswordConfig;
import com.anastig.platform.account.password.PasswordHasher;
import com.anastig.platform.account.password.PasswordRules;
import com.anastig.platform.cluster.HazelcastCluster;
import com.anastig.platform.http.PreSessionOriginFilter;
import com.anastig.platform.legal.ConsentResource;
import com.anastig.platform.mail.MailTemplates;
import com.anastig.platform.mfa.MfaResource;
import com.anastig.platform.mfa.MfaService;
import com.anastig.platform.security.Housekeeping;
import com.anastig.platform.security.SecurityEvents;
import com.anastig.platform.session.LoginService;
import com.anastig.platform.session.RequiresSessionFilter;
import com.anastig.platform.session.SessionCookie;
import com.anastig.platform.session.SessionFilter;
import com.anastig.platform.session.SessionResource;
import com.anastig.platform.session.SessionStore;
import com.anastig.platform.techdata.TechnicalData;
import com.anastig.platform.throttle.Throttle;
import com.anastig.platform.web.LinkPages;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.function.Function;
import com.anastig.platform.cluster.HazelcastHealthCheck;
import com.anastig.platform.db.Database;
import com.anastig.platform.db.DbCommand;
import com.anastig.platform.db.NodeHeartbeat;
import com.anastig.platform.http.OpenApiResource;
import com.anastig.platform.http.ProblemMappers;
import com.anastig.platform.legal.LegalDocuments;
import com.anastig.platform.legal.LegalResource;
import com.anastig.platform.mail.MailOutbox;
import com.anastig.platform.mail.MeteredMailSender;
import com.anastig.platform.mail.OutboxDispatcher;
import com.anastig.platform.security.SealedValues;
import com.anastig.platform.security.SealingKeysLoader;
import com.anastig.platform.techdata.ErrorRecorder;
import com.anastig.platform.techdata.RequestTechData;
import com.anastig.platform.techdata.TechDataFilter;
import com.anastig.plugin.api.MailAddress;
import com.anastig.tenantconfig.Sealer;
import com.anastig.platform.plugin.ManagedProvider;
import com.anastig.platform.plugin.ManagedProviderHealthCheck;
import com.anastig.platform.plugin.PluginHost;
import com.anastig.platform.plugin.PluginsAdminServlet;
import com.anastig.platform.plugin.PluginsCommand;
import com.anastig.platform.plugin.PluginsHealthCheck;
import com.anastig.platform.storage.MeteredObjectStore;
import com.anastig.platform.storage.OrgStorage;
import com.anastig.platform.storage.StorageMigrationJob;
import com.anastig.platform.storage.StorageResource;
import com.anastig.platform.storage.StorageSettingService;
import com.anastig.platform.storage.StorageSourcePurgeJob;
import com.anastig.platform.storage.Usage;
import com.anastig.platform.storage.UsageResource;
import com.anastig.tenantconfig.PublicAddressPolicy;
import com.anastig.tenantconfig.StorageSettingValidator;
import com.anastig.tenantconfig.TenantConfigLoader;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.NetworkConnector;
import org.jdbi.v3.core.Jdbi;

/**
 * The composition root: every component is built here, once, and everything with a lifecycle is
 * handed to Dropwizard as a {@code Managed}. No static state elsewhere.
 */
public class AnastigApplication extends Application<AnastigConfiguration> {
    private final Clock clock;

    public AnastigApplication() {
        this(Clock.systemUTC());
    }

    public AnastigApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        // Nothing may talk to the outside unless configured: Liquibase's analytics stay off.
        System.setProperty("liquibase.analytics.enabled", "false");
        new AnastigApplication().run(args);
    }

    @Override
    public String getName() {
        return "anastig";
    }

    @Override
    public void initialize(Bootstrap<AnastigConfiguration> bootstrap) {
        // ${VAR} references in the YAML must be defined: an undefined variable is an error, not "".
        bootstrap.setConfigurationSourceProvider(
            new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        configureObjectMapper(bootstrap.getObjectMapper());
        bootstrap.addCommand(new PluginsCommand());
        bootstrap.addCommand(new DbCommand());
        bootstrap.addCommand(new com.anastig.platform.admin.AccountsCommand());
        bootstrap.addCommand(new com.anastig.platform.admin.AuditCommand());
        bootstrap.addCommand(new com.anastig.platform.security.SealingCommand());
        bootstrap.addCommand(new com.anastig.platform.privacy.RetentionCommand());
    }

    @Override
    public void run(AnastigConfiguration config, Environment environment) throws Exception {
        String version = versionOf();
        Files.createDirectories(config.dataDirectory());

        // problem+json everywhere: Dropwizard's own mappers answer in another shape
        if (config.getServerFactory() instanceof io.dropwizard.core.server.AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        Database database = Database.open(config.database());
        if (database.embedded() != null) {
            environment.lifecycle().manage(database.embedded());
        }
        database.migrate(environment);
        Jdbi jdbi = database.jdbi(environment);
        // one background writer with a bounded queue: a 500 never waits for the database
        ErrorRecorder errors = new ErrorRecorder(jdbi, clock, environment.lifecycle().executorService("error-recorder")
            .minThreads(1).maxThreads(1).workQueue(new java.util.concurrent.ArrayBlockingQueue<>(1000))
            .rejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.AbortPolicy()).build());
        registerHttp(environment, version, errors::record);
        RequestTechData techData = RequestTechData.create(config.technicalData());
        environment.lifecycle().manage(techData.country());
        environment.jersey().register(new TechDataFilter(techData));
        environment.lifecycle().manage(new NodeHeartbeat(jdbi, clock, version, PluginApi.VERSION));

        HazelcastCluster cluster = new HazelcastCluster(config.hazelcast());
        environment.lifecycle().manage(cluster);
        environment.healthChecks().register("hazelcast", new HazelcastHealthCheck(cluster));

        PluginHost plugins = new PluginHost(config.plugins(), config.dataDirectory().resolve("plugins-work"));
        environment.lifecycle().manage(plugins);
        environment.admin().addServlet("plugins", new PluginsAdminServlet(plugins, environment.getObjectMapper())).addMapping("/plugins");

        OutboundPolicy operatorEndpoints = OutboundPolicy.unrestricted(config.outbound().timeouts());
        ManagedProvider<ObjectStore> managedStorage = new ManagedProvider<>("managed storage", config.storage().managed(),
            id -> plugins.providers().storage(id), context(operatorEndpoints, config.dataDirectory(), "managed-storage"),
            store -> new MeteredObjectStore(store, environment.metrics(), "managed"));
        ManagedProvider<MailSender> mail = new ManagedProvider<>("mail", config.mail().provider(),
            id -> plugins.providers().mail(id), context(operatorEndpoints, config.dataDirectory(), "mail"),
            sender -> new MeteredMailSender(sender, environment.metrics(), config.mail().provider().provider()));
        environment.lifecycle().manage(managedStorage);
        environment.lifecycle().manage(mail);

        Sealer sealer = SealingKeysLoader.load(config.sealing(), environment.getObjectMapper());
        MailOutbox outbox = new MailOutbox(sealer, environment.getObjectMapper(), clock);
        MailAddress from = new MailAddress(config.mail().noReplyAddress(), config.mail().senderName());
        environment.lifecycle().manage(new OutboxDispatcher(jdbi, outbox, mail, from, config.mailOutbox(), clock));

        LegalDocuments legal = new LegalDocuments(jdbi, clock, config.mail());
        environment.jersey().register(new LegalResource(legal));

        AuditLog audit = new AuditLog(clock);
        TenantDb tenantDb = new TenantDb(jdbi);
        CrossTenantDb crossTenant = new CrossTenantDb(database.crossTenantJdbi(environment), audit);
        JobQueue jobQueue = new JobQueue(tenantDb, config.jobs(), clock);
        JobRunner jobs = new JobRunner(jobQueue, new JobClaims(crossTenant, config.jobs(), clock), config.jobs());
        OrgService orgs = new OrgService(tenantDb, audit, jobQueue, clock);
        Identity identity = registerIdentity(config, environment, jdbi, cluster, sealer, outbox, legal, orgs);
        PublicAddressPolicy tenantEndpoints = PublicAddressPolicy.withSystemResolver(config.outbound().tenantAllowList());
        TenantConfigLoader tenantConfig = new TenantConfigLoader(new StorageSettingValidator(tenantEndpoints));
        // losing a sealing key must never be silent: refuse to start when a sealed value needs a key we lack
        new SealedValues(jdbi, tenantDb, crossTenant, sealer, tenantConfig).requireKnownKeys();
        OrgStorage orgStorage = new OrgStorage(managedStorage, id -> plugins.providers().storage(id), sealer,
            tenantConfig, tenantEndpoints, config.outbound().timeouts(),
            config.dataDirectory().resolve("work").resolve("org-storage"), clock);
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                orgStorage.close();
            }
        });
        registerTenancy(environment, jdbi, tenantDb, audit, jobQueue, jobs, orgs, identity);
        Usage usage = new Usage(config.storage().defaultQuota(), clock);
        registerStorage(environment, config, tenantDb, audit, jobQueue, jobs, orgs, identity, orgStorage, tenantEndpoints, usage);
        com.anastig.platform.workspace.Workspace.register(environment, config.workspace(), tenantDb, audit, jobQueue, jobs, orgStorage, usage,
            config.publicBaseUrl(), clock);
        environment.jersey().register(new OperatorFilter(jdbi, clock));
        com.anastig.platform.privacy.PrivacyRequests privacyRequests = new com.anastig.platform.privacy.PrivacyRequests(jdbi, tenantDb, audit,
            identity.outbox(), identity.templates(), identity.events(), clock);
        environment.jersey().register(new com.anastig.platform.privacy.PrivacyRequestResource(privacyRequests, identity.origins()));
        environment.jersey().register(new com.anastig.platform.privacy.PrivacyAdminResource(privacyRequests));
        environment.lifecycle().manage(new com.anastig.platform.privacy.TenantRetention(crossTenant, clock));
        environment.jersey().register(new AdminResource(plugins, new AdminAccountService(jdbi, tenantDb, crossTenant, audit,
            identity.sessions(), identity.events(), identity.tokens(), identity.outbox(), identity.templates(), clock), crossTenant, audit,
            tenantDb));
        environment.lifecycle().manage(jobs);

        environment.healthChecks().register("plugins", new PluginsHealthCheck(plugins,
            List.of("storage:" + config.storage().managed().provider(), "mail:" + config.mail().provider().provider())));
        environment.healthChecks().register("managed-storage", new ManagedProviderHealthCheck<>(managedStorage, ObjectStore::selfTest));
        environment.healthChecks().register("mail", new ManagedProviderHealthCheck<>(mail, MailSender::selfTest));

        environment.lifecycle().addServerLifecycleListener(server -> {
            StringBuilder where = new StringBuilder("Anastig ").append(version).append(" is listening:");
            for (var connector : server.getConnectors()) {
                if (connector instanceof NetworkConnector network) {
                    String host = network.getHost() == null || "0.0.0.0".equals(network.getHost()) ? "localhost" : network.getHost();
                    where.append(' ').append(connector.getName()).append(" http://").append(host).append(':').append(network.getLocalPort());
                }
            }
            where.append(" (public base URL ").append(config.publicBaseUrl()).append(')');
            org.slf4j.LoggerFactory.getLogger(AnastigApplication.class).info("{}", where);
        });
    }

    /** Requests with unknown or duplicate fields are refused (the API contract), here and in the YAML; times are RFC 3339. */
    public static com.fasterxml.jackson.databind.ObjectMapper configureObjectMapper(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // RFC 3339 timestamps, not epoch numbers
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** What the identity wiring hands to the features built on it. */
    private record Identity(Throttle throttle, SessionStore sessions, SecurityEvents events, MfaService mfa, HashingPool passwords,
                            MailTemplates templates, MailOutbox outbox, AccountTokens tokens,
                            Function<ContainerRequestContext, SecurityEvents.Origin> origins) {
    }

    /** Organizations, their scope on every request under /api/v1/orgs/{orgId}, and their jobs. */
    private void registerTenancy(Environment environment, Jdbi jdbi, TenantDb tenantDb, AuditLog audit, JobQueue jobQueue, JobRunner jobs,
                                 OrgService orgs, Identity identity) {
        ScopeResolver resolver = new ScopeResolver(tenantDb, jdbi, clock);
        // "anastig_" makes leaked API tokens easy to find for secret scanners
        OrgBoundToken apiTokens = new OrgBoundToken("anastig_");
        var jersey = environment.jersey();
        jersey.register(new OrgScopeFilter(resolver, apiTokens, identity.throttle()));
        jersey.register(new OrgResource(orgs));
        InvitationService invitations = new InvitationService(tenantDb, audit, new OrgBoundToken("inv_"), identity.outbox(),
            identity.templates(), clock);
        jersey.register(new MemberResource(new MemberService(tenantDb, audit)));
        jersey.register(new InvitationResource(invitations));
        jersey.register(new InvitationAcceptResource(invitations));
        jersey.register(new ApiTokenResource(new ApiTokenService(tenantDb, audit, apiTokens, clock)));
        jersey.register(new AuditResource(tenantDb, audit));
    }

    /** Each organization's storage setting, its migrations, usage, and the purge of a deleted organization's objects. */
    private void registerStorage(Environment environment, AnastigConfiguration config, TenantDb tenantDb, AuditLog audit,
                                 JobQueue jobQueue, JobRunner jobs, OrgService orgs, Identity identity, OrgStorage orgStorage,
                                 PublicAddressPolicy tenantEndpoints, Usage usage) {
        StorageSettingService settings = new StorageSettingService(tenantDb, orgStorage, new StorageSettingValidator(tenantEndpoints),
            audit, jobQueue, clock);
        environment.jersey().register(new StorageResource(settings, tenantDb, jobQueue, audit, environment.getObjectMapper()));
        environment.jersey().register(new UsageResource(tenantDb, usage, identity.throttle()));
        jobs.register(new StorageMigrationJob(tenantDb, orgStorage, jobQueue, audit, clock));
        jobs.register(new StorageSourcePurgeJob(tenantDb, orgStorage, jobQueue, audit, clock));
        jobs.register(new OrgPurgeJob(tenantDb, jobQueue, audit, List.of(org -> StorageSourcePurgeJob.deleteAll(
            orgStorage.located(org, tenantDb.inOrg(org, null, orgStorage::current))))));
    }

    /** Accounts, sessions, MFA, password reset and the signed-in person's endpoints. */
    private Identity registerIdentity(AnastigConfiguration config, Environment environment, Jdbi jdbi, HazelcastCluster cluster,
                                      Sealer sealer, MailOutbox outbox, LegalDocuments legal,
                                      OrgService orgs) {
        AccountService.FirstOrganization firstOrganization = (h, account, name, origin) -> orgs.createIn(h, account, name,
            new Actor(Actor.Type.ACCOUNT, account, origin.country(), origin.userAgentSummary()));
        PasswordConfig passwordConfig = config.passwords();
        HashingPool passwords = new HashingPool(passwordConfig, new PasswordHasher(passwordConfig), new PasswordRules(passwordConfig));
        environment.lifecycle().manage(passwords);
        passwords.registerMetrics(environment.metrics());
        environment.jersey().register(new com.anastig.platform.account.password.HashingBusyExceptionMapper());
        AccountTokens tokens = new AccountTokens(clock);
        SecurityEvents events = new SecurityEvents(jdbi, clock);
        environment.lifecycle().manage(new Housekeeping(jdbi, clock, events, tokens,
            java.time.Duration.ofMillis(config.retention().errorFingerprints().toMilliseconds())));
        MailTemplates templates = new MailTemplates(config.publicBaseUrl());
        // a throttle hit is a security event (without the subject; login and MFA record the account's own)
        Throttle throttle = new Throttle(config.throttle(), cluster, clock,
            (limit, kind) -> events.record(null, "throttled_" + limit.configName(), SecurityEvents.Origin.UNKNOWN));
        SessionStore sessions = new SessionStore(jdbi, cluster, config.sessions(), clock);
        SessionCookie cookie = new SessionCookie(config.publicBaseUrl());
        MfaService mfa = new MfaService(jdbi, clock, passwords, sealer, sessions, events);
        Function<ContainerRequestContext, SecurityEvents.Origin> origins = request -> {
            TechnicalData t = TechnicalData.from(request);
            return new SecurityEvents.Origin(t.countryCode(), t.userAgentSummary(), t.clientIp());
        };
        AccountService accounts = new AccountService(jdbi, clock, passwords, legal, tokens, outbox, templates, events, throttle,
            firstOrganization);
        EmailChangeService emailChanges = new EmailChangeService(jdbi, clock, passwords, tokens, outbox, templates, events, throttle);
        PasswordResetService resets = new PasswordResetService(jdbi, clock, passwords, tokens, outbox, templates, sessions, events, throttle);
        LoginService login = new LoginService(jdbi, clock, passwords, mfa, tokens, sessions, events, throttle);

        var jersey = environment.jersey();
        jersey.register(new PreSessionOriginFilter(config.publicBaseUrl()));
        jersey.register(new SessionFilter(sessions, cookie, config.publicBaseUrl()));
        jersey.register(new RequiresSessionFilter());
        jersey.register(new AccountResource(accounts, emailChanges, origins));
        jersey.register(new PasswordResetResource(resets, origins));
        jersey.register(new SessionResource(login, sessions, cookie, jdbi, legal, events, mfa, origins,
            account -> orgs.mine(account).stream().map(o -> Map.<String, Object>of("id", o.id().toString(), "name", o.name(),
                "role", o.role().wire())).toList()));
        jersey.register(new MeResource(jdbi, sessions, resets, emailChanges, events, origins, clock));
        jersey.register(new MfaResource(mfa, origins));
        jersey.register(new ConsentResource(jdbi, legal, clock, origins));
        jersey.register(new LinkPages(accounts, emailChanges, resets, origins, config.publicBaseUrl()));
        return new Identity(throttle, sessions, events, mfa, passwords, templates, outbox, tokens, origins);
    }

    private ProviderContext context(OutboundPolicy outbound, Path dataDirectory, String name) throws java.io.IOException {
        Path work = dataDirectory.resolve("work").resolve(name);
        Files.createDirectories(work);
        return new ProviderContext(outbound, clock, work);
    }

    private static void registerHttp(Environment environment, String version, java.util.function.Consumer<Throwable> errors) {
        ProblemMappers.all(errors).forEach(environment.jersey()::register);
        environment.jersey().register(new com.anastig.platform.http.JsonBodyLimitFilter(com.anastig.platform.http.JsonBodyLimitFilter.DEFAULT_LIMIT));
        environment.jersey().register(new OpenApiResource(version));
    }

    private static String versionOf() {
        String v = AnastigApplication.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
