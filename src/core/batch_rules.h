/* What makes a batch valid, and whether "now" is inside its collection
 * window. Windows are local wall-clock times "YYYY-MM-DD HH:MM", as the
 * school's notice prints them. */
#ifndef GB_CORE_BATCH_RULES_H
#define GB_CORE_BATCH_RULES_H

#include <time.h>

#include "core/err.h"
#include "core/order_state.h"

typedef struct gb_batch {
    long long id;
    char batch_no[33];
    char school[128];
    long price_fen;
    gb_pay_mode pay_mode;
    char window_start[17];
    char window_end[17];
    char backdrop[8]; /* blue | white | grey */
    int feature_code_required;
    int active;
    long students; /* roster rows, filled by listings */
} gb_batch;

/* Whether s is a real local time "YYYY-MM-DD HH:MM" (checks the calendar). */
int gb_valid_local_minute(const char *s);

/* What is wrong with a collection window a person typed, checked in this
 * order: the start's shape, whether it is a real date and time, the same
 * for the end, then whether the end comes after the start. `gradbooth
 * batch add` and the kiosk's staff screen ask this one function, so both
 * refuse the same windows (each says it in its own words). */
typedef enum {
    GB_WINDOW_CHECK_OK,
    GB_WINDOW_CHECK_SHAPE,    /* not 'YYYY-MM-DD HH:MM' (24-hour) */
    GB_WINDOW_CHECK_NOT_REAL, /* the right shape, but no such date or time (2026-02-30, 25:00) */
    GB_WINDOW_CHECK_ORDER,    /* the end is not after the start */
} gb_window_check;

/* *which gets 0 when the problem is the start, 1 the end (also for ORDER). */
gb_window_check gb_batch_window_check(const char *start, const char *end, int *which);

/* "YYYY-MM-DD HH:MM" for t in local time. */
void gb_local_minute(time_t t, char out[17]);

/* Checks every field; errors name the field. */
int gb_batch_validate(const gb_batch *b, gb_err *err);

typedef enum { GB_WINDOW_BEFORE = -1, GB_WINDOW_OPEN = 0, GB_WINDOW_AFTER = 1 } gb_window_state;

/* Start inclusive, end exclusive. now is "YYYY-MM-DD HH:MM". */
gb_window_state gb_batch_window(const gb_batch *b, const char *now);

#endif
