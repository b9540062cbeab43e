#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static gb_log_level min_level = GB_LOG_INFO;

void gb_log_set_level(gb_log_level level) { min_level = level; }

void gb_log(gb_log_level level, const char *fmt, ...)
{
    if (level < min_level)
        return;
    static const char *names[] = {"debug", "info", "warn", "error"};
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    va_list ap;
    va_start(ap, fmt);
    /* One fprintf per line so concurrent threads do not interleave mid-line. */
    char line[2048];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s gradbooth %s: %s\n", stamp, names[level], line);
}
