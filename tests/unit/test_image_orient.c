/* EXIF orientation: all eight values give the upright picture the camera
 * meant (sizes swapped for 5-8, every quadrant where it belongs), read from
 * big- and little-endian EXIF, from exiftool's output, and checked against
 * ImageMagick's -auto-orient. */
#include "test_image_helpers.h"

#include "image/jpeg.h"
#include "image/orient.h"

/* 64x32 stored picture in four 32x16 quadrants (aligned to 16x16 MCUs, so
 * colours stay clean): TL red, TR green, BL blue, BR white. */
static const int quad_rgb[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};

static unsigned char *quadrant_jpeg(size_t *len)
{
    gb_image *img = gb_image_new(64, 32);
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 64; x++) {
            int q = (y >= 16) * 2 + (x >= 32);
            unsigned char *p = gb_image_px(img, x, y);
            p[0] = (unsigned char)quad_rgb[q][0];
            p[1] = (unsigned char)quad_rgb[q][1];
            p[2] = (unsigned char)quad_rgb[q][2];
        }
    unsigned char *jpeg;
    gb_err err;
    assert_int_equal(gb_jpeg_encode(img, 95, 300, &jpeg, len, &err), 0);
    gb_image_free(img);
    return jpeg;
}

/* For each orientation, which stored quadrant (0 TL, 1 TR, 2 BL, 3 BR) shows
 * in upright TL, TR, BL, BR - from the EXIF definitions ("row 0 is the
 * visual right side, column 0 the visual top" for 6, and so on). */
static const int shows[9][4] = {
    {0},          {0, 1, 2, 3}, /* 1 as stored */
    {1, 0, 3, 2},               /* 2 mirrored left-right */
    {3, 2, 1, 0},               /* 3 turned 180 */
    {2, 3, 0, 1},               /* 4 mirrored top-bottom */
    {0, 2, 1, 3},               /* 5 transposed */
    {2, 0, 3, 1},               /* 6 needs 90 clockwise */
    {3, 1, 2, 0},               /* 7 transverse */
    {1, 3, 0, 2},               /* 8 needs 90 counter-clockwise */
};

static void check_upright(const gb_image *img, int o)
{
    int w = img->width, h = img->height;
    const int cx[4] = {w / 4, 3 * w / 4, w / 4, 3 * w / 4}, cy[4] = {h / 4, h / 4, 3 * h / 4, 3 * h / 4};
    for (int q = 0; q < 4; q++) {
        const int *c = quad_rgb[shows[o][q]];
        const unsigned char *p = gb_image_px(img, cx[q], cy[q]);
        if (abs(p[0] - c[0]) > 12 || abs(p[1] - c[1]) > 12 || abs(p[2] - c[2]) > 12)
            fail_msg("orientation %d: upright quadrant %d is (%d,%d,%d), expected stored quadrant %d", o, q, p[0],
                     p[1], p[2], shows[o][q]);
    }
}

static void test_all_eight_orientations(void **state)
{
    (void)state;
    size_t len;
    unsigned char *plain = quadrant_jpeg(&len);
    assert_int_equal(gb_jpeg_exif_orientation(plain, len), 1); /* no EXIF at all */
    for (int o = 1; o <= 8; o++)
        for (int little = 0; little <= 1; little++) {
            size_t n;
            unsigned char *d = ti_with_orientation(plain, len, o, little, &n);
            assert_int_equal(gb_jpeg_exif_orientation(d, n), o);
            gb_image *img;
            gb_image_info info;
            gb_err err;
            if (gb_image_decode(d, n, NULL, &img, &info, &err) < 0)
                fail_msg("orientation %d: %s", o, err.msg);
            int swap = o >= 5;
            assert_int_equal(img->width, swap ? 32 : 64);
            assert_int_equal(img->height, swap ? 64 : 32);
            assert_int_equal(info.width, img->width);
            assert_int_equal(info.height, img->height);
            assert_int_equal(info.orientation, o);
            check_upright(img, o);
            gb_image_free(img);
            free(d);
        }
    free(plain);
}

