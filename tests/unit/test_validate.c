/* Validators (validate.h), money (money.h), masking (mask.h) and batch rules
 * (batch_rules.h): valid and invalid inputs for each. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/batch_rules.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/validate.h"

#define assert_contains(hay, needle)                                                         \
    do {                                                                                     \
        if (!strstr((hay), (needle)))                                                        \
            fail_msg("expected '%s' in: %s", (needle), (hay));                               \
    } while (0)

#define assert_lacks(hay, needle)                                                            \
    do {                                                                                     \
        if (strstr((hay), (needle)))                                                         \
            fail_msg("did not expect '%s' in: %s", (needle), (hay));                         \
    } while (0)

/* Checks a validator against lists of good and bad inputs, naming the culprit. */
static void check_validator(const char *what, int (*fn)(const char *), const char *const *good,
                            size_t ngood, const char *const *bad, size_t nbad)
{
    for (size_t i = 0; i < ngood; i++)
        if (fn(good[i]) != 1)
            fail_msg("%s: '%s' should be valid", what, good[i]);
    for (size_t i = 0; i < nbad; i++)
        if (fn(bad[i]) != 0)
            fail_msg("%s: '%s' should be invalid", what, bad[i]);
}
#define CHECK(fn, good, bad) \
    check_validator(#fn, fn, good, sizeof good / sizeof good[0], bad, sizeof bad / sizeof bad[0])

/* ---- validate.h ---- */

static void test_mobile_numbers_follow_1_3to9_and_nine_digits(void **state)
{
    (void)state;
    const char *good[] = {"13800138000", "19912345678", "15000000000", "17012345678"};
    const char *bad[] = {"12800138000", "10800138000", "23800138000", "1380013800",  "138001380000",
                         "1380013800a", "138-0013-800", "",            "+8613800138000", "１3800138000"};
    CHECK(gb_valid_mobile, good, bad);
}

static void test_normalize_mobile_strips_country_code_spaces_and_dashes(void **state)
{
    (void)state;
    char out[16];
    assert_int_equal(gb_normalize_mobile("+86 138-0013-8000", out, sizeof out), 0);
    assert_string_equal(out, "13800138000");
    assert_true(gb_valid_mobile(out));
    assert_int_equal(gb_normalize_mobile("0086 13800138000", out, sizeof out), 0);
    assert_string_equal(out, "13800138000");
    assert_int_equal(gb_normalize_mobile("  138 0013 8000", out, sizeof out), 0);
    assert_string_equal(out, "13800138000");
    assert_int_equal(gb_normalize_mobile("13800138000", out, sizeof out), 0);
    assert_string_equal(out, "13800138000");
    /* does not validate: letters pass through for the validator to refuse */
    assert_int_equal(gb_normalize_mobile("138abc", out, sizeof out), 0);
    assert_string_equal(out, "138abc");
    assert_false(gb_valid_mobile(out));
    /* too small a buffer fails instead of truncating */
    char small[11];
    assert_int_equal(gb_normalize_mobile("+86 138-0013-8000", small, sizeof small), -1);
    char exact[12];
    assert_int_equal(gb_normalize_mobile("+86 138-0013-8000", exact, sizeof exact), 0);
    assert_string_equal(exact, "13800138000");
}

static void test_email_accepts_practical_addresses(void **state)
{
    (void)state;
    char local64[80], long_ok[300];
    memset(local64, 'a', 64);
    strcpy(local64 + 64, "@example.com");
    const char *good[] = {
        "a@b.cn",
        "zhang.san+tag@mail.example.com",
        "li_lei-2003@stu.pku.edu.cn",
        "x@sub-domain.example.org",
        "wang.xiaoming@qq.com",
        local64,
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!gb_valid_email(good[i]))
            fail_msg("gb_valid_email: '%s' should be valid", good[i]);
    /* 254 characters in all is the limit */
    memset(long_ok, 0, sizeof long_ok);
    strcpy(long_ok, "a@");
    size_t len = 2;
    while (len + 64 <= 254 - 4) {
        memset(long_ok + len, 'b', 63);
        long_ok[len + 63] = '.';
        len += 64;
    }
    size_t fill = 254 - 3 - len;
    memset(long_ok + len, 'c', fill);
    strcpy(long_ok + len + fill, ".cn");
    assert_int_equal(strlen(long_ok), 254);
    if (!gb_valid_email(long_ok))
        fail_msg("254-character address rejected");
    long_ok[len] = 'd';
    memmove(long_ok + len + 1, long_ok + len, strlen(long_ok + len) + 1);
    assert_int_equal(strlen(long_ok), 255);
    assert_false(gb_valid_email(long_ok));
}

static void test_email_rejects_malformed_addresses(void **state)
{
    (void)state;
    char local65[80];
    memset(local65, 'a', 65);
    strcpy(local65 + 65, "@example.com");
    const char *bad[] = {
        "zhang.example.com",       /* missing @ */
        "zhang@san@example.com",   /* two @ */
        "zhang@examplecn",         /* no dot in domain */
        "zhang@example.com.",      /* trailing dot */
        "zhang@-example.com",      /* label starting with '-' */
        "zhang@example-.com",      /* label ending with '-' */
        "zhang san@example.com",   /* space in the local part */
        "zhang@exam ple.com",      /* space in the domain */
        " zhang@example.com",      /* untrimmed */
        "zhang@example.c",         /* one-letter top-level label */
        "zhang@example.c0m",       /* digits in the top-level label */
        ".zhang@example.com",      /* local part starting with a dot */
        "zhang.@example.com",      /* local part ending with a dot */
        "zhang..san@example.com",  /* double dot in the local part */
        "zhang@example..com",      /* double dot in the domain */
        "@example.com",            /* empty local part */
        "zhang@",                  /* empty domain */
        "zhang@.example.com",      /* domain starting with a dot */
        "zh(ang)@example.com",     /* specials */
        "张三@example.com",        /* non-ASCII */
        "zhang@例子.中国",         /* non-ASCII domain */
        "",
        local65,
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (gb_valid_email(bad[i]))
            fail_msg("gb_valid_email: '%s' should be invalid", bad[i]);
}

static void test_batch_kiosk_and_student_numbers(void **state)
{
    (void)state;
    const char *batch_good[] = {"2026BJ01", "DEMO2026", "abc", "2026_BJ-01",
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"};
    const char *batch_bad[] = {"ab", "", "2026 BJ", "批次01", "2026/BJ", "2026.BJ",
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"};
    CHECK(gb_valid_batch_no, batch_good, batch_bad);

    const char *kiosk_good[] = {"K01", "k", "ABCDEFGH12345678"};
    const char *kiosk_bad[] = {"", "K-01", "K_01", "K 01", "ABCDEFGH123456789", "亭1"};
    CHECK(gb_valid_kiosk_id, kiosk_good, kiosk_bad);

    const char *student_good[] = {"2022010101", "A", "S2023-001_b", "12345678901234567890123456789012"};
    const char *student_bad[] = {"", "20 22", "学号1", "2022.01", "123456789012345678901234567890123"};
    CHECK(gb_valid_student_no, student_good, student_bad);
}

static void test_id_suffix_is_four_digits_or_three_and_x(void **state)
{
    (void)state;
    const char *good[] = {"1234", "0000", "123X", "123x"};
    const char *bad[] = {"12345", "123", "", "12X4", "X123", "abcd", "123Y", "12 4", "１２３４"};
    CHECK(gb_valid_id_suffix, good, bad);
}

static void test_id_suffix_cuts_full_masked_and_short_forms(void **state)
{
    (void)state;
    const struct {
        const char *in, *want;
    } cases[] = {
        {"110105200305061234", "1234"}, {"31010420030712567X", "567X"},
        {"31010420030712567x", "567X"}, {"110105850101123", "1123"},
        {"110105********123X", "123X"}, {"**************0011", "0011"},
        {"1234", "1234"},               {"123x", "123X"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[5] = "????";
        gb_err err = {0};
        if (gb_id_suffix(cases[i].in, out, &err) != 0)
            fail_msg("'%s' refused: %s", cases[i].in, err.msg);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("'%s' -> '%s', want '%s'", cases[i].in, out, cases[i].want);
    }
}

static void test_id_suffix_errors_never_repeat_the_number(void **state)
{
    (void)state;
    char out[5];
    gb_err err;
    /* Excel's scientific notation: the digits are gone; say so, mention Excel */
    const char *excel[] = {"1.10105E+17", "4.40305E+17", "3.10104E+17"};
    for (size_t i = 0; i < sizeof excel / sizeof excel[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(gb_id_suffix(excel[i], out, &err), -1);
        assert_contains(err.msg, "Excel");
        assert_lacks(err.msg, excel[i]);
        char digits[6];
        memcpy(digits, excel[i] + 2, 5); /* "10105", "40305", ... */
        digits[5] = 0;
        assert_lacks(err.msg, digits);
    }
    /* wrong length: the count, not the number */
    memset(&err, 0, sizeof err);
    assert_int_equal(gb_id_suffix("1101052003050612", out, &err), -1);
    assert_contains(err.msg, "16");
    assert_lacks(err.msg, "1101052003050612");
    assert_lacks(err.msg, "20030506");
    memset(&err, 0, sizeof err);
    assert_int_equal(gb_id_suffix("1101052003050612345", out, &err), -1);
    assert_contains(err.msg, "19");
    assert_lacks(err.msg, "11010520030506");
    /* stars where digits must be, a bad last character, an X on a 15-digit number */
    memset(&err, 0, sizeof err);
    assert_int_equal(gb_id_suffix("1101052003050612**", out, &err), -1);
    assert_contains(err.msg, "character 17");
    assert_lacks(err.msg, "110105");
    memset(&err, 0, sizeof err);
    assert_int_equal(gb_id_suffix("11010520030506123A", out, &err), -1);
    assert_contains(err.msg, "end in a digit or X");
    memset(&err, 0, sizeof err);
    assert_int_equal(gb_id_suffix("11010585010112X", out, &err), -1);
    assert_contains(err.msg, "15-digit");
    assert_lacks(err.msg, "1101058501");
    memset(&err, 0, sizeof err);
    assert_int_equal(gb_id_suffix("", out, &err), -1);
    assert_contains(err.msg, "has 0");
    assert_int_equal(gb_id_suffix("****", out, &err), -1);
}

static void test_order_no_make_builds_kiosk_date_and_padded_sequence(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 26, 12, 3, 42), 0);
    assert_string_equal(buf, "K01-261203-00042");
    assert_true(gb_valid_order_no(buf));
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 26, 1, 9, 0), 0);
    assert_string_equal(buf, "K01-260109-00000");
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 0, 12, 31, 123456), 0);
    assert_string_equal(buf, "K01-001231-123456");

    /* whatever succeeds is a valid order number, and fits 32 characters */
    const char *kiosks[] = {"K", "K01", "ABCDEFGH12345678"};
    const unsigned long long seqs[] = {0, 1, 99999, 100000, 99999999, 100000000, 18446744073709551615ull};
    int ok_count = 0, fail_count = 0;
    for (size_t k = 0; k < 3; k++)
        for (size_t s = 0; s < sizeof seqs / sizeof seqs[0]; s++) {
            int rc = gb_order_no_make(buf, sizeof buf, kiosks[k], 99, 12, 31, seqs[s]);
            if (rc == 0) {
                ok_count++;
                if (!gb_valid_order_no(buf) || strlen(buf) > 32)
                    fail_msg("kiosk %s seq %llu made invalid '%s' (%zu chars)", kiosks[k], seqs[s], buf,
                             strlen(buf));
            } else {
                fail_count++;
                assert_int_equal(rc, -1);
            }
        }
    assert_true(ok_count > 0);
    assert_true(fail_count > 0);
    /* 16-char kiosk id: 8-digit sequences fit exactly, 9 digits do not */
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "ABCDEFGH12345678", 26, 12, 3, 99999999), 0);
    assert_int_equal(strlen(buf), 32);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "ABCDEFGH12345678", 26, 12, 3, 100000000), -1);
    /* a buffer too small fails rather than truncating into a different number */
    char small[16];
    assert_int_equal(gb_order_no_make(small, sizeof small, "K01", 26, 12, 3, 42), -1);
    char exact[17];
    assert_int_equal(gb_order_no_make(exact, sizeof exact, "K01", 26, 12, 3, 42), 0);
    assert_string_equal(exact, "K01-261203-00042");
}

