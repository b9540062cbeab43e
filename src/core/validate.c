#include "core/validate.h"

#include "core/textenc.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int all_chars(const char *s, size_t lo, size_t hi, int (*ok)(int c))
{
    size_t n = strlen(s);
    if (n < lo || n > hi)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ok((unsigned char)s[i]))
            return 0;
    return 1;
}

static int is_code_char(int c) { return isascii(c) && (isalnum(c) || c == '_' || c == '-'); }
static int is_alnum_ascii(int c) { return isascii(c) && isalnum(c); }

int gb_valid_mobile(const char *s)
{
    if (strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
        return 0;
    for (int i = 0; i < 11; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int gb_normalize_mobile(const char *in, char *out, size_t size)
{
    while (*in == ' ')
        in++;
    if (strncmp(in, "+86", 3) == 0)
        in += 3;
    else if (strncmp(in, "0086", 4) == 0)
        in += 4;
    size_t n = 0;
    for (; *in; in++) {
        if (*in == ' ' || *in == '-')
            continue;
        if (n + 1 >= size)
            return -1;
        out[n++] = *in;
    }
    if (size == 0)
        return -1;
    out[n] = 0;
    return 0;
}

static int valid_domain(const char *d)
{
    size_t n = strlen(d);
    if (n < 3 || n > 253)
        return 0;
    const char *label = d;
    int labels = 0;
    while (1) {
        const char *dot = strchr(label, '.');
        size_t len = dot ? (size_t)(dot - label) : strlen(label);
        if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
            return 0;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)label[i];
            if (!(isascii(c) && (isalnum(c) || c == '-')))
                return 0;
        }
        labels++;
        if (!dot) {
            /* top-level label: letters only, two at least */
            if (len < 2)
                return 0;
            for (size_t i = 0; i < len; i++)
                if (!isalpha((unsigned char)label[i]))
                    return 0;
            break;
        }
        label = dot + 1;
    }
    return labels >= 2;
}

int gb_valid_email(const char *s)
{
    size_t n = strlen(s);
    if (n < 6 || n > 254)
        return 0;
    const char *at = strchr(s, '@');
    if (!at || strchr(at + 1, '@'))
        return 0;
    size_t local = (size_t)(at - s);
    if (local < 1 || local > 64 || s[0] == '.' || at[-1] == '.')
        return 0;
    for (size_t i = 0; i < local; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isascii(c) || !isgraph(c) || strchr("\"(),:;<>[\\]", c))
            return 0;
        if (c == '.' && s[i + 1] == '.')
            return 0;
    }
    return valid_domain(at + 1);
}

int gb_valid_batch_no(const char *s) { return all_chars(s, 3, 32, is_code_char); }
int gb_valid_kiosk_id(const char *s) { return all_chars(s, 1, 16, is_alnum_ascii); }
int gb_valid_student_no(const char *s) { return all_chars(s, 1, 32, is_code_char); }
int gb_valid_order_no(const char *s) { return all_chars(s, 6, 32, is_code_char); }

int gb_valid_id_suffix(const char *s)
{
    if (strlen(s) != 4)
        return 0;
    for (int i = 0; i < 3; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return isdigit((unsigned char)s[3]) || s[3] == 'X' || s[3] == 'x';
}

int gb_id_suffix(const char *id, char out[5], gb_err *err)
{
    size_t n = strlen(id);
    if ((strchr(id, 'E') || strchr(id, 'e')) && strchr(id, '+')) {
        /* No example digits: they could be the student's own. */
        gb_err_set(err, "the ID number was turned into a number by Excel (scientific notation, like "
                        "x.xxxxxE+17) and its digits are lost; format the column as text and export again");
        gb_err_set_zh(err, "身份证号被 Excel 变成了数字（科学计数法，如 x.xxxxxE+17），数字已经丢失；"
                           "请把这一列设为文本格式后重新导出");
        return -1;
    }
    if (n != 4 && n != 15 && n != 18) {
        gb_err_set(err, "an ID number has 18 characters (or 15, or just the last 4); this one has %zu",
                   gb_utf8_chars(id));
        gb_err_set_zh(err, "身份证号应为 18 位（或 15 位，或只填后 4 位），这里是 %zu 位", gb_utf8_chars(id));
        return -1;
    }
    /* Masked forms keep some leading and trailing characters; only the
     * digits we keep must be real. */
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (!isdigit(c) && !(c == '*' && i < n - 4)) {
            gb_err_set(err, "character %zu of the ID number is not a digit", i + 1);
            gb_err_set_zh(err, "身份证号的第 %zu 位不是数字", i + 1);
            return -1;
        }
    }
    char last = id[n - 1];
    if (!isdigit((unsigned char)last) && last != 'X' && last != 'x') {
        gb_err_set(err, "the ID number must end in a digit or X");
        gb_err_set_zh(err, "身份证号的最后一位必须是数字或 X");
        return -1;
    }
    if (n == 15 && !isdigit((unsigned char)last)) {
        gb_err_set(err, "a 15-digit ID number ends in a digit");
        gb_err_set_zh(err, "15 位身份证号的最后一位应是数字");
        return -1;
    }
    memcpy(out, id + n - 4, 4);
    out[3] = (char)toupper((unsigned char)out[3]);
    out[4] = 0;
    return 0;
}

int gb_order_no_make(char *buf, size_t size, const char *kiosk_id, int yy, int mm, int dd,
                     uint64_t seq)
{
    if (!gb_valid_kiosk_id(kiosk_id) || yy < 0 || yy > 99 || mm < 1 || mm > 12 || dd < 1 || dd > 31)
        return -1;
    int n = snprintf(buf, size, "%s-%02d%02d%02d-%05llu", kiosk_id, yy, mm, dd,
                     (unsigned long long)seq);
    if (n < 0 || (size_t)n >= size || !gb_valid_order_no(buf)) {
        if (size)
            buf[0] = 0; /* never leave a half-made number behind */
        return -1;
    }
    return 0;
}

char *gb_trim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    size_t start = 0;
    while (s[start] && isspace((unsigned char)s[start]))
        start++;
    if (start)
        memmove(s, s + start, n - start + 1);
    return s;
}
