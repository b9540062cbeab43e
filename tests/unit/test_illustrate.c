/* The pictograms beside failed rules (ui/illustrate.c): every rule, and
 * every cause a rule names instead of its table message, has a picture of
 * its own (no quiet fallback for a rule the kiosk knows); an unknown id
 * gets the generic one; each picture is drawn, differs from the others and
 * shows the fault in the kiosk's red.
 *
 * GB_PICTO_SHEET=file.png writes every pictogram at 120 px and 60 px into
 * one picture, in the order of illustrate.h, to look at them. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "image/png.h"
#include "ui/illustrate.h"
#include "ui/widgets.h"
#include "vision/rules.h"

#define SIZE 120

static SDL_Surface *pics[GB_PIC_COUNT];

static int setup(void **state)
{
    (void)state;
    for (int i = 0; i < GB_PIC_COUNT; i++) {
        pics[i] = gb_pictogram_render((gb_pictogram)i, SIZE, NULL);
        if (!pics[i])
            return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < GB_PIC_COUNT; i++)
        SDL_FreeSurface(pics[i]);
    return 0;
}

static void rgb_at(SDL_Surface *s, int x, int y, int *r, int *g, int *b)
{
    Uint32 v = ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
    *r = (int)(v >> 16 & 255);
    *g = (int)(v >> 8 & 255);
    *b = (int)(v & 255);
}

static void test_every_rule_has_its_pictogram(void **state)
{
    (void)state;
    size_t n;
    const gb_rule *rules = gb_rules(&n);
    assert_true(n >= 21); /* the 21 of this writing, and any added since */
    for (size_t i = 0; i < n; i++) {
        if (!gb_pictogram_known(rules[i].id, NULL))
            fail_msg("rule %s has no pictogram in illustrate.c's table", rules[i].id);
        gb_pictogram p = gb_pictogram_for(rules[i].id, rules[i].msg_en);
        if (p == GB_PIC_GENERIC)
            fail_msg("rule %s falls back to the generic pictogram", rules[i].id);
    }
}

static void test_every_cause_has_its_pictogram(void **state)
{
    (void)state;
    size_t n;
    const gb_rule_variant *v = gb_rule_variants(&n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        if (!gb_pictogram_known(v[i].id, v[i].variant))
            fail_msg("rule %s, cause %s: no pictogram in illustrate.c's table", v[i].id, v[i].variant);
        assert_string_equal(gb_rule_variant_of(v[i].id, v[i].msg_en), v[i].variant);
        gb_pictogram p = gb_pictogram_for(v[i].id, v[i].msg_en);
        if (p == GB_PIC_GENERIC)
            fail_msg("rule %s, cause %s falls back to the generic pictogram", v[i].id, v[i].variant);
    }
}

/* The causes a student must tell apart get different pictures. */
static void test_causes_are_told_apart(void **state)
{
    (void)state;
    size_t n;
    const gb_rule *rules = gb_rules(&n);
    const char *frame_msg = NULL, *exposure_msg = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rules[i].id, "face.frame") == 0)
            frame_msg = rules[i].msg_en;
        if (strcmp(rules[i].id, "exposure") == 0)
            exposure_msg = rules[i].msg_en;
    }
    assert_non_null(frame_msg);
    assert_int_equal(gb_pictogram_for("face.frame", frame_msg), GB_PIC_OFF_CENTRE);
    const gb_rule_variant *v = gb_rule_variants(&n);
    for (size_t i = 0; i < n; i++) {
        gb_pictogram p = gb_pictogram_for(v[i].id, v[i].msg_en);
        if (strcmp(v[i].variant, "no-headroom") == 0)
            assert_int_equal(p, GB_PIC_HEAD_TOO_HIGH);
        if (strcmp(v[i].variant, "head-low") == 0)
            assert_int_equal(p, GB_PIC_HEAD_TOO_LOW);
        if (strcmp(v[i].variant, "too-dark") == 0)
            assert_int_equal(p, GB_PIC_TOO_DARK);
        if (strcmp(v[i].variant, "too-bright") == 0)
            assert_int_equal(p, GB_PIC_TOO_BRIGHT);
        if (strcmp(v[i].variant, "no-face") == 0)
            assert_int_equal(p, GB_PIC_NO_FACE);
        if (strcmp(v[i].variant, "want-blue") == 0)
            assert_int_equal(p, GB_PIC_BACKDROP_BLUE);
    }
    assert_int_equal(gb_pictogram_for("exposure", exposure_msg), GB_PIC_EXPOSURE);
}

static void test_unknown_rule_gets_the_generic_pictogram(void **state)
{
    (void)state;
    assert_int_equal(gb_pictogram_for("no.such.rule", "Something."), GB_PIC_GENERIC);
    assert_int_equal(gb_pictogram_for(NULL, NULL), GB_PIC_GENERIC);
    assert_false(gb_pictogram_known("no.such.rule", NULL));
    /* a known rule with a message it never gives: not a cause, its own picture */
    assert_int_equal(gb_pictogram_for("eyes.open", "Something else."), GB_PIC_EYES_CLOSED);
    assert_string_equal(gb_pictogram_name(GB_PIC_TILTED), "tilted");
}

