/**
 * Leases in the database: one monitor instance runs a profile at a time, and an instance that lost its lease writes
 * nothing (fencing tokens checked inside each write's transaction).
 */
package io.ppcanomaly.monitor.lease;
