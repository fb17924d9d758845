package com.anastig.platform.storage;

import com.anastig.platform.audit.Actor;
import com.anastig.platform.audit.AuditEntry;
import com.anastig.platform.audit.AuditLog;
import com.anastig.platform.http.ApiException;
import com.anastig.platform.http.Problem;
import com.anastig.platform.job.JobQueue;
import com.anastig.platform.tenant.OrgScope;
import com.anastig.platform.tenant.TenantDb;
import com.anastig.plugin.api.ProviderException;
import com.anastig.plugin.api.SelfTestReport;
import com.anastig.plugin.api.SelfTestStep;
import com.anastig.tenantconfig.FieldProblem;
import com.anastig.tenantconfig.InvalidSettingException;
import com.anastig.tenantconfig.StorageSecrets;
import com.anastig.tenantconfig.StorageSetting;
import com.anastig.tenantconfig.StorageSettingValidator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's storage setting: read (the secret never), test (the plugin's named steps), and
 * change. A change is saved only after its test passes; when the organization already has objects,
 * the new setting stays pending while a {@link StorageMigrationJob} copies and verifies them.
 */
public final class StorageSettingService {
    private final TenantDb db;
    private final OrgStorage storage;
    private final StorageSettingValidator validator;
    private final AuditLog audit;
    private final JobQueue jobs;
    private final Clock clock;

