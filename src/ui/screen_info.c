/* Personal data: the roster's fields read-only (only the school may
 * correct them), phone and e-mail entered and validated, then the order
 * records them and moves to info_confirmed. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/validate.h"
#include "ui/text.h"
#include "ui/widgets.h"

static void enter(gb_ui *ui)
{
    snprintf(ui->focus, sizeof ui->focus, "phone");
    ui->ses.has_notice = 0;
    ui->ses.has_phone_notice = 0;
    ui->ses.has_email_notice = 0;
}

static void confirm(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    char phone[32];
    /* both fields are checked at once, each message under its field: a
     * student fixes both in one go instead of learning of the second after
     * the first */
    s->has_notice = 0;
    s->has_phone_notice = gb_normalize_mobile(s->phone, phone, sizeof phone) < 0 || !gb_valid_mobile(phone);
    s->phone_notice = GB_MSG_INFO_BAD_PHONE;
    s->has_email_notice = !gb_valid_email(s->email);
    /* the brief asks for an e-mail: an empty one is missing, not malformed */
    s->email_notice = s->email[0] ? GB_MSG_INFO_BAD_EMAIL : GB_MSG_INFO_NEED_EMAIL;
    if (s->has_phone_notice || s->has_email_notice) {
        snprintf(ui->focus, sizeof ui->focus, "%s", s->has_phone_notice ? "phone" : "email");
        return;
    }
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

/* Wrapped text, drawn, or only measured when draw is 0. */
static int wrap(gb_ui *ui, const char *v, int fs, SDL_Color c, int x, int y, int w, int draw)
{
    if (draw)
        return gb_label_wrap(ui, v, fs, c, x, y, w, -1);
    return gb_text_wrap(ui->text, v, gb_px(ui, fs), c, x, y, w, -1, 0);
}

/* A key and its value, wrapped in the space after the key. Returns the
 * height used. */
static int kv(gb_ui *ui, int x, int y, int w, int kw, gb_msg k, const char *v, int fs, int draw)
{
    if (draw)
        gb_label(ui, gb_ui_msg(ui, k), fs, GB_C_MUTED, x, y, -1);
    return wrap(ui, v[0] ? v : "—", fs, GB_C_TEXT, x + kw, y, w - kw, draw);
}

static int max2(int a, int b) { return a > b ? a : b; }

/* The roster's fields in the white card from y, at value size fs; draws
 * only when draw is set (the first pass measures, so the card grows to its
 * content). Returns the card's height. */
static int card(gb_ui *ui, int x, int y, int w, int fs, int draw)
{
    gb_session *s = &ui->ses;
    const gb_student *st = &s->student;
    int top = y;
    y += gb_px(ui, 20);
    /* the whole name, always: smaller down to a floor, then wrapped */
    int name_fs = GB_FS_TITLE, tw;
    gb_text_size(ui->text, st->name, gb_px(ui, GB_FS_TITLE), &tw, NULL);
    if (tw > w) {
        int floor_fs = GB_FS_TITLE * ui->cfg.info_name_min_pct / 100;
        name_fs = max2(floor_fs, (int)((long)GB_FS_TITLE * w / tw));
    }
    y += wrap(ui, st->name, name_fs, GB_C_TEXT, x, y, w, draw) + gb_px(ui, 16);
    int col = (w - gb_px(ui, 20)) / 2, gap = gb_px(ui, 14);
    static const gb_msg left[] = {GB_MSG_INFO_GENDER, GB_MSG_INFO_ID, GB_MSG_INFO_SCHOOL, GB_MSG_INFO_COLLEGE,
                                  GB_MSG_INFO_MAJOR};
    static const gb_msg right[] = {GB_MSG_INFO_STUDENT_NO, GB_MSG_INFO_LEVEL};
    /* values start after the widest key of their column (English keys are longer) */
    int kl = gb_widest(ui, left, 5, fs) + gb_px(ui, 30), kr = gb_widest(ui, right, 2, fs) + gb_px(ui, 30);
    char idm[16];
    snprintf(idm, sizeof idm, "****%s", st->id_last4);
    y += max2(kv(ui, x, y, col, kl, GB_MSG_INFO_GENDER, st->gender, fs, draw),
              kv(ui, x + col, y, w - col, kr, GB_MSG_INFO_STUDENT_NO, st->student_no, fs, draw)) +
         gap;
    y += max2(kv(ui, x, y, col, kl, GB_MSG_INFO_ID, idm, fs, draw),
              kv(ui, x + col, y, w - col, kr, GB_MSG_INFO_LEVEL, st->level, fs, draw)) +
         gap;
    y += kv(ui, x, y, w, kl, GB_MSG_INFO_SCHOOL, st->school[0] ? st->school : s->batch.school, fs, draw) + gap;
    y += kv(ui, x, y, w, kl, GB_MSG_INFO_COLLEGE, st->college, fs, draw) + gap;
    y += kv(ui, x, y, w, kl, GB_MSG_INFO_MAJOR, st->major, fs, draw);
    return y + gb_px(ui, 20) - top;
}

