/* Cutting the 480x640 photo: every band of the spec met when possible, and
 * the right reason when not. */
#include "testutil.h"

#include <math.h>

#include "vision/crop.h"

static gb_spec chsi(void)
{
    gb_config cfg;
    gb_config_defaults(&cfg);
    return gb_spec_from_config(&cfg);
}

static void assert_in_band(const char *what, double v, double lo, double hi)
{
    if (v < lo - 1e-6 || v > hi + 1e-6)
        fail_msg("%s = %.1f, outside %.0f-%.0f", what, v, lo, hi);
}

static void test_centred_portrait_meets_every_band(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    gb_head_geom h = {.centre_x = 1500, .eye_y = 1600, .crown_y = 1000, .face_width = 800};
    gb_crop c = gb_crop_solve(&sp, &h, 3000, 4000, 1.0);
    assert_int_equal(c.status, GB_CROP_OK);
    assert_in_band("face width", c.face_w_out, 180, 300);
    assert_in_band("eye line", c.eye_out, 200, 300);
    assert_in_band("head top", c.crown_out, 50, 110);
    /* the cut is inside the source and has the output's aspect ratio */
    assert_true(c.x >= 0 && c.y >= 0 && c.x + c.w <= 3000 + 1e-6 && c.y + c.h <= 4000 + 1e-6);
    assert_true(fabs(c.w / c.h - 480.0 / 640.0) < 1e-9);
    /* centred: the face midline is the cut's midline */
    assert_true(fabs(c.x + c.w / 2 - 1500) < 1e-6);
    /* consistent: eye line maps to eye_out */
    assert_true(fabs((h.eye_y - c.y) * c.scale - c.eye_out) < 1e-6);
    assert_true(fabs((h.crown_y - c.y) * c.scale - c.crown_out) < 1e-6);
}

static void test_prefers_the_middle_of_the_bands(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    gb_head_geom h = {.centre_x = 1500, .eye_y = 1600, .crown_y = 1000, .face_width = 800};
    gb_crop c = gb_crop_solve(&sp, &h, 3000, 4000, 1.0);
    /* nothing pushes it to an edge, so it lands near the middles */
    assert_in_band("face width near 240", c.face_w_out, 225, 255);
    assert_in_band("eye line near 250", c.eye_out, 225, 275);
}

static void test_head_against_top_edge_has_no_headroom(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    gb_head_geom h = {.centre_x = 1500, .eye_y = 620, .crown_y = 20, .face_width = 800};
    gb_crop c = gb_crop_solve(&sp, &h, 3000, 4000, 1.0);
    assert_int_equal(c.status, GB_CROP_NO_HEADROOM);
}

static void test_small_face_would_need_upscaling(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    gb_head_geom h = {.centre_x = 400, .eye_y = 400, .crown_y = 330, .face_width = 100};
    gb_crop c = gb_crop_solve(&sp, &h, 800, 1000, 1.0);
    assert_int_equal(c.status, GB_CROP_TOO_SMALL);
    /* the same face is fine if the source were allowed to be upscaled */
    c = gb_crop_solve(&sp, &h, 800, 1000, 4.0);
    assert_int_equal(c.status, GB_CROP_OK);
}

static void test_face_at_an_edge_cannot_be_centred(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    gb_head_geom h = {.centre_x = 200, .eye_y = 1600, .crown_y = 1000, .face_width = 800};
    assert_int_equal(gb_crop_solve(&sp, &h, 3000, 4000, 1.0).status, GB_CROP_CUT_LEFT);
    h.centre_x = 2800;
    assert_int_equal(gb_crop_solve(&sp, &h, 3000, 4000, 1.0).status, GB_CROP_CUT_RIGHT);
}

static void test_face_too_low_is_cut_at_the_bottom(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    gb_head_geom h = {.centre_x = 1500, .eye_y = 3900, .crown_y = 3300, .face_width = 800};
    assert_int_equal(gb_crop_solve(&sp, &h, 3000, 4000, 1.0).status, GB_CROP_CUT_BOTTOM);
}

static void test_impossible_proportions(void **state)
{
    (void)state;
    gb_spec sp = chsi();
    /* crown 10 px above the eyes: no scale puts the crown 90+ px above them */
    gb_head_geom h = {.centre_x = 1500, .eye_y = 1600, .crown_y = 1590, .face_width = 800};
    assert_int_equal(gb_crop_solve(&sp, &h, 3000, 4000, 1.0).status, GB_CROP_PROPORTIONS);
    h.crown_y = 1700; /* crown below the eyes: a measurement error */
    assert_int_equal(gb_crop_solve(&sp, &h, 3000, 4000, 1.0).status, GB_CROP_PROPORTIONS);
}

static void test_follows_configured_bands(void **state)
{
    (void)state;
    gb_config cfg;
    gb_config_defaults(&cfg);
    cfg.eyes_min_px = 280;
    cfg.eyes_max_px = 300;
    gb_spec sp = gb_spec_from_config(&cfg);
    gb_head_geom h = {.centre_x = 1500, .eye_y = 1600, .crown_y = 1000, .face_width = 800};
    gb_crop c = gb_crop_solve(&sp, &h, 3000, 4000, 1.0);
    assert_int_equal(c.status, GB_CROP_OK);
    assert_in_band("eye line", c.eye_out, 280, 300);
}

static void test_face_a_little_off_centre_at_the_edge_is_shifted_within_tolerance(void **state)
{
    (void)state;
    gb_spec sp = chsi(); /* centre tolerance 6 output px */
    /* an already standardised 480x640 photo whose face sits 3 px left of centre */
    gb_head_geom h = {.centre_x = 237, .eye_y = 270, .crown_y = 80, .face_width = 220};
    gb_crop c = gb_crop_solve(&sp, &h, 480, 640, 1.0);
    assert_int_equal(c.status, GB_CROP_OK);
    assert_true(c.x >= 0 && c.x + c.w <= 480 + 1e-6);
    double off = (c.x + c.w / 2 - h.centre_x) * c.scale;
    if (fabs(off) > 6 + 1e-6)
        fail_msg("face midline %.1f px off the photo's, tolerance 6", off);
    /* 20 px off is beyond the tolerance: not centred */
    h.centre_x = 220;
    assert_int_equal(gb_crop_solve(&sp, &h, 480, 640, 1.0).status, GB_CROP_CUT_LEFT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_centred_portrait_meets_every_band),
        cmocka_unit_test(test_prefers_the_middle_of_the_bands),
        cmocka_unit_test(test_head_against_top_edge_has_no_headroom),
        cmocka_unit_test(test_small_face_would_need_upscaling),
        cmocka_unit_test(test_face_at_an_edge_cannot_be_centred),
        cmocka_unit_test(test_face_too_low_is_cut_at_the_bottom),
        cmocka_unit_test(test_impossible_proportions),
        cmocka_unit_test(test_follows_configured_bands),
        cmocka_unit_test(test_face_a_little_off_centre_at_the_edge_is_shifted_within_tolerance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
