/* The kiosk: an SDL2 application built as an explicit state machine, in the
 * manner of pibooth's states. Each screen is one file (screen_*.c) with an
 * ops table: enter / input / update / draw / leave. app.c runs the loop,
 * turns SDL events into kiosk inputs (taps on named buttons, typed text,
 * keys, barcode-scanner bursts), watches idle time and switches screens.
 *
 * Rendering always goes through SDL's software renderer into one surface
 * (the canvas). With a display the canvas is copied to the window; without
 * one (SDL's offscreen driver) nothing else changes, which is why scripted
 * runs and screenshots show exactly what a student would see.
 *
 * Threads: the UI thread never calls the camera or the face analysis. The
 * photo worker (photo_worker.h) opens the camera, loads the face model,
 * captures and analyses; the UI only takes frames from the camera's
 * latest-frame mailbox and reads the worker's results. The staff PIN's
 * slow hash runs on a thread of its own too (screen_staff_pin.c). */
#ifndef GB_UI_UI_H
#define GB_UI_UI_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "core/batch_rules.h"
#include "core/code.h"
#include "core/config.h"
#include "core/identity.h"
#include "store/db.h"
#include "store/order.h"
#include "store/student.h"
#include "ui/i18n.h"
#include "vision/analyse.h"

typedef struct gb_ui gb_ui;
typedef struct gb_text gb_text;
typedef struct gb_photo_worker gb_photo_worker;
typedef struct gb_script gb_script;

typedef enum {
    GB_SCREEN_WELCOME,
    GB_SCREEN_HELP,
    GB_SCREEN_IDENTITY,
    GB_SCREEN_FAIL,
    GB_SCREEN_INFO,
    GB_SCREEN_PHOTO,
    GB_SCREEN_RESULT,
    GB_SCREEN_PAYMENT,
    GB_SCREEN_DONE,
    GB_SCREEN_LOOKUP,
    GB_SCREEN_STAFF_PIN,
    GB_SCREEN_STAFF,
    GB_SCREEN_STAFF_BATCHES,
    GB_SCREEN_STAFF_WINDOW,
    GB_SCREEN_STAFF_ROSTER,
    GB_SCREEN_STAFF_CAMERA,
    GB_SCREEN_STAFF_SYNC,
    GB_SCREEN_STAFF_POWER,
    GB_SCREEN_COUNT
} gb_screen_id;

/* What a screen receives. Taps arrive by button id, never by coordinates,
 * so scripts and screens agree on names ("start", "key-7"). */
typedef enum { GB_IN_TAP, GB_IN_TEXT, GB_IN_KEY, GB_IN_SCAN } gb_input_kind;

typedef struct gb_input {
    gb_input_kind kind;
    const char *id;   /* GB_IN_TAP: the button */
    const char *text; /* GB_IN_TEXT: UTF-8 typed by a person; GB_IN_SCAN: the scanner's payload */
    SDL_Keycode key;  /* GB_IN_KEY */
} gb_input;

typedef struct gb_screen_ops {
    const char *name;  /* "welcome": scripts wait for it by this name */
    int student_data;  /* 1: idle timeout applies and leaving to welcome wipes the session */
    void (*enter)(gb_ui *ui);
    void (*input)(gb_ui *ui, const gb_input *in);
    void (*update)(gb_ui *ui);
    void (*draw)(gb_ui *ui);
    void (*leave)(gb_ui *ui);
} gb_screen_ops;

extern const gb_screen_ops gb_screen_welcome, gb_screen_help, gb_screen_identity, gb_screen_fail,
    gb_screen_info, gb_screen_photo, gb_screen_result, gb_screen_payment, gb_screen_done, gb_screen_lookup,
    gb_screen_staff_pin, gb_screen_staff, gb_screen_staff_batches, gb_screen_staff_window, gb_screen_staff_roster,
    gb_screen_staff_camera, gb_screen_staff_sync, gb_screen_staff_power;

#define GB_SESSION_MAX_FAILS GB_MAX_RULES
#define GB_LOOKUP_MAX 4

/* Everything the kiosk knows about the student at the booth. It lives in
 * one struct so that leaving (done, idle timeout, home) can wipe it with
 * one sodium_memzero: nothing personal survives in the UI's memory. */
