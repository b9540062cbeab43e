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
} gb_err;

/* Sets the message (printf-style). A NULL err is allowed and ignored. */
void gb_err_set(gb_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts "context: " in front of the current message. */
void gb_err_prefix(gb_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif
