/* Region decode for the output photo: the same pixels as cutting the region
 * out of a full decode (at scale 1, for every orientation), the expected
 * DCT reduction when a smaller result suffices, the exact place of the
 * region in the result, PNG regions, and damage refused. */
#include "test_image_helpers.h"

#include "image/jpeg.h"
#include "image/png.h"
#include "image/resample.h"

/* 437x563 (sides not multiples of the 16-pixel MCU), 4:2:0, from the photo
 * fixture, optionally tagged with an EXIF orientation. */
static unsigned char *odd_photo(int orientation, size_t *len)
{
    gb_image *src = ti_decode_fixture("portrait-6-448.jpg", NULL);
    gb_err err;
    gb_image *img = gb_image_crop_resize(src, 0, 0, 448, 576, 437, 563, &err);
    assert_non_null(img);
    unsigned char *jpeg;
    size_t n;
    assert_int_equal(gb_jpeg_encode(img, 92, 300, &jpeg, &n, &err), 0);
    gb_image_free(img);
    gb_image_free(src);
    if (orientation == 1) {
        *len = n;
        return jpeg;
    }
    unsigned char *tagged = ti_with_orientation(jpeg, n, orientation, 0, len);
    free(jpeg);
    return tagged;
}

/* Region decode of r at full scale vs the same pixels of a full decode. */
static void compare_full_scale(const unsigned char *d, size_t len, gb_rect r, const char *what)
{
    gb_image *full, *part;
    gb_image_info fi, pi;
    gb_rect where;
    gb_err err;
    assert_int_equal(gb_image_decode(d, len, NULL, &full, &fi, &err), 0);
    if (gb_image_decode_region(d, len, NULL, r, (int)ceil(r.w), (int)ceil(r.h), &part, &pi, &where, &err) < 0)
        fail_msg("%s: %s", what, err.msg);
    assert_int_equal(pi.scale_num, 1);
    assert_int_equal(pi.scale_denom, 1);
    assert_int_equal(pi.width, fi.width);
    assert_int_equal(pi.height, fi.height);
    assert_int_equal(pi.orientation, fi.orientation);
    int x0 = (int)floor(r.x), y0 = (int)floor(r.y);
    int x1 = (int)ceil(r.x + r.w), y1 = (int)ceil(r.y + r.h);
    assert_int_equal(part->width, x1 - x0);
    assert_int_equal(part->height, y1 - y0);
    assert_true(fabs(where.x - (r.x - x0)) < 1e-9 && fabs(where.y - (r.y - y0)) < 1e-9);
    assert_true(fabs(where.w - r.w) < 1e-9 && fabs(where.h - r.h) < 1e-9);
    gb_image *cut = gb_image_crop(full, x0, y0, x1 - x0, y1 - y0, &err);
    int mx;
    double mean = ti_mean_diff(cut, part, &mx);
    /* Same IDCT; only chroma upsampling next to a cropped left edge may
     * differ (measured: max 2 there, 0 elsewhere). */
    if (mean > 0.05 || mx > 4)
        fail_msg("%s: region differs from the full decode: mean %.3f, max %d", what, mean, mx);
    gb_image_free(cut);
    gb_image_free(part);
    gb_image_free(full);
}

static void test_full_scale_equals_full_decode(void **state)
{
    (void)state;
    static const gb_rect regions[] = {
        {37, 51, 201, 263},          /* inside, unaligned */
        {0, 0, 437, 563},            /* all of it */
        {300, 400, 137, 163},        /* to the right and bottom edges */
        {200, 300, 1, 1},            /* one pixel */
        {10.5, 20.25, 100.5, 50.75}, /* fractional edges */
    };
    for (int o = 1; o <= 8; o++) {
        size_t len;
        unsigned char *d = odd_photo(o, &len);
        for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
            gb_rect r = regions[i];
            if (o >= 5) { /* the upright picture is 563x437 */
                double t = r.x;
                r.x = r.y, r.y = t, t = r.w, r.w = r.h, r.h = t;
            }
            char what[64];
            snprintf(what, sizeof what, "orientation %d, region %zu", o, i);
            compare_full_scale(d, len, r, what);
        }
        free(d);
    }
}

