/* Staff: the camera. Its backend, model or port, state, frame rate,
 * errors and reopens, and two tests through the photo worker, the same
 * path a student's photo takes:
 *   "cam-live"     live view (on when the screen opens) off and on again,
 *                  from the worker's frames
 *                  (ui/liveview.h: gb_pw_frame / gb_pw_recycle), with the
 *                  rate drawn;
 *   "cam-capture"  a still, judged (gb_pw_capture / gb_pw_capture_result):
 *                  how long it took, the still's size, whether a face was
 *                  found, how many rules failed (the first reasons), and
 *                  the 480x640 result next to the live view.
 * Nothing is saved: no photo file, no order, no photo_checks row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "image/decode.h"
#include "ui/liveview.h"
#include "ui/photo_worker.h"
#include "ui/staff.h"
#include "ui/text.h"

#define REASONS 3

static struct {
    int live;
    gb_liveview lv;
    double last_frame_ms;
    int frames; /* drawn since fps_t0 */
    double fps_t0, fps;
    int capture_asked; /* waiting for the worker to take the request */
    int capturing;
    double t0;
    int not_ready;
    /* the last test capture */
    int have;
    int ok;
    double took_s;
    int still_w, still_h;
    int photo_w, photo_h;
    size_t photo_len;
    int failed, face;
    int nreason;
    const char *reason_zh[REASONS], *reason_en[REASONS];
    char err[256];
    SDL_Texture *thumb;
} C;

static void drop_textures(void)
{
    gb_liveview_drop(&C.lv);
    if (C.thumb)
        SDL_DestroyTexture(C.thumb);
    C.thumb = NULL;
}

static void enter(gb_ui *ui)
{
    memset(&C, 0, sizeof C);
    /* the live view is what staff come here to see: on from the start, so
     * the panel never sits black while the status line says the camera is live */
    C.live = 1;
    C.fps_t0 = ui->now_ms;
    /* a capture left over from an earlier visit is not this one's */
    gb_capture old;
    if (gb_pw_capture_result(ui->pw, &old))
        free(old.jpeg);
}

static void leave(gb_ui *ui)
{
    drop_textures();
}

static void input(gb_ui *ui, const gb_input *in)
{
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)) {
        gb_ui_go(ui, GB_SCREEN_STAFF);
        return;
    }
    if (in->kind != GB_IN_TAP)
        return;
    if (strcmp(in->id, "cam-live") == 0) {
        C.live = !C.live;
        C.frames = 0;
        C.fps = 0;
        C.fps_t0 = ui->now_ms;
        gb_log_info("kiosk: staff: live view test %s", C.live ? "on" : "off");
    } else if (strcmp(in->id, "cam-capture") == 0 && !C.capturing && !C.capture_asked) {
        C.not_ready = gb_pw_status(ui->pw, NULL, 0) != GB_PW_READY;
        if (!C.not_ready) {
            C.capture_asked = 1;
            C.t0 = ui->now_ms;
        }
    }
}

static void take(gb_ui *ui, gb_capture *c)
{
    if (C.thumb)
        SDL_DestroyTexture(C.thumb);
    C.thumb = NULL;
    C.have = 1;
    C.ok = c->ok;
    C.took_s = (ui->now_ms - C.t0) / 1000.0;
    snprintf(C.err, sizeof C.err, "%s", c->err);
    C.still_w = c->still_w; /* as decoded, so a folder of pictures cannot mislead */
    C.still_h = c->still_h;
    C.failed = c->failed;
    C.face = 1;
    C.nreason = 0;
    for (int i = 0; i < c->nmsg; i++) {
        if (strcmp(c->rule_id[i], "face.count") == 0)
            C.face = 0;
        if (C.nreason < REASONS) {
            C.reason_zh[C.nreason] = c->msg_zh[i];
            C.reason_en[C.nreason] = c->msg_en[i];
            C.nreason++;
        }
    }
    C.photo_w = C.photo_h = 0;
    C.photo_len = 0;
    if (c->ok && c->jpeg) {
        gb_image *img = NULL;
        gb_err err;
        if (gb_image_decode(c->jpeg, c->len, NULL, &img, NULL, &err) == 0) {
            C.thumb =
                SDL_CreateTexture(ui->r, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, img->width, img->height);
            if (C.thumb)
                SDL_UpdateTexture(C.thumb, NULL, img->pixels, (int)img->stride);
            gb_image_free(img);
        } else {
            gb_log_warn("kiosk: staff: test photo: %s", err.msg);
        }
        C.photo_w = c->w;
        C.photo_h = c->h;
        C.photo_len = c->len;
    }
    if (c->ok)
        gb_log_info("kiosk: staff: test capture in %.2f s, still %dx%d, %d rule(s) failed, not saved", C.took_s,
                    C.still_w, C.still_h, c->failed);
    else
        gb_log_warn("kiosk: staff: test capture failed: %s", c->err);
    free(c->jpeg);
}

