#include "vision/analyse.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pthread.h>

#include "image/decode.h"
#include "image/resample.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* A second decode of a camera JPEG, on the other core while the first one
 * is analysed: at a DCT scale large enough for the output (the cut is
 * usually most of the frame's height), so the output need not decode the
 * file again. Entropy decoding dominates camera files; doing it twice in
 * a row is what made the output slow. */
typedef struct {
    const unsigned char *data;
    size_t len;
    gb_decode_opts opts;
    gb_image *img;
    gb_image_info info;
    gb_err err;
    int rc;
} out_decode;

static void *out_decode_run(void *arg)
{
    out_decode *d = arg;
    d->rc = gb_image_decode(d->data, d->len, &d->opts, &d->img, &d->info, &d->err);
    return NULL;
}

static int make_output(const gb_config *cfg, const unsigned char *data, size_t len, const gb_image *pre,
                       gb_check *c, gb_err *err)
{
    gb_image *out = NULL;
    double k = pre ? (double)pre->width / c->src_w : 0;
    if (pre && c->crop.w * k >= cfg->photo_width && c->crop.h * k >= cfg->photo_height) {
        /* The parallel decode holds enough pixels of the cut: no upscaling. */
        out = gb_image_crop_resize(pre, c->crop.x * k, c->crop.y * k, c->crop.w * k, c->crop.h * k, cfg->photo_width,
                                   cfg->photo_height, err);
    } else {
        gb_rect region = {c->crop.x, c->crop.y, c->crop.w, c->crop.h};
        gb_image *part = NULL;
        gb_rect where;
        /* Full detail of the cut only: the decoder picks the largest DCT
         * reduction that still leaves at least 480x640 pixels, never less. */
        if (gb_image_decode_region(data, len, NULL, region, cfg->photo_width, cfg->photo_height, &part, NULL,
                                   &where, err) < 0)
            return -1;
        out = gb_image_crop_resize(part, where.x, where.y, where.w, where.h, cfg->photo_width, cfg->photo_height,
                                   err);
        gb_image_free(part);
    }
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
    /* Camera JPEGs: start the output-size decode on the other core. The
     * output cut is at least the photo's height; asking for 1.5 times it
     * covers cuts down to two thirds of the frame. */
    out_decode od = {.data = data, .len = len, .opts = {.min_side = cfg->photo_height * 3 / 2}};
    pthread_t worker;
    int have_worker = output != GB_OUTPUT_NONE && gb_image_sniff(data, len) == GB_FMT_JPEG &&
                      od.opts.min_side > cfg->analysis_min_side &&
                      pthread_create(&worker, NULL, out_decode_run, &od) == 0;
    gb_decode_opts opts = {.min_side = cfg->analysis_min_side};
    gb_image *img = NULL;
    gb_image_info info;
    if (gb_image_decode(data, len, &opts, &img, &info, err) < 0) {
        if (have_worker) {
            pthread_join(worker, NULL);
            gb_image_free(od.img);
        }
        return -1;
    }
    c->src_w = info.width;
    c->src_h = info.height;
    double t1 = now_ms();
    c->ms_decode = t1 - t0;

    gb_face faces[4];
    int n = gb_face_detect(model, img, cfg->detect_upsample, cfg->detect_threshold, faces, 4, err);
    /* No face at the analysis size may be a face too small to see there (a
     * student far from the camera): look again with twice the pixels, so
     * the answer is "come closer", not "no face". */
    for (int tries = 0; n == 0 && tries < 2; tries++) {
        gb_image *bigger = NULL;
        int upsample = cfg->detect_upsample;
        if (img->width < info.width) {
            gb_decode_opts more = {.min_side = (img->width < img->height ? img->width : img->height) * 2};
            if (gb_image_decode(data, len, &more, &bigger, NULL, err) < 0)
                break;
        } else if (upsample < 1 && (long)img->width * img->height <= 1500L * 1500L) {
            upsample = 1;
        } else {
            break;
        }
        const gb_image *look = bigger ? bigger : img;
        n = gb_face_detect(model, look, upsample, cfg->detect_threshold, faces, 4, err);
        if (n < 0) {
            gb_image_free(bigger);
            break;
        }
        if (bigger) {
            gb_image_free(img);
            img = bigger;
        } else if (n > 0) {
            /* landmarks found on the doubled image are already in img's pixels */
            break;
        } else {
            break;
        }
    }
    if (n < 0) {
        if (have_worker) {
            pthread_join(worker, NULL);
            gb_image_free(od.img);
        }
        gb_image_free(img);
        return -1;
    }
    gb_measure_photo(img, faces, n, cfg, &c->m);
    /* The detector sometimes finds a face in a photo that is upside down
     * (a camera mounted wrong), fitting the landmarks the right way up: the
     * "eyes" then hold no pupil and the "lips" no red. Only then, look at
     * the photo turned round: a surer face there means it is upside down. */
    if (n == 1 && (c->m.eye_dark > cfg->occl_eye_dark_max || c->m.lip_red < cfg->occl_lip_red_min)) {
        gb_image *turned = gb_image_new(img->width, img->height);
        if (turned) {
            for (int y = 0; y < img->height; y++)
                for (int x = 0; x < img->width; x++)
                    memcpy(gb_image_px(turned, x, y), gb_image_px(img, img->width - 1 - x, img->height - 1 - y), 3);
            gb_face t[2];
            gb_err ignored;
            int nt = gb_face_detect(model, turned, cfg->detect_upsample, cfg->detect_threshold, t, 2, &ignored);
            if (nt >= 1 && t[0].confidence > faces[0].confidence) {
                c->m.upside_down = 1;
                c->m.roll_deg = 180 - c->m.roll_deg;
            }
            gb_image_free(turned);
        }
    }
    /* The crop is solved in full-resolution pixels: that is where the
     * output is cut from, and where "no upscaling" is judged. */
    double to_full = (double)info.width / img->width;
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
    const gb_image *pre = img; /* PNG, WebP and small JPEGs: the one decode is full size */
    if (have_worker) {
        pthread_join(worker, NULL);
        pre = od.rc == 0 ? od.img : NULL;
    } else if (info.format == GB_FMT_JPEG && img->width != info.width) {
        pre = NULL; /* scaled for analysis only: the output decodes its region */
    }
    int rc = want ? make_output(cfg, data, len, pre, c, err) : 0;
    gb_image_free(od.img);
    gb_image_free(img);
    if (rc < 0)
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
