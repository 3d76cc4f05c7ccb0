-- PPC Anomaly, schema version 5 (H2): API keys of the HTTP server (anomaly-server), stored hashed, each bound to
-- one or more profiles and a role. Released scripts are never edited (see the module README).
-- V2-V4 are reserved for the outbox, the monitor and incidents; Flyway applies them out of order on a database
-- already at V5 (SchemaMigrator sets outOfOrder). H2 has no row-level security: the server's queries name the key
-- or the profile. Only hashes are stored: the secret half of a key is never written.

CREATE TABLE anomaly_api_keys (
    key_id       varchar(32)  PRIMARY KEY,                     -- the public half of the key: ppca_<key_id>_<secret>
    secret_hash  varchar(64)  NOT NULL,                        -- hex SHA-256 of the secret half (256 random bits)
    role         varchar(16)  NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    name         varchar(256) NOT NULL,
    created_by   varchar(256) NOT NULL,
    created_at   timestamp with time zone NOT NULL,
    revoked_at   timestamp with time zone
);

CREATE TABLE anomaly_api_key_profiles (
    key_id      varchar(32)  NOT NULL REFERENCES anomaly_api_keys (key_id) ON DELETE CASCADE,
    profile_id  varchar(128) NOT NULL,
    PRIMARY KEY (key_id, profile_id)
);
-- the keys of a profile (the admin listing)
CREATE INDEX anomaly_api_key_profiles_profile_ix ON anomaly_api_key_profiles (profile_id, key_id);
