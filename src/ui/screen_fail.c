/* Identity failure: exactly which check failed, and to contact the
 * school. Nothing of the student's input is shown again. */
#include <string.h>

#include "ui/code_scan.h"
#include "ui/widgets.h"

static gb_msg reason(gb_identity_result r)
{
    switch (r) {
    /* the scanner panel's words (code_scan.h) */
    case GB_ID_CODE_UNREADABLE: return gb_code_refusal_msg(GB_CODE_DAMAGED);
    case GB_ID_NOT_A_CODE: return gb_code_refusal_msg(GB_CODE_NOT_A_CODE);
    case GB_ID_BATCH_UNKNOWN: return GB_MSG_FAIL_BATCH_UNKNOWN;
    case GB_ID_BATCH_INACTIVE: return GB_MSG_FAIL_BATCH_INACTIVE;
    case GB_ID_BATCH_NOT_OPEN: return GB_MSG_FAIL_BATCH_NOT_OPEN;
    case GB_ID_BATCH_CLOSED: return GB_MSG_FAIL_BATCH_CLOSED;
    case GB_ID_NOT_IN_BATCH: return GB_MSG_FAIL_NOT_IN_BATCH;
    case GB_ID_SUFFIX_MISMATCH: return GB_MSG_FAIL_SUFFIX_MISMATCH;
    case GB_ID_FEATURE_CODE_MISMATCH: return GB_MSG_FAIL_FEATURE_MISMATCH;
    case GB_ID_ALREADY_APPROVED: return GB_MSG_ALREADY_APPROVED;
    case GB_ID_TOO_MANY_TRIES: return GB_MSG_FAIL_TOO_MANY_TRIES;
    case GB_ID_OK: break;
    }
    return GB_MSG_FAIL_STORE;
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (in->kind == GB_IN_TAP && strcmp(in->id, "retry") == 0) {
        /* keep the code and batch, ask for the typed parts again */
        gb_session *s = &ui->ses;
        memset(s->last4, 0, sizeof s->last4);
        memset(s->feature, 0, sizeof s->feature);
        memset(&s->student, 0, sizeof s->student);
        if (s->id_result == GB_ID_CODE_UNREADABLE || s->id_result == GB_ID_NOT_A_CODE) {
            memset(s->code, 0, sizeof s->code);
            s->code_scanned = 0;
        }
        s->id_result = GB_ID_OK;
        gb_ui_go(ui, GB_SCREEN_IDENTITY);
    }
}

static void draw(gb_ui *ui)
{
    /* An approved photo only comes here when its order could not be
     * listed (the identity screen shows the order instead): still good
     * news, so the approved look, not a failure's. The marks are the order
     * states' (gb_ui_state_look), glyphs the font has. */
    int approved = ui->ses.id_result == GB_ID_ALREADY_APPROVED;
    gb_state_look look = gb_ui_state_look(approved ? GB_OS_APPROVED : GB_OS_REJECTED);
    int y = gb_header(ui, gb_ui_msg(ui, approved ? GB_MSG_STATE_APPROVED : GB_MSG_FAIL_TITLE), 1) + gb_px(ui, 160);
    int x = gb_px(ui, 90), w = ui->w - gb_px(ui, 180);
    gb_label(ui, look.mark, 160, gb_tone_colour(look.tone), ui->w / 2, y, 0);
    y += gb_px(ui, 300);
    y += gb_label_wrap(ui, gb_ui_msg(ui, reason(ui->ses.id_result)), GB_FS_TITLE, GB_C_TEXT, x, y, w, 0);
    y += gb_px(ui, 80);
    gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_FAIL_CONTACT), GB_FS_LARGE, GB_C_MUTED, x, y, w, 0);
    int by = ui->h - gb_px(ui, 520);
    if (ui->ses.id_result != GB_ID_ALREADY_APPROVED && ui->ses.id_result != GB_ID_TOO_MANY_TRIES)
        gb_button(ui, "retry", gb_ui_msg(ui, GB_MSG_FAIL_RETRY),
                  (SDL_Rect){gb_px(ui, 190), by, ui->w - gb_px(ui, 380), gb_px(ui, 170)}, GB_BTN_PRIMARY, 1);
    gb_button(ui, "home", gb_ui_msg(ui, GB_MSG_HOME),
              (SDL_Rect){gb_px(ui, 190), by + gb_px(ui, 230), ui->w - gb_px(ui, 380), gb_px(ui, 150)},
              GB_BTN_SECONDARY, 1);
}

const gb_screen_ops gb_screen_fail = {"identity-failed", 1, NULL, input, NULL, draw, NULL};
