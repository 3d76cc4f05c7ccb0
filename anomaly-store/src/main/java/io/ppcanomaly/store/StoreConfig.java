package io.ppcanomaly.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link AlertStore} runs. Immutable; build with {@link #builder()}.
 *
 * @param clock     the store's clock: first/last seen, acknowledgement and resolution times, archiving cut-offs
 *                  (default {@link Clock#systemUTC()}); instants are kept to the millisecond
 * @param migrate   whether opening the store migrates the schema (default {@code true}). Turn it off when the
 *                  store runs as a database role that may not change the schema: opening then only checks that the
 *                  schema is exactly at the version this library knows
 * @param retention archiving and history retention ({@link Retention#DEFAULT})
 * @param jdbcUrl   the URL to name in error messages, or {@code null} to learn it from the data source (its
 *                  {@code getJdbcUrl()}/{@code getUrl()}/{@code getURL()} or the first connection); passwords
 *                  are never printed
 * @param hooks     code run inside every {@link AlertStore#save} transaction, in order (e.g. a notification
 *                  outbox); a hook that throws rolls the save back
 */
public record StoreConfig(Clock clock, boolean migrate, Retention retention, String jdbcUrl, List<SaveHook> hooks) {

    /** Defaults: system clock, migrate on open, {@link Retention#DEFAULT}, no hooks. */
    public static final StoreConfig DEFAULT = builder().build();

    /** Validates and freezes. */
    public StoreConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retention, "retention");
        hooks = List.copyOf(hooks);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        Builder b = new Builder().clock(clock).migrate(migrate).retention(retention).jdbcUrl(jdbcUrl);
        hooks.forEach(b::hook);
        return b;
    }

    /** Builds a {@link StoreConfig}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private boolean migrate = true;
        private Retention retention = Retention.DEFAULT;
        private String jdbcUrl;
        private final List<SaveHook> hooks = new ArrayList<>();

        private Builder() {
        }

        /** @param clock the store's clock; @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param migrate whether opening migrates the schema; @return this */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** @param retention archiving and retention; @return this */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** @param jdbcUrl the URL to name in messages (its password is never printed); @return this */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** @param hook code to run inside every save transaction, after the earlier hooks; @return this */
        public Builder hook(SaveHook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** @return the configuration */
        public StoreConfig build() {
            return new StoreConfig(clock, migrate, retention, jdbcUrl, hooks);
        }
    }
}
