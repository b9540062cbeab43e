/* PNG decode of every kind (palette, grey 1/8-bit, 16-bit, alpha on white,
 * tRNS, interlaced) with exact pixel values; damage and bombs refused; PNG
 * encode round trips exactly. */
#include "test_image_helpers.h"

#include <unistd.h>

#include "image/png.h"

/* The 4x2 pattern of make-fixtures.sh. */
static const unsigned char pattern[2][4][3] = {
    {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}},
    {{0, 0, 0}, {128, 128, 128}, {10, 20, 30}, {200, 100, 50}},
};

static void check_pattern(const char *file)
{
    gb_image_info info;
    gb_image *img = ti_decode_fixture(file, &info);
    assert_int_equal(img->width, 4);
    assert_int_equal(img->height, 2);
    assert_int_equal(info.format, GB_FMT_PNG);
    assert_int_equal(info.width, 4);
    assert_int_equal(info.height, 2);
    assert_int_equal(info.scale_num, 1);
    assert_int_equal(info.scale_denom, 1);
    assert_int_equal(info.orientation, 1);
    for (int y = 0; y < 2; y++)
        for (int x = 0; x < 4; x++)
            ti_assert_px(img, x, y, pattern[y][x][0], pattern[y][x][1], pattern[y][x][2], 0);
    gb_image_free(img);
}

static void test_rgb_palette_interlaced(void **state)
{
    (void)state;
    check_pattern("rgb8.png");
    check_pattern("palette.png");
    check_pattern("rgb8-interlaced.png");
}

static void test_sixteen_bit_rounds(void **state)
{
    (void)state;
    gb_image *img = ti_decode_fixture("rgb16.png", NULL);
    /* round(v * 255 / 65535): 4660 -> 18 (18.13), 32896 -> 128, 257 -> 1, 65279 -> 254 (254.0) */
    ti_assert_px(img, 0, 0, 18, 255, 0, 0);
    ti_assert_px(img, 1, 0, 128, 1, 254, 0);
    gb_image_free(img);
}

static void test_grey(void **state)
{
    (void)state;
    static const int g8[2][4] = {{0, 85, 170, 255}, {17, 34, 51, 68}};
    gb_image *img = ti_decode_fixture("grey8.png", NULL);
    for (int y = 0; y < 2; y++)
        for (int x = 0; x < 4; x++)
            ti_assert_px(img, x, y, g8[y][x], g8[y][x], g8[y][x], 0);
    gb_image_free(img);
    img = ti_decode_fixture("grey1.png", NULL); /* 1-bit checkerboard, black first */
    for (int y = 0; y < 2; y++)
        for (int x = 0; x < 4; x++) {
            int v = (x + y) % 2 ? 255 : 0;
            ti_assert_px(img, x, y, v, v, v, 0);
        }
    gb_image_free(img);
}

/* Transparency is composited on white: out = c*a/255 + 255*(1 - a/255). */
static void test_alpha_on_white(void **state)
{
    (void)state;
    gb_image *img = ti_decode_fixture("rgba.png", NULL);
    ti_assert_px(img, 0, 0, 255, 255, 255, 0); /* red, alpha 0: white */
    ti_assert_px(img, 1, 0, 127, 127, 255, 0); /* blue, alpha 128 */
    ti_assert_px(img, 2, 0, 0, 255, 0, 0);     /* green, opaque */
    ti_assert_px(img, 3, 0, 216, 216, 216, 0); /* grey 100, alpha 64: (6400 + 48705) / 255 */
    gb_image_free(img);

    img = ti_decode_fixture("grey-alpha.png", NULL);
    ti_assert_px(img, 0, 0, 127, 127, 127, 0); /* black at alpha 128 */
    ti_assert_px(img, 1, 0, 200, 200, 200, 0);
    gb_image_free(img);

    img = ti_decode_fixture("palette-trns.png", NULL);
    ti_assert_px(img, 0, 0, 255, 255, 255, 0); /* the tRNS entry */
    ti_assert_px(img, 1, 0, 0, 0, 255, 0);
    ti_assert_px(img, 2, 0, 16, 32, 48, 0);
    gb_image_free(img);
}

