/* Pictograms for failed photo rules (illustrate.h).
 *
 * Drawing: a tile of 100 x 100 units is the photo. Shapes are convex
 * polygons sent to SDL_RenderGeometry through a small "pen" that can move,
 * scale and turn the person (a tilted head is the same person turned).
 * The tile is drawn at SS times its size into a surface of its own and
 * averaged down, which smooths the edges the software renderer leaves
 * jagged. A few faults are shown by changing the pixels themselves (blur,
 * blocks, dark, washed out, grey), as a photo with that fault would look. */
#include "ui/illustrate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vision/rules.h"
#include "ui/widgets.h"

#define SS 4         /* supersampling factor */
#define MAX_PTS 160  /* points of one polygon */

/* ---- which picture for which rule ---------------------------------------- */

typedef struct pic_entry {
    const char *rule;    /* rule id (vision/rules.c) */
    const char *variant; /* NULL: the rule's table message */
    gb_pictogram pic;
} pic_entry;

static const pic_entry table[] = {
    {"face.count", NULL, GB_PIC_SEVERAL_FACES},
    {"face.count", "no-face", GB_PIC_NO_FACE},
    {"resolution", NULL, GB_PIC_TOO_FAR},
    {"resolution", "low-resolution", GB_PIC_LOW_RESOLUTION},
    {"face.frame", NULL, GB_PIC_OFF_CENTRE},
    {"face.frame", "off-centre", GB_PIC_OFF_CENTRE},
    {"face.frame", "no-headroom", GB_PIC_HEAD_TOO_HIGH},
    {"face.frame", "head-low", GB_PIC_HEAD_TOO_LOW},
    {"face.frame", "head-shape", GB_PIC_HEAD_COVERING},
    {"face.occluded", NULL, GB_PIC_OCCLUDED},
    {"image.color", NULL, GB_PIC_GREYSCALE},
    {"pose.roll", NULL, GB_PIC_TILTED},
    {"pose.roll", "upside-down", GB_PIC_UPSIDE_DOWN},
    {"pose.yaw", NULL, GB_PIC_TURNED},
    {"pose.pitch", NULL, GB_PIC_CHIN_UP}, /* "lower your chin" */
    {"pose.pitch", "chin-down", GB_PIC_CHIN_DOWN},
    {"eyes.open", NULL, GB_PIC_EYES_CLOSED},
    {"mouth.closed", NULL, GB_PIC_MOUTH_OPEN},
    {"mouth.closed", "teeth", GB_PIC_TEETH},
    {"hair.eyebrows", NULL, GB_PIC_HAIR_EYEBROWS},
    {"hair.ears", NULL, GB_PIC_HAIR_EARS},
    {"head.covering", NULL, GB_PIC_HEAD_COVERING},
    {"glasses.glare", NULL, GB_PIC_GLASSES_GLARE},
    {"glasses.tinted", NULL, GB_PIC_TINTED_GLASSES},
    {"background.uniform", NULL, GB_PIC_BACKGROUND_BUSY},
    {"background.uniform", "gradient", GB_PIC_BACKGROUND_SHADOW},
    {"background.color", NULL, GB_PIC_BACKDROP_COLOUR},
    {"background.color", "want-blue", GB_PIC_BACKDROP_BLUE},
    {"background.color", "want-white", GB_PIC_BACKDROP_WHITE},
    {"background.color", "want-grey", GB_PIC_BACKDROP_GREY},
    {"lighting.even", NULL, GB_PIC_UNEVEN_LIGHT},
    {"lighting.even", "hot-spots", GB_PIC_HOT_SPOTS},
    {"exposure", NULL, GB_PIC_EXPOSURE},
    {"exposure", "too-dark", GB_PIC_TOO_DARK},
    {"exposure", "too-bright", GB_PIC_TOO_BRIGHT},
    {"sharpness", NULL, GB_PIC_BLURRED},
    {"clothing.color", NULL, GB_PIC_CLOTHES_LIKE_BACKDROP},
    {"clothing.color", "blue-clothes", GB_PIC_BLUE_CLOTHES},
};

static const pic_entry *find_entry(const char *rule_id, const char *variant)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const pic_entry *e = &table[i];
        if (strcmp(e->rule, rule_id) != 0)
            continue;
        if ((!e->variant && !variant) || (e->variant && variant && strcmp(e->variant, variant) == 0))
            return e;
    }
    return NULL;
}

int gb_pictogram_known(const char *rule_id, const char *variant)
{
    return rule_id && find_entry(rule_id, variant) != NULL;
}

gb_pictogram gb_pictogram_for(const char *rule_id, const char *msg_en)
{
    if (!rule_id)
        return GB_PIC_GENERIC;
    const pic_entry *e = find_entry(rule_id, gb_rule_variant_of(rule_id, msg_en));
    return e ? e->pic : GB_PIC_GENERIC;
}

const char *gb_pictogram_name(gb_pictogram p)
{
    static const char *const names[GB_PIC_COUNT] = {
#define GB_PIC_NAME(id, name) [GB_PIC_##id] = name,
        GB_PICTOGRAMS(GB_PIC_NAME)
#undef GB_PIC_NAME
    };
    return (unsigned)p < GB_PIC_COUNT ? names[p] : "?";
}

/* ---- the pen ------------------------------------------------------------- */

typedef struct pen {
    SDL_Renderer *r;
    double k; /* surface pixels per unit */
    /* the person's placement: scaled by sc and turned by ang about (ox, oy),
     * then moved by (dx, dy); the identity for the background */
    double ox, oy, sc, ang, dx, dy;
} pen;

static SDL_FPoint at(const pen *p, double x, double y)
{
    double c = cos(p->ang), s = sin(p->ang);
    double X = (x - p->ox) * p->sc, Y = (y - p->oy) * p->sc;
    return (SDL_FPoint){(float)((p->ox + p->dx + X * c - Y * s) * p->k),
                        (float)((p->oy + p->dy + X * s + Y * c) * p->k)};
}

static void place(pen *p, double dx, double dy, double sc, double deg)
{
    p->dx = dx;
    p->dy = dy;
    p->sc = sc;
    p->ang = deg * M_PI / 180.0;
}

static void unplace(pen *p)
{
    place(p, 0, 0, 1, 0);
}

/* A convex polygon; xy holds n points. */
static void poly(const pen *p, const double *xy, int n, SDL_Color c)
{
    if (n < 3 || n > MAX_PTS)
        return;
    SDL_Vertex v[MAX_PTS];
    int idx[3 * MAX_PTS];
    for (int i = 0; i < n; i++)
        v[i] = (SDL_Vertex){at(p, xy[2 * i], xy[2 * i + 1]), c, {0, 0}};
    int ni = 0;
    for (int i = 1; i + 1 < n; i++) {
        idx[ni++] = 0;
        idx[ni++] = i;
        idx[ni++] = i + 1;
    }
    SDL_RenderGeometry(p->r, NULL, v, n, idx, ni);
}

