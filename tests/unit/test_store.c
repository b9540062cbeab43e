/* The local store: pragmas, migrations, batches, roster import (all or
 * nothing), the order life cycle with history, and photo files. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/roster.h"
#include "store/batch.h"
#include "store/db.h"
#include "store/fileio.h"
#include "store/order.h"
#include "store/photo.h"
#include "store/roster_import.h"
#include "store/stats.h"
#include "store/student.h"

typedef struct {
    char *dir;
    gb_store *st;
} fixture;

static const char roster_csv[] = "学号,姓名,性别,身份证号,学院,专业,学历层次\n"
                                 "S001,王小明,男,110105200301011234,计算机学院,软件工程,本科\n"
                                 "S002,李华,女,11010520030202234X,外国语学院,英语,本科\n"
                                 "S003,张伟,男,110105200303033456,材料学院,材料科学,硕士研究生\n";

static gb_batch make_batch(const char *no, gb_pay_mode pay)
{
    gb_batch b = {.price_fen = pay == GB_PAY_SCHOOL ? 0 : 2000, .pay_mode = pay, .active = 1};
    snprintf(b.batch_no, sizeof b.batch_no, "%s", no);
    snprintf(b.school, sizeof b.school, "示例大学");
    snprintf(b.window_start, sizeof b.window_start, "2026-12-01 08:00");
    snprintf(b.window_end, sizeof b.window_end, "2026-12-20 18:00");
    snprintf(b.backdrop, sizeof b.backdrop, "blue");
    return b;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_mkdtemp();
    gb_err err;
    f->st = gb_store_open(f->dir, "K07", 2000, &err);
    if (!f->st)
        fail_msg("open: %s", err.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gb_store_close(f->st);
    tu_rmdir(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void import_text(gb_store *st, const char *batch, const char *csv, int flags, int want_rc,
                        gb_import_result *res, gb_roster *keep)
{
    gb_roster r;
    gb_err err = {0};
    int prc = gb_roster_parse((const unsigned char *)csv, strlen(csv), 1000, &r);
    int rc = prc < 0 ? -1 : gb_roster_import(st, batch, &r, flags, res, &err);
    if (rc != want_rc)
        fail_msg("import returned %d, expected %d: %s (%zu problems, first: %s)", rc, want_rc, err.msg,
                 r.nproblems, r.nproblems ? r.problems[0].msg : "-");
    if (keep)
        *keep = r;
    else
        gb_roster_free(&r);
}

static long long count(gb_store *st, const char *sql)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static void pragma_text(gb_store *st, const char *sql, char *out, size_t size)
{
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

static void test_open_sets_durable_pragmas(void **state)
{
    fixture *f = *state;
    char mode[32];
    pragma_text(f->st, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    assert_int_equal(count(f->st, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(count(f->st, "PRAGMA foreign_keys"), 1);
    size_t n;
    const gb_migration *m = gb_store_migrations(&n);
    assert_int_equal(gb_store_user_version(f->st->db), m[n - 1].version);
    gb_err err;
    assert_int_equal(gb_store_check(f->st, &err), 0);
}

static void test_migrations_run_forward_once(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    const gb_migration two[] = {{1, "CREATE TABLE a (x INTEGER);"},
                                {2, "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'one');"}};
    gb_err err;
    assert_int_equal(gb_store_migrate(db, two, 1, &err), 0);
    assert_int_equal(gb_store_user_version(db), 1);
    /* a later program brings migration 2: only it runs */
    assert_int_equal(gb_store_migrate(db, two, 2, &err), 0);
    assert_int_equal(gb_store_user_version(db), 2);
    assert_int_equal(gb_store_migrate(db, two, 2, &err), 0); /* again: nothing to do */
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM a", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 1); /* the INSERT ran exactly once */
    sqlite3_finalize(s);
    sqlite3_close(db);
}

