/* Staff PIN: reached by the hidden gesture (five taps on the welcome
 * screen's title bar) or F12. The PIN is checked against its argon2id hash
 * with the lockout of store/settings.c; a locked kiosk says for how many
 * minutes. The typed PIN is wiped as soon as it was checked. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "store/settings.h"
#include "ui/widgets.h"

static char pin[40];
static int result = -1; /* gb_pin_result of the last try, -1: none */
static long wait_s;

static void enter(gb_ui *ui)
{
    sodium_memzero(pin, sizeof pin);
    result = -1;
    wait_s = 0;
    snprintf(ui->focus, sizeof ui->focus, "pin");
}

static void leave(gb_ui *ui)
{
    sodium_memzero(pin, sizeof pin);
}

static void unlock(gb_ui *ui)
{
    gb_err err = {{0}};
    gb_pin_result r =
        gb_settings_pin_check(ui->st, pin, ui->cfg.pin_max_attempts, ui->cfg.pin_lockout_s, &wait_s, &err);
    sodium_memzero(pin, sizeof pin);
    result = (int)r;
    switch (r) {
    case GB_PIN_OK:
        gb_log_info("kiosk: staff mode unlocked");
        gb_ui_go(ui, GB_SCREEN_STAFF);
        break;
    case GB_PIN_WRONG: gb_log_warn("kiosk: wrong staff PIN"); break;
    case GB_PIN_LOCKED: gb_log_warn("kiosk: staff PIN locked for %ld s", wait_s); break;
    case GB_PIN_UNSET: gb_log_warn("kiosk: no staff PIN set"); break;
    case GB_PIN_ERROR: gb_log_error("kiosk: staff PIN: %s", err.msg); break;
    }
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0) {
        gb_ui_go(ui, GB_SCREEN_WELCOME);
        return;
    }
    if ((in->kind == GB_IN_TAP && strcmp(in->id, "unlock") == 0) ||
        (in->kind == GB_IN_KEY && (in->key == SDLK_RETURN || in->key == SDLK_KP_ENTER))) {
        unlock(ui);
        return;
    }
    if (in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) {
        gb_ui_go(ui, GB_SCREEN_WELCOME);
        return;
    }
    if (in->kind == GB_IN_TAP && strcmp(in->id, "pin") == 0)
        return;
    gb_field_apply(in, pin, sizeof pin, 32, "0123456789");
}

static void update(gb_ui *ui)
{
    /* nobody there: back to the students' start screen */
    if (ui->now_ms - ui->last_input_ms >= ui->cfg.idle_timeout_s * 1000.0)
        gb_ui_go(ui, GB_SCREEN_WELCOME);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_PIN_TITLE), 0) + gb_px(ui, 80);
    int x = gb_px(ui, 180), w = ui->w - gb_px(ui, 360);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_PIN_PROMPT), GB_FS_LARGE, GB_C_TEXT, ui->w / 2, y, 0);
    y += gb_px(ui, 150);
    gb_field(ui, "pin", gb_ui_msg(ui, GB_MSG_STAFF_PIN_FIELD), pin, (SDL_Rect){x, y, w, gb_px(ui, 110)}, 1);
    y += gb_px(ui, 140);
    char msg[256] = "";
    if (result == GB_PIN_WRONG)
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_WRONG));
    else if (result == GB_PIN_LOCKED)
        gb_msg_format_int(msg, sizeof msg, GB_MSG_STAFF_PIN_LOCKED, ui->lang, (int)((wait_s + 59) / 60));
    else if (result == GB_PIN_UNSET)
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_UNSET));
    else if (result == GB_PIN_ERROR)
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_ERROR));
    if (msg[0])
        gb_label_wrap(ui, msg, GB_FS_BODY, GB_C_BAD, x, y, w, 0);
    y += gb_px(ui, 130);
    gb_keypad(ui, (SDL_Rect){x, y, w, gb_px(ui, 700)}, 0);
    y += gb_px(ui, 760);
    int half = (w - gb_px(ui, 40)) / 2;
    gb_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK), (SDL_Rect){x, y, half, gb_px(ui, 160)}, GB_BTN_SECONDARY, 1);
    gb_button(ui, "unlock", gb_ui_msg(ui, GB_MSG_STAFF_UNLOCK),
              (SDL_Rect){x + half + gb_px(ui, 40), y, half, gb_px(ui, 160)}, GB_BTN_PRIMARY, pin[0] != 0);
}

const gb_screen_ops gb_screen_staff_pin = {"staff-pin", 0, enter, input, update, draw, leave};