/* Out-of-range values mean "no orientation", not an error. */
static void test_invalid_values_ignored(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *plain = quadrant_jpeg(&len);
    const int bad[] = {0, 9, 255};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char *d = ti_with_orientation(plain, len, bad[i], 0, &n);
        assert_int_equal(gb_jpeg_exif_orientation(d, n), 1);
        gb_image *img;
        gb_image_info info;
        gb_err err;
        assert_int_equal(gb_image_decode(d, n, NULL, &img, &info, &err), 0);
        assert_int_equal(info.orientation, 1);
        check_upright(img, 1);
        gb_image_free(img);
        free(d);
    }
    /* EXIF placed after the JFIF APP0 (as most cameras' editors write it) */
    size_t app0 = 4 + ((size_t)plain[4] << 8 | plain[5]); /* SOI + APP0 marker + its length */
    unsigned char *tagged = ti_with_orientation(plain, len, 8, 0, &n);
    unsigned char *d = malloc(n);
    memcpy(d, plain, app0);            /* SOI, APP0 */
    memcpy(d + app0, tagged + 2, 36);  /* APP1 */
    memcpy(d + app0 + 36, plain + app0, len - app0);
    assert_int_equal(gb_jpeg_exif_orientation(d, n), 8);
    free(d);
    free(tagged);
    free(plain);
}

/* A file tagged by exiftool, against ImageMagick's -auto-orient of it. */
static void test_exiftool_file_matches_imagemagick(void **state)
{
    (void)state;
    gb_image_info info;
    gb_image *img = ti_decode_fixture("orient6-exiftool.jpg", &info);
    gb_image *ref = ti_decode_fixture("orient6-upright-im.png", NULL);
    assert_int_equal(info.orientation, 6);
    assert_int_equal(img->width, 16); /* stored 32x16 */
    assert_int_equal(img->height, 32);
    /* stored: left half red, right half blue, top-left 8x8 green; upright
     * (turned clockwise): top half red, bottom blue, green at top right */
    ti_assert_px(img, 3, 3, 255, 0, 0, 8);
    ti_assert_px(img, 12, 3, 0, 255, 0, 8);
    ti_assert_px(img, 8, 24, 0, 0, 255, 8);
    int mx;
    double mean = ti_mean_diff(img, ref, &mx);
    assert_true(mx <= 1);
    assert_true(mean < 0.1);
    gb_image_free(ref);
    gb_image_free(img);
}

/* A DCT-scaled decode is turned too, and still reports the full upright size. */
static void test_scaled_and_turned(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *plain = quadrant_jpeg(&len);
    unsigned char *d = ti_with_orientation(plain, len, 6, 0, &n);
    gb_decode_opts opts = {.min_side = 8}; /* shorter side 32 -> 1/4 gives 8 */
    gb_image *img;
    gb_image_info info;
    gb_err err;
    assert_int_equal(gb_image_decode(d, n, &opts, &img, &info, &err), 0);
    assert_int_equal(info.scale_num, 1);
    assert_int_equal(info.scale_denom, 4);
    assert_int_equal(img->width, 8);
    assert_int_equal(img->height, 16);
    assert_int_equal(info.width, 32);
    assert_int_equal(info.height, 64);
    check_upright(img, 6);
    gb_image_free(img);
    free(d);
    free(plain);
}

/* The rectangle maps used by region decode: there and back, and the
 * stored rectangle of a known upright one. */
static void test_rect_maps(void **state)
{
    (void)state;
    const int W = 64, H = 32;
    gb_rect u = {3.5, 10.25, 7, 20}; /* upright, inside 32x64 for 5..8 and 64x32 for 1..4 */
    for (int o = 1; o <= 8; o++) {
        gb_rect s = gb_orient_rect_to_stored(u, o, W, H);
        gb_rect b = gb_orient_rect_to_upright(s, o, W, H);
        assert_true(fabs(b.x - u.x) < 1e-9 && fabs(b.y - u.y) < 1e-9);
        assert_true(fabs(b.w - u.w) < 1e-9 && fabs(b.h - u.h) < 1e-9);
    }
    /* 6: upright x runs along stored rows from the bottom, upright y along stored columns */
    gb_rect s = gb_orient_rect_to_stored(u, 6, W, H);
    assert_true(fabs(s.x - 10.25) < 1e-9 && fabs(s.y - (32 - 10.5)) < 1e-9);
    assert_true(fabs(s.w - 20) < 1e-9 && fabs(s.h - 7) < 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_eight_orientations),
        cmocka_unit_test(test_invalid_values_ignored),
        cmocka_unit_test(test_exiftool_file_matches_imagemagick),
        cmocka_unit_test(test_scaled_and_turned),
        cmocka_unit_test(test_rect_maps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
