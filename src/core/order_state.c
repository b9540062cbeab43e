#include "core/order_state.h"

#include <string.h>

static const char *state_names[GB_OS_COUNT] = {
    [GB_OS_VERIFIED] = "verified",
    [GB_OS_INFO_CONFIRMED] = "info_confirmed",
    [GB_OS_PHOTO_ACCEPTED] = "photo_accepted",
    [GB_OS_AWAITING_PAYMENT] = "awaiting_payment",
    [GB_OS_PAID] = "paid",
    [GB_OS_SUBMITTED] = "submitted",
    [GB_OS_SYNCED] = "synced",
    [GB_OS_APPROVED] = "approved",
    [GB_OS_REJECTED] = "rejected",
    [GB_OS_RETAKEN] = "retaken",
    [GB_OS_RESUBMITTED] = "resubmitted",
    [GB_OS_CANCELLED] = "cancelled",
};

enum { ANY_PAY = -1 };

#define STU GB_ACTOR_STUDENT
#define KIO GB_ACTOR_KIOSK
#define STF GB_ACTOR_STAFF
#define SYN GB_ACTOR_SYNC

static const struct transition {
    gb_order_state from, to;
    int actors; /* mask of gb_actor */
    int pay;    /* gb_pay_mode, or ANY_PAY */
} transitions[] = {
    {GB_OS_VERIFIED, GB_OS_INFO_CONFIRMED, STU, ANY_PAY},
    {GB_OS_INFO_CONFIRMED, GB_OS_PHOTO_ACCEPTED, STU, ANY_PAY},
    {GB_OS_PHOTO_ACCEPTED, GB_OS_AWAITING_PAYMENT, KIO, GB_PAY_STUDENT},
    {GB_OS_PHOTO_ACCEPTED, GB_OS_SUBMITTED, KIO, GB_PAY_SCHOOL},
    /* The kiosk learns of a payment by polling; an order paid later on the
     * phone is learnt at the next sync. */
    {GB_OS_AWAITING_PAYMENT, GB_OS_PAID, KIO | SYN, GB_PAY_STUDENT},
    {GB_OS_PAID, GB_OS_SUBMITTED, KIO | SYN, GB_PAY_STUDENT},
    {GB_OS_SUBMITTED, GB_OS_SYNCED, SYN, ANY_PAY},
    {GB_OS_SYNCED, GB_OS_APPROVED, SYN, ANY_PAY},
    {GB_OS_SYNCED, GB_OS_REJECTED, SYN, ANY_PAY},
    {GB_OS_REJECTED, GB_OS_RETAKEN, STU, ANY_PAY},
    {GB_OS_RETAKEN, GB_OS_RESUBMITTED, KIO, ANY_PAY},
    {GB_OS_RESUBMITTED, GB_OS_SYNCED, SYN, ANY_PAY},
    /* Abandoned sessions (idle wipe, student quits) and payments the centre
     * closed; never after money or a photo went to the centre. */
    {GB_OS_VERIFIED, GB_OS_CANCELLED, KIO | STF | STU, ANY_PAY},
    {GB_OS_INFO_CONFIRMED, GB_OS_CANCELLED, KIO | STF | STU, ANY_PAY},
    {GB_OS_PHOTO_ACCEPTED, GB_OS_CANCELLED, KIO | STF | STU, ANY_PAY},
    {GB_OS_AWAITING_PAYMENT, GB_OS_CANCELLED, STF | SYN, GB_PAY_STUDENT},
};

const char *gb_order_state_name(gb_order_state s)
{
    return (unsigned)s < GB_OS_COUNT ? state_names[s] : "?";
}

int gb_order_state_parse(const char *name, gb_order_state *out)
{
    for (int i = 0; i < GB_OS_COUNT; i++)
        if (strcmp(state_names[i], name) == 0) {
            *out = (gb_order_state)i;
            return 0;
        }
    return -1;
}

static const struct {
    gb_actor actor;
    const char *name;
} actor_names[] = {
    {GB_ACTOR_STUDENT, "student"}, {GB_ACTOR_KIOSK, "kiosk"},
    {GB_ACTOR_STAFF, "staff"},     {GB_ACTOR_SYNC, "sync"},
};

const char *gb_actor_name(gb_actor a)
{
    for (size_t i = 0; i < sizeof actor_names / sizeof actor_names[0]; i++)
        if (actor_names[i].actor == a)
            return actor_names[i].name;
    return "?";
}

int gb_actor_parse(const char *name, gb_actor *out)
{
    for (size_t i = 0; i < sizeof actor_names / sizeof actor_names[0]; i++)
        if (strcmp(actor_names[i].name, name) == 0) {
            *out = actor_names[i].actor;
            return 0;
        }
    return -1;
}

const char *gb_pay_mode_name(gb_pay_mode m) { return m == GB_PAY_SCHOOL ? "school" : "student"; }

int gb_pay_mode_parse(const char *name, gb_pay_mode *out)
{
    if (strcmp(name, "student") == 0)
        *out = GB_PAY_STUDENT;
    else if (strcmp(name, "school") == 0)
        *out = GB_PAY_SCHOOL;
    else
        return -1;
    return 0;
}

int gb_order_can_move(gb_order_state from, gb_order_state to, gb_actor actor, gb_pay_mode pay,
                      gb_err *err)
{
    if ((unsigned)from >= GB_OS_COUNT || (unsigned)to >= GB_OS_COUNT) {
        gb_err_set(err, "unknown order state");
        return -1;
    }
    int exists = 0;
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++) {
        const struct transition *t = &transitions[i];
        if (t->from != from || t->to != to)
            continue;
        if (t->pay != ANY_PAY && t->pay != (int)pay)
            continue;
        exists = 1;
        if (t->actors & (int)actor)
            return 0;
    }
    if (exists)
        gb_err_set(err, "%s may not move an order from %s to %s", gb_actor_name(actor),
                   state_names[from], state_names[to]);
    else
        gb_err_set(err, "an order of a %s-paid batch cannot go from %s to %s", gb_pay_mode_name(pay),
                   state_names[from], state_names[to]);
    return -1;
}

int gb_order_state_final(gb_order_state s)
{
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
        if (transitions[i].from == s)
            return 0;
    return 1;
}
