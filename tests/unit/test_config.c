/* The configuration table: defaults, the INI parser and its error messages,
 * value syntaxes, cross-field checks, and the shipped kiosk-config file. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

/* Fails the test unless `hay` contains `needle`, showing both. */
#define assert_contains(hay, needle)                                                         \
    do {                                                                                     \
        if (!strstr((hay), (needle)))                                                        \
            fail_msg("expected '%s' in: %s", (needle), (hay));                               \
    } while (0)

static const gb_config_key *key_named(const char *section, const char *name)
{
    size_t n;
    const gb_config_key *keys = gb_config_keys(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0)
            return &keys[i];
    fail_msg("no key [%s] %s in the table", section, name);
    return NULL;
}

/* Parses text over the defaults; returns the result and leaves the message in err. */
static int parse(gb_config *cfg, const char *text, gb_err *err)
{
    gb_config_defaults(cfg);
    memset(err, 0, sizeof *err);
    return gb_config_parse_string(cfg, text, "kiosk.ini", err);
}

static void test_defaults_pass_the_cross_field_check(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err = {0};
    if (gb_config_check(&cfg, &err) != 0)
        fail_msg("defaults rejected: %s", err.msg);
    assert_string_equal(cfg.kiosk_id, "K01");
    assert_string_equal(cfg.language, "zh");
    assert_int_equal(cfg.photo_width, 480);
    assert_int_equal(cfg.photo_height, 640);
    assert_int_equal(cfg.idle_warning_s, 45);
    assert_int_equal(cfg.idle_timeout_s, 60);
    assert_int_equal(cfg.jpeg_min_kb, 20);
    assert_int_equal(cfg.jpeg_max_kb, 40);
    assert_string_equal(cfg.backdrops, "blue,white,grey");
    assert_int_equal(cfg.backdrop_blue.r, 100);
    assert_int_equal(cfg.backdrop_blue.g, 197);
    assert_int_equal(cfg.backdrop_blue.b, 255);
    assert_string_equal(cfg.camera_backend, "auto");
    assert_string_equal(cfg.data_dir, "");
    assert_int_equal(cfg.roster_errors_listed, 20);
    assert_int_equal(cfg.roster_max_rows, 200000);
}

static void test_every_key_is_documented_or_follows_its_min_sibling(void **state)
{
    (void)state;
    size_t n;
    const gb_config_key *keys = gb_config_keys(&n);
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++) {
        const gb_config_key *k = &keys[i];
        if (k->doc) {
            if (!k->doc[0])
                fail_msg("[%s] %s has an empty doc", k->section, k->name);
            continue;
        }
        /* An undocumented key is the _max_ partner right after its _min_ key. */
        if (i == 0)
            fail_msg("first key [%s] %s has no doc", k->section, k->name);
        const gb_config_key *prev = &keys[i - 1];
        char expect[128];
        snprintf(expect, sizeof expect, "%s", prev->name);
        char *m = strstr(expect, "min");
        if (strcmp(prev->section, k->section) != 0 || !m)
            fail_msg("[%s] %s has no doc and does not follow a *min* key of its section", k->section,
                     k->name);
        memcpy(m, "max", 3);
        if (strcmp(expect, k->name) != 0)
            fail_msg("[%s] %s has no doc; the key before it is %s, not its min partner", k->section,
                     k->name, prev->name);
    }
}

static void test_every_default_parses_and_formats_back(void **state)
{
    (void)state;
    size_t n;
    const gb_config_key *keys = gb_config_keys(&n);
    gb_config cfg, defaults;
    gb_config_defaults(&defaults);
    memset(&cfg, 0, sizeof cfg);
    for (size_t i = 0; i < n; i++) {
        gb_err err = {0};
        if (gb_config_set(&cfg, keys[i].section, keys[i].name, keys[i].def, &err) != 0)
            fail_msg("default of [%s] %s ('%s') rejected: %s", keys[i].section, keys[i].name,
                     keys[i].def, err.msg);
        char got[600];
        gb_config_format(&defaults, &keys[i], got, sizeof got);
        if (strcmp(got, keys[i].def) != 0)
            fail_msg("[%s] %s: default '%s' formats as '%s'", keys[i].section, keys[i].name,
                     keys[i].def, got);
    }
    assert_memory_equal(&cfg, &defaults, sizeof cfg);
}

