-- PPC Anomaly alert store, schema version 6 (H2): compact windows and the statistics roll-up.
-- Released scripts are never edited; a change is a new V<n> script here and in ../postgresql (see the module README).
--
-- 1. The judged window and the period's raw metrics as bytes (AlertBinary: a version byte, little-endian
--    doubles) instead of JSON text, which H2 kept as a large object outside the row. Rows written before keep
--    sequence_data / feature_snapshot, which readers fall back to; new rows leave them null.
-- 2. Roll-ups that statistics(profile, from, to) reads instead of the alert rows, kept by every write path of the
--    store in the same transaction (save, acknowledge / resolve / reopen, feedback, retention) and back-filled
--    here from the rows already stored. H2 has no row-level security: the store's queries name the profile.

ALTER TABLE anomaly_alerts ADD COLUMN sequence_bin varbinary;
ALTER TABLE anomaly_alerts ADD COLUMN snapshot_bin varbinary;
ALTER TABLE anomaly_history ADD COLUMN sequence_bin varbinary;
ALTER TABLE anomaly_history ADD COLUMN snapshot_bin varbinary;
ALTER TABLE anomaly_training_data ADD COLUMN sequence_bin varbinary;
ALTER TABLE anomaly_training_data ADD COLUMN snapshot_bin varbinary;

-- per profile, day, severity, level, detector and status: counts and the sums behind the mean times
CREATE TABLE anomaly_stats_daily (
    profile_id     varchar(128) NOT NULL,
    period_day     date         NOT NULL,  -- the day of the alerts' first period
    severity       varchar(16)  NOT NULL,
    entity_type    varchar(32)  NOT NULL,
    detector_type  varchar(64)  NOT NULL,
    status         varchar(16)  NOT NULL,  -- archived alerts count as resolved, as statistics() reports them
    alerts         bigint       NOT NULL,
    ack_ms         bigint       NOT NULL,  -- sum of acknowledge_time_minutes in whole milliseconds
    ack_count      bigint       NOT NULL,  -- alerts with an acknowledge time
    resolve_ms     bigint       NOT NULL,  -- sum of resolution_time_minutes in whole milliseconds
    resolve_count  bigint       NOT NULL,
    CONSTRAINT anomaly_stats_daily_pk PRIMARY KEY (profile_id, period_day, severity, entity_type, detector_type, status)
);

-- per entity, all time: the bound statistics() prunes its top-entity lists with (an entity's alerts and money in
-- any range are at most these); first_day / last_day only ever widen
CREATE TABLE anomaly_stats_entities (
    profile_id   varchar(128)  NOT NULL,
    entity_type  varchar(32)   NOT NULL,
    entity_id    varchar(1024) NOT NULL,
    alerts       bigint        NOT NULL,
    money        double precision NOT NULL,  -- sum of money_at_stake * occurrences
    first_day    date,
    last_day     date,
    CONSTRAINT anomaly_stats_entities_pk PRIMARY KEY (profile_id, entity_type, entity_id)
);
-- statistics(): top entities by alerts, and by money at stake, read in order
CREATE INDEX anomaly_stats_entities_alerts_ix ON anomaly_stats_entities (profile_id, alerts DESC, money DESC);
CREATE INDEX anomaly_stats_entities_money_ix ON anomaly_stats_entities (profile_id, money DESC, alerts DESC);

-- per day of the labelled period: feedback labels, for statistics()' precision
CREATE TABLE anomaly_stats_feedback (
    profile_id     varchar(128) NOT NULL,
    period_day     date         NOT NULL,  -- the day of the labelled period
    labelled       bigint       NOT NULL,
    labelled_true  bigint       NOT NULL,
    CONSTRAINT anomaly_stats_feedback_pk PRIMARY KEY (profile_id, period_day)
);

-- back-fill from the rows already stored (StatisticsRollups.rebuild runs these same statements), in key order
INSERT INTO anomaly_stats_daily (profile_id, period_day, severity, entity_type, detector_type, status, alerts, ack_ms,
        ack_count, resolve_ms, resolve_count)
    SELECT profile_id, CAST(first_period AS DATE), severity, entity_type, detector_type, status, COUNT(*),
           COALESCE(SUM(CAST(ROUND(acknowledge_time_minutes * 60000) AS bigint)), 0), COUNT(acknowledge_time_minutes),
           COALESCE(SUM(CAST(ROUND(resolution_time_minutes * 60000) AS bigint)), 0), COUNT(resolution_time_minutes)
    FROM (SELECT profile_id, first_period, severity, entity_type, detector_type, status, acknowledge_time_minutes,
                 resolution_time_minutes FROM anomaly_alerts
          UNION ALL SELECT profile_id, first_period, severity, entity_type, detector_type, status,
                 acknowledge_time_minutes, resolution_time_minutes FROM anomaly_history) a
    GROUP BY profile_id, CAST(first_period AS DATE), severity, entity_type, detector_type, status
    ORDER BY profile_id, CAST(first_period AS DATE), severity, entity_type, detector_type, status;
INSERT INTO anomaly_stats_entities (profile_id, entity_type, entity_id, alerts, money, first_day, last_day)
    SELECT profile_id, entity_type, entity_id, COUNT(*), SUM(money_at_stake * occurrences),
           MIN(CAST(first_period AS DATE)), MAX(CAST(first_period AS DATE))
    FROM (SELECT profile_id, entity_type, entity_id, money_at_stake, occurrences, first_period FROM anomaly_alerts
          UNION ALL SELECT profile_id, entity_type, entity_id, money_at_stake, occurrences, first_period
          FROM anomaly_history) a
    GROUP BY profile_id, entity_type, entity_id
    ORDER BY profile_id, entity_type, entity_id;
INSERT INTO anomaly_stats_feedback (profile_id, period_day, labelled, labelled_true)
    SELECT profile_id, CAST(period AS DATE), COUNT(*), SUM(CASE WHEN is_true_anomaly THEN 1 ELSE 0 END)
    FROM anomaly_training_data GROUP BY profile_id, CAST(period AS DATE) ORDER BY profile_id, CAST(period AS DATE);
