/* Fonts through fontconfig, lines through SDL2_ttf, a small texture cache.
 *
 * The cache is an open-addressed table keyed by (string, size, colour);
 * when it is full it is emptied at once, which costs one frame of
 * re-rendering and keeps the code trivial. */
#include "ui/text.h"

#include "core/log.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NSIZES 16
#define CACHE_SLOTS 512

typedef struct cached {
    char *s;
    int px;
    uint32_t rgba;
    SDL_Texture *tex;
    int w, h;
} cached;

struct gb_text {
    SDL_Renderer *r;
    char path[1024];
    struct {
        int px;
        TTF_Font *font;
    } sizes[NSIZES];
    cached cache[CACHE_SLOTS];
    int used;
};

static int find_font(const char *family, char *out, size_t size, gb_err *err)
{
    if (!FcInit()) {
        gb_err_set(err, "fontconfig failed to initialise");
        return -1;
    }
    FcPattern *pat = FcNameParse((const FcChar8 *)family);
    if (!pat) {
        gb_err_set(err, "font '%s': not a fontconfig name", family);
        return -1;
    }
    /* Every screen is Chinese first: when the family is not installed,
     * fontconfig's substitute must still cover Chinese (DejaVu, its usual
     * answer, draws every character as a box). */
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    FcChar8 *file = NULL;
    /* fontconfig always answers with its best substitute; that is still
     * better than no text, and the log names the file that was used */
    int ok = match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch;
    if (ok)
        snprintf(out, size, "%s", (const char *)file);
    /* a font has several family names (one per language): any will do */
    FcChar8 *got = NULL, *first = NULL;
    int named = 0;
    size_t flen = strcspn(family, ":");
    for (int i = 0; ok && !named && FcPatternGetString(match, FC_FAMILY, i, &got) == FcResultMatch; i++) {
        if (!first)
            first = got;
        named = strlen((const char *)got) == flen && strncasecmp((const char *)got, family, flen) == 0;
    }
    if (ok && !named)
        gb_log_warn("kiosk: font '%s' is not installed; using '%s' (%s) instead ([kiosk] font)", family,
                    first ? (const char *)first : "?", out);
    if (match)
        FcPatternDestroy(match);
    /* only the path is needed: give fontconfig's caches back now */
    FcFini();
    if (!ok) {
        gb_err_set(err, "font '%s' not found through fontconfig (install fonts-noto-cjk)", family);
        return -1;
    }
    return 0;
}