static void test_valid_ini_overrides_only_the_keys_it_names(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    const char *ini = "; a comment\n"
                      "[kiosk]\n"
                      "id = K07\n"
                      "language = en\n"
                      "\n"
                      "[photo]\n"
                      "jpeg_max_kb = 60\n"
                      "backdrops = white, grey\n"
                      "backdrop_blue = 1,2,3\n"
                      "[roster]\n"
                      "errors_listed=5\n";
    if (parse(&cfg, ini, &err) != 0)
        fail_msg("valid ini rejected: %s", err.msg);
    assert_string_equal(cfg.kiosk_id, "K07");
    assert_string_equal(cfg.language, "en");
    assert_int_equal(cfg.jpeg_max_kb, 60);
    assert_string_equal(cfg.backdrops, "white,grey");
    assert_int_equal(cfg.backdrop_blue.r, 1);
    assert_int_equal(cfg.backdrop_blue.g, 2);
    assert_int_equal(cfg.backdrop_blue.b, 3);
    assert_int_equal(cfg.roster_errors_listed, 5);
    /* untouched keys keep their defaults */
    assert_int_equal(cfg.jpeg_min_kb, 20);
    assert_int_equal(cfg.idle_timeout_s, 60);
    assert_int_equal(cfg.backdrop_white.r, 255);
}

static void test_unknown_key_names_file_line_and_key(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    const char *ini = "[kiosk]\n"
                      "id = K02\n"
                      "; comment lines count too\n"
                      "\n"
                      "[photo]\n"
                      "colour_depth = 24\n"
                      "width = 480\n";
    assert_int_equal(parse(&cfg, ini, &err), -1);
    assert_contains(err.msg, "kiosk.ini");
    assert_contains(err.msg, "line 6");
    assert_contains(err.msg, "colour_depth");
    assert_contains(err.msg, "[photo]");
    assert_string_equal(err.msg, "kiosk.ini line 6: unknown key 'colour_depth' in section [photo]");
}

static void test_first_of_several_errors_is_reported_with_its_line(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    const char *ini = "[kiosk]\n"
                      "language = zh\n"
                      "idle_timeout_s = soon\n"
                      "bogus = 1\n";
    assert_int_equal(parse(&cfg, ini, &err), -1);
    assert_contains(err.msg, "line 3");
    assert_contains(err.msg, "idle_timeout_s");
    assert_null(strstr(err.msg, "bogus"));
}

static void test_unknown_section_is_named(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    assert_int_equal(parse(&cfg, "[kiosk]\nid = K01\n[printer]\nmodel = HiTi\n", &err), -1);
    assert_string_equal(err.msg, "kiosk.ini line 4: unknown section [printer] (key 'model')");
}

/* A header missing its ']' is that line's fault; it used to be reported
 * as line 2's "unknown section [] (key 'backend')". */
static void test_header_without_closing_bracket_is_named(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    assert_int_equal(parse(&cfg, "[kiosk]\nid = K01\n  [camera\nbackend = file\n", &err), -1);
    assert_string_equal(err.msg, "kiosk.ini line 3: '[camera' is a [section] header without its closing ']'");
    assert_int_equal(parse(&cfg, "[camera\r\nbackend = file\r\n", &err), -1);
    assert_string_equal(err.msg, "kiosk.ini line 1: '[camera' is a [section] header without its closing ']'");
}

static void test_line_that_is_not_key_value_is_an_error(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    assert_int_equal(parse(&cfg, "[kiosk]\nid = K01\njust some words\n", &err), -1);
    assert_contains(err.msg, "kiosk.ini line 3");
    assert_contains(err.msg, "key = value");
}

static void test_bad_integers_name_the_key_and_the_value(void **state)
{
    (void)state;
    const char *bad[] = {"abc", "12x", "3601", "9", "-5", "", " 12", "1.5", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gb_config cfg;
        gb_config_defaults(&cfg);
        gb_err err = {0};
        if (gb_config_set(&cfg, "kiosk", "idle_timeout_s", bad[i], &err) != -1)
            fail_msg("'%s' accepted for idle_timeout_s (now %d)", bad[i], cfg.idle_timeout_s);
        assert_contains(err.msg, "[kiosk] idle_timeout_s");
        assert_contains(err.msg, "from 10 to 3600");
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%s'", bad[i]);
        assert_contains(err.msg, quoted);
        assert_int_equal(cfg.idle_timeout_s, 60); /* unchanged */
    }
    /* through the file parser, with the line */
    gb_config cfg;
    gb_err err;
    assert_int_equal(parse(&cfg, "[photo]\nwidth = 480\ndpi = 12x\n", &err), -1);
    assert_string_equal(err.msg,
                        "kiosk.ini line 3: [photo] dpi: expected a whole number from 72 to 1200, got '12x'");
}

