/* Welcome: the active batches (school, number, price, window and whether
 * it is open now: one large, several as cards a page at a time), the
 * start button and the help page. A code scanned here starts the flow
 * with it. No session starts while no batch is open or the kiosk cannot
 * take photos (no camera, no face model): the start button gives way to
 * why, and "My orders" stays. The screen reads the batches again when the
 * minute changes (windows open and end on a minute) and every
 * [kiosk] welcome_refresh_s, so it follows the clock and staff by itself.
 * The title bar is also the hidden way into staff mode (app.c): five taps,
 * or a long press. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/money.h"
#include "ui/text.h"
#include "ui/widgets.h"

static gb_batch *batches; /* the active ones, open first; not personal: what the kiosk serves */
static size_t nbatches;
static size_t nopen;     /* of them, open in `minute` (they come first) */
static char minute[17];  /* the local minute the list was read in, "YYYY-MM-DD HH:MM" */
static double read_ms;   /* when it was read (ui->now_ms) */
static int page; /* of the batch cards, when they do not all fit (cards are one height in either language) */

/* Design pixels (1080 px wide): a card of several batches, the gap
 * between cards, the pager row, a key-value row of a card (four rows and
 * the school still leave two cards and the pager a page on a 9:16
 * screen). */
enum { CARD_H = 296, CARD_GAP = 20, PAGER_H = 100, CARD_ROW = 48 };

/* Reads the batches and the minute they are judged in; the page stays
 * (draw keeps it in range). */
static void reload(gb_ui *ui)
{
    free(batches);
    batches = NULL;
    nbatches = nopen = 0;
    gb_local_minute(time(NULL), minute);
    read_ms = ui->now_ms;
    gb_ui_active_batches(ui, 0, &batches, &nbatches);
    while (nopen < nbatches && gb_batch_window(&batches[nopen], minute) == GB_WINDOW_OPEN)
        nopen++;
}

static void enter(gb_ui *ui)
{
    page = 0;
    reload(ui);
}

/* Why a student cannot start now, or 0: no batch open (the message says
 * when one opens, or that all have ended), else the camera or the model. */
static int blocked(gb_ui *ui, char *why, size_t size)
{
    if (nbatches && !nopen) {
        const char *first = NULL; /* the earliest window still to open */
        for (size_t i = 0; i < nbatches; i++)
            if (gb_batch_window(&batches[i], minute) == GB_WINDOW_BEFORE &&
                (!first || strcmp(batches[i].window_start, first) < 0))
                first = batches[i].window_start;
        if (first)
            gb_msg_format(why, size, GB_MSG_WELCOME_OPENS_AT, ui->lang, first);
        else
            snprintf(why, size, "%s", gb_ui_msg(ui, GB_MSG_WELCOME_ALL_ENDED));
        return 1;
    }
    gb_msg m;
    if (gb_ui_photo_blocked(ui, &m)) {
        snprintf(why, size, "%s", gb_ui_msg(ui, m));
        return 1;
    }
    return 0;
}

static void leave(gb_ui *ui)
{
    (void)ui;
    free(batches);
    batches = NULL;
    nbatches = 0;
}

static void input(gb_ui *ui, const gb_input *in)
{
    char why[256];
    int no_start = blocked(ui, why, sizeof why);
    if (in->kind == GB_IN_TAP && strcmp(in->id, "start") == 0 && !no_start)
        gb_ui_go(ui, GB_SCREEN_IDENTITY);
    else if (in->kind == GB_IN_TAP && strcmp(in->id, "help") == 0)
        gb_ui_go(ui, GB_SCREEN_HELP);
    else if (in->kind == GB_IN_TAP && strcmp(in->id, "lookup") == 0)
        gb_ui_go(ui, GB_SCREEN_LOOKUP);
    else if (in->kind == GB_IN_TAP && strcmp(in->id, "batches-next") == 0)
        page++; /* draw keeps it in range */
    else if (in->kind == GB_IN_TAP && strcmp(in->id, "batches-prev") == 0 && page > 0)
        page--;
    else if (in->kind == GB_IN_SCAN && nbatches > 0) {
        /* a student with orders sees them first (come back); one without
         * goes straight on to the identity check (screen_lookup.c) */
        snprintf(ui->ses.code, sizeof ui->ses.code, "%s", in->text);
        ui->ses.code_scanned = 1;
        /* when no session can start, the orders only: the lookup screen
         * asks the ID suffix and does not go on to the identity check */
        ui->ses.lookup_auto = !no_start;
        gb_ui_go(ui, GB_SCREEN_LOOKUP);
    }
}