static void test_failed_migration_leaves_database_as_it_was(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    const gb_migration ms[] = {{1, "CREATE TABLE a (x INTEGER);"},
                               {2, "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);"}};
    gb_err err;
    assert_int_equal(gb_store_migrate(db, ms, 2, &err), -1);
    assert_non_null(strstr(err.msg, "version 2"));
    assert_non_null(strstr(err.msg, "nowhere"));
    assert_int_equal(gb_store_user_version(db), 1);
    sqlite3_stmt *s;
    /* table b of the failed migration was rolled back */
    assert_int_not_equal(sqlite3_prepare_v2(db, "SELECT * FROM b", -1, &s, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_refuses_database_from_newer_program(void **state)
{
    fixture *f = *state;
    assert_int_equal(sqlite3_exec(f->st->db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    gb_store_close(f->st);
    gb_err err;
    f->st = gb_store_open(f->dir, "K07", 2000, &err);
    assert_null(f->st);
    assert_non_null(strstr(err.msg, "999"));
    /* untouched: still 999, reopen after setting it back works */
    sqlite3 *db;
    char path[600];
    snprintf(path, sizeof path, "%s/orders.db", f->dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(gb_store_user_version(db), 999);
    size_t n;
    const gb_migration *m = gb_store_migrations(&n);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", m[n - 1].version);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    f->st = gb_store_open(f->dir, "K07", 2000, &err);
    assert_non_null(f->st);
}

static void test_batch_add_get_list_and_duplicate(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_batch b = make_batch("2026BJ01", GB_PAY_STUDENT);
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    assert_true(b.id > 0);
    gb_batch again = make_batch("2026BJ01", GB_PAY_SCHOOL);
    assert_int_equal(gb_batch_add(f->st, &again, &err), -1);
    assert_string_equal(err.msg, "batch 2026BJ01 already exists (as 2026BJ01)");
    gb_batch bad = make_batch("2026BJ02", GB_PAY_STUDENT);
    snprintf(bad.window_end, sizeof bad.window_end, "2026-11-01 08:00");
    assert_int_equal(gb_batch_add(f->st, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "window"));
    gb_batch got;
    assert_int_equal(gb_batch_get(f->st, "2026BJ01", &got, &err), 0);
    assert_string_equal(got.school, "示例大学");
    assert_int_equal(got.price_fen, 2000);
    assert_int_equal(got.pay_mode, GB_PAY_STUDENT);
    assert_string_equal(got.window_start, "2026-12-01 08:00");
    assert_int_equal(gb_batch_get(f->st, "NOPE", &got, &err), 1);
    gb_batch *list;
    size_t n;
    assert_int_equal(gb_batch_list(f->st, &list, &n, &err), 0);
    assert_int_equal(n, 1);
    free(list);
}

static void test_batch_window_change_checked_like_batch_add(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_batch b = make_batch("2026BJ01", GB_PAY_STUDENT);
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    assert_int_equal(gb_batch_set_window(f->st, "2026BJ01", "2027-01-05 09:30", "2027-01-06 17:00", &err), 0);
    gb_batch got;
    assert_int_equal(gb_batch_get(f->st, "2026BJ01", &got, &err), 0);
    assert_string_equal(got.window_start, "2027-01-05 09:30");
    assert_string_equal(got.window_end, "2027-01-06 17:00");

    assert_int_equal(gb_batch_set_window(f->st, "2026BJ01", "2027-02-30 09:30", "2027-03-06 17:00", &err), -1);
    assert_string_equal(err.msg, "window start: '2027-02-30 09:30' is not a real date and time");
    assert_int_equal(gb_batch_set_window(f->st, "2026BJ01", "2027-01-05 09:30", "2027-1-6 17:00", &err), -1);
    assert_string_equal(err.msg, "window end: expected 'YYYY-MM-DD HH:MM' (24-hour), got '2027-1-6 17:00'");
    assert_int_equal(gb_batch_set_window(f->st, "2026BJ01", "2027-01-05 09:30", "2027-01-05 09:30", &err), -1);
    assert_string_equal(err.msg, "window: the end (2027-01-05 09:30) is not after the start (2027-01-05 09:30)");
    assert_int_equal(gb_batch_set_window(f->st, "NOPE", "2027-01-05 09:30", "2027-01-06 17:00", &err), -1);
    assert_string_equal(err.msg, "no batch NOPE");
    /* the refused changes left the window as it was */
    assert_int_equal(gb_batch_get(f->st, "2026BJ01", &got, &err), 0);
    assert_string_equal(got.window_start, "2027-01-05 09:30");
    assert_string_equal(got.window_end, "2027-01-06 17:00");
}

static void test_roster_import_then_reimport_is_harmless(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_batch b = make_batch("B1", GB_PAY_STUDENT);
    b.batch_no[0] = 'B';
    snprintf(b.batch_no, sizeof b.batch_no, "B01");
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    gb_import_result res;
    import_text(f->st, "B01", roster_csv, 0, 0, &res, NULL);
    assert_int_equal(res.added, 3);
    import_text(f->st, "B01", roster_csv, 0, 0, &res, NULL);
    assert_int_equal(res.added, 0);
    assert_int_equal(res.unchanged, 3);
    assert_int_equal(count(f->st, "SELECT count(*) FROM students"), 3);
    gb_student s;
    assert_int_equal(gb_student_find(f->st, "B01", "S002", &s, &err), 0);
    assert_string_equal(s.name, "李华");
    assert_string_equal(s.id_last4, "234X");
    assert_string_equal(s.school, "示例大学"); /* from the batch: the file has no school column */
    /* no full ID number anywhere in the database */
    assert_int_equal(count(f->st, "SELECT count(*) FROM students WHERE length(id_last4) <> 4"), 0);
    assert_int_equal(count(f->st, "SELECT count(*) FROM students WHERE name LIKE '%1101%' OR "
                                  "student_no LIKE '%110105%'"), 0);
}

static void test_roster_conflict_changes_nothing_unless_update(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_batch b = make_batch("B02", GB_PAY_STUDENT);
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    gb_import_result res;
    import_text(f->st, "B02", roster_csv, 0, 0, &res, NULL);
    /* S002 changed major, S004 is new: without --update nothing is written */
    const char *changed = "学号,姓名,性别,身份证号,学院,专业,学历层次\n"
                          "S002,李华,女,11010520030202234X,外国语学院,日语,本科\n"
                          "S004,赵六,男,110105200304044567,计算机学院,软件工程,本科\n";
    gb_roster r;
    import_text(f->st, "B02", changed, 0, -1, &res, &r);
    assert_int_equal(r.nproblems, 1);
    assert_int_equal(r.problems[0].line, 2);
    assert_non_null(strstr(r.problems[0].msg, "different data"));
    gb_roster_free(&r);
    assert_int_equal(count(f->st, "SELECT count(*) FROM students"), 3);
    assert_int_equal(count(f->st, "SELECT count(*) FROM students WHERE major = '英语'"), 1);
    import_text(f->st, "B02", changed, GB_IMPORT_UPDATE, 0, &res, NULL);
    assert_int_equal(res.added, 1);
    assert_int_equal(res.updated, 1);
    assert_int_equal(res.kept, 2);
    assert_int_equal(count(f->st, "SELECT count(*) FROM students WHERE major = '日语'"), 1);
}

static void test_roster_dry_run_writes_nothing(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_batch b = make_batch("B03", GB_PAY_STUDENT);
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    gb_import_result res;
    import_text(f->st, "B03", roster_csv, GB_IMPORT_DRY_RUN, 0, &res, NULL);
    assert_int_equal(res.added, 3);
    assert_int_equal(count(f->st, "SELECT count(*) FROM students"), 0);
}

static void test_roster_needs_feature_code_when_batch_requires(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_batch b = make_batch("B04", GB_PAY_STUDENT);
    b.feature_code_required = 1;
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    gb_import_result res;
    gb_roster r;
    import_text(f->st, "B04", roster_csv, 0, -1, &res, &r);
    assert_int_equal(r.nproblems, 3);
    assert_int_equal(r.problems[2].line, 4);
    gb_roster_free(&r);
    const char *with = "学号,姓名,身份证后四位,特征码\nS001,王小明,1234,AB12\n";
    import_text(f->st, "B04", with, 0, 0, &res, NULL);
    assert_int_equal(res.added, 1);
}

static void test_roster_into_unknown_batch_fails(void **state)
{
    fixture *f = *state;
    gb_roster r;
    gb_err err;
    gb_import_result res;
    assert_int_equal(gb_roster_parse((const unsigned char *)roster_csv, strlen(roster_csv), 100, &r), 0);
    assert_int_equal(gb_roster_import(f->st, "GHOST", &r, 0, &res, &err), -1);
    assert_non_null(strstr(err.msg, "no batch GHOST"));
    gb_roster_free(&r);
}

static long long setup_student(fixture *f, const char *batch, gb_pay_mode pay)
{
    gb_err err;
    gb_batch b = make_batch(batch, pay);
    assert_int_equal(gb_batch_add(f->st, &b, &err), 0);
    gb_import_result res;
    import_text(f->st, batch, roster_csv, 0, 0, &res, NULL);
    gb_student s;
    assert_int_equal(gb_student_find(f->st, batch, "S001", &s, &err), 0);
    return s.id;
}

static const unsigned char fake_jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 'p', 'h', 'o', 't', 'o', 0xFF, 0xD9};

static void test_order_life_cycle_with_history(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B10", GB_PAY_STUDENT);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_int_equal(o.state, GB_OS_VERIFIED);
    assert_int_equal(o.price_fen, 2000);
    assert_true(strncmp(o.order_no, "K07-", 4) == 0);
    assert_int_equal(strlen(o.order_no), strlen("K07-261203-00001"));
    assert_string_equal(o.order_no + strlen(o.order_no) - 5, "00001");

    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "12345", "a@b.cn", &err), -1);
    assert_non_null(strstr(err.msg, "phone"));
    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "13800138000", "not-an-email", &err), -1);
    assert_non_null(strstr(err.msg, "email"));
    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "13800138000", "wxm@example.com", &err), 0);

    gb_photo p;
    assert_int_equal(gb_photo_attach(f->st, o.order_no, fake_jpeg, sizeof fake_jpeg, 480, 640,
                                     GB_OS_PHOTO_ACCEPTED, GB_ACTOR_STUDENT, &p, &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_AWAITING_PAYMENT, GB_ACTOR_KIOSK, "", &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_PAID, GB_ACTOR_SYNC, "pay-later", &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_SUBMITTED, GB_ACTOR_KIOSK, "", &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_SYNCED, GB_ACTOR_SYNC, "", &err), 0);
    assert_int_equal(gb_order_reject(f->st, o.order_no, "头发遮挡眉毛", &err), 0);
    assert_int_equal(gb_order_get(f->st, o.order_no, &o, &err), 0);
    assert_int_equal(o.state, GB_OS_REJECTED);
    assert_string_equal(o.reject_reason, "头发遮挡眉毛");
    assert_string_equal(o.phone, "13800138000");

    gb_order_event *ev;
    size_t n;
    assert_int_equal(gb_order_history(f->st, o.order_no, &ev, &n, &err), 0);
    const char *want[][3] = {{"", "verified", "kiosk"},
                             {"verified", "info_confirmed", "student"},
                             {"info_confirmed", "photo_accepted", "student"},
                             {"photo_accepted", "awaiting_payment", "kiosk"},
                             {"awaiting_payment", "paid", "sync"},
                             {"paid", "submitted", "kiosk"},
                             {"submitted", "synced", "sync"},
                             {"synced", "rejected", "sync"}};
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(ev[i].from, want[i][0]);
        assert_string_equal(ev[i].to, want[i][1]);
        assert_string_equal(ev[i].actor, want[i][2]);
    }
    free(ev);
}

