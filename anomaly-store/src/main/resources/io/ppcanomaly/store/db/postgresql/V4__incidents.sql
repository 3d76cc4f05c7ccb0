-- PPC Anomaly alert store, schema version 4 (PostgreSQL): incidents - alerts sharing a root cause and touching in
-- time, grouped by the service (io.ppcanomaly.service.incident) - and the incident of each alert.
-- Released scripts are never edited; a change is a new V<n> script here and in ../h2 (see the module README).

CREATE TABLE anomaly_incidents (
    profile_id          varchar(128)  NOT NULL,  -- the store's tenant
    id                  varchar(64)   NOT NULL,  -- IncidentGrouper.incidentId: deterministic, the same in every run
    incident_profile_id varchar(128),            -- the profile the data names above the root (may differ, or be null)
    granularity         varchar(8)    NOT NULL CHECK (granularity IN ('day', 'hour')),
    kind                varchar(64),             -- the root-cause kind most of its alerts name; null when untraced
    root_entity_type    varchar(32)   NOT NULL,
    root_entity_id      varchar(1024) NOT NULL,
    root_entity_name    varchar(1024) NOT NULL,
    start_period        timestamp     NOT NULL,  -- its first alert's period
    last_period         timestamp     NOT NULL,  -- its last alert's period
    ongoing             boolean       NOT NULL,  -- a later run may still continue it (then it has no end)
    peak_severity       varchar(16)   NOT NULL,
    severity_rank       smallint      NOT NULL,
    peak_score          double precision NOT NULL CHECK (peak_score >= 0 AND peak_score <= 1),
    money_at_stake      double precision NOT NULL CHECK (money_at_stake >= 0),
    alert_count         integer       NOT NULL CHECK (alert_count >= 1),
    summary             varchar       NOT NULL,  -- one line for a person (no length limit)
    affected            jsonb         NOT NULL,  -- entity ids by level: {"campaign": ["cp-1"], "keyword": [...]}
    alerts              jsonb         NOT NULL,  -- its alerts as grouping sees them (entity, period, severity,
                                                 -- score, money, first root cause): the next run continues it
    first_seen          timestamp with time zone NOT NULL,
    updated_at          timestamp with time zone NOT NULL,
    version             bigint        NOT NULL,
    CONSTRAINT anomaly_incidents_pk PRIMARY KEY (profile_id, id),
    CONSTRAINT anomaly_incidents_severity_ck CHECK (severity_rank = CASE peak_severity WHEN 'low' THEN 0
        WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 END),
    CONSTRAINT anomaly_incidents_periods_ck CHECK (start_period <= last_period)
);
-- incidents(profile, filter, page): latest last period first, then most severe, then most money at stake
CREATE INDEX anomaly_incidents_feed_ix ON anomaly_incidents (profile_id, last_period DESC, severity_rank DESC,
    money_at_stake DESC, id);
-- ongoingIncidents(profile) and closing the ones a run did not continue
CREATE INDEX anomaly_incidents_ongoing_ix ON anomaly_incidents (profile_id, last_period) WHERE ongoing;

-- the incident of each alert's latest period (null for alerts saved before version 4)
ALTER TABLE anomaly_alerts ADD COLUMN incident_id varchar(64);
ALTER TABLE anomaly_history ADD COLUMN incident_id varchar(64);
CREATE INDEX anomaly_alerts_incident_ix ON anomaly_alerts (profile_id, incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX anomaly_history_incident_ix ON anomaly_history (profile_id, incident_id) WHERE incident_id IS NOT NULL;

ALTER TABLE anomaly_incidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY anomaly_incidents_tenant ON anomaly_incidents
    USING (profile_id = current_setting('ppc_anomaly.profile_id', true))
    WITH CHECK (profile_id = current_setting('ppc_anomaly.profile_id', true));
