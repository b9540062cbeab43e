#include "store/db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/log.h"
#include "store/fileio.h"

int gb_store_fail(gb_store *st, gb_err *err, const char *what)
{
    gb_err_set(err, "%s: %s", what, sqlite3_errmsg(st->db));
    return -1;
}

void gb_store_text(sqlite3_stmt *s, int i, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

void gb_store_now(char out[21])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int gb_store_user_version(sqlite3 *db)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}

int gb_store_migrate(sqlite3 *db, const gb_migration *m, size_t count, gb_err *err)
{
    int have = gb_store_user_version(db);
    if (have < 0) {
        gb_err_set(err, "cannot read the schema version: %s", sqlite3_errmsg(db));
        return -1;
    }
    int newest = count ? m[count - 1].version : 0;
    if (have > newest) {
        gb_err_set(err,
                   "the database has schema version %d but this GradBooth knows only up to %d; "
                   "install the newer GradBooth that wrote it",
                   have, newest);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if (m[i].version <= have)
            continue;
        char *msg = NULL;
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        if (sqlite3_exec(db, m[i].sql, NULL, NULL, &msg) != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", m[i].version);
        if (sqlite3_exec(db, bump, NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
        gb_log_info("store: migrated schema to version %d", m[i].version);
        have = m[i].version;
        continue;
    fail:
        gb_err_set(err, "migration to schema version %d failed: %s", m[i].version,
                   msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int exec(gb_store *st, const char *sql, gb_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        gb_err_set(err, "%s: %s", sql, msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

gb_store *gb_store_open(const char *data_dir, const char *kiosk_id, int busy_timeout_ms,
                        gb_err *err)
{
    gb_store *st = calloc(1, sizeof *st);
    if (!st) {
        gb_err_set(err, "out of memory");
        return NULL;
    }
    if (snprintf(st->data_dir, sizeof st->data_dir, "%s", data_dir) >= (int)sizeof st->data_dir) {
        gb_err_set(err, "data directory path is too long");
        free(st);
        return NULL;
    }
    snprintf(st->photos_dir, sizeof st->photos_dir, "%s/photos", data_dir);
    snprintf(st->kiosk_id, sizeof st->kiosk_id, "%s", kiosk_id);
    if (gb_mkdir_p(st->data_dir, 0750, err) < 0 || gb_mkdir_p(st->photos_dir, 0750, err) < 0) {
        free(st);
        return NULL;
    }
    char path[700];
    snprintf(path, sizeof path, "%s/orders.db", data_dir);
    /* An empty orders.db next to saved photos is a lost database, not a new
     * one: SQLite would happily start afresh and hide the loss. */
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_size == 0 && gb_dir_has_files(st->photos_dir)) {
        gb_err_set(err, "%s is empty (0 bytes) but photos are saved beside it: the database was lost or cut "
                        "short; restore it from a backup (nothing was changed)",
                   path);
        free(st);
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        gb_err_set(err, "%s: cannot open the database: %s", path,
                   st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        sqlite3_close(st->db);
        free(st);
        return NULL;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, busy_timeout_ms);
    /* journal_mode returns the mode it got; on a read-only or odd file system
     * it may stay "delete", which is durable too, so only log it. */
    if (exec(st, "PRAGMA journal_mode=WAL", err) < 0 || exec(st, "PRAGMA synchronous=FULL", err) < 0 ||
        exec(st, "PRAGMA foreign_keys=ON", err) < 0) {
        gb_err_prefix(err, "%s", path);
        gb_store_close(st);
        return NULL;
    }
    size_t n;
    const gb_migration *m = gb_store_migrations(&n);
    if (gb_store_migrate(st->db, m, n, err) < 0) {
        gb_err_prefix(err, "%s", path);
        gb_store_close(st);
        return NULL;
    }
    /* Temp files left by a crash mid-write are never referenced: drop them
     * (an hour old, so a write in progress in another process is spared). */
    gb_sweep_temp_files(st->photos_dir, 3600);
    return st;
}

void gb_store_close(gb_store *st)
{
    if (!st)
        return;
    sqlite3_close(st->db);
    free(st);
}

int gb_store_begin(gb_store *st, gb_err *err)
{
    return sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
               ? 0
               : gb_store_fail(st, err, "cannot start a transaction");
}

int gb_store_commit(gb_store *st, gb_err *err)
{
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return 0;
    gb_store_fail(st, err, "cannot commit");
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

void gb_store_rollback(gb_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int gb_store_check(gb_store *st, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "integrity check");
    int ok = sqlite3_step(s) == SQLITE_ROW &&
             strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
    if (!ok)
        gb_err_set(err, "integrity check: %s",
                   sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "failed");
    sqlite3_finalize(s);
    if (!ok)
        return -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "foreign key check");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        gb_err_set(err, "foreign key check: table %s row %lld points to a missing row",
                   sqlite3_column_text(s, 0), (long long)sqlite3_column_int64(s, 1));
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}