static void test_sync_status_counts_waiting_orders_and_last_sync(void **state)
{
    fixture *f = *state;
    gb_err err;
    gb_sync_status ss;
    assert_int_equal(gb_stats_sync(f->st, &ss, &err), 0);
    assert_int_equal(ss.submitted + ss.resubmitted + ss.outbox_pending, 0);
    assert_string_equal(ss.last_sync, "");

    long long sid = setup_student(f, "B11", GB_PAY_SCHOOL);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "13800138000", "wxm@example.com", &err), 0);
    gb_photo p;
    assert_int_equal(gb_photo_attach(f->st, o.order_no, fake_jpeg, sizeof fake_jpeg, 480, 640,
                                     GB_OS_PHOTO_ACCEPTED, GB_ACTOR_STUDENT, &p, &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_SUBMITTED, GB_ACTOR_KIOSK, "", &err), 0);
    assert_int_equal(gb_stats_sync(f->st, &ss, &err), 0);
    assert_int_equal(ss.submitted, 1);
    assert_int_equal(ss.resubmitted, 0);
    assert_string_equal(ss.last_sync, ""); /* only the kiosk moved it */

    /* what the sync will write: an order uploaded, an outbox entry done,
     * another still waiting; the latest trace is the last sync */
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_SYNCED, GB_ACTOR_SYNC, "", &err), 0);
    assert_int_equal(sqlite3_exec(f->st->db,
                                  "UPDATE order_history SET at = '2026-12-03T16:25:57Z' WHERE actor = 'sync';"
                                  "INSERT INTO outbox (kind, idem_key, created_at, done_at) VALUES "
                                  "('order', 'k1', '2026-12-03T16:00:00Z', '2026-12-03T17:00:00Z'),"
                                  "('order', 'k2', '2026-12-03T16:00:00Z', NULL);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(gb_stats_sync(f->st, &ss, &err), 0);
    assert_int_equal(ss.submitted, 0);
    assert_int_equal(ss.outbox_pending, 1);
    assert_string_equal(ss.last_sync, "2026-12-03T17:00:00Z");
}

static void test_illegal_move_changes_nothing(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B11", GB_PAY_STUDENT);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_APPROVED, GB_ACTOR_SYNC, "", &err), -1);
    assert_non_null(strstr(err.msg, o.order_no));
    assert_non_null(strstr(err.msg, "verified"));
    assert_int_equal(gb_order_get(f->st, o.order_no, &o, &err), 0);
    assert_int_equal(o.state, GB_OS_VERIFIED);
    assert_int_equal(count(f->st, "SELECT count(*) FROM order_history"), 1);
    assert_int_equal(gb_order_move(f->st, "K07-000000-99999", GB_OS_CANCELLED, GB_ACTOR_STAFF, "", &err), -1);
    assert_non_null(strstr(err.msg, "no order"));
}

static void test_school_paid_order_skips_payment(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B12", GB_PAY_SCHOOL);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_int_equal(o.price_fen, 0);
    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "13912345678", "x@y.edu.cn", &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_PHOTO_ACCEPTED, GB_ACTOR_STUDENT, "", &err), 0);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_AWAITING_PAYMENT, GB_ACTOR_KIOSK, "", &err), -1);
    assert_int_equal(gb_order_move(f->st, o.order_no, GB_OS_SUBMITTED, GB_ACTOR_KIOSK, "", &err), 0);
}

