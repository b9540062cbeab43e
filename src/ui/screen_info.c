/* Personal data: the roster's fields read-only (only the school may
 * correct them), phone and e-mail entered and validated, then the order
 * records them and moves to info_confirmed. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/validate.h"
#include "ui/widgets.h"

static void enter(gb_ui *ui)
{
    snprintf(ui->focus, sizeof ui->focus, "phone");
    ui->ses.has_notice = 0;
}

static void confirm(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    char phone[32];
    s->has_notice = 1;
    if (gb_normalize_mobile(s->phone, phone, sizeof phone) < 0 || !gb_valid_mobile(phone)) {
        s->notice = GB_MSG_INFO_BAD_PHONE;
        snprintf(ui->focus, sizeof ui->focus, "phone");
        return;
    }
    if (!gb_valid_email(s->email)) {
        /* the brief asks for an e-mail: an empty one is missing, not malformed */
        s->notice = s->email[0] ? GB_MSG_INFO_BAD_EMAIL : GB_MSG_INFO_NEED_EMAIL;
        snprintf(ui->focus, sizeof ui->focus, "email");
        return;
    }
    s->has_notice = 0;
    gb_err err;
    if (gb_order_confirm_info(ui->st, s->order.order_no, phone, s->email, &err) < 0) {
        gb_log_error("kiosk: order %s: %s", s->order.order_no, err.msg);
        s->has_notice = 1;
        s->notice = GB_MSG_FAIL_STORE;
        return;
    }
    snprintf(s->phone, sizeof s->phone, "%s", phone);
    s->order.state = GB_OS_INFO_CONFIRMED;
    gb_ui_go(ui, GB_SCREEN_PHOTO);
}

static void input(gb_ui *ui, const gb_input *in)
{
    gb_session *s = &ui->ses;
    if (in->kind == GB_IN_TAP && strcmp(in->id, "confirm") == 0) {
        confirm(ui);
        return;
    }
    if (in->kind == GB_IN_TAP && (strcmp(in->id, "phone") == 0 || strcmp(in->id, "email") == 0)) {
        snprintf(ui->focus, sizeof ui->focus, "%s", in->id);
        return;
    }
    if (in->kind == GB_IN_KEY && (in->key == SDLK_RETURN || in->key == SDLK_TAB)) {
        if (strcmp(ui->focus, "phone") == 0)
            snprintf(ui->focus, sizeof ui->focus, "email");
        else if (in->key == SDLK_RETURN)
            confirm(ui);
        return;
    }
    if (strcmp(ui->focus, "phone") == 0)
        gb_field_apply(in, s->phone, sizeof s->phone, 20, "0123456789+- ");
    else
        gb_field_apply(in, s->email, sizeof s->email, 100, "");
}

static int kv(gb_ui *ui, int x, int y, int w, int kw, gb_msg k, const char *v)
{
    gb_label(ui, gb_ui_msg(ui, k), GB_FS_BODY, GB_C_MUTED, x, y, -1);
    return gb_label_wrap(ui, v[0] ? v : "—", GB_FS_BODY, GB_C_TEXT, x + kw, y, w - kw, -1);
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    const gb_student *st = &s->student;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_INFO_TITLE), 1) + gb_px(ui, 30);
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_INFO_READONLY), GB_FS_SMALL, GB_C_MUTED, x, y, w, -1);
    y += gb_px(ui, 20);
    SDL_Rect panel = {x - gb_px(ui, 20), y, w + gb_px(ui, 40), gb_px(ui, 540)};
    gb_fill(ui, panel, GB_C_PANEL);
    y += gb_px(ui, 20);
    int col = (w - gb_px(ui, 20)) / 2;
    char idm[16];
    snprintf(idm, sizeof idm, "****%s", st->id_last4);
    gb_label(ui, st->name, GB_FS_TITLE, GB_C_TEXT, x, y, -1);
    y += gb_px(ui, 100);
    static const gb_msg left[] = {GB_MSG_INFO_GENDER, GB_MSG_INFO_ID, GB_MSG_INFO_SCHOOL, GB_MSG_INFO_COLLEGE,
                                  GB_MSG_INFO_MAJOR};
    static const gb_msg right[] = {GB_MSG_INFO_STUDENT_NO, GB_MSG_INFO_LEVEL};
    /* values start after the widest key of their column (English keys are longer) */
    int kl = gb_widest(ui, left, 5, GB_FS_BODY) + gb_px(ui, 30), kr = gb_widest(ui, right, 2, GB_FS_BODY) + gb_px(ui, 30);
    kv(ui, x, y, col, kl, GB_MSG_INFO_GENDER, st->gender);
    kv(ui, x + col, y, col, kr, GB_MSG_INFO_STUDENT_NO, st->student_no);
    y += gb_px(ui, 70);
    kv(ui, x, y, col, kl, GB_MSG_INFO_ID, idm);
    kv(ui, x + col, y, col, kr, GB_MSG_INFO_LEVEL, st->level);
    y += gb_px(ui, 70);
    y += kv(ui, x, y, w, kl, GB_MSG_INFO_SCHOOL, st->school[0] ? st->school : s->batch.school) + gb_px(ui, 10);
    y += kv(ui, x, y, w, kl, GB_MSG_INFO_COLLEGE, st->college) + gb_px(ui, 10);
    kv(ui, x, y, w, kl, GB_MSG_INFO_MAJOR, st->major);
    y = panel.y + panel.h + gb_px(ui, 80);
    int fh = gb_px(ui, 100);
    gb_field(ui, "phone", gb_ui_msg(ui, GB_MSG_INFO_PHONE), s->phone, (SDL_Rect){x, y, w, fh}, 0);
    y += fh + gb_px(ui, 70);
    gb_field(ui, "email", gb_ui_msg(ui, GB_MSG_INFO_EMAIL), s->email, (SDL_Rect){x, y, w, fh}, 0);
    y += fh + gb_px(ui, 20);
    if (s->has_notice)
        gb_label_wrap(ui, gb_ui_msg(ui, s->notice), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    y += gb_px(ui, 70);
    if (strcmp(ui->focus, "email") == 0)
        gb_keyboard(ui, (SDL_Rect){x, y, w, gb_px(ui, 470)});
    else
        gb_keypad(ui, (SDL_Rect){gb_px(ui, 220), y, ui->w - gb_px(ui, 440), gb_px(ui, 470)}, 0);
    gb_button(ui, "confirm", gb_ui_msg(ui, GB_MSG_INFO_CONFIRM),
              (SDL_Rect){gb_px(ui, 140), ui->h - gb_px(ui, 200), ui->w - gb_px(ui, 280), gb_px(ui, 150)},
              GB_BTN_PRIMARY, 1);
}

const gb_screen_ops gb_screen_info = {"info", 1, enter, input, NULL, draw, NULL};
