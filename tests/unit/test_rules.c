/* The photo rules on real faces and on degraded copies of a compliant one:
 * every rule must catch its defect and leave the compliant photo alone.
 * The degradations are made here, in memory, from tests/data/faces. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/decode.h"
#include "image/jpeg.h"
#include "image/resample.h"
#include "store/fileio.h"
#include "vision/analyse.h"

static gb_face_model *model;
static gb_config cfg;
static gb_image *base; /* compliant photo, built once */

static gb_image *load_face(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/faces/%s", GB_TEST_DATA, name);
    gb_image *img;
    gb_err err;
    if (gb_image_load_file(path, NULL, &img, NULL, &err) < 0)
        fail_msg("%s", err.msg);
    return img;
}

static gb_image *copy(const gb_image *src)
{
    gb_image *d = gb_image_new(src->width, src->height);
    for (int y = 0; y < src->height; y++)
        memcpy(gb_image_px(d, 0, y), gb_image_px(src, 0, y), (size_t)src->width * 3);
    return d;
}

/* portrait-6 is framed too tightly for the CHSI layout (hair at the top
 * edge, chest cut off). Give it room as a booth camera would: backdrop
 * above, the edges continued at the sides and below. */
static gb_image *make_base(void)
{
    gb_image *p = load_face("portrait-6.png");
    const int top = 260, side = 200, bottom = 420;
    gb_image *c = gb_image_new(p->width + 2 * side, p->height + top + bottom);
    /* the backdrop colour: mean of the portrait's top-left corner */
    double bg[3] = {0, 0, 0};
    for (int y = 0; y < 40; y++)
        for (int x = 0; x < 40; x++)
            for (int k = 0; k < 3; k++)
                bg[k] += gb_image_px(p, x, y)[k] / 1600.0;
    for (int y = 0; y < c->height; y++)
        for (int x = 0; x < c->width; x++) {
            int sx = x - side, sy = y - top;
            unsigned char *d = gb_image_px(c, x, y);
            if (sy < 0) {
                /* a little sensor noise so the backdrop is not flatter than a camera's */
                int n = (int)((x * 7919 + y * 104729) % 5) - 2;
                for (int k = 0; k < 3; k++)
                    d[k] = (unsigned char)fmin(255, fmax(0, bg[k] + n));
                continue;
            }
            sx = sx < 0 ? 0 : sx >= p->width ? p->width - 1 : sx;
            sy = sy >= p->height ? p->height - 1 : sy;
            memcpy(d, gb_image_px(p, sx, sy), 3);
        }
    /* blend the top seam over 24 rows so it is not an edge */
    for (int y = top; y < top + 24; y++) {
        double t = (y - top) / 24.0;
        for (int x = 0; x < c->width; x++) {
            unsigned char *d = gb_image_px(c, x, y);
            for (int k = 0; k < 3; k++)
                d[k] = (unsigned char)(bg[k] * (1 - t) + d[k] * t);
        }
    }
    gb_image_free(p);
    return c;
}

static gb_check check_image(const gb_image *img, const char *backdrop)
{
    unsigned char *jpeg;
    size_t len;
    gb_err err;
    if (gb_jpeg_encode(img, 92, 300, &jpeg, &len, &err) < 0)
        fail_msg("%s", err.msg);
    gb_check c;
    if (gb_check_photo(model, &cfg, jpeg, len, backdrop, GB_OUTPUT_IF_PASS, &c, &err) < 0)
        fail_msg("%s", err.msg);
    /* GB_TEST_DUMP=DIR keeps every degraded copy, for docs/rules.md */
    const char *dump = getenv("GB_TEST_DUMP");
    if (dump) {
        static int n;
        char path[1024];
        snprintf(path, sizeof path, "%s/case-%02d.jpg", dump, n++);
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(jpeg, 1, len, f);
            fclose(f);
        }
    }
    free(jpeg);
    return c;
}

static int gb_read_file_for_test(const char *path, unsigned char **data, size_t *len)
{
    gb_err err;
    if (gb_read_file(path, 64u << 20, data, len, &err) < 0)
        fail_msg("%s", err.msg);
    return 0;
}

