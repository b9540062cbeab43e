/* Roster parsing from the fixture files in tests/data/rosters: encodings,
 * header aliases, field values, ID numbers cut to their last four, and the
 * problem list (lines, columns, messages, the "and K more" summary). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/roster.h"

#define assert_contains(hay, needle)                                                         \
    do {                                                                                     \
        if (!strstr((hay), (needle)))                                                        \
            fail_msg("expected '%s' in: %s", (needle), (hay));                               \
    } while (0)

#define NO_LIMIT ((size_t)1000000)

/* Every full ID number written in the fixtures. */
static const char *const full_ids[] = {
    "110105200305061234", "31010420030712567X", "440305200211230019", "110105200401014321",
    "310104200309098888", "11010520030506123x", "310104200307125678", "110105200301011111",
    "110105200301012222", "110105200301013333", "110105200301024444", "110105200301035555",
    "110105200301016666", "110105200301027777", "110105200301038888", "110105200301049999",
    "11010520030506789x", "110105850101123",    "110105200301011234",
};

/* Parses a fixture; returns what gb_roster_parse returned. */
static int parse_fixture(const char *name, size_t max_rows, gb_roster *r)
{
    char path[256];
    snprintf(path, sizeof path, "rosters/%s", name);
    size_t len;
    unsigned char *data = tu_read_fixture(path, &len);
    int rc = gb_roster_parse(data, len, max_rows, r);
    free(data);
    return rc;
}

static int parse_text(const char *text, gb_roster *r)
{
    return gb_roster_parse((const unsigned char *)text, strlen(text), NO_LIMIT, r);
}

static void dump_problems(const gb_roster *r, char *buf, size_t size)
{
    gb_roster_format_problems(r, "roster", 1000, buf, size);
}

/* Fails with the problem list when the parse did not succeed. */
static void parse_fixture_ok(const char *name, gb_roster *r)
{
    if (parse_fixture(name, NO_LIMIT, r) != 0) {
        char buf[4096];
        dump_problems(r, buf, sizeof buf);
        fail_msg("%s refused with %zu problems:\n%s", name, r->nproblems, buf);
    }
    assert_int_equal(r->nproblems, 0);
}

static void assert_problem(const gb_roster *r, size_t i, size_t line, const char *column,
                           const char *msg_part)
{
    if (i >= r->nproblems) {
        char buf[4096];
        dump_problems(r, buf, sizeof buf);
        fail_msg("problem %zu missing; %zu problems:\n%s", i, r->nproblems, buf);
    }
    const gb_roster_problem *p = &r->problems[i];
    if (p->line != line || strcmp(p->column, column) != 0 || !strstr(p->msg, msg_part))
        fail_msg("problem %zu is line %zu column '%s' '%s'; want line %zu column '%s' with '%s'", i,
                 p->line, p->column, p->msg, line, column, msg_part);
}

/* No field of any row and no problem holds a full ID number (or its first 14 characters). */
static void assert_no_full_ids(const gb_roster *r, const char *what)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const gb_roster_row *row = &r->rows[i];
        const char *fields[] = {row->name,  row->student_no, row->gender,     row->id_last4,
                                row->school, row->college,   row->major,      row->level,
                                row->class_name, row->feature_code};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            if (!fields[f])
                continue;
            for (size_t k = 0; k < sizeof full_ids / sizeof full_ids[0]; k++) {
                char head[15];
                snprintf(head, sizeof head, "%s", full_ids[k]);
                if (strstr(fields[f], head))
                    fail_msg("%s: row on line %zu, field %zu holds ID number %s: '%s'", what, row->line,
                             f, full_ids[k], fields[f]);
            }
        }
    }
    for (size_t i = 0; i < r->nproblems; i++)
        for (size_t k = 0; k < sizeof full_ids / sizeof full_ids[0]; k++) {
            char head[15];
            snprintf(head, sizeof head, "%s", full_ids[k]);
            if (strstr(r->problems[i].msg, head) || strstr(r->problems[i].column, head))
                fail_msg("%s: problem on line %zu repeats an ID number: %s", what, r->problems[i].line,
                         r->problems[i].msg);
        }
}

/* The five students of utf8.csv and its re-encodings. */
static const struct {
    size_t line;
    const char *student_no, *name, *gender, *id_last4, *college, *major, *level, *class_name;
} expected[] = {
    {2, "2023010101", "陈静怡", "女", "1234", "计算机学院", "软件工程", "本科", "软工2301"},
    {3, "2023010102", "赵子轩", "男", "567X", "外国语学院", "英语", "本科", "英语2301"},
    {4, "2023010103", "孙悦", "女", "0019", "经济管理学院", "会计学", "本科", "会计2302"},
    {5, "2023010104", "周建国", "男", "4321", "计算机学院", "数据科学与大数据技术", "本科", "数据2301"},
    {6, "2023010105", "吴雨桐", "女", "8888", "法学院", "法学", "本科", "法学2301,2302"},
};

