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

/* "YYYY-MM-DD HH:MM" for t in local time. */
void gb_local_minute(time_t t, char out[17]);

/* Checks every field; errors name the field. */
int gb_batch_validate(const gb_batch *b, gb_err *err);

typedef enum { GB_WINDOW_BEFORE = -1, GB_WINDOW_OPEN = 0, GB_WINDOW_AFTER = 1 } gb_window_state;

/* Start inclusive, end exclusive. now is "YYYY-MM-DD HH:MM". */
gb_window_state gb_batch_window(const gb_batch *b, const char *now);

#endif
