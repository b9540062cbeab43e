/* The offline identity check at the kiosk: batch exists, is active and in
 * its window; the student is in the batch; the typed ID suffix (and the
 * school feature code when the batch needs one) match; the student has no
 * approved order yet. Pure: the caller looks the rows up. The result says
 * exactly which check failed, so the screen can tell the student. */
#ifndef GB_CORE_IDENTITY_H
#define GB_CORE_IDENTITY_H

#include "core/batch_rules.h"

typedef enum {
    GB_ID_OK,
    GB_ID_CODE_UNREADABLE,   /* a collection code, damaged or mistyped (GB_CODE_DAMAGED) */
    GB_ID_BATCH_UNKNOWN,
    GB_ID_BATCH_INACTIVE,
    GB_ID_BATCH_NOT_OPEN,    /* before the window */
    GB_ID_BATCH_CLOSED,      /* after the window */
    GB_ID_NOT_IN_BATCH,
    GB_ID_SUFFIX_MISMATCH,
    GB_ID_FEATURE_CODE_MISMATCH,
    GB_ID_ALREADY_APPROVED,
    GB_ID_TOO_MANY_TRIES,    /* the kiosk stopped checking this code for a while */
    GB_ID_NOT_A_CODE,        /* not a collection code at all (GB_CODE_NOT_A_CODE) */
} gb_identity_result;

typedef struct gb_identity_input {
    const gb_batch *batch;        /* NULL: no such batch */
    int student_found;            /* the code's student number is in the batch */
    const char *roster_id_last4;  /* from the roster */
    const char *roster_feature_code;
    int has_approved_order;
    const char *typed_id_last4;   /* what the student typed */
    const char *typed_feature_code;
    const char *now;              /* local "YYYY-MM-DD HH:MM" */
} gb_identity_input;

gb_identity_result gb_identity_check(const gb_identity_input *in);

/* 1 when two ID suffixes are the same four characters, x and X alike
 * (keyboards and rosters differ). */
int gb_identity_same_suffix(const char *a, const char *b);

/* Stable name for logs and tests ("suffix_mismatch"). */
const char *gb_identity_result_name(gb_identity_result r);

#endif
