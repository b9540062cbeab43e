/* Staff: change a batch's collection window. Two fields ("win-start",
 * "win-end") hold "YYYY-MM-DD HH:MM", typed on the keypad (the separators
 * are put in by themselves: 202612010800 becomes 2026-12-01 08:00) or on a
 * keyboard. "window-save" checks them with the rules of `gradbooth batch
 * add` (gb_batch_window_check) and says on screen what is wrong; a good
 * window is saved and the batches screen says so. "back" leaves unsaved. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "store/batch.h"
#include "ui/staff.h"

static struct {
    gb_batch b;
    int found;
    char start[17], end[17];
    gb_msg problem;
    int has_problem;
    char problem_arg[17];
} W;

static void enter(gb_ui *ui)
{
    memset(&W, 0, sizeof W);
    gb_err err;
    int rc = gb_batch_get(ui->st, gb_staff_batch(), &W.b, &err);
    if (rc < 0)
        gb_log_error("kiosk: staff: %s", err.msg);
    W.found = rc == 0;
    if (W.found) {
        memcpy(W.start, W.b.window_start, sizeof W.start);
        memcpy(W.end, W.b.window_end, sizeof W.end);
    }
    snprintf(ui->focus, sizeof ui->focus, "win-start");
}

static char *focused(gb_ui *ui)
{
    return strcmp(ui->focus, "win-end") == 0 ? W.end : W.start;
}

/* One typed or tapped character into "YYYY-MM-DD HH:MM": a digit where a
 * separator belongs brings its separator along; a separator typed where it
 * belongs is taken; anything else is dropped. */
static void put_char(char *buf, char c)
{
    static const char shape[] = "0000-00-00 00:00";
    size_t n = strlen(buf);
    if (n >= 16)
        return;
    char want = shape[n];
    if (want == '0') {
        if (c >= '0' && c <= '9')
            buf[n++] = c;
    } else if (c == want || (want == ' ' && c == 'T')) {
        buf[n++] = want;
    } else if (c >= '0' && c <= '9') {
        buf[n++] = want;
        buf[n++] = c;
    }
    buf[n] = 0;
}

static void save(gb_ui *ui)
{
    W.has_problem = 0;
    int which;
    gb_window_check c = gb_batch_window_check(W.start, W.end, &which);
    if (c != GB_WINDOW_CHECK_OK) {
        static const gb_msg msg[][2] = {
            [GB_WINDOW_CHECK_SHAPE] = {GB_MSG_STAFF_WINDOW_START_SHAPE, GB_MSG_STAFF_WINDOW_END_SHAPE},
            [GB_WINDOW_CHECK_NOT_REAL] = {GB_MSG_STAFF_WINDOW_START_NOT_REAL, GB_MSG_STAFF_WINDOW_END_NOT_REAL},
            [GB_WINDOW_CHECK_ORDER] = {GB_MSG_STAFF_WINDOW_ORDER, GB_MSG_STAFF_WINDOW_ORDER},
        };
        W.problem = msg[c][which];
        W.has_problem = 1;
        snprintf(W.problem_arg, sizeof W.problem_arg, "%s", which ? W.end : W.start);
        snprintf(ui->focus, sizeof ui->focus, "%s", which ? "win-end" : "win-start");
        gb_log_info("kiosk: staff: window of batch %s refused (%s)", W.b.batch_no, gb_msg_name(W.problem));
        return;
    }
    gb_err err;
    if (gb_batch_set_window(ui->st, W.b.batch_no, W.start, W.end, &err) < 0) {
        gb_log_error("kiosk: staff: %s", err.msg);
        W.problem = GB_MSG_STAFF_STORE_ERROR;
        W.has_problem = 1;
        return;
    }
    gb_log_info("kiosk: staff changed the window of batch %s to %s - %s", W.b.batch_no, W.start, W.end);
    char now[17];
    gb_local_minute(time(NULL), now);
    gb_staff_notice(GB_MSG_STAFF_WINDOW_SAVED, W.b.batch_no, 0,
                    strcmp(W.end, now) <= 0 ? GB_MSG_STAFF_WINDOW_ENDED : (gb_msg)0);
    gb_ui_go(ui, GB_SCREEN_STAFF_BATCHES);
}

