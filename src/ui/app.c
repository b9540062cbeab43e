/* The kiosk's main loop: SDL set-up (window or offscreen), the screen state
 * machine, input translation (taps by button id, a keyboard-wedge scanner
 * told apart from a person by key timing), the idle timeout and the
 * session wipe. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/batch.h"
#include "store/settings.h"
#include "ui/photo_worker.h"
#include "ui/script.h"
#include "ui/text.h"
#include "ui/ui.h"
#include "ui/widgets.h"
#include "image/png.h"

/* A frame every 33 ms: live view at 30 fps, and the software renderer
 * leaves a core for the analysis. */
#define FRAME_MS 33
/* Shortest burst that counts as a scanned code: a person who presses two
 * keys at once must not be taken for a scanner. */
#define SCAN_MIN_CHARS 6

const char *gb_ui_msg(gb_ui *ui, gb_msg id)
{
    return gb_msg_text(id, ui->lang);
}

double gb_ui_screen_ms(const gb_ui *ui)
{
    return ui->now_ms - ui->entered_ms;
}

void gb_ui_go(gb_ui *ui, gb_screen_id next)
{
    ui->pending = 1;
    ui->next = next;
}

static void wipe_session(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    if (s->photo) {
        sodium_memzero(s->photo, s->photo_len);
        free(s->photo);
    }
    sodium_memzero(s, sizeof *s);
    sodium_memzero(ui->kbuf, sizeof ui->kbuf);
    ui->klen = 0;
    /* textures of names and numbers go too */
    if (ui->text)
        gb_text_flush(ui->text);
    if (ui->drawn)
        sodium_memzero(ui->drawn, ui->drawn_cap);
    if (ui->drawing)
        sodium_memzero(ui->drawing, ui->drawing_cap);
    ui->drawn_len = ui->drawing_len = 0;
}

/* An order the student walked away from before it was complete is
 * cancelled, so it does not wait for a photo that will never come; one
 * that awaits payment stays (the pay-later link is valid). */
static int unfinished(gb_order_state st)
{
    return st == GB_OS_VERIFIED || st == GB_OS_INFO_CONFIRMED || st == GB_OS_PHOTO_ACCEPTED;
}

static void cancel_unfinished(gb_ui *ui)
{
    gb_session *s = &ui->ses;
    if (!s->order.order_no[0] || !unfinished(s->order.state))
        return;
    gb_err err;
    if (gb_order_move(ui->st, s->order.order_no, GB_OS_CANCELLED, GB_ACTOR_KIOSK, "left the kiosk", &err) < 0)
        gb_log_warn("kiosk: order %s not cancelled: %s", s->order.order_no, err.msg);
    else
        gb_log_info("kiosk: order %s cancelled, student left", s->order.order_no);
}

/* Orders this kiosk opened and never finished because it stopped in the
 * middle of a session (power cut, crash, killed): nobody is at the booth
 * for them any more. Other kiosks' orders in the same store are theirs. */
static void cancel_abandoned(gb_ui *ui)
{
    static const gb_order_state states[] = {GB_OS_VERIFIED, GB_OS_INFO_CONFIRMED, GB_OS_PHOTO_ACCEPTED};
    char prefix[40];
    snprintf(prefix, sizeof prefix, "%s-", ui->cfg.kiosk_id);
    int cancelled = 0;
    for (size_t k = 0; k < sizeof states / sizeof states[0]; k++) {
        gb_order *list = NULL;
        size_t n = 0;
        gb_err err;
        if (gb_order_list(ui->st, NULL, gb_order_state_name(states[k]), 1000000, &list, &n, &err) < 0) {
            gb_log_warn("kiosk: abandoned orders not checked: %s", err.msg);
            return;
        }
        for (size_t i = 0; i < n; i++) {
            if (strncmp(list[i].order_no, prefix, strlen(prefix)) != 0)
                continue;
            if (gb_order_move(ui->st, list[i].order_no, GB_OS_CANCELLED, GB_ACTOR_KIOSK,
                              "kiosk restarted during the session", &err) < 0)
                gb_log_warn("kiosk: order %s not cancelled: %s", list[i].order_no, err.msg);
            else
                cancelled++;
        }
        if (list)
            memset(list, 0, n * sizeof *list);
        free(list);
    }
    if (cancelled)
        gb_log_info("kiosk: %d order(s) left unfinished by an earlier run cancelled", cancelled);
}

