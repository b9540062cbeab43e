#include "core/batch_rules.h"

#include <stdio.h>
#include <string.h>

#include "core/validate.h"

int gb_valid_local_minute(const char *s)
{
    int y, mo, d, h, mi;
    char tail;
    if (strlen(s) != 16 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':')
        return 0;
    /* Digits only in the digit places: sscanf's %d would also take a sign
     * or a space there ("2026-+1-01"), and text order must be time order. */
    for (int i = 0; i < 16; i++)
        if (i != 4 && i != 7 && i != 10 && i != 13 && (s[i] < '0' || s[i] > '9'))
            return 0;
    if (sscanf(s, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
        return 0;
    if (y < 2000 || y > 2200 || mo < 1 || mo > 12 || h > 23 || mi > 59 || h < 0 || mi < 0 || d < 1)
        return 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[mo - 1] + (mo == 2 && leap);
    return d <= max;
}

gb_window_check gb_batch_window_check(const char *start, const char *end, int *which)
{
    const char *when[2] = {start, end};
    for (int k = 0; k < 2; k++) {
        *which = k;
        if (gb_valid_local_minute(when[k]))
            continue;
        const char *s = when[k];
        int shape = strlen(s) == 16 && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':';
        for (int i = 0; shape && i < 16; i++)
            if (i != 4 && i != 7 && i != 10 && i != 13 && (s[i] < '0' || s[i] > '9'))
                shape = 0;
        return shape ? GB_WINDOW_CHECK_NOT_REAL : GB_WINDOW_CHECK_SHAPE;
    }
    *which = 1;
    return strcmp(end, start) > 0 ? GB_WINDOW_CHECK_OK : GB_WINDOW_CHECK_ORDER;
}

void gb_local_minute(time_t t, char out[17])
{
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
}

int gb_batch_validate(const gb_batch *b, gb_err *err)
{
    if (!gb_valid_batch_no(b->batch_no)) {
        gb_err_set(err, "batch number: 3-32 letters, digits, '-' or '_'");
        return -1;
    }
    if (!b->school[0]) {
        gb_err_set(err, "school: empty");
        return -1;
    }
    if (b->price_fen < 0 || b->price_fen > 10000000) {
        gb_err_set(err, "price: out of range");
        return -1;
    }
    if (!gb_valid_local_minute(b->window_start)) {
        gb_err_set(err, "window start: expected 'YYYY-MM-DD HH:MM', got '%s'", b->window_start);
        return -1;
    }
    if (!gb_valid_local_minute(b->window_end)) {
        gb_err_set(err, "window end: expected 'YYYY-MM-DD HH:MM', got '%s'", b->window_end);
        return -1;
    }
    if (strcmp(b->window_end, b->window_start) <= 0) {
        gb_err_set(err, "window: the end (%s) is not after the start (%s)", b->window_end,
                   b->window_start);
        return -1;
    }
    if (strcmp(b->backdrop, "blue") && strcmp(b->backdrop, "white") && strcmp(b->backdrop, "grey")) {
        gb_err_set(err, "backdrop: expected blue, white or grey, got '%s'", b->backdrop);
        return -1;
    }
    return 0;
}

gb_window_state gb_batch_window(const gb_batch *b, const char *now)
{
    /* Same fixed-width format, so text order is time order. */
    if (strcmp(now, b->window_start) < 0)
        return GB_WINDOW_BEFORE;
    if (strcmp(now, b->window_end) >= 0)
        return GB_WINDOW_AFTER;
    return GB_WINDOW_OPEN;
}
