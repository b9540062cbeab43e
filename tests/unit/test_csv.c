/* CSV as spreadsheets write it: delimiters, quoting, line breaks, line
 * numbers, dropped blank rows and structural errors with line and column. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

#define assert_contains(hay, needle)                                                         \
    do {                                                                                     \
        if (!strstr((hay), (needle)))                                                        \
            fail_msg("expected '%s' in: %s", (needle), (hay));                               \
    } while (0)

/* Parses text and fails the test on an error. */
static void parse_ok(const char *text, char delimiter, gb_csv *csv)
{
    gb_err err = {0};
    if (gb_csv_parse(text, delimiter, csv, &err) != 0)
        fail_msg("parse failed: %s", err.msg);
}

static void assert_row(const gb_csv *csv, size_t r, size_t line, size_t nfields, const char *const *want)
{
    if (r >= csv->nrows)
        fail_msg("row %zu missing: only %zu rows", r, csv->nrows);
    const gb_csv_row *row = &csv->rows[r];
    if (row->line != line)
        fail_msg("row %zu starts on line %zu, want %zu", r, row->line, line);
    if (row->nfields != nfields)
        fail_msg("row %zu has %zu fields, want %zu", r, row->nfields, nfields);
    for (size_t f = 0; f < nfields; f++)
        if (strcmp(row->fields[f], want[f]) != 0)
            fail_msg("row %zu field %zu is '%s', want '%s'", r, f, row->fields[f], want[f]);
}

static void test_detects_comma_tab_and_semicolon(void **state)
{
    (void)state;
    assert_int_equal(gb_csv_detect_delimiter("a,b,c\n1,2,3\n"), ',');
    assert_int_equal(gb_csv_detect_delimiter("学号\t姓名\t性别\n1\t2\t3\n"), '\t');
    assert_int_equal(gb_csv_detect_delimiter("a;b;c\r\n1;2;3\r\n"), ';');
    /* commas inside quotes do not count */
    assert_int_equal(gb_csv_detect_delimiter("\"x,y,z,w\";b;c\n"), ';');
    assert_int_equal(gb_csv_detect_delimiter("\"a,b,c,d,e\"\tb\n"), '\t');
    /* only the first line counts */
    assert_int_equal(gb_csv_detect_delimiter("a;b\n1,2,3,4,5\n"), ';');
    assert_int_equal(gb_csv_detect_delimiter("a;b\r1,2,3,4,5\r"), ';');
    /* a tie or nothing at all is a comma */
    assert_int_equal(gb_csv_detect_delimiter("a,b;c\n"), ',');
    assert_int_equal(gb_csv_detect_delimiter("name\n"), ',');
    assert_int_equal(gb_csv_detect_delimiter(""), ',');
}

static void test_parse_detects_the_delimiter_when_given_none(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("学号;姓名\n2023;陈静怡\n", 0, &csv);
    assert_int_equal(csv.delimiter, ';');
    assert_row(&csv, 1, 2, 2, (const char *[]){"2023", "陈静怡"});
    gb_csv_free(&csv);
    /* an explicit delimiter wins: commas are then plain text */
    parse_ok("a,b\tc\n", '\t', &csv);
    assert_int_equal(csv.delimiter, '\t');
    assert_row(&csv, 0, 1, 2, (const char *[]){"a,b", "c"});
    gb_csv_free(&csv);
}

static void test_quoted_fields_with_doubled_quotes_and_delimiters(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("name,note\n"
             "\"Wang, Xiaoming\",\"he said \"\"hi\"\"\"\n"
             "\"\",plain\n"
             "\"x\"  ,\"\"\"\"\n",
             0, &csv);
    assert_int_equal(csv.nrows, 4);
    assert_row(&csv, 1, 2, 2, (const char *[]){"Wang, Xiaoming", "he said \"hi\""});
    assert_row(&csv, 2, 3, 2, (const char *[]){"", "plain"});
    /* spaces after a closing quote are allowed and dropped */
    assert_row(&csv, 3, 4, 2, (const char *[]){"x", "\""});
    gb_csv_free(&csv);
}

