/* JPEG output: the JFIF header says 300 dpi (parsed from the bytes), the
 * file is baseline 4:2:0 and decodes back close to the input, and the size
 * fit lands a real 480x640 portrait in the CHSI window at quality >= 60,
 * flagging (never padding) pictures that cannot meet it. */
#include "test_image_helpers.h"

#include "image/jpeg.h"
#include "image/resample.h"

/* The window used here satisfies both readings of "20-40 KB":
 * at least 20 KiB and at most 40 000 bytes. */
#define MIN_BYTES 20480u
#define MAX_BYTES 40000u

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* APP0 right after SOI: FF E0, length 16, "JFIF\0", version, units,
 * X density, Y density, thumbnail 0x0. */
static void assert_jfif_dpi(const unsigned char *d, size_t len, unsigned dpi)
{
    assert_true(len > 20);
    assert_true(d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF && d[3] == 0xE0);
    assert_int_equal(be16(d + 4), 16);
    assert_memory_equal(d + 6, "JFIF\0", 5);
    assert_int_equal(d[11], 1);       /* version 1.x */
    assert_int_equal(d[13], 1);       /* units: dots per inch */
    assert_int_equal(be16(d + 14), dpi);
    assert_int_equal(be16(d + 16), dpi);
    assert_int_equal(d[18], 0);       /* no thumbnail */
    assert_int_equal(d[19], 0);
}

/* Walks the markers to the frame header: baseline (SOF0), 3 components,
 * Y sampled 2x2 and Cb, Cr 1x1 (4:2:0). */
static void assert_baseline_420(const unsigned char *d, size_t len, int w, int h)
{
    size_t i = 2;
    while (i + 4 < len && d[i] == 0xFF && d[i + 1] != 0xC0) {
        assert_true(d[i + 1] != 0xC2); /* not progressive */
        i += 2 + be16(d + i + 2);
    }
    assert_true(i + 19 <= len && d[i + 1] == 0xC0);
    const unsigned char *sof = d + i + 4;
    assert_int_equal(sof[0], 8); /* 8 bits per sample: 24-bit colour */
    assert_int_equal(be16(sof + 1), h);
    assert_int_equal(be16(sof + 3), w);
    assert_int_equal(sof[5], 3);
    assert_int_equal(sof[7], 0x22);
    assert_int_equal(sof[10], 0x11);
    assert_int_equal(sof[13], 0x11);
}

static gb_image *pattern(int w, int h)
{
    gb_image *img = gb_image_new(w, h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            p[0] = (unsigned char)(x * 255 / (w - 1));
            p[1] = (unsigned char)(y * 255 / (h - 1));
            p[2] = 128;
        }
    return img;
}

static void test_header_and_round_trip(void **state)
{
    (void)state;
    gb_image *img = pattern(64, 48);
    unsigned char *d;
    size_t len;
    gb_err err;
    assert_int_equal(gb_jpeg_encode(img, 95, 300, &d, &len, &err), 0);
    assert_jfif_dpi(d, len, 300);
    assert_baseline_420(d, len, 64, 48);
    assert_true(d[len - 2] == 0xFF && d[len - 1] == 0xD9);
    gb_image *back;
    assert_int_equal(gb_image_decode(d, len, NULL, &back, NULL, &err), 0);
    int mx;
    double mean = ti_mean_diff(img, back, &mx);
    assert_true(mean < 1.5);
    assert_true(mx < 12);
    gb_image_free(back);
    free(d);
    /* another density goes where it says */
    assert_int_equal(gb_jpeg_encode(img, 80, 72, &d, &len, &err), 0);
    assert_jfif_dpi(d, len, 72);
    free(d);
    /* arguments out of range */
    assert_int_equal(gb_jpeg_encode(img, 0, 300, &d, &len, &err), -1);
    assert_int_equal(gb_jpeg_encode(img, 101, 300, &d, &len, &err), -1);
    assert_int_equal(gb_jpeg_encode(img, 90, 0, &d, &len, &err), -1);
    assert_null(d);
    gb_image_free(img);
}

/* The 3:4 centre of src, scaled to 480x640 by our resampler. */
static gb_image *to_480x640(const gb_image *src)
{
    double w = src->width, h = src->height, cw = w, ch = h;
    if (w * 4 > h * 3)
        cw = h * 3 / 4;
    else
        ch = w * 4 / 3;
    gb_err err;
    gb_image *out = gb_image_crop_resize(src, (w - cw) / 2, (h - ch) / 2, cw, ch, 480, 640, &err);
    assert_non_null(out);
    return out;
}

