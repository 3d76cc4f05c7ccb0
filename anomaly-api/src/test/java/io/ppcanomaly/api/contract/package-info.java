/**
 * The contract test kit, shipped in anomaly-api's test-jar: extend
 * {@link io.ppcanomaly.api.contract.DetectorContractTest} once per detector provider to get the whole
 * contract (discovery, lifecycle, score range, determinism, persistence, concurrency, bad input) for free.
 */
package io.ppcanomaly.api.contract;
