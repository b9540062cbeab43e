/* Makes camera-like test photos for bench/check: a 6000x4000 frame with a
 * person from a source photo in the middle and sensor-like noise, saved as
 * JPEG at high quality, so each file is 8-12 MB as a real DSLR's is (a
 * smooth upscale compresses far better and decodes faster: not fair).
 *
 * usage: gb_mkphotos SOURCE OUT_DIR COUNT [QUALITY] [RESTART_ROWS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/decode.h"
#include "image/jpeg.h"
#include "image/resample.h"
#include "store/fileio.h"

/* xorshift: fast, reproducible noise */
static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)rng;
}

/* Roughly Gaussian: the sum of four uniform values, sigma ~ s. */
static int noise(int s)
{
    int v = 0;
    for (int i = 0; i < 4; i++)
        v += (int)(rnd() & 255) - 128;
    return v * s / 148;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gb_mkphotos SOURCE OUT_DIR COUNT [QUALITY] [RESTART_ROWS]\n");
        return 2;
    }
    int count = atoi(argv[3]), quality = argc > 4 ? atoi(argv[4]) : 95;
    gb_err err;
    gb_image *src;
    if (gb_image_load_file(argv[1], NULL, &src, NULL, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    const int W = 6000, H = 4000;
    /* the person fills the frame's height, as a booth camera frames a head
     * and shoulders in landscape */
    int ph = H, pw = src->width * H / src->height;
    gb_image *person = gb_image_crop_resize(src, 0, 0, src->width, src->height, pw, ph, &err);
    if (!person || gb_mkdir_p(argv[2], 0755, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    const unsigned char *bg = gb_image_px(src, 2, 2);
    gb_image *frame = gb_image_new(W, H);
    for (int n = 0; n < count; n++) {
        int x0 = (W - pw) / 2 + (n % 3 - 1) * 40; /* a little movement between shots */
        for (int y = 0; y < H; y++) {
            unsigned char *d = gb_image_px(frame, 0, y);
            for (int x = 0; x < W; x++, d += 3) {
                const unsigned char *s = x >= x0 && x < x0 + pw ? gb_image_px(person, x - x0, y) : bg;
                int nz = noise(7);
                for (int k = 0; k < 3; k++) {
                    int v = s[k] + nz + noise(3);
                    d[k] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
                }
            }
        }
        unsigned char *jpeg;
        size_t len;
        if (gb_jpeg_encode(frame, quality, 300, &jpeg, &len, &err) < 0) {
            fprintf(stderr, "%s\n", err.msg);
            return 2;
        }
        char name[64];
        snprintf(name, sizeof name, "camera-%02d.jpg", n + 1);
        if (gb_write_atomic(argv[2], name, jpeg, len, &err) < 0) {
            fprintf(stderr, "%s\n", err.msg);
            return 2;
        }
        printf("%s/%s %zu bytes\n", argv[2], name, len);
        free(jpeg);
    }
    gb_image_free(frame);
    gb_image_free(person);
    gb_image_free(src);
    return 0;
}