typedef struct gb_session {
    char code[512];        /* the collection code payload: a secret, never logged */
    int code_scanned;      /* 1: came from the scanner (shown as "scanned", not echoed) */
    gb_code_status code_why; /* why the decoder refused the code held last (gb_ui_lookup_orders) */
    char batch_no[33];
    int batch_typed;       /* 1: the student changed the batch field; else it follows the code */
    char last4[8];
    char feature[64];
    gb_identity_result id_result;
    gb_batch batch;
    gb_student student;
    gb_order order; /* valid when order.order_no[0] */
    char phone[32];
    char email[128];
    int photos_taken;        /* captures this session, against retake_limit */
    unsigned char *photo;    /* the standardised JPEG of the last capture (malloc'd) */
    size_t photo_len;
    int photo_w, photo_h;
    int photo_pass;
    int nfails; /* failed rules of the last capture */
    const char *fail_zh[GB_SESSION_MAX_FAILS], *fail_en[GB_SESSION_MAX_FAILS]; /* static rule texts */
    const char *fail_id[GB_SESSION_MAX_FAILS]; /* their rule ids: the pictogram beside each */
    gb_msg notice;  /* a message shown on the current screen (validation), 0 = none */
    int has_notice;
    /* the personal-data screen: what is wrong with each field, shown under it */
    gb_msg phone_notice, email_notice;
    int has_phone_notice, has_email_notice;
    /* order lookup (screen_lookup.c): the student's orders in any batch */
    int lookup_auto;     /* 1: a scan on welcome; no orders -> straight on to identity */
    int lookup_existing; /* 1: the identity flow found an open order and shows it */
    int lookup_done;     /* the code was looked up */
    int lookup_verified; /* the ID suffix was checked: orders may be shown */
    int nlookup;
    gb_order lookup[GB_LOOKUP_MAX];
} gb_session;

#define GB_UI_MAX_HITS 96
#define GB_UI_MAX_TEXTS 192

/* Where a string was drawn, and in which colour: the script's
 * expect-no-overlap and expect-text-colour check these. */
typedef struct gb_text_box {
    SDL_Rect r;
    size_t off; /* of the string in the frame's text record (drawn / drawing) */
    SDL_Color c;
} gb_text_box;

typedef struct gb_hit {
    char id[32];
    SDL_Rect r;
} gb_hit;

struct gb_ui {
    gb_config cfg;
    gb_store *st;
    const gb_code_decoder *decoder;
    gb_lang lang;

    SDL_Window *win;     /* NULL when headless */
    SDL_Surface *canvas; /* what is drawn; the screenshot source */
    SDL_Renderer *r;     /* software renderer into canvas */
    int w, h;
    double s; /* layout scale: 1.0 at 1080 px wide */
    gb_text *text;

    const gb_screen_ops *screens[GB_SCREEN_COUNT];
    gb_screen_id cur;
    int pending;        /* a switch was asked for */
    gb_screen_id next;
    double entered_ms;  /* when the current screen was entered */

    gb_session ses;

    gb_hit hits[GB_UI_MAX_HITS]; /* the buttons of the frame last drawn */
    int nhits;
    gb_hit building[GB_UI_MAX_HITS]; /* the frame being drawn */
    int nbuilding;
    char focus[32]; /* the text field that gets typed text */

    char *drawn; /* every string drawn in the last frame, '\n'-separated (expect-text) */
    size_t drawn_len, drawn_cap;
    char *drawing;
    size_t drawing_len, drawing_cap;
    gb_text_box boxes[GB_UI_MAX_TEXTS]; /* of the strings in drawn */
    int nboxes;
    gb_text_box boxes_building[GB_UI_MAX_TEXTS];
    int nboxes_building;

    double now_ms;
    double last_input_ms;

    /* keyboard-wedge scanner detection: keys are held back until we know
     * whether a person or a scanner typed them */
    char kbuf[1024];
    size_t klen;
    double k_last_ms;
    int k_fast; /* every gap so far was under scanner_max_key_gap_ms */

    /* wrong ID suffixes per collection code (by fingerprint), across
     * sessions: a code passed around cannot be tried against every suffix */
    struct gb_code_tries {
        char fp[9];
        int fails;
        double locked_until_ms;
        double last_ms;
    } tries[32];

