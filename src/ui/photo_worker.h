/* The photo worker: the one thread that talks to the camera and the face
 * analysis on the kiosk's behalf, so the UI thread never blocks on either.
 *
 * It opens the camera and loads the face model in the background (the
 * model takes about a second; the welcome screen must not wait for it),
 * then serves four requests, one at a time (a camera that cannot be
 * opened is looked for again with [camera] retry_initial_ms doubling to
 * retry_max_ms, so plugging it in later needs no restart):
 *   - analyse a preview frame the UI hands over (live guidance, at most
 *     [capture] guidance_hz times a second; a frame offered while one is in
 *     work is refused, never queued, so guidance is never stale: the photo
 *     screen offers its newest frame again on the next tick);
 *   - look for a QR code in a preview frame (the collection code held up to
 *     the camera, at most [capture] qr_scan_hz times a second, same rule);
 *   - capture a still and judge it (the result screen's photo);
 *   - reopen the camera on another file (the --script "show-photo" step).
 * Results are read by polling; nothing calls back into the UI. */
#ifndef GB_UI_PHOTO_WORKER_H
#define GB_UI_PHOTO_WORKER_H

#include <stdint.h>

#include "camera/camera.h"
#include "core/config.h"
#include "vision/analyse.h"

typedef struct gb_photo_worker gb_photo_worker;

/* Live guidance from the latest analysed preview frame. */
typedef struct gb_guidance {
    uint64_t seq;   /* increases with each analysis */
    int judged;     /* 0: the frame could not be analysed */
    int faces;
    int green;      /* every live check passed */
    int nfail;
    const char *fail_id[8];
    const char *fail_zh[8], *fail_en[8];
    double ms; /* analysis time */
} gb_guidance;

/* A capture and its verdict. */
typedef struct gb_capture {
    int ok;              /* 0: the camera or the decode failed (err) */
    unsigned char *jpeg; /* the standardised photo when the crop was possible (malloc'd) */
    size_t len;
    int w, h;
    int still_w, still_h; /* the camera's still, upright */
    int faces;            /* faces found in it */
    int failed; /* rules failed */
    int nmsg;
    const char *msg_zh[GB_MAX_RULES], *msg_en[GB_MAX_RULES];
    const char *rule_id[GB_MAX_RULES];
    char err[256];
} gb_capture;

typedef enum { GB_PW_STARTING, GB_PW_READY, GB_PW_FAILED } gb_pw_state;

/* Starts the thread. cfg is copied. backdrop: the batch's colour or NULL. */
gb_photo_worker *gb_pw_start(const gb_config *cfg, gb_err *err);
void gb_pw_stop(gb_photo_worker *pw);

/* State of the camera and the model, and the failure message when FAILED. */
gb_pw_state gb_pw_status(gb_photo_worker *pw, char *msg, size_t size);

/* 1 when the face model failed to load (once the worker has started: it
 * is not tried again, unlike a missing camera), telling the two failures
 * apart without the camera's lock. */
int gb_pw_model_failed(gb_photo_worker *pw);

/* The newest camera frame after *seq, or NULL (never waits: when the worker
 * holds the camera for a capture or a reopen there is simply no new frame
 * this time). The caller owns the image (gb_pw_recycle hands it back). */
gb_image *gb_pw_frame(gb_photo_worker *pw, uint64_t *seq);
void gb_pw_recycle(gb_photo_worker *pw, gb_image *frame);

/* Offers a preview frame for analysis; copies it when the worker is idle
 * and the guidance interval has passed. backdrop may be NULL. Returns 1 when
 * taken. */
int gb_pw_offer(gb_photo_worker *pw, const gb_image *frame, const char *backdrop);

/* Offers a preview frame to look for a collection-code QR code in (the
 * identity and lookup screens). Returns 1 when taken. */
int gb_pw_offer_scan(gb_photo_worker *pw, const gb_image *frame);

/* The outcome of the scans since the last call, once: GB_QR_FOUND with the
 * payload copied to out (a secret: the caller wipes it), GB_QR_REFUSED (a
 * QR code that cannot be a collection code), GB_QR_NONE. The worker's copy
 * is wiped either way. */
int gb_pw_take_code(gb_photo_worker *pw, char *out, size_t size);

/* The latest guidance (seq 0 = none yet). */
void gb_pw_guidance(gb_photo_worker *pw, gb_guidance *out);

/* Forgets guidance (a new student, a new photo screen). */
void gb_pw_clear_guidance(gb_photo_worker *pw);

/* Asks for a capture; 0 when asked (it runs right after an analysis or
 * scan in work), -1 when not ready or another capture or show-file is
 * waiting. */
int gb_pw_capture(gb_photo_worker *pw, const char *backdrop);

/* 1 and *out filled (ownership of out->jpeg passes) when a capture has
 * finished; 0 while it runs or when none was asked for. */
int gb_pw_capture_result(gb_photo_worker *pw, gb_capture *out);

/* Makes the file camera show this image next (reopens it on the path),
 * after the analysis or scan in work, or once the model has loaded.
 * Returns a ticket for gb_pw_shown, 0 when another capture or show-file
 * is already waiting (try again later). */
uint64_t gb_pw_show_file(gb_photo_worker *pw, const char *path);

/* 1 once the show-file with this ticket has been served (opened or
 * failed, see the log). */
int gb_pw_shown(gb_photo_worker *pw, uint64_t ticket);

/* 1 while a request runs or waits. */
int gb_pw_busy(gb_photo_worker *pw);

/* The camera's state for the staff screen; "" when none is open. */
void gb_pw_camera_info(gb_photo_worker *pw, gb_cam_info *info, gb_cam_stats *stats, int *open);

/* The slot an offer taken at now_ms fills, given the slot of the last
 * one: the next slot on the schedule, or now after a pause of two periods
 * or more. */
double gb_pw_next_slot(double slot_ms, double now_ms, double period_ms);

/* Rules that the live view can judge from a preview frame. */
int gb_pw_live_rule(const char *rule_id);

#endif
