/* Staff: the batches. Each shows its number, school, collection window
 * (labelled), roster size and whether it is active, with "batch-N"
 * (activate / deactivate the Nth) and "window-N" (change its window on
 * staff-window). "staff-roster" imports a roster from a USB stick. A
 * notice from the window or roster screen ("window saved") shows on top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "ui/staff.h"
#include "ui/text.h"

#define MAX_BATCHES 5

static struct {
    gb_batch batches[MAX_BATCHES];
    int nb;
    size_t total; /* batches in the store; more than MAX_BATCHES are not shown */
    int store_failed;
} S;

static void refresh(gb_ui *ui)
{
    gb_err err;
    gb_batch *list = NULL;
    size_t n = 0;
    S.nb = 0;
    S.total = 0;
    S.store_failed = 0;
    if (gb_batch_list(ui->st, &list, &n, &err) < 0) {
        S.store_failed = 1;
        gb_log_error("kiosk: staff: %s", err.msg);
        return;
    }
    /* in the store's order, so a row stays where it is when toggled; when
     * there are more than fit, the active ones first */
    for (int pass = 1; pass >= 0; pass--)
        for (size_t i = 0; i < n && S.nb < MAX_BATCHES; i++)
            if (n <= MAX_BATCHES ? pass == 1 : list[i].active == pass)
                S.batches[S.nb++] = list[i];
    S.total = n;
    free(list);
}

static void enter(gb_ui *ui)
{
    memset(&S, 0, sizeof S);
    refresh(ui);
}

static void leave(gb_ui *ui)
{
    gb_staff_notice_clear();
}

static void input(gb_ui *ui, const gb_input *in)
{
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)) {
        gb_ui_go(ui, GB_SCREEN_STAFF);
        return;
    }
    if (in->kind != GB_IN_TAP)
        return;
    int i;
    if (strcmp(in->id, "staff-roster") == 0) {
        gb_ui_go(ui, GB_SCREEN_STAFF_ROSTER);
    } else if (sscanf(in->id, "window-%d", &i) == 1 && i >= 0 && i < S.nb) {
        gb_staff_set_batch(S.batches[i].batch_no);
        gb_ui_go(ui, GB_SCREEN_STAFF_WINDOW);
    } else if (sscanf(in->id, "batch-%d", &i) == 1 && i >= 0 && i < S.nb) {
        gb_err err;
        int to = !S.batches[i].active;
        gb_staff_notice_clear();
        if (gb_batch_set_active(ui->st, S.batches[i].batch_no, to, &err) < 0) {
            gb_log_error("kiosk: staff: %s", err.msg);
            gb_staff_notice(GB_MSG_STAFF_STORE_ERROR, NULL, 1, 0);
        } else {
            gb_log_info("kiosk: staff %s batch %s", to ? "activated" : "deactivated", S.batches[i].batch_no);
        }
        refresh(ui);
    }
}

static void update(gb_ui *ui)
{
    gb_staff_idle(ui);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_BATCHES), 0) + gb_px(ui, 30);
    int x = gb_px(ui, 50), w = ui->w - gb_px(ui, 100);
    char t[512];
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
    int pad = gb_px(ui, 24), bh = gb_px(ui, 100), bw = gb_px(ui, 300);
    for (int i = 0; i < S.nb; i++) {
        const gb_batch *b = &S.batches[i];
        int ix = x + pad, iw = w - 2 * pad;
        /* measure the window line, which wraps in English on a narrow screen */
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_WINDOW_LINE, ui->lang, b->window_start, b->window_end, b->students);
        int lh = gb_text_wrap(ui->text, t, gb_px(ui, GB_FS_SMALL), GB_C_MUTED, ix, 0, iw, -1, 0);
        SDL_Rect panel = {x, y, w, pad + gb_px(ui, 60) + lh + gb_px(ui, 16) + bh + pad};
        gb_fill(ui, panel, GB_C_PANEL);
        gb_frame(ui, panel, b->active ? GB_C_OK : GB_C_MUTED, gb_px(ui, 3));
        int py = y + pad;
        char head[200];
        snprintf(head, sizeof head, "%s  %s", b->batch_no, b->school);
        gb_label(ui, head, GB_FS_BODY, GB_C_TEXT, ix, py, -1);
        py += gb_px(ui, 60);
        gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_MUTED, ix, py, iw, -1);
        py += lh + gb_px(ui, 16);
        gb_label(ui, gb_ui_msg(ui, b->active ? GB_MSG_STAFF_ACTIVE : GB_MSG_STAFF_INACTIVE), GB_FS_BODY,
                 b->active ? GB_C_OK : GB_C_MUTED, ix, py + gb_px(ui, 25), -1);
        char id[32];
        snprintf(id, sizeof id, "window-%d", i);
        gb_button(ui, id, gb_ui_msg(ui, GB_MSG_STAFF_CHANGE_WINDOW),
                  (SDL_Rect){ix + iw - 2 * bw - gb_px(ui, 20), py, bw, bh}, GB_BTN_SECONDARY, 1);
        snprintf(id, sizeof id, "batch-%d", i);
        gb_button(ui, id, gb_ui_msg(ui, b->active ? GB_MSG_STAFF_DEACTIVATE : GB_MSG_STAFF_ACTIVATE),
                  (SDL_Rect){ix + iw - bw, py, bw, bh}, GB_BTN_SECONDARY, 1);
        y += panel.h + gb_px(ui, 24);
    }
    if (S.total > (size_t)S.nb) {
        snprintf(t, sizeof t, "… %zu / %zu", (size_t)S.nb, S.total);
        gb_label(ui, t, GB_FS_SMALL, GB_C_MUTED, x, y, -1);
        y += gb_px(ui, 50);
    }
    y += gb_px(ui, 10);
    gb_button(ui, "staff-roster", gb_ui_msg(ui, GB_MSG_STAFF_IMPORT_ROSTER), (SDL_Rect){x, y, w, gb_px(ui, 140)},
              GB_BTN_PRIMARY, S.nb > 0);
    gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
}

const gb_screen_ops gb_screen_staff_batches = {"staff-batches", 0, enter, input, update, draw, leave};