    gb_photo_worker *pw;
    gb_script *script;
    char shots_dir[512];
    int quit; /* ends gb_ui_run after this frame (staff: "close the kiosk program") */
    int exit_code;
    unsigned frame_no;
    /* the hidden way into staff mode: taps on the title bar of the welcome
     * screen ("title") */
    int title_taps;
    double title_first_ms;
    /* a press held down (finger or mouse): what it is on and since when,
     * for the long press on the title bar ([staff] long_press_ms) */
    int press_down;
    int press_fired; /* the long press acted: its release is not a tap */
    char press_id[32];
    double press_ms;
};

/* Options for gb_ui_run. */
typedef struct gb_ui_opts {
    const char *script_path; /* NULL: interactive */
    const char *shots_dir;   /* NULL: no screenshots */
    int headless;            /* force the offscreen driver */
} gb_ui_opts;

/* Runs the kiosk until it is closed (or the script ends). cfg must have
 * camera_file_path resolved. Returns 0, or -1 with err (also when a script
 * step failed: err names the line). */
int gb_ui_run(const gb_config *cfg, gb_store *st, const gb_ui_opts *opts, gb_err *err);

/* Asks for a switch at the end of the current event or frame. */
void gb_ui_go(gb_ui *ui, gb_screen_id next);

/* Wipes the student session (and every texture that showed its data) and
 * goes back to the welcome screen. */
void gb_ui_reset(gb_ui *ui);

/* Message text in the current language. */
const char *gb_ui_msg(gb_ui *ui, gb_msg id);

/* Looks up the open orders (not cancelled) of the student a collection
 * code names, in every batch (active or not), into the session's lookup list.
 * last4: the ID suffix the student typed, checked against each batch's
 * roster (batches where it does not match are skipped); NULL when the
 * identity check has just done so. 0 done (nlookup may be 0), 1 code
 * refused by the decoder (why in the session's code_why), 2 the student is
 * in a batch but the suffix matches none, -1 store error. */
int gb_ui_lookup_orders(gb_ui *ui, const char *code, const char *last4);

/* 1 while a collection code is refused after [kiosk] id_max_attempts
 * wrong suffixes in a row (for [kiosk] id_lockout_s). */
int gb_ui_code_locked(gb_ui *ui, const char *code);

/* A wrong suffix for the code; 1 when that locked it. */
int gb_ui_code_failed(gb_ui *ui, const char *code);

/* The right suffix: the count starts again. */
void gb_ui_code_passed(gb_ui *ui, const char *code);

/* The status a student reads for an order state. */
gb_msg gb_ui_state_msg(gb_order_state s);

/* How a status looks: the review's outcome at a glance, before any word is
 * read. approved: a green tick; rejected: a red cross (the reason under
 * it); waiting for review or for payment: neutral; cancelled or still in
 * progress: muted. mark is a glyph the kiosk's font has. */
typedef enum { GB_TONE_OK, GB_TONE_BAD, GB_TONE_NEUTRAL, GB_TONE_MUTED } gb_tone;
typedef struct gb_state_look {
    gb_msg msg;
    const char *mark;
    gb_tone tone;
} gb_state_look;
gb_state_look gb_ui_state_look(gb_order_state s);

/* Milliseconds since the current screen was entered. */
double gb_ui_screen_ms(const gb_ui *ui);

/* Layout helper: v design pixels (at 1080 px wide) in window pixels. */
static inline int gb_px(const gb_ui *ui, double v)
{
    return (int)(v * ui->s + 0.5);
}

/* Every active batch, those whose window is open first (then in the
 * store's order): what the welcome screen lists, each with its window's
 * state. open_only: only those whose window is open now, what the identity
 * screen offers (a student cannot start in a batch that is not open).
 * *out is malloc'd (NULL when there are none); -1 on a store error. */
int gb_ui_active_batches(gb_ui *ui, int open_only, gb_batch **out, size_t *n);

/* Why no student session can start for want of the camera or the face
 * model: 0 when nothing stops it (a worker still STARTING does not: the
 * identity and data screens take longer than the model load), else the
 * message the welcome screen shows. */
int gb_ui_photo_blocked(gb_ui *ui, gb_msg *why);

#endif
