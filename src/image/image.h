/* Pixel buffers: 8-bit RGB, rows top to bottom, no padding between pixels.
 * Every decoder and encoder in src/image speaks this one format. */
#ifndef GB_IMAGE_IMAGE_H
#define GB_IMAGE_IMAGE_H

#include <stddef.h>

#include "core/err.h"

typedef struct gb_image {
    int width, height;
    size_t stride; /* bytes per row, >= 3 * width */
    unsigned char *pixels;
} gb_image;

/* A rectangle in pixel units; fractional so crops keep sub-pixel precision
 * (pixel (i, j) covers [i, i+1) x [j, j+1)). */
typedef struct gb_rect {
    double x, y, w, h;
} gb_rect;

/* A black image; NULL when out of memory or the size is not sane
 * (each side 1 .. 30000, at most 400 megapixels). */
gb_image *gb_image_new(int width, int height);
void gb_image_free(gb_image *img);

/* Like gb_image_new, but says why in err when it fails. */
gb_image *gb_image_new_err(int width, int height, gb_err *err);

/* A copy of the whole-pixel rectangle (x, y, w, h); NULL with a message when it
 * is empty or not wholly inside src (we never pad). */
gb_image *gb_image_crop(const gb_image *src, int x, int y, int w, int h, gb_err *err);

/* 0 when r is a non-empty rectangle wholly inside a w x h image (a rounding
 * slack of 1e-6 px is allowed); else -1 with a message naming both. */
int gb_rect_check(gb_rect r, int w, int h, gb_err *err);

static inline unsigned char *gb_image_px(const gb_image *img, int x, int y)
{
    return img->pixels + (size_t)y * img->stride + (size_t)x * 3;
}

#endif
