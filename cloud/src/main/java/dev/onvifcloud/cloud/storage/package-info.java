/**
 * Durable state of the clouds: accounts and their API keys, the device registry, share tokens, sharing
 * operations with their steps (the configuration work queue), notifications to Operational Cloud Services
 * and the audit log.
 *
 * <p>Each store is an interface with its JDBC implementation beside it. {@link dev.onvifcloud.cloud.storage.Database}
 * opens a connection pool on a JDBC URL given by the caller, applies the versioned migrations
 * ({@code db/migration}, the same for H2 and PostgreSQL) and hands out the stores, alone or bound to one
 * {@link dev.onvifcloud.cloud.storage.Transaction}. {@code java.sql} does not leave this package: failures
 * surface as {@link dev.onvifcloud.cloud.storage.StorageException}, constraint violations as
 * {@link dev.onvifcloud.cloud.storage.StorageConstraintException}; expected refusals (a share token used
 * twice, a wrong claim code) are values, an {@link dev.onvifcloud.cloud.storage.Outcome}.
 *
 * <p>Time is always passed in ({@code now}); stores read no clock. Times are stored with microsecond
 * precision, the finer digits are dropped on write.
 *
 * <p>Work queues (sharing operations, notifications) are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * followed by a lease update that re-checks the row is free, so several workers, also on several nodes sharing
 * one PostgreSQL database, never hold the same item at once. H2 2.x supports SKIP LOCKED too, but locks every
 * row it reads before a LIMIT applies, so on H2 candidates are read first and locked one by one. An H2 file
 * database belongs to one process: several nodes need PostgreSQL.
 */
package dev.onvifcloud.cloud.storage;