static void update(gb_ui *ui)
{
    /* a window opening or ending, a batch changed by staff or another
     * program: shown by itself */
    char now[17];
    gb_local_minute(time(NULL), now);
    if (strcmp(now, minute) != 0 || ui->now_ms - read_ms >= ui->cfg.welcome_refresh_s * 1000.0)
        reload(ui);
}

/* Where the values start: after the widest key (English keys are longer). */
static int value_x(gb_ui *ui)
{
    static const gb_msg keys[] = {GB_MSG_WELCOME_BATCH, GB_MSG_WELCOME_PRICE, GB_MSG_WELCOME_WINDOW,
                                  GB_MSG_WELCOME_STATE};
    int x = gb_px(ui, 110) + gb_widest(ui, keys, 4, GB_FS_BODY) + gb_px(ui, 40);
    return x > gb_px(ui, 400) ? x : gb_px(ui, 400);
}

static void row(gb_ui *ui, int y, const char *k, const char *v)
{
    gb_label(ui, k, GB_FS_BODY, GB_C_MUTED, gb_px(ui, 110), y, -1);
    gb_label(ui, v, GB_FS_LARGE, GB_C_TEXT, value_x(ui), y - gb_px(ui, 6), -1);
}

static void price_text(gb_ui *ui, const gb_batch *b, char *out, size_t size)
{
    char money[32];
    gb_money_format(b->price_fen, money, sizeof money);
    if (b->pay_mode == GB_PAY_SCHOOL)
        snprintf(out, size, "%s", gb_ui_msg(ui, GB_MSG_WELCOME_PRICE_SCHOOL));
    else
        snprintf(out, size, "%s %s", money, gb_ui_msg(ui, GB_MSG_YUAN));
}

/* Whether the batch's window is open now, when it opens or when it
 * ended, and the colour to say it in. */
static SDL_Color state_text(gb_ui *ui, const gb_batch *b, char *out, size_t size)
{
    switch (gb_batch_window(b, minute)) {
    case GB_WINDOW_BEFORE:
        gb_msg_format(out, size, GB_MSG_WELCOME_STATE_BEFORE, ui->lang, b->window_start);
        return GB_C_WARN;
    case GB_WINDOW_AFTER:
        gb_msg_format(out, size, GB_MSG_WELCOME_STATE_AFTER, ui->lang, b->window_end);
        return GB_C_BAD;
    case GB_WINDOW_OPEN:
        break;
    }
    snprintf(out, size, "%s", gb_ui_msg(ui, GB_MSG_WELCOME_STATE_OPEN));
    return GB_C_OK;
}

