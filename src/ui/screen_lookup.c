/* Order lookup (student flow step 7, "come back"): the student scans the
 * collection code again (camera or USB scanner), types the last four of
 * their ID number, and sees their orders (in any batch) with their
 * status: awaiting payment, pending review, approved, rejected with the
 * reviewer's reason. The suffix is asked because the orders show a
 * rejection reason and lead to a retake: a code alone (a screenshot passed
 * around) must not be enough. A rejected order leads to a retake at the photo
 * screen for that same order, without paying again (the result screen
 * moves it rejected -> retaken -> resubmitted). The identity flow comes here
 * too when the student already has an open order, instead of opening a
 * second one. The code is never logged, only its fingerprint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "store/order.h"
#include "ui/code_scan.h"
#include "ui/text.h"
#include "ui/widgets.h"

#include <sodium.h>

/* Every state of the order machine (core/order_state.h), as a student
 * reads it. No default: a state added there fails the build here until it
 * has its words, mark and colour. Marks are glyphs Noto Sans CJK has (✓ ×
 * ○ ¥ –; it has no ✗, which drew as an empty box). */
gb_state_look gb_ui_state_look(gb_order_state s)
{
    switch (s) {
    case GB_OS_VERIFIED:
    case GB_OS_INFO_CONFIRMED:
    case GB_OS_PHOTO_ACCEPTED: return (gb_state_look){GB_MSG_STATE_IN_PROGRESS, "…", GB_TONE_MUTED};
    case GB_OS_AWAITING_PAYMENT: return (gb_state_look){GB_MSG_STATE_AWAITING_PAYMENT, "¥", GB_TONE_NEUTRAL};
    /* paid, queued, uploaded, or retaken after a rejection: the reviewer
     * has not said yes or no (yet again) */
    case GB_OS_PAID:
    case GB_OS_SUBMITTED:
    case GB_OS_SYNCED:
    case GB_OS_RETAKEN:
    case GB_OS_RESUBMITTED: return (gb_state_look){GB_MSG_STATE_PENDING_REVIEW, "○", GB_TONE_NEUTRAL};
    case GB_OS_APPROVED: return (gb_state_look){GB_MSG_STATE_APPROVED, "✓", GB_TONE_OK};
    case GB_OS_REJECTED: return (gb_state_look){GB_MSG_STATE_REJECTED, "×", GB_TONE_BAD};
    case GB_OS_CANCELLED: return (gb_state_look){GB_MSG_STATE_CANCELLED, "–", GB_TONE_MUTED};
    case GB_OS_COUNT: break;
    }
    return (gb_state_look){GB_MSG_STATE_IN_PROGRESS, "…", GB_TONE_MUTED};
}

gb_msg gb_ui_state_msg(gb_order_state s)
{
    return gb_ui_state_look(s).msg;
}

/* Orders a student comes back for: complete ones (from awaiting payment
 * on). Unfinished sessions were cancelled when the student left. */
static int shown(gb_order_state s)
{
    return s != GB_OS_CANCELLED && s != GB_OS_VERIFIED && s != GB_OS_INFO_CONFIRMED && s != GB_OS_PHOTO_ACCEPTED;
}