/* Height of a field's message: one line is always kept free, so the fields
 * and the keypad do not move when a message appears. */
static int notice_h(gb_ui *ui, int has, gb_msg m, int w, int draw, int x, int y)
{
    int line = gb_text_wrap(ui->text, "国", gb_px(ui, GB_FS_BODY), GB_C_BAD, 0, 0, w, -1, 0);
    if (!has)
        return line;
    return max2(line, wrap(ui, gb_ui_msg(ui, m), GB_FS_BODY, GB_C_BAD, x, y, w, draw));
}

/* Everything below the header from y: the card, the two fields with their
 * messages, the keypad. Returns the room left for the keypad (window
 * pixels); draws only when draw is set. */
static int layout(gb_ui *ui, int y, int fs, int side_by_side, int draw)
{
    gb_session *s = &ui->ses;
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    int ch = card(ui, x, y, w, fs, 0);
    if (draw) {
        gb_fill(ui, (SDL_Rect){x - gb_px(ui, 20), y, w + gb_px(ui, 40), ch}, GB_C_PANEL);
        card(ui, x, y, w, fs, 1);
    }
    y += ch + gb_px(ui, 60); /* the field's label sits above it */
    int fh = gb_px(ui, 100), below = gb_px(ui, 8), label = gb_px(ui, 50);
    int confirm_y = ui->h - gb_px(ui, 200);
    if (side_by_side) {
        int half = (w - gb_px(ui, 30)) / 2, x2 = x + w - half;
        if (draw) {
            gb_field(ui, "phone", gb_ui_msg(ui, GB_MSG_INFO_PHONE), s->phone, (SDL_Rect){x, y, half, fh}, 0);
            gb_field(ui, "email", gb_ui_msg(ui, GB_MSG_INFO_EMAIL), s->email, (SDL_Rect){x2, y, half, fh}, 0);
        }
        y += fh + below;
        y += max2(notice_h(ui, s->has_phone_notice, s->phone_notice, half, draw, x, y),
                  notice_h(ui, s->has_email_notice || s->has_notice,
                           s->has_email_notice ? s->email_notice : s->notice, half, draw, x2, y));
    } else {
        if (draw)
            gb_field(ui, "phone", gb_ui_msg(ui, GB_MSG_INFO_PHONE), s->phone, (SDL_Rect){x, y, w, fh}, 0);
        y += fh + below;
        y += notice_h(ui, s->has_phone_notice, s->phone_notice, w, draw, x, y) + label;
        if (draw)
            gb_field(ui, "email", gb_ui_msg(ui, GB_MSG_INFO_EMAIL), s->email, (SDL_Rect){x, y, w, fh}, 0);
        y += fh + below;
        y += notice_h(ui, s->has_email_notice || s->has_notice, s->has_email_notice ? s->email_notice : s->notice,
                      w, draw, x, y);
    }
    y += gb_px(ui, 20);
    int room = confirm_y - gb_px(ui, 30) - y;
    if (draw) {
        int kh = room < gb_px(ui, 470) ? room : gb_px(ui, 470);
        if (strcmp(ui->focus, "email") == 0)
            gb_keyboard(ui, (SDL_Rect){x, y, w, kh});
        else
            gb_keypad(ui, (SDL_Rect){gb_px(ui, 220), y, ui->w - gb_px(ui, 440), kh}, 0);
    }
    return room;
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_INFO_TITLE), 1) + gb_px(ui, 30);
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_INFO_READONLY), GB_FS_SMALL, GB_C_MUTED, x, y, w, -1);
    y += gb_px(ui, 20);
    /* long roster fields (a 40-character name, a major with its track in
     * brackets) make the card tall: the card's text at the small size
     * first, then the two fields side by side, so the keypad keeps
     * [kiosk] info_keypad_min_px */
    static const struct {
        int fs, side_by_side;
    } tries[] = {{GB_FS_BODY, 0}, {GB_FS_SMALL, 0}, {GB_FS_SMALL, 1}};
    size_t i = 0;
    while (i + 1 < sizeof tries / sizeof tries[0] &&
           layout(ui, y, tries[i].fs, tries[i].side_by_side, 0) < gb_px(ui, ui->cfg.info_keypad_min_px))
        i++;
    layout(ui, y, tries[i].fs, tries[i].side_by_side, 1);
    gb_button(ui, "confirm", gb_ui_msg(ui, GB_MSG_INFO_CONFIRM),
              (SDL_Rect){gb_px(ui, 140), ui->h - gb_px(ui, 200), ui->w - gb_px(ui, 280), gb_px(ui, 150)},
              GB_BTN_PRIMARY, 1);
}

const gb_screen_ops gb_screen_info = {"info", 1, enter, input, NULL, draw, NULL};
