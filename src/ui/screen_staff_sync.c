/* Staff: the sync with the centre. The sync itself is not built yet
 * (issue: sync with the centre), so this shows what the store knows
 * (gb_stats_sync): the orders waiting for their upload (submitted or
 * resubmitted), the outbox entries not done, when the sync last left a
 * trace ("never" until it runs), and that sync is not configured. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "store/stats.h"
#include "ui/staff.h"
#include "ui/text.h"

static struct {
    gb_sync_status s;
    int store_failed;
} Y;

static void refresh(gb_ui *ui)
{
    gb_err err;
    Y.store_failed = gb_stats_sync(ui->st, &Y.s, &err) < 0;
    if (Y.store_failed)
        gb_log_error("kiosk: staff: %s", err.msg);
}

static void enter(gb_ui *ui)
{
    memset(&Y, 0, sizeof Y);
    refresh(ui);
}

static void input(gb_ui *ui, const gb_input *in)
{
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0))
        gb_ui_go(ui, GB_SCREEN_STAFF);
}

static void update(gb_ui *ui)
{
    if (!gb_staff_idle(ui) && ui->frame_no % 60 == 0)
        refresh(ui);
}

/* The store's UTC text (2026-12-03T16:25:57Z) as local "YYYY-MM-DD HH:MM";
 * text that does not parse is shown as it is. */
static void local_time(const char *utc, char *out, size_t size)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *end = strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end) {
        snprintf(out, size, "%s", utc);
        return;
    }
    char m[17];
    gb_local_minute(timegm(&tm), m);
    snprintf(out, size, "%s", m);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_MENU_SYNC), 0) + gb_px(ui, 50);
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    char t[700];
    if (Y.store_failed) {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_STORE_ERROR), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
        y += gb_px(ui, 20);
    }
    long waiting = Y.s.submitted + Y.s.resubmitted;
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_SYNC_WAITING, ui->lang, waiting);
    y += gb_label_wrap(ui, t, GB_FS_LARGE, waiting ? GB_C_WARN : GB_C_TEXT, x, y, w, -1) + gb_px(ui, 10);
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_SYNC_WAITING_DETAIL, ui->lang, Y.s.submitted, Y.s.resubmitted);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_MUTED, x, y, w, -1) + gb_px(ui, 40);
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_SYNC_OUTBOX, ui->lang, Y.s.outbox_pending);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 20);
    char when[64];
    if (Y.s.last_sync[0])
        local_time(Y.s.last_sync, when, sizeof when);
    else
        snprintf(when, sizeof when, "%s", gb_ui_msg(ui, GB_MSG_STAFF_SYNC_NEVER));
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_SYNC_LAST, ui->lang, when);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 60);

    SDL_Rect box = {x - gb_px(ui, 10), y, w + gb_px(ui, 20), 0};
    int bx = x + gb_px(ui, 20), bw = w - gb_px(ui, 40), by = y + gb_px(ui, 24);
    int h = gb_text_wrap(ui->text, gb_ui_msg(ui, GB_MSG_STAFF_SYNC_NOT_CONFIGURED), gb_px(ui, GB_FS_BODY), GB_C_TEXT,
                         bx, by, bw, -1, 0);
    if (ui->cfg.server_url[0]) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_SYNC_SERVER, ui->lang, ui->cfg.server_url);
        h += gb_px(ui, 10) + gb_text_wrap(ui->text, t, gb_px(ui, GB_FS_SMALL), GB_C_MUTED, bx, by, bw, -1, 0);
    }
    box.h = h + gb_px(ui, 48);
    gb_fill(ui, box, GB_C_PANEL);
    gb_frame(ui, box, GB_C_WARN, gb_px(ui, 4));
    by += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_SYNC_NOT_CONFIGURED), GB_FS_BODY, GB_C_TEXT, bx, by, bw, -1);
    if (ui->cfg.server_url[0])
        gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_MUTED, bx, by + gb_px(ui, 10), bw, -1);

    gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
}

const gb_screen_ops gb_screen_staff_sync = {"staff-sync", 0, enter, input, update, draw, NULL};
