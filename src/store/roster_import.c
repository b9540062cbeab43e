#include "store/roster_import.h"

#include <string.h>

#include "store/batch.h"

static int same_text(sqlite3_stmt *s, int col, const char *v)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return strcmp(t ? (const char *)t : "", v) == 0;
}

int gb_roster_import(gb_store *st, const char *batch_no, gb_roster *roster, int flags,
                     gb_import_result *res, gb_err *err)
{
    return gb_roster_import_watched(st, batch_no, roster, flags, res, err, NULL);
}

int gb_roster_import_watched(gb_store *st, const char *batch_no, gb_roster *roster, int flags,
                             gb_import_result *res, gb_err *err, gb_import_watch *watch)
{
    int allow_update = flags & GB_IMPORT_UPDATE;
    memset(res, 0, sizeof *res);
    gb_batch batch;
    int found = gb_batch_get(st, batch_no, &batch, err);
    if (found < 0)
        return -1;
    if (found == 1) {
        gb_err_set(err, "no batch %s (add it first: gradbooth batch add)", batch_no);
        gb_err_set_zh(err, "没有批次 %s（请先添加：gradbooth batch add）", batch_no);
        return -1;
    }
    if (batch.feature_code_required) {
        for (size_t i = 0; i < roster->nrows; i++)
            if (!roster->rows[i].feature_code[0])
                gb_roster_zh(gb_roster_add_problem(roster, roster->rows[i].line, "特征码/feature_code",
                                                   "batch %s requires a school feature code", batch_no),
                             "批次 %s 要求每名学生都有学校特征码", batch_no);
        if (roster->nproblems) {
            gb_err_set(err, "%zu problem%s; nothing was imported", roster->nproblems,
                       roster->nproblems == 1 ? "" : "s");
            gb_err_set_zh(err, "有 %zu 个问题，什么也没有导入", roster->nproblems);
            return -1;
        }
    }

    char now[21];
    gb_store_now(now);
    sqlite3_stmt *sel = NULL, *ins = NULL, *upd = NULL, *cnt = NULL;
    if (gb_store_begin(st, err) < 0)
        return -1;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, name, gender, id_last4, school, college, major, level, "
                           "class_name, feature_code FROM students WHERE batch_id = ? AND student_no = ?",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO students (batch_id, student_no, name, gender, id_last4, school, "
                           "college, major, level, class_name, feature_code, imported_at) "
                           "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
                           -1, &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "UPDATE students SET name=?3, gender=?4, id_last4=?5, school=?6, college=?7, "
                           "major=?8, level=?9, class_name=?10, feature_code=?11, imported_at=?12 "
                           "WHERE batch_id=?1 AND student_no=?2",
                           -1, &upd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db, "SELECT count(*) FROM students WHERE batch_id = ?", -1, &cnt,
                           NULL) != SQLITE_OK) {
        gb_store_fail(st, err, "import roster");
        goto fail;
    }
    for (size_t i = 0; i < roster->nrows; i++) {
        if (watch) {
            /* relaxed: a progress figure and a flag, nothing else is
             * handed over through them */
            atomic_store_explicit(&watch->rows_done, i, memory_order_relaxed);
            if (atomic_load_explicit(&watch->cancel, memory_order_relaxed)) {
                atomic_store(&watch->cancelled, 1);
                gb_err_set(err, "cancelled; nothing was imported");
                gb_err_set_zh(err, "已取消，什么也没有导入");
                goto fail;
            }
        }
        const gb_roster_row *row = &roster->rows[i];
        /* Rows without their own school take the batch's; another school
         * may be a wrong file, so staff are told. */
        const char *school = row->school[0] ? row->school : batch.school;
        if (row->school[0] && strcmp(row->school, batch.school) != 0)
            gb_roster_zh(gb_roster_add_warning(roster, row->line, "学校/school", "another school than batch %s's (%s)",
                                               batch_no, batch.school),
                         "与批次 %s 的学校（%s）不同", batch_no, batch.school);
        const char *vals[] = {row->name,  row->gender, row->id_last4,   school,
                              row->college, row->major, row->level, row->class_name,
                              row->feature_code};
        sqlite3_reset(sel);
        sqlite3_bind_int64(sel, 1, batch.id);
        sqlite3_bind_text(sel, 2, row->student_no, -1, SQLITE_STATIC);
        int rc = sqlite3_step(sel);
        sqlite3_stmt *w = NULL;
        if (rc == SQLITE_ROW) {
            int same = 1;
            for (int c = 0; c < 9 && same; c++)
                same = same_text(sel, c + 1, vals[c]);
            if (same) {
                res->unchanged++;
                continue;
            }
            if (!allow_update) {
                gb_roster_zh(gb_roster_add_problem(roster, row->line, "",
                                                   "student number already in batch %s with different data "
                                                   "(use --update to replace it)",
                                                   batch_no),
                             "批次 %s 中已有这个学号，但信息不同（要替换，请勾选“替换信息有变化的学生”）", batch_no);
                continue;
            }
            w = upd;
            res->updated++;
        } else if (rc == SQLITE_DONE) {
            w = ins;
            res->added++;
        } else {
            gb_store_fail(st, err, "import roster");
            goto fail;
        }
        sqlite3_reset(w);
        sqlite3_bind_int64(w, 1, batch.id);
        sqlite3_bind_text(w, 2, row->student_no, -1, SQLITE_STATIC);
        for (int c = 0; c < 9; c++)
            sqlite3_bind_text(w, 3 + c, vals[c], -1, SQLITE_STATIC);
        sqlite3_bind_text(w, 12, now, -1, SQLITE_STATIC);
        if (sqlite3_step(w) != SQLITE_DONE) {
            gb_store_fail(st, err, "import roster");
            goto fail;
        }
    }
    if (watch)
        atomic_store_explicit(&watch->rows_done, roster->nrows, memory_order_relaxed);
    if (roster->nproblems) {
        gb_err_set(err, "%zu problem%s; nothing was imported", roster->nproblems,
                   roster->nproblems == 1 ? "" : "s");
        gb_err_set_zh(err, "有 %zu 个问题，什么也没有导入", roster->nproblems);
        goto fail;
    }
    sqlite3_bind_int64(cnt, 1, batch.id);
    if (sqlite3_step(cnt) == SQLITE_ROW) {
        size_t total = (size_t)sqlite3_column_int64(cnt, 0);
        size_t in_file = res->added + res->unchanged + res->updated;
        res->kept = total > in_file ? total - in_file : 0;
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_finalize(cnt);
    if (flags & GB_IMPORT_DRY_RUN) {
        gb_store_rollback(st);
        return 0;
    }
    return gb_store_commit(st, err);
fail:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_finalize(cnt);
    gb_store_rollback(st);
    res->added = res->updated = res->unchanged = res->kept = 0;
    return -1;
}