static void test_embedded_newlines_advance_the_next_rows_line(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("name,address\n"
             "陈静怡,\"北京市\n海淀区\n颐和园路5号\"\n"
             "赵子轩,\"上海市\r\n徐汇区\"\r\n"
             "孙悦,广州\n",
             0, &csv);
    assert_int_equal(csv.nrows, 4);
    assert_row(&csv, 0, 1, 2, (const char *[]){"name", "address"});
    assert_row(&csv, 1, 2, 2, (const char *[]){"陈静怡", "北京市\n海淀区\n颐和园路5号"});
    assert_row(&csv, 2, 5, 2, (const char *[]){"赵子轩", "上海市\r\n徐汇区"});
    assert_row(&csv, 3, 7, 2, (const char *[]){"孙悦", "广州"});
    gb_csv_free(&csv);
}

static void test_crlf_and_lone_cr_end_rows(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("a,b\r\n1,2\r\n3,4", 0, &csv);
    assert_int_equal(csv.nrows, 3);
    assert_row(&csv, 1, 2, 2, (const char *[]){"1", "2"});
    assert_row(&csv, 2, 3, 2, (const char *[]){"3", "4"});
    gb_csv_free(&csv);

    parse_ok("a,b\r1,2\r3,4\r", 0, &csv);
    assert_int_equal(csv.nrows, 3);
    assert_row(&csv, 0, 1, 2, (const char *[]){"a", "b"});
    assert_row(&csv, 2, 3, 2, (const char *[]){"3", "4"});
    gb_csv_free(&csv);

    /* mixed endings, each one line */
    parse_ok("a\r\nb\nc\rd\n", 0, &csv);
    assert_int_equal(csv.nrows, 4);
    assert_row(&csv, 3, 4, 1, (const char *[]){"d"});
    gb_csv_free(&csv);
}

static void test_blank_lines_and_empty_field_rows_are_dropped(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("a,b,c,d,e\n"
             "\n"
             "1,2,,,\n"
             ",,,,\n"
             " , ,\t, ,\n"
             "\"\",\"\",,,\n"
             "3,,,,\n"
             ",,,,\r\n"
             "\n\n\r\n",
             0, &csv);
    if (csv.nrows != 3)
        fail_msg("%zu rows kept, want 3", csv.nrows);
    assert_row(&csv, 0, 1, 5, (const char *[]){"a", "b", "c", "d", "e"});
    assert_row(&csv, 1, 3, 5, (const char *[]){"1", "2", "", "", ""});
    assert_row(&csv, 2, 7, 5, (const char *[]){"3", "", "", "", ""});
    gb_csv_free(&csv);
}

static void test_trailing_delimiter_makes_an_empty_last_field(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("a,b,\n1,,\n", 0, &csv);
    assert_row(&csv, 0, 1, 3, (const char *[]){"a", "b", ""});
    assert_row(&csv, 1, 2, 3, (const char *[]){"1", "", ""});
    gb_csv_free(&csv);
}

static void test_quote_never_closed_reports_where_it_opened(void **state)
{
    (void)state;
    gb_csv csv;
    gb_err err = {0};
    assert_int_equal(gb_csv_parse("a,b\n"
                                  "1,2\n"
                                  "3,\"never closed\n"
                                  "4,5\n",
                                  0, &csv, &err),
                     -1);
    assert_string_equal(err.msg, "line 3, column 3: a quoted field is never closed");
    /* rows read before the error are freed, the result is empty */
    assert_int_equal(csv.nrows, 0);
    assert_null(csv.rows);

    assert_int_equal(gb_csv_parse("\"", 0, &csv, &err), -1);
    assert_string_equal(err.msg, "line 1, column 1: a quoted field is never closed");
}

static void test_text_after_a_closing_quote_reports_line_and_column(void **state)
{
    (void)state;
    gb_csv csv;
    gb_err err = {0};
    assert_int_equal(gb_csv_parse("a,b\n\"x\"y,2\n", 0, &csv, &err), -1);
    assert_string_equal(err.msg, "line 2, column 4: text after the closing quote of a field");
    assert_int_equal(csv.nrows, 0);

    /* after an embedded newline the line and column are where the junk is */
    assert_int_equal(gb_csv_parse("a,b\n1,\"two\nlines\" z\n", 0, &csv, &err), -1);
    assert_string_equal(err.msg, "line 3, column 8: text after the closing quote of a field");

    /* the classic: a quote inside a quoted field that was not doubled */
    assert_int_equal(gb_csv_parse("name,note\n1,\"say \"hi\" now\"\n", 0, &csv, &err), -1);
    assert_string_equal(err.msg, "line 2, column 9: text after the closing quote of a field");
}

