/* Identity: the collection code (held up to the camera, scanned with a
 * USB scanner, or typed), the batch number, the last four characters of
 * the ID number and, when the batch asks for it, the school feature code.
 * The batch: with one active batch it is preselected in a field (typed
 * over if the school's notice says otherwise); with several, every active
 * batch is a chip to tap (a page of them at a time) and none is chosen
 * for the student: left alone, the batch whose roster has the code's
 * student is taken. A code the decoder refuses is refused on the spot, in
 * the scanner panel's words (code_scan.h), camera or USB scanner alike.
 * The check itself is core/identity.c; this screen looks the rows up and
 * opens the order. The code is never logged, only its fingerprint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "store/order.h"
#include "ui/code_scan.h"
#include "ui/widgets.h"

#include <sodium.h>

static gb_code_scan cam;

/* The active batches (not personal: what the kiosk serves), for the
 * chips; the page of chips shown. */
static gb_batch *batches;
static size_t nbatches;
static int chip_page;

/* Chips in the row: three; with more batches two and "more". */
#define CHIPS_PER_ROW 3

static int feature_needed(gb_ui *ui)
{
    gb_batch b;
    gb_err err;
    return ui->ses.batch_no[0] && gb_batch_get(ui->st, ui->ses.batch_no, &b, &err) == 0 &&
           b.feature_code_required;
}

static int chips_shown(void)
{
    return nbatches > 1;
}

static void enter(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    free(batches);
    batches = NULL;
    nbatches = 0;
    chip_page = 0;
    /* only batches open now: one not open yet or ended is no choice (a
     * window that closes while the student types is the check's to say,
     * core/identity.c) */
    gb_ui_active_batches(ui, 1, &batches, &nbatches);
    /* preselected only when there is nothing to choose */
    if (!s->batch_no[0] && nbatches == 1)
        snprintf(s->batch_no, sizeof s->batch_no, "%s", batches[0].batch_no);
    /* The keypad is for the ID suffix: the code comes from the camera or
     * the scanner, and is typed only when the student taps its field. */
    snprintf(ui->focus, sizeof ui->focus, "last4");
    s->has_notice = 0;
    gb_code_scan_start(ui, &cam);
}

static void leave(gb_ui *ui)
{
    (void)ui;
    gb_code_scan_stop(&cam);
    free(batches);
    batches = NULL;
    nbatches = 0;
}

static int has_approved(gb_ui *ui, const char *batch_no, const char *student_no)
{
    gb_order *list = NULL;
    size_t n = 0;
    gb_err err;
    if (gb_order_list(ui->st, batch_no, "approved", 100000, &list, &n, &err) < 0)
        return 0;
    int found = 0;
    for (size_t i = 0; i < n && !found; i++)
        found = strcmp(list[i].student_no, student_no) == 0;
    free(list);
    return found;
}

/* A kiosk may serve several batches at once (two schools, or a school's
 * two rounds): unless the student chose one, the batch is the active one
 * whose roster has the code's student, an open one first. Nothing
 * changes when no active batch has them (the check then says so for the
 * preselected batch). */
static void batch_of_student(gb_ui *ui, const char *student_no)
{
    gb_batch *list = NULL;
    size_t n = 0;
    gb_err err;
    if (gb_batch_list(ui->st, &list, &n, &err) < 0)
        return;
    char now[17];
    gb_local_minute(time(NULL), now);
    int best = -1, best_open = 0;
    for (size_t i = 0; i < n; i++) {
        if (!list[i].active)
            continue;
        gb_student stu;
        int f = gb_student_find(ui->st, list[i].batch_no, student_no, &stu, &err);
        sodium_memzero(&stu, sizeof stu);
        if (f != 0)
            continue;
        int open = gb_batch_window(&list[i], now) == GB_WINDOW_OPEN;
        if (best < 0 || (open && !best_open)) {
            best = (int)i;
            best_open = open;
        }
    }
    if (best >= 0 && strcmp(ui->ses.batch_no, list[best].batch_no) != 0) {
        gb_log_info("kiosk: batch %s taken from the code's student", list[best].batch_no);
        snprintf(ui->ses.batch_no, sizeof ui->ses.batch_no, "%s", list[best].batch_no);
    }
    free(list);
}

