/* Full-detail decode of one region of a JPEG through the libjpeg API
 * (TurboJPEG cannot crop while decoding). Only the region's rows are run
 * through the IDCT (jpeg_skip_scanlines) and only its iMCU columns
 * (jpeg_crop_scanline), so a 24 MP camera frame costs a fraction of a full
 * decode; the other rows are only entropy-decoded, to find damage. The
 * region is given upright; it is mapped to the file's stored orientation,
 * decoded, and the result turned upright. */
#include "image/jpeg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "image/jpeg_internal.h"
#include "image/orient.h"

typedef struct region_job {
    const unsigned char *data;
    size_t len;
    double max_mp;
    gb_rect region; /* upright, full size */
    int min_w, min_h;
    gb_err *err;

    struct jpeg_decompress_struct cinfo;
    gb_jpeg_errmgr jerr;
    int created;
    unsigned char *row;
    gb_image *stored;   /* the decoded rectangle, stored orientation, scaled */
    gb_rect where;      /* the requested region inside stored, its pixels */
    int orientation, num; /* scale is num/8 */
    gb_image_info info;
} region_job;

/* The largest reduction num/8 (num = 1..8) that keeps the region at least
 * min_w x min_h: the resampler should only ever shrink, never enlarge. */
static int pick_num(double w, double h, int min_w, int min_h)
{
    for (int num = 1; num < 8; num++)
        if (w * num / 8 + 1e-9 >= min_w && h * num / 8 + 1e-9 >= min_h)
            return num;
    return 8;
}

/* Everything that may longjmp happens here. All state lives in *j (not in
 * locals of this frame), so nothing is lost or clobbered by the longjmp. */
