/* JPEG decode through TurboJPEG: pixel values, grey and progressive files,
 * CMYK refused, damage refused (never a half-grey picture), bombs refused,
 * and the DCT scale picked for analysis decodes. */
#include "test_image_helpers.h"

#include "image/jpeg.h"

static unsigned char *portrait(size_t *len)
{
    return ti_fixture("portrait-6-448.jpg", len);
}

static void test_photo_pixels(void **state)
{
    (void)state;
    gb_image_info info;
    gb_image *img = ti_decode_fixture("portrait-6-448.jpg", &info);
    assert_int_equal(img->width, 448);
    assert_int_equal(img->height, 576);
    assert_int_equal(info.format, GB_FMT_JPEG);
    assert_int_equal(info.width, 448);
    assert_int_equal(info.height, 576);
    assert_int_equal(info.scale_num, 1);
    assert_int_equal(info.scale_denom, 1);
    assert_int_equal(info.orientation, 1);
    /* as ImageMagick decodes the same file (libjpeg islow, fancy upsampling) */
    ti_assert_px(img, 0, 0, 197, 196, 192, 1);
    ti_assert_px(img, 224, 288, 153, 108, 89, 1);
    ti_assert_px(img, 447, 575, 230, 230, 228, 1);
    ti_assert_px(img, 100, 400, 206, 206, 204, 1);
    ti_assert_px(img, 300, 100, 13, 12, 10, 1);
    gb_image_free(img);
}

static void test_grey_and_progressive(void **state)
{
    (void)state;
    gb_image *img = ti_decode_fixture("grey.jpg", NULL); /* white at the top to black */
    assert_int_equal(img->width, 64);
    assert_int_equal(img->height, 48);
    ti_assert_px(img, 10, 0, 255, 255, 255, 1);
    ti_assert_px(img, 10, 47, 0, 0, 0, 1);
    for (int y = 0; y < 48; y++) {
        const unsigned char *p = gb_image_px(img, 10, y);
        assert_true(p[0] == p[1] && p[1] == p[2]);
        if (y)
            assert_true(p[0] <= gb_image_px(img, 10, y - 1)[0] + 1);
    }
    gb_image_free(img);

    img = ti_decode_fixture("progressive.jpg", NULL); /* red at the top to blue */
    ti_assert_px(img, 10, 0, 254, 0, 0, 2);
    ti_assert_px(img, 10, 47, 0, 0, 254, 2);
    gb_image_free(img);
}

static void test_cmyk_refused(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = ti_fixture("cmyk.jpg", &len);
    gb_image *img;
    gb_err err = {0};
    assert_int_equal(gb_image_decode(d, len, NULL, &img, NULL, &err), -1);
    assert_null(img);
    assert_non_null(strstr(err.msg, "CMYK JPEG"));
    free(d);
}

static void expect_refused(const unsigned char *d, size_t len, const char *needle)
{
    gb_image *img = (gb_image *)1;
    gb_err err = {0};
    if (gb_image_decode(d, len, NULL, &img, NULL, &err) != -1)
        fail_msg("damaged JPEG decoded without an error (wanted '%s')", needle);
    assert_null(img);
    if (!strstr(err.msg, needle))
        fail_msg("message '%s' lacks '%s'", err.msg, needle);
}

static void test_truncated(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = portrait(&len);
    expect_refused(d, len / 2, "truncated");
    expect_refused(d, len / 2, "Premature end of JPEG file");
    expect_refused(d, len - 2, "truncated"); /* only the EOI marker missing */
    expect_refused(d, 700, "truncated");     /* just past the headers */
    expect_refused(d, 4, "only 4 bytes");
    expect_refused(d, 0, "empty");
    free(d);
    d = ti_fixture("progressive.jpg", &len);
    expect_refused(d, len / 2, "truncated");
    free(d);
}

static void test_corrupt(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = portrait(&len);
    unsigned char *c = malloc(len);
    /* a restart marker where none may be: libjpeg warns and fills with grey */
    memcpy(c, d, len);
    c[len / 2] = 0xFF;
    c[len / 2 + 1] = 0xD3;
    expect_refused(c, len, "JPEG data");
    /* zeros over part of the entropy-coded data */
    memcpy(c, d, len);
    memset(c + len / 2, 0, 256);
    expect_refused(c, len, "JPEG data is damaged");
    /* garbage over the tables */
    memcpy(c, d, len);
    for (size_t i = 20; i < 320; i++)
        c[i] ^= 0x5A;
    expect_refused(c, len, "JPEG data is damaged");
    /* a JPEG signature and then nothing sensible */
    memset(c, 0x41, 64);
    c[0] = 0xFF, c[1] = 0xD8, c[2] = 0xFF;
    expect_refused(c, 64, "JPEG data is damaged");
    free(c);
    free(d);
}

