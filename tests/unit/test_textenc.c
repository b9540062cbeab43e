/* Text encodings of roster files: UTF-8 validation, detection and conversion
 * of UTF-8 (BOM or not), GBK/GB18030 and UTF-16, and refusal of binary data
 * with the line and byte where it was found. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textenc.h"

#define assert_contains(hay, needle)                                                         \
    do {                                                                                     \
        if (!strstr((hay), (needle)))                                                        \
            fail_msg("expected '%s' in: %s", (needle), (hay));                               \
    } while (0)

#define U(s) ((const unsigned char *)(s))

/* Converts and fails the test on an error; returns the malloc'd text. */
static char *convert_ok(const void *data, size_t len, const char *want_encoding)
{
    char *out = NULL;
    size_t out_len = 0;
    const char *enc = NULL;
    gb_err err = {0};
    if (gb_text_to_utf8(data, len, &out, &out_len, &enc, &err) != 0)
        fail_msg("conversion failed: %s", err.msg);
    assert_non_null(out);
    assert_int_equal(out_len, strlen(out));
    if (strcmp(enc, want_encoding) != 0)
        fail_msg("detected %s, want %s", enc, want_encoding);
    return out;
}

/* Converts expecting failure; returns the message. */
static gb_err convert_bad(const void *data, size_t len)
{
    char *out = (char *)"untouched";
    size_t out_len = 0;
    const char *enc = NULL;
    gb_err err = {0};
    if (gb_text_to_utf8(data, len, &out, &out_len, &enc, &err) != -1)
        fail_msg("accepted as %s: '%s'", enc, out);
    assert_null(out);
    assert_true(err.msg[0] != 0);
    return err;
}

static void test_utf8_validation_finds_the_first_bad_byte(void **state)
{
    (void)state;
    size_t at = 999;
    assert_true(gb_utf8_valid(U("plain ascii"), 11, &at));
    assert_true(gb_utf8_valid(U("学号,姓名"), strlen("学号,姓名"), NULL));
    assert_true(gb_utf8_valid(U("\xF0\x9F\x98\x80"), 4, &at)); /* U+1F600 */
    assert_true(gb_utf8_valid(U("\xF4\x8F\xBF\xBF"), 4, &at)); /* U+10FFFF */
    assert_true(gb_utf8_valid(U("\xEF\xBF\xBF"), 3, &at));     /* U+FFFF */
    assert_true(gb_utf8_valid(U(""), 0, &at));

    const struct {
        const char *bytes;
        size_t len, bad_at;
        const char *what;
    } bad[] = {
        {"\xC0\xAF", 2, 0, "overlong 2-byte"},
        {"\xC1\xBF", 2, 0, "overlong 2-byte (C1)"},
        {"ab\xE0\x80\xAF", 5, 2, "overlong 3-byte"},
        {"\xF0\x8F\xBF\xBF", 4, 0, "overlong 4-byte"},
        {"x\xED\xA0\x80", 4, 1, "surrogate D800"},
        {"\xED\xBF\xBF", 3, 0, "surrogate DFFF"},
        {"\xF4\x90\x80\x80", 4, 0, "above U+10FFFF"},
        {"\xF5\x80\x80\x80", 4, 0, "F5 lead byte"},
        {"\xE4\xB8", 2, 0, "truncated at the end"},
        {"中\xE4\xB8x", 6, 3, "truncated before ASCII"},
        {"ab\xFF", 3, 2, "FF"},
        {"\x80", 1, 0, "lone continuation"},
        {"\xD6\xD0\xCE\xC4", 4, 0, "GBK bytes"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        at = 999;
        if (gb_utf8_valid(U(bad[i].bytes), bad[i].len, &at))
            fail_msg("%s accepted", bad[i].what);
        if (at != bad[i].bad_at)
            fail_msg("%s: bad byte reported at %zu, want %zu", bad[i].what, at, bad[i].bad_at);
    }
    /* the length bounds the scan: a valid prefix of a longer buffer */
    assert_true(gb_utf8_valid(U("ok\xFF"), 2, &at));
}

static void test_utf8_chars_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(gb_utf8_chars(""), 0);
    assert_int_equal(gb_utf8_chars("Li Lei"), 6);
    assert_int_equal(gb_utf8_chars("张三丰"), 3);
    assert_int_equal(gb_utf8_chars("软工2301"), 6);
    assert_int_equal(gb_utf8_chars("\xF0\x9F\x98\x80!"), 2);
}

