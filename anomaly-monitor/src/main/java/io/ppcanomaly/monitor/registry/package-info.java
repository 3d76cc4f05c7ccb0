/**
 * The versioned model registry in the store's database: every model per profile and level in
 * {@link io.ppcanomaly.service.ModelStore}'s format, one champion, validation figures, rollback by id.
 */
package io.ppcanomaly.monitor.registry;
