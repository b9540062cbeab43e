#include "image/resample.h"

#include <math.h>
#include <stdlib.h>

#define LANCZOS_A 3.0

static double sinc(double t)
{
    if (fabs(t) < 1e-9)
        return 1.0;
    t *= M_PI;
    return sin(t) / t;
}

static double lanczos(double t)
{
    return fabs(t) < LANCZOS_A ? sinc(t) * sinc(t / LANCZOS_A) : 0.0;
}

/* For each output sample along one axis: the source indices and normalised
 * weights of `taps` consecutive source samples. Indices outside
 * the image are clamped to the edge (their weight goes to the edge pixel),
 * which keeps flat areas flat right up to the border. */
typedef struct taps {
    int n;          /* output samples */
    int taps;       /* weights per output sample */
    int *index;     /* n * taps: clamped source index of each tap */
    float *weight;  /* n * taps */
} taps;

static void taps_free(taps *t)
{
    free(t->index);
    free(t->weight);
}

/* Output sample i covers source [start + i*scale, start + (i+1)*scale), with
 * its centre at start + (i + 0.5)*scale; source pixel j has its centre at
 * j + 0.5. Shrinking (scale > 1) widens the kernel by scale, upscaling keeps
 * it at 3 pixels a side. */
static int taps_make(taps *t, double start, double len, int n, int src_n)
{
    double scale = len / n;
    double stretch = scale > 1.0 ? scale : 1.0;
    double radius = LANCZOS_A * stretch;
    t->n = n;
    t->taps = (int)ceil(radius) * 2 + 1;
    t->index = malloc((size_t)n * (size_t)t->taps * sizeof *t->index);
    t->weight = malloc((size_t)n * (size_t)t->taps * sizeof *t->weight);
    if (!t->index || !t->weight)
        return -1;
    for (int i = 0; i < n; i++) {
        double c = start + (i + 0.5) * scale;
        int j0 = (int)floor(c - 0.5 - radius) + 1; /* first j with |j + 0.5 - c| < radius */
        double sum = 0;
        int *idx = t->index + (size_t)i * t->taps;
        float *w = t->weight + (size_t)i * t->taps;
        for (int k = 0; k < t->taps; k++) {
            int j = j0 + k;
            double v = lanczos((j + 0.5 - c) / stretch);
            idx[k] = j < 0 ? 0 : (j >= src_n ? src_n - 1 : j);
            w[k] = (float)v;
            sum += v;
        }
        for (int k = 0; k < t->taps; k++)
            w[k] = (float)(w[k] / sum);
    }
    return 0;
}

static unsigned char clamp_u8(float v)
{
    v = v + 0.5f;
    return v <= 0.0f ? 0 : (v >= 255.0f ? 255 : (unsigned char)v);
}

gb_image *gb_image_crop_resize(const gb_image *src, double x, double y, double w, double h, int out_w,
                               int out_h, gb_err *err)
{
    gb_rect r = {x, y, w, h};
    if (gb_rect_check(r, src->width, src->height, err) < 0) {
        gb_err_prefix(err, "crop and resize");
        return NULL;
    }
    gb_image *out = gb_image_new_err(out_w, out_h, err);
    if (!out)
        return NULL;
    taps tx = {0}, ty = {0};
    float *mid = NULL, *acc = NULL;
    if (taps_make(&tx, x, w, out_w, src->width) < 0 || taps_make(&ty, y, h, out_h, src->height) < 0)
        goto oom;
    /* Only the source rows the vertical taps touch go through the
     * horizontal pass (a crop of a big frame reads few of them). */
    int row0 = ty.index[0], row1 = ty.index[0];
    for (size_t k = 0; k < (size_t)out_h * ty.taps; k++) {
        row0 = ty.index[k] < row0 ? ty.index[k] : row0;
        row1 = ty.index[k] > row1 ? ty.index[k] : row1;
    }
    size_t mid_stride = (size_t)out_w * 3;
    mid = malloc((size_t)(row1 - row0 + 1) * mid_stride * sizeof *mid);
    acc = malloc(mid_stride * sizeof *acc);
    if (!mid || !acc)
        goto oom;
    /* Horizontal pass into floats: no rounding between the two passes. */
    for (int sy = row0; sy <= row1; sy++) {
        const unsigned char *s = gb_image_px(src, 0, sy);
        float *m = mid + (size_t)(sy - row0) * mid_stride;
        for (int i = 0; i < out_w; i++) {
            const int *idx = tx.index + (size_t)i * tx.taps;
            const float *wt = tx.weight + (size_t)i * tx.taps;
            float a = 0, b = 0, c = 0;
            for (int k = 0; k < tx.taps; k++) {
                const unsigned char *p = s + (size_t)idx[k] * 3;
                a += wt[k] * p[0];
                b += wt[k] * p[1];
                c += wt[k] * p[2];
            }
            m[i * 3] = a;
            m[i * 3 + 1] = b;
            m[i * 3 + 2] = c;
        }
    }
    /* Vertical pass, a whole row at a time so memory is read in order;
     * Lanczos overshoots a little at hard edges, so clamp. */
    for (int oy = 0; oy < out_h; oy++) {
        const int *idx = ty.index + (size_t)oy * ty.taps;
        const float *wt = ty.weight + (size_t)oy * ty.taps;
        for (size_t i = 0; i < mid_stride; i++)
            acc[i] = 0;
        for (int k = 0; k < ty.taps; k++) {
            const float *m = mid + (size_t)(idx[k] - row0) * mid_stride;
            for (size_t i = 0; i < mid_stride; i++)
                acc[i] += wt[k] * m[i];
        }
        unsigned char *d = gb_image_px(out, 0, oy);
        for (size_t i = 0; i < mid_stride; i++)
            d[i] = clamp_u8(acc[i]);
    }
    free(mid);
    free(acc);
    taps_free(&tx);
    taps_free(&ty);
    return out;
oom:
    gb_err_set(err, "out of memory resampling to %dx%d", out_w, out_h);
    free(mid);
    free(acc);
    taps_free(&tx);
    taps_free(&ty);
    gb_image_free(out);
    return NULL;
}