/* The SOF0 segment: FF C0, length, precision, height, width. */
static size_t find_sof0(const unsigned char *d, size_t len)
{
    for (size_t i = 2; i + 9 < len; i++)
        if (d[i] == 0xFF && d[i + 1] == 0xC0)
            return i;
    fail_msg("no SOF0");
    return 0;
}

static void test_bomb_refused_before_allocating(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = portrait(&len);
    size_t sof = find_sof0(d, len);
    d[sof + 5] = 60000 >> 8, d[sof + 6] = 60000 & 0xFF; /* height */
    d[sof + 7] = 60000 >> 8, d[sof + 8] = 60000 & 0xFF; /* width */
    expect_refused(d, len, "60000x60000 (3600 megapixels), more than the 100 megapixel limit");
    gb_image *img;
    gb_err err;
    gb_rect r = {0, 0, 100, 100};
    assert_int_equal(gb_image_decode_region(d, len, NULL, r, 100, 100, &img, NULL, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "megapixel limit"));
    free(d);

    /* the limit is a parameter: 448x576 = 0.26 MP is over 0.25 */
    d = portrait(&len);
    gb_decode_opts opts = {.max_megapixels = 0.25};
    assert_int_equal(gb_image_decode(d, len, &opts, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "448x576"));
    opts.max_megapixels = 0.3;
    assert_int_equal(gb_image_decode(d, len, &opts, &img, NULL, &err), 0);
    gb_image_free(img);
    free(d);
}

static void check_scale(const unsigned char *d, size_t len, int min_side, int num, int denom, int w, int h)
{
    gb_decode_opts opts = {.min_side = min_side};
    gb_image *img;
    gb_image_info info;
    gb_err err;
    if (gb_image_decode(d, len, &opts, &img, &info, &err) < 0)
        fail_msg("%s", err.msg);
    if (info.scale_num != num || info.scale_denom != denom || img->width != w || img->height != h)
        fail_msg("min_side %d: scale %d/%d, %dx%d; expected %d/%d, %dx%d", min_side, info.scale_num,
                 info.scale_denom, img->width, img->height, num, denom, w, h);
    assert_int_equal(info.width, 448); /* full size is still reported */
    assert_int_equal(info.height, 576);
    gb_image_free(img);
}

static void test_dct_scale_choice(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = portrait(&len);
    /* 448x576; shorter side 448 at 1/1, 392 at 7/8, 336 at 3/4, 280 at 5/8,
     * 224 at 1/2, 168 at 3/8, 112 at 1/4, 56 at 1/8 */
    check_scale(d, len, 0, 1, 1, 448, 576);
    check_scale(d, len, 50, 1, 8, 56, 72);
    check_scale(d, len, 56, 1, 8, 56, 72);
    check_scale(d, len, 57, 1, 4, 112, 144);
    check_scale(d, len, 100, 1, 4, 112, 144);
    check_scale(d, len, 200, 1, 2, 224, 288);
    check_scale(d, len, 300, 3, 4, 336, 432);
    check_scale(d, len, 448, 1, 1, 448, 576);
    check_scale(d, len, 1000, 1, 1, 448, 576); /* never enlarged */
    free(d);
}

/* A 1/2 DCT-scaled decode looks like the full decode averaged 2x2. */
static void test_scaled_pixels_match_full(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = portrait(&len);
    gb_image *full, *half;
    gb_err err;
    gb_decode_opts opts = {.min_side = 224};
    assert_int_equal(gb_image_decode(d, len, NULL, &full, NULL, &err), 0);
    assert_int_equal(gb_image_decode(d, len, &opts, &half, NULL, &err), 0);
    gb_image *box = gb_image_new(224, 288);
    for (int y = 0; y < 288; y++)
        for (int x = 0; x < 224; x++)
            for (int c = 0; c < 3; c++)
                gb_image_px(box, x, y)[c] = (unsigned char)((gb_image_px(full, 2 * x, 2 * y)[c] +
                                                             gb_image_px(full, 2 * x + 1, 2 * y)[c] +
                                                             gb_image_px(full, 2 * x, 2 * y + 1)[c] +
                                                             gb_image_px(full, 2 * x + 1, 2 * y + 1)[c] + 2) /
                                                            4);
    int mx;
    double mean = ti_mean_diff(box, half, &mx);
    print_message("1/2 DCT decode vs 2x2 average of full decode: mean %.2f, max %d\n", mean, mx);
    assert_true(mean < 1.5);
    gb_image_free(box);
    gb_image_free(full);
    gb_image_free(half);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_photo_pixels),
        cmocka_unit_test(test_grey_and_progressive),
        cmocka_unit_test(test_cmyk_refused),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_bomb_refused_before_allocating),
        cmocka_unit_test(test_dct_scale_choice),
        cmocka_unit_test(test_scaled_pixels_match_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
