#include "core/money.h"

#include <stdio.h>

int gb_money_parse(const char *s, long *fen)
{
    long yuan = 0;
    int digits = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (++digits > 6)
            return -1;
        yuan = yuan * 10 + (*p - '0');
    }
    if (digits == 0)
        return -1;
    long cents = 0;
    if (*p == '.') {
        p++;
        int dec = 0;
        for (; *p >= '0' && *p <= '9'; p++) {
            if (++dec > 2)
                return -1;
            cents = cents * 10 + (*p - '0');
        }
        if (dec == 0)
            return -1;
        if (dec == 1)
            cents *= 10;
    }
    if (*p)
        return -1;
    long total = yuan * 100 + cents;
    if (total > 10000000)
        return -1;
    *fen = total;
    return 0;
}

void gb_money_format(long fen, char *buf, size_t size)
{
    /* refunds and corrections can be negative */
    unsigned long a = fen < 0 ? 0UL - (unsigned long)fen : (unsigned long)fen;
    snprintf(buf, size, "%s%lu.%02lu", fen < 0 ? "-" : "", a / 100, a % 100);
}