int gb_ui_lookup_orders(gb_ui *ui, const char *code, const char *last4)
{
    gb_session *s = &ui->ses;
    s->nlookup = 0;
    memset(s->lookup, 0, sizeof s->lookup);
    gb_code_identity id;
    gb_err err;
    s->code_why = ui->decoder->decode(code, strlen(code), &id, &err);
    if (s->code_why != GB_CODE_OK)
        return 1;
    gb_batch *batches = NULL;
    size_t nb = 0;
    int rc = 0, found = 0, matched = 0;
    if (gb_batch_list(ui->st, &batches, &nb, &err) < 0) {
        gb_log_error("kiosk: lookup: %s", err.msg);
        rc = -1;
        goto out;
    }
    for (size_t b = 0; b < nb && s->nlookup < GB_LOOKUP_MAX; b++) {
        /* every batch, not only the active ones: a rejected order must be
         * found after staff have switched its batch off */
        gb_student stu;
        int f = gb_student_find(ui->st, batches[b].batch_no, id.student_no, &stu, &err);
        if (f < 0) {
            gb_log_error("kiosk: lookup: %s", err.msg);
            rc = -1;
            break;
        }
        int suffix_ok = f == 0 && (!last4 || gb_identity_same_suffix(last4, stu.id_last4));
        memset(&stu, 0, sizeof stu);
        if (f != 0)
            continue;
        found++;
        if (!suffix_ok)
            continue;
        matched++;
        gb_order *list = NULL;
        size_t n = 0;
        if (gb_order_list(ui->st, batches[b].batch_no, NULL, 1000000, &list, &n, &err) < 0) {
            gb_log_error("kiosk: lookup: %s", err.msg);
            rc = -1;
            break;
        }
        for (size_t i = 0; i < n && s->nlookup < GB_LOOKUP_MAX; i++)
            if (strcmp(list[i].student_no, id.student_no) == 0 && shown(list[i].state))
                s->lookup[s->nlookup++] = list[i];
        if (list)
            memset(list, 0, n * sizeof *list);
        free(list);
    }
out:
    free(batches);
    memset(&id, 0, sizeof id);
    if (rc == 0 && found && !matched)
        rc = 2;
    s->lookup_done = 1;
    char fp[9];
    gb_code_fingerprint(code, strlen(code), fp);
    if (rc == 2)
        gb_log_info("kiosk: lookup for code %s: ID suffix does not match", fp);
    else
        gb_log_info("kiosk: lookup for code %s: %d order(s)", fp, s->nlookup);
    return rc;
}

static int unreadable, store_failed;
static gb_code_scan cam;
static int opage; /* the page of order cards shown */

/* Design pixels (1080 px wide): the pager row under the order cards. */
enum { PAGER_H = 100 };

static void enter(gb_ui *ui)
{
    unreadable = store_failed = opage = 0;
    if (!ui->ses.lookup_existing)
        snprintf(ui->focus, sizeof ui->focus, "last4");
    gb_code_scan_start(ui, &cam);
}

static void leave(gb_ui *ui)
{
    (void)ui;
    gb_code_scan_stop(&cam);
}

static void forget_orders(gb_session *s)
{
    memset(s->lookup, 0, sizeof s->lookup);
    s->nlookup = 0;
}

/* A new code (scanned here or on the welcome screen): readable? Any
 * orders at all? Nothing is shown before the ID suffix. */
static void first_look(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int rc = gb_ui_lookup_orders(ui, s->code, NULL);
    int none = rc == 0 && s->nlookup == 0;
    forget_orders(s);
    s->lookup_done = 0;
    s->lookup_verified = 0;
    unreadable = rc == 1;
    store_failed = rc < 0;
    if (rc == 1 && s->lookup_auto) {
        /* scanned on the welcome screen and refused: the identity failure
         * that says which way (the words of the scanner panel), without
         * asking for anything first */
        s->lookup_auto = 0;
        s->id_result = s->code_why == GB_CODE_DAMAGED ? GB_ID_CODE_UNREADABLE : GB_ID_NOT_A_CODE;
        gb_ui_go(ui, GB_SCREEN_FAIL);
    } else if (none && s->lookup_auto) {
        /* a scan on the welcome screen by a student with no order yet: the
         * usual start (the identity screen asks the suffix) */
        s->lookup_auto = 0;
        gb_ui_go(ui, GB_SCREEN_IDENTITY);
    }
    if (rc == 1) {
        memset(s->code, 0, sizeof s->code);
        s->code_scanned = 0;
    }
}

static void show_orders(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    s->has_notice = 1;
    if (strlen(s->last4) != 4) {
        s->notice = GB_MSG_ID_MISSING_LAST4;
        return;
    }
    if (gb_ui_code_locked(ui, s->code)) {
        memset(s->last4, 0, sizeof s->last4);
        s->notice = GB_MSG_FAIL_TOO_MANY_TRIES;
        return;
    }
    int rc = gb_ui_lookup_orders(ui, s->code, s->last4);
    s->has_notice = 0;
    if (rc == 2) {
        forget_orders(s);
        s->lookup_done = 0;
        memset(s->last4, 0, sizeof s->last4);
        s->has_notice = 1;
        s->notice = gb_ui_code_failed(ui, s->code) ? GB_MSG_FAIL_TOO_MANY_TRIES : GB_MSG_FAIL_SUFFIX_MISMATCH;
        return;
    }
    if (rc == 0)
        gb_ui_code_passed(ui, s->code);
    unreadable = rc == 1;
    store_failed = rc < 0;
    s->lookup_verified = rc == 0;
}

