/* Batches: one school's collection with its price, payment mode, window
 * and backdrop. */
#ifndef GB_STORE_BATCH_H
#define GB_STORE_BATCH_H

#include <stddef.h>

#include "core/batch_rules.h"
#include "store/db.h"

/* Validates and inserts; b->id is set. A batch number already present is an
 * error. */
int gb_batch_add(gb_store *st, gb_batch *b, gb_err *err);

/* 0 found, 1 not found, -1 error. */
int gb_batch_get(gb_store *st, const char *batch_no, gb_batch *out, gb_err *err);

/* All batches with their roster counts, by batch number. */
int gb_batch_list(gb_store *st, gb_batch **out, size_t *count, gb_err *err);

int gb_batch_set_active(gb_store *st, const char *batch_no, int active, gb_err *err);

/* Changes a batch's collection window (local "YYYY-MM-DD HH:MM"). The window
 * is checked as `gradbooth batch add` checks it (gb_batch_window_check);
 * err names the problem and nothing changes. */
int gb_batch_set_window(gb_store *st, const char *batch_no, const char *start, const char *end, gb_err *err);

#endif