/* Keeps the part of a polygon with a*x + b*y <= c (convex stays convex). */
static int clip_half(const double *in, int n, double a, double b, double c, double *out)
{
    int m = 0;
    for (int i = 0; i < n && m + 2 <= MAX_PTS; i++) {
        const double *P = in + 2 * i, *Q = in + 2 * ((i + 1) % n);
        double dp = a * P[0] + b * P[1] - c, dq = a * Q[0] + b * Q[1] - c;
        if (dp <= 0) {
            out[2 * m] = P[0];
            out[2 * m + 1] = P[1];
            m++;
        }
        if ((dp < 0 && dq > 0) || (dp > 0 && dq < 0)) {
            double t = dp / (dp - dq);
            out[2 * m] = P[0] + t * (Q[0] - P[0]);
            out[2 * m + 1] = P[1] + t * (Q[1] - P[1]);
            m++;
        }
    }
    return m;
}

#define ELL_N 72

static int ellipse_pts(double cx, double cy, double rx, double ry, double *xy)
{
    for (int i = 0; i < ELL_N; i++) {
        double a = 2 * M_PI * i / ELL_N;
        xy[2 * i] = cx + rx * cos(a);
        xy[2 * i + 1] = cy + ry * sin(a);
    }
    return ELL_N;
}

static void ellipse(const pen *p, double cx, double cy, double rx, double ry, SDL_Color c)
{
    double xy[2 * ELL_N];
    poly(p, xy, ellipse_pts(cx, cy, rx, ry, xy), c);
}

/* The part of an ellipse with a*x + b*y <= c. */
static void ellipse_cut(const pen *p, double cx, double cy, double rx, double ry, double a, double b, double c,
                        SDL_Color col)
{
    double xy[2 * ELL_N], cut[2 * MAX_PTS];
    int n = clip_half(xy, ellipse_pts(cx, cy, rx, ry, xy), a, b, c, cut);
    poly(p, cut, n, col);
}

/* An arc of an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down),
 * w units thick, with round ends. */