static void update(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    if (s->lookup_existing)
        return;
    if (!s->code[0]) {
        char payload[sizeof s->code];
        if (gb_code_scan_update(ui, &cam, payload, sizeof payload)) {
            memcpy(s->code, payload, sizeof s->code);
            s->code_scanned = 1;
            s->lookup_auto = 0;
            first_look(ui);
        }
        sodium_memzero(payload, sizeof payload);
    } else if (!s->lookup_done && !s->lookup_verified && s->lookup_auto) {
        first_look(ui);
    }
}

static void retake(gb_ui *ui, int i)
{
    gb_session *s = &ui->ses;
    gb_err err;
    gb_order o = s->lookup[i];
    if (gb_batch_get(ui->st, o.batch_no, &s->batch, &err) != 0 ||
        gb_student_find(ui->st, o.batch_no, o.student_no, &s->student, &err) != 0) {
        store_failed = 1;
        return;
    }
    s->order = o;
    s->photos_taken = 0;
    gb_log_info("kiosk: order %s: retake after rejection", o.order_no);
    gb_ui_go(ui, GB_SCREEN_PHOTO);
}

static void input(gb_ui *ui, const gb_input *in)
{
    gb_session *s = &ui->ses;
    if (in->kind == GB_IN_SCAN) {
        /* a new code: whatever was shown for the last one goes */
        memset(s->code, 0, sizeof s->code);
        memset(s->last4, 0, sizeof s->last4);
        forget_orders(s);
        s->code_scanned = 0;
        s->lookup_auto = 0;
        s->lookup_existing = 0;
        s->lookup_done = 0;
        s->lookup_verified = 0;
        s->has_notice = 0;
        unreadable = store_failed = opage = 0;
        if (!gb_code_scan_check(ui, &cam, in->text, "scanner"))
            return; /* the scanner panel says why, in the camera's words */
        snprintf(s->code, sizeof s->code, "%s", in->text);
        s->code_scanned = 1;
        first_look(ui);
        return;
    }
    int asking = s->code[0] && !s->lookup_verified && !s->lookup_existing;
    if (asking && ((in->kind == GB_IN_TAP && strcmp(in->id, "show") == 0) ||
                   (in->kind == GB_IN_KEY && in->key == SDLK_RETURN))) {
        show_orders(ui);
        return;
    }
    if (asking && gb_field_apply(in, s->last4, sizeof s->last4, 4, "0123456789X"))
        return;
    if (in->kind != GB_IN_TAP)
        return;
    if (strcmp(in->id, "start") == 0 && s->lookup_done && s->nlookup == 0 && !unreadable) {
        gb_ui_go(ui, GB_SCREEN_IDENTITY);
        return;
    }
    if (strcmp(in->id, "orders-next") == 0) {
        opage++; /* draw keeps it in range */
        return;
    }
    if (strcmp(in->id, "orders-prev") == 0 && opage > 0) {
        opage--;
        return;
    }
    int i;
    if (sscanf(in->id, "retake-%d", &i) == 1 && i >= 0 && i < s->nlookup && s->lookup[i].state == GB_OS_REJECTED)
        retake(ui, i);
    else if (sscanf(in->id, "pay-%d", &i) == 1 && i >= 0 && i < s->nlookup &&
             s->lookup[i].state == GB_OS_AWAITING_PAYMENT) {
        s->order = s->lookup[i];
        gb_ui_go(ui, GB_SCREEN_PAYMENT);
    }
}

/* Order i of the list as a card at (x, y), w wide: number, batch, the
 * status with its mark, and what the student can do (retake, pay).
 * Returns its height; with draw 0 it only measures. */
