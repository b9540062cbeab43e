#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

char gb_csv_detect_delimiter(const char *text)
{
    size_t comma = 0, tab = 0, semi = 0;
    int quoted = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && (*p == '\n' || *p == '\r'))
            break;
        else if (!quoted && *p == ',')
            comma++;
        else if (!quoted && *p == '\t')
            tab++;
        else if (!quoted && *p == ';')
            semi++;
    }
    if (tab > comma && tab >= semi)
        return '\t';
    if (semi > comma && semi > tab)
        return ';';
    return ',';
}

/* Columns in messages count characters, not bytes: "column 6" must be the
 * sixth thing a person sees on the line, Chinese included. */
static size_t chars_between(const char *from, const char *to)
{
    size_t n = 0;
    for (const char *q = from; q < to; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            n++;
    return n;
}

/* A growable byte buffer for the field being read. */
typedef struct {
    char *data;
    size_t len, cap;
} buf_t;

static int buf_put(buf_t *b, char c)
{
    if (b->len + 1 >= b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    b->data[b->len++] = c;
    return 0;
}

typedef struct {
    gb_csv_row row;
    size_t cap;
} row_builder;

static int row_add(row_builder *rb, buf_t *b)
{
    if (rb->row.nfields == rb->cap) {
        size_t cap = rb->cap ? rb->cap * 2 : 16;
        char **f = realloc(rb->row.fields, cap * sizeof *f);
        if (!f)
            return -1;
        rb->row.fields = f;
        rb->cap = cap;
    }
    char *s = malloc(b->len + 1);
    if (!s)
        return -1;
    if (b->len) /* an empty first field has no buffer yet: no memcpy from NULL */
        memcpy(s, b->data, b->len);
    s[b->len] = 0;
    rb->row.fields[rb->row.nfields++] = s;
    b->len = 0;
    return 0;
}

/* Rosters carry ID numbers: fields are wiped before their memory is freed. */
static void row_free(gb_csv_row *r)
{
    for (size_t i = 0; i < r->nfields; i++) {
        explicit_bzero(r->fields[i], strlen(r->fields[i]));
        free(r->fields[i]);
    }
    free(r->fields);
    r->fields = NULL;
    r->nfields = 0;
}

static int row_blank(const gb_csv_row *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        for (const char *p = r->fields[i]; *p; p++)
            if (*p != ' ' && *p != '\t')
                return 0;
    return 1;
}

void gb_csv_free(gb_csv *csv)
{
    for (size_t i = 0; i < csv->nrows; i++)
        row_free(&csv->rows[i]);
    free(csv->rows);
    csv->rows = NULL;
    csv->nrows = 0;
}

int gb_csv_parse(const char *text, char delimiter, gb_csv *out, gb_err *err)
{
    memset(out, 0, sizeof *out);
    out->delimiter = delimiter ? delimiter : gb_csv_detect_delimiter(text);
    const char d = out->delimiter;
    size_t rows_cap = 0;
    buf_t field = {0};
    row_builder rb = {0};
    size_t line = 1;
    const char *p = text;
    const char *line_start = text;
    rb.row.line = 1;

    for (;;) {
        /* one field */
        size_t column = chars_between(line_start, p) + 1;
        if (*p == '"') {
            size_t open_line = line, open_col = column;
            p++;
            for (;;) {
                if (!*p) {
                    gb_err_set(err, "line %zu, column %zu: a quoted field is never closed", open_line,
                               open_col);
                    gb_err_set_zh(err, "第 %zu 行第 %zu 个字符处：引号开头的字段没有结束的引号", open_line,
                                  open_col);
                    goto fail;
                }
                if (*p == '"') {
                    if (p[1] == '"') {
                        if (buf_put(&field, '"') < 0)
                            goto oom;
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (*p == '\n') {
                    line++;
                    line_start = p + 1;
                }
                if (buf_put(&field, *p++) < 0)
                    goto oom;
            }
            while (*p == ' ')
                p++;
            if (*p && *p != d && *p != '\n' && *p != '\r') {
                gb_err_set(err, "line %zu, column %zu: text after the closing quote of a field", line,
                           chars_between(line_start, p) + 1);
                gb_err_set_zh(err, "第 %zu 行第 %zu 个字符处：字段的结束引号后面还有文字", line,
                              chars_between(line_start, p) + 1);
                goto fail;
            }
        } else {
            while (*p && *p != d && *p != '\n' && *p != '\r') {
                if (buf_put(&field, *p++) < 0)
                    goto oom;
            }
        }
        if (row_add(&rb, &field) < 0)
            goto oom;
        if (*p == d) {
            p++;
            continue;
        }
        /* end of row: \r\n, \n, \r or end of text */
        int at_end = !*p;
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        if (!row_blank(&rb.row)) {
            if (out->nrows == rows_cap) {
                size_t cap = rows_cap ? rows_cap * 2 : 256;
                gb_csv_row *r = realloc(out->rows, cap * sizeof *r);
                if (!r)
                    goto oom;
                out->rows = r;
                rows_cap = cap;
            }
            out->rows[out->nrows++] = rb.row;
            rb.row.fields = NULL;
            rb.row.nfields = 0;
            rb.cap = 0;
        } else {
            row_free(&rb.row);
            rb.cap = 0;
        }
        line++;
        line_start = p;
        rb.row.line = line;
        if (at_end || !*p)
            break;
    }
    if (field.data)
        explicit_bzero(field.data, field.cap);
    free(field.data);
    return 0;
oom:
    gb_err_set(err, "line %zu: out of memory", line);
    gb_err_set_zh(err, "第 %zu 行：内存不足", line);
fail:
    if (field.data)
        explicit_bzero(field.data, field.cap);
    free(field.data);
    row_free(&rb.row);
    gb_csv_free(out);
    return -1;
}