static void test_integer_limits_are_inclusive(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_set(&cfg, "photo", "jpeg_quality_min", "60", &err), 0);
    assert_int_equal(gb_config_set(&cfg, "photo", "jpeg_quality_min", "100", &err), 0);
    assert_int_equal(cfg.jpeg_quality_min, 100);
    assert_int_equal(gb_config_set(&cfg, "photo", "jpeg_quality_min", "59", &err), -1);
    assert_int_equal(gb_config_set(&cfg, "photo", "jpeg_quality_min", "101", &err), -1);
    assert_int_equal(cfg.jpeg_quality_min, 100);
}

static void test_bad_enum_lists_the_choices(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_set(&cfg, "kiosk", "language", "fr", &err), -1);
    assert_string_equal(err.msg, "[kiosk] language: expected one of zh|en, got 'fr'");
    /* a prefix or an extension of a choice is not a choice */
    assert_int_equal(gb_config_set(&cfg, "kiosk", "language", "z", &err), -1);
    assert_int_equal(gb_config_set(&cfg, "kiosk", "language", "zhx", &err), -1);
    assert_int_equal(gb_config_set(&cfg, "kiosk", "language", "EN", &err), -1);
    assert_string_equal(cfg.language, "zh");
    assert_int_equal(gb_config_set(&cfg, "camera", "backend", "v4l2", &err), 0);
    assert_string_equal(cfg.camera_backend, "v4l2");
    assert_int_equal(gb_config_set(&cfg, "camera", "backend", "v4l", &err), -1);
    assert_contains(err.msg, "auto|gphoto2|v4l2|file");
}

static void test_rgb_values_parse_with_spaces_and_reject_bad_triples(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_set(&cfg, "photo", "backdrop_grey", "100,197,255", &err), 0);
    assert_int_equal(cfg.backdrop_grey.r, 100);
    assert_int_equal(cfg.backdrop_grey.g, 197);
    assert_int_equal(cfg.backdrop_grey.b, 255);
    if (gb_config_set(&cfg, "photo", "backdrop_grey", " 1 , 2 , 3 ", &err) != 0)
        fail_msg("' 1 , 2 , 3 ' rejected: %s", err.msg);
    assert_int_equal(cfg.backdrop_grey.r, 1);
    assert_int_equal(cfg.backdrop_grey.g, 2);
    assert_int_equal(cfg.backdrop_grey.b, 3);
    char buf[32];
    gb_config_format(&cfg, key_named("photo", "backdrop_grey"), buf, sizeof buf);
    assert_string_equal(buf, "1,2,3");

    const char *bad[] = {"1,2", "1,2,300", "-1,2,3", "1,2,3,4", "1,2,3x", "red", "", "1;2;3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        if (gb_config_set(&cfg, "photo", "backdrop_grey", bad[i], &err) != -1)
            fail_msg("'%s' accepted as RGB (%d,%d,%d)", bad[i], cfg.backdrop_grey.r,
                     cfg.backdrop_grey.g, cfg.backdrop_grey.b);
        assert_contains(err.msg, "[photo] backdrop_grey");
        assert_contains(err.msg, "0-255");
    }
    assert_int_equal(cfg.backdrop_grey.r, 1); /* unchanged by the failures */
    assert_int_equal(cfg.backdrop_grey.b, 3);
}

static void test_backdrop_list_is_normalised_and_checked(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_set(&cfg, "photo", "backdrops", "blue, white", &err), 0);
    assert_string_equal(cfg.backdrops, "blue,white");
    assert_int_equal(gb_config_set(&cfg, "photo", "backdrops", " grey ,\tblue ", &err), 0);
    assert_string_equal(cfg.backdrops, "grey,blue");
    assert_int_equal(gb_config_set(&cfg, "photo", "backdrops", "white", &err), 0);
    assert_string_equal(cfg.backdrops, "white");

    const char *bad[] = {"blue, pink", "blue,,white", "blue,", "", "Blue", "blu"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        if (gb_config_set(&cfg, "photo", "backdrops", bad[i], &err) != -1)
            fail_msg("backdrops '%s' accepted as '%s'", bad[i], cfg.backdrops);
        assert_contains(err.msg, "[photo] backdrops");
    }
    assert_string_equal(cfg.backdrops, "white");
}

