#include "core/roster.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/textenc.h"
#include "core/validate.h"

static const char *col_names[GB_COL_COUNT] = {
    "name", "student_no", "gender", "id_number", "id_last4", "school",
    "college", "major", "level", "class", "feature_code",
};

/* The same columns as a Chinese school's export names them, for the
 * Chinese text of a problem. */
static const char *col_names_zh[GB_COL_COUNT] = {
    "姓名", "学号", "性别", "身份证号", "身份证后四位", "学校", "学院", "专业", "学历层次", "班级", "特征码",
};

/* Header aliases seen in school exports. Matching ignores case, spaces and
 * underscores, so "Student No" and "student_no" are the same. */
static const struct {
    gb_roster_col col;
    const char *alias;
} aliases[] = {
    {GB_COL_NAME, "姓名"},         {GB_COL_NAME, "学生姓名"},     {GB_COL_NAME, "name"},
    {GB_COL_NAME, "studentname"},   {GB_COL_NAME, "xm"},
    {GB_COL_STUDENT_NO, "学号"},   {GB_COL_STUDENT_NO, "学生学号"}, {GB_COL_STUDENT_NO, "studentno"},
    {GB_COL_STUDENT_NO, "studentid"}, {GB_COL_STUDENT_NO, "studentnumber"}, {GB_COL_STUDENT_NO, "xh"},
    {GB_COL_GENDER, "性别"},       {GB_COL_GENDER, "gender"},     {GB_COL_GENDER, "sex"},
    {GB_COL_GENDER, "xb"},
    {GB_COL_ID_NUMBER, "身份证号"}, {GB_COL_ID_NUMBER, "身份证号码"}, {GB_COL_ID_NUMBER, "证件号码"},
    {GB_COL_ID_NUMBER, "证件号"},  {GB_COL_ID_NUMBER, "身份证件号"}, {GB_COL_ID_NUMBER, "身份证件号码"},
    {GB_COL_ID_NUMBER, "idnumber"}, {GB_COL_ID_NUMBER, "idcard"}, {GB_COL_ID_NUMBER, "idno"},
    {GB_COL_ID_NUMBER, "sfzh"},
    {GB_COL_ID_LAST4, "身份证后四位"}, {GB_COL_ID_LAST4, "身份证号后四位"},
    {GB_COL_ID_LAST4, "证件号后四位"}, {GB_COL_ID_LAST4, "证件号码后四位"},
    {GB_COL_ID_LAST4, "idlast4"},  {GB_COL_ID_LAST4, "idsuffix"},
    {GB_COL_SCHOOL, "学校"},       {GB_COL_SCHOOL, "学校名称"},   {GB_COL_SCHOOL, "院校名称"},
    {GB_COL_SCHOOL, "school"},
    {GB_COL_COLLEGE, "学院"},      {GB_COL_COLLEGE, "院系"},      {GB_COL_COLLEGE, "院系名称"},
    {GB_COL_COLLEGE, "学院名称"},  {GB_COL_COLLEGE, "所在院系"},  {GB_COL_COLLEGE, "college"},
    {GB_COL_COLLEGE, "department"}, {GB_COL_COLLEGE, "faculty"},
    {GB_COL_MAJOR, "专业"},        {GB_COL_MAJOR, "专业名称"},    {GB_COL_MAJOR, "major"},
    {GB_COL_LEVEL, "学历层次"},    {GB_COL_LEVEL, "培养层次"},    {GB_COL_LEVEL, "层次"},
    {GB_COL_LEVEL, "学历"},        {GB_COL_LEVEL, "level"},       {GB_COL_LEVEL, "educationlevel"},
    {GB_COL_CLASS, "班级"},        {GB_COL_CLASS, "class"},       {GB_COL_CLASS, "classname"},
    {GB_COL_FEATURE_CODE, "特征码"}, {GB_COL_FEATURE_CODE, "学校特征码"},
    {GB_COL_FEATURE_CODE, "featurecode"},
};

