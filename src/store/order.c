#include "store/order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/validate.h"

#define ORDER_SELECT                                                                               \
    "SELECT o.id, o.order_no, o.batch_id, b.batch_no, b.pay_mode, o.student_id, s.student_no, "    \
    "s.name, s.gender, s.id_last4, s.school, s.college, s.major, s.level, o.state, o.phone, "      \
    "o.email, o.price_fen, ifnull(o.photo_id, 0), ifnull(p.path, ''), o.reject_reason, "           \
    "o.created_at, o.updated_at "                                                                  \
    "FROM orders o JOIN batches b ON b.id = o.batch_id JOIN students s ON s.id = o.student_id "    \
    "LEFT JOIN photos p ON p.id = o.photo_id "

static void read_order(sqlite3_stmt *s, gb_order *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(s, 0);
    gb_store_text(s, 1, o->order_no, sizeof o->order_no);
    o->batch_id = sqlite3_column_int64(s, 2);
    gb_store_text(s, 3, o->batch_no, sizeof o->batch_no);
    gb_pay_mode_parse((const char *)sqlite3_column_text(s, 4), &o->pay_mode);
    o->student_id = sqlite3_column_int64(s, 5);
    gb_store_text(s, 6, o->student_no, sizeof o->student_no);
    gb_store_text(s, 7, o->name, sizeof o->name);
    gb_store_text(s, 8, o->gender, sizeof o->gender);
    gb_store_text(s, 9, o->id_last4, sizeof o->id_last4);
    gb_store_text(s, 10, o->school, sizeof o->school);
    gb_store_text(s, 11, o->college, sizeof o->college);
    gb_store_text(s, 12, o->major, sizeof o->major);
    gb_store_text(s, 13, o->level, sizeof o->level);
    gb_order_state_parse((const char *)sqlite3_column_text(s, 14), &o->state);
    gb_store_text(s, 15, o->phone, sizeof o->phone);
    gb_store_text(s, 16, o->email, sizeof o->email);
    o->price_fen = (long)sqlite3_column_int64(s, 17);
    o->photo_id = sqlite3_column_int64(s, 18);
    gb_store_text(s, 19, o->photo_path, sizeof o->photo_path);
    gb_store_text(s, 20, o->reject_reason, sizeof o->reject_reason);
    gb_store_text(s, 21, o->created_at, sizeof o->created_at);
    gb_store_text(s, 22, o->updated_at, sizeof o->updated_at);
}

static int add_history(gb_store *st, long long order_id, const char *from, const char *to,
                       gb_actor actor, const char *note, const char *now, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO order_history (order_id, from_state, to_state, actor, note, at) "
                           "VALUES (?,?,?,?,?,?)",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "order history");
    sqlite3_bind_int64(s, 1, order_id);
    if (from)
        sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 2);
    sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, gb_actor_name(actor), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, note ? note : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : gb_store_fail(st, err, "order history");
}

/* Next value of a named counter; call inside a transaction. */
static int next_counter(gb_store *st, const char *name, long long *out, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO counters (name, value) VALUES (?, 1) "
                           "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "order counter");
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    /* RETURNING needs the statement run to completion before commit. */
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : gb_store_fail(st, err, "order counter");
}