static void check_scaled(const unsigned char *d, size_t len, gb_rect r, int min_w, int min_h, int num,
                         int denom)
{
    gb_image *part;
    gb_image_info pi;
    gb_rect where;
    gb_err err;
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, min_w, min_h, &part, &pi, &where, &err), 0);
    if (pi.scale_num != num || pi.scale_denom != denom)
        fail_msg("min %dx%d: scale %d/%d, expected %d/%d", min_w, min_h, pi.scale_num, pi.scale_denom, num,
                 denom);
    double s = (double)num / denom;
    assert_true(fabs(where.w - r.w * s) < 1e-9 && fabs(where.h - r.h * s) < 1e-9);
    assert_true(where.w >= min_w || s == 1.0);
    assert_true(where.x >= 0 && where.x < 1 && where.y >= 0 && where.y < 1);
    assert_true(where.x + where.w <= part->width + 1e-9 && where.y + where.h <= part->height + 1e-9);
    gb_image_free(part);
}

static void test_dct_reduction_choice(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = odd_photo(1, &len);
    gb_rect r = {40, 60, 320, 400};
    check_scaled(d, len, r, 80, 100, 1, 4);   /* 320/4 = 80, 400/4 = 100: exactly enough */
    check_scaled(d, len, r, 81, 100, 3, 8);   /* one pixel more needs 3/8 */
    check_scaled(d, len, r, 40, 50, 1, 8);
    check_scaled(d, len, r, 160, 10, 1, 2);   /* the width decides */
    check_scaled(d, len, r, 10, 301, 7, 8);   /* the height decides: 400 * 6/8 = 300 < 301 */
    check_scaled(d, len, r, 320, 400, 1, 1);
    check_scaled(d, len, r, 480, 640, 1, 1);  /* never enlarged */
    check_scaled(d, len, r, 0, 0, 1, 8);
    free(d);
}

/* At 1/4, the region's pixels equal TurboJPEG's 1/4 decode cut at the same place. */
static void test_scaled_region_equals_scaled_decode(void **state)
{
    (void)state;
    for (int o = 1; o <= 8; o += 5) { /* 1 and 6 */
        size_t len;
        unsigned char *d = odd_photo(o, &len);
        gb_rect r = o == 1 ? (gb_rect){40, 60, 320, 400} : (gb_rect){60, 40, 400, 320};
        gb_image *part, *quarter;
        gb_image_info pi, qi;
        gb_rect where;
        gb_err err;
        assert_int_equal(gb_image_decode_region(d, len, NULL, r, (int)r.w / 4, (int)r.h / 4, &part, &pi, &where,
                                                &err), 0);
        gb_decode_opts opts = {.min_side = 110}; /* 437x563 at 1/4 is 110x141 */
        assert_int_equal(gb_image_decode(d, len, &opts, &quarter, &qi, &err), 0);
        assert_int_equal(qi.scale_denom, 4);
        assert_int_equal(pi.scale_denom, 4);
        /* where the region's first pixel sits in the 1/4 decode */
        int qx = (int)floor(r.x / 4), qy = (int)floor(r.y / 4);
        if (o == 6) { /* upright x counts from the stored bottom: 563 -> 141 pixels at 1/4, not 140.75 */
            double off = quarter->width - 563 / 4.0;
            qx = (int)floor(r.x / 4 + off);
            assert_true(fabs(where.x - (r.x / 4 + off - qx)) < 1e-9);
        }
        gb_image *cut = gb_image_crop(quarter, qx, qy, part->width, part->height, &err);
        assert_non_null(cut);
        int mx;
        double mean = ti_mean_diff(cut, part, &mx);
        if (mean > 0.05 || mx > 4)
            fail_msg("orientation %d: 1/4 region differs from the 1/4 decode: mean %.3f, max %d", o, mean, mx);
        gb_image_free(cut);
        gb_image_free(quarter);
        gb_image_free(part);
        free(d);
    }
}

