/* Done: order number, status, expected review time (for an order awaiting
 * payment: that the review starts after payment), a QR code to look the
 * order up; back to the welcome screen after [kiosk] done_return_s. An
 * order still awaiting payment (pay-later, or the payment screen's time ran
 * out) says it is saved and how to pay later. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/widgets.h"

static void input(gb_ui *ui, const gb_input *in)
{
    (void)ui;
    (void)in; /* "home" is handled for every screen */
}

static void update(gb_ui *ui)
{
    if (gb_ui_screen_ms(ui) >= ui->cfg.done_return_s * 1000.0)
        gb_ui_go(ui, GB_SCREEN_WELCOME);
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_DONE_TITLE), 1) + gb_px(ui, 60);
    gb_label(ui, "\xe2\x9c\x93", 150, GB_C_OK, ui->w / 2, y, 0);
    y += gb_px(ui, 260);
    int x = gb_px(ui, 110);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_DONE_ORDER), GB_FS_BODY, GB_C_MUTED, x, y, -1);
    gb_label(ui, s->order.order_no, GB_FS_TITLE, GB_C_TEXT, x, y + gb_px(ui, 50), -1);
    y += gb_px(ui, 170);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_DONE_STATUS), GB_FS_BODY, GB_C_MUTED, x, y, -1);
    gb_state_look look = gb_ui_state_look(s->order.state);
    char status[128];
    snprintf(status, sizeof status, "%s %s", look.mark, gb_ui_msg(ui, look.msg));
    gb_label(ui, status, GB_FS_TITLE, gb_tone_colour(look.tone), x, y + gb_px(ui, 50), -1);
    y += gb_px(ui, 150);
    if (s->order.state == GB_OS_AWAITING_PAYMENT)
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_DONE_PAY_LATER), GB_FS_SMALL, GB_C_MUTED, x, y,
                           ui->w - 2 * x, -1);
    y += gb_px(ui, 20);
    if (s->order.state == GB_OS_AWAITING_PAYMENT) {
        /* the review has not started: no date to promise, only when it starts */
        char after[256];
        gb_msg_format_int(after, sizeof after, GB_MSG_DONE_REVIEW_AFTER_PAY, ui->lang, ui->cfg.review_hours);
        y += gb_label_wrap(ui, after, GB_FS_BODY, GB_C_TEXT, x, y, ui->w - 2 * x, -1);
        y += gb_px(ui, 60);
    } else {
        char when[32];
        time_t t = time(NULL) + (time_t)ui->cfg.review_hours * 3600;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        gb_label(ui, gb_ui_msg(ui, GB_MSG_DONE_REVIEW), GB_FS_BODY, GB_C_MUTED, x, y, -1);
        gb_label(ui, when, GB_FS_TITLE, GB_C_TEXT, x, y + gb_px(ui, 50), -1);
        y += gb_px(ui, 200);
    }
    char url[512];
    snprintf(url, sizeof url, "%s%s", ui->cfg.lookup_url, s->order.order_no);
    /* the QR code takes what is left above the return line, up to 420 */
    int q = ui->h - gb_px(ui, 330) - gb_px(ui, 80) - y;
    if (q > gb_px(ui, 420))
        q = gb_px(ui, 420);
    gb_qr(ui, url, (ui->w - q) / 2, y, q);
    y += q + gb_px(ui, 20);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_DONE_LOOKUP), GB_FS_BODY, GB_C_MUTED, ui->w / 2, y, 0);
    int left = ui->cfg.done_return_s - (int)(gb_ui_screen_ms(ui) / 1000.0);
    char t2[128];
    gb_msg_format_int(t2, sizeof t2, GB_MSG_DONE_RETURN, ui->lang, left > 0 ? left : 0);
    gb_label(ui, t2, GB_FS_BODY, GB_C_MUTED, ui->w / 2, ui->h - gb_px(ui, 330), 0);
    gb_button(ui, "home", gb_ui_msg(ui, GB_MSG_HOME),
              (SDL_Rect){gb_px(ui, 240), ui->h - gb_px(ui, 240), ui->w - gb_px(ui, 480), gb_px(ui, 160)},
              GB_BTN_SECONDARY, 1);
}

const gb_screen_ops gb_screen_done = {"done", 1, NULL, input, update, draw, NULL};