static void fail(gb_ui *ui, gb_identity_result r)
{
    ui->ses.id_result = r;
    gb_log_info("kiosk: identity check failed: %s", gb_identity_result_name(r));
    gb_ui_go(ui, GB_SCREEN_FAIL);
}

static void verify(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    s->has_notice = 1;
    if (!s->code[0]) {
        s->notice = GB_MSG_ID_MISSING_CODE;
        return;
    }
    if (strlen(s->last4) != 4) {
        s->notice = GB_MSG_ID_MISSING_LAST4;
        snprintf(ui->focus, sizeof ui->focus, "last4");
        return;
    }
    if (feature_needed(ui) && !s->feature[0]) {
        s->notice = GB_MSG_ID_MISSING_FEATURE;
        snprintf(ui->focus, sizeof ui->focus, "feature");
        return;
    }
    s->has_notice = 0;
    char fp[9];
    gb_code_fingerprint(s->code, strlen(s->code), fp);
    gb_log_info("kiosk: verifying code %s for batch %s", fp, s->batch_no);
    if (gb_ui_code_locked(ui, s->code)) {
        fail(ui, GB_ID_TOO_MANY_TRIES);
        return;
    }
    gb_code_identity id;
    gb_err err;
    gb_code_status why = ui->decoder->decode(s->code, strlen(s->code), &id, &err);
    if (why != GB_CODE_OK) {
        /* a typed code (a scanned one was checked when it came) */
        fail(ui, why == GB_CODE_DAMAGED ? GB_ID_CODE_UNREADABLE : GB_ID_NOT_A_CODE);
        return;
    }
    if (!s->batch_typed)
        batch_of_student(ui, id.student_no);
    if (!s->batch_no[0]) {
        /* several batches, none chosen, and no active roster has the
         * code's student */
        memset(&id, 0, sizeof id);
        fail(ui, GB_ID_NOT_IN_BATCH);
        return;
    }
    int bf = gb_batch_get(ui->st, s->batch_no, &s->batch, &err);
    int sf = 1;
    if (bf == 0)
        sf = gb_student_find(ui->st, s->batch_no, id.student_no, &s->student, &err);
    if (bf < 0 || sf < 0) {
        gb_log_error("kiosk: identity lookup: %s", err.msg);
        fail(ui, GB_ID_BATCH_UNKNOWN);
        return;
    }
    char now[17];
    gb_local_minute(time(NULL), now);
    gb_identity_input in = {
        .batch = bf == 0 ? &s->batch : NULL,
        .student_found = sf == 0,
        .roster_id_last4 = s->student.id_last4,
        .roster_feature_code = s->student.feature_code,
        .has_approved_order = sf == 0 && has_approved(ui, s->batch_no, id.student_no),
        .typed_id_last4 = s->last4,
        .typed_feature_code = s->feature,
        .now = now,
    };
    gb_identity_result r = gb_identity_check(&in);
    memset(&id, 0, sizeof id);
    if ((r == GB_ID_SUFFIX_MISMATCH || r == GB_ID_FEATURE_CODE_MISMATCH) && gb_ui_code_failed(ui, s->code))
        r = GB_ID_TOO_MANY_TRIES;
    if (r != GB_ID_OK && r != GB_ID_ALREADY_APPROVED) {
        fail(ui, r);
        return;
    }
    gb_ui_code_passed(ui, s->code);
    /* An order awaiting payment, in review, rejected or approved already:
     * show it instead of opening a second one (an approved one with its
     * green tick: good news, not a failed check). */
    if (gb_ui_lookup_orders(ui, s->code, NULL) == 0)
        for (int i = 0; i < s->nlookup; i++)
            if (strcmp(s->lookup[i].batch_no, s->batch_no) == 0) {
                s->lookup_existing = 1;
                s->lookup_verified = 1;
                gb_log_info("kiosk: order %s exists, shown instead of a new one", s->lookup[i].order_no);
                gb_ui_go(ui, GB_SCREEN_LOOKUP);
                return;
            }
    s->nlookup = 0;
    s->lookup_done = 0;
    s->lookup_verified = 0;
    memset(s->lookup, 0, sizeof s->lookup);
    if (r == GB_ID_ALREADY_APPROVED) { /* the order could not be listed */
        fail(ui, r);
        return;
    }
    if (gb_order_create(ui->st, s->student.id, &s->order, &err) < 0) {
        gb_log_error("kiosk: order not created: %s", err.msg);
        s->has_notice = 1;
        s->notice = GB_MSG_FAIL_STORE;
        return;
    }
    gb_log_info("kiosk: order %s opened (batch %s)", s->order.order_no, s->batch_no);
    gb_ui_go(ui, GB_SCREEN_INFO);
}

