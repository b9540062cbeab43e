/* Result: the standardised 480x640 photo. Passed: accept, and the photo is
 * saved with the order's move in one transaction (gb_photo_attach). Failed:
 * every failed rule's message with a pictogram of the fault beside it
 * (illustrate.h), and a retake while the session's [kiosk] retake_limit
 * allows.
 *
 * The failed list gets the room it needs: the photo shrinks (down to
 * PHOTO_MIN_H; a small box when no photo could be cut) as reasons are added, and when they still do not fit they
 * are shown a page at a time ("fails-prev" / "fails-next"), whole rows
 * only, so no reason is ever cut off. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "image/decode.h"
#include "store/photo.h"
#include "ui/illustrate.h"
#include "ui/text.h"
#include "ui/widgets.h"

/* Design pixels (1080 px wide): the photo at full and smallest height, a
 * pictogram, the padding of a reason's row and the gap between rows. */
#define PHOTO_H 640
#define PHOTO_MIN_H 400
#define NO_PHOTO_H 240 /* the grey box when no photo could be cut */
#define PIC 120
#define ROW_PAD 12
#define ROW_GAP 10
#define PAGER_H 110

static SDL_Texture *tex; /* the student's face: destroyed on leave */
static int tw, th;
static int save_failed;
static int page;         /* the page of failed reasons shown */
static gb_lang page_lang; /* other words, other pages: back to the first */

static void enter(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    save_failed = 0;
    page = 0;
    page_lang = ui->lang;
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
    gb_pictogram_flush();
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
    else if (strcmp(in->id, "fails-next") == 0)
        page++; /* draw keeps it in range */
    else if (strcmp(in->id, "fails-prev") == 0 && page > 0)
        page--;
}

static const char *fail_text(gb_ui *ui, int i)
{
    return ui->lang == GB_LANG_EN ? ui->ses.fail_en[i] : ui->ses.fail_zh[i];
}

/* Geometry of the failed reasons: the text's width and each row's height. */
typedef struct fail_layout {
    int text_x, text_w;
    int row_h[GB_SESSION_MAX_FAILS];
    int total; /* every row and the gaps between them */
} fail_layout;

static void measure_fails(gb_ui *ui, int x, int w, fail_layout *L)
{
    gb_session *s = &ui->ses;
    int pad = gb_px(ui, ROW_PAD), pic = gb_px(ui, PIC);
    L->text_x = x + pad + pic + gb_px(ui, 24);
    L->text_w = x + w - pad - L->text_x;
    L->total = 0;
    for (int i = 0; i < s->nfails; i++) {
        int text_h = gb_text_wrap(ui->text, fail_text(ui, i), gb_px(ui, GB_FS_BODY), GB_C_TEXT, 0, 0, L->text_w, -1, 0);
        L->row_h[i] = (text_h > pic ? text_h : pic) + 2 * pad;
        L->total += L->row_h[i] + (i ? gb_px(ui, ROW_GAP) : 0);
    }
}

/* The first row of each page when rows are cut into pages of height h.
 * Returns the number of pages. */
static int paginate(const gb_ui *ui, const fail_layout *L, int n, int h, int *starts)
{
    int pages = 0, used = 0;
    for (int i = 0; i < n; i++) {
        int need = L->row_h[i] + (used ? gb_px(ui, ROW_GAP) : 0);
        if (!pages || (used && used + need > h)) {
            starts[pages++] = i;
            used = 0;
            need = L->row_h[i];
        }
        used += need;
    }
    return pages;
}

