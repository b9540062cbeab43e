/* The Lanczos resampler: flat stays flat, a ramp stays a ramp, fine detail
 * averages instead of aliasing (what nearest neighbour would do), sub-pixel
 * crop rectangles land where they say, and rectangles outside are refused. */
#include "test_image_helpers.h"

#include "image/resample.h"

static gb_image *fill(int w, int h, unsigned char r, unsigned char g, unsigned char b)
{
    gb_image *img = gb_image_new(w, h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            p[0] = r, p[1] = g, p[2] = b;
        }
    return img;
}

static gb_image *resize(const gb_image *src, double x, double y, double w, double h, int ow, int oh)
{
    gb_err err;
    gb_image *out = gb_image_crop_resize(src, x, y, w, h, ow, oh, &err);
    if (!out)
        fail_msg("%s", err.msg);
    return out;
}

static void test_constant_stays_constant(void **state)
{
    (void)state;
    gb_image *src = fill(100, 80, 12, 200, 77);
    static const struct {
        double x, y, w, h;
        int ow, oh;
    } cases[] = {
        {0, 0, 100, 80, 33, 17},      /* shrink */
        {0, 0, 100, 80, 480, 640},    /* enlarge, other aspect */
        {3.3, 7.9, 50.2, 60.1, 7, 9}, /* fractional crop */
        {0, 0, 100, 80, 1, 1},
        {99, 79, 1, 1, 5, 5},         /* one edge pixel, all taps clamped */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gb_image *out = resize(src, cases[i].x, cases[i].y, cases[i].w, cases[i].h, cases[i].ow, cases[i].oh);
        assert_int_equal(out->width, cases[i].ow);
        assert_int_equal(out->height, cases[i].oh);
        for (int yy = 0; yy < out->height; yy++)
            for (int xx = 0; xx < out->width; xx++)
                ti_assert_px(out, xx, yy, 12, 200, 77, 0);
        gb_image_free(out);
    }
    gb_image_free(src);
}

/* 256 wide, pixel x has value x: its value at coordinate c is c - 0.5. */
static gb_image *ramp(void)
{
    gb_image *img = gb_image_new(256, 4);
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 256; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            p[0] = p[1] = p[2] = (unsigned char)x;
        }
    return img;
}

static void check_ramp(const gb_image *out, double x0, double scale, double interior_tol, double edge_tol)
{
    for (int i = 0; i < out->width; i++) {
        int v = gb_image_px(out, i, out->height / 2)[0];
        double want = x0 + (i + 0.5) * scale - 0.5;
        want = want < 0 ? 0 : (want > 255 ? 255 : want);
        int edge = i < 3 || i >= out->width - 3;
        if (fabs(v - want) > (edge ? edge_tol : interior_tol))
            fail_msg("ramp output %d is %d, expected %.2f", i, v, want);
        if (i > 0 && v < gb_image_px(out, i - 1, out->height / 2)[0])
            fail_msg("ramp not monotonic at %d", i);
    }
}

static void test_ramp_stays_ramp(void **state)
{
    (void)state;
    gb_image *src = ramp();
    gb_image *out = resize(src, 0, 0, 256, 4, 100, 4); /* shrink 2.56x */
    check_ramp(out, 0, 2.56, 1.0, 3.0);
    assert_true(gb_image_px(out, 0, 0)[0] <= 3);
    assert_true(gb_image_px(out, 99, 0)[0] >= 252);
    gb_image_free(out);
    out = resize(src, 0, 0, 256, 4, 1000, 4); /* enlarge 3.9x */
    check_ramp(out, 0, 0.256, 1.0, 3.0);
    gb_image_free(out);
    /* sub-pixel crop at scale 1: output i is the source at 10.25 + i + 0.5 */
    out = resize(src, 10.25, 0, 20, 4, 20, 4);
    check_ramp(out, 10.25, 1.0, 0.6, 0.6);
    assert_int_equal(gb_image_px(out, 0, 0)[0], 10);
    assert_int_equal(gb_image_px(out, 19, 0)[0], 29);
    gb_image_free(out);
    /* a vertical ramp through the other pass */
    gb_image *v = gb_image_new(3, 256);
    for (int y = 0; y < 256; y++)
        for (int x = 0; x < 3; x++)
            gb_image_px(v, x, y)[1] = (unsigned char)y;
    out = resize(v, 0, 0, 3, 256, 3, 64);
    for (int y = 1; y < 64; y++)
        assert_true(gb_image_px(out, 1, y)[1] > gb_image_px(out, 1, y - 1)[1]);
    assert_true(abs(gb_image_px(out, 1, 32)[1] - 130) <= 1); /* 32.5 * 4 - 0.5 */
    gb_image_free(out);
    gb_image_free(v);
    gb_image_free(src);
}