static void fit_portrait(gb_image *src, const char *what)
{
    gb_image *img = to_480x640(src);
    unsigned char *d;
    size_t len;
    gb_jpeg_sized_result r;
    gb_err err;
    assert_int_equal(gb_jpeg_encode_sized(img, 60, MIN_BYTES, MAX_BYTES, 300, &d, &len, &r, &err), 0);
    print_message("%s at 480x640: quality %d, %zu bytes, %d encodes\n", what, r.quality, len, r.encodes);
    assert_int_equal(r.fit, GB_JPEG_FIT_OK);
    assert_int_equal(r.bytes, len);
    assert_true(r.quality >= 60 && r.quality <= 100);
    assert_true(len >= MIN_BYTES && len <= MAX_BYTES);
    assert_true(r.encodes <= 8);
    assert_jfif_dpi(d, len, 300);
    assert_baseline_420(d, len, 480, 640);
    /* the highest quality that fits: one step up does not */
    if (r.quality < 100) {
        unsigned char *up;
        size_t up_len;
        assert_int_equal(gb_jpeg_encode(img, r.quality + 1, 300, &up, &up_len, &err), 0);
        assert_true(up_len > MAX_BYTES);
        free(up);
    }
    /* and it decodes to 480x640 */
    gb_image *back;
    assert_int_equal(gb_image_decode(d, len, NULL, &back, NULL, &err), 0);
    assert_int_equal(back->width, 480);
    assert_int_equal(back->height, 640);
    int mx;
    assert_true(ti_mean_diff(img, back, &mx) < 3.0);
    gb_image_free(back);
    free(d);
    gb_image_free(img);
}

static void test_portrait_fits_window(void **state)
{
    (void)state;
    gb_image *src = ti_decode_fixture("portrait-6-448.jpg", NULL); /* committed: always there */
    fit_portrait(src, "portrait-6-448.jpg (enlarged)");
    gb_image_free(src);
    const char *dir = ti_faces_dir();
    if (!dir)
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/portrait-6.png", dir);
    gb_err err;
    assert_int_equal(gb_image_load_file(path, NULL, &src, NULL, &err), 0);
    fit_portrait(src, "portrait-6.png");
    gb_image_free(src);
}

static void test_flat_image_under_min_is_flagged(void **state)
{
    (void)state;
    gb_image *img = gb_image_new(480, 640);
    memset(img->pixels, 200, img->stride * 640);
    unsigned char *d, *q100;
    size_t len, len100;
    gb_jpeg_sized_result r;
    gb_err err;
    assert_int_equal(gb_jpeg_encode_sized(img, 60, MIN_BYTES, MAX_BYTES, 300, &d, &len, &r, &err), 0);
    assert_int_equal(r.fit, GB_JPEG_FIT_UNDER_MIN);
    assert_int_equal(r.quality, 100);
    assert_true(len < MIN_BYTES);
    /* not padded: byte for byte the plain q=100 file */
    assert_int_equal(gb_jpeg_encode(img, 100, 300, &q100, &len100, &err), 0);
    assert_int_equal(len, len100);
    assert_memory_equal(d, q100, len);
    free(q100);
    free(d);
    gb_image_free(img);
}

static void test_noise_over_max_is_flagged(void **state)
{
    (void)state;
    gb_image *img = gb_image_new(480, 640);
    unsigned seed = 1;
    for (size_t i = 0; i < img->stride * 640; i++) {
        seed = seed * 1103515245u + 12345u;
        img->pixels[i] = (unsigned char)(seed >> 16);
    }
    unsigned char *d;
    size_t len;
    gb_jpeg_sized_result r;
    gb_err err;
    assert_int_equal(gb_jpeg_encode_sized(img, 60, MIN_BYTES, MAX_BYTES, 300, &d, &len, &r, &err), 0);
    assert_int_equal(r.fit, GB_JPEG_FIT_OVER_MAX);
    assert_int_equal(r.quality, 60); /* the nearest we may go */
    assert_int_equal(r.encodes, 1);
    assert_true(len > MAX_BYTES);
    free(d);
    /* bad arguments */
    assert_int_equal(gb_jpeg_encode_sized(img, 0, MIN_BYTES, MAX_BYTES, 300, &d, &len, &r, &err), -1);
    assert_int_equal(gb_jpeg_encode_sized(img, 60, MAX_BYTES, MIN_BYTES, 300, &d, &len, &r, &err), -1);
    assert_non_null(strstr(err.msg, "bad arguments"));
    gb_image_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_round_trip),
        cmocka_unit_test(test_portrait_fits_window),
        cmocka_unit_test(test_flat_image_under_min_is_flagged),
        cmocka_unit_test(test_noise_over_max_is_flagged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