/* A code the decoder accepted (camera or USB scanner) is held. */
static void hold_code(gb_ui *ui, const char *payload)
{
    gb_session *s = &ui->ses;
    memset(s->code, 0, sizeof s->code);
    snprintf(s->code, sizeof s->code, "%s", payload);
    s->code_scanned = 1;
    s->has_notice = 0;
    snprintf(ui->focus, sizeof ui->focus, "last4");
}

static void input(gb_ui *ui, const gb_input *in)
{
    gb_session *s = &ui->ses;
    if (in->kind == GB_IN_SCAN) {
        if (gb_code_scan_check(ui, &cam, in->text, "scanner")) {
            hold_code(ui, in->text);
        } else {
            /* refused: the panel comes back and says why, as for the
             * camera; a code held before goes (a new scan replaces it) */
            memset(s->code, 0, sizeof s->code);
            s->code_scanned = 0;
            s->has_notice = 0;
            if (strcmp(ui->focus, "code") == 0)
                snprintf(ui->focus, sizeof ui->focus, "last4");
        }
        return;
    }
    if (in->kind == GB_IN_TAP) {
        if (strcmp(in->id, "verify") == 0) {
            verify(ui);
            return;
        }
        int i;
        if (chips_shown() && sscanf(in->id, "batch-%d", &i) == 1 && i >= 0 && (size_t)i < nbatches) {
            snprintf(s->batch_no, sizeof s->batch_no, "%s", batches[i].batch_no);
            s->batch_typed = 1; /* the student's choice, kept whatever the code says */
            return;
        }
        if (chips_shown() && strcmp(in->id, "batches-more") == 0) {
            chip_page++; /* draw wraps it round */
            return;
        }
        if (strcmp(in->id, "code") == 0 || strcmp(in->id, "batch") == 0 || strcmp(in->id, "last4") == 0 ||
            strcmp(in->id, "feature") == 0) {
            snprintf(ui->focus, sizeof ui->focus, "%s", in->id);
            if (strcmp(in->id, "code") == 0 && s->code_scanned) {
                /* tapping a scanned code means: scan again, or type it */
                memset(s->code, 0, sizeof s->code);
                s->code_scanned = 0;
            }
            return;
        }
    }
    if (in->kind == GB_IN_KEY && in->key == SDLK_RETURN) {
        verify(ui);
        return;
    }
    if (in->kind == GB_IN_KEY && in->key == SDLK_TAB) {
        const char *order[] = {"code", "batch", "last4", "feature"};
        int n = feature_needed(ui) ? 4 : 3, i = 0;
        while (i < n && strcmp(order[i], ui->focus) != 0)
            i++;
        i = (i + 1) % n;
        if (chips_shown() && i == 1) /* chips are tapped, not typed into */
            i = 2;
        snprintf(ui->focus, sizeof ui->focus, "%s", order[i]);
        return;
    }
    if (strcmp(ui->focus, "code") == 0)
        gb_field_apply(in, s->code, sizeof s->code, sizeof s->code - 1, "");
    else if (strcmp(ui->focus, "batch") == 0 && !chips_shown()) {
        if (gb_field_apply(in, s->batch_no, sizeof s->batch_no, 32,
                           "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")) {
            s->batch_typed = 1;
            for (char *c = s->batch_no; *c; c++) /* batch numbers are kept in capitals */
                if (*c >= 'a' && *c <= 'z')
                    *c = (char)(*c - 'a' + 'A');
        }
    }
    else if (strcmp(ui->focus, "last4") == 0)
        gb_field_apply(in, s->last4, sizeof s->last4, 4, "0123456789X");
    else if (strcmp(ui->focus, "feature") == 0)
        gb_field_apply(in, s->feature, sizeof s->feature, 32, "");
}