static const gb_rule_result *rule(const gb_check *c, const char *id)
{
    for (size_t i = 0; i < c->nrules; i++)
        if (strcmp(c->rules[i].id, id) == 0)
            return &c->rules[i];
    fail_msg("no rule %s", id);
    return NULL;
}

static void describe_failures(const gb_check *c, char *buf, size_t size)
{
    buf[0] = 0;
    for (size_t i = 0; i < c->nrules; i++)
        if (c->rules[i].state == GB_RULE_FAIL) {
            size_t n = strlen(buf);
            snprintf(buf + n, size - n, " %s=%.3g", c->rules[i].id, c->rules[i].value);
        }
}

static void expect_fail(const gb_check *c, const char *id)
{
    const gb_rule_result *r = rule(c, id);
    if (r->state != GB_RULE_FAIL)
        fail_msg("%s should fail: value %.4g, limit %.4g%s", id, r->value, r->limit, r->limit_text);
}

static void expect_pass(const gb_check *c, const char *id)
{
    const gb_rule_result *r = rule(c, id);
    if (r->state != GB_RULE_PASS)
        fail_msg("%s should pass: value %.4g, limit %.4g%s (state %d)", id, r->value, r->limit, r->limit_text,
                 r->state);
}

static int setup(void **state)
{
    (void)state;
    gb_config_defaults(&cfg);
    gb_err err;
    model = gb_face_model_load(cfg.face_model, &err);
    if (!model)
        fail_msg("%s", err.msg);
    base = make_base();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    gb_image_free(base);
    gb_face_model_free(model);
    return 0;
}

static void test_compliant_photo_passes_every_rule_and_is_standardised(void **state)
{
    (void)state;
    gb_check c = check_image(base, NULL);
    char why[1024];
    describe_failures(&c, why, sizeof why);
    if (c.failed)
        fail_msg("the compliant photo failed:%s", why);
    assert_non_null(c.jpeg);
    assert_int_equal(c.out_w, 480);
    assert_int_equal(c.out_h, 640);
    if (c.jpeg_len < 20 * 1024 || c.jpeg_len > 40 * 1024)
        fail_msg("output is %zu bytes, outside 20-40 KB", c.jpeg_len);
    assert_true(c.fit.quality >= 60);
    /* the output's own geometry, measured again, is inside the bands */
    gb_check again;
    gb_err err;
    assert_int_equal(gb_check_photo(model, &cfg, c.jpeg, c.jpeg_len, NULL, GB_OUTPUT_NONE, &again, &err), 0);
    assert_int_equal(again.m.faces, 1);
    double eye = again.m.eye_y * again.src_w / again.m.img_w;
    double fw = again.m.face_width * again.src_w / again.m.img_w;
    if (eye < 200 || eye > 300)
        fail_msg("eye line at %.0f px in the output, outside 200-300", eye);
    if (fw < 180 || fw > 300)
        fail_msg("face width %.0f px in the output, outside 180-300", fw);
    double centre = again.m.centre_x * again.src_w / again.m.img_w;
    if (fabs(centre - 240) > 12)
        fail_msg("face centre at x=%.0f, not centred (240)", centre);
    gb_check_free(&again);
    gb_check_free(&c);
}

/* ---- degradations --------------------------------------------------------- */

typedef struct {
    double eye_lx, eye_ly, eye_rx, eye_ry, eye_w, centre_x, eye_y, face_w;
    double bg[3];
} geom;

static geom base_geom(void)
{
    gb_check c = check_image(base, NULL);
    double k = (double)c.src_w / c.m.img_w;
    geom g = {c.m.eye_l.x * k, c.m.eye_l.y * k, c.m.eye_r.x * k, c.m.eye_r.y * k,
              hypot(c.m.face.pts[39].x - c.m.face.pts[36].x, c.m.face.pts[39].y - c.m.face.pts[36].y) * k,
              c.m.centre_x * k, c.m.eye_y * k, c.m.face_width * k, {0, 0, 0}};
    for (int i = 0; i < 3; i++)
        g.bg[i] = c.m.bg_rgb[i];
    gb_check_free(&c);
    return g;
}