static int order_card(gb_ui *ui, int i, int x, int y, int w, int draw)
{
    const gb_order *o = &ui->ses.lookup[i];
    int top = y, pad = gb_px(ui, 30), iw = w - 2 * pad;
    y += pad;
    char t[160];
    if (draw) {
        snprintf(t, sizeof t, "%s  %s", gb_ui_msg(ui, GB_MSG_DONE_ORDER), o->order_no);
        gb_label(ui, t, GB_FS_BODY, GB_C_MUTED, x + pad, y, -1);
        snprintf(t, sizeof t, "%s  %s", gb_ui_msg(ui, GB_MSG_LOOKUP_BATCH), o->batch_no);
        gb_label(ui, t, GB_FS_BODY, GB_C_MUTED, x + pad, y + gb_px(ui, 60), -1);
        /* the mark and the words in one colour: green tick approved, red
         * cross rejected, neutral while waiting */
        gb_state_look look = gb_ui_state_look(o->state);
        snprintf(t, sizeof t, "%s %s", look.mark, gb_ui_msg(ui, look.msg));
        gb_label(ui, t, GB_FS_TITLE, gb_tone_colour(look.tone), x + pad, y + gb_px(ui, 130), -1);
    }
    y += gb_px(ui, 230);
    if (o->state == GB_OS_REJECTED) {
        snprintf(t, sizeof t, ui->lang == GB_LANG_EN ? "%s:" : "%s：", gb_ui_msg(ui, GB_MSG_LOOKUP_REASON));
        if (draw)
            gb_label(ui, t, GB_FS_BODY, GB_C_MUTED, x + pad, y, -1);
        y += gb_px(ui, 55);
        const char *why = o->reject_reason[0] ? o->reject_reason : "—";
        y += (draw ? gb_label_wrap(ui, why, GB_FS_BODY, GB_C_TEXT, x + pad, y, iw, -1)
                   : gb_text_wrap(ui->text, why, gb_px(ui, GB_FS_BODY), GB_C_TEXT, x + pad, y, iw, -1, 0)) +
             gb_px(ui, 30);
        char id[32];
        snprintf(id, sizeof id, "retake-%d", i);
        gb_msg blocked;
        if (gb_ui_photo_blocked(ui, &blocked)) {
            /* no retake into a photo screen without a camera: say why */
            if (draw)
                gb_label_wrap(ui, gb_ui_msg(ui, blocked), GB_FS_BODY, GB_C_BAD, x + pad, y, iw, -1);
        } else if (draw) {
            gb_button(ui, id, gb_ui_msg(ui, GB_MSG_LOOKUP_RETAKE), (SDL_Rect){x + pad, y, iw, gb_px(ui, 150)},
                      GB_BTN_PRIMARY, 1);
        }
        y += gb_px(ui, 150);
    } else if (o->state == GB_OS_AWAITING_PAYMENT) {
        char id[32];
        snprintf(id, sizeof id, "pay-%d", i);
        if (draw)
            gb_button(ui, id, gb_ui_msg(ui, GB_MSG_LOOKUP_PAY), (SDL_Rect){x + pad, y, iw, gb_px(ui, 150)},
                      GB_BTN_PRIMARY, 1);
        y += gb_px(ui, 150);
    }
    y += pad;
    if (draw)
        gb_frame(ui, (SDL_Rect){x, top, w, y - top}, GB_C_MUTED, gb_px(ui, 2));
    return y - top;
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_LOOKUP_TITLE), 1) + gb_px(ui, 50);
    int x = gb_px(ui, 70), w = ui->w - gb_px(ui, 140);
    if (!s->code[0] || store_failed) {
        if (unreadable)
            y += gb_label_wrap(ui, gb_ui_msg(ui, gb_code_refusal_msg(s->code_why)), GB_FS_LARGE, GB_C_BAD, x, y, w,
                               -1) +
                 gb_px(ui, 40);
        if (store_failed)
            y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_FAIL_STORE), GB_FS_LARGE, GB_C_BAD, x, y, w, -1) +
                 gb_px(ui, 40);
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_LOOKUP_SCAN), GB_FS_LARGE, GB_C_TEXT, x, y, w, -1) +
             gb_px(ui, 40);
        if (!s->code[0])
            gb_code_scan_draw(ui, &cam, (SDL_Rect){x, y, w, w * 3 / 4 + gb_px(ui, 260)});
        return;
    }
    if (!s->lookup_verified && !s->lookup_existing) {
        char t[128];
        snprintf(t, sizeof t, "\xe2\x9c\x93 %s", gb_ui_msg(ui, GB_MSG_ID_CODE_SCANNED));
        gb_label(ui, t, GB_FS_LARGE, GB_C_OK, x, y, -1);
        y += gb_px(ui, 100);
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_LOOKUP_LAST4_PROMPT), GB_FS_BODY, GB_C_TEXT, x, y, w, -1) +
             gb_px(ui, 70);
        gb_field(ui, "last4", gb_ui_msg(ui, GB_MSG_ID_LAST4), s->last4,
                 (SDL_Rect){x + w / 4, y, w / 2, gb_px(ui, 110)}, 0);
        y += gb_px(ui, 130);
        if (s->has_notice)
            gb_label_wrap(ui, gb_ui_msg(ui, s->notice), GB_FS_BODY, GB_C_BAD, x, y, w, 0);
        y += gb_px(ui, 110);
        gb_keypad(ui, (SDL_Rect){gb_px(ui, 180), y, ui->w - gb_px(ui, 360), gb_px(ui, 560)}, 1);
        gb_button(ui, "show", gb_ui_msg(ui, GB_MSG_LOOKUP_SHOW),
                  (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 240), ui->w - gb_px(ui, 380), gb_px(ui, 170)},
                  GB_BTN_PRIMARY, 1);
        return;
    }
    if (s->nlookup == 0) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_LOOKUP_NONE), GB_FS_TITLE, GB_C_TEXT, x, y + gb_px(ui, 200), w, 0);
        gb_msg blocked;
        if (gb_ui_photo_blocked(ui, &blocked))
            gb_label_wrap(ui, gb_ui_msg(ui, blocked), GB_FS_BODY, GB_C_BAD, x, ui->h - gb_px(ui, 400), w, 0);
        else
            gb_button(ui, "start", gb_ui_msg(ui, GB_MSG_LOOKUP_START),
                      (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 400), ui->w - gb_px(ui, 380), gb_px(ui, 180)},
                      GB_BTN_PRIMARY, 1);
        return;
    }
    if (s->lookup_existing) {
        /* the identity check led here: an approved photo is the end of
         * it (nothing to do), any other order is the one to go on with */
        int approved = 0;
        for (int i = 0; i < s->nlookup; i++)
            approved |= s->lookup[i].state == GB_OS_APPROVED && strcmp(s->lookup[i].batch_no, s->batch_no) == 0;
        y += gb_label_wrap(ui, gb_ui_msg(ui, approved ? GB_MSG_ALREADY_APPROVED : GB_MSG_LOOKUP_EXISTING), GB_FS_LARGE,
                           GB_C_TEXT, x, y, w, -1) +
             gb_px(ui, 30);
    }
    /* whole cards from y down, a page at a time when they do not all fit
     * (a rejected order's card is tall: its reason and the retake button) */
    int bottom = ui->h - gb_px(ui, 40), gap = gb_px(ui, 40), room = bottom - y;
    int h[GB_LOOKUP_MAX], used = 0;
    for (int i = 0; i < s->nlookup; i++) {
        h[i] = order_card(ui, i, x, 0, w, 0);
        used += h[i] + (i ? gap : 0);
    }
    if (used > room)
        room -= gb_px(ui, PAGER_H + 20);
    int starts[GB_LOOKUP_MAX], pages = 0;
    for (int i = 0, fill = 0; i < s->nlookup; i++) {
        if (!pages || (fill && fill + gap + h[i] > room)) {
            starts[pages++] = i;
            fill = 0;
        }
        fill += (fill ? gap : 0) + h[i];
    }
    if (opage >= pages)
        opage = pages - 1;
    if (opage < 0)
        opage = 0;
    int end = opage + 1 < pages ? starts[opage + 1] : s->nlookup;
    for (int i = starts[opage]; i < end; i++)
        y += order_card(ui, i, x, y, w, 1) + gap;
    if (pages > 1)
        gb_pager(ui, "orders", (SDL_Rect){x, bottom - gb_px(ui, PAGER_H), w, gb_px(ui, PAGER_H)}, opage, pages);
}

const gb_screen_ops gb_screen_lookup = {"lookup", 1, enter, input, update, draw, leave};