/* A 1-pixel black/white checkerboard shrunk must come out mid grey
 * everywhere; nearest neighbour would give pure black or white. */
static void test_checkerboard_averages(void **state)
{
    (void)state;
    gb_image *cb = gb_image_new(96, 96);
    for (int y = 0; y < 96; y++)
        for (int x = 0; x < 96; x++) {
            unsigned char *p = gb_image_px(cb, x, y);
            p[0] = p[1] = p[2] = (x + y) % 2 ? 255 : 0;
        }
    static const int sizes[] = {48 /* 2x */, 24, 12 /* 8x */, 37 /* 2.59x */, 13 /* 7.38x */};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        gb_image *out = resize(cb, 0, 0, 96, 96, sizes[i], sizes[i]);
        /* Interior: 127 or 128. The two outer rows and columns lean a few
         * levels towards the edge pixel, which clamping repeats. */
        int lo = 255, hi = 0, elo = 255, ehi = 0;
        for (int y = 0; y < out->height; y++)
            for (int x = 0; x < out->width; x++) {
                int v = gb_image_px(out, x, y)[0];
                if (x < 2 || y < 2 || x >= out->width - 2 || y >= out->height - 2) {
                    elo = v < elo ? v : elo;
                    ehi = v > ehi ? v : ehi;
                } else {
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
            }
        if (lo < 127 || hi > 128 || elo < 119 || ehi > 136)
            fail_msg("checkerboard to %d: interior %d..%d, edges %d..%d; expected about 127.5", sizes[i], lo, hi,
                     elo, ehi);
        gb_image_free(out);
    }
    gb_image_free(cb);
}

/* An enlarged single bright pixel spreads symmetrically and keeps its place. */
static void test_impulse_symmetric(void **state)
{
    (void)state;
    gb_image *src = fill(9, 9, 0, 0, 0);
    gb_image_px(src, 4, 4)[0] = 255;
    gb_image *out = resize(src, 0, 0, 9, 9, 27, 27);
    for (int y = 0; y < 27; y++)
        for (int x = 0; x < 27; x++) {
            int v = gb_image_px(out, x, y)[0];
            assert_int_equal(v, gb_image_px(out, 26 - x, y)[0]);
            assert_int_equal(v, gb_image_px(out, x, 26 - y)[0]);
            assert_int_equal(v, gb_image_px(out, y, x)[0]);
        }
    assert_int_equal(gb_image_px(out, 13, 13)[0], 255); /* the centre of the source pixel */
    gb_image_free(out);
    gb_image_free(src);
}

static void test_outside_refused(void **state)
{
    (void)state;
    gb_image *src = fill(40, 30, 1, 2, 3);
    gb_err err;
    static const double bad[][4] = {
        {-0.5, 0, 10, 10}, {0, -1, 10, 10}, {31, 0, 10, 10}, {0, 20.5, 10, 10}, {0, 0, 0, 10}, {0, 0, 10, -3},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gb_image *out = gb_image_crop_resize(src, bad[i][0], bad[i][1], bad[i][2], bad[i][3], 10, 10, &err);
        assert_null(out);
        assert_non_null(strstr(err.msg, "not inside the 40x30 image"));
    }
    assert_null(gb_image_crop_resize(src, NAN, 0, 10, 10, 10, 10, &err));
    assert_null(gb_image_crop_resize(src, 0, 0, 10, 10, 0, 10, &err));
    assert_non_null(strstr(err.msg, "out of range"));
    /* exactly the whole image is fine */
    gb_image *out = gb_image_crop_resize(src, 0, 0, 40, 30, 4, 3, &err);
    assert_non_null(out);
    gb_image_free(out);
    gb_image_free(src);
}