static unsigned char clamp255(double v) { return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5); }

static int is_bg(const unsigned char *p, const geom *g)
{
    double d = 0;
    for (int k = 0; k < 3; k++)
        d += (p[k] - g->bg[k]) * (p[k] - g->bg[k]);
    return d < 16 * 16;
}

static gb_image *rotated(const gb_image *src, double deg, double cx, double cy)
{
    gb_image *d = gb_image_new(src->width, src->height);
    double a = deg * M_PI / 180, ca = cos(a), sa = sin(a);
    for (int y = 0; y < d->height; y++)
        for (int x = 0; x < d->width; x++) {
            double sx = ca * (x - cx) + sa * (y - cy) + cx, sy = -sa * (x - cx) + ca * (y - cy) + cy;
            sx = fmin(fmax(sx, 0), src->width - 1.001);
            sy = fmin(fmax(sy, 0), src->height - 1.001);
            int x0 = (int)sx, y0 = (int)sy;
            double fx = sx - x0, fy = sy - y0;
            for (int k = 0; k < 3; k++) {
                double v = gb_image_px(src, x0, y0)[k] * (1 - fx) * (1 - fy) + gb_image_px(src, x0 + 1, y0)[k] * fx * (1 - fy) +
                           gb_image_px(src, x0, y0 + 1)[k] * (1 - fx) * fy + gb_image_px(src, x0 + 1, y0 + 1)[k] * fx * fy;
                gb_image_px(d, x, y)[k] = clamp255(v);
            }
        }
    return d;
}

/* Three box blurs of radius r: close to a Gaussian of sigma ~ r. */
static gb_image *blurred(const gb_image *src, int r)
{
    gb_image *a = copy(src), *b = copy(src);
    for (int pass = 0; pass < 3; pass++) {
        for (int y = 0; y < a->height; y++)
            for (int x = 0; x < a->width; x++)
                for (int k = 0; k < 3; k++) {
                    int s = 0, n = 0;
                    for (int dx = -r; dx <= r; dx++)
                        if (x + dx >= 0 && x + dx < a->width) {
                            s += gb_image_px(a, x + dx, y)[k];
                            n++;
                        }
                    gb_image_px(b, x, y)[k] = (unsigned char)(s / n);
                }
        for (int y = 0; y < a->height; y++)
            for (int x = 0; x < a->width; x++)
                for (int k = 0; k < 3; k++) {
                    int s = 0, n = 0;
                    for (int dy = -r; dy <= r; dy++)
                        if (y + dy >= 0 && y + dy < a->height) {
                            s += gb_image_px(b, x, y + dy)[k];
                            n++;
                        }
                    gb_image_px(a, x, y)[k] = (unsigned char)(s / n);
                }
    }
    gb_image_free(b);
    return a;
}

static gb_image *scaled_values(const gb_image *src, double f)
{
    gb_image *d = copy(src);
    for (int y = 0; y < d->height; y++)
        for (int x = 0; x < d->width; x++)
            for (int k = 0; k < 3; k++)
                gb_image_px(d, x, y)[k] = clamp255(gb_image_px(d, x, y)[k] * f);
    return d;
}

