/* The order life cycle as a transition table (order_state.c). Nothing else
 * decides whether an order may move: the store asks gb_order_can_move()
 * inside the same transaction that writes the new state and its history row.
 *
 *   verified -> info_confirmed -> photo_accepted -+-> awaiting_payment -> paid -+-> submitted
 *                                                 +--(school pays)--------------+
 *   submitted -> synced -> approved
 *                       -> rejected -> retaken -> resubmitted -> synced -> ...
 *   verified | info_confirmed | photo_accepted | awaiting_payment -> cancelled
 */
#ifndef GB_CORE_ORDER_STATE_H
#define GB_CORE_ORDER_STATE_H

#include "core/err.h"

typedef enum {
    GB_OS_VERIFIED,         /* identity checked, order opened */
    GB_OS_INFO_CONFIRMED,   /* student confirmed roster data, gave phone/email */
    GB_OS_PHOTO_ACCEPTED,   /* a compliant photo is saved and accepted */
    GB_OS_AWAITING_PAYMENT, /* student pays; QR shown or pay-later link given */
    GB_OS_PAID,             /* payment confirmed (kiosk poll or sync) */
    GB_OS_SUBMITTED,        /* complete; queued for upload */
    GB_OS_SYNCED,           /* the centre has it; pending review */
    GB_OS_APPROVED,         /* reviewer accepted: final */
    GB_OS_REJECTED,         /* reviewer rejected: retake at the kiosk */
    GB_OS_RETAKEN,          /* new photo accepted after a rejection, no new payment */
    GB_OS_RESUBMITTED,      /* queued for upload again */
    GB_OS_CANCELLED,        /* abandoned or payment closed: final */
    GB_OS_COUNT
} gb_order_state;

/* Who moved an order; stored in the history. */
typedef enum {
    GB_ACTOR_STUDENT = 1,
    GB_ACTOR_KIOSK = 2,
    GB_ACTOR_STAFF = 4,
    GB_ACTOR_SYNC = 8,
} gb_actor;

typedef enum { GB_PAY_STUDENT, GB_PAY_SCHOOL } gb_pay_mode;

const char *gb_order_state_name(gb_order_state s);
int gb_order_state_parse(const char *name, gb_order_state *out);

const char *gb_actor_name(gb_actor a);
int gb_actor_parse(const char *name, gb_actor *out);

const char *gb_pay_mode_name(gb_pay_mode m);
int gb_pay_mode_parse(const char *name, gb_pay_mode *out);

/* 0 when `actor` may move an order of a batch with `pay` from `from` to
 * `to`; -1 with a message naming the states and actor otherwise. */
int gb_order_can_move(gb_order_state from, gb_order_state to, gb_actor actor, gb_pay_mode pay,
                      gb_err *err);

/* Whether no transition leaves the state. */
int gb_order_state_final(gb_order_state s);

#endif
