/* Helpers of the staff screens (staff.h). */
#include "ui/staff.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"

static char batch[33];

static struct {
    int set;
    gb_msg msg, warning;
    char arg[64];
    int bad;
} notice;

int gb_staff_idle(gb_ui *ui)
{
    if (ui->now_ms - ui->last_input_ms < ui->cfg.idle_timeout_s * 1000.0)
        return 0;
    gb_log_info("kiosk: staff mode left after %d s without input", ui->cfg.idle_timeout_s);
    gb_staff_notice_clear();
    gb_ui_go(ui, GB_SCREEN_WELCOME);
    return 1;
}

int gb_staff_section(gb_ui *ui, int y, const char *title)
{
    gb_label(ui, title, GB_FS_LARGE, GB_C_PRIMARY, gb_px(ui, 50), y, -1);
    return y + gb_px(ui, 80);
}

int gb_staff_bottom_button(gb_ui *ui, const char *id, const char *label)
{
    SDL_Rect r = {gb_px(ui, 190), ui->h - gb_px(ui, 200), ui->w - gb_px(ui, 380), gb_px(ui, 150)};
    gb_button(ui, id, label, r, strcmp(id, "back") == 0 ? GB_BTN_SECONDARY : GB_BTN_PRIMARY, 1);
    return r.y;
}

const char *gb_staff_cam_state(gb_ui *ui, gb_cam_state state)
{
    switch (state) {
    case GB_CAM_STOPPED: return gb_ui_msg(ui, GB_MSG_CAM_STATE_STOPPED);
    case GB_CAM_STARTING: return gb_ui_msg(ui, GB_MSG_CAM_STATE_STARTING);
    case GB_CAM_LIVE: return gb_ui_msg(ui, GB_MSG_CAM_STATE_LIVE);
    case GB_CAM_RECONNECTING: return gb_ui_msg(ui, GB_MSG_CAM_STATE_RECONNECTING);
    }
    return gb_cam_state_name(state);
}

void gb_staff_set_batch(const char *batch_no)
{
    snprintf(batch, sizeof batch, "%s", batch_no ? batch_no : "");
}

const char *gb_staff_batch(void)
{
    return batch;
}

void gb_staff_notice(gb_msg msg, const char *arg, int bad, gb_msg warning)
{
    notice.set = 1;
    notice.msg = msg;
    notice.warning = warning;
    notice.bad = bad;
    snprintf(notice.arg, sizeof notice.arg, "%s", arg ? arg : "");
}

void gb_staff_notice_clear(void)
{
    memset(&notice, 0, sizeof notice);
}

int gb_staff_draw_notice(gb_ui *ui, int x, int y, int w)
{
    if (!notice.set)
        return 0;
    char t[512];
    gb_msg_format(t, sizeof t, notice.msg, ui->lang, notice.arg);
    int h = gb_label_wrap(ui, t, GB_FS_BODY, notice.bad ? GB_C_BAD : GB_C_OK, x, y, w, -1);
    if (notice.warning)
        h += gb_label_wrap(ui, gb_ui_msg(ui, notice.warning), GB_FS_BODY, GB_C_WARN, x, y + h, w, -1);
    return h;
}