static void test_rejects_tilted_head(void **state)
{
    (void)state;
    geom g = base_geom();
    gb_image *img = rotated(base, 12, g.centre_x, g.eye_y);
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "pose.roll");
    assert_true(fabs(rule(&c, "pose.roll")->value - 12) < 2.5);
    gb_check_free(&c);
    gb_image_free(img);
    /* 3 degrees is within the limit */
    img = rotated(base, 3, g.centre_x, g.eye_y);
    c = check_image(img, NULL);
    expect_pass(&c, "pose.roll");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_blurred_photo(void **state)
{
    (void)state;
    gb_image *img = blurred(base, 4);
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "sharpness");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_dark_and_overexposed_photos(void **state)
{
    (void)state;
    gb_image *img = scaled_values(base, 0.3);
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "exposure");
    gb_check_free(&c);
    gb_image_free(img);
    img = scaled_values(base, 1.6);
    c = check_image(img, NULL);
    expect_fail(&c, "exposure");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_backdrop_gradient_shadow_and_object(void **state)
{
    (void)state;
    geom g = base_geom();
    gb_image *img = copy(base);
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            if (is_bg(p, &g))
                for (int k = 0; k < 3; k++)
                    p[k] = clamp255(p[k] - 50.0 * x / img->width);
        }
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "background.uniform");
    gb_check_free(&c);
    gb_image_free(img);

    /* a shadow beside the head */
    img = copy(base);
    for (int y = 0; y < img->height; y++)
        for (int x = (int)(g.centre_x + g.face_w * 0.7); x < img->width; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            if (is_bg(p, &g))
                for (int k = 0; k < 3; k++)
                    p[k] = clamp255(p[k] * 0.75);
        }
    c = check_image(img, NULL);
    expect_fail(&c, "background.uniform");
    gb_check_free(&c);
    gb_image_free(img);

    /* something hanging behind the student, upper left */
    img = copy(base);
    for (int y = (int)(g.eye_y - g.face_w * 1.4); y < (int)(g.eye_y - g.face_w * 0.9); y++)
        for (int x = (int)(g.centre_x - g.face_w * 1.0); x < (int)(g.centre_x - g.face_w * 0.7); x++)
            if (x >= 0 && y >= 0) {
                unsigned char *p = gb_image_px(img, x, y);
                p[0] = 120, p[1] = 40, p[2] = 40;
            }
    c = check_image(img, NULL);
    expect_fail(&c, "background.uniform");
    gb_check_free(&c);
    gb_image_free(img);
}

static void recolour_backdrop(gb_image *img, const geom *g, const double rgb[3])
{
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            if (is_bg(p, g))
                for (int k = 0; k < 3; k++)
                    p[k] = clamp255(rgb[k] + (p[k] - g->bg[k]));
        }
}