/* Region decode, then the resampler on *where: the output photo path. */
static void test_region_then_resize(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = odd_photo(8, &len);
    gb_rect r = {50.3, 33.7, 360.6, 300.2}; /* upright 563x437 */
    gb_image *part, *full;
    gb_rect where;
    gb_err err;
    gb_image_info pi;
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 120, 100, &part, &pi, &where, &err), 0);
    assert_int_equal(pi.scale_num * 8 / pi.scale_denom, 3); /* 360.6 * 3/8 >= 120 */
    assert_int_equal(gb_image_decode(d, len, NULL, &full, NULL, &err), 0);
    gb_image *a = gb_image_crop_resize(part, where.x, where.y, where.w, where.h, 120, 100, &err);
    gb_image *b = gb_image_crop_resize(full, r.x, r.y, r.w, r.h, 120, 100, &err);
    assert_non_null(a);
    assert_non_null(b);
    int mx;
    double mean = ti_mean_diff(a, b, &mx);
    print_message("region at 3/8 + resize vs full + resize: mean %.2f, max %d\n", mean, mx);
    assert_true(mean < 1.5);
    gb_image_free(a);
    gb_image_free(b);
    gb_image_free(part);
    gb_image_free(full);
    free(d);
}

static void test_png_region_is_a_crop(void **state)
{
    (void)state;
    gb_image *src = ti_decode_fixture("portrait-6-448.jpg", NULL);
    unsigned char *png;
    size_t len;
    gb_err err;
    assert_int_equal(gb_png_encode(src, &png, &len, &err), 0);
    gb_rect r = {10.5, 20.5, 50, 60}, where;
    gb_image *part;
    gb_image_info info;
    assert_int_equal(gb_image_decode_region(png, len, NULL, r, 10, 10, &part, &info, &where, &err), 0);
    assert_int_equal(info.format, GB_FMT_PNG);
    assert_int_equal(part->width, 51);
    assert_int_equal(part->height, 61);
    assert_true(where.x == 0.5 && where.y == 0.5 && where.w == 50 && where.h == 60);
    gb_image *cut = gb_image_crop(src, 10, 20, 51, 61, &err);
    int mx;
    assert_true(ti_mean_diff(cut, part, &mx) == 0.0);
    gb_image_free(part);
    r.x = 400; /* 400 + 50 > 448 */
    assert_int_equal(gb_image_decode_region(png, len, NULL, r, 10, 10, &part, &info, &where, &err), -1);
    assert_non_null(strstr(err.msg, "not inside the 448x576 image"));
    gb_image_free(cut);
    gb_image_free(src);
    free(png);
}

static void test_refusals(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = odd_photo(6, &len);
    gb_image *part = (gb_image *)1;
    gb_err err;
    /* upright is 563x437: this fits the stored 437x563 but not upright */
    gb_rect r = {0, 0, 437, 563};
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 1, 1, &part, NULL, NULL, &err), -1);
    assert_null(part);
    assert_non_null(strstr(err.msg, "not inside the 563x437 image"));
    r = (gb_rect){-1, 0, 10, 10};
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 1, 1, &part, NULL, NULL, &err), -1);
    r = (gb_rect){0, 0, 0, 10};
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 1, 1, &part, NULL, NULL, &err), -1);
    r = (gb_rect){NAN, 0, 10, 10};
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 1, 1, &part, NULL, NULL, &err), -1);
    /* cut at 3/4: a region decoded before the cut is still refused */
    r = (gb_rect){10, 10, 50, 50};
    assert_int_equal(gb_image_decode_region(d, len * 3 / 4, NULL, r, 50, 50, &part, NULL, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "truncated"));
    /* zeros over the middle of the data */
    memset(d + len / 2, 0, 300);
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 50, 50, &part, NULL, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "JPEG data"));
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_scale_equals_full_decode),
        cmocka_unit_test(test_dct_reduction_choice),
        cmocka_unit_test(test_scaled_region_equals_scaled_decode),
        cmocka_unit_test(test_region_then_resize),
        cmocka_unit_test(test_png_region_is_a_crop),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