/* The one batch the kiosk serves, large. Returns the y below it. */
static int one_batch(gb_ui *ui, int y, const gb_batch *b)
{
    gb_label_wrap(ui, b->school, GB_FS_HUGE, GB_C_TEXT, gb_px(ui, 60), y, ui->w - gb_px(ui, 120), 0);
    y += gb_px(ui, 220);
    SDL_Rect panel = {gb_px(ui, 70), y, ui->w - gb_px(ui, 140), gb_px(ui, 540)};
    gb_fill(ui, panel, GB_C_PANEL);
    y += gb_px(ui, 50);
    row(ui, y, gb_ui_msg(ui, GB_MSG_WELCOME_BATCH), b->batch_no);
    y += gb_px(ui, 110);
    char price[64];
    price_text(ui, b, price, sizeof price);
    row(ui, y, gb_ui_msg(ui, GB_MSG_WELCOME_PRICE), price);
    y += gb_px(ui, 110);
    char window[64];
    snprintf(window, sizeof window, "%s –\n%s", b->window_start, b->window_end);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_WELCOME_WINDOW), GB_FS_BODY, GB_C_MUTED, gb_px(ui, 110), y, -1);
    int vx = value_x(ui);
    gb_label_wrap(ui, window, GB_FS_BODY, GB_C_TEXT, vx, y, ui->w - gb_px(ui, 100) - vx, -1);
    y += gb_px(ui, 150);
    char state[128];
    SDL_Color c = state_text(ui, b, state, sizeof state);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_WELCOME_STATE), GB_FS_BODY, GB_C_MUTED, gb_px(ui, 110), y, -1);
    gb_label_wrap(ui, state, GB_FS_BODY, c, vx, y, ui->w - gb_px(ui, 100) - vx, -1);
    return panel.y + panel.h;
}

/* One of several batches, as a card of CARD_H: the school on a line of
 * its own, then number, fee, window and its state as key and value. */
static void card(gb_ui *ui, SDL_Rect r, const gb_batch *b)
{
    gb_fill(ui, r, GB_C_PANEL);
    gb_frame(ui, r, GB_C_MUTED, gb_px(ui, 2));
    int pad = gb_px(ui, 30), x = r.x + pad, w = r.w - 2 * pad;
    gb_label_fit(ui, b->school, GB_FS_LARGE, GB_C_TEXT, x, r.y + gb_px(ui, 14), w, -1);
    static const gb_msg keys[] = {GB_MSG_WELCOME_BATCH, GB_MSG_WELCOME_PRICE, GB_MSG_WELCOME_WINDOW,
                                  GB_MSG_WELCOME_STATE};
    int vx = x + gb_widest(ui, keys, 4, GB_FS_BODY) + gb_px(ui, 30), vw = r.x + r.w - pad - vx;
    char price[64], window[64], state[128];
    price_text(ui, b, price, sizeof price);
    snprintf(window, sizeof window, "%s – %s", b->window_start, b->window_end);
    SDL_Color sc = state_text(ui, b, state, sizeof state);
    const char *vals[] = {b->batch_no, price, window, state};
    int y = r.y + gb_px(ui, 80);
    for (int i = 0; i < 4; i++, y += gb_px(ui, CARD_ROW)) {
        gb_label(ui, gb_ui_msg(ui, keys[i]), GB_FS_BODY, GB_C_MUTED, x, y, -1);
        gb_label_fit(ui, vals[i], GB_FS_BODY, i == 3 ? sc : GB_C_TEXT, vx, y, vw, -1);
    }
}

/* Several batches: a heading, then whole cards from top down to bottom, a
 * page at a time with [previous] n / m [next] when they do not all fit. */