static void test_backdrop_colour_follows_the_batch(void **state)
{
    (void)state;
    geom g = base_geom();
    gb_image *img = copy(base);
    const double blue[3] = {100, 197, 255};
    recolour_backdrop(img, &g, blue);
    gb_check c = check_image(img, NULL);
    expect_pass(&c, "background.color"); /* blue is allowed by default */
    gb_check_free(&c);
    c = check_image(img, "white");
    expect_fail(&c, "background.color"); /* but not for a white-backdrop batch */
    gb_check_free(&c);
    gb_image_free(img);

    img = copy(base);
    const double beige[3] = {215, 195, 165};
    recolour_backdrop(img, &g, beige);
    c = check_image(img, NULL);
    expect_fail(&c, "background.color");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_face_too_small_and_head_cut(void **state)
{
    (void)state;
    gb_err err;
    gb_image *small = gb_image_crop_resize(base, 0, 0, base->width, base->height, base->width / 4,
                                           base->height / 4, &err);
    assert_non_null(small);
    gb_check c = check_image(small, NULL);
    expect_fail(&c, "resolution");
    gb_check_free(&c);
    gb_image_free(small);

    /* the same small person in a full-size frame: the image is big enough,
     * the face is not (it would have to be enlarged) */
    geom g = base_geom();
    small = gb_image_crop_resize(base, 0, 0, base->width, base->height, base->width / 4, base->height / 4, &err);
    gb_image *frame = copy(base);
    for (int y = 0; y < frame->height; y++)
        for (int x = 0; x < frame->width; x++) {
            unsigned char *p = gb_image_px(frame, x, y);
            int sx = x - (frame->width - small->width) / 2, sy = y - (frame->height - small->height);
            if (sx >= 0 && sy >= 0 && sx < small->width && sy < small->height)
                memcpy(p, gb_image_px(small, sx, sy), 3);
            else
                for (int k = 0; k < 3; k++)
                    p[k] = clamp255(g.bg[k]);
        }
    c = check_image(frame, NULL);
    expect_fail(&c, "resolution");
    expect_pass(&c, "face.count");
    if (rule(&c, "resolution")->value > 180)
        fail_msg("face width %.0f px should be under 180", rule(&c, "resolution")->value);
    gb_check_free(&c);
    gb_image_free(frame);
    gb_image_free(small);

    int cut = (int)(g.eye_y - g.face_w * 0.75);
    gb_image *img = gb_image_crop_resize(base, 0, cut, base->width, base->height - cut, base->width,
                                         base->height - cut, &err);
    c = check_image(img, NULL);
    expect_fail(&c, "face.frame");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_blue_clothes(void **state)
{
    (void)state;
    geom g = base_geom();
    gb_image *img = copy(base);
    int y0 = (int)(g.eye_y + g.face_w * 1.3);
    for (int y = y0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            double l = (p[0] + p[1] + p[2]) / 3.0;
            if (l > 215 && !is_bg(p, &g)) /* the white top */
                p[0] = clamp255(l * 0.15), p[1] = clamp255(l * 0.35), p[2] = clamp255(l * 0.85);
        }
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "clothing.color");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_glare_and_tinted_glasses(void **state)
{
    (void)state;
    geom g = base_geom();
    gb_image *img = copy(base);
    /* a reflection on the lens beside the pupil */
    double cx = g.eye_lx - g.eye_w * 0.35, cy = g.eye_ly - g.eye_w * 0.1, r = g.eye_w * 0.3;
    for (int y = (int)(cy - r); y <= (int)(cy + r); y++)
        for (int x = (int)(cx - r); x <= (int)(cx + r); x++)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                memset(gb_image_px(img, x, y), 255, 3);
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "glasses.glare");
    gb_check_free(&c);
    gb_image_free(img);

    /* sunglasses: both lenses darken everything around the eyes */
    img = copy(base);
    for (int e = 0; e < 2; e++) {
        double ex = e ? g.eye_rx : g.eye_lx, ey = e ? g.eye_ry : g.eye_ly;
        for (int y = (int)(ey - g.eye_w * 0.6); y <= (int)(ey + g.eye_w * 0.75); y++)
            for (int x = (int)(ex - g.eye_w * 0.9); x <= (int)(ex + g.eye_w * 0.9); x++)
                for (int k = 0; k < 3; k++)
                    gb_image_px(img, x, y)[k] = clamp255(gb_image_px(img, x, y)[k] * 0.35);
    }
    c = check_image(img, NULL);
    expect_fail(&c, "glasses.tinted");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_rejects_light_from_one_side(void **state)
{
    (void)state;
    geom g = base_geom();
    gb_image *img = copy(base);
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            double f = x < g.centre_x ? 0.6 : 1.0;
            for (int k = 0; k < 3; k++)
                gb_image_px(img, x, y)[k] = clamp255(gb_image_px(img, x, y)[k] * f);
        }
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "lighting.even");
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_grey_scale_photo_fails_colour_not_occlusion(void **state)
{
    (void)state;
    gb_image *img = copy(base);
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            unsigned char l = clamp255(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]);
            p[0] = p[1] = p[2] = l;
        }
    gb_check c = check_image(img, NULL);
    expect_fail(&c, "image.color");
    expect_pass(&c, "face.occluded"); /* grey lips are not a hand over the mouth */
    gb_check_free(&c);
    gb_image_free(img);
}

static void test_upside_down_photo_fails_roll_at_about_180(void **state)
{
    (void)state;
    gb_image *img = copy(base);
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++)
            memcpy(gb_image_px(img, x, y), gb_image_px(base, base->width - 1 - x, base->height - 1 - y), 3);
    gb_check c = check_image(img, NULL);
    if (c.m.faces == 1) {
        expect_fail(&c, "pose.roll");
        assert_true(rule(&c, "pose.roll")->value > 150);
    } else {
        expect_fail(&c, "face.count"); /* not found at all is a refusal too */
    }
    assert_int_equal(c.failed > 0, 1);
    gb_check_free(&c);
    gb_image_free(img);
}

