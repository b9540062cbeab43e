/* Widgets: rectangles, labels, buttons, fields, keypad, QR codes. */
#include "ui/widgets.h"

#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "ui/text.h"

const SDL_Color GB_C_BG = {246, 247, 249, 255};
const SDL_Color GB_C_TEXT = {25, 30, 38, 255};
const SDL_Color GB_C_MUTED = {95, 102, 115, 255};
const SDL_Color GB_C_PRIMARY = {0, 102, 204, 255};
const SDL_Color GB_C_ON_PRIMARY = {255, 255, 255, 255};
const SDL_Color GB_C_PANEL = {255, 255, 255, 255};
const SDL_Color GB_C_OK = {20, 150, 70, 255};
const SDL_Color GB_C_BAD = {200, 40, 40, 255};
const SDL_Color GB_C_WARN = {230, 150, 0, 255};
const SDL_Color GB_C_WHITE = {255, 255, 255, 255};
const SDL_Color GB_C_FOCUS = {0, 102, 204, 255};

/* Records a drawn string (and returns where it starts in the record, or
 * (size_t)-1 when it could not be recorded). */
static size_t record_text(gb_ui *ui, const char *s)
{
    size_t n = strlen(s);
    if (ui->drawing_len + n + 2 > ui->drawing_cap) {
        size_t cap = (ui->drawing_cap + n + 2) * 2;
        char *p = realloc(ui->drawing, cap);
        if (!p)
            return (size_t)-1;
        ui->drawing = p;
        ui->drawing_cap = cap;
    }
    size_t off = ui->drawing_len;
    memcpy(ui->drawing + ui->drawing_len, s, n);
    ui->drawing_len += n;
    ui->drawing[ui->drawing_len++] = '\n';
    ui->drawing[ui->drawing_len] = 0;
    return off;
}

static void record_box(gb_ui *ui, size_t off, SDL_Rect r, SDL_Color c)
{
    if (off == (size_t)-1 || ui->nboxes_building >= GB_UI_MAX_TEXTS || r.w <= 0 || r.h <= 0)
        return;
    ui->boxes_building[ui->nboxes_building++] = (gb_text_box){r, off, c};
}

