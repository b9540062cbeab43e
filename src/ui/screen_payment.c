/* Payment. Until the WeChat Pay client lands (payment issue), the kiosk
 * offers the offline path of the brief: a QR code with a signed link to the
 * centre's pay page for this order, and the order kept awaiting payment;
 * the result arrives with the next sync. The link is signed with the
 * kiosk's key (HMAC-SHA512/256, libsodium crypto_auth) so the centre can
 * tell it was made by this kiosk for this order and amount.
 *
 * The screen counts down [payment] pay_timeout_s. When it runs out the
 * order stays awaiting payment (it was saved so on entering) and the kiosk
 * shows the done screen, which says so and how to pay later. The countdown
 * is this screen's own time limit: the idle timeout, meant for a student
 * who walked away, would cut short one who is paying on the phone. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/money.h"
#include "store/settings.h"
#include "ui/widgets.h"

static char link[768]; /* order number and amount: not personal */

static void make_link(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    link[0] = 0;
    if (!ui->cfg.pay_url[0])
        return;
    unsigned char key[crypto_auth_KEYBYTES];
    gb_err err;
    if (gb_settings_kiosk_key(ui->st, key, &err) < 0) {
        gb_log_error("kiosk: signing key: %s", err.msg);
        return;
    }
    char msg[256];
    snprintf(msg, sizeof msg, "order=%s&amount=%ld&kiosk=%s", s->order.order_no, s->order.price_fen,
             ui->cfg.kiosk_id);
    unsigned char mac[crypto_auth_BYTES];
    crypto_auth(mac, (const unsigned char *)msg, strlen(msg), key);
    sodium_memzero(key, sizeof key);
    char hex[2 * crypto_auth_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    snprintf(link, sizeof link, "%s%s%s&sig=%s", ui->cfg.pay_url, strchr(ui->cfg.pay_url, '?') ? "&" : "?", msg,
             hex);
}

static void enter(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    gb_err err;
    if (s->order.state == GB_OS_PHOTO_ACCEPTED) {
        if (gb_order_move(ui->st, s->order.order_no, GB_OS_AWAITING_PAYMENT, GB_ACTOR_KIOSK, "pay-later link", &err) < 0)
            gb_log_error("kiosk: order %s: %s", s->order.order_no, err.msg);
        else
            s->order.state = GB_OS_AWAITING_PAYMENT;
    }
    make_link(ui);
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (in->kind == GB_IN_TAP && strcmp(in->id, "pay-done") == 0)
        gb_ui_go(ui, GB_SCREEN_DONE);
}

/* Milliseconds left to pay. */
static double time_left(const gb_ui *ui)
{
    return ui->cfg.pay_timeout_s * 1000.0 - gb_ui_screen_ms(ui);
}

static void update(gb_ui *ui)
{
    ui->last_input_ms = ui->now_ms;
    if (time_left(ui) <= 0) {
        gb_log_info("kiosk: order %s: no payment within %d s, kept %s", ui->ses.order.order_no,
                    ui->cfg.pay_timeout_s, gb_order_state_name(ui->ses.order.state));
        gb_ui_go(ui, GB_SCREEN_DONE);
    }
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_PAY_TITLE), 0) + gb_px(ui, 80);
    int x = gb_px(ui, 80), w = ui->w - gb_px(ui, 160);
    char money[32], amount[64];
    gb_money_format(s->order.price_fen, money, sizeof money);
    snprintf(amount, sizeof amount, "%s %s", money, gb_ui_msg(ui, GB_MSG_YUAN));
    gb_label(ui, gb_ui_msg(ui, GB_MSG_PAY_AMOUNT), GB_FS_LARGE, GB_C_MUTED, ui->w / 2, y, 0);
    y += gb_px(ui, 90);
    gb_label(ui, amount, 110, GB_C_TEXT, ui->w / 2, y, 0);
    y += gb_px(ui, 160);
    /* the countdown: whole seconds, rounded up so 0:00 is the end */
    int left = (int)((time_left(ui) + 999) / 1000);
    if (left < 0)
        left = 0;
    char count[64];
    gb_msg_format(count, sizeof count, GB_MSG_PAY_COUNTDOWN_LINE, ui->lang, left / 60, left % 60);
    gb_label(ui, count, GB_FS_LARGE, left <= 30 ? GB_C_BAD : GB_C_MUTED, ui->w / 2, y, 0);
    y += gb_px(ui, 100);
    if (link[0]) {
        int q = gb_px(ui, 600);
        gb_qr(ui, link, (ui->w - q) / 2, y, q);
        y += q + gb_px(ui, 50);
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_PAY_LATER_HINT), GB_FS_BODY, GB_C_TEXT, x, y, w, 0);
    } else {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_PAY_NO_URL), GB_FS_LARGE, GB_C_TEXT, x, y, w, 0);
    }
    /* without a QR code there is nothing to have scanned */
    gb_button(ui, "pay-done", gb_ui_msg(ui, link[0] ? GB_MSG_PAY_DONE : GB_MSG_PAY_DONE_NO_QR),
              (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 260), ui->w - gb_px(ui, 380), gb_px(ui, 170)},
              GB_BTN_PRIMARY, 1);
}

const gb_screen_ops gb_screen_payment = {"payment", 1, enter, input, update, draw, NULL};
