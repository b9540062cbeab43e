/* Figures for the staff screen: orders created since a moment, by state,
 * and the photo checks the kiosk made (table photo_checks, migration 3:
 * the failed rule ids of each judged photo, nothing about the student). */
#ifndef GB_STORE_STATS_H
#define GB_STORE_STATS_H

#include <stddef.h>
#include <time.h>

#include "core/order_state.h"
#include "store/db.h"

/* Records one judged photo: rule_ids[n] are the rules it failed (n = 0:
 * it passed). */
int gb_stats_photo_check(gb_store *st, const char *const *rule_ids, int n, gb_err *err);

/* The UTC time text (as stored) of local midnight of the day of t. */
void gb_stats_local_day_start(time_t t, char out[21]);

/* counts[state] = orders created at or after since (UTC text). */
int gb_stats_orders_since(gb_store *st, const char *since, long counts[GB_OS_COUNT], gb_err *err);

typedef struct gb_rule_count {
    char rule[48];
    long count;
} gb_rule_count;

/* The rules failed most often in photo checks at or after since, most
 * first (ties by name); *checks gets the number of checks, *fails of
 * failed ones. Returns how many entries were filled (at most max), or -1. */
int gb_stats_top_failures(gb_store *st, const char *since, gb_rule_count *out, int max, long *checks, long *fails,
                          gb_err *err);

/* What the store knows about the sync with the centre, which is not built
 * yet (issue: sync with the centre): the orders waiting for their upload,
 * the outbox entries not done, and the last time the sync left a trace (an
 * order it moved, an outbox entry it finished). */
typedef struct gb_sync_status {
    long submitted, resubmitted; /* orders in these states wait for an upload */
    long outbox_pending;         /* outbox rows without done_at */
    char last_sync[21];          /* UTC text as stored; "" when the sync never ran */
} gb_sync_status;

int gb_stats_sync(gb_store *st, gb_sync_status *out, gb_err *err);

#endif
