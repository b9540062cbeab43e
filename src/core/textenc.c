#include "core/textenc.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

int gb_utf8_valid(const unsigned char *d, size_t len, size_t *bad_at)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = d[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            goto bad;
        }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (d[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (d[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += n + 1;
    }
    return 1;
bad:
    if (bad_at)
        *bad_at = i;
    return 0;
}

size_t gb_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static size_t line_of(const unsigned char *d, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (d[i] == '\n')
            line++;
    return line;
}

/* Runs iconv over the whole input; on an invalid sequence reports its offset. */
static int convert(const char *from, const unsigned char *data, size_t len, char **out,
                   size_t *out_len, size_t *bad_at)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -2;
    size_t cap = len * 2 + 16, used = 0;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return -2;
    }
    char *in = (char *)data;
    size_t in_left = len;
    int rc = 0;
    while (in_left > 0) {
        char *o = buf + used;
        size_t o_left = cap - used - 1;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        used = (size_t)(o - buf);
        if (r != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                rc = -2;
                break;
            }
            buf = nb;
            continue;
        }
        /* EILSEQ or EINVAL (truncated sequence at the end) */
        *bad_at = (size_t)((const unsigned char *)in - data);
        rc = -1;
        break;
    }
    iconv_close(cd);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    buf[used] = 0;
    *out = buf;
    *out_len = used;
    return 0;
}

static int decode(const unsigned char *data, size_t len, char **out, size_t *out_len,
                  const char **encoding, gb_err *err);

/* Text files from spreadsheets hold no control characters but tab, CR and
 * LF; anything else means binary data that happened to decode. */
int gb_text_to_utf8(const unsigned char *data, size_t len, char **out, size_t *out_len,
                    const char **encoding, gb_err *err)
{
    if (decode(data, len, out, out_len, encoding, err) < 0)
        return -1;
    const unsigned char *t = (const unsigned char *)*out;
    for (size_t i = 0; i < *out_len; i++) {
        if ((t[i] < 0x20 && t[i] != '\t' && t[i] != '\r' && t[i] != '\n') || t[i] == 0x7F) {
            gb_err_set(err, "line %zu: control character 0x%02X: this is not a CSV text file",
                       line_of(t, i), t[i]);
            gb_err_set_zh(err, "第 %zu 行：控制字符 0x%02X，这不是 CSV 文本文件", line_of(t, i), t[i]);
            free(*out);
            *out = NULL;
            return -1;
        }
    }
    return 0;
}

static int decode(const unsigned char *data, size_t len, char **out, size_t *out_len,
                  const char **encoding, gb_err *err)
{
    *out = NULL;
    if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        int le = data[0] == 0xFF;
        size_t bad = 0;
        int rc = convert(le ? "UTF-16LE" : "UTF-16BE", data + 2, len - 2, out, out_len, &bad);
        if (rc == -1) {
            gb_err_set(err, "byte %zu: not valid UTF-16 text", bad + 2);
            gb_err_set_zh(err, "第 %zu 字节：不是有效的 UTF-16 文本", bad + 2);
            return -1;
        }
        if (rc < 0) {
            gb_err_set(err, "cannot convert UTF-16 text (iconv unavailable or out of memory)");
            gb_err_set_zh(err, "无法转换 UTF-16 文本（iconv 不可用或内存不足）");
            return -1;
        }
        *encoding = le ? "UTF-16LE" : "UTF-16BE";
        if (memchr(*out, 0, *out_len)) {
            free(*out);
            *out = NULL;
            gb_err_set(err, "the file holds NUL characters: it is not a text file");
            gb_err_set_zh(err, "文件中有 NUL 字符，不是文本文件");
            return -1;
        }
        return 0;
    }
    /* UTF-16 without a byte-order mark: text in it is mostly ASCII, so
     * every other byte is zero. */
    if (len >= 4 && len % 2 == 0) {
        size_t zero_odd = 0, zero_even = 0;
        for (size_t i = 0; i < len; i++)
            if (!data[i]) {
                if (i % 2)
                    zero_odd++;
                else
                    zero_even++;
            }
        int le = zero_odd * 10 >= len * 3 && zero_even * 50 < len;
        int be = zero_even * 10 >= len * 3 && zero_odd * 50 < len;
        if (le || be) {
            size_t bad = 0;
            int rc = convert(le ? "UTF-16LE" : "UTF-16BE", data, len, out, out_len, &bad);
            if (rc == 0 && !memchr(*out, 0, *out_len)) {
                *encoding = le ? "UTF-16LE (no BOM)" : "UTF-16BE (no BOM)";
                return 0;
            }
            free(*out);
            *out = NULL;
        }
    }
    const void *nul = memchr(data, 0, len);
    if (nul) {
        size_t at = (size_t)((const unsigned char *)nul - data);
        gb_err_set(err, "line %zu (byte %zu): binary data (a NUL byte); this is not a CSV text file",
                   line_of(data, at), at);
        gb_err_set_zh(err, "第 %zu 行（第 %zu 字节）：二进制数据（NUL 字节），这不是 CSV 文本文件", line_of(data, at),
                      at);
        return -1;
    }
    int bom = len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
    const unsigned char *body = data + (bom ? 3 : 0);
    size_t body_len = len - (bom ? 3 : 0);
    size_t bad_utf8 = 0;
    if (gb_utf8_valid(body, body_len, &bad_utf8)) {
        char *copy = malloc(body_len + 1);
        if (!copy) {
            gb_err_set(err, "out of memory");
            gb_err_set_zh(err, "内存不足");
            return -1;
        }
        memcpy(copy, body, body_len);
        copy[body_len] = 0;
        *out = copy;
        *out_len = body_len;
        *encoding = bom ? "UTF-8 with BOM" : "UTF-8";
        return 0;
    }
    if (bom) {
        gb_err_set(err, "line %zu (byte %zu): the file starts with a UTF-8 mark but is not valid UTF-8",
                   line_of(body, bad_utf8), bad_utf8 + 3);
        gb_err_set_zh(err, "第 %zu 行（第 %zu 字节）：文件以 UTF-8 标记开头，但内容不是有效的 UTF-8",
                      line_of(body, bad_utf8), bad_utf8 + 3);
        return -1;
    }
    /* GB18030 is a superset of GBK and GB2312, so one attempt covers all
     * three Excel exports. */
    size_t bad = 0;
    int rc = convert("GB18030", data, len, out, out_len, &bad);
    if (rc == -1) {
        gb_err_set(err,
                   "line %zu (byte %zu): the text is neither UTF-8 nor GBK/GB18030 (binary data or a "
                   "damaged file?)",
                   line_of(data, bad), bad);
        gb_err_set_zh(err, "第 %zu 行（第 %zu 字节）：文字既不是 UTF-8 也不是 GBK/GB18030（二进制数据或文件已损坏？）",
                      line_of(data, bad), bad);
        return -1;
    }
    if (rc < 0) {
        gb_err_set(err, "cannot convert GB18030 text (iconv unavailable or out of memory)");
        gb_err_set_zh(err, "无法转换 GB18030 文本（iconv 不可用或内存不足）");
        return -1;
    }
    *encoding = "GB18030";
    return 0;
}
