/**
 * API keys (stored hashed in the store's database, bound to profiles and a role), the per-key rate limiter and the
 * dashboard's sign-in sessions.
 */
package io.ppcanomaly.server.auth;