    public StorageSettingService(TenantDb db, OrgStorage storage, StorageSettingValidator validator, AuditLog audit, JobQueue jobs,
                                 Clock clock) {
        this.db = db;
        this.storage = storage;
        this.validator = validator;
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The setting as shown (secret redacted) and the running migration, if any. */
    public record View(StorageSetting setting, Optional<UUID> migration) {
    }

    /** A test's answer. */
    public record TestResult(boolean ok, List<SelfTestStep> steps) {
    }

    /** A change's outcome: saved at once, or a migration started. */
    public record Changed(Optional<UUID> migration) {
    }

    public View view(OrgScope scope) {
        return db.inOrg(scope, t -> {
            StorageSetting setting = storage.parse(storage.current(t).sealedJson()).redacted();
            Optional<UUID> running = t.handle().createQuery("SELECT id FROM storage_migration WHERE org_id = :org AND status = 'running'")
                .bind("org", t.org().value()).mapTo(UUID.class).findOne();
            return new View(setting, running);
        });
    }

    public TestResult test(OrgScope scope, byte[] body) {
        SelfTestReport report = selfTest(scope, usable(scope, body));
        return new TestResult(report.ok(), report.steps());
    }

    public Changed change(OrgScope scope, byte[] body, Actor actor) {
        StorageSetting next = usable(scope, body);
        SelfTestReport report = selfTest(scope, next);
        if (!report.ok()) {
            SelfTestStep failed = report.firstFailure().orElseThrow();
            throw new StorageUnreachable(failed, report.steps());
        }
        String sealed = storage.seal(scope.org(), next);
        OrgStorage.Stored current = db.inOrg(scope, storage::current);
        boolean hasObjects = hasObjects(scope, current);
        return db.inOrg(scope, t -> {
            // a migration whose job gave up no longer blocks a new setting
            t.handle().createUpdate("UPDATE storage_migration m SET status = 'failed', finished_at = :now FROM job j"
                    + " WHERE m.org_id = :org AND m.status = 'running' AND j.id = m.job_id AND j.status = 'failed'")
                .bind("org", t.org().value()).bind("now", clock.instant()).execute();
            boolean running = t.handle().createQuery("SELECT 1 FROM storage_migration WHERE org_id = :org AND status = 'running'")
                .bind("org", t.org().value()).mapTo(Integer.class).findOne().isPresent();
            if (running) {
                throw ApiException.conflict("migration_in_progress", "A storage migration is still running; wait for it to finish.");
            }
            Map<String, Object> what = describe(next);
            if (!hasObjects) {
                t.handle().createUpdate("INSERT INTO org_storage (org_id, setting, version, updated_at, updated_by)"
                        + " VALUES (:org, :setting, 1, :now, :by) ON CONFLICT (org_id) DO UPDATE SET setting = :setting,"
                        + " version = org_storage.version + 1, updated_at = :now, updated_by = :by")
                    .bind("org", t.org().value()).bind("setting", sealed).bind("now", clock.instant())
                    .bind("by", scope.principal().accountId()).execute();
                AuditEntry entry = AuditEntry.of("storage.changed", "organization", t.org());
                for (Map.Entry<String, Object> e : what.entrySet()) {
                    entry = entry.with(e.getKey(), e.getValue());
                }
                audit.append(t, actor, entry);
                storage.evict(t.org());
                return new Changed(Optional.empty());
            }
            UUID id = UUID.randomUUID();
            UUID job = jobs.enqueue(t, StorageMigrationJob.KIND, id);
            t.handle().createUpdate("INSERT INTO storage_migration (id, org_id, job_id, status, source_setting, target_setting, created_by,"
                    + " created_at) VALUES (:id, :org, :job, 'running', :source, :target, :by, :now)")
                .bind("id", id).bind("org", t.org().value()).bind("job", job).bind("source", current.sealedJson())
                .bind("target", sealed).bind("by", scope.principal().accountId()).bind("now", clock.instant()).execute();
            audit.append(t, actor, AuditEntry.of("storage.migration_started", "storage_migration", id)
                .with("mode", what.get("mode")).with("provider", what.getOrDefault("provider", "managed")));
            return new Changed(Optional.of(id));
        });
    }

    private boolean hasObjects(OrgScope scope, OrgStorage.Stored current) {
        try (OrgStorage.Opened store = storage.located(scope.org(), current)) {
            return !store.store().list(store.base(), null, 1).items().isEmpty();
        } catch (ProviderException e) {
            // the current store cannot tell: migrate, so nothing it may hold is left behind
            return true;
        }
    }

    private SelfTestReport selfTest(OrgScope scope, StorageSetting setting) {
        try (OrgStorage.Opened store = storage.open(scope.org(), setting)) {
            return store.store().selfTest();
        } catch (ProviderException e) {
            return new SelfTestReport(List.of(SelfTestStep.failed("connect", StorageProblems.detail(e))));
        }
    }

    /** Parses and validates a setting from a request body; the redacted placeholder stands for the stored secret. */
    private StorageSetting usable(OrgScope scope, byte[] body) {
        StorageSetting parsed;
        try {
            parsed = storage.parseStrict(body);
        } catch (InvalidSettingException e) {
            throw invalid(e.problems());
        }
        if (parsed instanceof StorageSetting.Byo byo && byo.secretIsRedactedPlaceholder()) {
            StorageSetting stored = storage.parse(db.inOrg(scope, storage::current).sealedJson());
            if (!(stored instanceof StorageSetting.Byo storedByo)) {
                throw ApiException.invalid(List.of(new Problem.FieldError("secretAccessKey", "no stored secret to keep: send the secret")));
            }
            String secret = ((StorageSetting.Byo) StorageSecrets.open(storedByo, storage.sealer(), scope.org().toString())).secretAccessKey();
            parsed = byo.withSecretAccessKey(secret);
        }
        List<FieldProblem> problems = validator.validate(parsed);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return parsed;
    }

    private static ApiException invalid(List<FieldProblem> problems) {
        List<Problem.FieldError> errors = problems.stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList();
        if (problems.stream().anyMatch(p -> "endpoint_not_allowed".equals(p.code()))) {
            return new ApiException(422, "endpoint_not_allowed", "Endpoint not allowed",
                "The endpoint resolves to an address organizations may not use (loopback, private, link-local, metadata...).", errors);
        }
        return ApiException.invalid(errors);
    }

    private static Map<String, Object> describe(StorageSetting setting) {
        if (setting instanceof StorageSetting.Byo byo) {
            return Map.of("mode", "byo", "provider", byo.provider().id());
        }
        return Map.of("mode", "managed");
    }

    /** 422 {@code storage_unreachable} with the failing step and all steps that ran. */
    public static final class StorageUnreachable extends ApiException {
        private final transient List<SelfTestStep> steps;

        StorageUnreachable(SelfTestStep failed, List<SelfTestStep> steps) {
            super(422, "storage_unreachable", "Storage unreachable", "The connection test failed at step " + failed.name() + ": " + failed.detail());
            this.steps = List.copyOf(steps);
        }

        @Override
        protected Map<String, Object> extensions() {
            return Map.of("steps", steps);
        }
    }
}
