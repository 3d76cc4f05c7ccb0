-- PPC Anomaly, schema version 5 (PostgreSQL): API keys of the HTTP server (anomaly-server), stored hashed, each
-- bound to one or more profiles and a role. Released scripts are never edited (see the module README).
-- V2-V4 are reserved for the outbox, the monitor and incidents; Flyway applies them out of order on a database
-- already at V5 (SchemaMigrator sets outOfOrder).
--
-- Row-level security: a key is read before any tenant is known (authentication), so the policies are keyed on
-- two settings the server sets per transaction: ppc_anomaly.api_key_id (the key being authenticated or created)
-- and ppc_anomaly.profile_id (the tenant, as for every other table). A role under row-level security sees a key
-- and its bindings only when it names that key, or the bindings of the tenant it names (and those bindings'
-- keys) - never every tenant's keys. Only hashes are stored: the secret half of a key is never written.

CREATE TABLE anomaly_api_keys (
    key_id       varchar(32)  PRIMARY KEY,                     -- the public half of the key: ppca_<key_id>_<secret>
    secret_hash  varchar(64)  NOT NULL,                        -- hex SHA-256 of the secret half (256 random bits)
    role         varchar(16)  NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    name         varchar(256) NOT NULL,                        -- what the key is for, for people
    created_by   varchar(256) NOT NULL,
    created_at   timestamp with time zone NOT NULL,
    revoked_at   timestamp with time zone                      -- set once; a revoked key authenticates nothing
);

CREATE TABLE anomaly_api_key_profiles (
    key_id      varchar(32)  NOT NULL REFERENCES anomaly_api_keys (key_id) ON DELETE CASCADE,
    profile_id  varchar(128) NOT NULL,
    PRIMARY KEY (key_id, profile_id)
);
-- the keys of a profile (the admin listing)
CREATE INDEX anomaly_api_key_profiles_profile_ix ON anomaly_api_key_profiles (profile_id, key_id);

ALTER TABLE anomaly_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE anomaly_api_key_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY anomaly_api_key_profiles_access ON anomaly_api_key_profiles
    USING (key_id = current_setting('ppc_anomaly.api_key_id', true)
           OR profile_id = current_setting('ppc_anomaly.profile_id', true))
    WITH CHECK (key_id = current_setting('ppc_anomaly.api_key_id', true)
                AND profile_id = current_setting('ppc_anomaly.profile_id', true));
CREATE POLICY anomaly_api_keys_access ON anomaly_api_keys
    USING (key_id = current_setting('ppc_anomaly.api_key_id', true)
           OR EXISTS (SELECT 1 FROM anomaly_api_key_profiles b
                      WHERE b.key_id = anomaly_api_keys.key_id
                        AND b.profile_id = current_setting('ppc_anomaly.profile_id', true)))
    WITH CHECK (key_id = current_setting('ppc_anomaly.api_key_id', true));
