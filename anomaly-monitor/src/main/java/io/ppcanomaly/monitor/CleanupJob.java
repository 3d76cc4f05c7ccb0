package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.monitor.lease.Lease;
import io.ppcanomaly.monitor.state.MonitorState;
import io.ppcanomaly.store.ArchiveResult;
import java.time.LocalDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily clean-up of a profile, under its lease: resolved alerts archived and history retention applied
 * ({@link io.ppcanomaly.store.AlertStore#archive}), the judged-period ledger cut to its retention, old model
 * versions pruned (never the champion nor the live state's).
 */
final class CleanupJob {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupJob.class);

    private final MonitorRuntime rt;

    CleanupJob(MonitorRuntime rt) {
        this.rt = rt;
    }

    CleanupResult run(ProfileSettings p) {
        Optional<Lease> lease = rt.leases.tryAcquire(p.id(), "cleanup");
        if (lease.isEmpty()) {
            return log(new CleanupResult(p.id(), false, 0, 0, 0, 0, "lease held by "
                    + rt.leases.currentHolder(p.id()).orElse("another instance")));
        }
        rt.held.add(lease.get());
        try {
            ArchiveResult archived = rt.store.archive(p.id());
            LocalDateTime cutoff = LocalDateTime.ofInstant(rt.clock.instant(), rt.config.schedule().zone())
                    .toLocalDate().minusDays(rt.config.ledgerDays()).atStartOfDay();
            int[] counts = rt.store.inTransaction(p.id(), tx -> {
                lease.get().verify(tx);
                int ledger = MonitorState.deleteLedgerBefore(tx, cutoff);
                int pruned = 0;
                for (EntityType level : p.levels()) {
                    pruned += rt.registry.prune(tx, level, rt.config.keepVersions());
                }
                return new int[] {ledger, pruned};
            });
            return log(new CleanupResult(p.id(), true, archived.archived(), archived.historyDeleted(), counts[0],
                    counts[1], ""));
        } catch (RuntimeException e) {
            LOG.warn("Clean-up of profile {} failed: {}", p.id(), e.toString(), e);
            return new CleanupResult(p.id(), false, 0, 0, 0, 0, "failed: " + e.getMessage());
        } finally {
            rt.held.remove(lease.get());
            lease.get().close();
        }
    }

    private static CleanupResult log(CleanupResult r) {
        LOG.info(r.summary());
        return r;
    }
}
