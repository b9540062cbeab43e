/* Staff: the batches. Each card shows its number, school, collection
 * window (labelled), roster size and whether it is active, with "batch-N"
 * (activate / deactivate batch N, counted from 0 in the store's order) and
 * "window-N" (change its window on staff-window). When the cards do not
 * fit they are shown a page at a time ("batches-prev" / "batches-next"),
 * whole cards only; "staff-roster" (import a roster from a USB stick) and
 * "back" keep their place at the bottom. A notice from the window or
 * roster screen ("window saved") shows on top.
 *
 * Deactivating asks first ("停用批次 X（学校）？…", "batch-confirm" /
 * "batch-cancel"): one stray tap on a card would otherwise turn a batch
 * away from every student at the booth. Activating needs no question. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "ui/staff.h"
#include "ui/text.h"

/* Design pixels (1080 px wide): the pager row, the roster button and the
 * gaps between the cards and what is under them. */
#define PAGER_H 110
#define ROSTER_H 140
#define GAP 24

static struct {
    gb_batch *batches; /* all of them, in the store's order, so a card stays where it is when toggled */
    int nb;
    int store_failed;
    int page;     /* the page of cards shown */
    gb_lang lang; /* other words, other card heights: back to the first page */
    int asking;   /* 1 + the batch to deactivate once confirmed; 0: no question */
} S;

static void refresh(gb_ui *ui)
{
    gb_err err;
    gb_batch *list = NULL;
    size_t n = 0;
    free(S.batches);
    S.batches = NULL;
    S.nb = 0;
    S.store_failed = 0;
    if (gb_batch_list(ui->st, &list, &n, &err) < 0) {
        S.store_failed = 1;
        gb_log_error("kiosk: staff: %s", err.msg);
        return;
    }
    S.batches = list;
    S.nb = (int)n;
}

static void enter(gb_ui *ui)
{
    free(S.batches);
    memset(&S, 0, sizeof S);
    S.lang = ui->lang;
    refresh(ui);
}

static void leave(gb_ui *ui)
{
    gb_staff_notice_clear();
    free(S.batches);
    S.batches = NULL;
    S.nb = 0;
}

static void set_active(gb_ui *ui, int i, int to)
{
    gb_err err;
    gb_staff_notice_clear();
    if (gb_batch_set_active(ui->st, S.batches[i].batch_no, to, &err) < 0) {
        gb_log_error("kiosk: staff: %s", err.msg);
        gb_staff_notice(GB_MSG_STAFF_STORE_ERROR, NULL, 1, 0);
    } else {
        gb_log_info("kiosk: staff %s batch %s", to ? "activated" : "deactivated", S.batches[i].batch_no);
    }
    refresh(ui);
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (S.asking) {
        /* the question is all the screen shows: confirm, or anything that
         * means "no" (cancel, back, Escape) leaves the batch active */
        int i = S.asking - 1;
        if (in->kind == GB_IN_TAP && strcmp(in->id, "batch-confirm") == 0) {
            S.asking = 0;
            if (i < S.nb)
                set_active(ui, i, 0);
        } else if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) ||
                   (in->kind == GB_IN_TAP && (strcmp(in->id, "batch-cancel") == 0 || strcmp(in->id, "back") == 0))) {
            S.asking = 0;
            if (i < S.nb)
                gb_log_info("kiosk: staff kept batch %s active", S.batches[i].batch_no);
        }
        return;
    }
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)) {
        gb_ui_go(ui, GB_SCREEN_STAFF);
        return;
    }
    if (in->kind != GB_IN_TAP)
        return;
    int i;
    if (strcmp(in->id, "staff-roster") == 0) {
        gb_ui_go(ui, GB_SCREEN_STAFF_ROSTER);
    } else if (strcmp(in->id, "batches-next") == 0) {
        S.page++; /* draw keeps it in range */
    } else if (strcmp(in->id, "batches-prev") == 0 && S.page > 0) {
        S.page--;
    } else if (sscanf(in->id, "window-%d", &i) == 1 && i >= 0 && i < S.nb) {
        gb_staff_set_batch(S.batches[i].batch_no);
        gb_ui_go(ui, GB_SCREEN_STAFF_WINDOW);
    } else if (sscanf(in->id, "batch-%d", &i) == 1 && i >= 0 && i < S.nb) {
        if (S.batches[i].active)
            S.asking = i + 1;
        else
            set_active(ui, i, 1);
    }
}

static void update(gb_ui *ui)
{
    gb_staff_idle(ui);
}