int gb_order_create(gb_store *st, long long student_id, gb_order *out, gb_err *err)
{
    char now[21];
    gb_store_now(now);
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    if (gb_store_begin(st, err) < 0)
        return -1;
    sqlite3_stmt *s = NULL;
    long long seq = 0;
    char order_no[33];
    if (next_counter(st, "order_seq", &seq, err) < 0)
        goto fail;
    if (gb_order_no_make(order_no, sizeof order_no, st->kiosk_id, tm.tm_year % 100, tm.tm_mon + 1,
                         tm.tm_mday, (uint64_t)seq) < 0) {
        gb_err_set(err, "cannot make an order number from kiosk id '%s'", st->kiosk_id);
        goto fail;
    }
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO orders (order_no, batch_id, student_id, state, price_fen, "
                           "created_at, updated_at) "
                           "SELECT ?1, s.batch_id, s.id, 'verified', b.price_fen, ?2, ?2 "
                           "FROM students s JOIN batches b ON b.id = s.batch_id WHERE s.id = ?3",
                           -1, &s, NULL) != SQLITE_OK) {
        gb_store_fail(st, err, "create order");
        goto fail;
    }
    sqlite3_bind_text(s, 1, order_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, student_id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        gb_store_fail(st, err, "create order");
        goto fail;
    }
    if (sqlite3_changes(st->db) != 1) {
        gb_err_set(err, "create order: no student with id %lld", student_id);
        goto fail;
    }
    long long id = sqlite3_last_insert_rowid(st->db);
    if (add_history(st, id, NULL, gb_order_state_name(GB_OS_VERIFIED), GB_ACTOR_KIOSK, "", now, err) <
        0)
        goto fail;
    if (gb_store_commit(st, err) < 0)
        return -1;
    return gb_order_get(st, order_no, out, err) == 0 ? 0 : -1;
fail:
    gb_store_rollback(st);
    return -1;
}

int gb_order_move_in_tx(gb_store *st, long long order_id, gb_order_state to, gb_actor actor,
                        const char *note, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT o.state, b.pay_mode, o.order_no FROM orders o "
                           "JOIN batches b ON b.id = o.batch_id WHERE o.id = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "move order");
    sqlite3_bind_int64(s, 1, order_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        gb_err_set(err, "move order: no order with id %lld", order_id);
        return -1;
    }
    gb_order_state from;
    gb_pay_mode pay;
    char order_no[33];
    int bad = gb_order_state_parse((const char *)sqlite3_column_text(s, 0), &from) < 0 ||
              gb_pay_mode_parse((const char *)sqlite3_column_text(s, 1), &pay) < 0;
    gb_store_text(s, 2, order_no, sizeof order_no);
    sqlite3_finalize(s);
    if (bad) {
        gb_err_set(err, "order %s has an unknown state or payment mode", order_no);
        return -1;
    }
    if (gb_order_can_move(from, to, actor, pay, err) < 0) {
        gb_err_prefix(err, "order %s", order_no);
        return -1;
    }
    char now[21];
    gb_store_now(now);
    if (sqlite3_prepare_v2(st->db, "UPDATE orders SET state = ?, updated_at = ? WHERE id = ?", -1, &s,
                           NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "move order");
    sqlite3_bind_text(s, 1, gb_order_state_name(to), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, order_id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return gb_store_fail(st, err, "move order");
    return add_history(st, order_id, gb_order_state_name(from), gb_order_state_name(to), actor, note,
                       now, err);
}

static int order_id_of(gb_store *st, const char *order_no, long long *id, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT id FROM orders WHERE order_no = ?", -1, &s, NULL) !=
        SQLITE_OK)
        return gb_store_fail(st, err, "find order");
    sqlite3_bind_text(s, 1, order_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        gb_err_set(err, "no order %s", order_no);
    else
        gb_store_fail(st, err, "find order");
    return -1;
}

int gb_order_move(gb_store *st, const char *order_no, gb_order_state to, gb_actor actor,
                  const char *note, gb_err *err)
{
    long long id;
    if (gb_store_begin(st, err) < 0)
        return -1;
    if (order_id_of(st, order_no, &id, err) < 0 || gb_order_move_in_tx(st, id, to, actor, note, err) < 0) {
        gb_store_rollback(st);
        return -1;
    }
    return gb_store_commit(st, err);
}

int gb_order_confirm_info(gb_store *st, const char *order_no, const char *phone, const char *email,
                          gb_err *err)
{
    if (!gb_valid_mobile(phone)) {
        gb_err_set(err, "phone: expected an 11-digit mainland mobile number starting 13-19");
        return -1;
    }
    if (!gb_valid_email(email)) {
        gb_err_set(err, "email: not a valid address");
        return -1;
    }
    long long id;
    if (gb_store_begin(st, err) < 0)
        return -1;
    if (order_id_of(st, order_no, &id, err) < 0)
        goto fail;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE orders SET phone = ?, email = ? WHERE id = ?", -1, &s,
                           NULL) != SQLITE_OK) {
        gb_store_fail(st, err, "confirm order");
        goto fail;
    }
    sqlite3_bind_text(s, 1, phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, email, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        gb_store_fail(st, err, "confirm order");
        goto fail;
    }
    if (gb_order_move_in_tx(st, id, GB_OS_INFO_CONFIRMED, GB_ACTOR_STUDENT, "", err) < 0)
        goto fail;
    return gb_store_commit(st, err);
fail:
    gb_store_rollback(st);
    return -1;
}