static void test_order_numbers_unique_and_increasing(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B13", GB_PAY_STUDENT);
    char prev[33] = "";
    for (int i = 0; i < 30; i++) {
        gb_order o;
        assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
        assert_true(strcmp(o.order_no + strlen(o.order_no) - 5, prev[0] ? prev + strlen(prev) - 5 : "") > 0);
        snprintf(prev, sizeof prev, "%s", o.order_no);
    }
    assert_int_equal(count(f->st, "SELECT count(DISTINCT order_no) FROM orders"), 30);
    /* The counter survives a reopen. */
    gb_store_close(f->st);
    f->st = gb_store_open(f->dir, "K07", 2000, &err);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_string_equal(o.order_no + strlen(o.order_no) - 5, "00031");
}

static void test_photo_file_is_durable_and_checksummed(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B20", GB_PAY_STUDENT);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "13800138000", "a@b.cn", &err), 0);
    gb_photo p;
    assert_int_equal(gb_photo_attach(f->st, o.order_no, fake_jpeg, sizeof fake_jpeg, 480, 640,
                                     GB_OS_PHOTO_ACCEPTED, GB_ACTOR_STUDENT, &p, &err), 0);
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", f->dir, p.path);
    unsigned char *data;
    size_t len;
    assert_int_equal(gb_read_file(full, 1 << 20, &data, &len, &err), 0);
    assert_int_equal(len, sizeof fake_jpeg);
    assert_memory_equal(data, fake_jpeg, len);
    free(data);
    char hex[65];
    gb_sha256_hex(fake_jpeg, sizeof fake_jpeg, hex);
    assert_string_equal(p.sha256, hex);
    assert_int_equal(gb_photo_verify_all(f->st, &err), 0);
    assert_int_equal(gb_order_get(f->st, o.order_no, &o, &err), 0);
    assert_int_equal(o.photo_id, p.id);
    assert_string_equal(o.photo_path, p.path);

    /* Damage the file behind the store's back: verify notices. */
    FILE *fp = fopen(full, "r+b");
    fputc('X', fp);
    fclose(fp);
    assert_int_equal(gb_photo_verify_all(f->st, &err), 1);
    assert_non_null(strstr(err.msg, p.path));
}

