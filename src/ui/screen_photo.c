/* Photo: live view with the CHSI baseline drawn over it, live guidance
 * from the photo worker, capture by button or automatically after the
 * live checks have stayed green for [capture] auto_capture_hold_ms, with a
 * countdown. The preview may be mirrored ([capture] mirror_preview) because
 * people expect a mirror; the still is never mirrored.
 *
 * The live view shows the middle 3:4 of the camera frame, the shape of the
 * photo, and the baseline marks where the spec wants the head in that
 * shape: head-top band, eye-line band, the face-width limits either side
 * of the centre line. They are computed from the configured spec numbers
 * (gb_spec_from_config), so a centre with other numbers sees other bands. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/stats.h"
#include "ui/liveview.h"
#include "ui/photo_worker.h"
#include "ui/text.h"
#include "ui/widgets.h"
#include "vision/crop.h"

typedef enum { PH_LIVE, PH_COUNTDOWN, PH_CHECKING } phase;

/* Not personal, except the texture, which is destroyed on leave. */
static struct {
    phase ph;
    gb_liveview lv;
    /* the newest frame the worker refused while busy, offered again each
     * tick: waiting for the camera's next frame instead would leave the
     * worker idle for up to a frame interval after each analysis (7.5
     * analyses a second with a 15 fps camera) */
    gb_image *held;
    uint64_t guidance_floor; /* guidance older than the screen is ignored */
    gb_guidance g;
    double green_since;
    /* the guidance rate, logged on leaving (bench/kiosk reports it) */
    int nguid;
    double guid_first_ms, guid_last_ms, guid_ms_sum;
    double count_start;
    int count_auto;
    int capture_failed;
} P;

static void enter(gb_ui *ui)
{
    memset(&P, 0, sizeof P);
    gb_pw_clear_guidance(ui->pw);
    gb_guidance g;
    gb_pw_guidance(ui->pw, &g);
    P.guidance_floor = g.seq;
}

static void leave(gb_ui *ui)
{
    gb_pw_recycle(ui->pw, P.held);
    P.held = NULL;
    if (P.nguid > 1)
        gb_log_info("kiosk: live guidance: %d analyses in %.1f s (%.1f per second, %.0f ms each)", P.nguid,
                    (P.guid_last_ms - P.guid_first_ms) / 1000.0,
                    (P.nguid - 1) * 1000.0 / (P.guid_last_ms - P.guid_first_ms), P.guid_ms_sum / P.nguid);
    gb_liveview_drop(&P.lv);
}

static void start_countdown(gb_ui *ui, int automatic)
{
    if (P.ph != PH_LIVE || gb_pw_status(ui->pw, NULL, 0) != GB_PW_READY)
        return;
    P.ph = PH_COUNTDOWN;
    P.count_start = ui->now_ms;
    P.count_auto = automatic;
    P.capture_failed = 0;
}

static void input(gb_ui *ui, const gb_input *in)
{
    if ((in->kind == GB_IN_TAP && strcmp(in->id, "capture") == 0) ||
        (in->kind == GB_IN_KEY && in->key == SDLK_RETURN))
        start_countdown(ui, 0);
}

static void take_result(gb_ui *ui, gb_capture *c)
{
    gb_session *s = &ui->ses;
    if (!c->ok) {
        gb_log_warn("kiosk: capture failed: %s", c->err);
        P.capture_failed = 1;
        P.ph = PH_LIVE;
        free(c->jpeg);
        return;
    }
    if (s->photo) {
        sodium_memzero(s->photo, s->photo_len);
        free(s->photo);
    }
    /* the failed rule ids (no student data) for the staff screen's figures */
    gb_err err;
    if (gb_stats_photo_check(ui->st, c->rule_id, c->nmsg, &err) < 0)
        gb_log_warn("kiosk: photo check not recorded: %s", err.msg);
    /* An empty chair (the student looked away to the staff, bent down
     * for a bag) is no attempt: only a capture with a face counts
     * against the retake limit. */
    if (c->faces > 0)
        s->photos_taken++;
    s->photo = c->jpeg;
    s->photo_len = c->len;
    s->photo_w = c->w;
    s->photo_h = c->h;
    s->photo_pass = c->failed == 0 && c->jpeg != NULL;
    s->nfails = c->nmsg;
    for (int i = 0; i < c->nmsg; i++) {
        s->fail_zh[i] = c->msg_zh[i];
        s->fail_en[i] = c->msg_en[i];
        s->fail_id[i] = c->rule_id[i];
    }
    gb_ui_go(ui, GB_SCREEN_RESULT);
}

