/* Format sniffing from bytes, never names: each format's signature, the
 * renamed files students bring ("photo.jpg" that is WebP or PNG), and the
 * sentences a student sees for formats we refuse. */
#include "test_image_helpers.h"

#include "image/sniff.h"

static void test_committed_samples(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        gb_image_format fmt;
        const char *name;
    } cases[] = {
        {"portrait-6-448.jpg", GB_FMT_JPEG, "JPEG"}, {"progressive.jpg", GB_FMT_JPEG, "JPEG"},
        {"rgb8.png", GB_FMT_PNG, "PNG"},             {"tiny.webp", GB_FMT_WEBP, "WebP"},
        {"tiny.gif", GB_FMT_GIF, "GIF"},             {"tiny.bmp", GB_FMT_BMP, "BMP"},
        {"tiny.tif", GB_FMT_TIFF, "TIFF"},           {"tiny.heic", GB_FMT_HEIF, "HEIF (HEIC)"},
        {"tiny.avif", GB_FMT_AVIF, "AVIF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        unsigned char *d = ti_fixture(cases[i].file, &len);
        gb_image_format f = gb_image_sniff(d, len);
        if (f != cases[i].fmt)
            fail_msg("%s sniffed as %s", cases[i].file, gb_image_format_name(f));
        assert_string_equal(gb_image_format_name(f), cases[i].name);
        free(d);
    }
}

/* Hand-made headers: both TIFF byte orders, BigTIFF, ISO-BMFF brands, JPEG XL. */
static void test_signatures_from_bytes(void **state)
{
    (void)state;
    assert_int_equal(gb_image_sniff((const unsigned char *)"MM\0*\0\0\0\x08", 8), GB_FMT_TIFF);
    assert_int_equal(gb_image_sniff((const unsigned char *)"II*\0\x08\0\0\0", 8), GB_FMT_TIFF);
    assert_int_equal(gb_image_sniff((const unsigned char *)"II+\0\x08\0\0\0", 8), GB_FMT_TIFF);
    assert_int_equal(gb_image_sniff((const unsigned char *)"GIF87a\1\0", 8), GB_FMT_GIF);
    assert_int_equal(gb_image_sniff((const unsigned char *)"\xff\x0a\0\0", 4), GB_FMT_JXL);
    assert_int_equal(gb_image_sniff((const unsigned char *)"\0\0\0\x0cJXL \r\n\x87\n", 12), GB_FMT_JXL);
    /* phone HEIC: major brand heic */
    static const unsigned char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0" "mif1heic";
    assert_int_equal(gb_image_sniff(heic, sizeof heic - 1), GB_FMT_HEIF);
    /* AVIF hiding behind the generic mif1 major brand */
    static const unsigned char avif[] = "\0\0\0\x1c" "ftypmif1\0\0\0\0" "mif1miafavif";
    assert_int_equal(gb_image_sniff(avif, sizeof avif - 1), GB_FMT_AVIF);
    /* an MP4 video is not an image; "avif" as the minor version is no brand */
    static const unsigned char mp4[] = "\0\0\0\x18" "ftypisomavif" "isommp41";
    assert_int_equal(gb_image_sniff(mp4, sizeof mp4 - 1), GB_FMT_UNKNOWN);
    /* "BM" followed by nonsense is text, not a bitmap */
    static const unsigned char bm[] = "BMW is a car brand, not a bitmap";
    assert_int_equal(gb_image_sniff(bm, sizeof bm - 1), GB_FMT_UNKNOWN);
    /* signatures cut short */
    assert_int_equal(gb_image_sniff((const unsigned char *)"\xff\xd8", 2), GB_FMT_UNKNOWN);
    assert_int_equal(gb_image_sniff((const unsigned char *)"\x89PNG\r\n", 6), GB_FMT_UNKNOWN);
    assert_int_equal(gb_image_sniff((const unsigned char *)"RIFF\0\0\0\0WAVE", 12), GB_FMT_UNKNOWN);
    assert_int_equal(gb_image_sniff(NULL, 0), GB_FMT_UNKNOWN);
    assert_string_equal(gb_image_format_name(GB_FMT_UNKNOWN), "unknown");
}

static void test_refusals_say_what_to_do(void **state)
{
    (void)state;
    gb_err err = {0};
    gb_image_format f;
    size_t len;
    unsigned char *d = ti_fixture("tiny.webp", &len);
    /* WebP is decoded (phones rename WebP to .jpg); a cut-short one is not */
    assert_int_equal(gb_image_check_supported(d, len, &f, &err), 0);
    assert_int_equal(f, GB_FMT_WEBP);
    free(d);
    d = tu_read_fixture("faces/hv-street.jpg", &len);
    gb_image *img = (gb_image *)1;
    assert_int_equal(gb_image_decode(d, len / 2, NULL, &img, NULL, &err), -1);
    assert_null(img);
    assert_non_null(strstr(err.msg, "WebP image is damaged or cut short"));
    assert_int_equal(gb_image_decode(d, len, NULL, &img, NULL, &err), 0);
    assert_int_equal(img->width, 764);
    assert_int_equal(img->height, 1146);
    gb_image_free(img);
    free(d);

    d = ti_fixture("tiny.gif", &len);
    assert_int_equal(gb_image_decode(d, len, NULL, &img, NULL, &err), -1);
    assert_string_equal(err.msg, "GIF is not supported; save the photo as JPEG, PNG or WebP");
    free(d);

    d = ti_fixture("tiny.heic", &len);
    assert_int_equal(gb_image_decode(d, len, NULL, &img, NULL, &err), -1);
    assert_string_equal(err.msg, "HEIF (HEIC) is not supported; save the photo as JPEG, PNG or WebP");
    free(d);

    assert_int_equal(gb_image_decode((const unsigned char *)"", 0, NULL, &img, NULL, &err), -1);
    assert_string_equal(err.msg, "the image is empty (0 bytes)");
    assert_int_equal(gb_image_decode((const unsigned char *)"\xff\xd8", 2, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "only 2 bytes"));
    static const char html[] = "<!DOCTYPE html><html><body>not found</body></html>";
    assert_int_equal(gb_image_decode((const unsigned char *)html, sizeof html - 1, NULL, &img, NULL, &err), -1);
    assert_string_equal(err.msg, "the data is not a JPEG, PNG or WebP image (it starts with bytes 3C 21 44 4F)");
}

/* The shared photos named .jpg that are not JPEG. */
static void test_renamed_shared_photos(void **state)
{
    (void)state;
    const char *dir = ti_faces_dir();
    if (!dir)
        skip();
    static const struct {
        const char *file;
        gb_image_format fmt;
    } cases[] = {{"hv-street.jpg", GB_FMT_WEBP}, {"hv-indoor.jpg", GB_FMT_PNG},
                 {"hv-plain.jpg", GB_FMT_JPEG},  {"portrait-1.png", GB_FMT_PNG}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        unsigned char head[64];
        size_t n = fread(head, 1, sizeof head, f);
        fclose(f);
        assert_int_equal(gb_image_sniff(head, n), cases[i].fmt);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_committed_samples),
        cmocka_unit_test(test_signatures_from_bytes),
        cmocka_unit_test(test_refusals_say_what_to_do),
        cmocka_unit_test(test_renamed_shared_photos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