static void update(gb_ui *ui)
{
    /* The camera keeps reading while a code is held: a student told
     * "not in the list" may show another record's code, which then
     * replaces the one held (the same code again changes nothing). */
    char payload[sizeof ui->ses.code];
    if (gb_code_scan_update(ui, &cam, payload, sizeof payload) && strcmp(payload, ui->ses.code) != 0)
        hold_code(ui, payload);
    sodium_memzero(payload, sizeof payload);
}

/* The active batches as chips in a row, the chosen one filled: its
 * number, and its school under it. More than a row: two a page and a
 * "more" chip that turns the page (round to the first). Returns the y of
 * the next row. */
static int draw_chips(gb_ui *ui, int x, int y, int w)
{
    gb_session *s = &ui->ses;
    gb_label(ui, gb_ui_msg(ui, GB_MSG_ID_BATCH_PICK), GB_FS_SMALL, GB_C_MUTED, x, y - gb_px(ui, 42), -1);
    int gap = gb_px(ui, 20), cw = (w - (CHIPS_PER_ROW - 1) * gap) / CHIPS_PER_ROW, ch = gb_px(ui, 120);
    int per = nbatches > CHIPS_PER_ROW ? CHIPS_PER_ROW - 1 : CHIPS_PER_ROW;
    int pages = (int)((nbatches + (size_t)per - 1) / (size_t)per);
    if (chip_page >= pages || chip_page < 0)
        chip_page = 0;
    size_t first = (size_t)chip_page * (size_t)per;
    size_t end = first + (size_t)per < nbatches ? first + (size_t)per : nbatches;
    int k = 0;
    for (size_t i = first; i < end; i++, k++) {
        SDL_Rect r = {x + k * (cw + gap), y, cw, ch};
        int chosen = strcmp(batches[i].batch_no, s->batch_no) == 0;
        gb_fill(ui, r, chosen ? GB_C_PRIMARY : GB_C_PANEL);
        gb_frame(ui, r, GB_C_PRIMARY, gb_px(ui, 3));
        int in = gb_px(ui, 24);
        gb_label_fit(ui, batches[i].batch_no, GB_FS_BODY, chosen ? GB_C_ON_PRIMARY : GB_C_PRIMARY, r.x + cw / 2,
                     r.y + gb_px(ui, 10), cw - in, 0);
        gb_label_fit(ui, batches[i].school, GB_FS_SMALL, chosen ? GB_C_ON_PRIMARY : GB_C_MUTED, r.x + cw / 2,
                     r.y + gb_px(ui, 68), cw - in, 0);
        char id[32];
        snprintf(id, sizeof id, "batch-%zu", i);
        gb_hit_add(ui, id, r);
    }
    if (pages > 1) {
        char more[64];
        gb_msg_format(more, sizeof more, GB_MSG_ID_BATCH_MORE, ui->lang, chip_page + 1, pages);
        gb_button(ui, "batches-more", more, (SDL_Rect){x + k * (cw + gap), y, cw, ch}, GB_BTN_SECONDARY, 1);
    }
    return y + ch + gb_px(ui, 80);
}

