-- A test script standing for a lower version arriving after a higher one was applied (as V2-V4 arrived after the
-- server's V5 while modules landed side by side): a database already at version 5 must take it.
CREATE TABLE late_arrival (profile_id varchar(128) NOT NULL);