void gb_ui_reset(gb_ui *ui)
{
    cancel_unfinished(ui);
    wipe_session(ui);
    /* the next student starts in the kiosk's own language */
    ui->lang = strcmp(ui->cfg.language, "en") == 0 ? GB_LANG_EN : GB_LANG_ZH;
    gb_ui_go(ui, GB_SCREEN_WELCOME);
}

static struct gb_code_tries *tries_of(gb_ui *ui, const char *code, int make)
{
    char fp[9];
    gb_code_fingerprint(code, strlen(code), fp);
    struct gb_code_tries *free_slot = NULL, *oldest = &ui->tries[0];
    for (size_t i = 0; i < sizeof ui->tries / sizeof ui->tries[0]; i++) {
        struct gb_code_tries *t = &ui->tries[i];
        if (t->fp[0] && strcmp(t->fp, fp) == 0)
            return t;
        if (!t->fp[0] && !free_slot)
            free_slot = t;
        if (t->last_ms < oldest->last_ms)
            oldest = t;
    }
    if (!make)
        return NULL;
    /* a full table forgets the code tried longest ago, never a locked one
     * while another slot will do */
    struct gb_code_tries *t = free_slot ? free_slot : oldest;
    memset(t, 0, sizeof *t);
    memcpy(t->fp, fp, sizeof fp);
    return t;
}

int gb_ui_code_locked(gb_ui *ui, const char *code)
{
    struct gb_code_tries *t = tries_of(ui, code, 0);
    return t && t->locked_until_ms > ui->now_ms;
}

int gb_ui_code_failed(gb_ui *ui, const char *code)
{
    struct gb_code_tries *t = tries_of(ui, code, 1);
    if (t->locked_until_ms && t->locked_until_ms <= ui->now_ms) {
        t->fails = 0; /* a lockout that ended starts the count again */
        t->locked_until_ms = 0;
    }
    t->last_ms = ui->now_ms;
    if (++t->fails < ui->cfg.id_max_attempts)
        return 0;
    t->locked_until_ms = ui->now_ms + ui->cfg.id_lockout_s * 1000.0;
    gb_log_warn("kiosk: code %s refused for %d s after %d wrong ID suffixes", t->fp, ui->cfg.id_lockout_s, t->fails);
    return 1;
}

void gb_ui_code_passed(gb_ui *ui, const char *code)
{
    struct gb_code_tries *t = tries_of(ui, code, 0);
    if (t)
        memset(t, 0, sizeof *t);
}

int gb_ui_active_batches(gb_ui *ui, int open_only, gb_batch **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    gb_batch *list = NULL;
    size_t nl = 0;
    gb_err err;
    if (gb_batch_list(ui->st, &list, &nl, &err) < 0) {
        gb_log_error("kiosk: %s", err.msg);
        return -1;
    }
    gb_batch *act = nl ? malloc(nl * sizeof *act) : NULL;
    if (nl && !act) {
        free(list);
        gb_log_error("kiosk: out of memory listing batches");
        return -1;
    }
    char now[17];
    gb_local_minute(time(NULL), now);
    /* the open ones, then the rest (a window not open yet, or just
     * closed, is still what the kiosk serves today) */
    size_t k = 0;
    for (int pass = 0; pass < (open_only ? 1 : 2); pass++)
        for (size_t i = 0; i < nl; i++)
            if (list[i].active && (gb_batch_window(&list[i], now) == GB_WINDOW_OPEN) == (pass == 0))
                act[k++] = list[i];
    free(list);
    if (k == 0) {
        free(act);
        act = NULL;
    }
    *out = act;
    *n = k;
    return 0;
}

int gb_ui_photo_blocked(gb_ui *ui, gb_msg *why)
{
    if (gb_pw_status(ui->pw, NULL, 0) != GB_PW_FAILED)
        return 0;
    /* a model that did not load stays so (staff must act); a missing
     * camera is looked for again and the state turns READY by itself */
    *why = gb_pw_model_failed(ui->pw) ? GB_MSG_WELCOME_NO_MODEL : GB_MSG_WELCOME_NO_CAMERA;
    return 1;
}

