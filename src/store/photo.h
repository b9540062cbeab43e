/* Photo files of orders. The file is written atomically and is durable
 * before the row that points to it commits; if the commit fails the file is
 * removed, so no row ever points to a missing or half-written file. */
#ifndef GB_STORE_PHOTO_H
#define GB_STORE_PHOTO_H

#include <stddef.h>

#include "core/order_state.h"
#include "store/db.h"

typedef struct gb_photo {
    long long id;
    char path[256]; /* relative to the data directory */
    char sha256[65];
    long bytes;
    int width, height;
} gb_photo;

/* Saves jpeg as the order's current photo. When move_to is a state (not -1)
 * the order moves there in the same transaction (photo_accepted after the
 * first capture, retaken after a rejection). */
int gb_photo_attach(gb_store *st, const char *order_no, const void *jpeg, size_t len, int width,
                    int height, int move_to, gb_actor actor, gb_photo *out, gb_err *err);

/* Hex SHA-256 of data. */
void gb_sha256_hex(const void *data, size_t len, char out[65]);

typedef struct gb_photo_audit_result {
    int rows;         /* photo rows in the database */
    int bad;          /* file present but changed */
    int missing;      /* file missing or unreadable */
    int unreferenced; /* files under photos/ no row points to */
} gb_photo_audit_result;

/* Re-reads every photo row's file (size and SHA-256) and lists files no
 * row points to; say() gets one sentence per finding (may be NULL). */
int gb_photo_audit(gb_store *st, void (*say)(const char *msg, void *user), void *user, gb_photo_audit_result *res,
                   gb_err *err);

/* Re-reads the file of every photo row and compares size and SHA-256.
 * Returns the number of bad rows (0 when all are intact), -1 on error;
 * the first problem goes to err. */
int gb_photo_verify_all(gb_store *st, gb_err *err);

#endif
