/* WebP through libwebp: phones and chat apps turn photos into WebP and keep
 * the .jpg name, so a student's upload may well be one. Alpha is composited
 * on white, as a viewer shows it. */
#include "image/webp.h"

#include <string.h>
#include <webp/decode.h>

int gb_webp_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                   gb_image_info *info, gb_err *err)
{
    *out = NULL;
    WebPBitstreamFeatures f;
    if (WebPGetFeatures(data, len, &f) != VP8_STATUS_OK) {
        gb_err_set(err, "the WebP image is damaged or cut short (its header cannot be read)");
        return -1;
    }
    if (gb_image_check_dims(GB_FMT_WEBP, f.width, f.height, opts ? opts->max_megapixels : 0, err) < 0)
        return -1;
    int w, h;
    uint8_t *rgba = WebPDecodeRGBA(data, len, &w, &h);
    if (!rgba) {
        gb_err_set(err, "the WebP image is damaged or cut short (%dx%d declared)", f.width, f.height);
        return -1;
    }
    gb_image *img = gb_image_new(w, h);
    if (!img) {
        WebPFree(rgba);
        gb_err_set(err, "out of memory for a %dx%d image", w, h);
        return -1;
    }
    for (int y = 0; y < h; y++) {
        const uint8_t *s = rgba + (size_t)y * w * 4;
        unsigned char *d = gb_image_px(img, 0, y);
        for (int x = 0; x < w; x++, s += 4, d += 3) {
            unsigned a = s[3];
            for (int k = 0; k < 3; k++)
                d[k] = (unsigned char)((s[k] * a + 255 * (255 - a) + 127) / 255);
        }
    }
    WebPFree(rgba);
    *out = img;
    if (info)
        *info = (gb_image_info){GB_FMT_WEBP, w, h, 1, 1, 1};
    return 0;
}