static void assert_expected_rows(const gb_roster *r, const char *what)
{
    if (r->nrows != 5)
        fail_msg("%s: %zu rows, want 5", what, r->nrows);
    for (size_t i = 0; i < 5; i++) {
        const gb_roster_row *row = &r->rows[i];
        if (row->line != expected[i].line || strcmp(row->student_no, expected[i].student_no) ||
            strcmp(row->name, expected[i].name) || strcmp(row->gender, expected[i].gender) ||
            strcmp(row->id_last4, expected[i].id_last4) || strcmp(row->college, expected[i].college) ||
            strcmp(row->major, expected[i].major) || strcmp(row->level, expected[i].level) ||
            strcmp(row->class_name, expected[i].class_name) || row->school[0] || row->feature_code[0])
            fail_msg("%s: row %zu is line %zu %s %s %s %s %s %s %s %s school '%s' feature '%s'", what, i,
                     row->line, row->student_no, row->name, row->gender, row->id_last4, row->college,
                     row->major, row->level, row->class_name, row->school, row->feature_code);
    }
    assert_no_full_ids(r, what);
}

static void test_parses_utf8_roster_with_every_field(void **state)
{
    (void)state;
    gb_roster r;
    parse_fixture_ok("utf8.csv", &r);
    assert_string_equal(r.encoding, "UTF-8");
    assert_int_equal(r.delimiter, ',');
    assert_expected_rows(&r, "utf8.csv");
    assert_string_equal(r.ignored_columns, "");
    assert_true(r.has_column[GB_COL_NAME]);
    assert_true(r.has_column[GB_COL_STUDENT_NO]);
    assert_true(r.has_column[GB_COL_GENDER]);
    assert_true(r.has_column[GB_COL_ID_NUMBER]);
    assert_true(r.has_column[GB_COL_CLASS]);
    assert_false(r.has_column[GB_COL_ID_LAST4]);
    assert_false(r.has_column[GB_COL_SCHOOL]);
    assert_false(r.has_column[GB_COL_FEATURE_CODE]);
    gb_roster_free(&r);
    assert_int_equal(r.nrows, 0);
    assert_null(r.rows);
}

static void test_same_roster_in_every_encoding_gives_the_same_rows(void **state)
{
    (void)state;
    const struct {
        const char *file, *encoding;
        char delimiter;
    } files[] = {
        {"utf8_bom.csv", "UTF-8 with BOM", ','},
        {"gbk.csv", "GB18030", ','},
        {"tab.tsv", "UTF-8", '\t'},
        {"utf16le.txt", "UTF-16LE", '\t'},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        gb_roster r;
        parse_fixture_ok(files[i].file, &r);
        if (strcmp(r.encoding, files[i].encoding) != 0)
            fail_msg("%s detected as %s, want %s", files[i].file, r.encoding, files[i].encoding);
        if (r.delimiter != files[i].delimiter)
            fail_msg("%s: delimiter 0x%02X, want 0x%02X", files[i].file, r.delimiter,
                     files[i].delimiter);
        assert_expected_rows(&r, files[i].file);
        gb_roster_free(&r);
    }
}

static void test_english_headers_and_aliases(void **state)
{
    (void)state;
    gb_roster r;
    parse_fixture_ok("english.csv", &r);
    assert_int_equal(r.nrows, 2);
    const gb_roster_row *a = &r.rows[0], *b = &r.rows[1];
    assert_string_equal(a->student_no, "S2023001");
    assert_string_equal(a->name, "Li Lei");
    assert_string_equal(a->gender, "男");
    assert_string_equal(a->id_last4, "123X");
    assert_string_equal(a->college, "School of Computing");
    assert_string_equal(a->major, "Software Engineering");
    assert_string_equal(a->level, "Undergraduate");
    assert_string_equal(a->class_name, "SE2301");
    assert_string_equal(a->feature_code, "FC0001");
    assert_string_equal(b->name, "Han Meimei");
    assert_string_equal(b->gender, "女");
    assert_string_equal(b->id_last4, "5678");
    assert_int_equal(b->line, 3);
    assert_string_equal(r.ignored_columns, "Remarks");
    assert_no_full_ids(&r, "english.csv");
    gb_roster_free(&r);
}

