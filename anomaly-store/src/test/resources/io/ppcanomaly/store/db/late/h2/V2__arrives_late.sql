-- A test script standing for V2-V4, which other modules add after V5 (API keys) was released: a database already
-- at version 5 must take it.
CREATE TABLE late_arrival (profile_id varchar(128) NOT NULL);
