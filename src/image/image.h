/* Pixel buffers: 8-bit RGB, rows top to bottom, no padding between pixels.
 * Every decoder and encoder in src/image speaks this one format. */
#ifndef GB_IMAGE_IMAGE_H
#define GB_IMAGE_IMAGE_H

#include <stddef.h>

typedef struct gb_image {
    int width, height;
    size_t stride; /* bytes per row, >= 3 * width */
    unsigned char *pixels;
} gb_image;

/* A black image; NULL when out of memory or the size is not sane
 * (each side 1 .. 30000, at most 400 megapixels). */
gb_image *gb_image_new(int width, int height);
void gb_image_free(gb_image *img);

static inline unsigned char *gb_image_px(const gb_image *img, int x, int y)
{
    return img->pixels + (size_t)y * img->stride + (size_t)x * 3;
}

#endif