static void test_plain_utf8_passes_through(void **state)
{
    (void)state;
    const char *text = "学号,姓名\n2023010101,陈静怡\n";
    char *out = convert_ok(text, strlen(text), "UTF-8");
    assert_string_equal(out, text);
    free(out);
    out = convert_ok("", 0, "UTF-8");
    assert_string_equal(out, "");
    free(out);
}

static void test_utf8_bom_is_detected_and_removed(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF学号,姓名\n";
    char *out = convert_ok(text, strlen(text), "UTF-8 with BOM");
    assert_string_equal(out, "学号,姓名\n");
    free(out);
}

static void test_gbk_bytes_convert_to_utf8(void **state)
{
    (void)state;
    /* 学号,姓名\n陈静怡 in GBK */
    const char gbk[] = "\xD1\xA7\xBA\xC5,\xD0\xD5\xC3\xFB\n\xB3\xC2\xBE\xB2\xE2\xF9";
    char *out = convert_ok(gbk, sizeof gbk - 1, "GB18030");
    assert_string_equal(out, "学号,姓名\n陈静怡");
    free(out);
}

static void test_gbk_fixture_converts_to_the_utf8_fixture(void **state)
{
    (void)state;
    size_t gbk_len, utf8_len;
    unsigned char *gbk = tu_read_fixture("rosters/gbk.csv", &gbk_len);
    unsigned char *utf8 = tu_read_fixture("rosters/utf8.csv", &utf8_len);
    assert_false(gb_utf8_valid(gbk, gbk_len, NULL)); /* really GBK, not UTF-8 */
    char *out = convert_ok(gbk, gbk_len, "GB18030");
    assert_int_equal(strlen(out), utf8_len);
    assert_memory_equal(out, utf8, utf8_len);
    free(out);
    free(gbk);
    free(utf8);
}

static void test_utf16le_fixture_converts_to_the_tab_fixture(void **state)
{
    (void)state;
    size_t u16_len, tab_len;
    unsigned char *u16 = tu_read_fixture("rosters/utf16le.txt", &u16_len);
    unsigned char *tab = tu_read_fixture("rosters/tab.tsv", &tab_len);
    assert_int_equal(u16[0], 0xFF);
    assert_int_equal(u16[1], 0xFE);
    char *out = convert_ok(u16, u16_len, "UTF-16LE");
    /* the UTF-16 file is the tab file with CRLF line ends */
    char *p = out, *q = out;
    size_t crs = 0;
    for (; *p; p++) {
        if (*p == '\r' && p[1] == '\n') {
            crs++;
            continue;
        }
        *q++ = *p;
    }
    *q = 0;
    assert_int_equal(crs, 6);
    assert_int_equal(strlen(out), tab_len);
    assert_memory_equal(out, tab, tab_len);
    free(out);
    free(u16);
    free(tab);
}

static void test_utf16be_with_bom_converts(void **state)
{
    (void)state;
    const char be[] = "\xFE\xFF\x5B\x66\x53\xF7\x00\x0A"; /* 学号\n */
    char *out = convert_ok(be, sizeof be - 1, "UTF-16BE");
    assert_string_equal(out, "学号\n");
    free(out);
}

static void test_refuses_odd_length_utf16(void **state)
{
    (void)state;
    const char le[] = "\xFF\xFE\x66\x5B\xF7"; /* 学 then half a unit */
    gb_err err = convert_bad(le, sizeof le - 1);
    assert_string_equal(err.msg, "byte 4: not valid UTF-16 text");
}

static void test_refuses_utf16_holding_nul_characters(void **state)
{
    (void)state;
    const char le[] = "\xFF\xFE" "a\0\0\0b\0"; /* a, U+0000, b */
    gb_err err = convert_bad(le, sizeof le - 1);
    assert_contains(err.msg, "NUL");
}

