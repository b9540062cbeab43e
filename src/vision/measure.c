#include "vision/measure.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- small pixel helpers ---------------------------------------------- */

static inline const unsigned char *px(const gb_image *img, int x, int y)
{
    return img->pixels + (size_t)y * img->stride + (size_t)x * 3;
}

static inline double luma_at(const gb_image *img, int x, int y)
{
    const unsigned char *p = px(img, x, y);
    return gb_luma(p[0], p[1], p[2]);
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static gb_point mean_pt(const gb_face *f, int from, int to)
{
    gb_point c = {0, 0};
    for (int i = from; i <= to; i++) {
        c.x += f->pts[i].x;
        c.y += f->pts[i].y;
    }
    c.x /= (to - from + 1);
    c.y /= (to - from + 1);
    return c;
}

static double dist(gb_point a, gb_point b) { return hypot(a.x - b.x, a.y - b.y); }

/* A polygon of landmark indexes, shrunk toward its centroid by `shrink` so
 * that region statistics stay clear of the edges landmarks sit on. */
typedef struct {
    gb_point p[24];
    int n;
    double minx, miny, maxx, maxy;
} poly;

static poly make_poly(const gb_face *f, const int *idx, int n, double shrink)
{
    poly P = {.n = n};
    gb_point c = {0, 0};
    for (int i = 0; i < n; i++) {
        c.x += f->pts[idx[i]].x / n;
        c.y += f->pts[idx[i]].y / n;
    }
    P.minx = P.miny = 1e9;
    P.maxx = P.maxy = -1e9;
    for (int i = 0; i < n; i++) {
        gb_point q = f->pts[idx[i]];
        P.p[i].x = c.x + (q.x - c.x) * (1 - shrink);
        P.p[i].y = c.y + (q.y - c.y) * (1 - shrink);
        P.minx = fmin(P.minx, P.p[i].x);
        P.maxx = fmax(P.maxx, P.p[i].x);
        P.miny = fmin(P.miny, P.p[i].y);
        P.maxy = fmax(P.maxy, P.p[i].y);
    }
    return P;
}

static int in_poly(const poly *P, double x, double y)
{
    int in = 0;
    for (int i = 0, j = P->n - 1; i < P->n; j = i++) {
        const gb_point *a = &P->p[i], *b = &P->p[j];
        if ((a->y > y) != (b->y > y) && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
            in = !in;
    }
    return in;
}

/* Iterates the pixels of a polygon (clipped to the image). */
#define FOR_POLY(img, P, x, y)                                                                     \
    for (int y = clampi((int)floor((P)->miny), 0, (img)->height - 1);                              \
         y <= clampi((int)ceil((P)->maxy), 0, (img)->height - 1); y++)                             \
        for (int x = clampi((int)floor((P)->minx), 0, (img)->width - 1);                           \
             x <= clampi((int)ceil((P)->maxx), 0, (img)->width - 1); x++)                          \
            if (in_poly((P), x + 0.5, y + 0.5))

typedef struct {
    int x0, y0, x1, y1; /* inclusive-exclusive, clipped */
} box;

static box make_box(const gb_image *img, double x0, double y0, double x1, double y1)
{
    box b = {clampi((int)floor(fmin(x0, x1)), 0, img->width), clampi((int)floor(fmin(y0, y1)), 0, img->height),
             clampi((int)ceil(fmax(x0, x1)), 0, img->width), clampi((int)ceil(fmax(y0, y1)), 0, img->height)};
    return b;
}

static int box_area(box b) { return (b.x1 - b.x0) * (b.y1 - b.y0); }

static void note_region(gb_measure *m, const char *name, box b)
{
    if (m->nregions < (int)(sizeof m->regions / sizeof m->regions[0])) {
        m->regions[m->nregions].name = name;
        m->regions[m->nregions].x0 = b.x0;
        m->regions[m->nregions].y0 = b.y0;
        m->regions[m->nregions].x1 = b.x1;
        m->regions[m->nregions].y1 = b.y1;
        m->nregions++;
    }
}

/* ---- skin ----------------------------------------------------------------- */

static const int CHEEK_L[] = {36, 41, 40, 39, 31, 48, 4, 3, 2, 1};
static const int CHEEK_R[] = {45, 46, 47, 42, 35, 54, 12, 13, 14, 15};
static const int NOSE[] = {27, 31, 33, 35};
static const int EYE_L[] = {36, 37, 38, 39, 40, 41};
static const int EYE_R[] = {42, 43, 44, 45, 46, 47};
static const int LIPS_OUTER[] = {48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59};
static const int LIPS_INNER[] = {60, 61, 62, 63, 64, 65, 66, 67};

typedef struct {
    double sum[3];
    double luma, luma2;
    int n;
} acc;

static void acc_add(acc *a, const unsigned char *p)
{
    a->sum[0] += p[0];
    a->sum[1] += p[1];
    a->sum[2] += p[2];
    double l = gb_luma(p[0], p[1], p[2]);
    a->luma += l;
    a->luma2 += l * l;
    a->n++;
}

static double acc_luma(const acc *a) { return a->n ? a->luma / a->n : 0; }

static gb_lab acc_lab(const acc *a)
{
    if (!a->n)
        return (gb_lab){0, 0, 0};
    return gb_rgb_to_lab(a->sum[0] / a->n, a->sum[1] / a->n, a->sum[2] / a->n);
}

static acc poly_acc(const gb_image *img, const poly *P)
{
    acc a = {0};
    FOR_POLY(img, P, x, y) acc_add(&a, px(img, x, y));
    return a;
}

/* ---- geometry ------------------------------------------------------------- */

static void geometry(const gb_face *f, gb_measure *m)
{
    m->eye_l = mean_pt(f, 36, 41);
    m->eye_r = mean_pt(f, 42, 47);
    m->eye_dist = dist(m->eye_l, m->eye_r);
    m->centre_x = (m->eye_l.x + m->eye_r.x) / 2;
    m->eye_y = (m->eye_l.y + m->eye_r.y) / 2;
    m->chin_y = f->pts[8].y;
    m->brow_y = fmin(mean_pt(f, 17, 21).y, mean_pt(f, 22, 26).y);
    m->face_width = dist(f->pts[0], f->pts[16]);
    m->roll_deg = atan2(m->eye_r.y - m->eye_l.y, m->eye_r.x - m->eye_l.x) * 180 / M_PI;


    /* Yaw: the nose tip sits midway between the cheeks when the head faces
     * the camera; turning moves it toward one side. For a head modelled as
     * a cylinder with the nose tip about 0.6 face half-widths in front of
     * the cheek line, asymmetry a = sin(yaw) * k with k ~ 1.1, so
     * yaw ~ asin(a / 1.1). Calibrated in docs/rules.md. */
    double dl = dist(f->pts[30], f->pts[2]), dr = dist(f->pts[30], f->pts[14]);
    double asym = (dl - dr) / (dl + dr);
    m->yaw_deg = asin(fmax(-1, fmin(1, asym / 1.1))) * 180 / M_PI;
    double chin_from_eyes = m->chin_y - m->eye_y;
    m->pitch_ratio = chin_from_eyes > 0 ? (f->pts[33].y - m->eye_y) / chin_from_eyes : 0;
    m->detector = f->detector;
}

/* The ideal frame: face width at the middle of its band, eyes at the middle
 * of theirs (see measure.h). */
static void frame_scale_to_spec(gb_measure *m, const gb_config *cfg)
{
    double fw = (cfg->face_width_min_px + cfg->face_width_max_px) / 2.0;
    double ey = (cfg->eyes_min_px + cfg->eyes_max_px) / 2.0;
    m->frame_scale = fw / m->face_width;
    m->frame_x0 = m->centre_x - cfg->photo_width / 2.0 / m->frame_scale;
    m->frame_y0 = m->eye_y - ey / m->frame_scale;
}

/* Output-photo coordinates -> analysis image box. */
static box frame_box(const gb_image *img, const gb_measure *m, double ox0, double oy0, double ox1,
                     double oy1)
{
    double s = m->frame_scale;
    return make_box(img, m->frame_x0 + ox0 / s, m->frame_y0 + oy0 / s, m->frame_x0 + ox1 / s,
                    m->frame_y0 + oy1 / s);
}

/* ---- backdrop ------------------------------------------------------------- */

static int cmp_uchar(const void *a, const void *b) { return *(const unsigned char *)a - *(const unsigned char *)b; }

/* The backdrop is sampled where the output photo shows nothing but
 * backdrop: a band above the hair and the two upper corners beside the
 * head. The median colour is the backdrop; pixels far from it are objects,
 * shadows or clutter; block means show gradients. */
static void backdrop(const gb_image *img, const gb_config *cfg, gb_measure *m)
{
    const double W = cfg->photo_width;
    double crown_out = (m->crown_y - m->frame_y0) * m->frame_scale;
    double top_h = fmax(0, crown_out - 12);
    double eye_out = (m->eye_y - m->frame_y0) * m->frame_scale;
    double side_w = W * 0.11;
    /* blocks: top band in three, each side in two (upper, lower) */
    box blocks[7];
    int nb = 0;
    if (top_h >= 8)
        for (int i = 0; i < 3; i++)
            blocks[nb++] = frame_box(img, m, W * i / 3, 0, W * (i + 1) / 3, top_h);
    double side_bottom = eye_out * 0.85;
    blocks[nb++] = frame_box(img, m, 0, 0, side_w, side_bottom / 2);
    blocks[nb++] = frame_box(img, m, 0, side_bottom / 2, side_w, side_bottom);
    blocks[nb++] = frame_box(img, m, W - side_w, 0, W, side_bottom / 2);
    blocks[nb++] = frame_box(img, m, W - side_w, side_bottom / 2, W, side_bottom);

    size_t total = 0;
    for (int i = 0; i < nb; i++) {
        total += (size_t)box_area(blocks[i]);
        note_region(m, "backdrop", blocks[i]);
    }
    m->bg_pixels = (int)total;
    if (total < 50)
        return;
    unsigned char *ch[3];
    for (int c = 0; c < 3; c++)
        ch[c] = malloc(total);
    if (!ch[0] || !ch[1] || !ch[2]) {
        for (int c = 0; c < 3; c++)
            free(ch[c]);
        m->bg_pixels = 0;
        return;
    }
    size_t k = 0;
    for (int i = 0; i < nb; i++)
        for (int y = blocks[i].y0; y < blocks[i].y1; y++)
            for (int x = blocks[i].x0; x < blocks[i].x1; x++, k++)
                for (int c = 0; c < 3; c++)
                    ch[c][k] = px(img, x, y)[c];
    double med[3];
    for (int c = 0; c < 3; c++) {
        unsigned char *sorted = malloc(total);
        if (!sorted) {
            med[c] = 0;
            continue;
        }
        memcpy(sorted, ch[c], total);
        qsort(sorted, total, 1, cmp_uchar);
        med[c] = sorted[total / 2];
        free(sorted);
    }
    gb_lab med_lab = gb_rgb_to_lab(med[0], med[1], med[2]);
    double med_luma = gb_luma(med[0], med[1], med[2]);
    size_t far = 0, clean = 0;
    double sum[3] = {0, 0, 0}, dev = 0;
    /* Lab per pixel is costly; a luma+chroma screen first. */
    for (size_t i = 0; i < total; i++) {
        double dr = ch[0][i] - med[0], dg = ch[1][i] - med[1], db = ch[2][i] - med[2];
        double d2 = dr * dr + dg * dg + db * db;
        dev += fabs(gb_luma(ch[0][i], ch[1][i], ch[2][i]) - med_luma);
        int is_far = d2 > 24 * 24 ||
                     (d2 > 8 * 8 && gb_delta_e(gb_rgb_to_lab(ch[0][i], ch[1][i], ch[2][i]), med_lab) > 8);
        if (is_far) {
            far++;
        } else {
            clean++;
            sum[0] += ch[0][i];
            sum[1] += ch[1][i];
            sum[2] += ch[2][i];
        }
    }
    m->bg_objects = (double)far / total;
    m->bg_noise = dev / total;
    for (int c = 0; c < 3; c++)
        m->bg_rgb[c] = clean ? sum[c] / clean : med[c];
    m->bg_lab = gb_rgb_to_lab(m->bg_rgb[0], m->bg_rgb[1], m->bg_rgb[2]);
    m->bg_hsv = gb_rgb_to_hsv(m->bg_rgb[0], m->bg_rgb[1], m->bg_rgb[2]);
    /* gradient: block means of the near-backdrop pixels */
    gb_lab means[7];
    int have[7] = {0};
    k = 0;
    for (int i = 0; i < nb; i++) {
        double s3[3] = {0, 0, 0};
        int n = 0;
        size_t area = (size_t)box_area(blocks[i]);
        for (size_t j = 0; j < area; j++, k++) {
            double dr = ch[0][k] - med[0], dg = ch[1][k] - med[1], db = ch[2][k] - med[2];
            if (dr * dr + dg * dg + db * db > 40 * 40)
                continue; /* objects are counted above, not here */
            s3[0] += ch[0][k];
            s3[1] += ch[1][k];
            s3[2] += ch[2][k];
            n++;
        }
        if (n >= 20 && n * 2 >= (int)area) {
            means[i] = gb_rgb_to_lab(s3[0] / n, s3[1] / n, s3[2] / n);
            have[i] = 1;
        }
    }
    double worst = 0;
    for (int i = 0; i < nb; i++)
        for (int j = i + 1; j < nb; j++)
            if (have[i] && have[j])
                worst = fmax(worst, gb_delta_e(means[i], means[j]));
    m->bg_gradient = worst;
    for (int c = 0; c < 3; c++)
        free(ch[c]);
}

/* Is this pixel the backdrop? Used by the crown search. */
static int is_backdrop(const unsigned char *p, const double bg[3])
{
    double dr = p[0] - bg[0], dg = p[1] - bg[1], db = p[2] - bg[2];
    return dr * dr + dg * dg + db * db < 28 * 28;
}

/* The top of the hair: walk up each column between the eyebrows until a
 * run of backdrop pixels begins. The backdrop colour comes from the image's
 * upper corners. */
static void crown(const gb_image *img, gb_measure *m)
{
    const gb_face *f = &m->face;
    double bg[3] = {0, 0, 0};
    int n = 0;
    int cw = img->width / 12 + 1, chh = img->height / 12 + 1;
    for (int y = 0; y < chh; y++)
        for (int x = 0; x < cw; x++) {
            const unsigned char *a = px(img, x, y), *b = px(img, img->width - 1 - x, y);
            for (int c = 0; c < 3; c++)
                bg[c] += a[c] + b[c];
            n += 2;
        }
    for (int c = 0; c < 3; c++)
        bg[c] /= n;

    int x0 = (int)f->pts[18].x, x1 = (int)f->pts[25].x;
    int run_needed = (int)fmax(3, m->face_width * 0.04);
    int start = (int)m->brow_y;
    int cols = 0, found = 0, cut = 0;
    int ys[512];
    for (int x = clampi(x0, 0, img->width - 1); x <= clampi(x1, 0, img->width - 1) && cols < 512;
         x += 1 + (x1 - x0) / 64) {
        int run = 0, top = -1;
        for (int y = clampi(start, 0, img->height - 1); y >= 0; y--) {
            if (is_backdrop(px(img, x, y), bg)) {
                if (++run >= run_needed) {
                    top = y + run;
                    break;
                }
            } else {
                run = 0;
            }
        }
        if (top < 0) {
            cut++;
            ys[cols++] = 0;
        } else {
            found++;
            ys[cols++] = top;
        }
    }
    /* The highest point of the hair, ignoring the few highest columns
     * (a stray lock). */
    if (cols == 0) {
        m->crown_found = 0;
    } else {
        for (int i = 1; i < cols; i++)
            for (int j = i; j > 0 && ys[j - 1] > ys[j]; j--) {
                int t = ys[j];
                ys[j] = ys[j - 1];
                ys[j - 1] = t;
            }
        int pick = ys[cols / 10];
        m->crown_found = found > 0;
        m->crown_cut = pick <= 0 && cut > cols / 10;
        m->crown_y = pick;
    }
    /* A busy backdrop or a result that makes no anatomical sense: estimate
     * from the face (crown to eyes is about the eyes-to-chin distance). */
    double eyes_to_chin = m->chin_y - m->eye_y;
    if (!m->crown_found || m->eye_y - m->crown_y < eyes_to_chin * 0.6) {
        m->crown_found = 0;
        m->crown_y = m->eye_y - eyes_to_chin * 1.05;
        m->crown_cut = m->crown_y <= 0;
    }
}

/* ---- features ------------------------------------------------------------- */

static double eye_aspect(const gb_face *f, int o)
{
    /* o = 36 or 42: corners o, o+3; upper o+1, o+2; lower o+5, o+4 */
    double v = dist(f->pts[o + 1], f->pts[o + 5]) + dist(f->pts[o + 2], f->pts[o + 4]);
    double h = dist(f->pts[o], f->pts[o + 3]);
    return h > 0 ? v / (2 * h) : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* 5th-percentile luma inside an eye, relative to the skin. */
static double eye_darkness(const gb_image *img, const gb_face *f, const int *idx, double skin_luma)
{
    poly P = make_poly(f, idx, 6, 0.0);
    double vals[4096];
    int n = 0;
    FOR_POLY(img, &P, x, y)
    {
        if (n < 4096)
            vals[n++] = luma_at(img, x, y);
    }
    if (n < 4 || skin_luma <= 0)
        return 1.0;
    qsort(vals, (size_t)n, sizeof vals[0], cmp_double);
    return vals[n / 20] / skin_luma;
}

static void mouth(const gb_image *img, gb_measure *m)
{
    const gb_face *f = &m->face;
    double gap = (dist(f->pts[61], f->pts[67]) + dist(f->pts[62], f->pts[66]) + dist(f->pts[63], f->pts[65])) / 3;
    double width = dist(f->pts[48], f->pts[54]);
    m->mouth_gap = width > 0 ? gap / width : 0;
    /* Teeth: bright, nearly colourless pixels between the inner lips. A
     * closed mouth's polygon is a sliver with few pixels; that is fine. */
    poly P = make_poly(f, LIPS_INNER, 8, 0.0);
    int n = 0, white = 0;
    FOR_POLY(img, &P, x, y)
    {
        const unsigned char *p = px(img, x, y);
        gb_hsv h = gb_rgb_to_hsv(p[0], p[1], p[2]);
        n++;
        if (h.s < 0.28 && gb_luma(p[0], p[1], p[2]) > m->skin_luma * 0.75)
            white++;
    }
    double mouth_area = width * width * 0.25; /* normalise by mouth size, not polygon size */
    m->teeth = mouth_area > 0 ? white / mouth_area : 0;
    (void)n;
    /* Lips are redder than skin; a hand over the mouth is not. Each half
     * on its own, since a hand usually covers one side. */
    poly L = make_poly(f, LIPS_OUTER, 12, 0.1);
    double mid = (f->pts[48].x + f->pts[54].x) / 2;
    acc half[2];
    memset(half, 0, sizeof half);
    FOR_POLY(img, &L, x, y) acc_add(&half[x + 0.5 >= mid], px(img, x, y));
    double red[2];
    for (int i = 0; i < 2; i++)
        red[i] = half[i].n ? acc_lab(&half[i]).a - m->skin.a : 0;
    m->lip_red = fmin(red[0], red[1]);
}

/* Share of hair-dark pixels in a box. */
static double dark_share(const gb_image *img, box b, double skin_luma, double factor)
{
    int n = 0, dark = 0;
    for (int y = b.y0; y < b.y1; y++)
        for (int x = b.x0; x < b.x1; x++) {
            n++;
            if (luma_at(img, x, y) < skin_luma * factor)
                dark++;
        }
    return n ? (double)dark / n : 0;
}

/* Colour distance for telling skin, hair and backdrop apart: lightness
 * counts half (shadows), chroma in full. */
static double model_dist(gb_lab x, gb_lab y)
{
    return sqrt(0.25 * (x.L - y.L) * (x.L - y.L) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

static void head_top_colour(const gb_image *img, gb_measure *m);

/* Where an ear is, beside the jaw points, in face widths (docs/rules.md). */
#define EAR_OUT 0.18
#define EAR_IN 0.03

static void hair(const gb_image *img, gb_measure *m)
{
    head_top_colour(img, m);
    const gb_face *f = &m->face;
    /* Just above the eyebrows: forehead skin, unless a fringe covers it. */
    double brow_top = fmin(fmin(f->pts[19].y, f->pts[24].y), fmin(f->pts[18].y, f->pts[25].y));
    box fb = make_box(img, f->pts[17].x, brow_top - m->eye_dist * 0.30, f->pts[26].x, brow_top - m->eye_dist * 0.06);
    m->forehead_hair = dark_share(img, fb, m->skin_luma, 0.55);
    note_region(m, "forehead", fb);

    /* Beside each cheek at ear height: skin (the ear) or hair over it. */
    /* dlib's jaw points sit a little inside the cheek's outline, so the
     * box starts a few percent of the face width outside them. */
    double y0 = m->eye_y - m->eye_dist * 0.1, y1 = f->pts[33].y;
    double out = m->face_width * EAR_OUT, in = m->face_width * EAR_IN;
    box sides[2] = {make_box(img, f->pts[0].x - out, y0, f->pts[0].x - in, y1),
                    make_box(img, f->pts[16].x + in, y0, f->pts[16].x + out, y1)};
    double share[2];
    note_region(m, "ear", sides[0]);
    note_region(m, "ear", sides[1]);
    /* A visible ear is a patch of skin about 0.35 face widths tall and 0.12
     * wide beside the cheek. Each pixel there goes to the nearest of three
     * colour models -- skin (cheeks), hair (top of the head), backdrop --
     * with lightness counting half, because the ear sits in the cheek's
     * shadow. Visibility is the skin found against that expected area. */
    double ear_area = 0.04 * m->face_width * m->face_width;
    gb_lab hair_lab = m->hair_lab;
    for (int s = 0; s < 2; s++) {
        int skin = 0;
        for (int y = sides[s].y0; y < sides[s].y1; y++)
            for (int x = sides[s].x0; x < sides[s].x1; x++) {
                const unsigned char *p = px(img, x, y);
                gb_lab lab = gb_rgb_to_lab(p[0], p[1], p[2]);
                double ds = model_dist(lab, m->skin), dh = model_dist(lab, hair_lab);
                double db = m->bg_pixels > 0 ? model_dist(lab, m->bg_lab) : 1e9;
                if (ds < dh && ds < db && ds < 25)
                    skin++;
            }
        share[s] = ear_area > 0 ? skin / ear_area : 0;
    }
    m->ear_skin_l = share[0];
    m->ear_skin_r = share[1];

}

static void head_top_colour(const gb_image *img, gb_measure *m)
{
    m->head_height_ratio = (m->eye_y - m->crown_y) / m->face_width;
    /* The top of the head: between crown and forehead, middle half. */
    box hb = make_box(img, m->centre_x - m->face_width * 0.25, m->crown_y + (m->brow_y - m->crown_y) * 0.15,
                      m->centre_x + m->face_width * 0.25, m->crown_y + (m->brow_y - m->crown_y) * 0.45);
    note_region(m, "head top", hb);
    acc a = {0};
    for (int y = hb.y0; y < hb.y1; y++)
        for (int x = hb.x0; x < hb.x1; x++)
            acc_add(&a, px(img, x, y));
    if (a.n)
        m->hair_lab = acc_lab(&a);
}

/* A hat or cap ends in a straight brim across the forehead; a hairline is
 * ragged. For each row between the eyebrows and the top of the head, the
 * share of columns (across the eyebrows' width) with a strong vertical step
 * in the same direction; the best row's share is the "brim" score. */
static void brim(const gb_image *img, gb_measure *m)
{
    const gb_face *f = &m->face;
    int x0 = clampi((int)f->pts[17].x, 1, img->width - 2), x1 = clampi((int)f->pts[26].x, 1, img->width - 2);
    int step = (int)fmax(1, m->face_width / 100);
    int ytop = clampi((int)(m->crown_y + (m->brow_y - m->crown_y) * 0.1), step, img->height - 1 - step);
    int ybot = clampi((int)(m->brow_y - m->eye_dist * 0.15), step, img->height - 1 - step);
    double best = 0;
    double thresh = m->skin_luma * 0.18;
    for (int y = ytop; y <= ybot; y++) {
        int up = 0, down = 0, n = 0;
        for (int x = x0; x <= x1; x++, n++) {
            /* strongest step within +-step rows, so a slightly slanted
             * brim still counts */
            double d = luma_at(img, x, y + step) - luma_at(img, x, y - step);
            if (d > thresh)
                down++;
            else if (d < -thresh)
                up++;
        }
        if (n)
            best = fmax(best, (double)(up > down ? up : down) / n);
    }
    m->brim = best;
}

static void glasses(const gb_image *img, gb_measure *m)
{
    const gb_face *f = &m->face;
    double worst = 0;
    for (int e = 0; e < 2; e++) {
        int o = e ? 42 : 36;
        double w = dist(f->pts[o], f->pts[o + 3]);
        gb_point c = e ? m->eye_r : m->eye_l;
        box b = make_box(img, c.x - w * 0.9, c.y - w * 0.55, c.x + w * 0.9, c.y + w * 0.6);
        int n = 0, hot = 0;
        for (int y = b.y0; y < b.y1; y++)
            for (int x = b.x0; x < b.x1; x++) {
                const unsigned char *p = px(img, x, y);
                n++;
                if (p[0] >= 248 && p[1] >= 248 && p[2] >= 248)
                    hot++;
            }
        if (n)
            worst = fmax(worst, (double)hot / n);
    }
    m->glare = worst;
    /* Under the eyes (inside a lens, if any) against the lower cheeks
     * (outside it): tinted lenses darken the first. */
    double under = 0, lower = 0;
    int nu = 0, nl = 0;
    for (int e = 0; e < 2; e++) {
        int o = e ? 42 : 36;
        double w = dist(f->pts[o], f->pts[o + 3]);
        gb_point c = e ? m->eye_r : m->eye_l;
        box ub = make_box(img, c.x - w * 0.35, c.y + w * 0.35, c.x + w * 0.35, c.y + w * 0.6);
        box lb = make_box(img, c.x - w * 0.35, f->pts[33].y, c.x + w * 0.35, f->pts[33].y + w * 0.25);
        for (int y = ub.y0; y < ub.y1; y++)
            for (int x = ub.x0; x < ub.x1; x++, nu++)
                under += luma_at(img, x, y);
        for (int y = lb.y0; y < lb.y1; y++)
            for (int x = lb.x0; x < lb.x1; x++, nl++)
                lower += luma_at(img, x, y);
    }
    m->under_eye = nu && nl && lower > 0 ? (under / nu) / (lower / nl) : 1.0;
}

static void light(const gb_image *img, gb_measure *m, const acc *cl, const acc *cr)
{
    double l = acc_luma(cl), r = acc_luma(cr);
    m->light_balance = l + r > 0 ? fabs(l - r) / ((l + r) / 2) : 0;
    int jaw_brow[] = {0, 2, 4, 6, 8, 10, 12, 14, 16, 26, 24, 22, 21, 19, 17};
    poly P = make_poly(&m->face, jaw_brow, 15, 0.05);
    int n = 0, hot = 0;
    FOR_POLY(img, &P, x, y)
    {
        const unsigned char *p = px(img, x, y);
        n++;
        if (p[0] >= 250 && p[1] >= 250 && p[2] >= 250)
            hot++;
    }
    m->face_hot = n ? (double)hot / n : 0;
}

/* Clipping counts on the face only: a white backdrop photographed at 255
 * is fine, a face burnt to 255 is not. */
static void exposure(const gb_image *img, gb_measure *m)
{
    int jaw_brow[] = {0, 2, 4, 6, 8, 10, 12, 14, 16, 26, 24, 22, 21, 19, 17};
    poly P = make_poly(&m->face, jaw_brow, 15, 0.05);
    int n = 0, clip = 0;
    FOR_POLY(img, &P, x, y)
    {
        const unsigned char *p = px(img, x, y);
        n++;
        if ((p[0] >= 254 && p[1] >= 254 && p[2] >= 254) || (p[0] <= 2 && p[1] <= 2 && p[2] <= 2))
            clip++;
    }
    m->frame_clipped = n ? (double)clip / n : 0;
}

/* Laplacian energy relative to contrast, on the eyes-and-nose area brought
 * to a fixed size (face width 128 px) so the number does not depend on how
 * big the face is in the source. */
static void sharpness(const gb_image *img, gb_measure *m)
{
    const gb_face *f = &m->face;
    box b = make_box(img, f->pts[36].x, m->brow_y, f->pts[45].x, f->pts[33].y);
    note_region(m, "sharpness", b);
    int bw = b.x1 - b.x0, bh = b.y1 - b.y0;
    if (bw < 8 || bh < 8)
        return;
    double factor = fmax(1.0, m->face_width / 128.0);
    int ow = (int)(bw / factor), oh = (int)(bh / factor);
    if (ow < 5 || oh < 5)
        return;
    double *g = malloc(sizeof(double) * (size_t)ow * oh);
    if (!g)
        return;
    for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++) {
            /* box average over the source footprint */
            int sx0 = b.x0 + (int)(x * factor), sx1 = b.x0 + (int)((x + 1) * factor);
            int sy0 = b.y0 + (int)(y * factor), sy1 = b.y0 + (int)((y + 1) * factor);
            double s = 0;
            int n = 0;
            for (int yy = sy0; yy < sy1 && yy < img->height; yy++)
                for (int xx = sx0; xx < sx1 && xx < img->width; xx++, n++)
                    s += luma_at(img, xx, yy);
            g[y * ow + x] = n ? s / n : 0;
        }
    double mean = 0, var = 0, lap = 0, lap2 = 0;
    int nl = 0;
    for (int i = 0; i < ow * oh; i++)
        mean += g[i];
    mean /= ow * oh;
    for (int i = 0; i < ow * oh; i++)
        var += (g[i] - mean) * (g[i] - mean);
    var /= ow * oh;
    for (int y = 1; y < oh - 1; y++)
        for (int x = 1; x < ow - 1; x++) {
            double l = 4 * g[y * ow + x] - g[y * ow + x - 1] - g[y * ow + x + 1] - g[(y - 1) * ow + x] -
                       g[(y + 1) * ow + x];
            lap += l;
            lap2 += l * l;
            nl++;
        }
    free(g);
    if (nl && var > 0) {
        double lm = lap / nl;
        m->sharpness = (lap2 / nl - lm * lm) / var;
    }
}

/* Colourfulness of the frame, on a sparse grid: a grey-scale photo is not
 * the 24-bit colour photo the spec asks for. */
static void chroma(const gb_image *img, const gb_config *cfg, gb_measure *m)
{
    box b = frame_box(img, m, 0, 0, cfg->photo_width, cfg->photo_height);
    double sum = 0;
    int n = 0;
    int step = (int)fmax(1, (b.x1 - b.x0) / 64);
    for (int y = b.y0; y < b.y1; y += step)
        for (int x = b.x0; x < b.x1; x += step, n++) {
            const unsigned char *p = px(img, x, y);
            gb_lab lab = gb_rgb_to_lab(p[0], p[1], p[2]);
            sum += hypot(lab.a, lab.b);
        }
    m->chroma = n ? sum / n : 0;
}

static void clothing(const gb_image *img, const gb_config *cfg, gb_measure *m)
{
    double W = cfg->photo_width, H = cfg->photo_height;
    box b = frame_box(img, m, W * 0.08, H * 0.90, W * 0.92, H);
    note_region(m, "clothes", b);
    acc a = {0};
    for (int y = b.y0; y < b.y1; y++)
        for (int x = b.x0; x < b.x1; x++) {
            const unsigned char *p = px(img, x, y);
            gb_lab lab = gb_rgb_to_lab(p[0], p[1], p[2]);
            if (gb_delta_e(lab, m->skin) < 15)
                continue; /* neck and shoulders */
            acc_add(&a, p);
        }
    m->cloth_pixels = a.n;
    if (a.n) {
        for (int c = 0; c < 3; c++)
            m->cloth_rgb[c] = a.sum[c] / a.n;
        m->cloth_lab = gb_rgb_to_lab(m->cloth_rgb[0], m->cloth_rgb[1], m->cloth_rgb[2]);
        m->cloth_hsv = gb_rgb_to_hsv(m->cloth_rgb[0], m->cloth_rgb[1], m->cloth_rgb[2]);
    }
}

static void cheek_edges(const gb_image *img, gb_measure *m, const poly *cl, const poly *cr)
{
    const poly *ps[2] = {cl, cr};
    double worst = 0, side[2] = {0, 0};
    int step = (int)fmax(1, m->face_width / 160);
    for (int s = 0; s < 2; s++) {
        double sum = 0;
        int n = 0;
        FOR_POLY(img, ps[s], x, y)
        {
            if (x < step || y < step || x + step >= img->width || y + step >= img->height)
                continue;
            double gx = luma_at(img, x + step, y) - luma_at(img, x - step, y);
            double gy = luma_at(img, x, y + step) - luma_at(img, x, y - step);
            sum += hypot(gx, gy);
            n++;
        }
        if (n && m->skin_luma > 0)
            side[s] = sum / n / m->skin_luma;
        worst = fmax(worst, side[s]);
    }
    /* Fingers on one cheek make it busier than the other; wrinkles or skin
     * texture show on both. */
    m->cheek_edges = worst;
    m->cheek_asym = fmin(side[0], side[1]) > 0 ? worst / fmin(side[0], side[1]) : 1;
}

void gb_measure_photo(const gb_image *img, const gb_face *faces, int n, const gb_config *cfg, gb_measure *m)
{
    memset(m, 0, sizeof *m);
    m->faces = n;
    m->img_w = img->width;
    m->img_h = img->height;
    if (n < 1)
        return;
    m->have_face = 1;
    m->face = faces[0];
    const gb_face *f = &m->face;
    geometry(f, m);
    frame_scale_to_spec(m, cfg);

    poly cl = make_poly(f, CHEEK_L, 10, 0.2), cr = make_poly(f, CHEEK_R, 10, 0.2);
    poly nose = make_poly(f, NOSE, 4, 0.2);
    acc al = poly_acc(img, &cl), ar = poly_acc(img, &cr), an = poly_acc(img, &nose);
    acc skin = al;
    for (int c = 0; c < 3; c++)
        skin.sum[c] += ar.sum[c] + an.sum[c];
    skin.luma += ar.luma + an.luma;
    skin.n += ar.n + an.n;
    m->skin = acc_lab(&skin);
    m->skin_luma = acc_luma(&skin);
    m->face_luma = m->skin_luma;

    m->eye_open_l = eye_aspect(f, 36);
    m->eye_open_r = eye_aspect(f, 42);
    m->eye_dark = fmax(eye_darkness(img, f, EYE_L, m->skin_luma), eye_darkness(img, f, EYE_R, m->skin_luma));

    crown(img, m);
    backdrop(img, cfg, m);
    mouth(img, m);
    hair(img, m);
    glasses(img, m);
    brim(img, m);
    light(img, m, &al, &ar);
    exposure(img, m);
    sharpness(img, m);
    clothing(img, cfg, m);
    chroma(img, cfg, m);
    cheek_edges(img, m, &cl, &cr);
}

gb_head_geom gb_measure_head(const gb_measure *m, double to_full)
{
    return (gb_head_geom){m->centre_x * to_full, m->eye_y * to_full, m->crown_y * to_full,
                          m->face_width * to_full};
}
