/* Staff figures: today's orders by state, the top photo failures and
 * what waits for the sync. */
#include "store/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gb_stats_photo_check(gb_store *st, const char *const *rule_ids, int n, gb_err *err)
{
    char list[1024] = "";
    for (int i = 0; i < n; i++) {
        size_t k = strlen(list);
        snprintf(list + k, sizeof list - k, "%s%s", i ? "," : "", rule_ids[i]);
    }
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "INSERT INTO photo_checks (at, failed_rules) VALUES (?1, ?2)", -1, &q, NULL) !=
        SQLITE_OK)
        return gb_store_fail(st, err, "photo checks");
    char now[21];
    gb_store_now(now);
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, list, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : gb_store_fail(st, err, "photo checks");
}

void gb_stats_local_day_start(time_t t, char out[21])
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    time_t mid = mktime(&tm);
    struct tm u;
    gmtime_r(&mid, &u);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &u);
}

int gb_stats_orders_since(gb_store *st, const char *since, long counts[GB_OS_COUNT], gb_err *err)
{
    memset(counts, 0, sizeof(long) * GB_OS_COUNT);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT state, count(*) FROM orders WHERE created_at >= ?1 GROUP BY state", -1,
                           &q, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "order counts");
    sqlite3_bind_text(q, 1, since, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        gb_order_state s;
        if (gb_order_state_parse((const char *)sqlite3_column_text(q, 0), &s) == 0)
            counts[s] += sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : gb_store_fail(st, err, "order counts");
}

static int by_count(const void *a, const void *b)
{
    const gb_rule_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->rule, y->rule);
}

int gb_stats_top_failures(gb_store *st, const char *since, gb_rule_count *out, int max, long *checks, long *fails,
                          gb_err *err)
{
    enum { KINDS = 64 };
    gb_rule_count all[KINDS];
    int n = 0;
    *checks = *fails = 0;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT failed_rules FROM photo_checks WHERE at >= ?1", -1, &q, NULL) !=
        SQLITE_OK)
        return gb_store_fail(st, err, "photo checks");
    sqlite3_bind_text(q, 1, since, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(q, 0));
        (*checks)++;
        if (buf[0])
            (*fails)++;
        char *save = NULL;
        for (char *id = strtok_r(buf, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
            int i = 0;
            while (i < n && strcmp(all[i].rule, id) != 0)
                i++;
            if (i == n) {
                if (n == KINDS)
                    continue;
                snprintf(all[n].rule, sizeof all[n].rule, "%s", id);
                all[n++].count = 0;
            }
            all[i].count++;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return gb_store_fail(st, err, "photo checks");
    if (n)
        qsort(all, (size_t)n, sizeof all[0], by_count);
    if (n > max)
        n = max;
    memcpy(out, all, sizeof all[0] * (size_t)n);
    return n;
}

static int one_row(gb_store *st, const char *sql, long *n, char *text, size_t size, gb_err *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "sync status");
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        if (n)
            *n = (long)sqlite3_column_int64(q, 0);
        if (text)
            gb_store_text(q, 0, text, size);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 0 : gb_store_fail(st, err, "sync status");
}

int gb_stats_sync(gb_store *st, gb_sync_status *out, gb_err *err)
{
    memset(out, 0, sizeof *out);
    /* Both times are the same fixed-width UTC text, so max() is the latest. */
    if (one_row(st, "SELECT count(*) FROM orders WHERE state = 'submitted'", &out->submitted, NULL, 0, err) < 0 ||
        one_row(st, "SELECT count(*) FROM orders WHERE state = 'resubmitted'", &out->resubmitted, NULL, 0, err) < 0 ||
        one_row(st, "SELECT count(*) FROM outbox WHERE done_at IS NULL", &out->outbox_pending, NULL, 0, err) < 0 ||
        one_row(st,
                "SELECT max(t) FROM (SELECT max(at) AS t FROM order_history WHERE actor = 'sync' "
                "UNION ALL SELECT max(done_at) FROM outbox)",
                NULL, out->last_sync, sizeof out->last_sync, err) < 0)
        return -1;
    return 0;
}
