/* Staff home: the menu of the staff screens (batches and rosters, camera
 * test, sync status, exit and shut down) over an overview: how many
 * batches are active, the camera's state in one line, today's orders by
 * state and the top reasons photos failed today. No student data on this
 * screen. "staff-exit" (or the idle timeout) goes back to the welcome
 * screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "store/stats.h"
#include "ui/photo_worker.h"
#include "ui/staff.h"
#include "ui/text.h"
#include "vision/rules.h"

#define TOP 5

static struct {
    int nbatches, nactive;
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
    S.nbatches = S.nactive = 0;
    if (gb_batch_list(ui->st, &list, &n, &err) == 0) {
        S.nbatches = (int)n;
        for (size_t i = 0; i < n; i++)
            S.nactive += list[i].active;
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
    gb_staff_notice_clear();
    gb_staff_set_batch(NULL);
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
    static const struct {
        const char *id;
        gb_screen_id to;
    } menu[] = {{"staff-batches", GB_SCREEN_STAFF_BATCHES},
                {"staff-camera", GB_SCREEN_STAFF_CAMERA},
                {"staff-sync", GB_SCREEN_STAFF_SYNC},
                {"staff-power", GB_SCREEN_STAFF_POWER}};
    for (size_t i = 0; i < sizeof menu / sizeof menu[0]; i++)
        if (strcmp(in->id, menu[i].id) == 0) {
            gb_ui_go(ui, menu[i].to);
            return;
        }
    if (strcmp(in->id, "staff-exit") == 0) {
        gb_log_info("kiosk: staff mode left");
        gb_ui_go(ui, GB_SCREEN_WELCOME);
    }
}

static void update(gb_ui *ui)
{
    if (!gb_staff_idle(ui) && ui->frame_no % 60 == 0)
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

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_TITLE), 0) + gb_px(ui, 40);
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    char t[512];

    /* the menu: two by two, large enough for a thumb */
    static const struct {
        const char *id;
        gb_msg label;
    } menu[] = {{"staff-batches", GB_MSG_STAFF_MENU_BATCHES},
                {"staff-camera", GB_MSG_STAFF_MENU_CAMERA},
                {"staff-sync", GB_MSG_STAFF_MENU_SYNC},
                {"staff-power", GB_MSG_STAFF_MENU_POWER}};
    int gap = gb_px(ui, 30), bw = (w - gap) / 2, bh = gb_px(ui, 150);
    for (int i = 0; i < 4; i++)
        gb_button(ui, menu[i].id, gb_ui_msg(ui, menu[i].label),
                  (SDL_Rect){x + (i % 2) * (bw + gap), y + (i / 2) * (bh + gap), bw, bh}, GB_BTN_SECONDARY, 1);
    y += 2 * bh + gap + gb_px(ui, 50);

    if (S.store_failed) {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_STORE_ERROR), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
        y += gb_px(ui, 10);
    }
    /* the overview */
    y = gb_staff_section(ui, y, gb_ui_msg(ui, GB_MSG_STAFF_BATCHES));
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_BATCH_SUMMARY, ui->lang, S.nbatches, S.nactive);
    gb_label(ui, t, GB_FS_BODY, S.nactive ? GB_C_TEXT : GB_C_BAD, x, y, -1);
    y += gb_px(ui, 80);

    y = gb_staff_section(ui, y, gb_ui_msg(ui, GB_MSG_STAFF_CAMERA));
    gb_cam_info info;
    gb_cam_stats cs;
    int open = 0;
    gb_pw_camera_info(ui->pw, &info, &cs, &open);
    if (!open) {
        char msg[256];
        gb_pw_status(ui->pw, msg, sizeof msg);
        snprintf(t, sizeof t, "%s%s%s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_NONE), msg[0] ? ": " : "", msg);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    } else {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_LINE, ui->lang, gb_staff_cam_state(ui, cs.state), cs.fps,
                      (unsigned long long)cs.errors, (unsigned long long)cs.reopens);
        y += gb_label_wrap(ui, t, GB_FS_BODY, cs.state == GB_CAM_LIVE ? GB_C_TEXT : GB_C_BAD, x, y, w, -1);
    }
    y += gb_px(ui, 30);

    y = gb_staff_section(ui, y, gb_ui_msg(ui, GB_MSG_STAFF_TODAY));
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

    y = gb_staff_section(ui, y, gb_ui_msg(ui, GB_MSG_STAFF_FAILURES));
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_CHECKS_LINE, ui->lang, S.checks, S.fails);
    gb_label(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, -1);
    y += gb_px(ui, 65);
    int bottom = ui->h - gb_px(ui, 230);
    for (int i = 0; i < S.ntop; i++) {
        snprintf(t, sizeof t, "%ld × %s", S.top[i].count, rule_text(ui, S.top[i].rule));
        /* measured first: a reason that would run into the button is left out */
        int h = gb_text_wrap(ui->text, t, gb_px(ui, GB_FS_SMALL), GB_C_TEXT, x, y, w, -1, 0);
        if (y + h > bottom)
            break;
        y += gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 8);
    }

    gb_staff_bottom_button(ui, "staff-exit", gb_ui_msg(ui, GB_MSG_STAFF_EXIT));
}

const gb_screen_ops gb_screen_staff = {"staff", 0, enter, input, update, draw, NULL};
