/* Line breaking (gb_text_line_break): where lines end, measured with a
 * fixed-pitch stand-in for the font (every character one unit wide), so the
 * rules are tested without SDL: Chinese kinsoku (no closing punctuation at
 * the start of a line, no opening punctuation at its end), Latin words kept
 * whole, and no line wider than its box. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "ui/text.h"

/* Width of the first n bytes: one unit a character. */
static int chars_wide(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

#define MAX_LINES 64

/* Splits s into lines at width w: "a|b|c" in out. */
static int wrap(const char *s, int w, char *out, size_t size)
{
    out[0] = 0;
    int lines = 0;
    const char *p = s;
    while (*p && lines < MAX_LINES) {
        const char *next;
        size_t n = gb_text_line_break(p, w, chars_wide, NULL, &next);
        size_t k = strlen(out);
        snprintf(out + k, size - k, "%s%.*s", lines ? "|" : "", (int)n, p);
        assert_true(next > p); /* always progresses */
        p = next;
        lines++;
    }
    return lines;
}

static void assert_wraps(const char *s, int w, const char *want)
{
    char got[2048];
    wrap(s, w, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("'%s' at width %d: got '%s', want '%s'", s, w, got, want);
}

static void test_closing_punctuation_never_starts_a_line(void **state)
{
    (void)state;
    /* "）" would start line 2 at width 4: "四" goes down with it */
    assert_wraps("一二三四）五六", 4, "一二三|四）五六");
    /* two closers in a row ("）。"): both stay with the character before */
    assert_wraps("一二三四）。五六", 5, "一二三|四）。五六");
    assert_wraps("甲乙丙丁，戊己", 4, "甲乙丙|丁，戊己");
    assert_wraps("甲乙丙丁、戊己", 4, "甲乙丙|丁、戊己");
    assert_wraps("甲乙丙丁！戊己", 4, "甲乙丙|丁！戊己");
}

static void test_opening_punctuation_never_ends_a_line(void **state)
{
    (void)state;
    /* "（" would end line 1 at width 4 */
    assert_wraps("一二三（四五）", 4, "一二三|（四五）");
    assert_wraps("一二三「四」", 4, "一二三|「四」");
    assert_wraps("一二三【四】", 4, "一二三|【四】");
}

static void test_the_testers_staff_warning_breaks_before_the_parenthesis(void **state)
{
    (void)state;
    /* the tester saw "（gradbooth staff / set-pin）。" broken with "）。"
     * on a line of its own */
    const char *s = "请先设置密码（gradbooth staff / set-pin）。";
    char got[2048];
    for (int w = 6; w <= 40; w++) {
        wrap(s, w, got, sizeof got);
        for (const char *line = got; line; line = strchr(line, '|') ? strchr(line, '|') + 1 : NULL) {
            if (strncmp(line, "）", strlen("）")) == 0 || strncmp(line, "。", strlen("。")) == 0)
                fail_msg("width %d: a line starts with a closer: '%s'", w, got);
            const char *bar = strchr(line, '|');
            size_t len = bar ? (size_t)(bar - line) : strlen(line);
            if (len >= strlen("（") && strncmp(line + len - strlen("（"), "（", strlen("（")) == 0)
                fail_msg("width %d: a line ends with an opener: '%s'", w, got);
            if (chars_wide(NULL, line, len) > w)
                fail_msg("width %d: a line is %d wide: '%s'", w, chars_wide(NULL, line, len), got);
        }
    }
    assert_wraps(s, 12, "请先设置密码|（gradbooth|staff /|set-pin）。");
}

static void test_latin_words_stay_whole_and_spaces_are_dropped(void **state)
{
    (void)state;
    assert_wraps("Enter a valid mobile number", 12, "Enter a|valid mobile|number");
    /* a word longer than the box: cut where it is full, never drawn past it */
    assert_wraps("20240401012024040101", 8, "20240401|01202404|0101");
}

static void test_a_long_name_wraps_at_its_dots(void **state)
{
    (void)state;
    /* the middle dot of a transliterated name never starts a line */
    assert_wraps("阿卜杜热合曼·买买提·艾合买提江·库尔班", 7, "阿卜杜热合曼·|买买提·艾合买|提江·库尔班");
    assert_wraps("阿卜杜热合曼·买买提", 6, "阿卜杜热合|曼·买买提");
}

static void test_newlines_and_text_that_fits(void **state)
{
    (void)state;
    assert_wraps("一二\n三四", 10, "一二|三四");
    assert_wraps("一二三", 3, "一二三");
    assert_wraps("", 3, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closing_punctuation_never_starts_a_line),
        cmocka_unit_test(test_opening_punctuation_never_ends_a_line),
        cmocka_unit_test(test_the_testers_staff_warning_breaks_before_the_parenthesis),
        cmocka_unit_test(test_latin_words_stay_whole_and_spaces_are_dropped),
        cmocka_unit_test(test_a_long_name_wraps_at_its_dots),
        cmocka_unit_test(test_newlines_and_text_that_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
