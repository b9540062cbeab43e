/* Fonts through fontconfig, lines through SDL2_ttf, a small texture cache.
 *
 * The cache is an open-addressed table keyed by (string, size, colour);
 * when it is full it is emptied at once, which costs one frame of
 * re-rendering and keeps the code trivial. */
#include "ui/text.h"

#include "core/log.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
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

/* Kinsoku (the rules of Chinese and Japanese typesetting): these never
 * start a line... */
static const char *const closers[] = {"）", "」", "』", "】", "，", "。", "、", "；", "：", "！", "？", "》",
                                      "〉", "〕", "｝", "］", "”", "’", "·", "・", "…", ")", "]", "}",
                                      ",", ".", ";", ":", "!", "?", "%"};
/* ...and these never end one. */
static const char *const openers[] = {"（", "「", "『", "【", "《", "〈", "〔", "｛", "［", "“", "‘", "(", "[", "{"};

static int starts_with_any(const char *p, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(p, set[i], strlen(set[i])) == 0)
            return 1;
    return 0;
}

/* Start of the character before byte offset b. */
static size_t prev_char(const char *s, size_t b)
{
    do
        b--;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80);
    return b;
}

/* A character that belongs to a word written with spaces (Latin, digits,
 * dashes): below the CJK blocks, which start at U+2E80 (3-byte sequences
 * from E2 BA 80). */
static int wordish(const char *p)
{
    unsigned char b0 = (unsigned char)p[0], b1 = (unsigned char)p[1];
    if (b0 < 0x80)
        return b0 != ' ';
    if (b0 < 0xE2)
        return 1;
    return b0 == 0xE2 && b1 < 0xBA;
}

/* May a line end before byte b (b > 0)? within_words: also inside a word
 * (when a word is wider than the box). */
static int break_ok(const char *s, size_t b, int within_words)
{
    const char *a = s + prev_char(s, b), *c = s + b;
    if (starts_with_any(c, closers, sizeof closers / sizeof closers[0]) ||
        starts_with_any(a, openers, sizeof openers / sizeof openers[0]))
        return 0;
    if (*a == ' ' || *c == ' ' || within_words)
        return 1;
    return !(wordish(a) && wordish(c)); /* between two letters of a word: no */
}

size_t gb_text_line_break(const char *s, int w, int (*measure)(void *ctx, const char *s, size_t n), void *ctx,
                          const char **next)
{
    size_t end = strcspn(s, "\n");
    /* the longest run of whole characters that fits (always one) */
    size_t n = 0;
    while (n < end) {
        size_t k = u8len((unsigned char)s[n]);
        if (n + k > end)
            k = end - n;
        if (n > 0 && measure(ctx, s, n + k) > w)
            break;
        n += k;
    }
    if (n == end) {
        *next = s + end + (s[end] == '\n');
        return end;
    }
    /* the last place at or before n where the rules allow a break; a space
     * there is dropped, it would only push the text off the edge. A word
     * wider than the box is cut, still not before a closer. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t b = n; b > 0; b = prev_char(s, b)) {
            if (!break_ok(s, b, pass))
                continue;
            size_t len = b;
            while (len > 0 && s[len - 1] == ' ')
                len--;
            if (len == 0)
                continue;
            const char *q = s + b;
            while (*q == ' ')
                q++;
            *next = q;
            return len;
        }
    }
    /* no allowed break on the whole line (a box a character or two wide):
     * cut where it is full rather than run off the box */
    *next = s + n;
    return n;
}

typedef struct {
    gb_text *t;
    int px;
    char buf[2048];
} measure_ctx;

static int measure_prefix(void *ctx, const char *s, size_t n)
{
    measure_ctx *m = ctx;
    if (n >= sizeof m->buf)
        return INT_MAX;
    memcpy(m->buf, s, n);
    m->buf[n] = 0;
    int w;
    gb_text_size(m->t, m->buf, m->px, &w, NULL);
    return w;
}

int gb_text_wrap(gb_text *t, const char *s, int px, SDL_Color c, int x, int y, int w, int align, int draw)
{
    int line_h;
    gb_text_size(t, "国", px, NULL, &line_h);
    line_h = line_h * 12 / 10;
    measure_ctx m = {.t = t, .px = px};
    int top = y;
    const char *p = s;
    while (*p) {
        const char *next;
        size_t n = gb_text_line_break(p, w, measure_prefix, &m, &next);
        if (draw) {
            char line[2048];
            snprintf(line, sizeof line, "%.*s", (int)n, p);
            int lx = align == 0 ? x + w / 2 : align > 0 ? x + w : x;
            gb_text_draw(t, line, px, c, lx, y, align);
            /* the line may hold a student's name */
            explicit_bzero(line, n < sizeof line ? n : sizeof line);
        }
        y += line_h;
        p = next;
    }
    explicit_bzero(m.buf, sizeof m.buf);
    return y - top;
}