const char *gb_roster_col_name(gb_roster_col c)
{
    return (unsigned)c < GB_COL_COUNT ? col_names[c] : "?";
}

/* Lower-cases ASCII and drops spaces, underscores, hyphens, full-width
 * spaces and a stray BOM, so header variants compare equal. */
static void header_key(const char *in, char *out, size_t size)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)in;
    while (*p && n + 1 < size) {
        if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            p += 3;
            continue;
        }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 ideographic space */
            p += 3;
            continue;
        }
        if (*p == ' ' || *p == '_' || *p == '-' || *p == '\t' || *p == '*' || *p == '.') {
            p++;
            continue;
        }
        out[n++] = (char)tolower(*p);
        p++;
    }
    out[n] = 0;
}

int gb_roster_col_for_header(const char *header)
{
    char key[128];
    header_key(header, key, sizeof key);
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(key, aliases[i].alias) == 0)
            return (int)aliases[i].col;
    return -1;
}

static gb_roster_problem *add_entry(gb_roster_problem **list, size_t *n, size_t line, const char *column,
                                     const char *fmt, va_list ap)
{
    if ((*n & (*n - 1)) == 0) { /* grow at powers of two */
        size_t cap = *n ? *n * 2 : 1;
        gb_roster_problem *p = realloc(*list, cap * sizeof *p);
        if (!p)
            return NULL; /* the count stays right enough; the import fails anyway */
        *list = p;
    }
    gb_roster_problem *p = &(*list)[(*n)++];
    p->line = line;
    snprintf(p->column, sizeof p->column, "%s", column ? column : "");
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    p->msg_zh[0] = 0;
    return p;
}

gb_roster_problem *gb_roster_add_problem(gb_roster *r, size_t line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gb_roster_problem *p = add_entry(&r->problems, &r->nproblems, line, column, fmt, ap);
    va_end(ap);
    return p;
}

gb_roster_problem *gb_roster_add_warning(gb_roster *r, size_t line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gb_roster_problem *p = add_entry(&r->warnings, &r->nwarnings, line, column, fmt, ap);
    va_end(ap);
    return p;
}

void gb_roster_zh(gb_roster_problem *p, const char *fmt, ...)
{
    if (!p)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg_zh, sizeof p->msg_zh, fmt, ap);
    va_end(ap);
}

/* A problem whose words come from another module's gb_err, in both
 * languages when that module wrote both. */
static void add_err_problem(gb_roster *r, size_t line, const char *column, const gb_err *err)
{
    gb_roster_zh(gb_roster_add_problem(r, line, column, "%s", err->msg), "%s", err->zh[0] ? err->zh : err->msg);
}

int gb_id_check_digit_ok(const char *id)
{
    static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    if (strlen(id) != 18)
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!isdigit((unsigned char)id[i]))
            return 0;
        sum += (id[i] - '0') * weight[i];
    }
    return toupper((unsigned char)id[17]) == check[sum % 11];
}

static int real_date(const char *d, int digits_year)
{
    int y = 0, m, day;
    for (int i = 0; i < digits_year; i++)
        y = y * 10 + (d[i] - '0');
    if (digits_year == 2)
        y += 1900;
    m = (d[digits_year] - '0') * 10 + d[digits_year + 1] - '0';
    day = (d[digits_year + 2] - '0') * 10 + d[digits_year + 3] - '0';
    return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

int gb_looks_like_id_number(const char *t)
{
    size_t n = strlen(t);
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)t[i]) && !(i == 17 && (t[i] == 'X' || t[i] == 'x')))
            return 0;
    if (n == 18)
        return real_date(t + 6, 4) && gb_id_check_digit_ok(t);
    if (n == 15)
        return real_date(t + 6, 2);
    return 0;
}

/* Spreadsheets write numbers in odd ways: full-width digits (０-９, Ｘ) from
 * Chinese input methods, ="..." and '... to keep Excel from turning a long
 * number into 1.1E+17. Brings such a cell to plain ASCII in place. */
