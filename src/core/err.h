/* Errors are values with context: a function that can fail returns -1 (or
 * NULL) and fills a gb_err with one sentence that says what and where, e.g.
 * "roster.csv line 17: column '学号' is empty". Library code never exits. */
#ifndef GB_CORE_ERR_H
#define GB_CORE_ERR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" { /* the dlib wrapper is C++ */
#endif

typedef struct gb_err {
    char msg[1024];
    /* The same sentence in Chinese, for a screen in Chinese (the staff's
     * roster problems), when the code that failed wrote one; else "". */
    char zh[512];
} gb_err;

/* Sets the message (printf-style) and clears the Chinese one, which would
 * belong to an older error. A NULL err is allowed and ignored. */
void gb_err_set(gb_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets the Chinese rendering of the message just set. */
void gb_err_set_zh(gb_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts "context: " in front of the current (English) message. */
void gb_err_prefix(gb_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif
