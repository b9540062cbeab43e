/* Staff home: the batches (activate / deactivate), the camera's state,
 * today's orders by state and the top reasons photos failed today. No
 * student data on this screen. Leaves by "staff-exit" (or by itself after
 * the idle timeout) to the welcome screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "store/stats.h"
#include "ui/photo_worker.h"
#include "ui/widgets.h"
#include "vision/rules.h"

#define MAX_BATCHES 6
#define TOP 5

static struct {
    gb_batch batches[MAX_BATCHES];
    int nb;
    long counts[GB_OS_COUNT];
    gb_rule_count top[TOP];
    int ntop;
    long checks, fails;
    int store_failed;
} S;

static void refresh(gb_ui *ui)
{
    gb_err err;
    gb_batch *list = NULL;
    size_t n = 0;
    S.store_failed = 0;
    S.nb = 0;
    if (gb_batch_list(ui->st, &list, &n, &err) == 0) {
        for (size_t i = 0; i < n && S.nb < MAX_BATCHES; i++)
            S.batches[S.nb++] = list[i];
        free(list);
    } else {
        S.store_failed = 1;
        gb_log_error("kiosk: staff: %s", err.msg);
    }
    char since[21];
    gb_stats_local_day_start(time(NULL), since);
    if (gb_stats_orders_since(ui->st, since, S.counts, &err) < 0) {
        S.store_failed = 1;
        gb_log_error("kiosk: staff: %s", err.msg);
    }
    S.ntop = gb_stats_top_failures(ui->st, since, S.top, TOP, &S.checks, &S.fails, &err);
    if (S.ntop < 0) {
        S.ntop = 0;
        S.store_failed = 1;
        gb_log_error("kiosk: staff: %s", err.msg);
    }
}

static void enter(gb_ui *ui)
{
    memset(&S, 0, sizeof S);
    refresh(ui);
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) {
        gb_ui_go(ui, GB_SCREEN_WELCOME);
        return;
    }
    if (in->kind != GB_IN_TAP)
        return;
    if (strcmp(in->id, "staff-exit") == 0) {
        gb_log_info("kiosk: staff mode left");
        gb_ui_go(ui, GB_SCREEN_WELCOME);
        return;
    }
    int i;
    if (sscanf(in->id, "batch-%d", &i) == 1 && i >= 0 && i < S.nb) {
        gb_err err;
        int to = !S.batches[i].active;
        if (gb_batch_set_active(ui->st, S.batches[i].batch_no, to, &err) < 0)
            gb_log_error("kiosk: staff: %s", err.msg);
        else
            gb_log_info("kiosk: staff %s batch %s", to ? "activated" : "deactivated", S.batches[i].batch_no);
        refresh(ui);
    }
}

static void update(gb_ui *ui)
{
    if (ui->now_ms - ui->last_input_ms >= ui->cfg.idle_timeout_s * 1000.0)
        gb_ui_go(ui, GB_SCREEN_WELCOME);
    else if (ui->frame_no % 60 == 0)
        refresh(ui); /* counts move while staff watch */
}

static const char *rule_text(gb_ui *ui, const char *id)
{
    size_t n;
    const gb_rule *r = gb_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].id, id) == 0)
            return ui->lang == GB_LANG_EN ? r[i].msg_en : r[i].msg_zh;
    return id;
}

