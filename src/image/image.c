#include "image/image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int size_sane(int width, int height)
{
    return width >= 1 && height >= 1 && width <= 30000 && height <= 30000 &&
           (long long)width * height <= 400LL * 1000 * 1000;
}

gb_image *gb_image_new(int width, int height)
{
    if (!size_sane(width, height))
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

gb_image *gb_image_new_err(int width, int height, gb_err *err)
{
    gb_image *img = gb_image_new(width, height);
    if (!img) {
        if (size_sane(width, height))
            gb_err_set(err, "out of memory for a %dx%d image", width, height);
        else
            gb_err_set(err, "image size %dx%d is out of range (each side 1..30000, at most 400 megapixels)",
                       width, height);
    }
    return img;
}

gb_image *gb_image_crop(const gb_image *src, int x, int y, int w, int h, gb_err *err)
{
    if (w < 1 || h < 1 || x < 0 || y < 0 || x > src->width - w || y > src->height - h) {
        gb_err_set(err, "crop %dx%d at (%d, %d) is not inside the %dx%d image", w, h, x, y, src->width,
                   src->height);
        return NULL;
    }
    gb_image *out = gb_image_new_err(w, h, err);
    if (!out)
        return NULL;
    for (int r = 0; r < h; r++)
        memcpy(gb_image_px(out, 0, r), gb_image_px(src, x, y + r), (size_t)w * 3);
    return out;
}

int gb_rect_check(gb_rect r, int w, int h, gb_err *err)
{
    const double slack = 1e-6;
    if (!isfinite(r.x) || !isfinite(r.y) || !isfinite(r.w) || !isfinite(r.h) || r.w <= 0 || r.h <= 0 ||
        r.x < -slack || r.y < -slack || r.x + r.w > w + slack || r.y + r.h > h + slack) {
        gb_err_set(err, "rectangle %.2fx%.2f at (%.2f, %.2f) is not inside the %dx%d image", r.w, r.h, r.x, r.y,
                   w, h);
        return -1;
    }
    return 0;
}