static void switch_now(gb_ui *ui)
{
    while (ui->pending) {
        ui->pending = 0;
        const gb_screen_ops *old = ui->screens[ui->cur];
        if (old->leave)
            old->leave(ui);
        /* Leaving the student's screens for the start screen ends the
         * session, whoever asked for it. */
        if (ui->next == GB_SCREEN_WELCOME && old->student_data)
            wipe_session(ui);
        ui->cur = ui->next;
        ui->entered_ms = ui->now_ms;
        ui->last_input_ms = ui->now_ms;
        ui->focus[0] = 0;
        gb_log_info("kiosk: screen %s", ui->screens[ui->cur]->name);
        if (ui->screens[ui->cur]->enter)
            ui->screens[ui->cur]->enter(ui);
    }
}

static void deliver(gb_ui *ui, const gb_input *in)
{
    ui->last_input_ms = ui->now_ms;
    if (in->kind == GB_IN_TAP && strcmp(in->id, "lang") == 0) {
        ui->lang = ui->lang == GB_LANG_ZH ? GB_LANG_EN : GB_LANG_ZH;
        return;
    }
    if (in->kind == GB_IN_TAP && strcmp(in->id, "idle-continue") == 0)
        return; /* the tap itself reset the idle clock */
    if (in->kind == GB_IN_TAP && strcmp(in->id, "home") == 0) {
        gb_ui_reset(ui);
        return;
    }
    /* The hidden way into staff mode, from the welcome screen only (no
     * student's data is on screen there): five taps on the title bar
     * within three seconds, F12 on a keyboard, or a long press on the
     * title bar (check_long_press). */
    if (in->kind == GB_IN_TAP && strcmp(in->id, "title") == 0) {
        if (ui->cur == GB_SCREEN_WELCOME) {
            if (!ui->title_taps || ui->now_ms - ui->title_first_ms > 3000) {
                ui->title_taps = 0;
                ui->title_first_ms = ui->now_ms;
            }
            if (++ui->title_taps >= 5) {
                ui->title_taps = 0;
                gb_ui_go(ui, GB_SCREEN_STAFF_PIN);
                switch_now(ui);
            }
        }
        return;
    }
    if (in->kind == GB_IN_KEY && in->key == SDLK_F12) {
        if (ui->cur == GB_SCREEN_WELCOME) {
            gb_ui_go(ui, GB_SCREEN_STAFF_PIN);
            switch_now(ui);
        }
        return;
    }
    const gb_screen_ops *sc = ui->screens[ui->cur];
    if (sc->input)
        sc->input(ui, in);
    switch_now(ui);
}

/* Keys held back are a person's typing after all: deliver them. */
static void flush_keys(gb_ui *ui)
{
    if (!ui->klen)
        return;
    ui->kbuf[ui->klen] = 0;
    gb_input in = {.kind = GB_IN_TEXT, .text = ui->kbuf};
    deliver(ui, &in);
    sodium_memzero(ui->kbuf, sizeof ui->kbuf);
    ui->klen = 0;
}

static void on_text(gb_ui *ui, const char *text)
{
    size_t n = strlen(text);
    if (ui->klen && ui->now_ms - ui->k_last_ms > ui->cfg.scanner_max_key_gap_ms)
        flush_keys(ui);
    if (!ui->klen)
        ui->k_fast = 1;
    if (ui->klen + n >= sizeof ui->kbuf) {
        flush_keys(ui);
        ui->k_fast = 0;
    }
    memcpy(ui->kbuf + ui->klen, text, n);
    ui->klen += n;
    ui->k_last_ms = ui->now_ms;
}