static void test_quote_inside_an_unquoted_field_is_text(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("a,b\n5'11\" tall,x\n", 0, &csv);
    assert_row(&csv, 1, 2, 2, (const char *[]){"5'11\" tall", "x"});
    gb_csv_free(&csv);
}

static void test_leading_empty_field_is_kept(void **state)
{
    (void)state;
    /* the very first field is empty (UBSan once caught a memcpy from NULL here) */
    gb_csv csv;
    parse_ok(",a\n,b\n", 0, &csv);
    assert_int_equal(csv.nrows, 2);
    assert_row(&csv, 0, 1, 2, (const char *[]){"", "a"});
    assert_row(&csv, 1, 2, 2, (const char *[]){"", "b"});
    gb_csv_free(&csv);
}

static void test_empty_input_gives_no_rows(void **state)
{
    (void)state;
    gb_csv csv;
    parse_ok("", 0, &csv);
    assert_int_equal(csv.nrows, 0);
    assert_int_equal(csv.delimiter, ',');
    gb_csv_free(&csv);
    parse_ok("\n\r\n\n", 0, &csv);
    assert_int_equal(csv.nrows, 0);
    gb_csv_free(&csv);
    /* freeing twice is harmless */
    gb_csv_free(&csv);
}

static void test_many_rows_keep_their_line_numbers(void **state)
{
    (void)state;
    /* more rows than the first allocation, so the row array grows */
    enum { N = 3000 };
    char *text = malloc(N * 16 + 16);
    assert_non_null(text);
    size_t len = 0;
    for (int i = 0; i < N; i++)
        if (i % 100 == 50)
            len += (size_t)sprintf(text + len, "\n");
        else
            len += (size_t)sprintf(text + len, "%d,\"q%d\"\n", i, i);
    gb_csv csv;
    parse_ok(text, 0, &csv);
    assert_int_equal(csv.nrows, N - N / 100);
    for (size_t r = 0; r < csv.nrows; r++) {
        int i = atoi(csv.rows[r].fields[0]);
        if (csv.rows[r].line != (size_t)i + 1)
            fail_msg("row with %d is on line %zu, want %d", i, csv.rows[r].line, i + 1);
        char want[16];
        snprintf(want, sizeof want, "q%d", i);
        assert_string_equal(csv.rows[r].fields[1], want);
    }
    gb_csv_free(&csv);
    free(text);
}

static void test_error_column_counts_characters_not_bytes(void **state)
{
    (void)state;
    gb_csv csv;
    gb_err err;
    /* 姓名,"王 : the quote opens at the 4th character (byte 8) */
    assert_int_equal(gb_csv_parse("姓名,\"王\n", 0, &csv, &err), -1);
    assert_string_equal(err.msg, "line 1, column 4: a quoted field is never closed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_column_counts_characters_not_bytes),
        cmocka_unit_test(test_detects_comma_tab_and_semicolon),
        cmocka_unit_test(test_parse_detects_the_delimiter_when_given_none),
        cmocka_unit_test(test_quoted_fields_with_doubled_quotes_and_delimiters),
        cmocka_unit_test(test_embedded_newlines_advance_the_next_rows_line),
        cmocka_unit_test(test_crlf_and_lone_cr_end_rows),
        cmocka_unit_test(test_blank_lines_and_empty_field_rows_are_dropped),
        cmocka_unit_test(test_trailing_delimiter_makes_an_empty_last_field),
        cmocka_unit_test(test_quote_never_closed_reports_where_it_opened),
        cmocka_unit_test(test_text_after_a_closing_quote_reports_line_and_column),
        cmocka_unit_test(test_quote_inside_an_unquoted_field_is_text),
        cmocka_unit_test(test_leading_empty_field_is_kept),
        cmocka_unit_test(test_empty_input_gives_no_rows),
        cmocka_unit_test(test_many_rows_keep_their_line_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
