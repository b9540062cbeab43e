/* Welcome: the active batch (school, number, price, window), the start
 * button and the help page. A code scanned here starts the flow with it.
 * The title bar is also the hidden way into staff mode (app.c): five taps,
 * or a long press. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "ui/text.h"
#include "ui/widgets.h"

static gb_batch batch; /* not personal: what the kiosk serves */
static int have_batch;

static void enter(gb_ui *ui)
{
    have_batch = gb_ui_active_batch(ui, &batch) == 0;
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (in->kind == GB_IN_TAP && strcmp(in->id, "start") == 0)
        gb_ui_go(ui, GB_SCREEN_IDENTITY);
    else if (in->kind == GB_IN_TAP && strcmp(in->id, "help") == 0)
        gb_ui_go(ui, GB_SCREEN_HELP);
    else if (in->kind == GB_IN_TAP && strcmp(in->id, "lookup") == 0)
        gb_ui_go(ui, GB_SCREEN_LOOKUP);
    else if (in->kind == GB_IN_SCAN && have_batch) {
        /* a student with orders sees them first (come back); one without
         * goes straight on to the identity check (screen_lookup.c) */
        snprintf(ui->ses.code, sizeof ui->ses.code, "%s", in->text);
        ui->ses.code_scanned = 1;
        ui->ses.lookup_auto = 1;
        gb_ui_go(ui, GB_SCREEN_LOOKUP);
    }
}

static void update(gb_ui *ui)
{
    /* a batch activated by staff (or its window opening) shows up by itself */
    if (!have_batch && (ui->frame_no % 150) == 0)
        enter(ui);
}

/* Where the values start: after the widest key (English keys are longer). */
static int value_x(gb_ui *ui)
{
    static const gb_msg keys[] = {GB_MSG_WELCOME_BATCH, GB_MSG_WELCOME_PRICE, GB_MSG_WELCOME_WINDOW};
    int x = gb_px(ui, 110) + gb_widest(ui, keys, 3, GB_FS_BODY) + gb_px(ui, 40);
    return x > gb_px(ui, 400) ? x : gb_px(ui, 400);
}

static void row(gb_ui *ui, int y, const char *k, const char *v)
{
    gb_label(ui, k, GB_FS_BODY, GB_C_MUTED, gb_px(ui, 110), y, -1);
    gb_label(ui, v, GB_FS_LARGE, GB_C_TEXT, value_x(ui), y - gb_px(ui, 6), -1);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_APP_TITLE), 0) + gb_px(ui, 120);
    if (!have_batch) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_WELCOME_NO_BATCH), GB_FS_LARGE, GB_C_TEXT, gb_px(ui, 90), y,
                      ui->w - gb_px(ui, 180), 0);
        /* no new orders, but a student whose order was rejected (or is
         * waiting for payment) can still look it up */
        gb_button(ui, "lookup", gb_ui_msg(ui, GB_MSG_WELCOME_LOOKUP),
                  (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 420), ui->w - gb_px(ui, 380), gb_px(ui, 140)},
                  GB_BTN_SECONDARY, 1);
        return;
    }
    gb_label_wrap(ui, batch.school, GB_FS_HUGE, GB_C_TEXT, gb_px(ui, 60), y, ui->w - gb_px(ui, 120), 0);
    y += gb_px(ui, 220);
    SDL_Rect panel = {gb_px(ui, 70), y, ui->w - gb_px(ui, 140), gb_px(ui, 420)};
    gb_fill(ui, panel, GB_C_PANEL);
    y += gb_px(ui, 50);
    row(ui, y, gb_ui_msg(ui, GB_MSG_WELCOME_BATCH), batch.batch_no);
    y += gb_px(ui, 110);
    char price[64], money[32];
    gb_money_format(batch.price_fen, money, sizeof money);
    if (batch.pay_mode == GB_PAY_SCHOOL)
        snprintf(price, sizeof price, "%s", gb_ui_msg(ui, GB_MSG_WELCOME_PRICE_SCHOOL));
    else
        snprintf(price, sizeof price, "%s %s", money, gb_ui_msg(ui, GB_MSG_YUAN));
    row(ui, y, gb_ui_msg(ui, GB_MSG_WELCOME_PRICE), price);
    y += gb_px(ui, 110);
    char window[64];
    snprintf(window, sizeof window, "%s –\n%s", batch.window_start, batch.window_end);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_WELCOME_WINDOW), GB_FS_BODY, GB_C_MUTED, gb_px(ui, 110), y, -1);
    int vx = value_x(ui);
    gb_label_wrap(ui, window, GB_FS_BODY, GB_C_TEXT, vx, y, ui->w - gb_px(ui, 100) - vx, -1);
    y = panel.y + panel.h + gb_px(ui, 160);
    gb_button(ui, "start", gb_ui_msg(ui, GB_MSG_WELCOME_START),
              (SDL_Rect){gb_px(ui, 190), y, ui->w - gb_px(ui, 380), gb_px(ui, 220)}, GB_BTN_PRIMARY, 1);
    y += gb_px(ui, 270);
    gb_button(ui, "lookup", gb_ui_msg(ui, GB_MSG_WELCOME_LOOKUP),
              (SDL_Rect){gb_px(ui, 190), y, ui->w - gb_px(ui, 380), gb_px(ui, 140)}, GB_BTN_SECONDARY, 1);
    y += gb_px(ui, 180);
    gb_button(ui, "help", gb_ui_msg(ui, GB_MSG_WELCOME_HELP),
              (SDL_Rect){gb_px(ui, 190), y, ui->w - gb_px(ui, 380), gb_px(ui, 110)}, GB_BTN_LINK, 1);
    /* what a student can do here: scan now (no field to type in on this
     * screen; typing is on the identity screen after Start) */
    gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_WELCOME_SCAN_HINT), GB_FS_BODY, GB_C_MUTED, gb_px(ui, 90),
                  ui->h - gb_px(ui, 200), ui->w - gb_px(ui, 180), 0);
}

const gb_screen_ops gb_screen_welcome = {"welcome", 0, enter, input, update, draw, NULL};
