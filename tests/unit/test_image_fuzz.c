/* Damaged input must never crash, leak or hand back a picture with an
 * error (run under ASan by `make test`): a few hundred deterministic
 * mutations of small JPEG and PNG files through every decoder. */
#include "test_image_helpers.h"

#include "image/jpeg.h"
#include "image/png.h"
#include "image/resample.h"

static unsigned lcg(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* Cut, flip bits, overwrite runs, or plant marker bytes. */
static size_t mutate(unsigned char *d, size_t len, unsigned *seed)
{
    switch (lcg(seed) % 4) {
    case 0:
        return 1 + lcg(seed) % len;
    case 1:
        for (int k = 0; k < 4; k++)
            d[lcg(seed) % len] ^= (unsigned char)(1u << (lcg(seed) % 8));
        return len;
    case 2: {
        size_t at = lcg(seed) % len, n = 1 + lcg(seed) % 64;
        for (size_t i = at; i < len && i < at + n; i++)
            d[i] = (unsigned char)lcg(seed);
        return len;
    }
    default: {
        size_t at = 2 + lcg(seed) % (len - 3);
        d[at] = 0xFF;
        d[at + 1] = (unsigned char)(0xC0 + lcg(seed) % 0x3F);
        return len;
    }
    }
}

static void run_all_decoders(const unsigned char *d, size_t n)
{
    gb_image *img = (gb_image *)1;
    gb_image_info info;
    gb_err err = {0};
    gb_decode_opts opts = {.max_megapixels = 4, .min_side = 24};
    int rc = gb_image_decode(d, n, &opts, &img, &info, &err);
    if (rc == 0) {
        assert_non_null(img);
        assert_true(img->width >= 1 && img->height >= 1);
        gb_image_free(img);
    } else {
        assert_null(img);
        assert_true(err.msg[0] != 0);
    }
    gb_rect r = {5.5, 7.25, 40, 30}, where; /* inside every picture fuzzed here */
    int rc_full = rc;
    img = (gb_image *)1;
    err.msg[0] = 0;
    rc = gb_image_decode_region(d, n, &opts, r, 20, 15, &img, &info, &where, &err);
    if (rc == 0) {
        /* a lucky mutation that still decodes: the region must be usable */
        gb_image *out = gb_image_crop_resize(img, where.x, where.y, where.w, where.h, 16, 12, &err);
        assert_non_null(out);
        gb_image_free(out);
        gb_image_free(img);
    } else {
        assert_null(img);
        assert_true(err.msg[0] != 0);
    }
    /* One file, one verdict: the whole and the region decoders (TurboJPEG
     * and libjpeg for JPEG) refuse the same damage. */
    if (rc != rc_full)
        fail_msg("whole decode says %d, region decode %d (%s)", rc_full, rc, err.msg);
}

static void fuzz(const unsigned char *orig, size_t len, unsigned seed, int rounds)
{
    unsigned char *d = malloc(len);
    for (int i = 0; i < rounds; i++) {
        memcpy(d, orig, len);
        size_t n = mutate(d, len, &seed);
        run_all_decoders(d, n);
    }
    free(d);
}

static gb_image *small_photo(void)
{
    gb_image *src = ti_decode_fixture("portrait-6-448.jpg", NULL);
    gb_err err;
    gb_image *img = gb_image_crop_resize(src, 100, 100, 200, 240, 75, 90, &err);
    gb_image_free(src);
    return img;
}

static void test_jpeg_mutations(void **state)
{
    (void)state;
    gb_image *img = small_photo();
    unsigned char *jpeg;
    size_t len;
    gb_err err;
    assert_int_equal(gb_jpeg_encode(img, 85, 300, &jpeg, &len, &err), 0);
    size_t n;
    unsigned char *tagged = ti_with_orientation(jpeg, len, 6, 0, &n);
    fuzz(jpeg, len, 1, 300);
    fuzz(tagged, n, 2, 150);
    size_t plen;
    unsigned char *prog = ti_fixture("progressive.jpg", &plen);
    fuzz(prog, plen, 3, 150);
    free(prog);
    free(tagged);
    free(jpeg);
    gb_image_free(img);
}

static void test_png_mutations(void **state)
{
    (void)state;
    gb_image *img = small_photo();
    unsigned char *png;
    size_t len;
    gb_err err;
    assert_int_equal(gb_png_encode(img, &png, &len, &err), 0);
    fuzz(png, len, 4, 200);
    size_t ilen;
    unsigned char *inter = ti_fixture("rgba16-interlaced.png", &ilen);
    fuzz(inter, ilen, 5, 200);
    free(inter);
    free(png);
    gb_image_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jpeg_mutations),
        cmocka_unit_test(test_png_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
