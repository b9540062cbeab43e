/* Result: the standardised 480x640 photo. Passed: accept, and the photo is
 * saved with the order's move in one transaction (gb_photo_attach). Failed:
 * every failed rule's message, and a retake while the session's
 * [kiosk] retake_limit allows. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "image/decode.h"
#include "store/photo.h"
#include "ui/widgets.h"

static SDL_Texture *tex; /* the student's face: destroyed on leave */
static int tw, th;
static int save_failed;

static void enter(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    save_failed = 0;
    tex = NULL;
    if (!s->photo)
        return;
    gb_image *img = NULL;
    gb_err err;
    if (gb_image_decode(s->photo, s->photo_len, NULL, &img, NULL, &err) < 0) {
        gb_log_error("kiosk: result photo: %s", err.msg);
        return;
    }
    tex = SDL_CreateTexture(ui->r, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, img->width, img->height);
    if (tex)
        SDL_UpdateTexture(tex, NULL, img->pixels, (int)img->stride);
    tw = img->width;
    th = img->height;
    sodium_memzero(img->pixels, img->stride * (size_t)img->height);
    gb_image_free(img);
}

static void leave(gb_ui *ui)
{
    if (tex)
        SDL_DestroyTexture(tex);
    tex = NULL;
}

static int retakes_left(gb_ui *ui)
{
    return ui->cfg.retake_limit - ui->ses.photos_taken;
}

static void accept(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    gb_err err;
    int rejected = s->order.state == GB_OS_REJECTED;
    gb_order_state to = rejected ? GB_OS_RETAKEN : GB_OS_PHOTO_ACCEPTED;
    gb_photo ph;
    if (gb_photo_attach(ui->st, s->order.order_no, s->photo, s->photo_len, s->photo_w, s->photo_h, (int)to,
                        GB_ACTOR_STUDENT, &ph, &err) < 0) {
        gb_log_error("kiosk: order %s: photo not saved: %s", s->order.order_no, err.msg);
        save_failed = 1;
        return;
    }
    s->order.state = to;
    gb_log_info("kiosk: order %s: photo saved (%ld bytes)", s->order.order_no, ph.bytes);
    /* A retake after a rejection was paid for already: straight back to
     * review. A school-paid batch skips the payment. */
    gb_order_state next = GB_OS_COUNT;
    if (rejected)
        next = GB_OS_RESUBMITTED;
    else if (s->order.pay_mode == GB_PAY_SCHOOL || s->order.price_fen == 0)
        next = GB_OS_SUBMITTED;
    if (next != GB_OS_COUNT) {
        if (gb_order_move(ui->st, s->order.order_no, next, GB_ACTOR_KIOSK, NULL, &err) < 0) {
            gb_log_error("kiosk: order %s: %s", s->order.order_no, err.msg);
            save_failed = 1;
            return;
        }
        s->order.state = next;
        gb_ui_go(ui, GB_SCREEN_DONE);
        return;
    }
    gb_ui_go(ui, GB_SCREEN_PAYMENT);
}

static void input(gb_ui *ui, const gb_input *in)
{
    gb_session *s = &ui->ses;
    if (in->kind != GB_IN_TAP)
        return;
    if (strcmp(in->id, "accept") == 0 && s->photo_pass)
        accept(ui);
    else if (strcmp(in->id, "retake") == 0 && retakes_left(ui) > 0)
        gb_ui_go(ui, GB_SCREEN_PHOTO);
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_RESULT_TITLE), 1) + gb_px(ui, 40);
    int pw = gb_px(ui, 480), ph = gb_px(ui, 640);
    SDL_Rect pr = {(ui->w - pw) / 2, y, pw, ph};
    gb_fill(ui, pr, (SDL_Color){220, 222, 226, 255});
    if (tex) {
        SDL_RenderCopy(ui->r, tex, NULL, &pr);
        (void)tw;
        (void)th;
    }
    gb_frame(ui, (SDL_Rect){pr.x - gb_px(ui, 6), pr.y - gb_px(ui, 6), pr.w + gb_px(ui, 12), pr.h + gb_px(ui, 12)},
             s->photo_pass ? GB_C_OK : GB_C_BAD, gb_px(ui, 6));
    y += ph + gb_px(ui, 50);
    int x = gb_px(ui, 80), w = ui->w - gb_px(ui, 160);
    if (s->photo_pass) {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_RESULT_PASS), GB_FS_TITLE, GB_C_OK, x, y, w, 0);
    } else {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_RESULT_FAIL), GB_FS_LARGE, GB_C_BAD, x, y, w, -1);
        y += gb_px(ui, 10);
        for (int i = 0; i < s->nfails && y < ui->h - gb_px(ui, 520); i++) {
            char line[512];
            snprintf(line, sizeof line, "\xe2\x80\xa2 %s", ui->lang == GB_LANG_EN ? s->fail_en[i] : s->fail_zh[i]);
            y += gb_label_wrap(ui, line, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 8);
        }
    }
    if (save_failed)
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_FAIL_STORE), GB_FS_BODY, GB_C_BAD, x, ui->h - gb_px(ui, 500), w, 0);
    int left = retakes_left(ui);
    char t[128];
    if (left > 0)
        gb_msg_format_int(t, sizeof t, GB_MSG_RESULT_RETAKES_LEFT, ui->lang, left);
    else
        snprintf(t, sizeof t, "%s", gb_ui_msg(ui, GB_MSG_RESULT_NO_RETAKES));
    gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_MUTED, x, ui->h - gb_px(ui, 420), w, 0);
    int by = ui->h - gb_px(ui, 340);
    if (s->photo_pass) {
        gb_button(ui, "accept", gb_ui_msg(ui, GB_MSG_RESULT_ACCEPT),
                  (SDL_Rect){gb_px(ui, 80), by, gb_px(ui, 560), gb_px(ui, 170)}, GB_BTN_PRIMARY, 1);
        gb_button(ui, "retake", gb_ui_msg(ui, GB_MSG_RESULT_RETAKE),
                  (SDL_Rect){gb_px(ui, 680), by, gb_px(ui, 320), gb_px(ui, 170)}, GB_BTN_SECONDARY, left > 0);
    } else {
        gb_button(ui, "retake", gb_ui_msg(ui, GB_MSG_RESULT_RETAKE),
                  (SDL_Rect){gb_px(ui, 190), by, ui->w - gb_px(ui, 380), gb_px(ui, 170)}, GB_BTN_PRIMARY, left > 0);
    }
}

const gb_screen_ops gb_screen_result = {"result", 1, enter, input, NULL, draw, leave};