static void draw_fail_row(gb_ui *ui, int i, int x, int y, int w, const fail_layout *L)
{
    gb_session *s = &ui->ses;
    int pad = gb_px(ui, ROW_PAD), pic = gb_px(ui, PIC), h = L->row_h[i];
    gb_fill(ui, (SDL_Rect){x, y, w, h}, GB_C_PANEL);
    gb_fill(ui, (SDL_Rect){x, y, gb_px(ui, 6), h}, GB_C_BAD);
    gb_pictogram_draw(ui, gb_pictogram_for(s->fail_id[i], s->fail_en[i]),
                      (SDL_Rect){x + pad + gb_px(ui, 4), y + (h - pic) / 2, pic, pic});
    int text_h = gb_text_wrap(ui->text, fail_text(ui, i), gb_px(ui, GB_FS_BODY), GB_C_TEXT, 0, 0, L->text_w, -1, 0);
    gb_label_wrap(ui, fail_text(ui, i), GB_FS_BODY, GB_C_TEXT, L->text_x, y + (h - text_h) / 2, L->text_w, -1);
}

/* The failed reasons between top and bottom, a page at a time when they
 * do not all fit. */
static void draw_fails(gb_ui *ui, int x, int w, int top, int bottom, const fail_layout *L)
{
    gb_session *s = &ui->ses;
    int starts[GB_SESSION_MAX_FAILS];
    if (ui->lang != page_lang)
        page = 0;
    page_lang = ui->lang;
    int pages = paginate(ui, L, s->nfails, bottom - top, starts);
    if (pages > 1) /* room for the page buttons */
        pages = paginate(ui, L, s->nfails, bottom - top - gb_px(ui, PAGER_H + 10), starts);
    if (page >= pages)
        page = pages - 1;
    if (page < 0)
        page = 0;
    int end = page + 1 < pages ? starts[page + 1] : s->nfails;
    int y = top;
    for (int i = pages ? starts[page] : 0; i < end; i++) {
        draw_fail_row(ui, i, x, y, w, L);
        y += L->row_h[i] + gb_px(ui, ROW_GAP);
    }
    if (pages > 1)
        gb_pager(ui, "fails", (SDL_Rect){x, bottom - gb_px(ui, PAGER_H), w, gb_px(ui, PAGER_H)}, page, pages);
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_RESULT_TITLE), 1) + gb_px(ui, 40);
    int x = gb_px(ui, 60), w = ui->w - gb_px(ui, 120);
    int bottom = ui->h - gb_px(ui, 440); /* above the retakes line and the buttons */
    int ph = gb_px(ui, PHOTO_H);
    fail_layout L;
    int title_h = 0;
    if (!s->photo_pass) {
        /* the photo gives up height to the reasons, down to PHOTO_MIN_H (at
         * once when there is none: the crop was impossible) */
        measure_fails(ui, x, w, &L);
        title_h = gb_text_wrap(ui->text, gb_ui_msg(ui, GB_MSG_RESULT_FAIL), gb_px(ui, GB_FS_LARGE), GB_C_BAD, 0, 0,
                               w, -1, 0);
        int room = bottom - y - gb_px(ui, 40) - title_h - gb_px(ui, 20) - L.total;
        if (room < ph)
            ph = room > gb_px(ui, PHOTO_MIN_H) ? room : gb_px(ui, PHOTO_MIN_H);
        if (!tex)
            ph = gb_px(ui, NO_PHOTO_H);
    }
    int pw = ph * 3 / 4;
    SDL_Rect pr = {(ui->w - pw) / 2, y, pw, ph};
    gb_fill(ui, pr, (SDL_Color){220, 222, 226, 255});
    if (tex) {
        SDL_RenderCopy(ui->r, tex, NULL, &pr);
        (void)tw;
        (void)th;
    }
    gb_frame(ui, (SDL_Rect){pr.x - gb_px(ui, 6), pr.y - gb_px(ui, 6), pr.w + gb_px(ui, 12), pr.h + gb_px(ui, 12)},
             s->photo_pass ? GB_C_OK : GB_C_BAD, gb_px(ui, 6));
    if (s->photo_pass) {
        y += ph + gb_px(ui, 50);
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_RESULT_PASS), GB_FS_TITLE, GB_C_OK, x, y, w, 0);
    } else {
        y += ph + gb_px(ui, 40);
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_RESULT_FAIL), GB_FS_LARGE, GB_C_BAD, x, y, w, -1);
        y += gb_px(ui, 20);
        draw_fails(ui, x, w, y, bottom, &L);
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