int gb_order_reject(gb_store *st, const char *order_no, const char *reason, gb_err *err)
{
    long long id;
    if (gb_store_begin(st, err) < 0)
        return -1;
    if (order_id_of(st, order_no, &id, err) < 0 ||
        gb_order_move_in_tx(st, id, GB_OS_REJECTED, GB_ACTOR_SYNC, "review", err) < 0)
        goto fail;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE orders SET reject_reason = ? WHERE id = ?", -1, &s, NULL) !=
        SQLITE_OK) {
        gb_store_fail(st, err, "reject order");
        goto fail;
    }
    sqlite3_bind_text(s, 1, reason ? reason : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        gb_store_fail(st, err, "reject order");
        goto fail;
    }
    return gb_store_commit(st, err);
fail:
    gb_store_rollback(st);
    return -1;
}

int gb_order_get(gb_store *st, const char *order_no, gb_order *out, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, ORDER_SELECT "WHERE o.order_no = ?", -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "read order");
    sqlite3_bind_text(s, 1, order_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_order(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return 1;
    return gb_store_fail(st, err, "read order");
}

int gb_order_list(gb_store *st, const char *batch_no, const char *state, size_t limit,
                  gb_order **out, size_t *count, gb_err *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           ORDER_SELECT "WHERE (?1 IS NULL OR b.batch_no = ?1) AND (?2 IS NULL OR "
                                        "o.state = ?2) ORDER BY o.id DESC LIMIT ?3",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "list orders");
    if (batch_no)
        sqlite3_bind_text(s, 1, batch_no, -1, SQLITE_STATIC);
    if (state)
        sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 16;
            gb_order *n = realloc(*out, cap * sizeof *n);
            if (!n) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = n;
        }
        read_order(s, &(*out)[(*count)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *count = 0;
        gb_err_set(err, "list orders: %s", rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(st->db));
        return -1;
    }
    return 0;
}

int gb_order_history(gb_store *st, const char *order_no, gb_order_event **out, size_t *count,
                     gb_err *err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT ifnull(h.from_state, ''), h.to_state, h.actor, h.note, h.at "
                           "FROM order_history h JOIN orders o ON o.id = h.order_id "
                           "WHERE o.order_no = ? ORDER BY h.id",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "order history");
    sqlite3_bind_text(s, 1, order_no, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 16;
            gb_order_event *n = realloc(*out, cap * sizeof *n);
            if (!n) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = n;
        }
        gb_order_event *e = &(*out)[(*count)++];
        gb_store_text(s, 0, e->from, sizeof e->from);
        gb_store_text(s, 1, e->to, sizeof e->to);
        gb_store_text(s, 2, e->actor, sizeof e->actor);
        gb_store_text(s, 3, e->note, sizeof e->note);
        gb_store_text(s, 4, e->at, sizeof e->at);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *count = 0;
        return gb_store_fail(st, err, "order history");
    }
    return 0;
}