static void test_refuses_binary_with_nul_and_names_line_and_byte(void **state)
{
    (void)state;
    const char data[] = "学号,姓名\n2023\x00\x01";
    gb_err err = convert_bad(data, sizeof data - 1);
    /* "学号,姓名\n" is 14 bytes, then "2023": the NUL is byte 18 on line 2 */
    assert_string_equal(err.msg, "line 2 (byte 18): binary data (a NUL byte); this is not a CSV text file");
}

static void test_refuses_the_png_fixture(void **state)
{
    (void)state;
    size_t len;
    unsigned char *png = tu_read_fixture("rosters/binary.bin", &len);
    assert_int_equal(len, 2048);
    gb_err err = convert_bad(png, len);
    /* the PNG signature holds two \n before the first NUL at byte 8 */
    assert_string_equal(err.msg, "line 3 (byte 8): binary data (a NUL byte); this is not a CSV text file");
    free(png);
}

static void test_refuses_control_characters_that_decode(void **state)
{
    (void)state;
    const char data[] = "a,b\nc,d\ne\x1B[0m,f\n";
    gb_err err = convert_bad(data, sizeof data - 1);
    assert_string_equal(err.msg, "line 3: control character 0x1B: this is not a CSV text file");
    const char del[] = "a\x7F";
    err = convert_bad(del, sizeof del - 1);
    assert_contains(err.msg, "0x7F");
    /* tab, CR and LF are fine */
    char *out = convert_ok("a\tb\r\n", 5, "UTF-8");
    free(out);
}

static void test_rejects_gbk_roster_with_bad_bytes(void **state)
{
    (void)state;
    size_t len;
    unsigned char *gbk = tu_read_fixture("rosters/gbk.csv", &len);
    /* put 0xFF (never valid in GB18030) at the start of line 3 */
    size_t nl = 0, at = 0;
    for (size_t i = 0; i < len; i++)
        if (gbk[i] == '\n' && ++nl == 2) {
            at = i + 1;
            break;
        }
    assert_true(at > 0);
    gbk[at] = 0xFF;
    gb_err err = convert_bad(gbk, len);
    char want[64];
    snprintf(want, sizeof want, "line 3 (byte %zu)", at);
    assert_contains(err.msg, want);
    assert_contains(err.msg, "neither UTF-8 nor GBK");
    free(gbk);
}

static void test_rejects_bom_followed_by_invalid_utf8(void **state)
{
    (void)state;
    const char data[] = "\xEF\xBB\xBF" "a,b\n\xD6\xD0";
    gb_err err = convert_bad(data, sizeof data - 1);
    assert_string_equal(err.msg,
                        "line 2 (byte 7): the file starts with a UTF-8 mark but is not valid UTF-8");
}

static void test_random_high_bytes_are_refused(void **state)
{
    (void)state;
    /* deterministic junk without NULs: high bytes that are not GB18030 either */
    unsigned char junk[512];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(0x80 | (x >> 16));
    }
    gb_err err = convert_bad(junk, sizeof junk);
    assert_contains(err.msg, "line 1 (byte ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_validation_finds_the_first_bad_byte),
        cmocka_unit_test(test_utf8_chars_counts_code_points),
        cmocka_unit_test(test_plain_utf8_passes_through),
        cmocka_unit_test(test_utf8_bom_is_detected_and_removed),
        cmocka_unit_test(test_gbk_bytes_convert_to_utf8),
        cmocka_unit_test(test_gbk_fixture_converts_to_the_utf8_fixture),
        cmocka_unit_test(test_utf16le_fixture_converts_to_the_tab_fixture),
        cmocka_unit_test(test_utf16be_with_bom_converts),
        cmocka_unit_test(test_refuses_odd_length_utf16),
        cmocka_unit_test(test_refuses_utf16_holding_nul_characters),
        cmocka_unit_test(test_refuses_binary_with_nul_and_names_line_and_byte),
        cmocka_unit_test(test_refuses_the_png_fixture),
        cmocka_unit_test(test_refuses_control_characters_that_decode),
        cmocka_unit_test(test_rejects_gbk_roster_with_bad_bytes),
        cmocka_unit_test(test_rejects_bom_followed_by_invalid_utf8),
        cmocka_unit_test(test_random_high_bytes_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
