/* Help: how to get the CHSI image collection code (from the mini-program
 * manual in ../shared/seed). */
#include <string.h>

#include "ui/widgets.h"

static void input(gb_ui *ui, const gb_input *in)
{
    if (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)
        gb_ui_go(ui, GB_SCREEN_WELCOME);
    else if (in->kind == GB_IN_SCAN) {
        /* the student found their code while reading: go on with it */
        snprintf(ui->ses.code, sizeof ui->ses.code, "%s", in->text);
        ui->ses.code_scanned = 1;
        gb_ui_go(ui, GB_SCREEN_IDENTITY);
    }
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_HELP_TITLE), 0) + gb_px(ui, 80);
    gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_HELP_BODY), GB_FS_LARGE, GB_C_TEXT, gb_px(ui, 80), y,
                  ui->w - gb_px(ui, 160), -1);
    gb_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK),
              (SDL_Rect){gb_px(ui, 240), ui->h - gb_px(ui, 330), ui->w - gb_px(ui, 480), gb_px(ui, 180)},
              GB_BTN_PRIMARY, 1);
}

const gb_screen_ops gb_screen_help = {"help", 0, NULL, input, NULL, draw, NULL};