static void arc(const pen *p, double cx, double cy, double rx, double ry, double a0, double a1, double w,
                SDL_Color c)
{
    enum { N = 48 };
    SDL_Vertex v[2 * (N + 1)];
    int idx[6 * N];
    for (int i = 0; i <= N; i++) {
        double a = (a0 + (a1 - a0) * i / N) * M_PI / 180.0;
        v[2 * i] = (SDL_Vertex){at(p, cx + (rx - w / 2) * cos(a), cy + (ry - w / 2) * sin(a)), c, {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){at(p, cx + (rx + w / 2) * cos(a), cy + (ry + w / 2) * sin(a)), c, {0, 0}};
    }
    int ni = 0;
    for (int i = 0; i < N; i++) {
        int q = 2 * i;
        idx[ni++] = q;
        idx[ni++] = q + 1;
        idx[ni++] = q + 2;
        idx[ni++] = q + 1;
        idx[ni++] = q + 3;
        idx[ni++] = q + 2;
    }
    SDL_RenderGeometry(p->r, NULL, v, 2 * (N + 1), idx, ni);
    if (fabs(a1 - a0) < 360) {
        double r0 = a0 * M_PI / 180.0, r1 = a1 * M_PI / 180.0;
        ellipse(p, cx + rx * cos(r0), cy + ry * sin(r0), w / 2, w / 2, c);
        ellipse(p, cx + rx * cos(r1), cy + ry * sin(r1), w / 2, w / 2, c);
    }
}

static void ring(const pen *p, double cx, double cy, double rx, double ry, double w, SDL_Color c)
{
    arc(p, cx, cy, rx, ry, 0, 360, w, c);
}

/* A line w units thick with round ends. */
static void line(const pen *p, double x0, double y0, double x1, double y1, double w, SDL_Color c)
{
    double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
    if (len <= 0)
        return;
    double nx = -dy / len * w / 2, ny = dx / len * w / 2;
    double q[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    poly(p, q, 4, c);
    ellipse(p, x0, y0, w / 2, w / 2, c);
    ellipse(p, x1, y1, w / 2, w / 2, c);
}

static void dashed(const pen *p, double x0, double y0, double x1, double y1, double w, double dash, SDL_Color c)
{
    double len = hypot(x1 - x0, y1 - y0);
    for (double t = 0; t < len; t += 2 * dash) {
        double t1 = fmin(t + dash, len);
        line(p, x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len, x0 + (x1 - x0) * t1 / len,
             y0 + (y1 - y0) * t1 / len, w, c);
    }
}

static void rect(const pen *p, double x, double y, double w, double h, SDL_Color c)
{
    double q[8] = {x, y, x + w, y, x + w, y + h, x, y + h};
    poly(p, q, 4, c);
}

/* An arrow from (x0, y0) to its tip at (x1, y1). */
static void arrow(const pen *p, double x0, double y0, double x1, double y1, double w, SDL_Color c)
{
    double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
    if (len <= 0)
        return;
    double ux = dx / len, uy = dy / len, head = w * 2.6;
    line(p, x0, y0, x1 - ux * head * 0.8, y1 - uy * head * 0.8, w, c);
    double t[6] = {x1, y1, x1 - ux * head - uy * head * 0.8, y1 - uy * head + ux * head * 0.8,
                   x1 - ux * head + uy * head * 0.8, y1 - uy * head - ux * head * 0.8};
    poly(p, t, 3, c);
}

/* A curved arrow along an ellipse arc, the tip at a1. */
static void arc_arrow(const pen *p, double cx, double cy, double rx, double ry, double a0, double a1, double w,
                      SDL_Color c)
{
    double dir = a1 > a0 ? 1 : -1;
    double stop = a1 - dir * 14;
    arc(p, cx, cy, rx, ry, fmin(a0, stop), fmax(a0, stop), w, c);
    double r1 = a1 * M_PI / 180.0, rs = stop * M_PI / 180.0;
    double sx = cx + rx * cos(rs), sy = cy + ry * sin(rs);
    double tx = cx + rx * cos(r1), ty = cy + ry * sin(r1);
    arrow(p, sx, sy, tx, ty, w, c);
}

/* A rectangle shading from the left colour to the right one. */
static void gradient_h(const pen *p, double x, double y, double w, double h, SDL_Color left, SDL_Color right)
{
    SDL_Vertex v[4] = {{at(p, x, y), left, {0, 0}},
                       {at(p, x + w, y), right, {0, 0}},
                       {at(p, x + w, y + h), right, {0, 0}},
                       {at(p, x, y + h), left, {0, 0}}};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(p->r, NULL, v, 4, idx, 6);
}

/* ---- colours ------------------------------------------------------------- */

static SDL_Color rgba(int r, int g, int b, int a)
{
    return (SDL_Color){(Uint8)r, (Uint8)g, (Uint8)b, (Uint8)a};
}

static SDL_Color alpha(SDL_Color c, int a)
{
    c.a = (Uint8)a;
    return c;
}

/* c mixed with white: t = 0 is c, 1 is white. */
static SDL_Color tint(SDL_Color c, double t)
{
    return rgba((int)(c.r + (255 - c.r) * t), (int)(c.g + (255 - c.g) * t), (int)(c.b + (255 - c.b) * t), c.a);
}

static SDL_Color from_rgb(gb_rgb c)
{
    return rgba(c.r, c.g, c.b, 255);
}

/* The tile's backdrop: a pale blue, the colour of the CHSI reference backdrop
 * made lighter so the person stands out. */
#define C_BACKDROP tint(GB_C_PRIMARY, 0.86)
#define C_SKIN GB_C_PANEL
#define C_LINE GB_C_TEXT
#define C_HAIR GB_C_TEXT
#define C_CLOTHES GB_C_MUTED
#define C_FAULT GB_C_BAD
#define C_FIX GB_C_PRIMARY
#define C_LEVEL GB_C_OK

/* ---- the person ---------------------------------------------------------- */

enum { EYES_OPEN, EYES_CLOSED };
enum { MOUTH_CLOSED, MOUTH_OPEN, MOUTH_TEETH };
enum { HAIR_SHORT, HAIR_FRINGE, HAIR_OVER_EARS, HAIR_NONE };
enum { GLASSES_NONE, GLASSES_CLEAR, GLASSES_TINTED };

typedef struct person {
    double look_x, look_y; /* the features moved (a turned or raised head), units */
    int eyes, mouth, hair, glasses;
    int no_shoulders;
    SDL_Color skin, line, hair_c, clothes, feature;
} person;

static person someone(void)
{
    person w = {0};
    w.skin = C_SKIN;
    w.line = C_LINE;
    w.hair_c = C_HAIR;
    w.clothes = C_CLOTHES;
    w.feature = C_LINE;
    return w;
}

/* Standard geometry, in units: the head's centre at (50, 47). */
#define HEAD_X 50.0
#define HEAD_Y 47.0
#define FACE_RX 18.5
#define FACE_RY 23.0
#define EYE_Y 45.5
#define EYE_DX 8.0
#define EAR_DX 19.0

static void draw_shoulders(const pen *p, const person *w)
{
    ellipse(p, 50, 106, 39, 26, w->clothes);
    /* the neck, over the collar */
    rect(p, 44, 62, 12, 19.5, w->skin);
    line(p, 44, 64, 44, 80, 1.8, w->line);
    line(p, 56, 64, 56, 80, 1.8, w->line);
    arc(p, 50, 80, 6.5, 3.2, 0, 180, 1.8, w->line);
}

static void draw_glasses(const pen *p, const person *w, double ex, double ey)
{
    SDL_Color lens = w->glasses == GLASSES_TINTED ? rgba(40, 44, 52, 255) : rgba(255, 255, 255, 150);
    SDL_Color frame = w->glasses == GLASSES_TINTED ? C_FAULT : w->line;
    for (int s = -1; s <= 1; s += 2) {
        ellipse(p, ex + s * EYE_DX, ey, 6.2, 5.0, lens);
        ring(p, ex + s * EYE_DX, ey, 6.2, 5.0, 1.6, frame);
        line(p, ex + s * (EYE_DX + 6.2), ey - 1, HEAD_X + s * (FACE_RX + 0.5), ey - 2.5, 1.4, frame);
    }
    arc(p, ex, ey - 0.5, EYE_DX - 6.2, 2.0, 180, 360, 1.4, frame);
    if (w->glasses == GLASSES_TINTED) /* a shine on the dark lenses */
        for (int s = -1; s <= 1; s += 2)
            line(p, ex + s * EYE_DX - 2.8, ey - 1.5, ex + s * EYE_DX - 1.2, ey - 3.0, 1.0, rgba(255, 255, 255, 200));
}

static void draw_person(const pen *p, const person *w)
{
    if (!w->no_shoulders)
        draw_shoulders(p, w);
    /* hair behind the head */
    if (w->hair == HAIR_SHORT || w->hair == HAIR_FRINGE)
        ellipse(p, HEAD_X, HEAD_Y - 6, FACE_RX + 3, FACE_RY - 1, w->hair_c);
    if (w->hair == HAIR_OVER_EARS)
        ellipse_cut(p, HEAD_X, HEAD_Y + 2, FACE_RX + 6.5, FACE_RY + 9, 0, 1, HEAD_Y + 24, w->hair_c);
    /* ears */
    if (w->hair != HAIR_OVER_EARS)
        for (int s = -1; s <= 1; s += 2) {
            ellipse(p, HEAD_X + s * EAR_DX, EYE_Y + 2.5, 3.8, 6.2, w->skin);
            ring(p, HEAD_X + s * EAR_DX, EYE_Y + 2.5, 3.8, 6.2, 1.8, w->line);
        }
    ellipse(p, HEAD_X, HEAD_Y, FACE_RX, FACE_RY, w->skin);
    ring(p, HEAD_X, HEAD_Y, FACE_RX, FACE_RY, 2.0, w->line);
    /* the hair over the top of the head */
    double hairline = w->hair == HAIR_FRINGE ? EYE_Y - 1.5 : HEAD_Y - 15;
    if (w->hair != HAIR_NONE)
        ellipse_cut(p, HEAD_X, HEAD_Y - 5.5, FACE_RX + 3, FACE_RY - 0.5, 0, 1, hairline, w->hair_c);
    if (w->hair == HAIR_FRINGE) /* the ends of the fringe */
        for (int i = 0; i < 5; i++) {
            double x = HEAD_X - 14 + i * 7;
            double t[6] = {x - 3.5, hairline - 0.2, x + 3.5, hairline - 0.2, x, hairline + 3.2};
            poly(p, t, 3, w->hair_c);
        }
    if (w->hair == HAIR_OVER_EARS) {
        ellipse_cut(p, HEAD_X, HEAD_Y - 5.5, FACE_RX + 3, FACE_RY - 0.5, 0, 1, HEAD_Y - 13, w->hair_c);
        /* strands falling over the ears */
        for (int s = -1; s <= 1; s += 2) {
            double q[8] = {HEAD_X + s * (FACE_RX - 3), HEAD_Y - 16, HEAD_X + s * (FACE_RX + 6.5), HEAD_Y - 6,
                           HEAD_X + s * (FACE_RX + 6.5), HEAD_Y + 24, HEAD_X + s * (FACE_RX - 2.5), HEAD_Y + 24};
            if (s > 0) { /* keep the points clockwise for both sides */
                double r[8] = {q[6], q[7], q[4], q[5], q[2], q[3], q[0], q[1]};
                memcpy(q, r, sizeof q);
            }
            poly(p, q, 4, w->hair_c);
        }
    }
    double ex = HEAD_X + w->look_x, ey = EYE_Y + w->look_y;
    /* eyebrows (under a fringe they are hidden) */
    if (w->hair != HAIR_FRINGE)
        for (int s = -1; s <= 1; s += 2)
            line(p, ex + s * (EYE_DX - 3.6), ey - 6.2, ex + s * (EYE_DX + 3.6), ey - 5.4, 2.0, w->line);
    for (int s = -1; s <= 1; s += 2) {
        if (w->eyes == EYES_CLOSED)
            arc(p, ex + s * EYE_DX, ey - 0.8, 3.6, 2.6, 10, 170, 1.9, w->feature);
        else
            ellipse(p, ex + s * EYE_DX, ey, 2.5, 2.7, w->line);
    }
    if (w->glasses)
        draw_glasses(p, w, ex, ey);
    /* nose */
    line(p, ex + 0.6, ey + 3, ex - 1.2, ey + 9.5, 1.5, w->line);
    line(p, ex - 1.2, ey + 9.5, ex + 2.0, ey + 10, 1.5, w->line);
    double my = ey + 15.5;
    if (w->mouth == MOUTH_CLOSED) {
        arc(p, ex, my - 2, 5.5, 2.4, 25, 155, 1.9, w->line);
    } else if (w->mouth == MOUTH_OPEN) {
        ellipse(p, ex, my + 0.5, 4.6, 5.0, rgba(110, 24, 30, 255));
        ring(p, ex, my + 0.5, 4.6, 5.0, 1.8, w->feature);
    } else {
        /* a wide grin: two rows of teeth */
        ellipse_cut(p, ex, my - 2.5, 8.5, 6.5, 0, -1, -(my - 2.5), GB_C_WHITE);
        line(p, ex - 7.5, my, ex + 7.5, my, 0.9, C_CLOTHES);
        for (int i = -2; i <= 2; i++)
            line(p, ex + i * 2.8, my - 2.2, ex + i * 2.8, my + 2.6 - (i * i) * 0.3, 0.9, C_CLOTHES);
        arc(p, ex, my - 2.5, 8.5, 6.5, 0, 180, 1.8, w->feature);
        line(p, ex - 8.5, my - 2.5, ex + 8.5, my - 2.5, 1.8, w->feature);
    }
}

/* A person placed by centre offset, scale and roll. */
static void person_at(pen *p, const person *w, double dx, double dy, double sc, double deg)
{
    place(p, dx, dy, sc, deg);
    draw_person(p, w);
    unplace(p);
}

/* The standard close-up: the face large, the shoulders cut by the edge. */
static void close_up(pen *p, const person *w)
{
    person_at(p, w, 0, 4, 1.3, 0);
}

static void background(const pen *p, SDL_Color c)
{
    rect(p, 0, 0, 100, 100, c);
}

/* A small sign in a disc at a corner: "x" a cross, "!" an exclamation mark,
 * "?" a question mark, "+" a tick. */
static void badge(const pen *p, double cx, double cy, double r, SDL_Color c, char what)
{
    ellipse(p, cx, cy, r, r, c);
    ring(p, cx, cy, r, r, 1.4, GB_C_WHITE);
    SDL_Color w = GB_C_WHITE;
    double k = r / 10;
    switch (what) {
    case 'x':
        line(p, cx - 4.5 * k, cy - 4.5 * k, cx + 4.5 * k, cy + 4.5 * k, 2.6 * k, w);
        line(p, cx - 4.5 * k, cy + 4.5 * k, cx + 4.5 * k, cy - 4.5 * k, 2.6 * k, w);
        break;
    case '!':
        line(p, cx, cy - 6 * k, cx, cy + 1.5 * k, 2.8 * k, w);
        ellipse(p, cx, cy + 5.5 * k, 1.7 * k, 1.7 * k, w);
        break;
    case '?':
        arc(p, cx, cy - 2.8 * k, 3.8 * k, 3.6 * k, 170, 400, 2.4 * k, w);
        line(p, cx + 0.2 * k, cy + 0.8 * k, cx, cy + 2.6 * k, 2.4 * k, w);
        ellipse(p, cx, cy + 6.3 * k, 1.6 * k, 1.6 * k, w);
        break;
    default:
        line(p, cx - 5 * k, cy + 0.5 * k, cx - 1.5 * k, cy + 4.5 * k, 2.6 * k, w);
        line(p, cx - 1.5 * k, cy + 4.5 * k, cx + 5.5 * k, cy - 4 * k, 2.6 * k, w);
        break;
    }
}

/* ---- pixel effects on the big surface ------------------------------------ */

typedef struct canvas {
    SDL_Surface *s;
    pen p;
} canvas;

static Uint32 *row(SDL_Surface *s, int y)
{
    return (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
}

static void split(Uint32 v, int *r, int *g, int *b)
{
    *r = (int)(v >> 16 & 255);
    *g = (int)(v >> 8 & 255);
    *b = (int)(v & 255);
}

static Uint32 join(int r, int g, int b)
{
    return 0xff000000u | (Uint32)r << 16 | (Uint32)g << 8 | (Uint32)b;
}

/* The pixels of units [x0,x1) x [y0,y1) in blocks of `block` units. */
static void fx_blocks(canvas *c, double x0, double y0, double x1, double y1, double block)
{
    SDL_RenderFlush(c->p.r);
    int b = (int)(block * c->p.k);
    int X0 = (int)(x0 * c->p.k), Y0 = (int)(y0 * c->p.k), X1 = (int)(x1 * c->p.k), Y1 = (int)(y1 * c->p.k);
    for (int by = Y0; by < Y1; by += b)
        for (int bx = X0; bx < X1; bx += b) {
            long sr = 0, sg = 0, sb = 0, n = 0;
            for (int y = by; y < by + b && y < c->s->h; y++)
                for (int x = bx; x < bx + b && x < c->s->w; x++) {
                    int r, g, bl;
                    split(row(c->s, y)[x], &r, &g, &bl);
                    sr += r;
                    sg += g;
                    sb += bl;
                    n++;
                }
            if (!n)
                continue;
            Uint32 v = join((int)(sr / n), (int)(sg / n), (int)(sb / n));
            for (int y = by; y < by + b && y < c->s->h; y++)
                for (int x = bx; x < bx + b && x < c->s->w; x++)
                    row(c->s, y)[x] = v;
        }
}

/* A box blur of radius `radius` units, horizontal then vertical. */
static void fx_blur(canvas *c, double radius)
{
    SDL_RenderFlush(c->p.r);
    int rad = (int)(radius * c->p.k), w = c->s->w, h = c->s->h;
    Uint32 *tmp = SDL_malloc((size_t)(w > h ? w : h) * sizeof *tmp);
    if (!tmp)
        return;
    for (int pass = 0; pass < 2; pass++) {
        int len = pass ? h : w, lines = pass ? w : h;
        for (int l = 0; l < lines; l++) {
            for (int i = 0; i < len; i++) {
                long sr = 0, sg = 0, sb = 0, n = 0;
                for (int j = i - rad; j <= i + rad; j++) {
                    if (j < 0 || j >= len)
                        continue;
                    int r, g, b;
                    split(pass ? row(c->s, j)[l] : row(c->s, l)[j], &r, &g, &b);
                    sr += r;
                    sg += g;
                    sb += b;
                    n++;
                }
                tmp[i] = join((int)(sr / n), (int)(sg / n), (int)(sb / n));
            }
            for (int i = 0; i < len; i++) {
                if (pass)
                    row(c->s, i)[l] = tmp[i];
                else
                    row(c->s, l)[i] = tmp[i];
            }
        }
    }
    SDL_free(tmp);
}

/* Every pixel v becomes v * mul + add (per channel, clamped); grey: 1 makes
 * it grey first. */
static void fx_tone(canvas *c, double mul, double add, int grey)
{
    SDL_RenderFlush(c->p.r);
    for (int y = 0; y < c->s->h; y++)
        for (int x = 0; x < c->s->w; x++) {
            int v[3];
            split(row(c->s, y)[x], &v[0], &v[1], &v[2]);
            if (grey)
                v[0] = v[1] = v[2] = (v[0] * 30 + v[1] * 59 + v[2] * 11) / 100;
            for (int k = 0; k < 3; k++) {
                double t = v[k] * mul + add;
                v[k] = t < 0 ? 0 : t > 255 ? 255 : (int)t;
            }
            row(c->s, y)[x] = join(v[0], v[1], v[2]);
        }
}

/* ---- the pictograms ------------------------------------------------------ */

static void pic_generic(canvas *c)
{
    person w = someone();
    close_up(&c->p, &w);
    badge(&c->p, 82, 18, 12, C_FAULT, '!');
}

static void pic_several_faces(canvas *c)
{
    person w = someone(), other = someone();
    other.line = C_FAULT;
    other.hair_c = tint(C_FAULT, 0.25);
    other.clothes = tint(C_FAULT, 0.55);
    person_at(&c->p, &other, 20, -4, 0.8, 0);
    person_at(&c->p, &w, -14, 6, 0.92, 0);
}

static void pic_no_face(canvas *c)
{
    /* where the student should be: an outline, and a question */
    SDL_Color m = tint(GB_C_MUTED, 0.35);
    for (int i = 0; i < 24; i += 2)
        arc(&c->p, HEAD_X, HEAD_Y, FACE_RX, FACE_RY, i * 15, i * 15 + 9, 1.8, m);
    for (int i = 0; i < 12; i += 2)
        arc(&c->p, 50, 106, 39, 26, 180 + i * 15, 180 + i * 15 + 9, 1.8, m);
    badge(&c->p, 50, 47, 13, C_FAULT, '?');
}

static void pic_too_far(canvas *c)
{
    person w = someone();
    person_at(&c->p, &w, 0, 20, 0.45, 0);
    /* grow: arrows outward from the small head */
    double hx = 50, hy = 48;
    for (int sx = -1; sx <= 1; sx += 2)
        for (int sy = -1; sy <= 1; sy += 2)
            arrow(&c->p, hx + sx * 14, hy + sy * 14, hx + sx * 32, hy + sy * 32, 3.2, C_FIX);
    ring(&c->p, 50, 47.6, 10.5, 13, 1.8, C_FAULT);
}

static void pic_low_resolution(canvas *c)
{
    person w = someone();
    close_up(&c->p, &w);
    fx_blocks(c, 0, 0, 100, 100, 9);
    badge(&c->p, 82, 18, 12, C_FAULT, 'x');
}

/* The photo's middle: where the face should be. */
static void centre_line(const pen *p)
{
    dashed(p, 50, 3, 50, 97, 1.8, 4, C_LEVEL);
}

static void pic_off_centre(canvas *c)
{
    person w = someone();
    person_at(&c->p, &w, 26, 8, 0.85, 0);
    centre_line(&c->p);
    dashed(&c->p, 76, 3, 76, 97, 1.8, 4, C_FAULT); /* where the face is */
    arrow(&c->p, 62, 86, 32, 86, 3.4, C_FIX);
}

static void pic_head_too_high(canvas *c)
{
    person w = someone();
    person_at(&c->p, &w, 0, -26, 1.0, 0);
    line(&c->p, 2, 2.5, 98, 2.5, 3, C_FAULT); /* the top edge cuts the head */
    arrow(&c->p, 86, 28, 86, 58, 3.4, C_FIX);
}

static void pic_head_too_low(canvas *c)
{
    person w = someone();
    person_at(&c->p, &w, 0, 32, 0.9, 0);
    dashed(&c->p, 4, 8, 96, 8, 1.8, 4, C_LEVEL); /* the head-top band, empty */
    dashed(&c->p, 4, 24, 96, 24, 1.8, 4, C_LEVEL);
    line(&c->p, 4, 53, 96, 53, 1.8, C_FAULT); /* where the top of the head is */
    arrow(&c->p, 86, 72, 86, 38, 3.4, C_FIX);
}

static void pic_head_covering(canvas *c)
{
    person w = someone();
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    /* a cap: crown and brim */
    ellipse_cut(p, HEAD_X, HEAD_Y - 9, FACE_RX + 3.5, FACE_RY - 3, 0, 1, HEAD_Y - 12, C_FAULT);
    rect(p, HEAD_X - FACE_RX - 4, HEAD_Y - 13.5, 2 * FACE_RX + 16, 3.4, C_FAULT);
    line(p, HEAD_X, HEAD_Y - 30, HEAD_X, HEAD_Y - 14, 1.0, tint(C_FAULT, 0.45));
    unplace(p);
}

static void pic_occluded(canvas *c)
{
    person w = someone();
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    /* a hand over one side of the face */
    SDL_Color skin = tint(C_FAULT, 0.8), edge = C_FAULT;
    double hx = 58, hy = 52;
    for (int i = 0; i < 4; i++) {
        double fx = hx - 7.5 + i * 4.8, fy = hy - 16 + (i == 0 || i == 3 ? 3 : 0);
        ellipse(p, fx, fy + 6, 2.6, 9, skin);
        ring(p, fx, fy + 6, 2.6, 9, 1.2, edge);
    }
    ellipse(p, hx, hy + 5, 10.5, 10, skin);
    ring(p, hx, hy + 5, 10.5, 10, 1.4, edge);
    ellipse(p, hx - 10, hy + 6, 2.6, 7.5, skin); /* the thumb */
    ring(p, hx - 10, hy + 6, 2.6, 7.5, 1.2, edge);
    ellipse(p, hx - 1, hy + 4, 10, 8.8, skin);
    unplace(p);
}

static void pic_greyscale(canvas *c)
{
    person w = someone();
    close_up(&c->p, &w);
    fx_tone(c, 1, 0, 1);
    /* the colours that are missing, struck through */
    pen *p = &c->p;
    ellipse(p, 80, 20, 15, 15, GB_C_WHITE);
    ellipse(p, 75, 16, 5, 5, rgba(230, 60, 60, 255));
    ellipse(p, 85, 16, 5, 5, rgba(40, 170, 80, 255));
    ellipse(p, 80, 25, 5, 5, rgba(40, 110, 220, 255));
    line(p, 69, 31, 91, 9, 3, C_FAULT);
}

static void pic_tilted(canvas *c)
{
    person w = someone();
    pen *p = &c->p;
    p->ox = HEAD_X;
    p->oy = 70;
    place(p, 0, 4, 1.2, -16);
    draw_person(p, &w);
    SDL_FPoint a = at(p, HEAD_X - 24, EYE_Y), b = at(p, HEAD_X + 24, EYE_Y);
    unplace(p);
    p->ox = p->oy = 50;
    /* the eye line as it is (red) and level (green) */
    line(p, a.x / p->k, a.y / p->k, b.x / p->k, b.y / p->k, 1.8, C_FAULT);
    dashed(p, 6, a.y / p->k, 94, a.y / p->k, 1.8, 3.5, C_LEVEL);
}

static void pic_upside_down(canvas *c)
{
    person w = someone();
    person_at(&c->p, &w, 0, 3, 0.85, 180);
    arc_arrow(&c->p, 50, 50, 44, 44, 200, 320, 3.2, C_FIX);
    badge(&c->p, 82, 82, 11, C_FAULT, 'x');
}

static void pic_turned(canvas *c)
{
    person w = someone();
    w.look_x = 7;
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    /* where the nose points, and the way back to the camera */
    arrow(p, HEAD_X + 7, EYE_Y + 9, HEAD_X + 30, EYE_Y + 9, 1.8, C_FAULT);
    unplace(p);
    arc_arrow(p, 50, 92, 30, 7, -10, -170, 3.0, C_FIX);
}

/* A head seen from the side, turned up (deg < 0) or down, the gaze in red
 * and level in green: the plainest way to show a raised or lowered chin. */
static void side_head(canvas *c, double deg)
{
    pen *p = &c->p;
    ellipse(p, 46, 106, 34, 26, C_CLOTHES);
    rect(p, 40, 60, 13, 24, C_SKIN);
    line(p, 40, 62, 40, 81, 1.8, C_LINE);
    line(p, 53, 66, 53, 81, 1.8, C_LINE);
    p->ox = 46;
    p->oy = 62;
    place(p, 0, 0, 1.15, deg);
    ellipse(p, 44, 44, 18, 21, C_SKIN);
    double nose[6] = {60.5, 42, 67.5, 52, 60.5, 53};
    poly(p, nose, 3, C_SKIN);
    ring(p, 44, 44, 18, 21, 2.0, C_LINE);
    line(p, 61.2, 42.5, 67.5, 52, 1.8, C_LINE);
    line(p, 67.5, 52, 61.5, 53.3, 1.8, C_LINE);
    ellipse_cut(p, 43, 41, 19.5, 21.5, 1, 0, 33, C_HAIR); /* hair, back and top */
    ellipse_cut(p, 44, 41, 19.5, 19.5, 0, 1, 30, C_HAIR);
    ellipse(p, 40, 45, 3.2, 5, C_SKIN);                   /* ear */
    ring(p, 40, 45, 3.2, 5, 1.5, C_LINE);
    ellipse(p, 56, 42, 2.0, 2.2, C_LINE);                 /* eye */
    line(p, 56, 58, 61, 57.5, 1.6, C_LINE);               /* mouth */
    SDL_FPoint e = at(p, 58, 42), g = at(p, 94, 42);
    unplace(p);
    p->ox = p->oy = 50;
    dashed(p, e.x / p->k, e.y / p->k, 97, e.y / p->k, 1.8, 3.5, C_LEVEL);
    line(p, e.x / p->k, e.y / p->k, g.x / p->k, g.y / p->k, 1.8, C_FAULT);
    /* which way to move the chin */
    double ax = 84;
    if (deg < 0)
        arrow(p, ax, 58, ax, 84, 3.2, C_FIX);
    else
        arrow(p, ax, 84, ax, 58, 3.2, C_FIX);
}

static void pic_chin_up(canvas *c)
{
    side_head(c, -20);
}

static void pic_chin_down(canvas *c)
{
    side_head(c, 20);
}

static void pic_eyes_closed(canvas *c)
{
    person w = someone();
    w.eyes = EYES_CLOSED;
    w.feature = C_FAULT;
    close_up(&c->p, &w);
}

static void pic_mouth_open(canvas *c)
{
    person w = someone();
    w.mouth = MOUTH_OPEN;
    w.feature = C_FAULT;
    close_up(&c->p, &w);
}

static void pic_teeth(canvas *c)
{
    person w = someone();
    w.mouth = MOUTH_TEETH;
    w.feature = C_FAULT;
    close_up(&c->p, &w);
}

static void pic_hair_eyebrows(canvas *c)
{
    person w = someone();
    w.hair = HAIR_FRINGE;
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    /* where the eyebrows are hidden */
    ring(p, HEAD_X, EYE_Y - 5.5, 17, 5.5, 1.6, C_FAULT);
    unplace(p);
}

static void pic_hair_ears(canvas *c)
{
    person w = someone();
    w.hair = HAIR_OVER_EARS;
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    for (int s = -1; s <= 1; s += 2)
        ring(p, HEAD_X + s * (EAR_DX + 1.5), EYE_Y + 2.5, 5.8, 8.2, 1.6, C_FAULT);
    unplace(p);
}

static void glare_star(const pen *p, double x, double y, double r)
{
    for (int i = 0; i < 4; i++) {
        double a = i * M_PI / 4;
        line(p, x - r * cos(a), y - r * sin(a), x + r * cos(a), y + r * sin(a), 1.2, C_FAULT);
    }
    ellipse(p, x, y, r * 0.45, r * 0.45, GB_C_WHITE);
    ring(p, x, y, r * 0.45, r * 0.45, 0.8, GB_C_WARN);
}

static void pic_glasses_glare(canvas *c)
{
    person w = someone();
    w.glasses = GLASSES_CLEAR;
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    glare_star(p, HEAD_X - EYE_DX + 2.2, EYE_Y - 1.8, 5.2);
    glare_star(p, HEAD_X + EYE_DX + 2.2, EYE_Y - 1.8, 5.2);
    unplace(p);
}

static void pic_tinted_glasses(canvas *c)
{
    person w = someone();
    w.glasses = GLASSES_TINTED;
    close_up(&c->p, &w);
}

static void pic_background_busy(canvas *c)
{
    pen *p = &c->p;
    /* a picture on the wall and somebody behind */
    rect(p, 6, 8, 24, 18, tint(C_FAULT, 0.55));
    rect(p, 9, 11, 18, 12, tint(GB_C_OK, 0.5));
    double hill[6] = {9, 23, 17, 14, 27, 23};
    poly(p, hill, 3, tint(GB_C_OK, 0.1));
    person other = someone();
    other.line = C_FAULT;
    other.hair_c = tint(C_FAULT, 0.25);
    other.clothes = tint(C_FAULT, 0.55);
    person_at(p, &other, 30, -14, 0.55, 0);
    person w = someone();
    person_at(p, &w, -4, 10, 0.9, 0);
}

static void pic_background_shadow(canvas *c)
{
    pen *p = &c->p;
    /* light on one side, dark on the other, and the person's shadow */
    gradient_h(p, 0, 0, 100, 100, tint(C_BACKDROP, 0.6), rgba(150, 160, 175, 255));
    person shadow = someone();
    shadow.skin = shadow.line = shadow.hair_c = shadow.clothes = shadow.feature = rgba(110, 118, 132, 255);
    person_at(p, &shadow, 13, 8, 0.9, 0);
    person w = someone();
    person_at(p, &w, -4, 8, 0.9, 0);
    badge(p, 84, 16, 11, C_FAULT, 'x');
}

/* The backdrop colour a batch or the configuration wants. */
static SDL_Color want_colour(const gb_config *cfg, const char *name)
{
    gb_rgb blue = {100, 197, 255}, white = {255, 255, 255}, grey = {240, 240, 240};
    if (cfg) {
        blue = cfg->backdrop_blue;
        white = cfg->backdrop_white;
        grey = cfg->backdrop_grey;
    }
    return from_rgb(strcmp(name, "blue") == 0 ? blue : strcmp(name, "white") == 0 ? white : grey);
}

/* A wrong backdrop (a warm beige), the person, and swatches of what is
 * wanted in the corner with a tick. */
static void backdrop_pic(canvas *c, const gb_config *cfg, const char *const *want, int nwant)
{
    pen *p = &c->p;
    background(p, rgba(236, 205, 160, 255));
    person w = someone();
    person_at(p, &w, -10, 10, 0.9, 0);
    double r = nwant > 1 ? 7.5 : 11;
    for (int i = 0; i < nwant; i++) {
        double y = 14 + i * (2 * r + 3);
        ellipse(p, 84, y, r, r, want_colour(cfg, want[i]));
        ring(p, 84, y, r, r, 1.6, GB_C_MUTED);
    }
    badge(p, 84, 14 + nwant * (2 * r + 3) + 3, 8, C_LEVEL, '+');
    badge(p, 14, 14, 9, C_FAULT, 'x');
}

static void pic_backdrop_any(canvas *c, const gb_config *cfg)
{
    const char *names[3];
    int n = 0;
    static const char *const all[3] = {"blue", "white", "grey"};
    for (int i = 0; i < 3; i++)
        if (!cfg || gb_config_backdrop_allowed(cfg, all[i]))
            names[n++] = all[i];
    backdrop_pic(c, cfg, names, n);
}

static void pic_uneven_light(canvas *c)
{
    person w = someone();
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    /* one cheek in shadow */
    ellipse_cut(p, HEAD_X, HEAD_Y, FACE_RX - 1, FACE_RY - 1, -1, 0, -HEAD_X, rgba(40, 44, 52, 110));
    ring(p, HEAD_X, HEAD_Y, FACE_RX, FACE_RY, 2.0, C_LINE);
    unplace(p);
    /* the light from one side only */
    ellipse(p, 9, 12, 6, 6, GB_C_WARN);
    for (int i = 0; i < 8; i++) {
        double a = i * M_PI / 4;
        line(p, 9 + 8 * cos(a), 12 + 8 * sin(a), 9 + 11 * cos(a), 12 + 11 * sin(a), 1.6, GB_C_WARN);
    }
    badge(p, 86, 14, 10, C_FAULT, 'x');
}

static void sparkle(const pen *p, double x, double y, double r)
{
    double s[8] = {x, y - r, x + r * 0.28, y, x, y + r, x - r * 0.28, y};
    double t[8] = {x - r, y, x, y - r * 0.28, x + r, y, x, y + r * 0.28};
    poly(p, s, 4, GB_C_WARN);
    poly(p, t, 4, GB_C_WARN);
    ellipse(p, x, y, r * 0.22, r * 0.22, GB_C_WHITE);
}

static void pic_hot_spots(canvas *c)
{
    person w = someone();
    pen *p = &c->p;
    place(p, 0, 4, 1.3, 0);
    draw_person(p, &w);
    sparkle(p, HEAD_X + 3, HEAD_Y - 12, 6);
    sparkle(p, HEAD_X + 1, EYE_Y + 8, 4.5);
    sparkle(p, HEAD_X - 11, EYE_Y + 9, 4);
    ring(p, HEAD_X, HEAD_Y - 2, 15, 18.5, 1.4, C_FAULT);
    unplace(p);
}

static void sun(const pen *p, double x, double y, double r, SDL_Color c)
{
    ellipse(p, x, y, r, r, c);
    for (int i = 0; i < 8; i++) {
        double a = i * M_PI / 4;
        line(p, x + (r + 2.5) * cos(a), y + (r + 2.5) * sin(a), x + (r + 6) * cos(a), y + (r + 6) * sin(a), 2.0, c);
    }
}

static void pic_too_dark(canvas *c)
{
    person w = someone();
    close_up(&c->p, &w);
    fx_tone(c, 0.32, 0, 0);
    sun(&c->p, 16, 16, 6, tint(GB_C_MUTED, 0.2));
    line(&c->p, 4, 28, 28, 4, 2.6, C_FAULT);
}

static void pic_too_bright(canvas *c)
{
    person w = someone();
    close_up(&c->p, &w);
    fx_tone(c, 0.25, 200, 0);
    sun(&c->p, 16, 16, 6.5, GB_C_WARN);
    badge(&c->p, 84, 16, 10, C_FAULT, 'x');
}

static void pic_exposure(canvas *c)
{
    person w = someone();
    close_up(&c->p, &w);
    /* half too dark, half too bright */
    SDL_RenderFlush(c->p.r);
    int half = c->s->w / 2;
    for (int y = 0; y < c->s->h; y++)
        for (int x = 0; x < c->s->w; x++) {
            int r, g, b;
            split(row(c->s, y)[x], &r, &g, &b);
            if (x < half)
                row(c->s, y)[x] = join(r / 3, g / 3, b / 3);
            else
                row(c->s, y)[x] = join(190 + r / 4, 190 + g / 4, 190 + b / 4);
        }
    badge(&c->p, 84, 16, 10, C_FAULT, 'x');
}

static void pic_blurred(canvas *c)
{
    person w = someone();
    pen *p = &c->p;
    place(p, 2.5, 4, 1.3, 0);
    draw_person(p, &w);
    place(p, -2.5, 4, 1.3, 0);
    person ghost = w;
    ghost.skin = alpha(ghost.skin, 120);
    ghost.line = alpha(ghost.line, 120);
    ghost.hair_c = alpha(ghost.hair_c, 120);
    ghost.clothes = alpha(ghost.clothes, 120);
    draw_person(p, &ghost);
    unplace(p);
    fx_blur(c, 1.4);
    /* shaking */
    arc(p, 50, 46, 40, 30, 150, 210, 2.0, C_FAULT);
    arc(p, 50, 46, 45, 34, 155, 205, 2.0, C_FAULT);
    arc(p, 50, 46, 40, 30, -30, 30, 2.0, C_FAULT);
    arc(p, 50, 46, 45, 34, -25, 25, 2.0, C_FAULT);
}

static void pic_clothes_like_backdrop(canvas *c)
{
    person w = someone();
    w.clothes = rgba(215, 227, 241, 255); /* nearly the backdrop */
    pen *p = &c->p;
    place(p, 0, 4, 1.0, 0);
    draw_person(p, &w);
    /* where the clothes vanish into the backdrop */
    for (int i = 0; i < 12; i += 2)
        arc(p, 50, 106, 39, 26, 180 + i * 15, 180 + i * 15 + 9, 2.6, C_FAULT);
    unplace(p);
}

static void pic_blue_clothes(canvas *c)
{
    pen *p = &c->p;
    background(p, rgba(240, 240, 240, 255));
    person w = someone();
    w.clothes = GB_C_PRIMARY;
    place(p, 0, 4, 1.0, 0);
    draw_person(p, &w);
    unplace(p);
    badge(p, 80, 84, 11, C_FAULT, 'x');
}

static void draw_pic(canvas *c, gb_pictogram pic, const gb_config *cfg)
{
    switch (pic) {
    case GB_PIC_SEVERAL_FACES: pic_several_faces(c); break;
    case GB_PIC_NO_FACE: pic_no_face(c); break;
    case GB_PIC_TOO_FAR: pic_too_far(c); break;
    case GB_PIC_LOW_RESOLUTION: pic_low_resolution(c); break;
    case GB_PIC_OFF_CENTRE: pic_off_centre(c); break;
    case GB_PIC_HEAD_TOO_HIGH: pic_head_too_high(c); break;
    case GB_PIC_HEAD_TOO_LOW: pic_head_too_low(c); break;
    case GB_PIC_HEAD_COVERING: pic_head_covering(c); break;
    case GB_PIC_OCCLUDED: pic_occluded(c); break;
    case GB_PIC_GREYSCALE: pic_greyscale(c); break;
    case GB_PIC_TILTED: pic_tilted(c); break;
    case GB_PIC_UPSIDE_DOWN: pic_upside_down(c); break;
    case GB_PIC_TURNED: pic_turned(c); break;
    case GB_PIC_CHIN_UP: pic_chin_up(c); break;
    case GB_PIC_CHIN_DOWN: pic_chin_down(c); break;
    case GB_PIC_EYES_CLOSED: pic_eyes_closed(c); break;
    case GB_PIC_MOUTH_OPEN: pic_mouth_open(c); break;
    case GB_PIC_TEETH: pic_teeth(c); break;
    case GB_PIC_HAIR_EYEBROWS: pic_hair_eyebrows(c); break;
    case GB_PIC_HAIR_EARS: pic_hair_ears(c); break;
    case GB_PIC_GLASSES_GLARE: pic_glasses_glare(c); break;
    case GB_PIC_TINTED_GLASSES: pic_tinted_glasses(c); break;
    case GB_PIC_BACKGROUND_BUSY: pic_background_busy(c); break;
    case GB_PIC_BACKGROUND_SHADOW: pic_background_shadow(c); break;
    case GB_PIC_BACKDROP_COLOUR: pic_backdrop_any(c, cfg); break;
    case GB_PIC_BACKDROP_BLUE: backdrop_pic(c, cfg, (const char *const[]){"blue"}, 1); break;
    case GB_PIC_BACKDROP_WHITE: backdrop_pic(c, cfg, (const char *const[]){"white"}, 1); break;
    case GB_PIC_BACKDROP_GREY: backdrop_pic(c, cfg, (const char *const[]){"grey"}, 1); break;
    case GB_PIC_UNEVEN_LIGHT: pic_uneven_light(c); break;
    case GB_PIC_HOT_SPOTS: pic_hot_spots(c); break;
    case GB_PIC_EXPOSURE: pic_exposure(c); break;
    case GB_PIC_TOO_DARK: pic_too_dark(c); break;
    case GB_PIC_TOO_BRIGHT: pic_too_bright(c); break;
    case GB_PIC_BLURRED: pic_blurred(c); break;
    case GB_PIC_CLOTHES_LIKE_BACKDROP: pic_clothes_like_backdrop(c); break;
    case GB_PIC_BLUE_CLOTHES: pic_blue_clothes(c); break;
    case GB_PIC_GENERIC:
    default: pic_generic(c); break;
    }
}

/* ---- rendering ----------------------------------------------------------- */

/* Averages f x f blocks of big into small. */
static void downsample(SDL_Surface *big, SDL_Surface *small, int f)
{
    for (int y = 0; y < small->h; y++)
        for (int x = 0; x < small->w; x++) {
            int sr = 0, sg = 0, sb = 0;
            for (int j = 0; j < f; j++)
                for (int i = 0; i < f; i++) {
                    int r, g, b;
                    split(row(big, y * f + j)[x * f + i], &r, &g, &b);
                    sr += r;
                    sg += g;
                    sb += b;
                }
            int n = f * f;
            row(small, y)[x] = join(sr / n, sg / n, sb / n);
        }
}

SDL_Surface *gb_pictogram_render(gb_pictogram pic, int size, const gb_config *cfg)
{
    if (size < 8)
        size = 8;
    SDL_Surface *big = SDL_CreateRGBSurfaceWithFormat(0, size * SS, size * SS, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, size, size, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = big ? SDL_CreateSoftwareRenderer(big) : NULL;
    if (!r) {
        SDL_FreeSurface(big);
        SDL_FreeSurface(small);
        return NULL;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    canvas c = {big, {r, size * SS / 100.0, 50, 50, 1, 0, 0, 0}};
    SDL_Rect all = {0, 0, big->w, big->h};
    SDL_RenderSetClipRect(r, &all);
    background(&c.p, C_BACKDROP);
    draw_pic(&c, pic, cfg);
    /* a thin frame: the edge of the photo */
    SDL_Color edge = tint(GB_C_MUTED, 0.45);
    rect(&c.p, 0, 0, 100, 1.2, edge);
    rect(&c.p, 0, 98.8, 100, 1.2, edge);
    rect(&c.p, 0, 0, 1.2, 100, edge);
    rect(&c.p, 98.8, 0, 1.2, 100, edge);
    SDL_RenderFlush(r);
    if (small)
        downsample(big, small, SS);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(big);
    return small;
}

/* ---- on the kiosk's canvas ------------------------------------------------ */

/* Pictures made for this screen visit; nothing personal in them. */
static struct {
    SDL_Texture *tex;
    SDL_Renderer *r;
    int size;
} cache[GB_PIC_COUNT];

void gb_pictogram_flush(void)
{
    for (int i = 0; i < GB_PIC_COUNT; i++) {
        if (cache[i].tex)
            SDL_DestroyTexture(cache[i].tex);
        cache[i].tex = NULL;
        cache[i].r = NULL;
        cache[i].size = 0;
    }
}

void gb_pictogram_draw(gb_ui *ui, gb_pictogram p, SDL_Rect box)
{
    if ((unsigned)p >= GB_PIC_COUNT)
        p = GB_PIC_GENERIC;
    int size = box.w < box.h ? box.w : box.h;
    if (!cache[p].tex || cache[p].r != ui->r || cache[p].size != size) {
        if (cache[p].tex)
            SDL_DestroyTexture(cache[p].tex);
        cache[p].tex = NULL;
        SDL_Surface *s = gb_pictogram_render(p, size, &ui->cfg);
        if (s) {
            cache[p].tex = SDL_CreateTextureFromSurface(ui->r, s);
            SDL_FreeSurface(s);
        }
        cache[p].r = ui->r;
        cache[p].size = size;
    }
    char note[64];
    snprintf(note, sizeof note, "pictogram:%s", gb_pictogram_name(p));
    gb_note_drawn(ui, note);
    SDL_Rect dst = {box.x + (box.w - size) / 2, box.y + (box.h - size) / 2, size, size};
    if (cache[p].tex)
        SDL_RenderCopy(ui->r, cache[p].tex, NULL, &dst);
    else
        gb_frame(ui, dst, GB_C_BAD, 2); /* out of memory: at least a box */
}
