/* gb_image_load_file: the file's bytes decide the format, errors name the
 * file, the size cap holds, and every shared test photo either decodes or
 * is refused with the right sentence. */
#include "test_image_helpers.h"

static void test_errors_name_the_file(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    gb_image *img = (gb_image *)1;
    gb_err err;
    char path[600];

    snprintf(path, sizeof path, "%s/missing.jpg", dir);
    assert_int_equal(gb_image_load_file(path, NULL, &img, NULL, &err), -1);
    assert_null(img);
    assert_non_null(strstr(err.msg, "missing.jpg: cannot open"));

    char *empty = tu_write_file(dir, "empty.jpg", "", 0);
    assert_int_equal(gb_image_load_file(empty, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "empty.jpg: the image is empty (0 bytes)"));

    assert_int_equal(gb_image_load_file(dir, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "is a folder, not a file"));

    size_t len;
    unsigned char *d = ti_fixture("portrait-6-448.jpg", &len);
    char *half = tu_write_file(dir, "half.jpg", d, len / 2);
    assert_int_equal(gb_image_load_file(half, NULL, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "half.jpg: the JPEG data ends early"));

    /* the size cap is checked before reading */
    char *whole = tu_write_file(dir, "whole.jpg", d, len);
    gb_decode_opts opts = {.max_file_bytes = len - 1};
    assert_int_equal(gb_image_load_file(whole, &opts, &img, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "byte limit"));
    opts.max_file_bytes = len;
    gb_image_info info;
    assert_int_equal(gb_image_load_file(whole, &opts, &img, &info, &err), 0);
    assert_int_equal(info.format, GB_FMT_JPEG);
    assert_int_equal(img->width, 448);
    gb_image_free(img);

    /* a PNG named .jpg is read as the PNG it is */
    unsigned char *png = ti_fixture("rgb8.png", &len);
    char *renamed = tu_write_file(dir, "renamed.jpg", png, len);
    assert_int_equal(gb_image_load_file(renamed, NULL, &img, &info, &err), 0);
    assert_int_equal(info.format, GB_FMT_PNG);
    ti_assert_px(img, 3, 1, 200, 100, 50, 0);
    gb_image_free(img);

    free(png);
    free(d);
    free(renamed);
    free(whole);
    free(half);
    free(empty);
    tu_rmdir(dir);
    free(dir);
}

static void test_shared_faces(void **state)
{
    (void)state;
    const char *dir = ti_faces_dir();
    if (!dir)
        skip();
    static const struct {
        const char *file;
        gb_image_format fmt;
        int w, h; /* 0: refused */
    } cases[] = {
        {"portrait-1.png", GB_FMT_PNG, 768, 1152},   /* RGBA */
        {"portrait-6.png", GB_FMT_PNG, 896, 1152},
        {"grace-hopper.jpg", GB_FMT_JPEG, 512, 512}, /* progressive */
        {"hv-plain.jpg", GB_FMT_JPEG, 512, 715},
        {"hv-halfbody.jpg", GB_FMT_JPEG, 978, 1014},
        {"hv-indoor.jpg", GB_FMT_PNG, 640, 718},     /* PNG (RGBA) named .jpg */
        {"hv-street.jpg", GB_FMT_WEBP, 764, 1146},   /* WebP named .jpg */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        gb_decode_opts opts = {.min_side = 128};
        gb_image *img;
        gb_image_info info = {0};
        gb_err err;
        int rc = gb_image_load_file(path, &opts, &img, &info, &err);
        if (!cases[i].w) {
            assert_int_equal(rc, -1);
            fail_msg("%s should have been refused", cases[i].file);
            continue;
        }
        if (rc < 0)
            fail_msg("%s", err.msg);
        assert_int_equal(info.format, cases[i].fmt);
        assert_int_equal(info.width, cases[i].w);
        assert_int_equal(info.height, cases[i].h);
        int shorter = img->width < img->height ? img->width : img->height;
        if (info.format == GB_FMT_JPEG) /* scaled down, but not below the hint */
            assert_true(shorter >= 128 && shorter < 256);
        gb_image_free(img);
    }
}

/* hv-indoor.jpg is an RGBA PNG whose alpha is 255 everywhere: the colours
 * pass through the compositing unchanged (as ImageMagick reads them). */
static void test_opaque_rgba_unchanged(void **state)
{
    (void)state;
    const char *dir = ti_faces_dir();
    if (!dir)
        skip();
    char path[1024];
    snprintf(path, sizeof path, "%s/hv-indoor.jpg", dir);
    gb_image *img;
    gb_err err;
    assert_int_equal(gb_image_load_file(path, NULL, &img, NULL, &err), 0);
    ti_assert_px(img, 0, 0, 213, 195, 181, 0);
    gb_image_free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_name_the_file),
        cmocka_unit_test(test_shared_faces),
        cmocka_unit_test(test_opaque_rgba_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