static void test_kiosk_id_and_string_lengths_are_checked(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_set(&cfg, "kiosk", "id", "ABCDEFGH12345678", &err), 0);
    assert_string_equal(cfg.kiosk_id, "ABCDEFGH12345678");
    assert_int_equal(gb_config_set(&cfg, "kiosk", "id", "ABCDEFGH123456789", &err), -1);
    assert_contains(err.msg, "[kiosk] id");
    assert_int_equal(gb_config_set(&cfg, "kiosk", "id", "K-01", &err), -1);
    assert_contains(err.msg, "'K-01'");
    assert_int_equal(gb_config_set(&cfg, "kiosk", "id", "", &err), -1);
    assert_string_equal(cfg.kiosk_id, "ABCDEFGH12345678");

    char longpath[700];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = 0;
    longpath[0] = '/';
    assert_int_equal(gb_config_set(&cfg, "kiosk", "data_dir", longpath, &err), -1);
    assert_contains(err.msg, "[kiosk] data_dir: longer than 511 bytes");
    assert_int_equal(gb_config_set(&cfg, "kiosk", "data_dir", "/var/lib/gradbooth", &err), 0);
    assert_string_equal(cfg.data_dir, "/var/lib/gradbooth");
}

static void test_eye_band_inverted_is_rejected(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    assert_int_equal(parse(&cfg, "[photo]\neyes_min_px = 310\n", &err), -1);
    assert_contains(err.msg, "kiosk.ini");
    assert_contains(err.msg, "eyes_min_px (310)");
    assert_contains(err.msg, "eyes_max_px (300)");

    gb_config_defaults(&cfg);
    cfg.jpeg_min_kb = 41;
    assert_int_equal(gb_config_check(&cfg, &err), -1);
    assert_string_equal(err.msg, "[photo] jpeg_min_kb (41) is greater than jpeg_max_kb (40)");

    gb_config_defaults(&cfg);
    cfg.eyes_max_px = 640; /* not inside a 640 px high photo */
    assert_int_equal(gb_config_check(&cfg, &err), -1);
    assert_contains(err.msg, "eye band");

    gb_config_defaults(&cfg);
    cfg.face_width_max_px = 481;
    assert_int_equal(gb_config_check(&cfg, &err), -1);
    assert_contains(err.msg, "face_width_max_px (481)");
}

static void test_idle_warning_must_come_before_the_timeout(void **state)
{
    (void)state;
    gb_config cfg;
    gb_err err;
    assert_int_equal(parse(&cfg, "[kiosk]\nidle_warning_s = 60\nidle_timeout_s = 60\n", &err), -1);
    assert_string_equal(err.msg,
                        "kiosk.ini: [kiosk] idle_warning_s (60) must be less than idle_timeout_s (60)");
    assert_int_equal(parse(&cfg, "[kiosk]\nidle_warning_s = 90\nidle_timeout_s = 60\n", &err), -1);
    assert_contains(err.msg, "idle_warning_s (90)");
    assert_int_equal(parse(&cfg, "[kiosk]\nidle_warning_s = 59\nidle_timeout_s = 60\n", &err), 0);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            buf = test_realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t n = fread(buf + len, 1, 4096, f);
        len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    buf[len] = 0;
    return buf;
}