/* One bilinear sample at (sx, sy) (pixel centres at integer + 0.5 are
 * at integer here), clamped to the image, added to acc[0..2]. */
static void bilinear_add(const gb_image *src, double sx, double sy, float acc[3])
{
    double mx = src->width - 1, my = src->height - 1;
    sx = sx < 0 ? 0 : sx > mx ? mx : sx;
    sy = sy < 0 ? 0 : sy > my ? my : sy;
    int x0 = (int)sx, y0 = (int)sy;
    int x1 = x0 + 1 <= mx ? x0 + 1 : x0, y1 = y0 + 1 <= my ? y0 + 1 : y0;
    float fx = (float)(sx - x0), fy = (float)(sy - y0);
    const unsigned char *a = gb_image_px(src, x0, y0), *b = gb_image_px(src, x1, y0);
    const unsigned char *c = gb_image_px(src, x0, y1), *d = gb_image_px(src, x1, y1);
    for (int k = 0; k < 3; k++) {
        float top = a[k] + (b[k] - a[k]) * fx, bottom = c[k] + (d[k] - c[k]) * fx;
        acc[k] += top + (bottom - top) * fy;
    }
}

gb_image *gb_image_crop_resize_fast(const gb_image *src, double x, double y, double w, double h, int out_w,
                                    int out_h, gb_err *err)
{
    gb_rect r = {x, y, w, h};
    if (gb_rect_check(r, src->width, src->height, err) < 0) {
        gb_err_prefix(err, "quick crop and resize");
        return NULL;
    }
    gb_image *out = gb_image_new_err(out_w, out_h, err);
    if (!out)
        return NULL;
    double kx = w / out_w, ky = h / out_h;
    /* shrinking by more than 1.5: four samples a quarter step apart, so
     * each output pixel sees the area it covers rather than one point */
    int multi = kx > 1.5 || ky > 1.5;
    double dx = multi ? kx / 4 : 0, dy = multi ? ky / 4 : 0;
    for (int oy = 0; oy < out_h; oy++) {
        unsigned char *o = gb_image_px(out, 0, oy);
        double sy = y + (oy + 0.5) * ky - 0.5;
        for (int ox = 0; ox < out_w; ox++, o += 3) {
            double sx = x + (ox + 0.5) * kx - 0.5;
            float acc[3] = {0, 0, 0};
            if (multi) {
                bilinear_add(src, sx - dx, sy - dy, acc);
                bilinear_add(src, sx + dx, sy - dy, acc);
                bilinear_add(src, sx - dx, sy + dy, acc);
                bilinear_add(src, sx + dx, sy + dy, acc);
                for (int k = 0; k < 3; k++)
                    acc[k] *= 0.25f;
            } else {
                bilinear_add(src, sx, sy, acc);
            }
            for (int k = 0; k < 3; k++)
                o[k] = (unsigned char)(acc[k] + 0.5f > 255 ? 255 : acc[k] + 0.5f);
        }
    }
    return out;
}
