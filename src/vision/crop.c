#include "vision/crop.h"

#include <math.h>

gb_spec gb_spec_from_config(const gb_config *c)
{
    return (gb_spec){c->photo_width,       c->photo_height,      c->head_top_min_px,
                     c->head_top_max_px,   c->eyes_min_px,       c->eyes_max_px,
                     c->face_width_min_px, c->face_width_max_px, c->centre_tolerance_px};
}

const char *gb_crop_status_name(gb_crop_status s)
{
    static const char *names[] = {"ok",        "no_headroom", "cut_bottom", "cut_left",
                                  "cut_right", "too_small",   "proportions"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* Which limits a search honours; dropping some tells which one blocked. */
enum { KEEP_TOP = 1, KEEP_BOTTOM = 2, KEEP_LEFT = 4, KEEP_RIGHT = 8, KEEP_SCALE = 16, KEEP_ALL = 31 };

static double sq(double v) { return v * v; }

/* Searches scale and eye position for the cut nearest the middle of every
 * band. Returns 1 and fills *best when some cut satisfies the kept limits. */
static int search(const gb_spec *sp, const gb_head_geom *h, int W, int H, double max_scale, int keep,
                  gb_crop *best)
{
    const double d = h->eye_y - h->crown_y; /* crown to eyes, source px */
    const double fw_mid = (sp->face_w_min + sp->face_w_max) / 2.0;
    const double eye_mid = (sp->eyes_min + sp->eyes_max) / 2.0;
    const double top_mid = (sp->head_top_min + sp->head_top_max) / 2.0;
    double s_lo = sp->face_w_min / h->face_width, s_hi = sp->face_w_max / h->face_width;
    if (keep & KEEP_SCALE && s_hi > max_scale)
        s_hi = max_scale;
    if (s_lo > s_hi || d <= 0)
        return 0;
    int found = 0;
    double best_cost = INFINITY;
    const int steps = 160;
    for (int i = 0; i <= steps; i++) {
        double s = s_lo + (s_hi - s_lo) * i / steps;
        /* The cut is centred on the face, give or take centre_tol output
         * pixels; its sides must stay inside the source. */
        double w = sp->out_w / s, shift = 0;
        if (keep & KEEP_LEFT && h->centre_x - w / 2 < 0)
            shift = w / 2 - h->centre_x;
        if (keep & KEEP_RIGHT && h->centre_x + w / 2 > W) {
            if (shift > 0)
                continue; /* wider than the source */
            shift = W - (h->centre_x + w / 2);
        }
        if (fabs(shift) * s > sp->centre_tol + 1e-9)
            continue;
        /* eye_out interval from the bands and the top/bottom of the source */
        double lo = fmax(sp->eyes_min, sp->head_top_min + d * s);
        double hi = fmin(sp->eyes_max, sp->head_top_max + d * s);
        if (keep & KEEP_TOP)
            hi = fmin(hi, h->eye_y * s);
        if (keep & KEEP_BOTTOM)
            lo = fmax(lo, sp->out_h - (H - h->eye_y) * s);
        if (lo > hi)
            continue;
        /* The cost is quadratic in eye_out; its minimum clamped to [lo, hi]. */
        double e = (eye_mid / sq(50) + (top_mid + d * s) / sq(30)) / (1 / sq(50.0) + 1 / sq(30.0));
        e = fmin(fmax(e, lo), hi);
        double crown = e - d * s;
        double cost = sq((h->face_width * s - fw_mid) / 60) + sq((e - eye_mid) / 50) + sq((crown - top_mid) / 30);
        if (cost < best_cost) {
            best_cost = cost;
            found = 1;
            best->scale = s;
            best->eye_out = e;
            best->crown_out = crown;
            best->face_w_out = h->face_width * s;
            best->w = sp->out_w / s;
            best->h = sp->out_h / s;
            best->x = h->centre_x - best->w / 2 + shift;
            best->y = h->eye_y - e / s;
        }
    }
    return found;
}

gb_crop gb_crop_solve(const gb_spec *sp, const gb_head_geom *h, int W, int H, double max_scale)
{
    gb_crop c = {0};
    if (h->face_width <= 0 || h->eye_y <= h->crown_y) {
        c.status = GB_CROP_PROPORTIONS;
        return c;
    }
    if (search(sp, h, W, H, max_scale, KEEP_ALL, &c)) {
        /* Guard the edges against rounding: the cut must lie inside. */
        if (c.x < 0)
            c.x = 0;
        if (c.y < 0)
            c.y = 0;
        if (c.x + c.w > W)
            c.x = W - c.w;
        if (c.y + c.h > H)
            c.y = H - c.h;
        c.status = GB_CROP_OK;
        return c;
    }
    /* Diagnose: find the single limit whose removal makes a cut possible,
     * where the student is placed before how big the face is: moving
     * fixes the first, and an upscale would only hide it. */
    static const struct {
        int drop;
        gb_crop_status status;
    } tries[] = {
        {KEEP_TOP, GB_CROP_NO_HEADROOM}, {KEEP_BOTTOM, GB_CROP_CUT_BOTTOM}, {KEEP_LEFT, GB_CROP_CUT_LEFT},
        {KEEP_RIGHT, GB_CROP_CUT_RIGHT}, {KEEP_SCALE, GB_CROP_TOO_SMALL},
    };
    gb_crop tmp;
    for (unsigned i = 0; i < sizeof tries / sizeof tries[0]; i++)
        if (search(sp, h, W, H, max_scale, KEEP_ALL & ~tries[i].drop, &tmp)) {
            c.status = tries[i].status;
            return c;
        }
    /* More than one limit blocks; name the first that fails on its own. */
    if (!search(sp, h, W, H, max_scale, KEEP_SCALE, &tmp))
        c.status = GB_CROP_PROPORTIONS;
    else if (!search(sp, h, W, H, max_scale, KEEP_SCALE | KEEP_TOP, &tmp))
        c.status = GB_CROP_NO_HEADROOM;
    else if (!search(sp, h, W, H, max_scale, KEEP_SCALE | KEEP_BOTTOM, &tmp))
        c.status = GB_CROP_CUT_BOTTOM;
    else if (!search(sp, h, W, H, 1e9, KEEP_ALL & ~KEEP_SCALE, &tmp))
        c.status = GB_CROP_NO_HEADROOM;
    else
        c.status = GB_CROP_TOO_SMALL;
    return c;
}