static void plain_number(char *s)
{
    size_t n = strlen(s);
    if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
        memmove(s, s + 2, n - 3);
        s[n - 3] = 0;
    } else if (n >= 2 && s[0] == '\'') {
        memmove(s, s + 1, n);
    }
    char *w = s;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        /* U+FF10..U+FF19 are EF BC 90..99; U+FF38 (Ｘ) is EF BC B8, U+FF58 (ｘ) EF BD 98 */
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
            *w++ = (char)('0' + p[2] - 0x90);
            p += 3;
        } else if (p[0] == 0xEF && ((p[1] == 0xBC && p[2] == 0xB8) || (p[1] == 0xBD && p[2] == 0x98))) {
            *w++ = 'X';
            p += 3;
        } else {
            *w++ = (char)*p++;
        }
    }
    *w = 0;
}

void gb_roster_format_list(const gb_roster_problem *list, size_t count, int warnings, int zh, const char *origin,
                           size_t limit, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = 0;
    size_t shown = count < limit ? count : limit;
    for (size_t i = 0; i < shown && used < size; i++) {
        const gb_roster_problem *p = &list[i];
        const char *what = zh && p->msg_zh[0] ? p->msg_zh : p->msg;
        int n;
        if (p->line && p->column[0])
            n = zh ? snprintf(buf + used, size - used, "%s 第 %zu 行，“%s”列：%s\n", origin, p->line, p->column, what)
                   : snprintf(buf + used, size - used, "%s line %zu, column '%s': %s\n", origin, p->line, p->column,
                              what);
        else if (p->line)
            n = zh ? snprintf(buf + used, size - used, "%s 第 %zu 行：%s\n", origin, p->line, what)
                   : snprintf(buf + used, size - used, "%s line %zu: %s\n", origin, p->line, what);
        else
            n = zh ? snprintf(buf + used, size - used, "%s：%s\n", origin, what)
                   : snprintf(buf + used, size - used, "%s: %s\n", origin, what);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    if (count > shown && used < size) {
        size_t more = count - shown;
        if (zh)
            snprintf(buf + used, size - used, "……另有 %zu 条%s\n", more, warnings ? "提醒" : "问题");
        else
            snprintf(buf + used, size - used, "... and %zu more %s%s\n", more, warnings ? "warning" : "problem",
                     more == 1 ? "" : "s");
    }
}

void gb_roster_format_problems(const gb_roster *r, const char *origin, size_t limit, char *buf, size_t size)
{
    gb_roster_format_list(r->problems, r->nproblems, 0, 0, origin, limit, buf, size);
}

void gb_roster_format_warnings(const gb_roster *r, const char *origin, size_t limit, char *buf, size_t size)
{
    gb_roster_format_list(r->warnings, r->nwarnings, 1, 0, origin, limit, buf, size);
}

int gb_roster_is_workbook(const unsigned char *data, size_t len)
{
    return len >= 4 && (memcmp(data, "PK\x03\x04", 4) == 0 || memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0);
}

static void row_free(gb_roster_row *row)
{
    free(row->name);
    free(row->student_no);
    free(row->gender);
    free(row->school);
    free(row->college);
    free(row->major);
    free(row->level);
    free(row->class_name);
    free(row->feature_code);
}

void gb_roster_free(gb_roster *r)
{
    for (size_t i = 0; i < r->nrows; i++)
        row_free(&r->rows[i]);
    free(r->rows);
    free(r->problems);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

static char *dup_trim(const char *s)
{
    char *d = strdup(s ? s : "");
    return d ? gb_trim(d) : NULL;
}

static int normalize_gender(const char *in, const char **out)
{
    static const struct {
        const char *in, *out;
    } map[] = {{"男", "男"}, {"m", "男"}, {"male", "男"}, {"1", "男"}, {"女", "女"},
               {"f", "女"},   {"female", "女"}, {"2", "女"}, {"", ""}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(in, map[i].in) == 0) {
            *out = map[i].out;
            return 0;
        }
    return -1;
}

struct seen {
    const char *student_no;
    size_t line;
};

static int seen_cmp(const void *a, const void *b)
{
    const struct seen *x = a, *y = b;
    int c = strcmp(x->student_no, y->student_no);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static void find_duplicates(gb_roster *r, const char *col_header)
{
    if (r->nrows < 2)
        return;
    struct seen *s = malloc(r->nrows * sizeof *s);
    if (!s) {
        gb_roster_zh(gb_roster_add_problem(r, 0, "", "out of memory while checking duplicates"),
                     "检查重复学号时内存不足");
        return;
    }
    for (size_t i = 0; i < r->nrows; i++)
        s[i] = (struct seen){r->rows[i].student_no, r->rows[i].line};
    qsort(s, r->nrows, sizeof *s, seen_cmp);
    for (size_t i = 1; i < r->nrows; i++)
        if (s[i].student_no[0] && strcmp(s[i].student_no, s[i - 1].student_no) == 0) {
            size_t first = i - 1;
            while (first > 0 && strcmp(s[first - 1].student_no, s[i].student_no) == 0)
                first--;
            gb_roster_zh(gb_roster_add_problem(r, s[i].line, col_header,
                                               "the same student number is already on line %zu", s[first].line),
                         "同一个学号已经在第 %zu 行出现", s[first].line);
        }
    free(s);
}

static int line_cmp(const void *a, const void *b)
{
    const gb_roster_problem *x = a, *y = b;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Problems sorted by line so a long report reads top to bottom, file-level
 * ones (line 0) first. Insertion sort keeps the detection order within a
 * line; past a few thousand problems nobody reads the order, so qsort. */
static void sort_problems(gb_roster *r)
{
    if (r->nproblems < 2)
        return;
    /* Encode the detection order into the comparison by a merge-free trick:
     * an insertion sort is fine for the few hundred problems a bad file has,
     * and falls back to qsort for huge counts where order within a line no
     * longer matters to a reader. */
    if (r->nproblems > 4096) {
        qsort(r->problems, r->nproblems, sizeof *r->problems, line_cmp);
        return;
    }
    for (size_t i = 1; i < r->nproblems; i++) {
        gb_roster_problem p = r->problems[i];
        size_t j = i;
        while (j > 0 && r->problems[j - 1].line > p.line) {
            r->problems[j] = r->problems[j - 1];
            j--;
        }
        r->problems[j] = p;
    }
}

int gb_roster_parse(const unsigned char *data, size_t len, size_t max_rows, gb_roster *r)
{
    memset(r, 0, sizeof *r);
    r->encoding = "";
    if (len == 0) {
        gb_roster_zh(gb_roster_add_problem(r, 0, "", "the file is empty"), "文件是空的");
        return -1;
    }
    char *text = NULL;
    size_t text_len = 0;
    gb_err err;
    if (gb_text_to_utf8(data, len, &text, &text_len, &r->encoding, &err) < 0) {
        add_err_problem(r, 0, "", &err);
        return -1;
    }
    gb_csv csv;
    if (gb_csv_parse(text, 0, &csv, &err) < 0) {
        explicit_bzero(text, text_len);
        free(text);
        add_err_problem(r, 0, "", &err);
        return -1;
    }
    explicit_bzero(text, text_len);
    free(text);
    r->delimiter = csv.delimiter;
    if (csv.nrows == 0) {
        gb_roster_zh(gb_roster_add_problem(r, 0, "", "the file has no header and no rows"), "文件没有表头，也没有数据");
        gb_csv_free(&csv);
        return -1;
    }

    /* Header: the first row naming the required columns. Schools often put
     * a title line ("2026届毕业生名单") above it; up to three are skipped. */
    size_t hdr_row = 0;
    for (size_t t = 0; t < csv.nrows && t < 4; t++) {
        int name = 0, no = 0;
        for (size_t i = 0; i < csv.rows[t].nfields; i++) {
            int c = gb_roster_col_for_header(csv.rows[t].fields[i]);
            name |= c == GB_COL_NAME;
            no |= c == GB_COL_STUDENT_NO;
        }
        if (name && no) {
            hdr_row = t;
            break;
        }
    }
    r->title_lines = (int)hdr_row;
    if (hdr_row) {
        /* drop the title rows so row 1 is the header */
        for (size_t t = 0; t < hdr_row; t++) {
            gb_csv_row *tr = &csv.rows[t];
            for (size_t i = 0; i < tr->nfields; i++)
                free(tr->fields[i]);
            free(tr->fields);
        }
        memmove(csv.rows, csv.rows + hdr_row, (csv.nrows - hdr_row) * sizeof *csv.rows);
        csv.nrows -= hdr_row;
    }
    const gb_csv_row *hdr = &csv.rows[0];
    int col_index[GB_COL_COUNT];
    for (int c = 0; c < GB_COL_COUNT; c++)
        col_index[c] = -1;
    for (size_t i = 0; i < hdr->nfields; i++) {
        char h[256];
        snprintf(h, sizeof h, "%s", hdr->fields[i]);
        gb_trim(h);
        int c = gb_roster_col_for_header(h);
        if (c < 0) {
            if (h[0]) {
                size_t used = strlen(r->ignored_columns);
                snprintf(r->ignored_columns + used, sizeof r->ignored_columns - used, "%s%s",
                         used ? ", " : "", h);
            }
            continue;
        }
        if (col_index[c] >= 0) {
            gb_roster_zh(gb_roster_add_problem(r, hdr->line, h, "a second column for %s (the first is column %d)",
                                               col_names[c], col_index[c] + 1),
                         "又一个“%s”列（第一个是第 %d 列）", col_names_zh[c], col_index[c] + 1);
            continue;
        }
        col_index[c] = (int)i;
        r->has_column[c] = 1;
    }
    static const struct {
        gb_roster_col col;
        const char *what;
    } required[] = {{GB_COL_NAME, "姓名/name"}, {GB_COL_STUDENT_NO, "学号/student_no"}};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (col_index[required[i].col] < 0)
            gb_roster_zh(gb_roster_add_problem(r, hdr->line, "", "missing column %s", required[i].what),
                         "缺少“%s”列", col_names_zh[required[i].col]);
    if (col_index[GB_COL_ID_NUMBER] < 0 && col_index[GB_COL_ID_LAST4] < 0)
        gb_roster_zh(gb_roster_add_problem(r, hdr->line, "",
                                           "missing column 身份证号/id_number or 身份证后四位/id_last4"),
                     "缺少“身份证号”或“身份证后四位”列");
    if (r->nproblems) {
        gb_csv_free(&csv);
        return -1;
    }
    if (csv.nrows == 1) {
        gb_roster_zh(gb_roster_add_problem(r, 0, "", "the file has a header but no students"), "文件只有表头，没有学生");
        gb_csv_free(&csv);
        return -1;
    }
    if (csv.nrows - 1 > max_rows) {
        gb_roster_zh(gb_roster_add_problem(r, 0, "", "%zu rows is more than the limit of %zu ([roster] max_rows)",
                                           csv.nrows - 1, max_rows),
                     "共 %zu 行，超过了上限 %zu 行（[roster] max_rows）", csv.nrows - 1, max_rows);
        gb_csv_free(&csv);
        return -1;
    }
    r->rows = calloc(csv.nrows, sizeof *r->rows);
    if (!r->rows) {
        gb_roster_zh(gb_roster_add_problem(r, 0, "", "out of memory"), "内存不足");
        gb_csv_free(&csv);
        return -1;
    }

#define HDR(c) (hdr->fields[col_index[c]])
    for (size_t ri = 1; ri < csv.nrows; ri++) {
        const gb_csv_row *row = &csv.rows[ri];
        const char *cell[GB_COL_COUNT];
        for (int c = 0; c < GB_COL_COUNT; c++)
            cell[c] = col_index[c] >= 0 && (size_t)col_index[c] < row->nfields
                          ? row->fields[col_index[c]]
                          : "";
        /* Extra non-empty fields mean the row is shifted (an unquoted comma
         * in a name or address): every value after it would be wrong. */
        for (size_t f = hdr->nfields; f < row->nfields; f++) {
            const char *v = row->fields[f];
            while (*v && isspace((unsigned char)*v))
                v++;
            if (*v) {
                gb_roster_zh(gb_roster_add_problem(r, row->line, "",
                                                   "%zu fields but the header has %zu (an unquoted comma?)",
                                                   row->nfields, hdr->nfields),
                             "这一行有 %zu 个字段，表头只有 %zu 个（是不是有没加引号的逗号？）", row->nfields,
                             hdr->nfields);
                break;
            }
        }
        gb_roster_row *out = &r->rows[r->nrows];
        memset(out, 0, sizeof *out);
        out->line = row->line;
        out->name = dup_trim(cell[GB_COL_NAME]);
        out->student_no = dup_trim(cell[GB_COL_STUDENT_NO]);
        out->school = dup_trim(cell[GB_COL_SCHOOL]);
        out->college = dup_trim(cell[GB_COL_COLLEGE]);
        out->major = dup_trim(cell[GB_COL_MAJOR]);
        out->level = dup_trim(cell[GB_COL_LEVEL]);
        out->class_name = dup_trim(cell[GB_COL_CLASS]);
        out->feature_code = dup_trim(cell[GB_COL_FEATURE_CODE]);
        char *gender = dup_trim(cell[GB_COL_GENDER]);
        r->nrows++;
        if (!out->name || !out->student_no || !out->school || !out->college || !out->major ||
            !out->level || !out->class_name || !out->feature_code || !gender) {
            free(gender);
            gb_roster_zh(gb_roster_add_problem(r, row->line, "", "out of memory"), "内存不足");
            break;
        }
        if (!out->name[0])
            gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(GB_COL_NAME), "empty"), "为空");
        else if (gb_utf8_chars(out->name) > 40)
            gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(GB_COL_NAME), "longer than 40 characters"),
                         "超过 40 个字");
        /* The kiosk keeps these in fixed fields (store/student.h: 127 and
         * 63 bytes); a longer value would be cut, perhaps inside a
         * character, and the student would see something the school did
         * not write. */
        const struct {
            int col;
            const char *value;
            size_t max;
        } sized[] = {{GB_COL_SCHOOL, out->school, 127},      {GB_COL_COLLEGE, out->college, 127},
                     {GB_COL_MAJOR, out->major, 127},        {GB_COL_LEVEL, out->level, 63},
                     {GB_COL_CLASS, out->class_name, 63},    {GB_COL_FEATURE_CODE, out->feature_code, 63}};
        for (size_t k = 0; k < sizeof sized / sizeof sized[0]; k++)
            if (strlen(sized[k].value) > sized[k].max)
                gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(sized[k].col),
                                                   "too long: %zu bytes, at most %zu (%zu Chinese characters)",
                                                   strlen(sized[k].value), sized[k].max, sized[k].max / 3),
                             "太长：%zu 字节，最多 %zu（%zu 个汉字）", strlen(sized[k].value), sized[k].max,
                             sized[k].max / 3);
        plain_number(out->student_no);
        if (!out->student_no[0])
            gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(GB_COL_STUDENT_NO), "empty"), "为空");
        else if (!gb_valid_student_no(out->student_no))
            gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(GB_COL_STUDENT_NO),
                                               "a student number has 1-32 letters, digits, '-' or '_'"),
                         "学号应为 1–32 个字母、数字、“-”或“_”");
        const char *g;
        if (normalize_gender(gender, &g) < 0) {
            gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(GB_COL_GENDER),
                                               "expected 男/女 (or M/F, male/female, 1/2)"),
                         "应为 男/女（或 M/F、male/female、1/2）");
        } else {
            /* "M" is shorter than "男": a fresh copy, not an overwrite. */
            char *norm = strdup(g);
            free(gender);
            gender = norm;
            if (!gender) {
                gb_roster_zh(gb_roster_add_problem(r, row->line, "", "out of memory"), "内存不足");
                break;
            }
        }
        out->gender = gender;

        /* An ID number in any other column would be stored whole: refuse
         * the row and say where it belongs. */
        for (int c = 0; c < GB_COL_COUNT; c++) {
            if (c == GB_COL_ID_NUMBER || c == GB_COL_ID_LAST4 || col_index[c] < 0)
                continue;
            char probe[80];
            snprintf(probe, sizeof probe, "%s", cell[c]);
            plain_number(gb_trim(probe));
            if (gb_looks_like_id_number(probe))
                gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(c),
                                                   "holds an ID number; ID numbers belong in the 身份证号 column"),
                             "这里填的是身份证号；身份证号只能填在“身份证号”列");
            explicit_bzero(probe, sizeof probe);
        }

        /* ID: the full number when the column has one, else the last four. */
        char idbuf[96], last4buf[96];
        int idcol = GB_COL_ID_NUMBER;
        snprintf(idbuf, sizeof idbuf, "%s", cell[GB_COL_ID_NUMBER]);
        plain_number(gb_trim(idbuf));
        snprintf(last4buf, sizeof last4buf, "%s", cell[GB_COL_ID_LAST4]);
        plain_number(gb_trim(last4buf));
        if (!idbuf[0] && col_index[GB_COL_ID_LAST4] >= 0) {
            idcol = GB_COL_ID_LAST4;
            snprintf(idbuf, sizeof idbuf, "%s", last4buf);
        }
        const char *idhdr = col_index[idcol] >= 0 ? HDR(idcol) : HDR(GB_COL_ID_LAST4);
        if (!idbuf[0]) {
            gb_roster_zh(gb_roster_add_problem(r, row->line, idhdr, "empty"), "为空");
        } else if (idcol == GB_COL_ID_LAST4 && strlen(idbuf) != 4) {
            gb_roster_zh(gb_roster_add_problem(r, row->line, idhdr, "expected the last 4 characters of the ID number"),
                         "应为身份证号的后 4 位");
        } else if (gb_id_suffix(idbuf, out->id_last4, &err) < 0) {
            add_err_problem(r, row->line, idhdr, &err);
        } else if (idcol == GB_COL_ID_NUMBER && last4buf[0] && strcasecmp(last4buf, out->id_last4) != 0) {
            gb_roster_zh(gb_roster_add_problem(r, row->line, HDR(GB_COL_ID_LAST4),
                                               "does not match the last 4 characters of the ID number column"),
                         "与“身份证号”列的后 4 位不一致");
        } else if (strlen(idbuf) == 18 && !strchr(idbuf, '*') && !gb_id_check_digit_ok(idbuf)) {
            /* a typing error would lock the student out at the kiosk */
            gb_roster_zh(gb_roster_add_warning(r, row->line, idhdr,
                                               "the ID number's check digit does not match (a typing error?)"),
                         "身份证号的校验位不对（是不是输错了？）");
        }
        /* Wipe the copies of the full number. */
        explicit_bzero(idbuf, sizeof idbuf);
        explicit_bzero(last4buf, sizeof last4buf);
    }
#undef HDR
    if (r->nrows && col_index[GB_COL_STUDENT_NO] >= 0)
        find_duplicates(r, hdr->fields[col_index[GB_COL_STUDENT_NO]]);
    sort_problems(r);
    gb_csv_free(&csv);
    return r->nproblems ? -1 : 0;
}