static void test_order_no_make_refuses_bad_kiosk_ids_and_dates(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K-01", 26, 12, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "", 26, 12, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "ABCDEFGH123456789", 26, 12, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 100, 12, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", -1, 12, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 26, 13, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 26, 0, 3, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 26, 12, 32, 1), -1);
    assert_int_equal(gb_order_no_make(buf, sizeof buf, "K01", 26, 12, 0, 1), -1);

    const char *good[] = {"K01-261203-00042", "abcdef", "A_B-C1", "12345678901234567890123456789012"};
    const char *bad[] = {"K01-1", "", "K01 261203 00042", "K01/261203/00042",
                         "123456789012345678901234567890123", "订单-261203-00042"};
    CHECK(gb_valid_order_no, good, bad);
}

static void test_trim_removes_outer_whitespace_only(void **state)
{
    (void)state;
    const struct {
        const char *in, *want;
    } cases[] = {
        {"  a b \t\r\n", "a b"}, {"x", "x"}, {"", ""}, {"   ", ""}, {"\t张三 ", "张三"}, {"a  ", "a"},
        {"  a", "a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        char *r = gb_trim(buf);
        assert_ptr_equal(r, buf);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("trim('%s') = '%s', want '%s'", cases[i].in, buf, cases[i].want);
    }
}

/* ---- money.h ---- */

static void test_money_parses_yuan_with_up_to_two_decimals(void **state)
{
    (void)state;
    const struct {
        const char *in;
        long fen;
    } good[] = {{"20", 2000},  {"20.5", 2050},   {"20.00", 2000}, {"0", 0},
                {"0.01", 1},   {"20.05", 2005},  {"100000", 10000000}, {"100000.00", 10000000}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        long fen = -12345;
        if (gb_money_parse(good[i].in, &fen) != 0)
            fail_msg("'%s' refused", good[i].in);
        if (fen != good[i].fen)
            fail_msg("'%s' -> %ld fen, want %ld", good[i].in, fen, good[i].fen);
    }
    const char *bad[] = {"-1",  "20.001", "20,00", "1e3", "", ".", "20.", ".5", " 20", "20 ",
                         "+20", "100000.01", "1000000", "¥20", "20元", "0x10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long fen = -12345;
        if (gb_money_parse(bad[i], &fen) != -1)
            fail_msg("'%s' accepted as %ld fen", bad[i], fen);
        assert_int_equal(fen, -12345); /* untouched on failure */
    }
}

static void test_money_formats_fen_as_yuan_and_round_trips(void **state)
{
    (void)state;
    char buf[32];
    gb_money_format(2050, buf, sizeof buf);
    assert_string_equal(buf, "20.50");
    gb_money_format(2000, buf, sizeof buf);
    assert_string_equal(buf, "20.00");
    gb_money_format(0, buf, sizeof buf);
    assert_string_equal(buf, "0.00");
    gb_money_format(5, buf, sizeof buf);
    assert_string_equal(buf, "0.05");
    gb_money_format(10000000, buf, sizeof buf);
    assert_string_equal(buf, "100000.00");
    for (long fen = 0; fen <= 10000000; fen += 997) {
        long back = -1;
        gb_money_format(fen, buf, sizeof buf);
        if (gb_money_parse(buf, &back) != 0 || back != fen)
            fail_msg("%ld fen -> '%s' -> %ld", fen, buf, back);
    }
}

/* ---- mask.h ---- */

static void test_mask_name_keeps_the_first_character(void **state)
{
    (void)state;
    char out[64];
    gb_mask_name("张三丰", out, sizeof out);
    assert_string_equal(out, "张**");
    gb_mask_name("李华", out, sizeof out);
    assert_string_equal(out, "李*");
    gb_mask_name("王", out, sizeof out);
    assert_string_equal(out, "王");
    gb_mask_name("Li Lei", out, sizeof out);
    assert_string_equal(out, "L*****"); /* mask.h: one '*' per further character */
    gb_mask_name("", out, sizeof out);
    assert_string_equal(out, "");
    /* a buffer too small for the first character gives an empty string */
    char tiny[3];
    gb_mask_name("张三丰", tiny, sizeof tiny);
    assert_string_equal(tiny, "");
    /* a short buffer truncates stars, never splits the first character */
    char six[6];
    gb_mask_name("欧阳娜娜", six, sizeof six);
    assert_string_equal(six, "欧**");
    /* bad UTF-8 does not read past the end */
    gb_mask_name("\xE5", out, sizeof out);
    assert_string_equal(out, "\xE5");
}

static void test_mask_phone_and_email(void **state)
{
    (void)state;
    char out[64];
    gb_mask_phone("13800138000", out, sizeof out);
    assert_string_equal(out, "138****8000");
    gb_mask_phone("12345", out, sizeof out);
    assert_string_equal(out, "********");
    gb_mask_phone("", out, sizeof out);
    assert_string_equal(out, "");
    gb_mask_email("zhang.san@example.com", out, sizeof out);
    assert_string_equal(out, "z***@example.com");
    gb_mask_email("a@b.cn", out, sizeof out);
    assert_string_equal(out, "a***@b.cn");
    gb_mask_email("@example.com", out, sizeof out);
    assert_string_equal(out, "***");
    gb_mask_email("no-at-sign", out, sizeof out);
    assert_string_equal(out, "***");
    gb_mask_email("", out, sizeof out);
    assert_string_equal(out, "");
}

/* ---- batch_rules.h ---- */

static void test_local_minute_checks_the_calendar(void **state)
{
    (void)state;
    const char *good[] = {"2026-12-01 08:00", "2028-02-29 10:00", "2000-02-29 00:00",
                          "2026-12-31 23:59", "2026-04-30 12:30", "2026-01-31 00:00"};
    const char *bad[] = {
        "2026-02-29 10:00", /* not a leap year */
        "2100-02-29 10:00", /* century, not a leap year */
        "2026-12-01 24:00", "2026-12-01 23:60", "2026-13-01 08:00", "2026-00-10 08:00",
        "2026-04-31 08:00", "2026-12-00 08:00", "2026-12-1 08:00",  "2026/12/01 08:00",
        "2026-12-01T08:00", "2026-12-01 08:00:00", "1999-12-31 23:59", "", "2026-12-01 8:00 ",
        /* sscanf's %d alone would take signs and spaces in the digit places */
        "2026-+1-01 08:00", "2026-12-+1 08:00", "2026-12-01 -0:00", "2026-12- 1 08:00",
        "2026-12-01 08:-0", "+026-12-01 08:00",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!gb_valid_local_minute(good[i]))
            fail_msg("'%s' should be a valid local minute", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (gb_valid_local_minute(bad[i]))
            fail_msg("'%s' should be refused", bad[i]);
}

static void test_local_minute_formats_local_time(void **state)
{
    (void)state;
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZ", "CST-8", 1); /* POSIX form: UTC+8, needs no tzdata */
    tzset();
    char out[17];
    gb_local_minute((time_t)1796083200, out); /* 2026-12-01 00:00 UTC */
    assert_string_equal(out, "2026-12-01 08:00");
    assert_true(gb_valid_local_minute(out));
    setenv("TZ", "UTC", 1);
    tzset();
    gb_local_minute((time_t)1796083200, out);
    assert_string_equal(out, "2026-12-01 00:00");
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

static void test_window_check_says_which_end_and_why(void **state)
{
    (void)state;
    static const struct {
        const char *start, *end;
        gb_window_check want;
        int which;
    } cases[] = {
        {"2026-12-01 08:00", "2026-12-20 18:00", GB_WINDOW_CHECK_OK, 1},
        {"2026-12-1 08:00", "2026-12-20 18:00", GB_WINDOW_CHECK_SHAPE, 0},
        {"2026-12-01 8:00", "2026-12-20 18:00", GB_WINDOW_CHECK_SHAPE, 0},
        {"2026/12/01 08:00", "2026-12-20 18:00", GB_WINDOW_CHECK_SHAPE, 0},
        {"2026-1a-01 08:00", "2026-12-20 18:00", GB_WINDOW_CHECK_SHAPE, 0},
        {"2026-02-30 08:00", "2026-12-20 18:00", GB_WINDOW_CHECK_NOT_REAL, 0},
        {"2026-12-01 08:00", "2026-12-20 24:00", GB_WINDOW_CHECK_NOT_REAL, 1},
        {"2026-12-01 08:00", "", GB_WINDOW_CHECK_SHAPE, 1},
        {"2026-12-01 08:00", "2026-12-01 08:00", GB_WINDOW_CHECK_ORDER, 1},
        {"2026-12-01 08:00", "2026-11-30 23:59", GB_WINDOW_CHECK_ORDER, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int which = -1;
        gb_window_check got = gb_batch_window_check(cases[i].start, cases[i].end, &which);
        if (got != cases[i].want || which != cases[i].which)
            fail_msg("'%s' to '%s': got problem %d at %d, expected %d at %d", cases[i].start, cases[i].end,
                     (int)got, which, (int)cases[i].want, cases[i].which);
    }
}

static gb_batch good_batch(void)
{
    gb_batch b;
    memset(&b, 0, sizeof b);
    strcpy(b.batch_no, "2026BJ01");
    strcpy(b.school, "北京示例大学");
    b.price_fen = 2000;
    b.pay_mode = GB_PAY_STUDENT;
    strcpy(b.window_start, "2026-12-01 08:00");
    strcpy(b.window_end, "2026-12-20 18:00");
    strcpy(b.backdrop, "blue");
    b.active = 1;
    return b;
}

static void test_batch_validate_names_the_bad_field(void **state)
{
    (void)state;
    gb_err err = {0};
    gb_batch b = good_batch();
    if (gb_batch_validate(&b, &err) != 0)
        fail_msg("good batch refused: %s", err.msg);

    b = good_batch();
    strcpy(b.batch_no, "2026 BJ");
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_contains(err.msg, "batch number");

    b = good_batch();
    b.school[0] = 0;
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_string_equal(err.msg, "school: empty");

    b = good_batch();
    b.price_fen = -1;
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_contains(err.msg, "price");
    b.price_fen = 10000001;
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_contains(err.msg, "price");
    b.price_fen = 0; /* the school pays */
    assert_int_equal(gb_batch_validate(&b, &err), 0);

    b = good_batch();
    strcpy(b.window_start, "2026-02-30 08:00");
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_string_equal(err.msg, "window start: expected 'YYYY-MM-DD HH:MM', got '2026-02-30 08:00'");

    b = good_batch();
    strcpy(b.window_end, "2026-12-20 24:00");
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_contains(err.msg, "window end");
    assert_contains(err.msg, "2026-12-20 24:00");

    b = good_batch();
    strcpy(b.window_end, b.window_start);
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_contains(err.msg, "window: the end");
    strcpy(b.window_end, "2026-11-30 08:00");
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_contains(err.msg, "not after the start");

    b = good_batch();
    strcpy(b.backdrop, "red");
    assert_int_equal(gb_batch_validate(&b, &err), -1);
    assert_string_equal(err.msg, "backdrop: expected blue, white or grey, got 'red'");
    strcpy(b.backdrop, "grey");
    assert_int_equal(gb_batch_validate(&b, &err), 0);
}

static void test_batch_window_start_inclusive_end_exclusive(void **state)
{
    (void)state;
    gb_batch b = good_batch();
    const struct {
        const char *now;
        gb_window_state want;
    } cases[] = {
        {"2026-11-30 23:59", GB_WINDOW_BEFORE}, {"2026-12-01 07:59", GB_WINDOW_BEFORE},
        {"2026-12-01 08:00", GB_WINDOW_OPEN},   {"2026-12-10 12:00", GB_WINDOW_OPEN},
        {"2026-12-20 17:59", GB_WINDOW_OPEN},   {"2026-12-20 18:00", GB_WINDOW_AFTER},
        {"2027-01-01 00:00", GB_WINDOW_AFTER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gb_window_state got = gb_batch_window(&b, cases[i].now);
        if (got != cases[i].want)
            fail_msg("now %s: window state %d, want %d", cases[i].now, got, cases[i].want);
    }
}

static void test_negative_money_formats_with_a_sign(void **state)
{
    (void)state;
    char buf[32];
    gb_money_format(-50, buf, sizeof buf);
    assert_string_equal(buf, "-0.50");
    gb_money_format(-2000, buf, sizeof buf);
    assert_string_equal(buf, "-20.00");
}

static void test_id_length_message_counts_characters(void **state)
{
    (void)state;
    char out[5];
    gb_err err;
    assert_int_equal(gb_id_suffix("女", out, &err), -1);
    assert_non_null(strstr(err.msg, "this one has 1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negative_money_formats_with_a_sign),
        cmocka_unit_test(test_id_length_message_counts_characters),
        cmocka_unit_test(test_mobile_numbers_follow_1_3to9_and_nine_digits),
        cmocka_unit_test(test_normalize_mobile_strips_country_code_spaces_and_dashes),
        cmocka_unit_test(test_email_accepts_practical_addresses),
        cmocka_unit_test(test_email_rejects_malformed_addresses),
        cmocka_unit_test(test_batch_kiosk_and_student_numbers),
        cmocka_unit_test(test_id_suffix_is_four_digits_or_three_and_x),
        cmocka_unit_test(test_id_suffix_cuts_full_masked_and_short_forms),
        cmocka_unit_test(test_id_suffix_errors_never_repeat_the_number),
        cmocka_unit_test(test_order_no_make_builds_kiosk_date_and_padded_sequence),
        cmocka_unit_test(test_order_no_make_refuses_bad_kiosk_ids_and_dates),
        cmocka_unit_test(test_trim_removes_outer_whitespace_only),
        cmocka_unit_test(test_money_parses_yuan_with_up_to_two_decimals),
        cmocka_unit_test(test_money_formats_fen_as_yuan_and_round_trips),
        cmocka_unit_test(test_mask_name_keeps_the_first_character),
        cmocka_unit_test(test_mask_phone_and_email),
        cmocka_unit_test(test_local_minute_checks_the_calendar),
        cmocka_unit_test(test_local_minute_formats_local_time),
        cmocka_unit_test(test_window_check_says_which_end_and_why),
        cmocka_unit_test(test_batch_validate_names_the_bad_field),
        cmocka_unit_test(test_batch_window_start_inclusive_end_exclusive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
