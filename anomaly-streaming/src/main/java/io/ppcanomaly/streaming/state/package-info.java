/**
 * The checkpoint of a Half-Space Trees model, kept apart from the live model:
 * {@link io.ppcanomaly.streaming.state.HalfSpaceTreesState} (what a stream processor stores) and
 * {@link io.ppcanomaly.streaming.state.HalfSpaceTreesStateMapper} (live model ↔ state ↔ versioned bytes).
 */
package io.ppcanomaly.streaming.state;
