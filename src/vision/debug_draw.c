#include "vision/debug_draw.h"

#include <math.h>

#include "image/decode.h"
#include "image/png.h"

static void put(gb_image *img, int x, int y, const unsigned char rgb[3])
{
    if (x < 0 || y < 0 || x >= img->width || y >= img->height)
        return;
    unsigned char *p = gb_image_px(img, x, y);
    p[0] = rgb[0];
    p[1] = rgb[1];
    p[2] = rgb[2];
}

static void rect(gb_image *img, int x0, int y0, int x1, int y1, const unsigned char rgb[3])
{
    for (int x = x0; x <= x1; x++) {
        put(img, x, y0, rgb);
        put(img, x, y1, rgb);
    }
    for (int y = y0; y <= y1; y++) {
        put(img, x0, y, rgb);
        put(img, x1, y, rgb);
    }
}

static void hline(gb_image *img, int y, const unsigned char rgb[3])
{
    for (int x = 0; x < img->width; x++)
        if (x % 8 < 5)
            put(img, x, y, rgb);
}

int gb_check_debug_png(const gb_config *cfg, const unsigned char *data, size_t len, const gb_check *c,
                       const char *path, gb_err *err)
{
    gb_decode_opts opts = {.min_side = cfg->analysis_min_side};
    gb_image *img;
    if (gb_image_decode(data, len, &opts, &img, NULL, err) < 0)
        return -1;
    static const unsigned char red[3] = {255, 0, 0}, green[3] = {0, 200, 0}, blue[3] = {0, 80, 255},
                               yellow[3] = {255, 220, 0}, magenta[3] = {230, 0, 230}, cyan[3] = {0, 220, 220};
    const gb_measure *m = &c->m;
    if (m->have_face) {
        for (int i = 0; i < m->nregions; i++) {
            const unsigned char *col = m->regions[i].name[0] == 'b' ? cyan : m->regions[i].name[0] == 'e' ? magenta : yellow;
            rect(img, m->regions[i].x0, m->regions[i].y0, m->regions[i].x1 - 1, m->regions[i].y1 - 1, col);
        }
        for (int k = 0; k < 68; k++)
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    put(img, (int)lround(m->face.pts[k].x) + dx, (int)lround(m->face.pts[k].y) + dy, green);
        hline(img, (int)lround(m->eye_y), blue);
        hline(img, (int)lround(m->crown_y), m->crown_found ? blue : red);
        if (c->crop.status == GB_CROP_OK) {
            double s = (double)img->width / c->src_w;
            rect(img, (int)(c->crop.x * s), (int)(c->crop.y * s), (int)((c->crop.x + c->crop.w) * s),
                 (int)((c->crop.y + c->crop.h) * s), red);
        }
    }
    int rc = gb_png_write_file(img, path, err);
    gb_image_free(img);
    return rc;
}