static void draw(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_ID_TITLE), 1) + gb_px(ui, 40);
    int x = gb_px(ui, 80), w = ui->w - gb_px(ui, 160), fh = gb_px(ui, 110);
    if (s->code_scanned) {
        y += gb_px(ui, 42);
        SDL_Rect r = {x, y, w, fh};
        gb_fill(ui, r, (SDL_Color){225, 245, 232, 255});
        gb_label(ui, gb_ui_msg(ui, GB_MSG_ID_CODE), GB_FS_SMALL, GB_C_MUTED, x, y - gb_px(ui, 42), -1);
        char t[128];
        snprintf(t, sizeof t, "\xe2\x9c\x93 %s", gb_ui_msg(ui, GB_MSG_ID_CODE_SCANNED));
        gb_label(ui, t, GB_FS_LARGE, GB_C_OK, x + gb_px(ui, 20), y + gb_px(ui, 22), -1);
        gb_label(ui, gb_ui_msg(ui, GB_MSG_QR_RESCAN), GB_FS_BODY, GB_C_PRIMARY, x + w - gb_px(ui, 20),
                 y + gb_px(ui, 30), 1);
        gb_hit_add(ui, "code", r);
    } else {
        gb_code_scan_draw(ui, &cam, (SDL_Rect){x, y, w, gb_px(ui, 330)});
        y += gb_px(ui, 330) + gb_px(ui, 70);
        if (s->code[0] || strcmp(ui->focus, "code") == 0) {
            gb_field(ui, "code", gb_ui_msg(ui, GB_MSG_ID_CODE), s->code, (SDL_Rect){x, y, w, fh}, 1);
        } else {
            /* not a field yet: typing a code is the exception */
            SDL_Rect r = {x, y, w, fh};
            gb_label(ui, gb_ui_msg(ui, GB_MSG_ID_CODE), GB_FS_SMALL, GB_C_MUTED, x, y - gb_px(ui, 42), -1);
            gb_frame(ui, r, GB_C_MUTED, gb_px(ui, 2));
            gb_label(ui, gb_ui_msg(ui, GB_MSG_ID_CODE_TYPE_HINT), GB_FS_BODY, GB_C_PRIMARY, x + gb_px(ui, 20),
                     y + gb_px(ui, 30), -1);
            gb_hit_add(ui, "code", r);
        }
    }
    y += fh + gb_px(ui, 80);
    int half = (w - gb_px(ui, 40)) / 2;
    if (chips_shown()) {
        y = draw_chips(ui, x, y, w);
        gb_field(ui, "last4", gb_ui_msg(ui, GB_MSG_ID_LAST4), s->last4, (SDL_Rect){x, y, half, fh}, 0);
    } else {
        gb_field(ui, "batch", gb_ui_msg(ui, GB_MSG_ID_BATCH), s->batch_no, (SDL_Rect){x, y, half, fh}, 0);
        gb_field(ui, "last4", gb_ui_msg(ui, GB_MSG_ID_LAST4), s->last4,
                 (SDL_Rect){x + half + gb_px(ui, 40), y, half, fh}, 0);
    }
    y += fh + gb_px(ui, 80);
    if (feature_needed(ui)) {
        gb_field(ui, "feature", gb_ui_msg(ui, GB_MSG_ID_FEATURE), s->feature, (SDL_Rect){x, y, w, fh}, 0);
        y += fh + gb_px(ui, 40);
    }
    if (s->has_notice)
        gb_label_wrap(ui, gb_ui_msg(ui, s->notice), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    y += gb_px(ui, 90);
    /* the keypad takes the room left above the verify button, in its middle */
    int room = ui->h - gb_px(ui, 280) - y, pad_h = room;
    if (pad_h > gb_px(ui, 620))
        pad_h = gb_px(ui, 620);
    if (pad_h < gb_px(ui, 400))
        pad_h = gb_px(ui, 400);
    if (room > pad_h)
        y += (room - pad_h) / 2;
    if (strcmp(ui->focus, "batch") == 0) {
        /* batch numbers have letters: the keyboard, as wide as the fields */
        gb_keyboard(ui, (SDL_Rect){x, y, w, pad_h});
    } else {
        SDL_Rect pad = {gb_px(ui, 180), y, ui->w - gb_px(ui, 360), pad_h};
        gb_keypad(ui, pad, 1);
    }
    gb_button(ui, "verify", gb_ui_msg(ui, GB_MSG_ID_VERIFY),
              (SDL_Rect){gb_px(ui, 190), ui->h - gb_px(ui, 240), ui->w - gb_px(ui, 380), gb_px(ui, 170)},
              GB_BTN_PRIMARY, 1);
}

const gb_screen_ops gb_screen_identity = {"identity", 1, enter, input, update, draw, leave};