static void many_batches(gb_ui *ui, int y, int bottom)
{
    char head[128];
    if (nopen == nbatches)
        gb_msg_format_int(head, sizeof head, GB_MSG_WELCOME_BATCHES, ui->lang, (int)nbatches);
    else /* the count a student acts on is of the open ones */
        gb_msg_format(head, sizeof head, GB_MSG_WELCOME_BATCHES_OPEN, ui->lang, (int)nbatches, (int)nopen);
    gb_label(ui, head, GB_FS_BODY, GB_C_MUTED, gb_px(ui, 70), y, -1);
    y += gb_px(ui, 70);
    int step = gb_px(ui, CARD_H + CARD_GAP);
    int per = (bottom - y + gb_px(ui, CARD_GAP)) / step;
    if (per < 1)
        per = 1;
    int pages = (int)((nbatches + (size_t)per - 1) / (size_t)per);
    if (pages > 1) { /* room for the page buttons */
        per = (bottom - y - gb_px(ui, PAGER_H + 20) + gb_px(ui, CARD_GAP)) / step;
        if (per < 1)
            per = 1;
        pages = (int)((nbatches + (size_t)per - 1) / (size_t)per);
    }
    if (page >= pages)
        page = pages - 1;
    int x = gb_px(ui, 70), w = ui->w - gb_px(ui, 140);
    for (size_t i = (size_t)page * (size_t)per; i < nbatches && i < (size_t)(page + 1) * (size_t)per; i++) {
        card(ui, (SDL_Rect){x, y, w, gb_px(ui, CARD_H)}, &batches[i]);
        y += step;
    }
    if (pages > 1)
        gb_pager(ui, "batches", (SDL_Rect){x, bottom - gb_px(ui, PAGER_H), w, gb_px(ui, PAGER_H)}, page, pages);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_APP_TITLE), 0);
    if (!nbatches) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_WELCOME_NO_BATCH), GB_FS_LARGE, GB_C_TEXT, gb_px(ui, 90),
                      y + gb_px(ui, 120), ui->w - gb_px(ui, 180), 0);
        /* no new orders, but a student whose order was rejected (or is
         * waiting for payment) can still look it up */
        gb_button(ui, "lookup", gb_ui_msg(ui, GB_MSG_WELCOME_LOOKUP),
                  (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 420), ui->w - gb_px(ui, 380), gb_px(ui, 140)},
                  GB_BTN_SECONDARY, 1);
        return;
    }
    /* the buttons keep their places, one batch or several: from the
     * bottom up, the hint, help, my orders, start */
    int start_y = ui->h - gb_px(ui, 850);
    if (nbatches == 1)
        one_batch(ui, y + gb_px(ui, 120), &batches[0]);
    else
        many_batches(ui, y + gb_px(ui, 50), start_y - gb_px(ui, 50));
    y = start_y;
    SDL_Rect sr = {gb_px(ui, 190), y, ui->w - gb_px(ui, 380), gb_px(ui, 220)};
    char why[256];
    int no_start = blocked(ui, why, sizeof why);
    if (no_start) {
        /* in the start button's place: why not, never a button that
         * leads to a refusal three screens on */
        gb_fill(ui, sr, GB_C_PANEL);
        gb_frame(ui, sr, GB_C_WARN, gb_px(ui, 4));
        gb_label_wrap(ui, why, GB_FS_BODY, GB_C_TEXT, sr.x + gb_px(ui, 30), sr.y + gb_px(ui, 30),
                      sr.w - gb_px(ui, 60), -1);
    } else {
        gb_button(ui, "start", gb_ui_msg(ui, GB_MSG_WELCOME_START), sr, GB_BTN_PRIMARY, 1);
    }
    y += gb_px(ui, 270);
    gb_button(ui, "lookup", gb_ui_msg(ui, GB_MSG_WELCOME_LOOKUP),
              (SDL_Rect){gb_px(ui, 190), y, ui->w - gb_px(ui, 380), gb_px(ui, 140)}, GB_BTN_SECONDARY, 1);
    y += gb_px(ui, 180);
    gb_button(ui, "help", gb_ui_msg(ui, GB_MSG_WELCOME_HELP),
              (SDL_Rect){gb_px(ui, 190), y, ui->w - gb_px(ui, 380), gb_px(ui, 110)}, GB_BTN_LINK, 1);
    /* what a student can do here: scan now (no field to type in on this
     * screen; typing is on the identity screen after Start); not while
     * Start is not there to press */
    if (!no_start)
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_WELCOME_SCAN_HINT), GB_FS_BODY, GB_C_MUTED, gb_px(ui, 90),
                      ui->h - gb_px(ui, 200), ui->w - gb_px(ui, 180), 0);
}

const gb_screen_ops gb_screen_welcome = {"welcome", 0, enter, input, update, draw, leave};
