/* Staff PIN: reached by the hidden gesture (five taps on the welcome
 * screen's title bar, or a long press on it) or F12. The PIN is checked
 * against its argon2id hash with the lockout of store/settings.c; a locked
 * kiosk says for how many minutes. The typed PIN is wiped as soon as it was
 * handed to the check.
 *
 * The check is slow on purpose (argon2id) and may wait for the database,
 * so it runs on a thread of its own with its own connection to the store
 * (a connection belongs to one thread, store/db.h); the screen shows
 * "checking…" and ignores input until the answer is in. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "store/settings.h"
#include "ui/widgets.h"

static char pin[40];
static int result = -1; /* gb_pin_result of the last try, -1: none */
static long wait_s;

/* One check in flight. The thread owns everything in it until done is set;
 * the screen reads the answer after joining. */
static struct pin_job {
    SDL_Thread *thread;
    SDL_atomic_t done;
    char data_dir[512];
    char kiosk_id[17];
    int busy_timeout_ms, max_attempts, lockout_s;
    char pin[40];
    gb_pin_result result;
    long wait_s;
    gb_err err;
} job;

static int check_thread(void *arg)
{
    struct pin_job *j = arg;
    gb_store *st = gb_store_open(j->data_dir, j->kiosk_id, j->busy_timeout_ms, &j->err);
    if (st) {
        j->result = gb_settings_pin_check(st, j->pin, j->max_attempts, j->lockout_s, &j->wait_s, &j->err);
        gb_store_close(st);
    } else {
        j->result = GB_PIN_ERROR; /* fail closed, as the check itself does */
    }
    sodium_memzero(j->pin, sizeof j->pin);
    SDL_AtomicSet(&j->done, 1);
    return 0;
}

static int checking(void)
{
    return job.thread != NULL;
}

/* Waits for a check in flight; returns 1 when there was one. */
static int join_check(void)
{
    if (!job.thread)
        return 0;
    SDL_WaitThread(job.thread, NULL);
    job.thread = NULL;
    return 1;
}

static void enter(gb_ui *ui)
{
    sodium_memzero(pin, sizeof pin);
    result = -1;
    wait_s = 0;
    snprintf(ui->focus, sizeof ui->focus, "pin");
}

static void leave(gb_ui *ui)
{
    /* the answer of a check still running is not needed, but the attempt
     * counts (store/settings.c), so it is waited for, not abandoned */
    join_check();
    sodium_memzero(&job, sizeof job);
    sodium_memzero(pin, sizeof pin);
}

static void unlock(gb_ui *ui)
{
    if (checking())
        return;
    sodium_memzero(&job, sizeof job);
    snprintf(job.data_dir, sizeof job.data_dir, "%s", ui->st->data_dir);
    snprintf(job.kiosk_id, sizeof job.kiosk_id, "%s", ui->st->kiosk_id);
    job.busy_timeout_ms = ui->cfg.busy_timeout_ms;
    job.max_attempts = ui->cfg.pin_max_attempts;
    job.lockout_s = ui->cfg.pin_lockout_s;
    memcpy(job.pin, pin, sizeof job.pin);
    sodium_memzero(pin, sizeof pin);
    result = -1; /* the last answer goes: "checking…" until the new one */
    job.thread = SDL_CreateThread(check_thread, "pin-check", &job);
    if (!job.thread) {
        gb_log_error("kiosk: staff PIN: no thread for the check: %s", SDL_GetError());
        sodium_memzero(&job, sizeof job);
        result = GB_PIN_ERROR;
    }
}

/* The check has answered: what the screen does with it. */
static void answered(gb_ui *ui)
{
    gb_pin_result r = job.result;
    wait_s = job.wait_s;
    result = (int)r;
    switch (r) {
    case GB_PIN_OK:
        gb_log_info("kiosk: staff mode unlocked");
        gb_ui_go(ui, GB_SCREEN_STAFF);
        break;
    case GB_PIN_WRONG: gb_log_warn("kiosk: wrong staff PIN"); break;
    case GB_PIN_LOCKED: gb_log_warn("kiosk: staff PIN locked for %ld s", wait_s); break;
    case GB_PIN_UNSET: gb_log_warn("kiosk: no staff PIN set"); break;
    case GB_PIN_ERROR: gb_log_error("kiosk: staff PIN: %s", job.err.msg); break;
    }
    sodium_memzero(&job, sizeof job);
}