static void on_key(gb_ui *ui, SDL_Keycode key)
{
    if ((key == SDLK_RETURN || key == SDLK_KP_ENTER) && ui->klen >= SCAN_MIN_CHARS && ui->k_fast &&
        ui->now_ms - ui->k_last_ms <= ui->cfg.scanner_max_key_gap_ms) {
        ui->kbuf[ui->klen] = 0;
        char fp[9];
        gb_code_fingerprint(ui->kbuf, ui->klen, fp);
        gb_log_info("kiosk: scanned a code (fingerprint %s)", fp);
        gb_input in = {.kind = GB_IN_SCAN, .text = ui->kbuf};
        deliver(ui, &in);
        sodium_memzero(ui->kbuf, sizeof ui->kbuf);
        ui->klen = 0;
        return;
    }
    flush_keys(ui);
    gb_input in = {.kind = GB_IN_KEY, .key = key};
    deliver(ui, &in);
}

/* The button under a point (the last drawn is on top), or NULL. */
static const gb_hit *hit_at(const gb_ui *ui, int x, int y)
{
    SDL_Point p = {x, y};
    for (int i = ui->nhits - 1; i >= 0; i--)
        if (SDL_PointInRect(&p, &ui->hits[i].r))
            return &ui->hits[i];
    return NULL;
}

/* at_ms: the event's own time, not the frame's: a press and a release
 * handled in frames 33 ms apart must measure what the finger did. */
static void on_press(gb_ui *ui, int x, int y, double at_ms)
{
    const gb_hit *h = hit_at(ui, x, y);
    ui->press_down = 1;
    ui->press_fired = 0;
    ui->press_ms = at_ms;
    snprintf(ui->press_id, sizeof ui->press_id, "%s", h ? h->id : "");
}

/* A finger that slides off what it pressed is no long press. */
static void on_drag(gb_ui *ui, int x, int y)
{
    if (!ui->press_down || !ui->press_id[0])
        return;
    const gb_hit *h = hit_at(ui, x, y);
    if (!h || strcmp(h->id, ui->press_id) != 0)
        ui->press_id[0] = 0;
}

/* Touch screens without a keyboard have neither F12 nor, for some staff,
 * the patience for five quick taps: holding the welcome screen's title bar
 * for [staff] long_press_ms opens the PIN screen too, while still held. */
static void check_long_press(gb_ui *ui, double now_ms)
{
    if (!ui->press_down || ui->press_fired || ui->cur != GB_SCREEN_WELCOME || strcmp(ui->press_id, "title") != 0 ||
        now_ms - ui->press_ms < ui->cfg.staff_long_press_ms)
        return;
    ui->press_fired = 1;
    ui->title_taps = 0;
    ui->last_input_ms = ui->now_ms;
    gb_ui_go(ui, GB_SCREEN_STAFF_PIN);
    switch_now(ui);
}

static void on_tap(gb_ui *ui, int x, int y, double at_ms)
{
    flush_keys(ui);
    /* a finger lifted in the frame that would have seen it reach the
     * long-press time (3000 ms held, released at 3000) still counts */
    if (ui->press_down && !ui->press_fired)
        check_long_press(ui, at_ms);
    int fired = ui->press_fired;
    ui->press_down = ui->press_fired = 0;
    ui->press_id[0] = 0;
    if (fired)
        return; /* the release of a long press that already acted */
    for (int i = ui->nhits - 1; i >= 0; i--) { /* the last drawn is on top */
        SDL_Point p = {x, y};
        if (SDL_PointInRect(&p, &ui->hits[i].r)) {
            char id[32];
            snprintf(id, sizeof id, "%s", ui->hits[i].id);
            gb_input in = {.kind = GB_IN_TAP, .id = id};
            deliver(ui, &in);
            return;
        }
    }
    ui->last_input_ms = ui->now_ms; /* a touch anywhere keeps the session alive */
}

static void handle_sdl(gb_ui *ui, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        ui->quit = 1;
        break;
    case SDL_TEXTINPUT:
        on_text(ui, e->text.text);
        break;
    case SDL_KEYDOWN:
        /* text keys arrive as SDL_TEXTINPUT; only the editing keys here */
        if (e->key.keysym.sym == SDLK_RETURN || e->key.keysym.sym == SDLK_KP_ENTER ||
            e->key.keysym.sym == SDLK_BACKSPACE || e->key.keysym.sym == SDLK_ESCAPE ||
            e->key.keysym.sym == SDLK_TAB || e->key.keysym.sym == SDLK_F12)
            on_key(ui, e->key.keysym.sym);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT)
            on_press(ui, e->button.x, e->button.y, e->button.timestamp);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.state & SDL_BUTTON_LMASK)
            on_drag(ui, e->motion.x, e->motion.y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT)
            on_tap(ui, e->button.x, e->button.y, e->button.timestamp);
        break;
    default:
        break;
    }
}