static int section(gb_ui *ui, int y, gb_msg title)
{
    gb_label(ui, gb_ui_msg(ui, title), GB_FS_LARGE, GB_C_PRIMARY, gb_px(ui, 50), y, -1);
    return y + gb_px(ui, 80);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_TITLE), 0) + gb_px(ui, 30);
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    char t[512];
    if (S.store_failed) {
        gb_label(ui, gb_ui_msg(ui, GB_MSG_FAIL_STORE), GB_FS_BODY, GB_C_BAD, x, y, -1);
        y += gb_px(ui, 60);
    }

    y = section(ui, y, GB_MSG_STAFF_BATCHES);
    if (!S.nb) {
        gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_NO_BATCHES), GB_FS_BODY, GB_C_MUTED, x, y, -1);
        y += gb_px(ui, 70);
    }
    for (int i = 0; i < S.nb; i++) {
        const gb_batch *b = &S.batches[i];
        snprintf(t, sizeof t, "%s  %s", b->batch_no, b->school);
        gb_label(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, -1);
        snprintf(t, sizeof t, "%s – %s · %ld", b->window_start, b->window_end, b->students);
        gb_label(ui, t, GB_FS_SMALL, GB_C_MUTED, x, y + gb_px(ui, 50), -1);
        gb_label(ui, gb_ui_msg(ui, b->active ? GB_MSG_STAFF_ACTIVE : GB_MSG_STAFF_INACTIVE), GB_FS_BODY,
                 b->active ? GB_C_OK : GB_C_MUTED, x + gb_px(ui, 560), y + gb_px(ui, 20), -1);
        char id[32];
        snprintf(id, sizeof id, "batch-%d", i);
        gb_button(ui, id, gb_ui_msg(ui, b->active ? GB_MSG_STAFF_DEACTIVATE : GB_MSG_STAFF_ACTIVATE),
                  (SDL_Rect){x + w - gb_px(ui, 240), y, gb_px(ui, 240), gb_px(ui, 95)}, GB_BTN_SECONDARY, 1);
        y += gb_px(ui, 120);
    }
    y += gb_px(ui, 20);

    y = section(ui, y, GB_MSG_STAFF_CAMERA);
    gb_cam_info info;
    gb_cam_stats cs;
    int open = 0;
    memset(&info, 0, sizeof info);
    memset(&cs, 0, sizeof cs);
    gb_pw_camera_info(ui->pw, &info, &cs, &open);
    if (!open) {
        char msg[256];
        gb_pw_status(ui->pw, msg, sizeof msg);
        snprintf(t, sizeof t, "%s%s%s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_NONE), msg[0] ? ": " : "", msg);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1) + gb_px(ui, 10);
    } else {
        snprintf(t, sizeof t, "%s · %s", info.backend, info.model[0] ? info.model : info.port);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 10);
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_LINE, ui->lang, gb_cam_state_name(cs.state), cs.fps,
                      (unsigned long long)cs.errors, (unsigned long long)cs.reopens);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 10);
        if (cs.last_error[0]) {
            snprintf(t, sizeof t, "%s: %s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_LAST_ERROR), cs.last_error);
            y += gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_BAD, x, y, w, -1) + gb_px(ui, 10);
        }
    }
    y += gb_px(ui, 30);

    y = section(ui, y, GB_MSG_STAFF_TODAY);
    int any = 0, col = 0;
    static const gb_msg names[GB_OS_COUNT] = {
        [GB_OS_VERIFIED] = GB_MSG_STATE_VERIFIED,
        [GB_OS_INFO_CONFIRMED] = GB_MSG_STATE_INFO_CONFIRMED,
        [GB_OS_PHOTO_ACCEPTED] = GB_MSG_STATE_PHOTO_ACCEPTED,
        [GB_OS_AWAITING_PAYMENT] = GB_MSG_STATE_AWAITING_PAYMENT,
        [GB_OS_PAID] = GB_MSG_STATE_PAID,
        [GB_OS_SUBMITTED] = GB_MSG_STATE_SUBMITTED,
        [GB_OS_SYNCED] = GB_MSG_STATE_SYNCED,
        [GB_OS_APPROVED] = GB_MSG_STATE_APPROVED,
        [GB_OS_REJECTED] = GB_MSG_STATE_REJECTED,
        [GB_OS_RETAKEN] = GB_MSG_STATE_RETAKEN,
        [GB_OS_RESUBMITTED] = GB_MSG_STATE_RESUBMITTED,
        [GB_OS_CANCELLED] = GB_MSG_STATE_CANCELLED,
    };
    for (int s = 0; s < GB_OS_COUNT; s++) {
        if (!S.counts[s])
            continue;
        any = 1;
        snprintf(t, sizeof t, "%s  %ld", gb_ui_msg(ui, names[s]), S.counts[s]);
        gb_label(ui, t, GB_FS_BODY, GB_C_TEXT, x + col * (w / 2), y, -1);
        if (++col == 2) {
            col = 0;
            y += gb_px(ui, 60);
        }
    }
    if (col)
        y += gb_px(ui, 60);
    if (!any) {
        gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_TODAY_NONE), GB_FS_BODY, GB_C_MUTED, x, y, -1);
        y += gb_px(ui, 60);
    }
    y += gb_px(ui, 30);

    y = section(ui, y, GB_MSG_STAFF_FAILURES);
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_CHECKS_LINE, ui->lang, S.checks, S.fails);
    gb_label(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, -1);
    y += gb_px(ui, 65);
    for (int i = 0; i < S.ntop && y < ui->h - gb_px(ui, 330); i++) {
        snprintf(t, sizeof t, "%ld × %s", S.top[i].count, rule_text(ui, S.top[i].rule));
        y += gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 8);
    }

    gb_button(ui, "staff-exit", gb_ui_msg(ui, GB_MSG_STAFF_EXIT),
              (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 220), ui->w - gb_px(ui, 380), gb_px(ui, 160)},
              GB_BTN_PRIMARY, 1);
}

const gb_screen_ops gb_screen_staff = {"staff", 0, enter, input, update, draw, NULL};