static void input(gb_ui *ui, const gb_input *in)
{
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)) {
        gb_ui_go(ui, GB_SCREEN_STAFF_BATCHES);
        return;
    }
    if (!W.found)
        return;
    if ((in->kind == GB_IN_TAP && strcmp(in->id, "window-save") == 0) ||
        (in->kind == GB_IN_KEY && (in->key == SDLK_RETURN || in->key == SDLK_KP_ENTER))) {
        save(ui);
        return;
    }
    if (in->kind == GB_IN_TAP && (strcmp(in->id, "win-start") == 0 || strcmp(in->id, "win-end") == 0)) {
        snprintf(ui->focus, sizeof ui->focus, "%s", in->id);
        return;
    }
    if (in->kind == GB_IN_KEY && in->key == SDLK_TAB) {
        snprintf(ui->focus, sizeof ui->focus, "%s", strcmp(ui->focus, "win-end") == 0 ? "win-start" : "win-end");
        return;
    }
    char *buf = focused(ui);
    if (in->kind == GB_IN_TAP && strcmp(in->id, "key-clear") == 0) {
        buf[0] = 0;
        return;
    }
    if ((in->kind == GB_IN_KEY && in->key == SDLK_BACKSPACE) ||
        (in->kind == GB_IN_TAP && strcmp(in->id, "key-back") == 0)) {
        size_t n = strlen(buf);
        if (n)
            buf[n - 1] = 0;
        return;
    }
    const char *text = in->kind == GB_IN_TEXT                                     ? in->text
                       : in->kind == GB_IN_TAP && strncmp(in->id, "key-", 4) == 0 ? in->id + 4
                                                                                  : NULL;
    for (; text && *text; text++)
        put_char(buf, *text);
}

static void update(gb_ui *ui)
{
    gb_staff_idle(ui);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_WINDOW_TITLE), 0) + gb_px(ui, 40);
    int x = gb_px(ui, 90), w = ui->w - gb_px(ui, 180);
    char t[512];
    if (!W.found) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_STORE_ERROR), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
        gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
        return;
    }
    snprintf(t, sizeof t, "%s  %s", W.b.batch_no, W.b.school);
    y += gb_label_wrap(ui, t, GB_FS_LARGE, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 70);
    int fh = gb_px(ui, 110);
    gb_field(ui, "win-start", gb_ui_msg(ui, GB_MSG_STAFF_WINDOW_START), W.start, (SDL_Rect){x, y, w, fh}, 0);
    y += fh + gb_px(ui, 80);
    gb_field(ui, "win-end", gb_ui_msg(ui, GB_MSG_STAFF_WINDOW_END), W.end, (SDL_Rect){x, y, w, fh}, 0);
    y += fh + gb_px(ui, 20);
    /* the problem, in the space kept for it, so the keypad never moves */
    if (W.has_problem) {
        gb_msg_format(t, sizeof t, W.problem, ui->lang, W.problem_arg);
        gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    }
    y += gb_px(ui, 130);
    /* the keypad fills what is left above the buttons at the bottom */
    int bottom = ui->h - gb_px(ui, 200);
    int kh = bottom - gb_px(ui, 60) - y;
    gb_keypad(ui, (SDL_Rect){x, y, w, kh}, 0);
    /* the keypad's X place holds "clear" here */
    int gap = gb_px(ui, 16), kw = (w - 2 * gap) / 3, krow = (kh - 3 * gap) / 4;
    gb_button(ui, "key-clear", gb_ui_msg(ui, GB_MSG_KEY_CLEAR), (SDL_Rect){x, y + 3 * (krow + gap), kw, krow},
              GB_BTN_KEY, 1);
    y = bottom;
    int half = (w - gb_px(ui, 40)) / 2;
    gb_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK), (SDL_Rect){x, y, half, gb_px(ui, 150)}, GB_BTN_SECONDARY, 1);
    gb_button(ui, "window-save", gb_ui_msg(ui, GB_MSG_STAFF_WINDOW_SAVE),
              (SDL_Rect){x + half + gb_px(ui, 40), y, half, gb_px(ui, 150)}, GB_BTN_PRIMARY, 1);
}

static void leave(gb_ui *ui)
{
    memset(&W, 0, sizeof W);
}

const gb_screen_ops gb_screen_staff_window = {"staff-window", 0, enter, input, update, draw, leave};