static int run(region_job *j)
{
    j->cinfo.err = gb_jpeg_errmgr_init(&j->jerr);
    if (setjmp(j->jerr.jump)) {
        gb_jpeg_damage(j->jerr.msg, j->err);
        return -1;
    }
    struct jpeg_decompress_struct *ci = &j->cinfo;
    jpeg_create_decompress(ci);
    j->created = 1;
    gb_jpeg_limit_scans(ci, &j->jerr);
    jpeg_mem_src(ci, j->data, (unsigned long)j->len);
    jpeg_read_header(ci, TRUE);
    if (ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK) {
        gb_err_set(j->err, "CMYK JPEG (a print file) is not supported; save the photo as an RGB JPEG");
        return -1;
    }
    int W = (int)ci->image_width, H = (int)ci->image_height;
    if (gb_image_check_dims(GB_FMT_JPEG, W, H, j->max_mp, j->err) < 0)
        return -1;
    int o = j->orientation = gb_jpeg_exif_orientation(j->data, j->len);
    int UW = gb_orient_swaps(o) ? H : W, UH = gb_orient_swaps(o) ? W : H;
    if (gb_rect_check(j->region, UW, UH, j->err) < 0) {
        gb_err_prefix(j->err, "JPEG region decode");
        return -1;
    }
    gb_rect sr = gb_orient_rect_to_stored(j->region, o, W, H);
    j->num = pick_num(j->region.w, j->region.h, j->min_w, j->min_h);
    double s = j->num / 8.0;

    ci->scale_num = (unsigned)j->num;
    ci->scale_denom = 8;
    ci->out_color_space = JCS_RGB;
    ci->dct_method = JDCT_ISLOW; /* as TurboJPEG's accurate decode */
    jpeg_start_decompress(ci);
    if (ci->output_components != 3) {
        gb_err_set(j->err, "the JPEG decodes to %d colour components, not RGB", ci->output_components);
        return -1;
    }
    /* Scaled pixel i covers full-size [i/s, (i+1)/s): take every pixel the
     * region touches. */
    int ow = (int)ci->output_width, oh = (int)ci->output_height;
    int x0 = (int)floor(sr.x * s), x1 = (int)ceil((sr.x + sr.w) * s);
    int y0 = (int)floor(sr.y * s), y1 = (int)ceil((sr.y + sr.h) * s);
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > ow ? ow : (x1 <= x0 ? x0 + 1 : x1);
    y1 = y1 > oh ? oh : (y1 <= y0 ? y0 + 1 : y1);

    JDIMENSION xoff = (JDIMENSION)x0, cw = (JDIMENSION)(x1 - x0);
    if (x0 > 0 || x1 < ow)
        jpeg_crop_scanline(ci, &xoff, &cw); /* widens to iMCU boundaries */
    if (!(j->row = malloc((size_t)ci->output_width * 3))) {
        gb_err_set(j->err, "out of memory for a JPEG scanline");
        return -1;
    }
    if (!(j->stored = gb_image_new_err(x1 - x0, y1 - y0, j->err)))
        return -1;
    if (y0 > 0 && jpeg_skip_scanlines(ci, (JDIMENSION)y0) != (JDIMENSION)y0) {
        gb_err_set(j->err, "the JPEG decoder could not skip to row %d", y0);
        return -1;
    }
    for (int r = 0; r < y1 - y0; r++) {
        JSAMPROW rows[1] = {j->row};
        if (jpeg_read_scanlines(ci, rows, 1) != 1) {
            gb_err_set(j->err, "the JPEG decoder stopped at row %d of %d", y0 + r, oh);
            return -1;
        }
        memcpy(gb_image_px(j->stored, 0, r), j->row + (size_t)(x0 - (int)xoff) * 3, (size_t)(x1 - x0) * 3);
    }
    /* Run the entropy decoder over the rest (no IDCT, cheap) up to EOI, so
     * damage after the region is refused too, as the whole-image decode
     * refuses it: one file, one verdict. (Skipping to the very end would
     * just mark the input finished, so the last row is really read.) */
    if (y1 < oh) {
        JDIMENSION skip = (JDIMENSION)(oh - y1 - 1);
        JSAMPROW rows[1] = {j->row};
        if ((skip && jpeg_skip_scanlines(ci, skip) != skip) || jpeg_read_scanlines(ci, rows, 1) != 1) {
            gb_err_set(j->err, "the JPEG decoder stopped before the last row");
            return -1;
        }
    }
    jpeg_finish_decompress(ci);
    if (j->jerr.warnings) {
        gb_jpeg_damage(j->jerr.msg, j->err);
        return -1;
    }
    j->where = (gb_rect){sr.x * s - x0, sr.y * s - y0, sr.w * s, sr.h * s};
    j->info = (gb_image_info){GB_FMT_JPEG, UW, UH, j->num, 8, o};
    return 0;
}

static int gcd(int a, int b)
{
    return b ? gcd(b, a % b) : a;
}

int gb_jpeg_decode_region(const unsigned char *data, size_t len, const gb_decode_opts *opts,
                          gb_rect region, int min_out_w, int min_out_h, gb_image **out,
                          gb_image_info *info, gb_rect *where, gb_err *err)
{
    *out = NULL;
    region_job *j = calloc(1, sizeof *j);
    if (!j) {
        gb_err_set(err, "out of memory for a JPEG decoder");
        return -1;
    }
    j->data = data;
    j->len = len;
    j->max_mp = opts ? opts->max_megapixels : 0;
    j->region = region;
    j->min_w = min_out_w;
    j->min_h = min_out_h;
    j->err = err;
    int rc = run(j);
    if (j->created)
        jpeg_destroy_decompress(&j->cinfo);
    if (rc == 0) {
        int o = j->orientation, g = gcd(j->num, 8);
        if (where)
            *where = gb_orient_rect_to_upright(j->where, o, j->stored->width, j->stored->height);
        if (info) {
            *info = j->info;
            info->scale_num = j->num / g;
            info->scale_denom = 8 / g;
        }
        if (o == 1) {
            *out = j->stored;
            j->stored = NULL;
        } else if (!(*out = gb_orient_apply(j->stored, o, err))) {
            rc = -1;
        }
    }
    gb_image_free(j->stored);
    free(j->row);
    free(j);
    return rc;
}
