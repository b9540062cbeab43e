/* The local store: one SQLite database (orders.db) and a photos/ folder
 * under the data directory.
 *
 * Durability: WAL with synchronous=FULL, so a transaction that returned is on
 * disk; photo files are written atomically and made durable before the row
 * that points to them commits (photo.c). Schema changes are forward
 * migrations numbered by PRAGMA user_version (migrations.c).
 *
 * Threads: a gb_store is one SQLite connection and belongs to the thread
 * that uses it; a transaction begun on it would take in another thread's
 * statements. Work on another thread opens its own gb_store on the same
 * data_dir: WAL lets it read while the kiosk writes, and busy_timeout_ms
 * makes two writers wait for each other instead of failing. */
#ifndef GB_STORE_DB_H
#define GB_STORE_DB_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/err.h"

typedef struct gb_store {
    sqlite3 *db;
    char data_dir[512];
    char photos_dir[600];
    char kiosk_id[17];
} gb_store;

typedef struct gb_migration {
    int version;     /* user_version after it ran */
    const char *sql; /* one or more statements */
} gb_migration;

/* The program's migrations, in order. */
const gb_migration *gb_store_migrations(size_t *count);

/* Opens (creating if needed) the store in data_dir: makes the folders,
 * sets the pragmas, runs pending migrations. A database written by a newer
 * GradBooth is refused without being touched. */
gb_store *gb_store_open(const char *data_dir, const char *kiosk_id, int busy_timeout_ms,
                        gb_err *err);
void gb_store_close(gb_store *st);

/* Runs migrations[] whose version is above the database's, each in its own
 * transaction with the user_version bump. Exposed for tests. */
int gb_store_migrate(sqlite3 *db, const gb_migration *migrations, size_t count, gb_err *err);

int gb_store_user_version(sqlite3 *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with errors as values. */
int gb_store_begin(gb_store *st, gb_err *err);
int gb_store_commit(gb_store *st, gb_err *err);
void gb_store_rollback(gb_store *st);

/* PRAGMA integrity_check and foreign_key_check; 0 when both are clean. */
int gb_store_check(gb_store *st, gb_err *err);

/* Current UTC time as 2026-12-03T16:25:57Z. */
void gb_store_now(char out[21]);

/* Copies text column i of a row into dst ("" for NULL), truncating to size. */
void gb_store_text(sqlite3_stmt *s, int i, char *dst, size_t size);

/* Fills err with "what: <sqlite message>". Returns -1 for tail calls. */
int gb_store_fail(gb_store *st, gb_err *err, const char *what);

#endif