static void test_photo_refused_by_state_leaves_no_file(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B21", GB_PAY_STUDENT);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    /* verified -> photo_accepted skips the info step: refused */
    assert_int_equal(gb_photo_attach(f->st, o.order_no, fake_jpeg, sizeof fake_jpeg, 480, 640,
                                     GB_OS_PHOTO_ACCEPTED, GB_ACTOR_STUDENT, NULL, &err), -1);
    assert_int_equal(count(f->st, "SELECT count(*) FROM photos"), 0);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/photos/%s", f->dir, o.order_no);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
    assert_int_equal(system(cmd), 0);
}

/* A full disk: the write fails, the error says so, no row, no temp file.
 * RLIMIT_FSIZE makes write() fail with EFBIG like ENOSPC would; it runs in
 * a child so the limit does not touch the rest of the suite. */
static void test_photo_write_failure_keeps_store_consistent(void **state)
{
    fixture *f = *state;
    gb_err err;
    long long sid = setup_student(f, "B22", GB_PAY_STUDENT);
    gb_order o;
    assert_int_equal(gb_order_create(f->st, sid, &o, &err), 0);
    assert_int_equal(gb_order_confirm_info(f->st, o.order_no, "13800138000", "a@b.cn", &err), 0);
    size_t big = 256 * 1024;
    unsigned char *jpeg = malloc(big);
    memset(jpeg, 0x5A, big);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {64 * 1024, 64 * 1024};
        setrlimit(RLIMIT_FSIZE, &rl);
        gb_err e;
        int rc = gb_photo_attach(f->st, o.order_no, jpeg, big, 480, 640, GB_OS_PHOTO_ACCEPTED,
                                 GB_ACTOR_STUDENT, NULL, &e);
        _exit(rc == -1 && strstr(e.msg, "write failed") ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(jpeg);
    assert_int_equal(count(f->st, "SELECT count(*) FROM photos"), 0);
    assert_int_equal(gb_order_get(f->st, o.order_no, &o, &err), 0);
    assert_int_equal(o.state, GB_OS_INFO_CONFIRMED);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s/photos/%s')\"", f->dir, o.order_no);
    assert_int_equal(system(cmd), 0);
}

static void test_read_file_refuses_fifo_and_folder_without_hanging(void **state)
{
    fixture *f = *state;
    char fifo[600];
    snprintf(fifo, sizeof fifo, "%s/photo.jpg", f->dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    unsigned char *d;
    size_t len;
    gb_err err;
    /* a FIFO with no writer: a blocking open would never return */
    assert_int_equal(gb_read_file(fifo, 1000, &d, &len, &err), -1);
    assert_non_null(strstr(err.msg, "not a regular file"));
    assert_int_equal(gb_read_file(f->dir, 1000, &d, &len, &err), -1);
    assert_non_null(strstr(err.msg, "is a folder"));
}

static void test_write_atomic_replaces_whole_file(void **state)
{
    fixture *f = *state;
    gb_err err;
    assert_int_equal(gb_write_atomic(f->dir, "x.bin", "first version", 13, &err), 0);
    assert_int_equal(gb_write_atomic(f->dir, "x.bin", "2nd", 3, &err), 0);
    char path[600];
    snprintf(path, sizeof path, "%s/x.bin", f->dir);
    unsigned char *d;
    size_t len;
    assert_int_equal(gb_read_file(path, 100, &d, &len, &err), 0);
    assert_int_equal(len, 3);
    assert_memory_equal(d, "2nd", 3);
    free(d);
    assert_int_equal(gb_write_atomic("/nonexistent-dir", "x.bin", "a", 1, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent-dir"));
}

static void test_sweep_removes_only_old_temp_files(void **state)
{
    fixture *f = *state;
    char *old = tu_write_file(f->dir, ".tmp-a.jpg.XXX1", "x", 1);
    char *fresh = tu_write_file(f->dir, ".tmp-b.jpg.XXX2", "x", 1);
    char *keep = tu_write_file(f->dir, "photo.jpg", "x", 1);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "touch -d '2 hours ago' '%s'", old);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(gb_sweep_temp_files(f->dir, 3600), 1);
    assert_int_equal(access(old, F_OK), -1);
    assert_int_equal(access(fresh, F_OK), 0);
    assert_int_equal(access(keep, F_OK), 0);
    free(old);
    free(fresh);
    free(keep);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_open_sets_durable_pragmas),
        cmocka_unit_test(test_migrations_run_forward_once),
        cmocka_unit_test(test_failed_migration_leaves_database_as_it_was),
        T(test_refuses_database_from_newer_program),
        T(test_batch_add_get_list_and_duplicate),
        T(test_batch_window_change_checked_like_batch_add),
        T(test_roster_import_then_reimport_is_harmless),
        T(test_roster_conflict_changes_nothing_unless_update),
        T(test_roster_dry_run_writes_nothing),
        T(test_roster_needs_feature_code_when_batch_requires),
        T(test_roster_into_unknown_batch_fails),
        T(test_order_life_cycle_with_history),
        T(test_sync_status_counts_waiting_orders_and_last_sync),
        T(test_illegal_move_changes_nothing),
        T(test_school_paid_order_skips_payment),
        T(test_order_numbers_unique_and_increasing),
        T(test_photo_file_is_durable_and_checksummed),
        T(test_photo_refused_by_state_leaves_no_file),
        T(test_photo_write_failure_keeps_store_consistent),
        T(test_read_file_refuses_fifo_and_folder_without_hanging),
        T(test_write_atomic_replaces_whole_file),
        T(test_sweep_removes_only_old_temp_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