static void update(gb_ui *ui)
{
    /* a test under way is not an idle kiosk */
    if (C.capture_asked || C.capturing)
        ui->last_input_ms = ui->now_ms;
    if (gb_staff_idle(ui))
        return;
    if (C.live) {
        gb_image *f = gb_liveview_pull(ui, &C.lv);
        if (f) {
            gb_pw_recycle(ui->pw, f);
            C.frames++;
            C.last_frame_ms = ui->now_ms;
        } else if (ui->now_ms - C.last_frame_ms > 1000) {
            /* a camera opened anew (the script's show-photo) counts its
             * frames from 1 again: take whatever it has */
            C.lv.seq = 0;
        }
        if (ui->now_ms - C.fps_t0 >= 1000) {
            C.fps = C.frames * 1000.0 / (ui->now_ms - C.fps_t0);
            C.frames = 0;
            C.fps_t0 = ui->now_ms;
        }
    }
    if (C.capture_asked) {
        /* the worker may be busy with something else for a moment */
        if (gb_pw_capture(ui->pw, NULL) == 0) {
            C.capture_asked = 0;
            C.capturing = 1;
        } else if (gb_pw_status(ui->pw, NULL, 0) != GB_PW_READY) {
            C.capture_asked = 0;
            C.not_ready = 1;
        }
    } else if (C.capturing) {
        gb_capture c;
        if (gb_pw_capture_result(ui->pw, &c)) {
            C.capturing = 0;
            take(ui, &c);
        }
    }
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_MENU_CAMERA), 0) + gb_px(ui, 30);
    int x = gb_px(ui, 50), w = ui->w - gb_px(ui, 100);
    char t[512];
    gb_cam_info info;
    gb_cam_stats cs;
    int open = 0;
    gb_pw_camera_info(ui->pw, &info, &cs, &open);
    char msg[256];
    gb_pw_state st = gb_pw_status(ui->pw, msg, sizeof msg);
    if (!open) {
        snprintf(t, sizeof t, "%s%s%s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_NONE), msg[0] ? ": " : "", msg);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1) + gb_px(ui, 10);
    } else {
        snprintf(t, sizeof t, "%s · %s", info.backend, info.model[0] ? info.model : info.port);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 6);
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_LINE, ui->lang, gb_staff_cam_state(ui, cs.state), cs.fps,
                      (unsigned long long)cs.errors, (unsigned long long)cs.reopens);
        y += gb_label_wrap(ui, t, GB_FS_BODY, cs.state == GB_CAM_LIVE ? GB_C_TEXT : GB_C_BAD, x, y, w, -1) +
             gb_px(ui, 6);
        if (cs.last_error[0]) {
            snprintf(t, sizeof t, "%s: %s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_LAST_ERROR), cs.last_error);
            y += gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_BAD, x, y, w, -1) + gb_px(ui, 6);
        }
    }
    y += gb_px(ui, 20);

    /* live view left, the test capture's result right, both 3:4 */
    int gap = gb_px(ui, 30), bw = (w - gap) / 2, bh = bw * 4 / 3;
    SDL_Rect lv = {x, y, bw, bh}, rv = {x + bw + gap, y, bw, bh};
    gb_fill(ui, lv, (SDL_Color){40, 44, 52, 255});
    gb_fill(ui, rv, (SDL_Color){40, 44, 52, 255});
    if (C.live)
        gb_liveview_draw(ui, &C.lv, lv, 1);
    if (C.thumb)
        SDL_RenderCopy(ui->r, C.thumb, NULL, &rv);
    /* captions on a dark band, readable over a light backdrop */
    int cap_h = gb_px(ui, 56);
    SDL_Color band = {0, 0, 0, 160};
    if (C.live) {
        gb_fill(ui, (SDL_Rect){lv.x, lv.y + lv.h - cap_h, lv.w, cap_h}, band);
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_LIVE_FPS, ui->lang, C.fps);
        gb_label(ui, t, GB_FS_SMALL, GB_C_WHITE, lv.x + gb_px(ui, 14), lv.y + lv.h - cap_h + gb_px(ui, 8), -1);
    }
    if (C.have && C.ok && C.thumb) {
        gb_fill(ui, (SDL_Rect){rv.x, rv.y + rv.h - cap_h, rv.w, cap_h}, band);
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_RESULT_PHOTO, ui->lang, C.photo_w, C.photo_h,
                      (double)C.photo_len / 1024.0);
        gb_label(ui, t, GB_FS_SMALL, GB_C_WHITE, rv.x + gb_px(ui, 14), rv.y + rv.h - cap_h + gb_px(ui, 8), -1);
    }
    y += bh + gb_px(ui, 30);

    int half = (w - gb_px(ui, 40)) / 2, bth = gb_px(ui, 130);
    gb_button(ui, "cam-live", gb_ui_msg(ui, C.live ? GB_MSG_STAFF_CAM_LIVE_OFF : GB_MSG_STAFF_CAM_LIVE_ON),
              (SDL_Rect){x, y, half, bth}, GB_BTN_SECONDARY, open);
    gb_button(ui, "cam-capture", gb_ui_msg(ui, GB_MSG_STAFF_CAM_CAPTURE),
              (SDL_Rect){x + half + gb_px(ui, 40), y, half, bth}, GB_BTN_PRIMARY,
              st == GB_PW_READY && !C.capturing && !C.capture_asked);
    y += bth + gb_px(ui, 30);

    /* the test capture in words */
    int bottom = ui->h - gb_px(ui, 230);
    if (C.capture_asked || C.capturing) {
        gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_CAM_CAPTURING), GB_FS_BODY, GB_C_MUTED, x, y, -1);
    } else if (C.not_ready) {
        snprintf(t, sizeof t, "%s%s%s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_NOT_READY), msg[0] ? " " : "", msg);
        gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    } else if (C.have && !C.ok) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_CAPTURE_ERROR, ui->lang, C.err);
        gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    } else if (C.have) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_CAM_RESULT_TIME, ui->lang, C.took_s, C.still_w, C.still_h);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 6);
        if (!C.thumb) {
            y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_CAM_NO_PHOTO), GB_FS_BODY, GB_C_WARN, x, y, w, -1) +
                 gb_px(ui, 6);
        }
        snprintf(t, sizeof t, "%s · ", gb_ui_msg(ui, C.face ? GB_MSG_STAFF_CAM_FACE : GB_MSG_STAFF_CAM_NO_FACE));
        size_t k = strlen(t);
        if (C.failed)
            gb_msg_format(t + k, sizeof t - k, GB_MSG_STAFF_CAM_FAIL, ui->lang, C.failed);
        else
            snprintf(t + k, sizeof t - k, "%s", gb_ui_msg(ui, GB_MSG_STAFF_CAM_PASS));
        y += gb_label_wrap(ui, t, GB_FS_BODY, C.failed ? GB_C_BAD : GB_C_OK, x, y, w, -1) + gb_px(ui, 6);
        for (int i = 0; i < C.nreason; i++) {
            const char *r = ui->lang == GB_LANG_EN ? C.reason_en[i] : C.reason_zh[i];
            snprintf(t, sizeof t, "· %s", r);
            int h = gb_text_wrap(ui->text, t, gb_px(ui, GB_FS_SMALL), GB_C_TEXT, x, y, w, -1, 0);
            if (y + h > bottom)
                break;
            y += gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_TEXT, x, y, w, -1);
        }
    } else {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_CAM_NOT_SAVED), GB_FS_SMALL, GB_C_MUTED, x, y, w, -1);
    }
    gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
}

const gb_screen_ops gb_screen_staff_camera = {"staff-camera", 0, enter, input, update, draw, leave};