gb_text *gb_text_open(SDL_Renderer *r, const char *family, char *path_out, size_t path_size, gb_err *err)
{
    if (!TTF_WasInit() && TTF_Init() < 0) {
        gb_err_set(err, "SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    gb_text *t = calloc(1, sizeof *t);
    if (!t) {
        gb_err_set(err, "out of memory");
        return NULL;
    }
    t->r = r;
    if (find_font(family, t->path, sizeof t->path, err) < 0) {
        free(t);
        return NULL;
    }
    /* Open once now so a broken file is an error at start, not a blank screen. */
    TTF_Font *probe = TTF_OpenFont(t->path, 24);
    if (!probe) {
        gb_err_set(err, "font %s: %s", t->path, TTF_GetError());
        free(t);
        return NULL;
    }
    /* The words every student sees first. A font without them would show
     * boxes on every screen: refuse to start instead, saying why. */
    static const Uint32 needed[] = {0x91C7, 0x96C6, 0x7167, 0x7247, 0x5B66, 0x4FE1, 0x7F51}; /* 采集照片学信网 */
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (!TTF_GlyphIsProvided32(probe, needed[i])) {
            gb_err_set(err,
                       "font %s has no Chinese characters (no U+%04X): install fonts-noto-cjk or set [kiosk] font "
                       "to a Chinese font (fc-list :lang=zh)",
                       t->path, (unsigned)needed[i]);
            TTF_CloseFont(probe);
            free(t);
            return NULL;
        }
    t->sizes[0].px = 24;
    t->sizes[0].font = probe;
    if (path_out)
        snprintf(path_out, path_size, "%s", t->path);
    return t;
}

void gb_text_close(gb_text *t)
{
    if (!t)
        return;
    gb_text_flush(t);
    for (int i = 0; i < NSIZES; i++)
        if (t->sizes[i].font)
            TTF_CloseFont(t->sizes[i].font);
    free(t);
    TTF_Quit();
}

static TTF_Font *font_at(gb_text *t, int px)
{
    if (px < 6)
        px = 6;
    int free_slot = -1;
    for (int i = 0; i < NSIZES; i++) {
        if (t->sizes[i].font && t->sizes[i].px == px)
            return t->sizes[i].font;
        if (!t->sizes[i].font && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0) { /* more sizes than a layout uses: recycle the last slot */
        free_slot = NSIZES - 1;
        TTF_CloseFont(t->sizes[free_slot].font);
        t->sizes[free_slot].font = NULL;
    }
    TTF_Font *f = TTF_OpenFont(t->path, px);
    if (f) {
        t->sizes[free_slot].px = px;
        t->sizes[free_slot].font = f;
    }
    return f;
}

void gb_text_flush(gb_text *t)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        cached *c = &t->cache[i];
        if (c->s) {
            /* the string may be a student's name */
            memset(c->s, 0, strlen(c->s));
            free(c->s);
            SDL_DestroyTexture(c->tex);
        }
        memset(c, 0, sizeof *c);
    }
    t->used = 0;
}

static uint32_t hash(const char *s, int px, uint32_t rgba)
{
    uint32_t h = 2166136261u ^ (uint32_t)px ^ (rgba * 16777619u);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static cached *lookup(gb_text *t, const char *s, int px, SDL_Color col)
{
    uint32_t rgba = (uint32_t)col.r << 24 | (uint32_t)col.g << 16 | (uint32_t)col.b << 8 | col.a;
    uint32_t h = hash(s, px, rgba) % CACHE_SLOTS;
    for (int probe = 0; probe < CACHE_SLOTS; probe++) {
        cached *c = &t->cache[(h + (uint32_t)probe) % CACHE_SLOTS];
        if (!c->s)
            break;
        if (c->px == px && c->rgba == rgba && strcmp(c->s, s) == 0)
            return c;
    }
    if (t->used >= CACHE_SLOTS * 3 / 4)
        gb_text_flush(t);
    TTF_Font *f = font_at(t, px);
    if (!f)
        return NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, col);
    if (!surf)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(t->r, surf);
    int w = surf->w, hh = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    for (int probe = 0;; probe++) {
        cached *c = &t->cache[(h + (uint32_t)probe) % CACHE_SLOTS];
        if (c->s)
            continue;
        c->s = strdup(s);
        if (!c->s) {
            SDL_DestroyTexture(tex);
            return NULL;
        }
        c->px = px;
        c->rgba = rgba;
        c->tex = tex;
        c->w = w;
        c->h = hh;
        t->used++;
        return c;
    }
}

void gb_text_size(gb_text *t, const char *s, int px, int *w, int *h)
{
    TTF_Font *f = font_at(t, px);
    int ww = 0, hh = px;
    if (f && s[0])
        TTF_SizeUTF8(f, s, &ww, &hh);
    else if (f)
        hh = TTF_FontHeight(f);
    if (w)
        *w = ww;
    if (h)
        *h = hh;
}

int gb_text_draw(gb_text *t, const char *s, int px, SDL_Color c, int x, int y, int align)
{
    if (!s[0])
        return 0;
    cached *e = lookup(t, s, px, c);
    if (!e)
        return 0;
    SDL_Rect dst = {x, y, e->w, e->h};
    if (align == 0)
        dst.x = x - e->w / 2;
    else if (align > 0)
        dst.x = x - e->w;
    SDL_RenderCopy(t->r, e->tex, NULL, &dst);
    return e->w;
}

/* Length in bytes of the UTF-8 sequence starting with byte b. */
static size_t u8len(unsigned char b)
{
    return b < 0x80 ? 1 : b >> 5 == 6 ? 2 : b >> 4 == 14 ? 3 : b >> 3 == 30 ? 4 : 1;
}

int gb_text_wrap(gb_text *t, const char *s, int px, SDL_Color c, int x, int y, int w, int align, int draw)
{
    int line_h;
    gb_text_size(t, "国", px, NULL, &line_h);
    line_h = line_h * 12 / 10;
    char line[2048];
    int top = y;
    const char *p = s;
    while (*p) {
        /* grow the line one character at a time; remember the last place a
         * Latin word may break (a space) so words are not split */
        size_t n = 0, brk = 0;
        const char *q = p;
        while (*q && *q != '\n') {
            size_t k = u8len((unsigned char)*q);
            if (n + k >= sizeof line)
                break;
            memcpy(line + n, q, k);
            line[n + k] = 0;
            int lw;
            gb_text_size(t, line, px, &lw, NULL);
            if (lw > w && n > 0) {
                line[n] = 0;
                break;
            }
            if (*q == ' ')
                brk = n;
            n += k;
            q += k;
        }
        /* Chinese punctuation never starts a line: keep it on this one */
        static const char *const closers[] = {"。", "，", "、", "；", "：", "！", "？", "）", "」", "》"};
        for (size_t i = 0; *q && i < sizeof closers / sizeof closers[0]; i++) {
            size_t cl = strlen(closers[i]);
            if (strncmp(q, closers[i], cl) == 0 && n + cl < sizeof line) {
                memcpy(line + n, q, cl);
                n += cl;
                q += cl;
                break;
            }
        }
        if (*q && *q != '\n' && brk > 0 && (unsigned char)*q < 0x80 && *q != ' ') {
            /* the break fell inside a Latin word: go back to its space */
            q = p + brk + 1;
            n = brk;
        }
        line[n] = 0;
        if (draw) {
            int lx = align == 0 ? x + w / 2 : align > 0 ? x + w : x;
            gb_text_draw(t, line, px, c, lx, y, align);
        }
        y += line_h;
        p = q;
        if (*p == '\n' || *p == ' ')
            p++;
    }
    return y - top;
}
