/* Fitting a JPEG into a byte window (CHSI: 20-40 KB by default) at the best
 * quality that fits. */
#include "image/jpeg.h"

#include <stdlib.h>

int gb_jpeg_encode_sized(const gb_image *img, int q_min, size_t min_bytes, size_t max_bytes, int dpi,
                         unsigned char **out, size_t *out_len, gb_jpeg_sized_result *res, gb_err *err)
{
    *out = NULL;
    *out_len = 0;
    if (q_min < 1 || q_min > 100 || max_bytes == 0 || min_bytes > max_bytes) {
        gb_err_set(err, "JPEG size fit: bad arguments (quality from %d, window %zu..%zu bytes)", q_min,
                   min_bytes, max_bytes);
        return -1;
    }
    gb_jpeg_sized_result r = {q_min, 0, GB_JPEG_FIT_OK, 0};
    unsigned char *best = NULL;
    size_t best_len = 0;
    if (gb_jpeg_encode(img, q_min, dpi, &best, &best_len, err) < 0)
        return -1;
    r.encodes = 1;
    if (best_len > max_bytes) {
        /* Nothing fits: the smallest we are allowed to make is the nearest. */
        r.fit = GB_JPEG_FIT_OVER_MAX;
    } else {
        /* Invariant: lo fits (best holds it), hi does not or is past 100.
         * File size rises with quality, so this finds the highest that fits
         * in about log2(100 - q_min) encodes. */
        int lo = q_min, hi = 101;
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            unsigned char *buf;
            size_t len;
            if (gb_jpeg_encode(img, mid, dpi, &buf, &len, err) < 0) {
                free(best);
                return -1;
            }
            r.encodes++;
            if (len <= max_bytes) {
                free(best);
                best = buf;
                best_len = len;
                lo = mid;
            } else {
                free(buf);
                hi = mid;
            }
        }
        r.quality = lo;
        /* Too small even at the best quality that fits (usually: a flat
         * picture at q=100). We do not pad files with junk to reach it. */
        if (best_len < min_bytes)
            r.fit = GB_JPEG_FIT_UNDER_MIN;
    }
    r.bytes = best_len;
    *out = best;
    *out_len = best_len;
    if (res)
        *res = r;
    return 0;
}