static void draw_idle_warning(gb_ui *ui, double idle_ms)
{
    int left = (int)(ui->cfg.idle_timeout_s - idle_ms / 1000.0 + 0.999);
    gb_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, (SDL_Color){0, 0, 0, 150});
    SDL_Rect box = {gb_px(ui, 90), ui->h / 2 - gb_px(ui, 260), ui->w - gb_px(ui, 180), gb_px(ui, 520)};
    gb_fill(ui, box, GB_C_PANEL);
    gb_frame(ui, box, GB_C_WARN, gb_px(ui, 6));
    char msg[256];
    gb_msg_format_int(msg, sizeof msg, GB_MSG_IDLE_WARNING, ui->lang, left);
    gb_label_wrap(ui, msg, GB_FS_LARGE, GB_C_TEXT, box.x + gb_px(ui, 50), box.y + gb_px(ui, 60),
                  box.w - gb_px(ui, 100), 0);
    SDL_Rect b = {box.x + gb_px(ui, 200), box.y + box.h - gb_px(ui, 200), box.w - gb_px(ui, 400), gb_px(ui, 140)};
    gb_button(ui, "idle-continue", gb_ui_msg(ui, GB_MSG_IDLE_CONTINUE), b, GB_BTN_PRIMARY, 1);
}

static void draw_frame(gb_ui *ui)
{
    SDL_SetRenderDrawColor(ui->r, GB_C_BG.r, GB_C_BG.g, GB_C_BG.b, 255);
    SDL_RenderClear(ui->r);
    ui->nbuilding = 0;
    ui->nboxes_building = 0;
    ui->drawing_len = 0;
    if (ui->drawing)
        ui->drawing[0] = 0;
    const gb_screen_ops *sc = ui->screens[ui->cur];
    sc->draw(ui);
    double idle = ui->now_ms - ui->last_input_ms;
    if (sc->student_data && idle >= ui->cfg.idle_warning_s * 1000.0) {
        /* the warning covers the screen: only its button is tappable, and
         * only its words count as drawn on top */
        ui->nbuilding = 0;
        ui->nboxes_building = 0;
        draw_idle_warning(ui, idle);
    }
    SDL_RenderPresent(ui->r);
    memcpy(ui->hits, ui->building, sizeof ui->hits);
    ui->nhits = ui->nbuilding;
    /* swap the text records: "drawn" is the finished frame */
    char *t = ui->drawn;
    size_t tc = ui->drawn_cap;
    ui->drawn = ui->drawing;
    ui->drawn_cap = ui->drawing_cap;
    ui->drawn_len = ui->drawing_len;
    ui->drawing = t;
    ui->drawing_cap = tc;
    ui->drawing_len = 0;
    memcpy(ui->boxes, ui->boxes_building, sizeof ui->boxes);
    ui->nboxes = ui->nboxes_building;
    if (ui->win) {
        SDL_Surface *ws = SDL_GetWindowSurface(ui->win);
        if (ws) {
            SDL_BlitScaled(ui->canvas, NULL, ws, NULL);
            SDL_UpdateWindowSurface(ui->win);
        }
    }
    ui->frame_no++;
}

int gb_ui_screenshot(gb_ui *ui, const char *path, gb_err *err)
{
    gb_image *img = gb_image_new_err(ui->w, ui->h, err);
    if (!img)
        return -1;
    SDL_Surface *c = ui->canvas;
    SDL_LockSurface(c);
    for (int y = 0; y < ui->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)c->pixels + (size_t)y * (size_t)c->pitch);
        unsigned char *o = gb_image_px(img, 0, y);
        for (int x = 0; x < ui->w; x++) {
            Uint8 r, g, b;
            SDL_GetRGB(row[x], c->format, &r, &g, &b);
            o[3 * x] = r;
            o[3 * x + 1] = g;
            o[3 * x + 2] = b;
        }
    }
    SDL_UnlockSurface(c);
    int rc = gb_png_write_file(img, path, err);
    gb_image_free(img);
    return rc;
}