static int same_colour(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

const char *gb_colour_name(SDL_Color c, char buf[10])
{
    static const struct {
        const SDL_Color *c;
        const char *name;
    } named[] = {{&GB_C_OK, "ok"},     {&GB_C_BAD, "bad"},         {&GB_C_WARN, "warn"},
                 {&GB_C_TEXT, "text"}, {&GB_C_MUTED, "muted"},     {&GB_C_PRIMARY, "primary"},
                 {&GB_C_WHITE, "white"}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (same_colour(c, *named[i].c))
            return named[i].name;
    snprintf(buf, 10, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

SDL_Color gb_tone_colour(gb_tone t)
{
    switch (t) {
    case GB_TONE_OK: return GB_C_OK;
    case GB_TONE_BAD: return GB_C_BAD;
    case GB_TONE_NEUTRAL: return GB_C_TEXT;
    case GB_TONE_MUTED: return GB_C_MUTED;
    }
    return GB_C_TEXT;
}

void gb_note_drawn(gb_ui *ui, const char *s)
{
    record_text(ui, s);
}

void gb_hit_add(gb_ui *ui, const char *id, SDL_Rect r)
{
    if (ui->nbuilding >= GB_UI_MAX_HITS)
        return;
    gb_hit *h = &ui->building[ui->nbuilding++];
    snprintf(h->id, sizeof h->id, "%s", id);
    h->r = r;
}

void gb_fill(gb_ui *ui, SDL_Rect r, SDL_Color c)
{
    SDL_SetRenderDrawColor(ui->r, c.r, c.g, c.b, c.a);
    SDL_SetRenderDrawBlendMode(ui->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderFillRect(ui->r, &r);
}

void gb_frame(gb_ui *ui, SDL_Rect r, SDL_Color c, int t)
{
    gb_fill(ui, (SDL_Rect){r.x, r.y, r.w, t}, c);
    gb_fill(ui, (SDL_Rect){r.x, r.y + r.h - t, r.w, t}, c);
    gb_fill(ui, (SDL_Rect){r.x, r.y, t, r.h}, c);
    gb_fill(ui, (SDL_Rect){r.x + r.w - t, r.y, t, r.h}, c);
}

int gb_label(gb_ui *ui, const char *s, int px, SDL_Color c, int x, int y, int align)
{
    size_t off = record_text(ui, s);
    int w = gb_text_draw(ui->text, s, gb_px(ui, px), c, x, y, align);
    int tw, th;
    gb_text_size(ui->text, s, gb_px(ui, px), &tw, &th);
    record_box(ui, off, (SDL_Rect){align < 0 ? x : align == 0 ? x - w / 2 : x - w, y, w, th}, c);
    return w;
}

int gb_label_fit(gb_ui *ui, const char *s, int px, SDL_Color c, int x, int y, int w, int align)
{
    int tw;
    gb_text_size(ui->text, s, gb_px(ui, px), &tw, NULL);
    if (tw <= w)
        return gb_label(ui, s, px, c, x, y, align);
    /* smaller first, down to three quarters (still readable at arm's
     * length), then cut at the end */
    int small = px * 3 / 4, fit = (int)((long)px * w / (tw ? tw : 1));
    int use = fit > small ? fit : small;
    gb_text_size(ui->text, s, gb_px(ui, use), &tw, NULL);
    if (tw <= w)
        return gb_label(ui, s, use, c, x, y, align);
    char cut[512];
    size_t n = strlen(s) < sizeof cut - 4 ? strlen(s) : sizeof cut - 4;
    for (;;) {
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* whole characters only */
            n--;
        snprintf(cut, sizeof cut, "%.*s…", (int)n, s);
        gb_text_size(ui->text, cut, gb_px(ui, use), &tw, NULL);
        if (tw <= w || n == 0)
            break;
        n--;
    }
    return gb_label(ui, cut, use, c, x, y, align);
}

int gb_label_wrap(gb_ui *ui, const char *s, int px, SDL_Color c, int x, int y, int w, int align)
{
    size_t off = record_text(ui, s);
    int h = gb_text_wrap(ui->text, s, gb_px(ui, px), c, x, y, w, align, 1);
    record_box(ui, off, (SDL_Rect){x, y, w, h}, c); /* the box it was wrapped in: a little wide, never short */
    return h;
}

int gb_widest(gb_ui *ui, const gb_msg *ids, int n, int px)
{
    int widest = 0;
    for (int i = 0; i < n; i++) {
        int tw, th;
        gb_text_size(ui->text, gb_ui_msg(ui, ids[i]), gb_px(ui, px), &tw, &th);
        widest = tw > widest ? tw : widest;
    }
    return widest;
}

void gb_button(gb_ui *ui, const char *id, const char *label, SDL_Rect r, gb_btn_style style, int enabled)
{
    SDL_Color bg = GB_C_PRIMARY, fg = GB_C_ON_PRIMARY;
    int fs = GB_FS_LARGE;
    if (style == GB_BTN_SECONDARY || style == GB_BTN_KEY) {
        bg = GB_C_PANEL;
        fg = GB_C_PRIMARY;
    }
    if (style == GB_BTN_LINK) {
        bg = GB_C_BG;
        fg = GB_C_PRIMARY;
        fs = GB_FS_BODY;
    }
    if (style == GB_BTN_KEY)
        fs = GB_FS_TITLE;
    if (!enabled) {
        bg = (SDL_Color){220, 222, 226, 255};
        fg = GB_C_MUTED;
    }
    gb_fill(ui, r, bg);
    if (style != GB_BTN_PRIMARY && style != GB_BTN_LINK)
        gb_frame(ui, r, enabled ? GB_C_PRIMARY : GB_C_MUTED, gb_px(ui, 3));
    int th;
    gb_text_size(ui->text, label, gb_px(ui, fs), NULL, &th);
    int tw;
    gb_text_size(ui->text, label, gb_px(ui, fs), &tw, NULL);
    if (tw > r.w - gb_px(ui, 16)) /* a long English label: smaller rather than cut */
        fs = fs * (r.w - gb_px(ui, 16)) / (tw ? tw : 1);
    gb_text_size(ui->text, label, gb_px(ui, fs), NULL, &th);
    if (th > r.h) { /* a low key (a keypad squeezed by a tall card): smaller rather than over its neighbour */
        fs = fs * r.h / th;
        gb_text_size(ui->text, label, gb_px(ui, fs), NULL, &th);
    }
    gb_label(ui, label, fs, fg, r.x + r.w / 2, r.y + (r.h - th) / 2, 0);
    if (enabled)
        gb_hit_add(ui, id, r);
}

void gb_pager(gb_ui *ui, const char *id, SDL_Rect r, int page, int pages)
{
    int bw = (r.w - gb_px(ui, 200)) / 2;
    char bid[48];
    snprintf(bid, sizeof bid, "%s-prev", id);
    gb_button(ui, bid, gb_ui_msg(ui, GB_MSG_PAGE_PREV), (SDL_Rect){r.x, r.y, bw, r.h}, GB_BTN_SECONDARY, page > 0);
    snprintf(bid, sizeof bid, "%s-next", id);
    gb_button(ui, bid, gb_ui_msg(ui, GB_MSG_PAGE_NEXT), (SDL_Rect){r.x + r.w - bw, r.y, bw, r.h}, GB_BTN_SECONDARY,
              page + 1 < pages);
    char where[32];
    gb_msg_format(where, sizeof where, GB_MSG_PAGE_LINE, ui->lang, page + 1, pages);
    int th;
    gb_text_size(ui->text, where, gb_px(ui, GB_FS_BODY), NULL, &th);
    gb_label(ui, where, GB_FS_BODY, GB_C_MUTED, r.x + r.w / 2, r.y + (r.h - th) / 2, 0);
}

void gb_field(gb_ui *ui, const char *id, const char *label, const char *value, SDL_Rect r, int secret)
{
    int focused = strcmp(ui->focus, id) == 0;
    gb_label(ui, label, GB_FS_SMALL, GB_C_MUTED, r.x, r.y - gb_px(ui, 42), -1);
    gb_fill(ui, r, GB_C_PANEL);
    gb_frame(ui, r, focused ? GB_C_FOCUS : GB_C_MUTED, gb_px(ui, focused ? 5 : 2));
    char shown[300];
    if (secret) {
        size_t n = strlen(value);
        if (n > 40)
            n = 40;
        /* one dot per character, as a password field */
        size_t k = 0;
        for (size_t i = 0; i < n && k + 4 < sizeof shown; i++) {
            memcpy(shown + k, "\xe2\x97\x8f", 3);
            k += 3;
        }
        shown[k] = 0;
    } else {
        snprintf(shown, sizeof shown, "%s", value);
    }
    if (focused)
        strncat(shown, "|", sizeof shown - strlen(shown) - 1);
    int th;
    gb_text_size(ui->text, "国", gb_px(ui, GB_FS_LARGE), NULL, &th);
    gb_label(ui, shown, GB_FS_LARGE, GB_C_TEXT, r.x + gb_px(ui, 20), r.y + (r.h - th) / 2, -1);
    gb_hit_add(ui, id, r);
}

void gb_keypad(gb_ui *ui, SDL_Rect r, int with_x)
{
    gb_keypad_enabled(ui, r, with_x, 1);
}

void gb_keypad_enabled(gb_ui *ui, SDL_Rect r, int with_x, int enabled)
{
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0", "back"};
    int gap = gb_px(ui, 16);
    int kw = (r.w - 2 * gap) / 3, kh = (r.h - 3 * gap) / 4;
    for (int i = 0; i < 12; i++) {
        if (i == 9 && !with_x)
            continue;
        SDL_Rect k = {r.x + (i % 3) * (kw + gap), r.y + (i / 3) * (kh + gap), kw, kh};
        char id[16];
        snprintf(id, sizeof id, "key-%s", keys[i]);
        const char *label = i == 11 ? gb_ui_msg(ui, GB_MSG_KEY_BACKSPACE) : keys[i];
        gb_button(ui, id, label, k, GB_BTN_KEY, enabled);
    }
}

/* Bytes of the last UTF-8 character of buf. */
static size_t last_char_len(const char *buf, size_t n)
{
    size_t k = 1;
    while (k < n && ((unsigned char)buf[n - k] & 0xC0) == 0x80)
        k++;
    return k;
}

static size_t count_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int gb_field_apply(const gb_input *in, char *buf, size_t size, size_t max_chars, const char *allowed)
{
    size_t n = strlen(buf);
    int is_back = (in->kind == GB_IN_KEY && in->key == SDLK_BACKSPACE) ||
                  (in->kind == GB_IN_TAP && strcmp(in->id, "key-back") == 0);
    if (is_back) {
        if (n)
            buf[n - last_char_len(buf, n)] = 0;
        return 1;
    }
    const char *text = NULL;
    if (in->kind == GB_IN_TEXT)
        text = in->text;
    else if (in->kind == GB_IN_TAP && strncmp(in->id, "key-", 4) == 0)
        text = in->id + 4;
    if (!text)
        return 0;
    for (const char *p = text; *p;) {
        unsigned char ch = (unsigned char)*p;
        size_t k = ch < 0x80 ? 1 : ch >> 5 == 6 ? 2 : ch >> 4 == 14 ? 3 : 4;
        char c = (char)ch;
        if (allowed[0]) {
            if (c == 'x' && strchr(allowed, 'X'))
                c = 'X'; /* ID numbers end in a capital X */
            if (k != 1 || !strchr(allowed, c)) {
                p += k;
                continue;
            }
        } else if (ch < 0x20) {
            p += k;
            continue;
        }
        if (count_chars(buf) >= max_chars || n + k >= size)
            break;
        if (k == 1)
            buf[n] = c;
        else
            memcpy(buf + n, p, k);
        n += k;
        buf[n] = 0;
        p += k;
    }
    return 1;
}

void gb_qr(gb_ui *ui, const char *text, int x, int y, int size)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    gb_fill(ui, (SDL_Rect){x, y, size, size}, GB_C_WHITE);
    if (!q)
        return;
    int quiet = 4; /* modules of white around the code, as the standard asks */
    int n = q->width + 2 * quiet;
    int m = size / n;
    if (m < 1)
        m = 1;
    int ox = x + (size - m * n) / 2 + quiet * m, oy = y + (size - m * n) / 2 + quiet * m;
    SDL_SetRenderDrawColor(ui->r, 0, 0, 0, 255);
    for (int j = 0; j < q->width; j++)
        for (int i = 0; i < q->width; i++)
            if (q->data[j * q->width + i] & 1) {
                SDL_Rect px = {ox + i * m, oy + j * m, m, m};
                SDL_RenderFillRect(ui->r, &px);
            }
    QRcode_free(q);
}

int gb_header(gb_ui *ui, const char *title, int home)
{
    int hh = gb_px(ui, 150);
    gb_fill(ui, (SDL_Rect){0, 0, ui->w, hh}, GB_C_PRIMARY);
    /* the bar itself is tappable under the buttons: the hidden way into
     * staff mode (app.c) */
    gb_hit_add(ui, "title", (SDL_Rect){0, 0, ui->w, hh});
    /* the title sits between the two buttons; a long one (English) is set
     * smaller rather than under them */
    static const int sizes[] = {GB_FS_TITLE, GB_FS_LARGE, GB_FS_BODY};
    int room = ui->w - 2 * gb_px(ui, 230), fs = GB_FS_BODY, tw, th;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        gb_text_size(ui->text, title, gb_px(ui, sizes[i]), &tw, &th);
        if (tw <= room) {
            fs = sizes[i];
            break;
        }
    }
    gb_text_size(ui->text, "国", gb_px(ui, fs), NULL, &th);
    gb_label(ui, title, fs, GB_C_ON_PRIMARY, ui->w / 2, (hh - th) / 2, 0);
    SDL_Rect lang = {ui->w - gb_px(ui, 200), gb_px(ui, 35), gb_px(ui, 170), gb_px(ui, 80)};
    gb_button(ui, "lang", gb_ui_msg(ui, GB_MSG_LANG_TOGGLE), lang, GB_BTN_SECONDARY, 1);
    if (home) {
        SDL_Rect hr = {gb_px(ui, 30), gb_px(ui, 35), gb_px(ui, 170), gb_px(ui, 80)};
        gb_button(ui, "home", gb_ui_msg(ui, GB_MSG_HOME), hr, GB_BTN_SECONDARY, 1);
    }
    return hh;
}

void gb_keyboard(gb_ui *ui, SDL_Rect r)
{
    static const char *const rows[5] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "@._-"};
    int gap = gb_px(ui, 10);
    int kw = (r.w - 9 * gap) / 10, kh = (r.h - 4 * gap) / 5;
    for (int j = 0; j < 5; j++) {
        int n = (int)strlen(rows[j]);
        int x = r.x + (r.w - (n * kw + (n - 1) * gap)) / 2;
        if (j == 4)
            x = r.x;
        for (int i = 0; i < n; i++) {
            char id[8] = "key-", label[2] = {rows[j][i], 0};
            id[4] = rows[j][i];
            id[5] = 0;
            gb_button(ui, id, label, (SDL_Rect){x + i * (kw + gap), r.y + j * (kh + gap), kw, kh}, GB_BTN_KEY, 1);
        }
        if (j == 4) {
            int bx = x + n * (kw + gap);
            gb_button(ui, "key-back", gb_ui_msg(ui, GB_MSG_KEY_BACKSPACE),
                      (SDL_Rect){bx, r.y + j * (kh + gap), r.x + r.w - bx, kh}, GB_BTN_KEY, 1);
        }
    }
}