/* 16-bit RGBA, Adam7: opaque red at the top fading to half-transparent blue. */
static void test_rgba16_interlaced(void **state)
{
    (void)state;
    gb_image *img = ti_decode_fixture("rgba16-interlaced.png", NULL);
    assert_int_equal(img->width, 33);
    assert_int_equal(img->height, 17);
    for (int x = 0; x < 33; x++) {
        ti_assert_px(img, x, 0, 255, 0, 0, 0);
        /* blue 65535 at alpha 32767 -> 127: R = G = 255*128/255, B = 255 */
        ti_assert_px(img, x, 16, 128, 128, 255, 1);
        for (int y = 1; y < 17; y++) /* every row uniform: interlacing put pixels back in place */
            assert_memory_equal(gb_image_px(img, x, y), gb_image_px(img, 0, y), 3);
    }
    for (int y = 1; y < 17; y++) /* green only comes from the white showing through */
        assert_true(gb_image_px(img, 0, y)[1] >= gb_image_px(img, 0, y - 1)[1]);
    gb_image_free(img);
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void test_damage_and_bombs(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = ti_fixture("rgba16-interlaced.png", &len);
    gb_image *img;
    gb_err err = {0};

    /* cut in half */
    assert_int_equal(gb_image_decode(d, len / 2, NULL, &img, NULL, &err), -1);
    assert_null(img);
    assert_non_null(strstr(err.msg, "truncated"));
    /* cut just before IEND: pixels complete, file not */
    assert_int_equal(gb_image_decode(d, len - 12, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "truncated"));

    /* a flipped byte in the IHDR: CRC mismatch on a critical chunk */
    unsigned char *c = malloc(len);
    memcpy(c, d, len);
    c[20] ^= 0x01;
    assert_int_equal(gb_image_decode(c, len, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "PNG data cannot be decoded"));
    assert_non_null(strstr(err.msg, "CRC"));

    /* garbage inside the compressed pixels, chunk CRC fixed up so only zlib can notice */
    memcpy(c, d, len);
    size_t at = 8;
    while (at + 8 < len && memcmp(c + at + 4, "IDAT", 4) != 0)
        at += 12 + ((size_t)c[at] << 24 | (size_t)c[at + 1] << 16 | (size_t)c[at + 2] << 8 | c[at + 3]);
    assert_true(at + 8 < len);
    uint32_t n = (uint32_t)c[at] << 24 | (uint32_t)c[at + 1] << 16 | (uint32_t)c[at + 2] << 8 | c[at + 3];
    for (uint32_t i = 2; i < n; i++) /* keep the 2-byte zlib header */
        c[at + 8 + i] = (unsigned char)(i * 37 + 11);
    put32(c + at + 8 + n, crc32_png(c + at + 4, n + 4));
    assert_int_equal(gb_image_decode(c, len, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "PNG"));

    /* a header claiming 60000 x 60000, with a valid CRC: refused before allocating */
    memcpy(c, d, len);
    put32(c + 16, 60000);
    put32(c + 20, 60000);
    put32(c + 29, crc32_png(c + 12, 17));
    assert_int_equal(gb_image_decode(c, len, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "60000x60000"));
    assert_non_null(strstr(err.msg, "megapixel limit"));
    /* and the limit is the caller's: 33x17 is over 0.0005 MP */
    gb_decode_opts small = {.max_megapixels = 0.0005};
    assert_int_equal(gb_image_decode(d, len, &small, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "33x17"));
    free(c);
    free(d);
}

static gb_image *noise_image(int w, int h, unsigned seed)
{
    gb_image *img = gb_image_new(w, h);
    for (int y = 0; y < h; y++)
        for (int i = 0; i < w * 3; i++) {
            seed = seed * 1103515245u + 12345u;
            gb_image_px(img, 0, y)[i] = (unsigned char)(seed >> 16);
        }
    return img;
}

static void test_encode_round_trip_exact(void **state)
{
    (void)state;
    gb_image *img = noise_image(37, 23, 7);
    unsigned char *png;
    size_t len;
    gb_err err = {0};
    assert_int_equal(gb_png_encode(img, &png, &len, &err), 0);
    assert_int_equal(gb_image_sniff(png, len), GB_FMT_PNG);
    gb_image *back;
    assert_int_equal(gb_image_decode(png, len, NULL, &back, NULL, &err), 0);
    int mx;
    assert_true(ti_mean_diff(img, back, &mx) == 0.0);
    gb_image_free(back);
    free(png);

    /* through a file, and back with gb_image_load_file */
    char *dir = tu_mkdtemp();
    char path[600];
    snprintf(path, sizeof path, "%s/shot.png", dir);
    assert_int_equal(gb_png_write_file(img, path, &err), 0);
    gb_image_info info;
    assert_int_equal(gb_image_load_file(path, NULL, &back, &info, &err), 0);
    assert_int_equal(info.format, GB_FMT_PNG);
    assert_true(ti_mean_diff(img, back, &mx) == 0.0);
    gb_image_free(back);
    /* an unwritable place is an error naming it */
    snprintf(path, sizeof path, "%s/no-such-dir/shot.png", dir);
    assert_int_equal(gb_png_write_file(img, path, &err), -1);
    assert_non_null(strstr(err.msg, "no-such-dir/shot.png"));
    tu_rmdir(dir);
    free(dir);
    gb_image_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rgb_palette_interlaced),
        cmocka_unit_test(test_sixteen_bit_rounds),
        cmocka_unit_test(test_grey),
        cmocka_unit_test(test_alpha_on_white),
        cmocka_unit_test(test_rgba16_interlaced),
        cmocka_unit_test(test_damage_and_bombs),
        cmocka_unit_test(test_encode_round_trip_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