static void test_header_aliases_ignore_case_spaces_and_underscores(void **state)
{
    (void)state;
    const struct {
        const char *header;
        int col;
    } cases[] = {
        {"学号", GB_COL_STUDENT_NO},       {"Student No", GB_COL_STUDENT_NO},
        {"STUDENT_ID", GB_COL_STUDENT_NO}, {"student-number", GB_COL_STUDENT_NO},
        {"*姓名", GB_COL_NAME},            {"\xE3\x80\x80姓 名", GB_COL_NAME},
        {"\xEF\xBB\xBF姓名", GB_COL_NAME}, {"Name", GB_COL_NAME},
        {"ID Card", GB_COL_ID_NUMBER},     {"身份证号码", GB_COL_ID_NUMBER},
        {"id_no", GB_COL_ID_NUMBER},       {"证件号码后四位", GB_COL_ID_LAST4},
        {"ID Last4", GB_COL_ID_LAST4},     {"Sex", GB_COL_GENDER},
        {"院系", GB_COL_COLLEGE},          {"Department", GB_COL_COLLEGE},
        {"学历层次", GB_COL_LEVEL},        {"Class Name", GB_COL_CLASS},
        {"学校特征码", GB_COL_FEATURE_CODE}, {"院校名称", GB_COL_SCHOOL},
        {"Phone", -1},                     {"", -1},
        {"姓名称", -1},                    {"学号码", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = gb_roster_col_for_header(cases[i].header);
        if (got != cases[i].col)
            fail_msg("header '%s' -> %d (%s), want %d", cases[i].header, got,
                     got >= 0 ? gb_roster_col_name((gb_roster_col)got) : "none", cases[i].col);
    }
    assert_string_equal(gb_roster_col_name(GB_COL_STUDENT_NO), "student_no");
    assert_string_equal(gb_roster_col_name(GB_COL_CLASS), "class");
    assert_string_equal(gb_roster_col_name(GB_COL_COUNT), "?");
}

static void test_gender_values_are_normalised(void **state)
{
    (void)state;
    gb_roster r;
    parse_fixture_ok("gender.csv", &r);
    const char *want[] = {"男", "女", "男", "女", "男", "女", "男", "女", "", "男"};
    assert_int_equal(r.nrows, 10);
    for (size_t i = 0; i < 10; i++)
        if (strcmp(r.rows[i].gender, want[i]) != 0)
            fail_msg("line %zu: gender '%s', want '%s'", r.rows[i].line, r.rows[i].gender, want[i]);
    assert_string_equal(r.rows[0].id_last4, "1234");
    gb_roster_free(&r);
}

static void test_bad_gender_is_a_problem_on_its_line(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("gender_bad.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 2);
    assert_problem(&r, 0, 3, "性别", "expected 男/女");
    assert_problem(&r, 1, 4, "性别", "expected 男/女");
    /* the message does not repeat the value */
    assert_null(strstr(r.problems[1].msg, "未知"));
    gb_roster_free(&r);
}

static void test_masked_and_short_ids_keep_their_last_four(void **state)
{
    (void)state;
    gb_roster r;
    parse_fixture_ok("masked_ids.csv", &r);
    const char *want[] = {"123X", "5678", "0011", "123X", "1123", "789X"};
    assert_int_equal(r.nrows, 6);
    for (size_t i = 0; i < 6; i++)
        if (strcmp(r.rows[i].id_last4, want[i]) != 0)
            fail_msg("line %zu: id_last4 '%s', want '%s'", r.rows[i].line, r.rows[i].id_last4, want[i]);
    assert_no_full_ids(&r, "masked_ids.csv");
    gb_roster_free(&r);
}

static void test_excel_and_malformed_ids_are_problems_without_the_number(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("bad_ids.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 6);
    assert_problem(&r, 0, 2, "身份证号", "Excel");
    assert_problem(&r, 1, 3, "身份证号", "Excel");
    assert_problem(&r, 2, 4, "身份证号", "character 17");
    assert_problem(&r, 3, 5, "身份证号", "this one has 14");
    assert_problem(&r, 4, 6, "身份证号", "end in a digit or X");
    assert_problem(&r, 5, 7, "身份证号", "empty");
    for (size_t i = 0; i < r.nproblems; i++) {
        const char *m = r.problems[i].msg;
        if (strstr(m, "10105") || strstr(m, "40305") || strstr(m, "20030506"))
            fail_msg("problem on line %zu repeats ID digits: %s", r.problems[i].line, m);
    }
    gb_roster_free(&r);
}

static void test_last4_column_takes_exactly_four_characters(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("last4.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 2);
    assert_problem(&r, 0, 4, "身份证后四位", "expected the last 4 characters");
    assert_problem(&r, 1, 5, "身份证后四位", "expected the last 4 characters");
    assert_string_equal(r.rows[0].id_last4, "123X");
    assert_string_equal(r.rows[1].id_last4, "0456");
    assert_no_full_ids(&r, "last4.csv");
    gb_roster_free(&r);
}

static void test_id_number_column_falls_back_to_last4_column(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号,身份证后四位\n"
                                "1,甲,110105200305061234,\n"
                                "2,乙,,567x\n"
                                "3,丙,310104200307125678,5678\n",
                                &r),
                     0);
    assert_int_equal(r.nrows, 3);
    assert_string_equal(r.rows[0].id_last4, "1234");
    assert_string_equal(r.rows[1].id_last4, "567X");
    assert_string_equal(r.rows[2].id_last4, "5678");
    gb_roster_free(&r);
    /* the two columns disagree: which is right is the school's to say */
    assert_int_equal(parse_text("学号,姓名,身份证号,身份证后四位\n3,丙,310104200307125678,9999\n", &r), -1);
    assert_problem(&r, 0, 2, "身份证后四位", "does not match the last 4");
    gb_roster_free(&r);

    assert_int_equal(parse_text("学号,姓名,身份证号,身份证后四位\n1,甲,,\n", &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 2, "身份证后四位", "empty");
    gb_roster_free(&r);
}

static void test_rejects_broken_quoting_with_line_and_column(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("broken_quote.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 0, "", "line 2, column 12: a quoted field is never closed");
    assert_int_equal(r.nrows, 0);
    assert_no_full_ids(&r, "broken_quote.csv");
    gb_roster_free(&r);

    assert_int_equal(parse_text("学号,姓名,身份证号\n1,\"王\"五,1234\n", &r), -1);
    assert_problem(&r, 0, 0, "", "line 2, column");
    assert_contains(r.problems[0].msg, "text after the closing quote");
    gb_roster_free(&r);
}

static void test_missing_required_columns_are_named(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("missing_column.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 1, "", "missing column 学号/student_no");
    assert_int_equal(r.nrows, 0);
    gb_roster_free(&r);

    assert_int_equal(parse_text("学号,姓名,性别\n1,甲,男\n", &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 1, "", "missing column 身份证号/id_number or 身份证后四位/id_last4");
    gb_roster_free(&r);

    assert_int_equal(parse_text("a,b,c\n1,2,3\n", &r), -1);
    assert_int_equal(r.nproblems, 3);
    assert_problem(&r, 0, 1, "", "姓名/name");
    assert_problem(&r, 1, 1, "", "学号/student_no");
    assert_problem(&r, 2, 1, "", "身份证号/id_number");
    assert_string_equal(r.ignored_columns, "a, b, c");
    gb_roster_free(&r);
}

static void test_second_column_for_the_same_field_is_a_problem(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,Name,身份证号\n1,甲,Jia,1234\n", &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 1, "Name", "a second column for name (the first is column 2)");
    gb_roster_free(&r);
}

static void test_duplicate_student_number_names_the_first_line(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("duplicate.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 3);
    assert_problem(&r, 0, 4, "学号", "the same student number is already on line 2");
    assert_problem(&r, 1, 6, "学号", "the same student number is already on line 3");
    assert_problem(&r, 2, 7, "学号", "the same student number is already on line 3");
    gb_roster_free(&r);
}

static void test_empty_file_is_a_problem(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("empty.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 0, "", "the file is empty");
    assert_int_equal(r.nrows, 0);
    gb_roster_free(&r);

    assert_int_equal(parse_text("\n\r\n,,,\n", &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 0, "", "no header and no rows");
    gb_roster_free(&r);
}

static void test_binary_junk_is_not_a_roster(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("binary.bin", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 0, "", "line 3 (byte 8): binary data");
    assert_int_equal(r.nrows, 0);
    gb_roster_free(&r);
}

static void test_rows_with_extra_nonempty_fields_are_problems(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("extra_fields.csv", NO_LIMIT, &r), -1);
    char buf[4096];
    dump_problems(&r, buf, sizeof buf);
    if (r.nproblems != 4)
        fail_msg("%zu problems, want 4:\n%s", r.nproblems, buf);
    /* line 3: "卫,兰" shifted every value one column to the right */
    assert_problem(&r, 0, 3, "", "5 fields but the header has 4 (an unquoted comma?)");
    assert_problem(&r, 1, 3, "性别", "expected 男/女");
    assert_problem(&r, 2, 3, "身份证号", "an ID number has 18 characters");
    /* line 4: empty extra fields are fine; line 5: text after ten spaces is not */
    assert_problem(&r, 3, 5, "", "6 fields but the header has 4");
    assert_no_full_ids(&r, "extra_fields.csv");
    gb_roster_free(&r);
}

static void test_more_than_the_listed_problems_are_counted(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("many_problems.csv", NO_LIMIT, &r), -1);
    assert_int_equal(r.nproblems, 30);
    for (size_t i = 0; i < 30; i++)
        assert_problem(&r, i, i + 2, "姓名", "empty");

    char buf[8192];
    gb_roster_format_problems(&r, "many.csv", 20, buf, sizeof buf);
    size_t lines = 0;
    for (const char *p = buf; *p; p++)
        lines += *p == '\n';
    if (lines != 21)
        fail_msg("%zu lines, want 20 problems and a summary:\n%s", lines, buf);
    assert_true(strncmp(buf, "many.csv line 2, column '姓名': empty\n", strlen("many.csv line 2, column '姓名': empty\n")) == 0);
    assert_contains(buf, "many.csv line 21, column '姓名': empty\n... and 10 more problems\n");
    assert_null(strstr(buf, "line 22,"));

    gb_roster_format_problems(&r, "many.csv", 29, buf, sizeof buf);
    assert_contains(buf, "line 30, column");
    assert_contains(buf, "\n... and 1 more problem\n");
    gb_roster_format_problems(&r, "many.csv", 30, buf, sizeof buf);
    assert_contains(buf, "line 31, column");
    assert_null(strstr(buf, "more problem"));

    /* a small buffer is filled, not overrun */
    char small[50];
    memset(small, 'Z', sizeof small);
    gb_roster_format_problems(&r, "many.csv", 20, small, sizeof small - 10);
    assert_true(strlen(small) < sizeof small - 10);
    assert_int_equal(small[sizeof small - 1], 'Z');
    gb_roster_free(&r);
}

/* Warnings are counted as warnings ("... and 136345 more problems" after
 * "warnings (imported anyway)" read as if the import had failed). */
static void test_format_warnings_says_warnings(void **state)
{
    (void)state;
    gb_roster r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 4; i++)
        gb_roster_add_warning(&r, (size_t)(10 + i), "身份证号", "odd %d", i);
    char buf[512];
    gb_roster_format_warnings(&r, "w.csv", 2, buf, sizeof buf);
    assert_string_equal(buf, "w.csv line 10, column '身份证号': odd 0\n"
                             "w.csv line 11, column '身份证号': odd 1\n"
                             "... and 2 more warnings\n");
    /* the staff screen's Chinese: the same places, each msg_zh */
    gb_roster_zh(&r.warnings[0], "怪 0");
    gb_roster_format_list(r.warnings, r.nwarnings, 1, 1, "w.csv", 1, buf, sizeof buf);
    assert_string_equal(buf, "w.csv 第 10 行，“身份证号”列：怪 0\n"
                             "……另有 3 条提醒\n");
    assert_int_equal(r.nproblems, 0);
    gb_roster_free(&r);
}

static void test_workbooks_are_recognised(void **state)
{
    (void)state;
    assert_true(gb_roster_is_workbook((const unsigned char *)"PK\x03\x04rest", 8));
    assert_true(gb_roster_is_workbook((const unsigned char *)"\xD0\xCF\x11\xE0\xA1\xB1", 6));
    assert_false(gb_roster_is_workbook((const unsigned char *)"PK,x\n", 5));
    assert_false(gb_roster_is_workbook((const unsigned char *)"PK", 2));
}

static void test_format_problems_without_line_or_column(void **state)
{
    (void)state;
    gb_roster r;
    memset(&r, 0, sizeof r);
    gb_roster_add_problem(&r, 0, "", "the file is empty");
    gb_roster_add_problem(&r, 7, NULL, "%d fields", 9);
    gb_roster_add_problem(&r, 8, "学号", "empty");
    char buf[512];
    gb_roster_format_problems(&r, "a.csv", 20, buf, sizeof buf);
    assert_string_equal(buf, "a.csv: the file is empty\n"
                             "a.csv line 7: 9 fields\n"
                             "a.csv line 8, column '学号': empty\n");
    gb_roster_free(&r);
}

static void test_add_problem_keeps_every_problem(void **state)
{
    (void)state;
    gb_roster r;
    memset(&r, 0, sizeof r);
    for (size_t i = 0; i < 1000; i++)
        gb_roster_add_problem(&r, i + 1, "学号", "problem %zu", i);
    assert_int_equal(r.nproblems, 1000);
    for (size_t i = 0; i < 1000; i++) {
        char want[32];
        snprintf(want, sizeof want, "problem %zu", i);
        if (r.problems[i].line != i + 1 || strcmp(r.problems[i].msg, want) != 0)
            fail_msg("problem %zu is line %zu '%s'", i, r.problems[i].line, r.problems[i].msg);
    }
    gb_roster_free(&r);
}

static void test_max_rows_limit_refuses_larger_files(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_fixture("utf8.csv", 4, &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_problem(&r, 0, 0, "", "5 rows is more than the limit of 4 ([roster] max_rows)");
    assert_int_equal(r.nrows, 0);
    gb_roster_free(&r);
    assert_int_equal(parse_fixture("utf8.csv", 5, &r), 0);
    assert_int_equal(r.nrows, 5);
    gb_roster_free(&r);
}

static void test_names_and_student_numbers_are_checked(void **state)
{
    (void)state;
    char text[1024];
    char longname[200] = "";
    for (int i = 0; i < 41; i++)
        strcat(longname, "长");
    snprintf(text, sizeof text,
             "学号,姓名,身份证后四位\n"
             "2023 01,甲,1234\n"
             ",乙,1234\n"
             "3,,1234\n"
             "4,%s,1234\n"
             "5,%.120s,1234\n"
             "6, 丁 ,1234\n",
             longname, longname);
    gb_roster r;
    assert_int_equal(parse_text(text, &r), -1);
    assert_int_equal(r.nproblems, 4);
    assert_problem(&r, 0, 2, "学号", "1-32 letters, digits");
    assert_problem(&r, 1, 3, "学号", "empty");
    assert_problem(&r, 2, 4, "姓名", "empty");
    assert_problem(&r, 3, 5, "姓名", "longer than 40 characters");
    /* 40 characters are fine, and values are trimmed */
    assert_string_equal(r.rows[5].name, "丁");
    gb_roster_free(&r);
}

/* Longer than the kiosk's fields keep: refused, not cut inside a
 * character on the way into the store. 42 Chinese characters (126
 * bytes) fit a school; 43 do not. */
static void test_fields_longer_than_the_store_keeps_are_refused(void **state)
{
    (void)state;
    char text[2048], fits[200] = "", over[200] = "", level[100] = "";
    for (int i = 0; i < 42; i++)
        strcat(fits, "学");
    snprintf(over, sizeof over, "%s院", fits);
    for (int i = 0; i < 22; i++)
        strcat(level, "硕");
    snprintf(text, sizeof text,
             "学号,姓名,身份证后四位,学校,专业,学历层次\n"
             "1,甲,1234,%s,%s,本科\n"
             "2,乙,1234,%s,软件工程,%s\n",
             fits, fits, over, level);
    gb_roster r;
    assert_int_equal(parse_text(text, &r), -1);
    assert_int_equal(r.nproblems, 2);
    assert_problem(&r, 0, 3, "学校", "too long: 129 bytes, at most 127 (42 Chinese characters)");
    assert_string_equal(r.problems[0].msg_zh, "太长：129 字节，最多 127（42 个汉字）");
    assert_problem(&r, 1, 3, "学历层次", "too long: 66 bytes, at most 63 (21 Chinese characters)");
    gb_roster_free(&r);
}

static void test_short_rows_leave_missing_fields_empty(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证后四位,学院,专业\n1,甲,1234\n", &r), 0);
    assert_int_equal(r.nrows, 1);
    assert_string_equal(r.rows[0].college, "");
    assert_string_equal(r.rows[0].major, "");
    assert_string_equal(r.rows[0].gender, "");
    gb_roster_free(&r);
}

static void test_header_only_roster_is_a_problem(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号\n", &r), -1);
    assert_int_equal(r.nproblems, 1);
    assert_non_null(strstr(r.problems[0].msg, "no students"));
    gb_roster_free(&r);
}

static void test_empty_student_numbers_are_not_duplicates_of_each_other(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号\n,甲,1234\n,乙,2345\n", &r), -1);
    for (size_t i = 0; i < r.nproblems; i++)
        if (strstr(r.problems[i].msg, "same student number"))
            fail_msg("line %zu: empty numbers reported as duplicates", r.problems[i].line);
    assert_int_equal(r.nproblems, 2); /* each says empty */
    gb_roster_free(&r);
}

static void test_header_with_full_stop_matches_alias(void **state)
{
    (void)state;
    assert_int_equal(gb_roster_col_for_header("Student No."), GB_COL_STUDENT_NO);
    assert_int_equal(gb_roster_col_for_header("ID No."), GB_COL_ID_NUMBER);
}

static void test_lowercase_excel_number_is_recognised(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号\n1,甲,1.10105e+17\n", &r), -1);
    assert_non_null(strstr(r.problems[0].msg, "Excel"));
    gb_roster_free(&r);
}

static void test_id_number_in_another_column_is_refused_and_not_kept(void **state)
{
    (void)state;
    gb_roster r;
    /* 11010519491231002X is a valid ID number (check digit X) */
    assert_int_equal(parse_text("学号,姓名,身份证号\n11010519491231002X,甲,1234\n2,11010519491231002X,2345\n", &r),
                     -1);
    assert_int_equal(r.nproblems, 2);
    assert_problem(&r, 0, 2, "学号", "holds an ID number");
    assert_problem(&r, 1, 3, "姓名", "holds an ID number");
    for (size_t i = 0; i < r.nproblems; i++)
        assert_null(strstr(r.problems[i].msg, "11010519491231002X"));
    gb_roster_free(&r);
    /* a long student number that is not an ID number is fine */
    assert_int_equal(parse_text("学号,姓名,身份证号\n202201010101010101,甲,1234\n", &r), 0);
    gb_roster_free(&r);
}

static void test_full_width_and_excel_protected_numbers_are_read(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号\n"
                                "\"=\"\"2022001\"\"\",甲,\"=\"\"11010519491231002X\"\"\"\n"
                                "'2022002,乙,'110105194912310021\n"
                                "２０２２００３,丙,１１０１０５１９４９１２３１００２Ｘ\n",
                                &r),
                     0);
    assert_string_equal(r.rows[0].student_no, "2022001");
    assert_string_equal(r.rows[0].id_last4, "002X");
    assert_string_equal(r.rows[1].student_no, "2022002");
    assert_string_equal(r.rows[1].id_last4, "0021");
    assert_string_equal(r.rows[2].student_no, "2022003");
    assert_string_equal(r.rows[2].id_last4, "002X");
    gb_roster_free(&r);
}

static void test_title_line_above_the_header_is_skipped(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("2026届毕业生图像采集名单,,\n学号,姓名,身份证后四位\n1,甲,1234\n", &r), 0);
    assert_int_equal(r.title_lines, 1);
    assert_int_equal(r.nrows, 1);
    assert_int_equal(r.rows[0].line, 3);
    gb_roster_free(&r);
}

static void test_wrong_check_digit_is_a_warning(void **state)
{
    (void)state;
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号\n1,甲,110105194912310025\n2,乙,11010519491231002X\n", &r), 0);
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(r.warnings[0].line, 2);
    assert_non_null(strstr(r.warnings[0].msg, "check digit"));
    gb_roster_free(&r);
    assert_true(gb_id_check_digit_ok("11010519491231002X"));
    assert_true(gb_looks_like_id_number("11010519491231002x"));
    assert_false(gb_looks_like_id_number("110105194913310021")); /* month 13 */
    assert_true(gb_looks_like_id_number("110105491231002"));     /* old 15-digit */
}

/* The kiosk's staff screen is in Chinese: every problem and warning the
 * parser can write carries Chinese words too, and the Chinese for a
 * problem passed on from the decoder, the CSV reader or the ID check is
 * theirs, not the English copied over. */
static void test_every_problem_and_warning_has_chinese_words(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len; /* 0: strlen */
        const char *zh; /* a part of the first problem's Chinese, or NULL */
    } cases[] = {
        {"", 0, "文件是空的"},
        {"\n\r\n,,,\n", 0, "没有表头"},
        {"学号,姓名,身份证号\n", 0, "只有表头"},
        {"学号,性别\n1,男\n", 0, "缺少“姓名”列"},
        {"学号,姓名,学号,身份证号\n1,甲,1,1234\n", 0, "又一个“学号”列（第一个是第 1 列）"},
        {"学号,姓名,身份证号\n\"1,甲,1234\n", 0, "没有结束的引号"},
        {"学号,姓名,身份证号\n1\x01,甲,1234\n", 0, "控制字符 0x01"},
        {"学号,姓名,身份证号\n1,甲,1234\0\n", 39, "NUL"}, /* 39 bytes, the NUL among them */
        {"学号,姓名,性别,身份证号\n1,,未知,1101052003\n1,乙,男,1.10105E+17\n", 0, "为空"},
        {"学号,姓名,身份证号,身份证后四位\n1,甲,11010520030101123X,1234\n2,乙,110105200301011A3X,\n", 0, NULL},
        {"学号,姓名,身份证后四位\n1,甲,12\n2,乙,123\n3,丙,1234,5\n", 0, NULL},
        {"学号,姓名,身份证号,学院\n1,甲,1234,11010520030101123X\n", 0, "身份证号只能填在"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        gb_roster r;
        size_t len = cases[c].len ? cases[c].len : strlen(cases[c].text);
        gb_roster_parse((const unsigned char *)cases[c].text, len, NO_LIMIT, &r);
        if (!r.nproblems)
            fail_msg("case %zu: no problem found", c);
        if (cases[c].zh && !strstr(r.problems[0].msg_zh, cases[c].zh))
            fail_msg("case %zu: first problem in Chinese is '%s', want '%s' in it", c, r.problems[0].msg_zh,
                     cases[c].zh);
        for (size_t i = 0; i < r.nproblems; i++)
            if (!r.problems[i].msg_zh[0] || strcmp(r.problems[i].msg_zh, r.problems[i].msg) == 0)
                fail_msg("case %zu line %zu: '%s' has no Chinese words ('%s')", c, r.problems[i].line,
                         r.problems[i].msg, r.problems[i].msg_zh);
        gb_roster_free(&r);
    }
    /* a wrong check digit is a warning, in both languages */
    gb_roster r;
    assert_int_equal(parse_text("学号,姓名,身份证号\n1,甲,110105200301011234\n", &r), 0);
    assert_int_equal(r.nwarnings, 1);
    assert_contains(r.warnings[0].msg, "check digit");
    assert_contains(r.warnings[0].msg_zh, "校验位不对");
    gb_roster_free(&r);
    /* over the row limit */
    const char *two = "学号,姓名,身份证号\n1,甲,1234\n2,乙,5678\n";
    assert_int_equal(gb_roster_parse((const unsigned char *)two, strlen(two), 1, &r), -1);
    assert_contains(r.problems[0].msg_zh, "共 2 行，超过了上限 1 行");
    gb_roster_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parses_utf8_roster_with_every_field),
        cmocka_unit_test(test_same_roster_in_every_encoding_gives_the_same_rows),
        cmocka_unit_test(test_english_headers_and_aliases),
        cmocka_unit_test(test_header_aliases_ignore_case_spaces_and_underscores),
        cmocka_unit_test(test_gender_values_are_normalised),
        cmocka_unit_test(test_bad_gender_is_a_problem_on_its_line),
        cmocka_unit_test(test_masked_and_short_ids_keep_their_last_four),
        cmocka_unit_test(test_excel_and_malformed_ids_are_problems_without_the_number),
        cmocka_unit_test(test_last4_column_takes_exactly_four_characters),
        cmocka_unit_test(test_id_number_column_falls_back_to_last4_column),
        cmocka_unit_test(test_rejects_broken_quoting_with_line_and_column),
        cmocka_unit_test(test_missing_required_columns_are_named),
        cmocka_unit_test(test_second_column_for_the_same_field_is_a_problem),
        cmocka_unit_test(test_duplicate_student_number_names_the_first_line),
        cmocka_unit_test(test_empty_file_is_a_problem),
        cmocka_unit_test(test_binary_junk_is_not_a_roster),
        cmocka_unit_test(test_rows_with_extra_nonempty_fields_are_problems),
        cmocka_unit_test(test_more_than_the_listed_problems_are_counted),
        cmocka_unit_test(test_format_problems_without_line_or_column),
        cmocka_unit_test(test_format_warnings_says_warnings),
        cmocka_unit_test(test_workbooks_are_recognised),
        cmocka_unit_test(test_add_problem_keeps_every_problem),
        cmocka_unit_test(test_max_rows_limit_refuses_larger_files),
        cmocka_unit_test(test_names_and_student_numbers_are_checked),
        cmocka_unit_test(test_fields_longer_than_the_store_keeps_are_refused),
        cmocka_unit_test(test_short_rows_leave_missing_fields_empty),
        cmocka_unit_test(test_header_only_roster_is_a_problem),
        cmocka_unit_test(test_empty_student_numbers_are_not_duplicates_of_each_other),
        cmocka_unit_test(test_header_with_full_stop_matches_alias),
        cmocka_unit_test(test_lowercase_excel_number_is_recognised),
        cmocka_unit_test(test_id_number_in_another_column_is_refused_and_not_kept),
        cmocka_unit_test(test_full_width_and_excel_protected_numbers_are_read),
        cmocka_unit_test(test_title_line_above_the_header_is_skipped),
        cmocka_unit_test(test_wrong_check_digit_is_a_warning),
        cmocka_unit_test(test_every_problem_and_warning_has_chinese_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