static void update(gb_ui *ui)
{
    gb_image *f = gb_liveview_pull(ui, &P.lv);
    if (f) {
        gb_pw_recycle(ui->pw, P.held);
        P.held = f;
    }
    if (P.held &&
        (P.ph != PH_LIVE || gb_pw_offer(ui->pw, P.held, ui->ses.batch.backdrop[0] ? ui->ses.batch.backdrop : NULL))) {
        gb_pw_recycle(ui->pw, P.held);
        P.held = NULL;
    }
    gb_guidance g;
    gb_pw_guidance(ui->pw, &g);
    if (g.seq > P.guidance_floor && g.seq != P.g.seq) {
        if (!P.nguid++)
            P.guid_first_ms = ui->now_ms;
        P.guid_last_ms = ui->now_ms;
        P.guid_ms_sum += g.ms;
    }
    if (g.seq > P.guidance_floor)
        P.g = g;
    int green = P.g.seq > P.guidance_floor && P.g.judged && P.g.green;
    if (P.ph == PH_LIVE) {
        if (green && ui->cfg.auto_capture_hold_ms > 0) {
            if (!P.green_since)
                P.green_since = ui->now_ms;
            if (ui->now_ms - P.green_since >= ui->cfg.auto_capture_hold_ms)
                start_countdown(ui, 1);
        } else {
            P.green_since = 0;
        }
    } else if (P.ph == PH_COUNTDOWN) {
        if (P.count_auto && !green) { /* the student moved: start again */
            P.ph = PH_LIVE;
            P.green_since = 0;
        } else if (ui->now_ms - P.count_start >= ui->cfg.countdown_s * 1000.0) {
            if (gb_pw_capture(ui->pw, ui->ses.batch.backdrop[0] ? ui->ses.batch.backdrop : NULL) == 0)
                P.ph = PH_CHECKING;
        }
    } else {
        gb_capture c;
        if (gb_pw_capture_result(ui->pw, &c))
            take_result(ui, &c);
    }
    /* A face in front of the camera is a student at work, not an idle
     * kiosk: they adjust their pose without touching anything. When they
     * walk away the face goes and the idle clock runs again. */
    if (P.ph != PH_LIVE || (P.g.seq > P.guidance_floor && P.g.judged && P.g.faces > 0))
        ui->last_input_ms = ui->now_ms;
}

static void band(gb_ui *ui, SDL_Rect v, double y0, double y1, SDL_Color c)
{
    SDL_Rect r = {v.x, v.y + (int)(y0 * v.h), v.w, (int)((y1 - y0) * v.h)};
    gb_fill(ui, r, (SDL_Color){c.r, c.g, c.b, 70});
    gb_fill(ui, (SDL_Rect){r.x, r.y, r.w, gb_px(ui, 3)}, c);
    gb_fill(ui, (SDL_Rect){r.x, r.y + r.h - gb_px(ui, 3), r.w, gb_px(ui, 3)}, c);
}

static void vline(gb_ui *ui, SDL_Rect v, double x, SDL_Color c, int dashed)
{
    int xx = v.x + (int)(x * v.w), t = gb_px(ui, 3);
    for (int y = v.y; y < v.y + v.h; y += dashed ? gb_px(ui, 30) : v.h)
        gb_fill(ui, (SDL_Rect){xx - t / 2, y, t, dashed ? gb_px(ui, 18) : v.h}, c);
}