static void input(gb_ui *ui, const gb_input *in)
{
    if (checking())
        return; /* one try at a time; nothing typed meanwhile is kept */
    if (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0) {
        gb_ui_go(ui, GB_SCREEN_WELCOME);
        return;
    }
    if ((in->kind == GB_IN_TAP && strcmp(in->id, "unlock") == 0) ||
        (in->kind == GB_IN_KEY && (in->key == SDLK_RETURN || in->key == SDLK_KP_ENTER))) {
        unlock(ui);
        return;
    }
    if (in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) {
        gb_ui_go(ui, GB_SCREEN_WELCOME);
        return;
    }
    if (in->kind == GB_IN_TAP && strcmp(in->id, "pin") == 0)
        return;
    gb_field_apply(in, pin, sizeof pin, 32, "0123456789");
}

static void update(gb_ui *ui)
{
    if (checking()) {
        ui->last_input_ms = ui->now_ms; /* staff are waiting for the answer */
        if (SDL_AtomicGet(&job.done) && join_check())
            answered(ui);
        return;
    }
    /* nobody there: back to the students' start screen */
    if (ui->now_ms - ui->last_input_ms >= ui->cfg.idle_timeout_s * 1000.0)
        gb_ui_go(ui, GB_SCREEN_WELCOME);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_PIN_TITLE), 0) + gb_px(ui, 80);
    int x = gb_px(ui, 180), w = ui->w - gb_px(ui, 360);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_PIN_PROMPT), GB_FS_LARGE, GB_C_TEXT, ui->w / 2, y, 0);
    y += gb_px(ui, 150);
    gb_field(ui, "pin", gb_ui_msg(ui, GB_MSG_STAFF_PIN_FIELD), pin, (SDL_Rect){x, y, w, gb_px(ui, 110)}, 1);
    y += gb_px(ui, 140);
    char msg[256] = "";
    SDL_Color mc = GB_C_BAD;
    if (checking()) {
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_CHECKING));
        mc = GB_C_MUTED;
    } else if (result == GB_PIN_WRONG)
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_WRONG));
    else if (result == GB_PIN_LOCKED)
        gb_msg_format_int(msg, sizeof msg, GB_MSG_STAFF_PIN_LOCKED, ui->lang, (int)((wait_s + 59) / 60));
    else if (result == GB_PIN_UNSET)
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_UNSET));
    else if (result == GB_PIN_ERROR)
        snprintf(msg, sizeof msg, "%s", gb_ui_msg(ui, GB_MSG_STAFF_PIN_ERROR));
    if (msg[0])
        gb_label_wrap(ui, msg, GB_FS_BODY, mc, x, y, w, 0);
    y += gb_px(ui, 130);
    /* while checking, the keys are grey and take no taps */
    int idle = !checking();
    gb_keypad_enabled(ui, (SDL_Rect){x, y, w, gb_px(ui, 700)}, 0, idle);
    y += gb_px(ui, 760);
    int half = (w - gb_px(ui, 40)) / 2;
    gb_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK), (SDL_Rect){x, y, half, gb_px(ui, 160)}, GB_BTN_SECONDARY, idle);
    gb_button(ui, "unlock", gb_ui_msg(ui, GB_MSG_STAFF_UNLOCK),
              (SDL_Rect){x + half + gb_px(ui, 40), y, half, gb_px(ui, 160)}, GB_BTN_PRIMARY, idle && pin[0] != 0);
}

const gb_screen_ops gb_screen_staff_pin = {"staff-pin", 0, enter, input, update, draw, leave};
