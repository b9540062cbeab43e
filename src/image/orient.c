#include "image/orient.h"

#include <math.h>
#include <string.h>

int gb_orient_swaps(int o)
{
    return o >= 5 && o <= 8;
}

/* Where upright pixel (ux, uy) comes from in the stored image (W x H stored). */
static void upright_to_stored_px(int o, int W, int H, int ux, int uy, int *sx, int *sy)
{
    switch (o) {
    case 2: *sx = W - 1 - ux; *sy = uy; break;
    case 3: *sx = W - 1 - ux; *sy = H - 1 - uy; break;
    case 4: *sx = ux; *sy = H - 1 - uy; break;
    case 5: *sx = uy; *sy = ux; break;
    case 6: *sx = uy; *sy = H - 1 - ux; break;
    case 7: *sx = W - 1 - uy; *sy = H - 1 - ux; break;
    case 8: *sx = W - 1 - uy; *sy = ux; break;
    default: *sx = ux; *sy = uy; break;
    }
}

gb_image *gb_orient_apply(const gb_image *src, int o, gb_err *err)
{
    int W = src->width, H = src->height;
    gb_image *out = gb_orient_swaps(o) ? gb_image_new_err(H, W, err) : gb_image_new_err(W, H, err);
    if (!out)
        return NULL;
    if (o < 2 || o > 8) {
        for (int y = 0; y < H; y++)
            memcpy(gb_image_px(out, 0, y), gb_image_px(src, 0, y), (size_t)W * 3);
        return out;
    }
    /* Plain per-pixel gather: at most a few megapixels, once per photo. */
    for (int uy = 0; uy < out->height; uy++) {
        unsigned char *d = gb_image_px(out, 0, uy);
        for (int ux = 0; ux < out->width; ux++, d += 3) {
            int sx, sy;
            upright_to_stored_px(o, W, H, ux, uy, &sx, &sy);
            const unsigned char *s = gb_image_px(src, sx, sy);
            d[0] = s[0];
            d[1] = s[1];
            d[2] = s[2];
        }
    }
    return out;
}

/* The continuous versions of the pixel maps above: pixel index i covers
 * [i, i+1), so "W - 1 - x" for indices becomes "W - x" for coordinates.
 * A rectangle maps to the box spanned by its two mapped corners. */
static void upright_to_stored_pt(int o, double W, double H, double ux, double uy, double *sx, double *sy)
{
    switch (o) {
    case 2: *sx = W - ux; *sy = uy; break;
    case 3: *sx = W - ux; *sy = H - uy; break;
    case 4: *sx = ux; *sy = H - uy; break;
    case 5: *sx = uy; *sy = ux; break;
    case 6: *sx = uy; *sy = H - ux; break;
    case 7: *sx = W - uy; *sy = H - ux; break;
    case 8: *sx = W - uy; *sy = ux; break;
    default: *sx = ux; *sy = uy; break;
    }
}

static void stored_to_upright_pt(int o, double W, double H, double sx, double sy, double *ux, double *uy)
{
    switch (o) {
    case 2: *ux = W - sx; *uy = sy; break;
    case 3: *ux = W - sx; *uy = H - sy; break;
    case 4: *ux = sx; *uy = H - sy; break;
    case 5: *ux = sy; *uy = sx; break;
    case 6: *ux = H - sy; *uy = sx; break;
    case 7: *ux = H - sy; *uy = W - sx; break;
    case 8: *ux = sy; *uy = W - sx; break;
    default: *ux = sx; *uy = sy; break;
    }
}

static gb_rect span(double x0, double y0, double x1, double y1)
{
    gb_rect r = {fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0)};
    return r;
}

gb_rect gb_orient_rect_to_stored(gb_rect u, int o, int W, int H)
{
    double x0, y0, x1, y1;
    upright_to_stored_pt(o, W, H, u.x, u.y, &x0, &y0);
    upright_to_stored_pt(o, W, H, u.x + u.w, u.y + u.h, &x1, &y1);
    return span(x0, y0, x1, y1);
}

gb_rect gb_orient_rect_to_upright(gb_rect s, int o, int W, int H)
{
    double x0, y0, x1, y1;
    stored_to_upright_pt(o, W, H, s.x, s.y, &x0, &y0);
    stored_to_upright_pt(o, W, H, s.x + s.w, s.y + s.h, &x1, &y1);
    return span(x0, y0, x1, y1);
}