static void test_shipped_ini_parses_and_documents_every_default(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/kiosk-config/gradbooth.ini", GB_SOURCE_DIR);
    char *text = read_text(path);
    gb_config cfg, defaults;
    gb_config_defaults(&defaults);
    gb_err err;
    if (parse(&cfg, text, &err) != 0)
        fail_msg("shipped gradbooth.ini rejected: %s", err.msg);
    size_t n;
    const gb_config_key *keys = gb_config_keys(&n);
    for (size_t i = 0; i < n; i++) {
        char got[600], def[600];
        gb_config_format(&cfg, &keys[i], got, sizeof got);
        gb_config_format(&defaults, &keys[i], def, sizeof def);
        if (strcmp(got, def) != 0)
            fail_msg("shipped ini sets [%s] %s to '%s'; the default is '%s'", keys[i].section,
                     keys[i].name, got, def);
    }
    int *found = test_calloc(n, sizeof *found);
    assert_non_null(found);
    char section[64] = "";
    size_t ini_keys = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == ' ' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (line[0] == '[') {
            char *close = strchr(line, ']');
            assert_non_null(close);
            snprintf(section, sizeof section, "%.*s", (int)(close - line - 1), line + 1);
            continue;
        }
        if (line[0] == ';' || line[0] == 0)
            continue;
        char *eq = strstr(line, " = ");
        if (!eq)
            eq = strstr(line, " =");
        if (!eq)
            fail_msg("shipped ini line not 'name = value': %s", line);
        *eq = 0;
        const char *value = eq[2] == ' ' ? eq + 3 : eq + 2;
        ini_keys++;
        int matched = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(keys[i].section, section) || strcmp(keys[i].name, line))
                continue;
            if (strcmp(value, keys[i].def) != 0)
                fail_msg("shipped ini [%s] %s = '%s' but the table's default is '%s'", section, line,
                         value, keys[i].def);
            found[i]++;
            matched = 1;
        }
        if (!matched)
            fail_msg("shipped ini has [%s] %s, which is not in the table", section, line);
    }
    for (size_t i = 0; i < n; i++)
        if (found[i] != 1)
            fail_msg("shipped ini documents [%s] %s %d times (want once as '%s = %s')",
                     keys[i].section, keys[i].name, found[i], keys[i].name, keys[i].def);
    assert_int_equal(ini_keys, n);
    test_free(found);
    test_free(text);
}

static void test_backdrop_allowed_matches_whole_words(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_set(&cfg, "photo", "backdrops", "blue, white", &err), 0);
    assert_true(gb_config_backdrop_allowed(&cfg, "blue"));
    assert_true(gb_config_backdrop_allowed(&cfg, "white"));
    assert_false(gb_config_backdrop_allowed(&cfg, "grey"));
    assert_false(gb_config_backdrop_allowed(&cfg, "blu"));
    assert_false(gb_config_backdrop_allowed(&cfg, "lue"));
    assert_false(gb_config_backdrop_allowed(&cfg, "whit"));
    assert_false(gb_config_backdrop_allowed(&cfg, "blue,white"));
    assert_false(gb_config_backdrop_allowed(&cfg, ""));
    gb_config_defaults(&cfg);
    assert_true(gb_config_backdrop_allowed(&cfg, "grey"));
}

static void test_key_given_twice_is_an_error_naming_the_second_line(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    gb_err err;
    assert_int_equal(gb_config_parse_string(&cfg, "[photo]\neyes_min_px = 210\n\neyes_min_px = 220\n", "k.ini", &err), -1);
    assert_string_equal(err.msg, "k.ini line 4: [photo] eyes_min_px is given twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_given_twice_is_an_error_naming_the_second_line),
        cmocka_unit_test(test_defaults_pass_the_cross_field_check),
        cmocka_unit_test(test_every_key_is_documented_or_follows_its_min_sibling),
        cmocka_unit_test(test_every_default_parses_and_formats_back),
        cmocka_unit_test(test_valid_ini_overrides_only_the_keys_it_names),
        cmocka_unit_test(test_unknown_key_names_file_line_and_key),
        cmocka_unit_test(test_first_of_several_errors_is_reported_with_its_line),
        cmocka_unit_test(test_unknown_section_is_named),
        cmocka_unit_test(test_header_without_closing_bracket_is_named),
        cmocka_unit_test(test_line_that_is_not_key_value_is_an_error),
        cmocka_unit_test(test_bad_integers_name_the_key_and_the_value),
        cmocka_unit_test(test_integer_limits_are_inclusive),
        cmocka_unit_test(test_bad_enum_lists_the_choices),
        cmocka_unit_test(test_rgb_values_parse_with_spaces_and_reject_bad_triples),
        cmocka_unit_test(test_backdrop_list_is_normalised_and_checked),
        cmocka_unit_test(test_kiosk_id_and_string_lengths_are_checked),
        cmocka_unit_test(test_eye_band_inverted_is_rejected),
        cmocka_unit_test(test_idle_warning_must_come_before_the_timeout),
        cmocka_unit_test(test_shipped_ini_parses_and_documents_every_default),
        cmocka_unit_test(test_backdrop_allowed_matches_whole_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
