#include "vision/analyse.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "image/decode.h"
#include "image/resample.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int make_output(const gb_config *cfg, const unsigned char *data, size_t len, gb_check *c, gb_err *err)
{
    gb_rect region = {c->crop.x, c->crop.y, c->crop.w, c->crop.h};
    gb_image *part = NULL;
    gb_rect where;
    /* Full detail of the cut only: the decoder picks the largest DCT
     * reduction that still leaves at least 480x640 pixels, never less. */
    if (gb_image_decode_region(data, len, NULL, region, cfg->photo_width, cfg->photo_height, &part, NULL, &where,
                               err) < 0)
        return -1;
    gb_image *out = gb_image_crop_resize(part, where.x, where.y, where.w, where.h, cfg->photo_width,
                                         cfg->photo_height, err);
    gb_image_free(part);
    if (!out)
        return -1;
    int rc = gb_jpeg_encode_sized(out, cfg->jpeg_quality_min, (size_t)cfg->jpeg_min_kb * 1024,
                                  (size_t)cfg->jpeg_max_kb * 1024, cfg->dpi, &c->jpeg, &c->jpeg_len, &c->fit, err);
    c->out_w = out->width;
    c->out_h = out->height;
    gb_image_free(out);
    return rc;
}

int gb_check_photo(gb_face_model *model, const gb_config *cfg, const unsigned char *data, size_t len,
                   const char *backdrop, gb_output_mode output, gb_check *c, gb_err *err)
{
    memset(c, 0, sizeof *c);
    double t0 = now_ms();
    gb_decode_opts opts = {.min_side = cfg->analysis_min_side};
    gb_image *img = NULL;
    gb_image_info info;
    if (gb_image_decode(data, len, &opts, &img, &info, err) < 0)
        return -1;
    c->src_w = info.width;
    c->src_h = info.height;
    double t1 = now_ms();
    c->ms_decode = t1 - t0;

    gb_face faces[4];
    int n = gb_face_detect(model, img, cfg->detect_upsample, cfg->detect_threshold, faces, 4, err);
    if (n < 0) {
        gb_image_free(img);
        return -1;
    }
    gb_measure_photo(img, faces, n, cfg, &c->m);
    /* The crop is solved in full-resolution pixels: that is where the
     * output is cut from, and where "no upscaling" is judged. */
    double to_full = (double)info.width / img->width;
    gb_image_free(img);
    c->crop.status = GB_CROP_PROPORTIONS;
    if (c->m.have_face) {
        gb_spec spec = gb_spec_from_config(cfg);
        gb_head_geom head = gb_measure_head(&c->m, to_full);
        if (c->m.crown_cut)
            head.crown_y = -1; /* hair runs off the top: no headroom whatever the scale */
        c->crop = gb_crop_solve(&spec, &head, info.width, info.height, 1.0);
    }
    gb_rule_input in = {&c->m, cfg, c->crop, info.width, info.height, backdrop};
    size_t count;
    gb_rules(&count);
    c->nrules = count < GB_MAX_RULES ? count : GB_MAX_RULES;
    c->failed = gb_rules_evaluate(&in, c->rules);
    double t2 = now_ms();
    c->ms_analyse = t2 - t1;

    int want = output == GB_OUTPUT_IF_CROP ? c->crop.status == GB_CROP_OK
                                           : output == GB_OUTPUT_IF_PASS && c->failed == 0 && c->crop.status == GB_CROP_OK;
    if (want && make_output(cfg, data, len, c, err) < 0)
        return -1;
    c->ms_output = now_ms() - t2;
    c->ms_total = now_ms() - t0;
    return 0;
}

void gb_check_free(gb_check *c)
{
    free(c->jpeg);
    c->jpeg = NULL;
}
