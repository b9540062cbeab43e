/* The collection-code scanner panel (see code_scan.h). */
#include "ui/code_scan.h"

#include <sodium.h>
#include <string.h>

#include "core/log.h"
#include "ui/photo_worker.h"
#include "ui/widgets.h"
#include "vision/qr.h"

void gb_code_scan_start(gb_ui *ui, gb_code_scan *cs)
{
    gb_code_scan_stop(cs);
    char junk[512];
    gb_pw_take_code(ui->pw, junk, sizeof junk); /* a read meant for an earlier screen */
    sodium_memzero(junk, sizeof junk);
}

void gb_code_scan_stop(gb_code_scan *cs)
{
    gb_liveview_drop(&cs->lv);
    cs->refused_ms = 0;
    cs->refused_fp[0] = 0;
    cs->read_fp[0] = 0;
}

gb_msg gb_code_refusal_msg(gb_code_status why)
{
    return why == GB_CODE_DAMAGED ? GB_MSG_CODE_DAMAGED : GB_MSG_CODE_NOT_A_CODE;
}

/* A refusal: shown on the panel, logged once per code while it is held up
 * (by fingerprint and the decoder's reason, which never repeats the
 * payload). */
static void refuse(gb_ui *ui, gb_code_scan *cs, gb_code_status why, const char *fp, const char *source,
                   const char *reason)
{
    if (strcmp(fp, cs->refused_fp) != 0)
        gb_log_info("kiosk: QR code %s read by the %s is %s: %s", fp, source,
                    why == GB_CODE_DAMAGED ? "a damaged collection code" : "not a collection code", reason);
    memcpy(cs->refused_fp, fp, 9);
    cs->refused_why = why;
    cs->refused_ms = ui->now_ms;
}

/* 1 when payload is a collection code; else the refusal is shown. */
static int check(gb_ui *ui, gb_code_scan *cs, const char *payload, const char *source)
{
    gb_code_identity id;
    gb_err err = {0};
    gb_code_status why = ui->decoder->decode(payload, strlen(payload), &id, &err);
    sodium_memzero(&id, sizeof id);
    char fp[9];
    gb_code_fingerprint(payload, strlen(payload), fp);
    if (why == GB_CODE_OK) {
        if (strcmp(fp, cs->read_fp) != 0)
            gb_log_info("kiosk: collection code %s read by the %s", fp, source);
        memcpy(cs->read_fp, fp, sizeof fp);
        cs->refused_ms = 0;
        return 1;
    }
    /* a decoder that answers neither kind: not a collection code */
    refuse(ui, cs, why == GB_CODE_DAMAGED ? GB_CODE_DAMAGED : GB_CODE_NOT_A_CODE, fp, source, err.msg);
    return 0;
}

int gb_code_scan_check(gb_ui *ui, gb_code_scan *cs, const char *payload, const char *source)
{
    return check(ui, cs, payload, source);
}

int gb_code_scan_update(gb_ui *ui, gb_code_scan *cs, char *out, size_t size)
{
    gb_image *f = gb_liveview_pull(ui, &cs->lv);
    if (f) {
        gb_pw_offer_scan(ui->pw, f);
        gb_pw_recycle(ui->pw, f);
    }
    int st = gb_pw_take_code(ui->pw, out, size);
    if (st == GB_QR_NONE)
        return 0;
    ui->last_input_ms = ui->now_ms; /* a student holding up a phone is not idle */
    if (st == GB_QR_FOUND) {
        if (check(ui, cs, out, "camera"))
            return 1;
        sodium_memzero(out, size);
        return 0;
    }
    /* a payload that is not text (the worker logged why): no collection
     * code format the kiosk reads is binary */
    cs->refused_why = GB_CODE_NOT_A_CODE;
    cs->refused_ms = ui->now_ms;
    return 0;
}

/* The four corners of a square target, where the code should go. */
static void target(gb_ui *ui, SDL_Rect v)
{
    int side = v.h * 6 / 10, len = side / 4, t = gb_px(ui, 6);
    int x0 = v.x + (v.w - side) / 2, y0 = v.y + (v.h - side) / 2, x1 = x0 + side, y1 = y0 + side;
    SDL_Color c = GB_C_WHITE;
    gb_fill(ui, (SDL_Rect){x0, y0, len, t}, c);
    gb_fill(ui, (SDL_Rect){x0, y0, t, len}, c);
    gb_fill(ui, (SDL_Rect){x1 - len, y0, len, t}, c);
    gb_fill(ui, (SDL_Rect){x1 - t, y0, t, len}, c);
    gb_fill(ui, (SDL_Rect){x0, y1 - t, len, t}, c);
    gb_fill(ui, (SDL_Rect){x0, y1 - len, t, len}, c);
    gb_fill(ui, (SDL_Rect){x1 - len, y1 - t, len, t}, c);
    gb_fill(ui, (SDL_Rect){x1 - t, y1 - len, t, len}, c);
}

void gb_code_scan_draw(gb_ui *ui, const gb_code_scan *cs, SDL_Rect r)
{
    gb_fill(ui, r, GB_C_PANEL);
    gb_frame(ui, r, GB_C_MUTED, gb_px(ui, 2));
    int pad = gb_px(ui, 20);
    /* a wide panel: the view left, the words right; a tall one (a screen
     * with room to spare): the view on top, the words below */
    int stacked = r.h * 5 >= r.w * 4;
    SDL_Rect v;
    int tx, ty, tw;
    if (stacked) {
        v = (SDL_Rect){r.x + pad, r.y + pad, r.w - 2 * pad, (r.w - 2 * pad) * 3 / 4};
        tx = r.x + pad + gb_px(ui, 10);
        ty = v.y + v.h + gb_px(ui, 20);
        tw = r.w - 2 * pad - gb_px(ui, 20);
    } else {
        int vw = (r.h - 2 * pad) * 4 / 3;
        if (vw > r.w * 2 / 5)
            vw = r.w * 2 / 5; /* leave the words room, in English too */
        v = (SDL_Rect){r.x + pad, r.y + pad, vw, r.h - 2 * pad};
        tx = v.x + v.w + gb_px(ui, 30);
        ty = r.y + pad;
        tw = r.x + r.w - tx - pad;
    }
    gb_fill(ui, v, (SDL_Color){40, 44, 52, 255});
    if (gb_liveview_draw(ui, &cs->lv, v, 0)) {
        target(ui, v);
    } else if (gb_pw_status(ui->pw, NULL, 0) == GB_PW_FAILED) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_QR_NO_CAMERA), GB_FS_SMALL, GB_C_WHITE, v.x + pad,
                      v.y + v.h / 2 - gb_px(ui, 40), v.w - 2 * pad, 0);
    }
    ty += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_QR_TITLE), stacked ? GB_FS_LARGE : GB_FS_BODY, GB_C_TEXT, tx, ty,
                        tw, -1) +
          gb_px(ui, 12);
    int refused = cs->refused_ms > 0 && ui->now_ms - cs->refused_ms < ui->cfg.code_notice_ms;
    gb_label_wrap(ui, gb_ui_msg(ui, refused ? gb_code_refusal_msg(cs->refused_why) : GB_MSG_QR_HINT),
                  stacked ? GB_FS_BODY : GB_FS_SMALL, refused ? GB_C_BAD : GB_C_MUTED, tx, ty, tw, -1);
}