static int want_headless(const gb_ui_opts *opts)
{
    if (opts->headless)
        return 1;
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && strcmp(drv, "offscreen") == 0)
        return 1;
    /* Without a desktop a script still plays offscreen (make demo over
     * ssh, the tests). The kiosk itself does not: a booth without X or
     * Wayland runs on the console through SDL's kmsdrm driver, and an
     * offscreen kiosk nobody can see must not look as if it started. */
    const char *d = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    return opts->script_path && !(d && d[0]) && !(wl && wl[0]);
}

int gb_ui_run(const gb_config *cfg, gb_store *st, const gb_ui_opts *opts, gb_err *err)
{
    gb_ui *ui = calloc(1, sizeof *ui);
    if (!ui) {
        gb_err_set(err, "out of memory");
        return -1;
    }
    int rc = -1;
    ui->cfg = *cfg;
    ui->st = st;
    ui->lang = strcmp(cfg->language, "en") == 0 ? GB_LANG_EN : GB_LANG_ZH;
    ui->decoder = gb_code_decoder_builtin(cfg->code_decoder);
    if (!ui->decoder) {
        gb_err_set(err, "[kiosk] code_decoder '%s': no such decoder (built in: test)", cfg->code_decoder);
        free(ui);
        return -1;
    }
    const gb_screen_ops *screens[GB_SCREEN_COUNT] = {
        [GB_SCREEN_WELCOME] = &gb_screen_welcome, [GB_SCREEN_HELP] = &gb_screen_help,
        [GB_SCREEN_IDENTITY] = &gb_screen_identity, [GB_SCREEN_FAIL] = &gb_screen_fail,
        [GB_SCREEN_INFO] = &gb_screen_info, [GB_SCREEN_PHOTO] = &gb_screen_photo,
        [GB_SCREEN_RESULT] = &gb_screen_result, [GB_SCREEN_PAYMENT] = &gb_screen_payment,
        [GB_SCREEN_DONE] = &gb_screen_done, [GB_SCREEN_LOOKUP] = &gb_screen_lookup,
        [GB_SCREEN_STAFF_PIN] = &gb_screen_staff_pin, [GB_SCREEN_STAFF] = &gb_screen_staff,
        [GB_SCREEN_STAFF_BATCHES] = &gb_screen_staff_batches, [GB_SCREEN_STAFF_WINDOW] = &gb_screen_staff_window,
        [GB_SCREEN_STAFF_ROSTER] = &gb_screen_staff_roster, [GB_SCREEN_STAFF_CAMERA] = &gb_screen_staff_camera,
        [GB_SCREEN_STAFF_SYNC] = &gb_screen_staff_sync, [GB_SCREEN_STAFF_POWER] = &gb_screen_staff_power,
    };
    memcpy(ui->screens, screens, sizeof screens);

    int headless = want_headless(opts);
    if (headless)
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    int sdl_ok = SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0;
    const char *drv = sdl_ok ? SDL_GetCurrentVideoDriver() : NULL;
    /* SDL falls back to its offscreen driver by itself when it finds no
     * screen: a kiosk nobody can see must say so, not run */
    int invisible = drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0);
    if (!sdl_ok || (!headless && invisible)) {
        if (headless)
            gb_err_set(err, "SDL: %s", SDL_GetError());
        else
            gb_err_set(err,
                       "no screen to show the kiosk on (%s). Start it in the booth's graphical session, or on "
                       "the console with access to /dev/dri (SDL_VIDEODRIVER=kmsdrm); --headless or --script "
                       "run it without a screen",
                       sdl_ok ? "SDL found only its offscreen driver" : SDL_GetError());
        if (sdl_ok)
            SDL_Quit();
        free(ui);
        return -1;
    }
    ui->w = cfg->window_width;
    ui->h = cfg->window_height;
    if (!headless) {
        Uint32 flags = cfg->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
        ui->win = SDL_CreateWindow("GradBooth", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ui->w, ui->h, flags);
        if (!ui->win) {
            gb_err_set(err, "SDL window: %s", SDL_GetError());
            goto out;
        }
        SDL_GetWindowSize(ui->win, &ui->w, &ui->h);
        if (cfg->fullscreen)
            SDL_ShowCursor(SDL_DISABLE);
    }
    ui->s = ui->w / 1080.0;
    if (ui->h / 1920.0 < ui->s) /* a landscape screen: fit the height */
        ui->s = ui->h / 1920.0;
    ui->canvas = SDL_CreateRGBSurfaceWithFormat(0, ui->w, ui->h, 32, SDL_PIXELFORMAT_ARGB8888);
    ui->r = ui->canvas ? SDL_CreateSoftwareRenderer(ui->canvas) : NULL;
    if (!ui->r) {
        gb_err_set(err, "SDL renderer: %s", SDL_GetError());
        goto out;
    }
    char font_path[1024];
    ui->text = gb_text_open(ui->r, cfg->font, font_path, sizeof font_path, err);
    if (!ui->text)
        goto out;
    gb_log_info("kiosk: %dx%d %s (SDL video driver %s), font %s", ui->w, ui->h, headless ? "offscreen" : "window",
                SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "?", font_path);
    if (opts->script_path) {
        ui->script = gb_script_load(opts->script_path, err);
        if (!ui->script)
            goto out;
    }
    if (opts->shots_dir)
        snprintf(ui->shots_dir, sizeof ui->shots_dir, "%s", opts->shots_dir);
    {
        unsigned char key[32];
        gb_err kerr;
        if (gb_settings_kiosk_key(st, key, &kerr) == 0)
            gb_code_fingerprint_key(key); /* before the photo worker's thread starts */
        else
            gb_log_warn("kiosk: code fingerprints unkeyed: %s", kerr.msg);
        sodium_memzero(key, sizeof key);
    }
    ui->pw = gb_pw_start(cfg, err);
    if (!ui->pw)
        goto out;
    SDL_StartTextInput();

    cancel_abandoned(ui);
    ui->now_ms = SDL_GetTicks();
    ui->cur = GB_SCREEN_WELCOME;
    ui->entered_ms = ui->last_input_ms = ui->now_ms;
    ui->screens[ui->cur]->enter(ui);
    rc = 0;
    while (!ui->quit) {
        Uint32 start = SDL_GetTicks();
        ui->now_ms = start;
        SDL_Event e;
        while (SDL_PollEvent(&e))
            handle_sdl(ui, &e);
        if (ui->quit) /* closed by staff (or the window manager): no further script step */
            break;
        check_long_press(ui, ui->now_ms);
        if (ui->klen && ui->now_ms - ui->k_last_ms > ui->cfg.scanner_max_key_gap_ms)
            flush_keys(ui);
        const gb_screen_ops *sc = ui->screens[ui->cur];
        if (sc->student_data && ui->now_ms - ui->last_input_ms >= ui->cfg.idle_timeout_s * 1000.0) {
            gb_log_info("kiosk: idle timeout on %s, session wiped", sc->name);
            gb_ui_reset(ui);
        }
        switch_now(ui);
        if (ui->screens[ui->cur]->update)
            ui->screens[ui->cur]->update(ui);
        switch_now(ui);
        draw_frame(ui);
        if (ui->script) {
            int s = gb_script_step(ui->script, ui, err);
            if (s != 0) {
                rc = s < 0 ? -1 : 0;
                break;
            }
        }
        Uint32 spent = SDL_GetTicks() - start;
        if (spent < FRAME_MS)
            SDL_Delay(FRAME_MS - spent);
    }
    if (ui->screens[ui->cur]->leave)
        ui->screens[ui->cur]->leave(ui);
    cancel_unfinished(ui); /* the program ends: nobody finishes that session */
out:
    if (ui->pw)
        gb_pw_stop(ui->pw);
    wipe_session(ui);
    gb_script_free(ui->script);
    gb_text_close(ui->text);
    if (ui->r)
        SDL_DestroyRenderer(ui->r);
    if (ui->canvas)
        SDL_FreeSurface(ui->canvas);
    if (ui->win)
        SDL_DestroyWindow(ui->win);
    free(ui->drawn);
    free(ui->drawing);
    free(ui);
    SDL_Quit();
    return rc;
}
