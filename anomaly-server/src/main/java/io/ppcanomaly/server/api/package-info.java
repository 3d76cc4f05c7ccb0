/**
 * The API's handlers and their plumbing: each handler parses its parameters and body at the boundary
 * ({@link io.ppcanomaly.server.api.Params}, {@link io.ppcanomaly.server.api.JsonBody}: a 400 names the field and the
 * value), makes one store or service call per profile the {@link io.ppcanomaly.server.api.Caller} covers, and
 * writes JSON shaped as {@code openapi.yaml} documents ({@link io.ppcanomaly.server.api.Wire}). The
 * {@link io.ppcanomaly.server.api.Gate} authenticates, rate-limits and checks roles before any handler runs.
 */
package io.ppcanomaly.server.api;