/* Share of pixels near the kiosk's red (GB_C_BAD). */
static double red_share(SDL_Surface *s)
{
    long n = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            int r, g, b;
            rgb_at(s, x, y, &r, &g, &b);
            if (abs(r - GB_C_BAD.r) < 45 && abs(g - GB_C_BAD.g) < 45 && abs(b - GB_C_BAD.b) < 45)
                n++;
        }
    return (double)n / (s->w * s->h);
}

static void test_pictograms_show_the_fault_in_red(void **state)
{
    (void)state;
    for (int i = 0; i < GB_PIC_COUNT; i++) {
        double share = red_share(pics[i]);
        if (share < 0.004)
            fail_msg("pictogram %s: %.2f%% of its pixels are the fault red, at least 0.4%% wanted",
                     gb_pictogram_name((gb_pictogram)i), share * 100);
    }
}

/* Mean absolute difference of two pictures, 0-255. */
static double difference(SDL_Surface *a, SDL_Surface *b)
{
    double sum = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            int r1, g1, b1, r2, g2, b2;
            rgb_at(a, x, y, &r1, &g1, &b1);
            rgb_at(b, x, y, &r2, &g2, &b2);
            sum += abs(r1 - r2) + abs(g1 - g2) + abs(b1 - b2);
        }
    return sum / (3.0 * a->w * a->h);
}

static void test_pictograms_differ(void **state)
{
    (void)state;
    for (int i = 0; i < GB_PIC_COUNT; i++) {
        assert_int_equal(pics[i]->w, SIZE);
        for (int j = i + 1; j < GB_PIC_COUNT; j++) {
            /* white and light grey differ in their swatch only, as little
             * as the colours do (the message names the colour) */
            if (i == GB_PIC_BACKDROP_WHITE && j == GB_PIC_BACKDROP_GREY)
                continue;
            double d = difference(pics[i], pics[j]);
            if (d < 2.0)
                fail_msg("pictograms %s and %s differ by %.2f (mean per channel), at least 2 wanted",
                         gb_pictogram_name((gb_pictogram)i), gb_pictogram_name((gb_pictogram)j), d);
        }
    }
}

/* The picture of a wanted backdrop shows that colour, from the config. */
static void test_backdrop_pictogram_uses_the_configured_colour(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    cfg.backdrop_blue = (gb_rgb){0, 255, 0}; /* a centre's odd "blue" */
    SDL_Surface *s = gb_pictogram_render(GB_PIC_BACKDROP_BLUE, SIZE, &cfg);
    assert_non_null(s);
    long green = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            int r, g, b;
            rgb_at(s, x, y, &r, &g, &b);
            green += r < 20 && g > 235 && b < 20;
        }
    SDL_FreeSurface(s);
    if (green < 100)
        fail_msg("the wanted-blue pictogram shows %ld pixels of the configured colour, at least 100 wanted", green);
}

static void write_sheet(const char *path)
{
    int cols = 8, cell = SIZE + 10, rows = (GB_PIC_COUNT + cols - 1) / cols;
    gb_image *img = gb_image_new(cols * cell, rows * cell * 2);
    if (!img)
        return;
    memset(img->pixels, 255, img->stride * (size_t)img->height);
    for (int i = 0; i < GB_PIC_COUNT; i++)
        for (int half = 0; half < 2; half++) {
            SDL_Surface *s = half ? gb_pictogram_render((gb_pictogram)i, SIZE / 2, NULL) : pics[i];
            int ox = (i % cols) * cell + 5, oy = (i / cols) * cell + half * rows * cell + 5;
            for (int y = 0; y < s->h; y++)
                for (int x = 0; x < s->w; x++) {
                    int r, g, b;
                    rgb_at(s, x, y, &r, &g, &b);
                    unsigned char *o = gb_image_px(img, ox + x, oy + y);
                    o[0] = (unsigned char)r;
                    o[1] = (unsigned char)g;
                    o[2] = (unsigned char)b;
                }
            if (half)
                SDL_FreeSurface(s);
        }
    gb_err err;
    if (gb_png_write_file(img, path, &err) < 0)
        fprintf(stderr, "sheet: %s\n", err.msg);
    gb_image_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rule_has_its_pictogram),
        cmocka_unit_test(test_every_cause_has_its_pictogram),
        cmocka_unit_test(test_causes_are_told_apart),
        cmocka_unit_test(test_unknown_rule_gets_the_generic_pictogram),
        cmocka_unit_test(test_pictograms_show_the_fault_in_red),
        cmocka_unit_test(test_pictograms_differ),
        cmocka_unit_test(test_backdrop_pictogram_uses_the_configured_colour),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    const char *sheet = getenv("GB_PICTO_SHEET");
    if (sheet && setup(NULL) == 0) {
        write_sheet(sheet);
        teardown(NULL);
    }
    return rc;
}