/* The labelled photos of tests/data/faces/LABELS.csv: every must_fail rule
 * fails and no must_not_fail rule does. */
static void test_labelled_photos(void **state)
{
    (void)state;
    unsigned char *csv;
    size_t len;
    csv = tu_read_fixture("faces/LABELS.csv", &len);
    char *save = NULL;
    char *line = strtok_r((char *)csv, "\n", &save); /* header */
    int photos = 0, checks = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        char file[128], faces[8], must_fail[256] = "", must_not[512] = "";
        /* file,faces,must_fail,must_not_fail,notes ; fields have no commas but notes */
        char *f[5] = {0};
        int nf = 0;
        for (char *p = line; nf < 5;) {
            f[nf++] = p;
            char *comma = strchr(p, ',');
            if (!comma || nf == 5)
                break;
            *comma = 0;
            p = comma + 1;
        }
        if (nf < 4)
            continue;
        snprintf(file, sizeof file, "%s", f[0]);
        snprintf(faces, sizeof faces, "%s", f[1]);
        snprintf(must_fail, sizeof must_fail, "%s", f[2]);
        snprintf(must_not, sizeof must_not, "%s", f[3]);
        char path[1024];
        snprintf(path, sizeof path, "%s/faces/%s", GB_TEST_DATA, file);
        unsigned char *data;
        size_t dlen;
        gb_err err;
        assert_int_equal(gb_read_file_for_test(path, &data, &dlen), 0);
        gb_check c;
        int rc = gb_check_photo(model, &cfg, data, dlen, NULL, GB_OUTPUT_NONE, &c, &err);
        free(data);
        photos++;
        if (rc < 0) {
            /* only formats we do not decode may error, and they say so */
            if (!strstr(err.msg, "not supported"))
                fail_msg("%s: %s", file, err.msg);
            continue;
        }
        if (c.m.faces != atoi(faces))
            fail_msg("%s: %d faces found, the label says %s", file, c.m.faces, faces);
        char *tok, *s2 = NULL;
        for (tok = strtok_r(must_fail, ";", &s2); tok; tok = strtok_r(NULL, ";", &s2), checks++) {
            const gb_rule_result *r = rule(&c, tok);
            if (r->state != GB_RULE_FAIL)
                fail_msg("%s: %s must fail (value %.4g, limit %.4g%s)", file, tok, r->value, r->limit, r->limit_text);
        }
        for (tok = strtok_r(must_not, ";", &s2); tok; tok = strtok_r(NULL, ";", &s2), checks++) {
            const gb_rule_result *r = rule(&c, tok);
            if (r->state == GB_RULE_FAIL)
                fail_msg("%s: %s must not fail (value %.4g, limit %.4g%s)", file, tok, r->value, r->limit,
                         r->limit_text);
        }
        gb_check_free(&c);
    }
    free(csv);
    printf("labelled photos: %d photos, %d label checks\n", photos, checks);
    assert_true(photos >= 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compliant_photo_passes_every_rule_and_is_standardised),
        cmocka_unit_test(test_rejects_tilted_head),
        cmocka_unit_test(test_rejects_blurred_photo),
        cmocka_unit_test(test_rejects_dark_and_overexposed_photos),
        cmocka_unit_test(test_rejects_backdrop_gradient_shadow_and_object),
        cmocka_unit_test(test_backdrop_colour_follows_the_batch),
        cmocka_unit_test(test_rejects_face_too_small_and_head_cut),
        cmocka_unit_test(test_rejects_blue_clothes),
        cmocka_unit_test(test_rejects_glare_and_tinted_glasses),
        cmocka_unit_test(test_rejects_light_from_one_side),
        cmocka_unit_test(test_grey_scale_photo_fails_colour_not_occlusion),
        cmocka_unit_test(test_upside_down_photo_fails_roll_at_about_180),
        cmocka_unit_test(test_labelled_photos),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