static void draw_baseline(gb_ui *ui, SDL_Rect v, int green)
{
    gb_spec sp = gb_spec_from_config(&ui->cfg);
    SDL_Color c = green ? GB_C_OK : GB_C_WARN;
    SDL_Color line = {255, 255, 255, 230};
    band(ui, v, (double)sp.head_top_min / sp.out_h, (double)sp.head_top_max / sp.out_h, c);
    band(ui, v, (double)sp.eyes_min / sp.out_h, (double)sp.eyes_max / sp.out_h, c);
    vline(ui, v, 0.5, line, 1);
    double half_min = sp.face_w_min / 2.0 / sp.out_w, half_max = sp.face_w_max / 2.0 / sp.out_w;
    vline(ui, v, 0.5 - half_min, c, 1);
    vline(ui, v, 0.5 + half_min, c, 1);
    vline(ui, v, 0.5 - half_max, c, 0);
    vline(ui, v, 0.5 + half_max, c, 0);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_PHOTO_TITLE), 1) + gb_px(ui, 30);
    SDL_Rect v = {(ui->w - gb_px(ui, 780)) / 2, y, gb_px(ui, 780), gb_px(ui, 1040)};
    gb_fill(ui, v, (SDL_Color){40, 44, 52, 255});
    char msg[256];
    gb_pw_state st = gb_pw_status(ui->pw, msg, sizeof msg);
    gb_liveview_draw(ui, &P.lv, v, 1); /* the middle 3:4 of the frame, the photo's shape */
    int green = P.g.seq > P.guidance_floor && P.g.judged && P.g.green;
    draw_baseline(ui, v, green);
    if (P.ph == PH_COUNTDOWN) {
        int left = ui->cfg.countdown_s - (int)((ui->now_ms - P.count_start) / 1000.0);
        char n[8];
        snprintf(n, sizeof n, "%d", left > 0 ? left : 1);
        if (ui->cfg.countdown_s > 0)
            gb_label(ui, n, 300, GB_C_WHITE, v.x + v.w / 2, v.y + v.h / 2 - gb_px(ui, 200), 0);
    }
    int ty = v.y + v.h + gb_px(ui, 30), tx = gb_px(ui, 70), tw = ui->w - gb_px(ui, 140);
    const char *guide;
    SDL_Color gc = GB_C_WARN;
    if (st == GB_PW_FAILED) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_NO_CAMERA);
        gc = GB_C_BAD;
    } else if (st == GB_PW_STARTING) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_LOADING);
    } else if (P.ph == PH_CHECKING) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_CHECKING);
    } else if (P.capture_failed) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_CAPTURE_FAILED);
        gc = GB_C_BAD;
    } else if (P.g.seq <= P.guidance_floor) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_GUIDE);
        gc = GB_C_MUTED;
    } else if (green) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_ALL_GOOD);
        gc = GB_C_OK;
    } else if (!P.g.judged || P.g.faces == 0) {
        guide = gb_ui_msg(ui, GB_MSG_PHOTO_NO_FACE);
    } else {
        guide = ui->lang == GB_LANG_EN ? P.g.fail_en[0] : P.g.fail_zh[0];
    }
    /* Below the view, top down: the guidance, further problems while
     * they fit, and the checklist just above the button. Nothing may
     * overlap, in either language: a long English guidance line drops to
     * the body size, and further problems go before the checklist does. */
    const char *checklist = gb_ui_msg(ui, GB_MSG_PHOTO_CHECKLIST);
    int btn_top = ui->h - gb_px(ui, 220);
    int ch = gb_text_wrap(ui->text, checklist, gb_px(ui, GB_FS_SMALL), GB_C_MUTED, tx, 0, tw, -1, 0);
    int cy = btn_top - gb_px(ui, 20) - ch;
    int gsize = GB_FS_LARGE;
    if (gb_text_wrap(ui->text, guide, gb_px(ui, gsize), gc, tx, 0, tw, 0, 0) > gb_px(ui, GB_FS_LARGE) * 3)
        gsize = GB_FS_BODY;
    ty += gb_label_wrap(ui, guide, gsize, gc, tx, ty, tw, 0) + gb_px(ui, 10);
    if (P.g.seq > P.guidance_floor && P.g.nfail > 1 && P.ph == PH_LIVE)
        for (int i = 1; i < P.g.nfail && i < 3; i++) {
            const char *more = ui->lang == GB_LANG_EN ? P.g.fail_en[i] : P.g.fail_zh[i];
            int mh = gb_text_wrap(ui->text, more, gb_px(ui, GB_FS_SMALL), GB_C_MUTED, tx, 0, tw, 0, 0);
            if (ty + mh > cy - gb_px(ui, 10))
                break;
            ty += gb_label_wrap(ui, more, GB_FS_SMALL, GB_C_MUTED, tx, ty, tw, 0);
        }
    if (cy >= ty)
        gb_label_wrap(ui, checklist, GB_FS_SMALL, GB_C_MUTED, tx, cy, tw, -1);
    gb_button(ui, "capture", gb_ui_msg(ui, GB_MSG_PHOTO_CAPTURE),
              (SDL_Rect){gb_px(ui, 240), ui->h - gb_px(ui, 220), ui->w - gb_px(ui, 480), gb_px(ui, 170)},
              GB_BTN_PRIMARY, P.ph == PH_LIVE && st == GB_PW_READY);
}

const gb_screen_ops gb_screen_photo = {"photo", 1, enter, input, update, draw, leave};