/* A big shrink (1200x1600 to 60x80, 20x: the kernel is 120 taps wide)
 * averages fine stripes away. */
static void test_big_shrink(void **state)
{
    (void)state;
    gb_image *src = gb_image_new(1200, 1600);
    for (int y = 0; y < 1600; y++)
        for (int x = 0; x < 1200; x++)
            gb_image_px(src, x, y)[2] = (x / 3 + y / 5) % 2 ? 200 : 100; /* fine stripes */
    gb_image *out = resize(src, 0, 0, 1200, 1600, 60, 80);
    for (int y = 0; y < 80; y++)
        for (int x = 0; x < 60; x++)
            assert_true(abs(gb_image_px(out, x, y)[2] - 150) <= 6);
    gb_image_free(out);
    gb_image_free(src);
}

/* The quick resampler (live-view frames): flat stays flat, a 2x shrink of
 * a checkerboard averages (its four samples cover the area), a ramp keeps
 * its place, and rectangles outside are refused as by the proper one. */
static void test_fast(void **state)
{
    (void)state;
    gb_err err;
    gb_image *flat = fill(40, 30, 10, 120, 250);
    gb_image *o = gb_image_crop_resize_fast(flat, 3.5, 2.25, 30, 20, 17, 11, &err);
    assert_non_null(o);
    assert_int_equal(o->width, 17);
    assert_int_equal(o->height, 11);
    for (int y = 0; y < o->height; y++)
        for (int x = 0; x < o->width; x++) {
            const unsigned char *p = gb_image_px(o, x, y);
            assert_int_equal(p[0], 10);
            assert_int_equal(p[1], 120);
            assert_int_equal(p[2], 250);
        }
    gb_image_free(o);
    gb_image *cb = gb_image_new(96, 96);
    for (int y = 0; y < 96; y++)
        for (int x = 0; x < 96; x++)
            memset(gb_image_px(cb, x, y), (x + y) % 2 ? 255 : 0, 3);
    o = gb_image_crop_resize_fast(cb, 0, 0, 96, 96, 48, 48, &err);
    assert_non_null(o);
    for (int y = 1; y < 47; y++)
        for (int x = 1; x < 47; x++) {
            int v = gb_image_px(o, x, y)[0];
            if (v < 120 || v > 135)
                fail_msg("checkerboard 2x at %d,%d: %d, expected about 127.5", x, y, v);
        }
    gb_image_free(o);
    /* a horizontal ramp 0..255 over 256 px, halved: pixel i ~ 2i + 0.5 */
    gb_image *ramp = gb_image_new(256, 4);
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 256; x++)
            memset(gb_image_px(ramp, x, y), x, 3);
    o = gb_image_crop_resize_fast(ramp, 0, 0, 256, 4, 128, 2, &err);
    assert_non_null(o);
    for (int x = 2; x < 126; x++) {
        int v = gb_image_px(o, x, 1)[0];
        if (abs(v - (2 * x + 1)) > 1)
            fail_msg("ramp at %d: %d, expected %d", x, v, 2 * x + 1);
    }
    gb_image_free(o);
    assert_null(gb_image_crop_resize_fast(flat, 20, 0, 30, 10, 10, 10, &err));
    assert_non_null(strstr(err.msg, "quick crop and resize"));
    gb_image_free(flat);
    gb_image_free(cb);
    gb_image_free(ramp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constant_stays_constant),
        cmocka_unit_test(test_ramp_stays_ramp),
        cmocka_unit_test(test_checkerboard_averages),
        cmocka_unit_test(test_impulse_symmetric),
        cmocka_unit_test(test_outside_refused),
        cmocka_unit_test(test_big_shrink),
        cmocka_unit_test(test_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
