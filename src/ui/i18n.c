/* The catalogue table itself: the X-macro in i18n.h expanded into rows. */
#include "ui/i18n.h"

#include <stdarg.h>
#include <stdio.h>

typedef struct msg_row {
    const char *name, *zh, *en;
} msg_row;

static const msg_row rows[GB_MSG_COUNT] = {
#define GB_MSG_ROW(id, zh, en) [GB_MSG_##id] = {#id, zh, en},
    GB_MESSAGES(GB_MSG_ROW)
#undef GB_MSG_ROW
};

const char *gb_msg_text(gb_msg id, gb_lang lang)
{
    if ((unsigned)id >= GB_MSG_COUNT)
        return "?";
    return lang == GB_LANG_EN ? rows[id].en : rows[id].zh;
}

const char *gb_msg_name(gb_msg id)
{
    return (unsigned)id < GB_MSG_COUNT ? rows[id].name : "?";
}

/* The catalogue's few "%d" messages are constants of this file, so the
 * non-literal format is safe; the compiler cannot see that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void gb_msg_format_int(char *buf, size_t size, gb_msg id, gb_lang lang, int n)
{
    snprintf(buf, size, gb_msg_text(id, lang), n);
}

void gb_msg_format(char *buf, size_t size, gb_msg id, gb_lang lang, ...)
{
    va_list ap;
    va_start(ap, lang);
    vsnprintf(buf, size, gb_msg_text(id, lang), ap);
    va_end(ap);
}
#pragma GCC diagnostic pop
