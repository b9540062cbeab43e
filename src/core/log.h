/* Operational log to stderr (journald picks it up under systemd).
 *
 * Never pass student data here: names, ID suffixes, phones, emails,
 * collection codes. Log order numbers, batch numbers, counts and error
 * messages that were written without such data. */
#ifndef GB_CORE_LOG_H
#define GB_CORE_LOG_H

typedef enum { GB_LOG_DEBUG, GB_LOG_INFO, GB_LOG_WARN, GB_LOG_ERROR } gb_log_level;

void gb_log_set_level(gb_log_level level);
void gb_log(gb_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define gb_log_debug(...) gb_log(GB_LOG_DEBUG, __VA_ARGS__)
#define gb_log_info(...) gb_log(GB_LOG_INFO, __VA_ARGS__)
#define gb_log_warn(...) gb_log(GB_LOG_WARN, __VA_ARGS__)
#define gb_log_error(...) gb_log(GB_LOG_ERROR, __VA_ARGS__)

#endif
