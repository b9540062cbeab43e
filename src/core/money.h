/* Money is integer fen (1/100 CNY) everywhere; text only at the edges. */
#ifndef GB_CORE_MONEY_H
#define GB_CORE_MONEY_H

#include <stddef.h>

/* "20", "20.0", "20.00" -> 2000. At most two decimals, 0 .. 100000.00.
 * Returns 0, or -1 for anything else (negative, "20,00", "1e3", ""). */
int gb_money_parse(const char *s, long *fen);

/* 2000 -> "20.00" */
void gb_money_format(long fen, char *buf, size_t size);

#endif
