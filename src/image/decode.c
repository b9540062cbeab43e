/* Format dispatch and the checks every decoder shares. */
#include "image/decode.h"

#include <math.h>

#include "image/jpeg.h"
#include "image/png.h"
#include "image/webp.h"

int gb_image_check_dims(gb_image_format fmt, long long w, long long h, double max_megapixels, gb_err *err)
{
    double limit = max_megapixels > 0 ? max_megapixels : GB_DECODE_DEFAULT_MAX_MP;
    if (w < 1 || h < 1) {
        gb_err_set(err, "the %s header gives an empty size %lldx%lld", gb_image_format_name(fmt), w, h);
        return -1;
    }
    /* Checked before any pixel memory is allocated: a 100-byte file may claim
     * 60000x60000 and would otherwise cost 10 GB. */
    if ((double)w * (double)h > limit * 1e6) {
        gb_err_set(err, "the %s is %lldx%lld (%.0f megapixels), more than the %.0f megapixel limit",
                   gb_image_format_name(fmt), w, h, (double)w * (double)h / 1e6, limit);
        return -1;
    }
    if (w > 30000 || h > 30000) {
        gb_err_set(err, "the %s is %lldx%lld; a side longer than 30000 pixels is not supported",
                   gb_image_format_name(fmt), w, h);
        return -1;
    }
    return 0;
}

int gb_image_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                    gb_image_info *info, gb_err *err)
{
    *out = NULL;
    gb_image_format fmt;
    if (gb_image_check_supported(data, len, &fmt, err) < 0)
        return -1;
    if (fmt == GB_FMT_JPEG)
        return gb_jpeg_decode(data, len, opts, out, info, err);
    if (fmt == GB_FMT_WEBP)
        return gb_webp_decode(data, len, opts, out, info, err);
    return gb_png_decode(data, len, opts, out, info, err);
}

/* PNG and WebP have no cheaper partial decode worth having (PNG rows are
 * filtered and deflated as one stream; WebP photos are phone-sized), so
 * decode whole and copy the region's pixels. */
static int whole_region(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_rect r,
                        gb_image **out, gb_image_info *info, gb_rect *where, gb_err *err)
{
    gb_image *full;
    gb_image_info fi;
    gb_decode_opts whole = opts ? *opts : (gb_decode_opts){0};
    whole.min_side = 0;
    if (gb_image_decode(data, len, &whole, &full, &fi, err) < 0)
        return -1;
    if (gb_rect_check(r, full->width, full->height, err) < 0) {
        gb_err_prefix(err, "region decode");
        gb_image_free(full);
        return -1;
    }
    int x0 = (int)floor(r.x), y0 = (int)floor(r.y);
    int x1 = (int)ceil(r.x + r.w), y1 = (int)ceil(r.y + r.h);
    x1 = x1 > full->width ? full->width : x1;
    y1 = y1 > full->height ? full->height : y1;
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    *out = gb_image_crop(full, x0, y0, x1 - x0, y1 - y0, err);
    gb_image_free(full);
    if (!*out)
        return -1;
    if (info)
        *info = fi;
    if (where)
        *where = (gb_rect){r.x - x0, r.y - y0, r.w, r.h};
    return 0;
}

int gb_image_decode_region(const unsigned char *data, size_t len, const gb_decode_opts *opts,
                           gb_rect region, int min_out_w, int min_out_h, gb_image **out,
                           gb_image_info *info, gb_rect *where, gb_err *err)
{
    *out = NULL;
    gb_image_format fmt;
    if (gb_image_check_supported(data, len, &fmt, err) < 0)
        return -1;
    if (fmt == GB_FMT_JPEG)
        return gb_jpeg_decode_region(data, len, opts, region, min_out_w, min_out_h, out, info, where, err);
    return whole_region(data, len, opts, region, out, info, where, err);
}
