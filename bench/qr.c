/* bench/qr: what reading the collection code from the live view costs per
 * frame, against the live guidance analysis of the same frame (the other
 * job the photo worker does with live frames) in the same run.
 *
 * Frames are 1280x720 like a webcam's: a face photo scaled in, and for the
 * "code" frame a phone with the QR code of a test-format collection code
 * held in front (5 px a module, as a phone 30-40 cm from a 720p webcam).
 *
 *   usage: gb_bench_qr ROUNDS [GUIDANCE_MAX_SIDE]
 * Prints "RESULT scan_code_ms=... scan_none_ms=... guidance_ms=..." (medians).
 */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "image/decode.h"
#include "image/fileread.h"
#include "image/jpeg.h"
#include "image/resample.h"
#include "vision/analyse.h"
#include "vision/face.h"
#include "vision/qr.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void fill(gb_image *img, int x0, int y0, int w, int h, unsigned char v)
{
    for (int y = y0; y < y0 + h && y < img->height; y++)
        for (int x = x0; x < x0 + w && x < img->width; x++)
            memset(gb_image_px(img, x, y), v, 3);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 50;
    if (rounds < 1)
        rounds = 1;
    gb_err err;
    unsigned char *data = NULL;
    size_t len = 0;
    gb_image *src = NULL;
    if (gb_file_read(GB_SOURCE_DIR "/tests/data/photos/compliant.jpg", 64u << 20, &data, &len, &err) < 0 ||
        gb_image_decode(data, len, NULL, &src, NULL, &err) < 0) {
        fprintf(stderr, "gb_bench_qr: %s\n", err.msg);
        return 1;
    }
    free(data);
    /* the person in the middle of a 1280x720 frame, grey either side */
    gb_image *face = gb_image_crop_resize(src, 0, 0, src->width, src->height, 720 * src->width / src->height, 720, &err);
    gb_image *plain = gb_image_new(1280, 720), *code = gb_image_new(1280, 720);
    if (!face || !plain || !code) {
        fprintf(stderr, "gb_bench_qr: %s\n", err.msg);
        return 1;
    }
    fill(plain, 0, 0, 1280, 720, 150);
    int ox = (1280 - face->width) / 2;
    for (int y = 0; y < 720; y++)
        memcpy(gb_image_px(plain, ox, y), gb_image_px(face, 0, y), (size_t)face->width * 3);
    for (int y = 0; y < 720; y++)
        memcpy(gb_image_px(code, 0, y), gb_image_px(plain, 0, y), 1280 * 3);
    const char *payload = "GBT1|2022010101|王*明|1101**********123X|3a5e5cd7";
    QRcode *q = QRcode_encodeData((int)strlen(payload), (const unsigned char *)payload, 0, QR_ECLEVEL_M);
    int m = 5, side = (q->width + 8) * m, x0 = 640 - side / 2, y0 = 360 - side / 2;
    fill(code, x0 - 12, y0 - 60, side + 24, side + 120, 25);
    fill(code, x0, y0, side, side, 245);
    for (int my = 0; my < q->width; my++)
        for (int mx = 0; mx < q->width; mx++)
            if (q->data[my * q->width + mx] & 1)
                fill(code, x0 + (mx + 4) * m, y0 + (my + 4) * m, m, m, 15);
    QRcode_free(q);

    gb_config cfg;
    gb_config_defaults(&cfg);
    if (argc > 2)
        cfg.guidance_max_side = atoi(argv[2]);
    gb_qr_reader *r = gb_qr_reader_new(cfg.qr_max_side, &err);
    gb_face_model *model = gb_face_model_load(cfg.face_model, &err);
    if (!r || !model) {
        fprintf(stderr, "gb_bench_qr: %s\n", err.msg);
        return 1;
    }
    double *t_code = calloc((size_t)rounds, sizeof *t_code), *t_none = calloc((size_t)rounds, sizeof *t_none),
           *t_guid = calloc((size_t)rounds, sizeof *t_guid);
    char out[512];
    int found = 0;
    for (int i = 0; i < rounds; i++) {
        /* interleaved, so machine noise falls on all three alike */
        double t = now_ms();
        found += gb_qr_scan(r, code, out, sizeof out, &err) == GB_QR_FOUND && strcmp(out, payload) == 0;
        t_code[i] = now_ms() - t;
        t = now_ms();
        if (gb_qr_scan(r, plain, out, sizeof out, &err) != GB_QR_NONE) {
            fprintf(stderr, "gb_bench_qr: a code was found in the plain frame\n");
            return 1;
        }
        t_none[i] = now_ms() - t;
        /* what the worker does for one guidance frame (photo_worker.c):
         * shrink to guidance_max_side, JPEG round trip, check */
        t = now_ms();
        unsigned char *jpeg = NULL;
        size_t jl = 0;
        gb_check c;
        double k = cfg.guidance_max_side < 1280 ? cfg.guidance_max_side / 1280.0 : 1.0;
        gb_image *small = gb_image_crop_resize_fast(plain, 0, 0, 1280, 720, (int)(1280 * k + 0.5), (int)(720 * k + 0.5), &err);
        if (!small || gb_jpeg_encode(small, 90, 72, &jpeg, &jl, &err) < 0 ||
            gb_check_photo(model, &cfg, jpeg, jl, NULL, GB_OUTPUT_NONE, &c, &err) < 0) {
            fprintf(stderr, "gb_bench_qr: %s\n", err.msg);
            return 1;
        }
        gb_check_free(&c);
        free(jpeg);
        gb_image_free(small);
        t_guid[i] = now_ms() - t;
    }
    if (found != rounds) {
        fprintf(stderr, "gb_bench_qr: the code was read in %d of %d rounds\n", found, rounds);
        return 1;
    }
    printf("RESULT scan_code_ms=%.2f scan_none_ms=%.2f guidance_ms=%.2f rounds=%d\n", median(t_code, rounds),
           median(t_none, rounds), median(t_guid, rounds), rounds);
    free(t_code);
    free(t_none);
    free(t_guid);
    gb_qr_reader_free(r);
    gb_face_model_free(model);
    gb_image_free(src);
    gb_image_free(face);
    gb_image_free(plain);
    gb_image_free(code);
    return 0;
}