/* The card of batch i at y (measure only when draw is 0); returns its height. */
static int card(gb_ui *ui, int i, int x, int y, int w, int draw)
{
    const gb_batch *b = &S.batches[i];
    int pad = gb_px(ui, 24), bh = gb_px(ui, 100), bw = gb_px(ui, 300);
    int ix = x + pad, iw = w - 2 * pad;
    char head[200], t[512];
    /* a long school name wraps inside the card rather than running past it */
    snprintf(head, sizeof head, "%s  %s", b->batch_no, b->school);
    int hh = gb_text_wrap(ui->text, head, gb_px(ui, GB_FS_BODY), GB_C_TEXT, ix, 0, iw, -1, 0);
    /* the window line wraps in English on a narrow screen */
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_WINDOW_LINE, ui->lang, b->window_start, b->window_end, b->students);
    int lh = gb_text_wrap(ui->text, t, gb_px(ui, GB_FS_SMALL), GB_C_MUTED, ix, 0, iw, -1, 0);
    int h = pad + hh + gb_px(ui, 14) + lh + gb_px(ui, 16) + bh + pad;
    if (!draw)
        return h;
    SDL_Rect panel = {x, y, w, h};
    gb_fill(ui, panel, GB_C_PANEL);
    gb_frame(ui, panel, b->active ? GB_C_OK : GB_C_MUTED, gb_px(ui, 3));
    int py = y + pad;
    py += gb_label_wrap(ui, head, GB_FS_BODY, GB_C_TEXT, ix, py, iw, -1) + gb_px(ui, 14);
    py += gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_MUTED, ix, py, iw, -1) + gb_px(ui, 16);
    gb_label(ui, gb_ui_msg(ui, b->active ? GB_MSG_STAFF_ACTIVE : GB_MSG_STAFF_INACTIVE), GB_FS_BODY,
             b->active ? GB_C_OK : GB_C_MUTED, ix, py + gb_px(ui, 25), -1);
    char id[32];
    snprintf(id, sizeof id, "window-%d", i);
    gb_button(ui, id, gb_ui_msg(ui, GB_MSG_STAFF_CHANGE_WINDOW),
              (SDL_Rect){ix + iw - 2 * bw - gb_px(ui, 20), py, bw, bh}, GB_BTN_SECONDARY, 1);
    snprintf(id, sizeof id, "batch-%d", i);
    gb_button(ui, id, gb_ui_msg(ui, b->active ? GB_MSG_STAFF_DEACTIVATE : GB_MSG_STAFF_ACTIVATE),
              (SDL_Rect){ix + iw - bw, py, bw, bh}, GB_BTN_SECONDARY, 1);
    return h;
}

/* The first card of each page when cards of the heights in h are cut into
 * pages of height room, whole cards only (at least one a page). Returns
 * the number of pages. */
static int paginate(gb_ui *ui, const int *h, int room, int *starts)
{
    int pages = 0, used = 0;
    for (int i = 0; i < S.nb; i++) {
        int need = h[i] + (used ? gb_px(ui, GAP) : 0);
        if (!pages || (used && used + need > room)) {
            starts[pages++] = i;
            used = 0;
            need = h[i];
        }
        used += need;
    }
    return pages;
}

/* The question before a batch is deactivated, alone on the screen (as the
 * shutdown's), so no other button can be hit by mistake. */
static void draw_ask(gb_ui *ui, int y)
{
    const gb_batch *b = &S.batches[S.asking - 1];
    int x = gb_px(ui, 100), w = ui->w - gb_px(ui, 200), bh = gb_px(ui, 170);
    char t[600];
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_BATCH_DEACTIVATE_ASK, ui->lang, b->batch_no, b->school);
    y += gb_px(ui, 50);
    y += gb_label_wrap(ui, t, GB_FS_LARGE, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 80);
    gb_button(ui, "batch-confirm", gb_ui_msg(ui, GB_MSG_STAFF_BATCH_DEACTIVATE_CONFIRM), (SDL_Rect){x, y, w, bh},
              GB_BTN_PRIMARY, 1);
    y += bh + gb_px(ui, 50);
    gb_button(ui, "batch-cancel", gb_ui_msg(ui, GB_MSG_STAFF_CANCEL), (SDL_Rect){x, y, w, bh}, GB_BTN_SECONDARY, 1);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_BATCHES), 0) + gb_px(ui, 30);
    int x = gb_px(ui, 50), w = ui->w - gb_px(ui, 100);
    if (S.asking > S.nb) /* the list was read again and is shorter */
        S.asking = 0;
    if (S.asking) {
        draw_ask(ui, y);
        return;
    }
    if (S.store_failed) {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_STORE_ERROR), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
        y += gb_px(ui, 10);
    }
    int nh = gb_staff_draw_notice(ui, x, y, w);
    if (nh)
        y += nh + gb_px(ui, 20);
    if (!S.nb) {
        gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_NO_BATCHES), GB_FS_BODY, GB_C_MUTED, x, y, -1);
        y += gb_px(ui, 80);
    }
    /* from the bottom up: back, the roster button, the pager; the cards
     * get what is left between */
    int back_y = gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
    int roster_y = back_y - gb_px(ui, 30) - gb_px(ui, ROSTER_H);
    gb_button(ui, "staff-roster", gb_ui_msg(ui, GB_MSG_STAFF_IMPORT_ROSTER), (SDL_Rect){x, roster_y, w, gb_px(ui, ROSTER_H)},
              GB_BTN_PRIMARY, S.nb > 0);
    if (!S.nb)
        return;
    int *h = malloc((size_t)S.nb * sizeof *h), *starts = malloc((size_t)S.nb * sizeof *starts);
    if (!h || !starts) {
        free(h);
        free(starts);
        return;
    }
    for (int i = 0; i < S.nb; i++)
        h[i] = card(ui, i, x, 0, w, 0);
    int bottom = roster_y - gb_px(ui, 30);
    int pages = paginate(ui, h, bottom - y, starts);
    if (pages > 1) /* room for the page buttons */
        pages = paginate(ui, h, bottom - y - gb_px(ui, PAGER_H + 20), starts);
    if (ui->lang != S.lang)
        S.page = 0;
    S.lang = ui->lang;
    if (S.page >= pages)
        S.page = pages - 1;
    if (S.page < 0)
        S.page = 0;
    int end = S.page + 1 < pages ? starts[S.page + 1] : S.nb;
    for (int i = starts[S.page]; i < end; i++)
        y += card(ui, i, x, y, w, 1) + gb_px(ui, GAP);
    if (pages > 1)
        gb_pager(ui, "batches", (SDL_Rect){x, bottom - gb_px(ui, PAGER_H), w, gb_px(ui, PAGER_H)}, S.page, pages);
    free(h);
    free(starts);
}

const gb_screen_ops gb_screen_staff_batches = {"staff-batches", 0, enter, input, update, draw, leave};
