#include "image/image.h"

#include <stdlib.h>

gb_image *gb_image_new(int width, int height)
{
    if (width < 1 || height < 1 || width > 30000 || height > 30000 ||
        (long long)width * height > 400LL * 1000 * 1000)
        return NULL;
    gb_image *img = malloc(sizeof *img);
    if (!img)
        return NULL;
    img->width = width;
    img->height = height;
    img->stride = (size_t)width * 3;
    img->pixels = calloc((size_t)height, img->stride);
    if (!img->pixels) {
        free(img);
        return NULL;
    }
    return img;
}

void gb_image_free(gb_image *img)
{
    if (!img)
        return;
    free(img->pixels);
    free(img);
}
