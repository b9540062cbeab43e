/* Helpers shared by the test_image_*.c programs (header-only: each test is
 * its own program). */
#ifndef GB_TEST_IMAGE_HELPERS_H
#define GB_TEST_IMAGE_HELPERS_H

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/stat.h>

#include "image/decode.h"
#include "image/image.h"

/* The shared test photos: ../shared/faces beside the repository (as CI lays
 * it out), else the workplace copy; NULL when neither exists. */
static inline const char *ti_faces_dir(void)
{
    static const char *const dirs[] = {GB_TEST_DATA "/faces", GB_SOURCE_DIR "/../shared/faces"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        struct stat st;
        if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
            return dirs[i];
    }
    return NULL;
}

/* tests/data/images/NAME */
static inline unsigned char *ti_fixture(const char *name, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof rel, "images/%s", name);
    return tu_read_fixture(rel, len);
}

/* Decodes tests/data/images/NAME at full size; fails the test on error. */
static inline gb_image *ti_decode_fixture(const char *name, gb_image_info *info)
{
    size_t len;
    unsigned char *data = ti_fixture(name, &len);
    gb_image *img;
    gb_err err = {0};
    if (gb_image_decode(data, len, NULL, &img, info, &err) < 0)
        fail_msg("%s: %s", name, err.msg);
    free(data);
    return img;
}

#define ti_assert_px(img, x, y, r, g, b, tol)                                                          \
    do {                                                                                               \
        const unsigned char *p_ = gb_image_px((img), (x), (y));                                       \
        int tol_ = (tol);                                                                              \
        if (abs(p_[0] - (r)) > tol_ || abs(p_[1] - (g)) > tol_ || abs(p_[2] - (b)) > tol_)            \
            fail_msg("pixel (%d,%d) is (%d,%d,%d), expected (%d,%d,%d) +-%d", (x), (y), p_[0], p_[1], \
                     p_[2], (r), (g), (b), tol_);                                                      \
    } while (0)

/* A JPEG with an EXIF APP1 segment carrying orientation o inserted right
 * after SOI (big-endian TIFF, "MM", unless little is set). malloc'd. */
static inline unsigned char *ti_with_orientation(const unsigned char *jpeg, size_t len, int o, int little,
                                                 size_t *out_len)
{
    unsigned char app1[36] = {0xFF, 0xE1, 0x00, 34, 'E', 'x', 'i', 'f', 0, 0};
    unsigned char *t = app1 + 10; /* TIFF header + IFD0 with one entry */
    static const unsigned char mm[] = {'M', 'M', 0, 42, 0, 0, 0, 8, /* IFD0: 1 entry */ 0, 1,
                                       /* tag 0x0112, SHORT, count 1, value */ 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                                       0, 0, 0, 0, /* next IFD */ 0, 0, 0, 0};
    static const unsigned char ii[] = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
                                       0, 0, 0, 0, 0, 0, 0, 0};
    memcpy(t, little ? ii : mm, 26);
    if (little)
        t[18] = (unsigned char)o;
    else
        t[19] = (unsigned char)o;
    unsigned char *out = malloc(len + sizeof app1);
    memcpy(out, jpeg, 2);
    memcpy(out + 2, app1, sizeof app1);
    memcpy(out + 2 + sizeof app1, jpeg + 2, len - 2);
    *out_len = len + sizeof app1;
    return out;
}

/* Mean and largest absolute channel difference of two same-size images. */
static inline double ti_mean_diff(const gb_image *a, const gb_image *b, int *max_diff)
{
    assert_int_equal(a->width, b->width);
    assert_int_equal(a->height, b->height);
    double sum = 0;
    int mx = 0;
    for (int y = 0; y < a->height; y++) {
        const unsigned char *p = gb_image_px(a, 0, y), *q = gb_image_px(b, 0, y);
        for (int i = 0; i < a->width * 3; i++) {
            int d = abs(p[i] - q[i]);
            sum += d;
            mx = d > mx ? d : mx;
        }
    }
    if (max_diff)
        *max_diff = mx;
    return sum / ((double)a->width * a->height * 3);
}

#endif
