#include "store/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_COLUMNS                                                                             \
    "b.id, b.batch_no, b.school, b.price_fen, b.pay_mode, b.window_start, b.window_end, "       \
    "b.backdrop, b.feature_code_required, b.active, "                                             \
    "(SELECT count(*) FROM students s WHERE s.batch_id = b.id)"

static void read_batch(sqlite3_stmt *s, gb_batch *b)
{
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(s, 0);
    gb_store_text(s, 1, b->batch_no, sizeof b->batch_no);
    gb_store_text(s, 2, b->school, sizeof b->school);
    b->price_fen = (long)sqlite3_column_int64(s, 3);
    gb_pay_mode_parse((const char *)sqlite3_column_text(s, 4), &b->pay_mode);
    gb_store_text(s, 5, b->window_start, sizeof b->window_start);
    gb_store_text(s, 6, b->window_end, sizeof b->window_end);
    gb_store_text(s, 7, b->backdrop, sizeof b->backdrop);
    b->feature_code_required = sqlite3_column_int(s, 8);
    b->active = sqlite3_column_int(s, 9);
    b->students = (long)sqlite3_column_int64(s, 10);
}

int gb_batch_add(gb_store *st, gb_batch *b, gb_err *err)
{
    if (gb_batch_validate(b, err) < 0)
        return -1;
    char now[21];
    gb_store_now(now);
    sqlite3_stmt *s;
    /* 2026bj01 and 2026BJ01 would be two batches a student cannot tell apart */
    if (sqlite3_prepare_v2(st->db, "SELECT batch_no FROM batches WHERE batch_no = ? COLLATE NOCASE", -1, &s, NULL) !=
        SQLITE_OK)
        return gb_store_fail(st, err, "add batch");
    sqlite3_bind_text(s, 1, b->batch_no, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        gb_err_set(err, "batch %s already exists (as %s)", b->batch_no, (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return -1;
    }
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO batches (batch_no, school, price_fen, pay_mode, window_start, "
                           "window_end, backdrop, feature_code_required, active, created_at) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "add batch");
    sqlite3_bind_text(s, 1, b->batch_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, b->school, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, b->price_fen);
    sqlite3_bind_text(s, 4, gb_pay_mode_name(b->pay_mode), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, b->window_start, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, b->window_end, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, b->backdrop, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 8, b->feature_code_required ? 1 : 0);
    sqlite3_bind_int(s, 9, b->active ? 1 : 0);
    sqlite3_bind_text(s, 10, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        gb_err_set(err, "batch %s already exists", b->batch_no);
        return -1;
    }
    if (rc != SQLITE_DONE)
        return gb_store_fail(st, err, "add batch");
    b->id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int gb_batch_get(gb_store *st, const char *batch_no, gb_batch *out, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT " BATCH_COLUMNS " FROM batches b WHERE b.batch_no = ?", -1,
                           &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "read batch");
    sqlite3_bind_text(s, 1, batch_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_batch(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return 1;
    return gb_store_fail(st, err, "read batch");
}

int gb_batch_list(gb_store *st, gb_batch **out, size_t *count, gb_err *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT " BATCH_COLUMNS " FROM batches b ORDER BY b.batch_no", -1,
                           &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "list batches");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 8;
            gb_batch *nb = realloc(*out, cap * sizeof *nb);
            if (!nb) {
                sqlite3_finalize(s);
                free(*out);
                *out = NULL;
                gb_err_set(err, "out of memory");
                return -1;
            }
            *out = nb;
        }
        read_batch(s, &(*out)[(*count)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *count = 0;
        return gb_store_fail(st, err, "list batches");
    }
    return 0;
}

int gb_batch_set_active(gb_store *st, const char *batch_no, int active, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE batches SET active = ? WHERE batch_no = ?", -1, &s,
                           NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "update batch");
    sqlite3_bind_int(s, 1, active ? 1 : 0);
    sqlite3_bind_text(s, 2, batch_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return gb_store_fail(st, err, "update batch");
    if (sqlite3_changes(st->db) == 0) {
        gb_err_set(err, "no batch %s", batch_no);
        return -1;
    }
    return 0;
}

int gb_batch_set_window(gb_store *st, const char *batch_no, const char *start, const char *end, gb_err *err)
{
    int which;
    const char *name[2] = {"start", "end"}, *when[2] = {start, end};
    switch (gb_batch_window_check(start, end, &which)) {
    case GB_WINDOW_CHECK_OK: break;
    case GB_WINDOW_CHECK_SHAPE:
        gb_err_set(err, "window %s: expected 'YYYY-MM-DD HH:MM' (24-hour), got '%s'", name[which], when[which]);
        return -1;
    case GB_WINDOW_CHECK_NOT_REAL:
        gb_err_set(err, "window %s: '%s' is not a real date and time", name[which], when[which]);
        return -1;
    case GB_WINDOW_CHECK_ORDER:
        gb_err_set(err, "window: the end (%s) is not after the start (%s)", end, start);
        return -1;
    }
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE batches SET window_start = ?, window_end = ? WHERE batch_no = ?", -1, &s,
                           NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "update batch window");
    sqlite3_bind_text(s, 1, start, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, end, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, batch_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return gb_store_fail(st, err, "update batch window");
    if (sqlite3_changes(st->db) == 0) {
        gb_err_set(err, "no batch %s", batch_no);
        return -1;
    }
    return 0;
}
