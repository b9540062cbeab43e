/* Whole-image JPEG decode through TurboJPEG, optionally DCT-scaled. */
#include "image/jpeg.h"

#include <turbojpeg.h>

#include "image/jpeg_internal.h"
#include "image/orient.h"

/* The smallest scaling factor (at most 1/1; TurboJPEG offers 1/8 .. 2/1 in
 * eighths) whose result keeps the shorter side >= min_side. Scaling inside
 * the IDCT costs nothing in quality for analysis and saves most of the time. */
static tjscalingfactor pick_scale(int w, int h, int min_side)
{
    tjscalingfactor best = {1, 1};
    int n = 0;
    tjscalingfactor *sf = min_side > 0 ? tjGetScalingFactors(&n) : NULL;
    long best_area = (long)w * h;
    for (int i = 0; sf && i < n; i++) {
        if (sf[i].num > sf[i].denom)
            continue; /* never enlarge */
        int sw = TJSCALED(w, sf[i]), sh = TJSCALED(h, sf[i]);
        if ((sw < sh ? sw : sh) >= min_side && (long)sw * sh < best_area) {
            best = sf[i];
            best_area = (long)sw * sh;
        }
    }
    return best;
}

int gb_jpeg_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                   gb_image_info *info, gb_err *err)
{
    *out = NULL;
    tjhandle tj = tjInitDecompress();
    if (!tj) {
        gb_err_set(err, "cannot start the JPEG decoder (%s)", tjGetErrorStr2(NULL));
        return -1;
    }
    int rc = -1, w, h, subsamp, cs;
    gb_image *stored = NULL;
    if (tjDecompressHeader3(tj, data, (unsigned long)len, &w, &h, &subsamp, &cs) < 0) {
        gb_jpeg_damage(tjGetErrorStr2(tj), err);
        goto done;
    }
    if (cs == TJCS_CMYK || cs == TJCS_YCCK) {
        gb_err_set(err, "CMYK JPEG (a print file) is not supported; save the photo as an RGB JPEG");
        goto done;
    }
    if (gb_image_check_dims(GB_FMT_JPEG, w, h, opts ? opts->max_megapixels : 0, err) < 0)
        goto done;
    int o = gb_jpeg_exif_orientation(data, len);
    tjscalingfactor sf = pick_scale(w, h, opts ? opts->min_side : 0);
    stored = gb_image_new_err(TJSCALED(w, sf), TJSCALED(h, sf), err);
    if (!stored)
        goto done;
    /* ACCURATEDCT: the default islow IDCT, said out loud so region and whole
     * decodes agree. LIMITSCANS: refuse progressive CPU bombs. */
    if (tjDecompress2(tj, data, (unsigned long)len, stored->pixels, stored->width, (int)stored->stride,
                      stored->height, TJPF_RGB, TJFLAG_ACCURATEDCT | TJFLAG_LIMITSCANS) < 0) {
        /* -1 comes for fatal errors and also, after a complete decode, when
         * there were warnings (tjGetErrorCode says TJERR_WARNING): libjpeg
         * met corrupt or missing data ("Premature end of JPEG file") and
         * filled the rest with grey. For a certificate photo a warning is a
         * failure too, so both are refused. TurboJPEG keeps the first
         * warning's text. */
        gb_jpeg_damage(tjGetErrorStr2(tj), err);
        goto done;
    }
    if (o == 1) {
        *out = stored;
        stored = NULL;
    } else if (!(*out = gb_orient_apply(stored, o, err))) {
        goto done;
    }
    if (info) {
        info->format = GB_FMT_JPEG;
        info->width = gb_orient_swaps(o) ? h : w;
        info->height = gb_orient_swaps(o) ? w : h;
        info->scale_num = sf.num;
        info->scale_denom = sf.denom;
        info->orientation = o;
    }
    rc = 0;
done:
    gb_image_free(stored);
    tjDestroy(tj);
    return rc;
}
