/**
 * Detection as background jobs: a bounded pool of workers, so a request can wait for a short detection and hand out
 * a job to poll for a long one; the runner scores with a saved model when one fits and stores the alerts.
 */
package io.ppcanomaly.server.jobs;
