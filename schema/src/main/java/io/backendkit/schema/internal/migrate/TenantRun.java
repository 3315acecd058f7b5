package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.MigrateResult;
import io.backendkit.schema.MigrateTenantsResult;
import io.backendkit.schema.MigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one migration job per tenant on a bounded pool and gathers every tenant's outcome. */
public final class TenantRun {

    private static final Logger LOG = LoggerFactory.getLogger(TenantRun.class);

    private TenantRun() {}

    /**
     * Runs each tenant's job, at most {@code parallelism} at once, in the order given.
     *
     * @param tenants tenant name to its job; a job's {@link RuntimeException} is that tenant's failure
     * @param stopOnFirstFailure whether tenants not yet started are skipped once one has failed
     */
    public static MigrateTenantsResult run(
            Map<String, Supplier<MigrateResult>> tenants, int parallelism, boolean stopOnFirstFailure) {
        int threads = Math.min(parallelism, tenants.size());
        long start = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        List<Callable<MigrateTenantsResult.Outcome>> tasks = new ArrayList<>();
        tenants.forEach((name, job) -> tasks.add(() -> {
            if (stop.get()) {
                return new MigrateTenantsResult.Outcome(name, MigrateTenantsResult.Status.SKIPPED, null, null, 0);
            }
            long t0 = System.nanoTime();
            try {
                MigrateResult result = job.get();
                return new MigrateTenantsResult.Outcome(
                        name, MigrateTenantsResult.Status.MIGRATED, result, null, (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                MigrationException error = e instanceof MigrationException m
                        ? m
                        : new MigrationException(name, "unexpected failure: " + e, e);
                LOG.error("tenant {} failed at {}: {}", name, error.location(), error.problem());
                if (stopOnFirstFailure) {
                    stop.set(true);
                }
                return new MigrateTenantsResult.Outcome(
                        name, MigrateTenantsResult.Status.FAILED, null, error, (System.nanoTime() - t0) / 1_000_000);
            }
        }));
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "backendkit-migrate-tenant-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<MigrateTenantsResult.Outcome> outcomes = new ArrayList<>();
            for (Future<MigrateTenantsResult.Outcome> f : pool.invokeAll(tasks)) {
                outcomes.add(f.get());
            }
            MigrateTenantsResult result =
                    new MigrateTenantsResult(outcomes, threads, (System.nanoTime() - start) / 1_000_000);
            LOG.info(
                    "{} tenant(s): {} migrated, {} failed, {} skipped in {} ms",
                    outcomes.size(),
                    result.in(MigrateTenantsResult.Status.MIGRATED).size(),
                    result.in(MigrateTenantsResult.Status.FAILED).size(),
                    result.in(MigrateTenantsResult.Status.SKIPPED).size(),
                    result.wallMillis());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(
                    "tenants",
                    "interrupted while tenants were migrating; running ones may still finish their current migration",
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a tenant job failed outside its own error handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
