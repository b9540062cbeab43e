/* Validators for what students, staff and rosters type. Each returns 1 when
 * the text is valid exactly as given (callers trim first) and 0 otherwise. */
#ifndef GB_CORE_VALIDATE_H
#define GB_CORE_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Mainland China mobile: 11 digits, 1[3-9]\d{9}. */
int gb_valid_mobile(const char *s);

/* Strips spaces, dashes and a leading +86 / 0086 so "+86 138-0013-8000"
 * becomes "13800138000". Writes at most size bytes; returns 0, or -1 when
 * the result does not fit. Does not validate. */
int gb_normalize_mobile(const char *in, char *out, size_t size);

/* A practical e-mail check: one '@', a local part of 1-64 printable ASCII
 * characters without spaces, a domain of dot-separated labels
 * ([A-Za-z0-9-], not starting or ending with '-') whose last label has at
 * least two letters; 254 characters in all at most. */
int gb_valid_email(const char *s);

/* Batch numbers as schools print them: 3-32 characters of [0-9A-Za-z_-]. */
int gb_valid_batch_no(const char *s);

/* Kiosk ids: 1-16 letters or digits. */
int gb_valid_kiosk_id(const char *s);

/* Student numbers: 1-32 characters of [0-9A-Za-z_-]. */
int gb_valid_student_no(const char *s);

/* Last four characters of a Chinese ID number: 4 digits, or 3 digits and
 * 'X' (a lower-case 'x' is accepted and upper-cased by gb_id_suffix). */
int gb_valid_id_suffix(const char *s);

/* Takes what a roster's ID column holds -- a full 18-character or old
 * 15-digit ID number, a masked form such as 110105********123X, or just the
 * last four -- and writes the last four (upper-case X) into out. The full
 * number is never copied anywhere else. Returns 0, or -1 with a message
 * that does not repeat the value. */
int gb_id_suffix(const char *id, char out[5], gb_err *err);

/* Order numbers: 6-32 characters of [0-9A-Za-z_-] (also a valid WeChat Pay
 * out_trade_no). */
int gb_valid_order_no(const char *s);

/* Builds "<kiosk>-<yymmdd>-<seq>" with seq at least 5 digits, for example
 * K01-261203-00042. The sequence is the kiosk's own monotonic counter, so
 * numbers are unique across kiosks (different ids) and across days even if
 * the clock jumps back. Returns 0, or -1 when the parts do not make a valid
 * order number. */
int gb_order_no_make(char *buf, size_t size, const char *kiosk_id, int yy, int mm, int dd,
                     uint64_t seq);

/* Removes leading and trailing ASCII white space in place; returns s. */
char *gb_trim(char *s);

#endif
