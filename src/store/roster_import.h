/* Writes a parsed roster into a batch, all or nothing. */
#ifndef GB_STORE_ROSTER_IMPORT_H
#define GB_STORE_ROSTER_IMPORT_H

#include <stdatomic.h>

#include "core/roster.h"
#include "store/db.h"

typedef struct gb_import_result {
    size_t added;     /* new students */
    size_t unchanged; /* already in the batch with the same data */
    size_t updated;   /* already there with other data, replaced (allow_update) */
    size_t kept;      /* in the batch but not in this file: left as they were */
} gb_import_result;

/* Imports every row of `roster` into batch `batch_no` in one transaction.
 * A student number already in the batch with different data is a problem
 * unless GB_IMPORT_UPDATE. A batch that requires a school feature code needs
 * one on every row. Problems are appended to roster->problems and nothing
 * is written (-1, err says how many). */
enum { GB_IMPORT_UPDATE = 1, GB_IMPORT_DRY_RUN = 2 };

/* flags: GB_IMPORT_UPDATE replaces changed rows; GB_IMPORT_DRY_RUN does
 * everything, reports the same counts and problems, then rolls back. */
int gb_roster_import(gb_store *st, const char *batch_no, gb_roster *roster, int flags,
                     gb_import_result *result, gb_err *err);

/* For an import on a worker thread (the kiosk's staff screen): another
 * thread reads how far it got and may ask it to stop. */
typedef struct gb_import_watch {
    atomic_size_t rows_done; /* rows of the roster handled so far */
    atomic_int cancel;       /* set to 1: stop before the next row, roll back, -1 */
    atomic_int cancelled;    /* set by the import when it stopped for cancel */
} gb_import_watch;

/* gb_roster_import, reporting to watch (NULL: nobody watches). A cancelled
 * import writes nothing, as any failed one. */
int gb_roster_import_watched(gb_store *st, const char *batch_no, gb_roster *roster, int flags,
                             gb_import_result *result, gb_err *err, gb_import_watch *watch);

#endif
