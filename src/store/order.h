/* Orders and their history. Every state change goes through
 * gb_order_move(), which asks the core transition table and writes the new
 * state and its history row in one transaction. */
#ifndef GB_STORE_ORDER_H
#define GB_STORE_ORDER_H

#include <stddef.h>

#include "core/order_state.h"
#include "store/db.h"

typedef struct gb_order {
    long long id;
    char order_no[33];
    long long batch_id;
    char batch_no[33];
    gb_pay_mode pay_mode;
    long long student_id;
    char student_no[33];
    char name[128];
    char gender[8];
    char id_last4[5];
    char school[128], college[128], major[128], level[64];
    gb_order_state state;
    char phone[16];
    char email[256];
    long price_fen;
    long long photo_id; /* 0: none */
    char photo_path[256];
    char reject_reason[256];
    char created_at[21], updated_at[21];
} gb_order;

typedef struct gb_order_event {
    char from[24]; /* "" for the creation */
    char to[24];
    char actor[12];
    char note[256];
    char at[21];
} gb_order_event;

/* Opens an order in state `verified` for a roster student (by row id), with
 * the batch's price and a new order number from this kiosk's counter. */
int gb_order_create(gb_store *st, long long student_id, gb_order *out, gb_err *err);

/* Moves the order, checking the transition table; note goes to history
 * (never student data in it). */
int gb_order_move(gb_store *st, const char *order_no, gb_order_state to, gb_actor actor,
                  const char *note, gb_err *err);

/* Stores the validated phone and e-mail and moves verified -> info_confirmed
 * in one transaction. */
int gb_order_confirm_info(gb_store *st, const char *order_no, const char *phone,
                          const char *email, gb_err *err);

/* Records a review rejection with the reviewer's reason (synced -> rejected). */
int gb_order_reject(gb_store *st, const char *order_no, const char *reason, gb_err *err);

/* 0 found, 1 not found, -1 error. */
int gb_order_get(gb_store *st, const char *order_no, gb_order *out, gb_err *err);

/* Newest first. batch_no and state may be NULL for all. */
int gb_order_list(gb_store *st, const char *batch_no, const char *state, size_t limit,
                  gb_order **out, size_t *count, gb_err *err);

int gb_order_history(gb_store *st, const char *order_no, gb_order_event **out, size_t *count,
                     gb_err *err);

/* Internal to the store: the move inside an open transaction. */
int gb_order_move_in_tx(gb_store *st, long long order_id, gb_order_state to, gb_actor actor,
                        const char *note, gb_err *err);

#endif
