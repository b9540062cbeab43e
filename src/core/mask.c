#include "core/mask.h"

#include <stdio.h>
#include <string.h>

/* Length of the UTF-8 sequence that starts with byte c (1 for junk bytes,
 * so masking never stalls on bad input). */
static size_t utf8_len(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0)
        return c < 0xF0 ? 3 : 1;
    if (c >= 0xC0)
        return 2;
    return 1;
}

void gb_mask_name(const char *name, char *out, size_t size)
{
    if (size == 0)
        return;
    out[0] = 0;
    size_t in_len = strlen(name), pos = 0, used = 0;
    int first = 1;
    while (pos < in_len) {
        size_t cl = utf8_len((unsigned char)name[pos]);
        if (pos + cl > in_len)
            cl = in_len - pos;
        if (first) {
            if (cl + 1 > size)
                return;
            memcpy(out, name + pos, cl);
            used = cl;
            first = 0;
        } else {
            /* every further character, spaces too (mask.h: Li Lei -> L*****) */
            if (used + 2 > size)
                break;
            out[used++] = '*';
        }
        out[used] = 0;
        pos += cl;
    }
}

void gb_mask_phone(const char *phone, char *out, size_t size)
{
    size_t n = strlen(phone);
    if (n == 11)
        snprintf(out, size, "%.3s****%s", phone, phone + 7);
    else
        snprintf(out, size, "%s", n ? "********" : "");
}

void gb_mask_email(const char *email, char *out, size_t size)
{
    const char *at = strchr(email, '@');
    if (!at || at == email)
        snprintf(out, size, "%s", *email ? "***" : "");
    else
        snprintf(out, size, "%c***%s", email[0], at);
}
