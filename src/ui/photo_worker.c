/* The photo worker thread (see photo_worker.h).
 *
 * One mutex (mu) guards the request slot and the results; a second one
 * (cam_mu) guards the camera pointer, because a reopen replaces it. The UI
 * only ever trylocks cam_mu, so a capture that holds the camera for a
 * second costs the UI a few frames without new pictures, never a stall. */
#include "ui/photo_worker.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "image/jpeg.h"
#include "image/resample.h"
#include "vision/face.h"
#include "vision/qr.h"

typedef enum { REQ_NONE, REQ_ANALYSE, REQ_SCAN, REQ_CAPTURE, REQ_SHOW_FILE, REQ_QUIT } req_kind;

struct gb_photo_worker {
    double started_ms;       /* when the kiosk started the worker: bench/kiosk */
    int first_frame_logged;  /* UI thread only */
    gb_config cfg;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_mutex_t cam_mu;

    gb_camera *cam;      /* cam_mu */
    /* cam_mu: frame numbers handed to the UI continue across a reopen (a
     * new camera counts from 1 again, and a caller holding "seen up to 150"
     * would otherwise ignore its frames for ten seconds) */
    uint64_t seq_offset, seq_max;
    gb_face_model *model;
    gb_pw_state state;   /* mu */
    char state_msg[256]; /* mu */

    req_kind req;        /* mu: the request waiting or running */
    int running;         /* mu: a request is in work */
    /* mu: a capture or a show-file asked for while the worker was busy
     * (or still loading the model): served next, before any new analysis
     * or scan. Without it the photo screen, which offers a frame every
     * tick, would keep the worker busy forever and starve both. */
    req_kind next;
    char next_backdrop[8];
    char next_path[1024];
    uint64_t shows_asked, shows_done; /* mu: show-file tickets */
    gb_image *frame;     /* REQ_ANALYSE, REQ_SCAN: the copied frame */
    char backdrop[8];
    char path[1024];     /* REQ_SHOW_FILE */
    double last_offer_ms;
    double last_scan_ms;

    gb_qr_reader *qr;     /* worker thread only */
    char qr_refused[160]; /* worker thread only: the last refusal logged (one line per code held up) */
    int qr_status;        /* mu: the last scan's gb_qr_status, until taken */
    char qr_payload[512]; /* mu: a secret (a collection code); wiped when taken */

    gb_guidance guidance; /* mu */
    int capture_done;     /* mu */
    gb_capture capture;   /* mu */
};

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int gb_pw_live_rule(const char *id)
{
    /* What a preview frame can tell reliably: presence, place, pose, eyes
     * and mouth. Resolution, light, colour and sharpness are judged on the
     * full-resolution still. */
    static const char *const live[] = {"face.count", "face.frame", "pose.roll", "pose.yaw",
                                       "pose.pitch", "eyes.open", "mouth.closed"};
    for (size_t i = 0; i < sizeof live / sizeof live[0]; i++)
        if (strcmp(live[i], id) == 0)
            return 1;
    return 0;
}

static void analyse(gb_photo_worker *pw, gb_image *frame, const char *backdrop)
{
    gb_guidance g = {0};
    double t0 = mono_ms();
    unsigned char *jpeg = NULL;
    size_t len = 0;
    gb_err err;
    gb_check c;
    int longer = frame->width > frame->height ? frame->width : frame->height;
    gb_image *small = NULL;
    if (longer > pw->cfg.guidance_max_side) {
        double k = (double)pw->cfg.guidance_max_side / longer;
        int w = (int)(frame->width * k + 0.5), h = (int)(frame->height * k + 0.5);
        small = gb_image_crop_resize_fast(frame, 0, 0, frame->width, frame->height, w > 0 ? w : 1, h > 0 ? h : 1,
                                          &err);
        if (small)
            frame = small;
    }
    /* gb_check_photo reads encoded photos; a preview frame is small, so a
     * quick JPEG round trip costs a few milliseconds and keeps one path for
     * live view and stills. */
    if (gb_jpeg_encode(frame, 90, 72, &jpeg, &len, &err) == 0 &&
        gb_check_photo(pw->model, &pw->cfg, jpeg, len, backdrop[0] ? backdrop : NULL, GB_OUTPUT_NONE, &c,
                       &err) == 0) {
        g.judged = 1;
        g.faces = c.m.faces;
        g.green = 1;
        for (size_t i = 0; i < c.nrules; i++) {
            const gb_rule_result *r = &c.rules[i];
            if (!gb_pw_live_rule(r->id) || r->state != GB_RULE_FAIL)
                continue;
            /* The preview has fewer pixels than the still, so "too small to
             * crop without upscaling" is not a placement problem here. */
            if (strcmp(r->id, "face.frame") == 0 && c.crop.status == GB_CROP_TOO_SMALL)
                continue;
            g.green = 0;
            if (g.nfail < 8) {
                g.fail_id[g.nfail] = r->id;
                g.fail_zh[g.nfail] = r->msg_zh;
                g.fail_en[g.nfail] = r->msg_en;
                g.nfail++;
            }
        }
        gb_check_free(&c);
    }
    free(jpeg);
    gb_image_free(small);
    g.ms = mono_ms() - t0;
    pthread_mutex_lock(&pw->mu);
    g.seq = pw->guidance.seq + 1;
    pw->guidance = g;
    pthread_mutex_unlock(&pw->mu);
}

static void scan(gb_photo_worker *pw, const gb_image *frame)
{
    char payload[sizeof pw->qr_payload];
    gb_err err;
    int st = GB_QR_NONE;
    if (!pw->qr && !(pw->qr = gb_qr_reader_new(pw->cfg.qr_max_side, &err)))
        gb_log_error("kiosk: %s", err.msg);
    else
        st = gb_qr_scan(pw->qr, frame, payload, sizeof payload, &err);
    if (st < 0) {
        gb_log_error("kiosk: QR scan: %s", err.msg);
        st = GB_QR_NONE;
    } else if (st == GB_QR_REFUSED && strcmp(err.msg, pw->qr_refused) != 0) {
        gb_log_info("kiosk: a QR code was read and refused: %s", err.msg); /* says why, never what */
        snprintf(pw->qr_refused, sizeof pw->qr_refused, "%s", err.msg);
    } else if (st == GB_QR_FOUND) {
        pw->qr_refused[0] = 0;
    }
    pthread_mutex_lock(&pw->mu);
    if (st != GB_QR_NONE) {
        pw->qr_status = st;
        memcpy(pw->qr_payload, st == GB_QR_FOUND ? payload : "", st == GB_QR_FOUND ? sizeof payload : 1);
    }
    pthread_mutex_unlock(&pw->mu);
    sodium_memzero(payload, sizeof payload);
}

static void capture(gb_photo_worker *pw, const char *backdrop)
{
    gb_capture out = {0};
    unsigned char *still = NULL;
    size_t len = 0;
    gb_err err;
    pthread_mutex_lock(&pw->cam_mu);
    int rc = pw->cam ? gb_camera_capture(pw->cam, &still, &len, &err) : -1;
    if (!pw->cam)
        gb_err_set(&err, "no camera");
    pthread_mutex_unlock(&pw->cam_mu);
    if (rc < 0) {
        snprintf(out.err, sizeof out.err, "%s", err.msg);
    } else {
        gb_check c;
        if (gb_check_photo(pw->model, &pw->cfg, still, len, backdrop[0] ? backdrop : NULL, GB_OUTPUT_IF_CROP, &c,
                           &err) < 0) {
            snprintf(out.err, sizeof out.err, "%s", err.msg);
        } else {
            out.ok = 1;
            out.failed = c.failed;
            out.jpeg = c.jpeg;
            out.len = c.jpeg_len;
            out.w = c.out_w;
            out.h = c.out_h;
            out.still_w = c.src_w;
            out.still_h = c.src_h;
            out.faces = c.m.faces;
            c.jpeg = NULL;
            for (size_t i = 0; i < c.nrules; i++) {
                if (c.rules[i].state != GB_RULE_FAIL || out.nmsg >= GB_MAX_RULES)
                    continue;
                out.rule_id[out.nmsg] = c.rules[i].id;
                out.msg_zh[out.nmsg] = c.rules[i].msg_zh;
                out.msg_en[out.nmsg] = c.rules[i].msg_en;
                out.nmsg++;
            }
            char ids[512] = "";
            for (int i = 0; i < out.nmsg; i++)
                snprintf(ids + strlen(ids), sizeof ids - strlen(ids), " %s", out.rule_id[i]);
            gb_log_info("kiosk: capture judged, %d rule(s) failed:%s (%.0f ms)", c.failed, ids, c.ms_total);
            gb_check_free(&c);
        }
    }
    free(still);
    pthread_mutex_lock(&pw->mu);
    free(pw->capture.jpeg);
    pw->capture = out;
    pw->capture_done = 1;
    pthread_mutex_unlock(&pw->mu);
}

static int open_camera(gb_photo_worker *pw, const char *file_path, gb_err *err)
{
    gb_config c = pw->cfg;
    if (file_path) {
        snprintf(c.camera_backend, sizeof c.camera_backend, "file");
        snprintf(c.camera_file_path, sizeof c.camera_file_path, "%s", file_path);
    }
    gb_camera *cam = gb_camera_open(&c, err);
    if (!cam)
        return -1;
    pthread_mutex_lock(&pw->cam_mu);
    gb_camera *old = pw->cam;
    pw->cam = cam;
    pw->seq_offset = pw->seq_max;
    pthread_mutex_unlock(&pw->cam_mu);
    if (old)
        gb_camera_close(old);
    return 0;
}

/* The first live frame after an open, for the log bench/kiosk reads. */
static void log_first_frame(gb_photo_worker *pw)
{
    uint64_t seq0 = 0;
    pthread_mutex_lock(&pw->cam_mu);
    gb_image *first = gb_camera_latest(pw->cam, &seq0, 2000);
    if (first) {
        gb_log_info("kiosk: first live-view frame ready %.0f ms after start", mono_ms() - pw->started_ms);
        gb_camera_recycle(pw->cam, first);
    }
    pthread_mutex_unlock(&pw->cam_mu);
}

/* After a camera opened (late, or on another file): ready when the model
 * is. Called with mu held. */
static void camera_arrived(gb_photo_worker *pw)
{
    if (pw->model && pw->state != GB_PW_READY) {
        pw->state = GB_PW_READY;
        pw->state_msg[0] = 0;
    }
}

/* Makes the queued capture or show-file the current request once the
 * worker is free. Called with mu held. */
static void promote_next(gb_photo_worker *pw)
{
    if (pw->next == REQ_NONE || pw->req != REQ_NONE || pw->running)
        return;
    pw->req = pw->next;
    pw->next = REQ_NONE;
    memcpy(pw->backdrop, pw->next_backdrop, sizeof pw->backdrop);
    memcpy(pw->path, pw->next_path, sizeof pw->path);
}

static void *run(void *arg)
{
    gb_photo_worker *pw = arg;
    gb_err err, cam_err;
    double t0 = mono_ms();
    int cam_ok = open_camera(pw, NULL, &cam_err) == 0;
    if (cam_ok) {
        gb_log_info("kiosk: camera open after %.0f ms", mono_ms() - t0);
        /* The first frame before the model: live view is on screen while
         * the model (about a second) loads. */
        log_first_frame(pw);
    } else {
        gb_log_error("kiosk: photo worker: %s (trying again)", cam_err.msg);
    }
    /* The model loads without a camera too: a camera plugged in later
     * (or a cable put back) must find the kiosk ready, never needing a
     * restart. */
    pw->model = gb_face_model_load(pw->cfg.face_model, &err);
    if (pw->model)
        gb_log_info("kiosk: face model loaded after %.0f ms", mono_ms() - t0);
    else
        gb_log_error("kiosk: photo worker: %s", err.msg);
    pthread_mutex_lock(&pw->mu);
    pw->state = pw->model && cam_ok ? GB_PW_READY : GB_PW_FAILED;
    if (!pw->model)
        snprintf(pw->state_msg, sizeof pw->state_msg, "%s", err.msg);
    else if (!cam_ok)
        snprintf(pw->state_msg, sizeof pw->state_msg, "%s", cam_err.msg);
    promote_next(pw); /* asked for while the model loaded */
    double wait_ms = pw->cfg.retry_initial_ms, next_try = mono_ms() + wait_ms;
    for (;;) {
        while (pw->req == REQ_NONE) {
            if (pw->cam || !pw->model) {
                pthread_cond_wait(&pw->cv, &pw->mu);
                continue;
            }
            /* no camera yet: look again now and then ([camera] retry_*) */
            double now = mono_ms();
            if (now < next_try) {
                struct timespec ts;
                clock_gettime(CLOCK_REALTIME, &ts);
                double until = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6 + (next_try - now);
                ts.tv_sec = (time_t)(until / 1e3);
                ts.tv_nsec = (long)((until - ts.tv_sec * 1e3) * 1e6);
                pthread_cond_timedwait(&pw->cv, &pw->mu, &ts);
                continue;
            }
            pthread_mutex_unlock(&pw->mu);
            int opened = open_camera(pw, NULL, &cam_err) == 0;
            if (opened) {
                gb_log_info("kiosk: camera open after %.0f ms", mono_ms() - t0);
                log_first_frame(pw);
            }
            pthread_mutex_lock(&pw->mu);
            if (opened) {
                camera_arrived(pw);
            } else {
                snprintf(pw->state_msg, sizeof pw->state_msg, "%s", cam_err.msg);
                wait_ms = wait_ms * 2 < pw->cfg.retry_max_ms ? wait_ms * 2 : pw->cfg.retry_max_ms;
                next_try = mono_ms() + wait_ms;
            }
        }
        req_kind k = pw->req;
        if (k == REQ_QUIT)
            break;
        pw->running = 1;
        gb_image *frame = pw->frame;
        pw->frame = NULL;
        char backdrop[8], path[1024];
        memcpy(backdrop, pw->backdrop, sizeof backdrop);
        memcpy(path, pw->path, sizeof path);
        pthread_mutex_unlock(&pw->mu);

        int shown = 0;
        if (k == REQ_ANALYSE && frame && pw->model)
            analyse(pw, frame, backdrop);
        else if (k == REQ_SCAN && frame)
            scan(pw, frame);
        else if (k == REQ_CAPTURE)
            capture(pw, backdrop);
        else if (k == REQ_SHOW_FILE && !(shown = open_camera(pw, path, &err) == 0))
            gb_log_error("kiosk: show-photo: %s", err.msg);
        gb_image_free(frame);

        pthread_mutex_lock(&pw->mu);
        if (shown)
            camera_arrived(pw);
        if (k == REQ_SHOW_FILE)
            pw->shows_done++;
        pw->running = 0;
        if (pw->req == k)
            pw->req = REQ_NONE;
        promote_next(pw);
    }
    pthread_mutex_unlock(&pw->mu);
    return NULL;
}

gb_photo_worker *gb_pw_start(const gb_config *cfg, gb_err *err)
{
    gb_photo_worker *pw = calloc(1, sizeof *pw);
    if (!pw) {
        gb_err_set(err, "out of memory");
        return NULL;
    }
    pw->cfg = *cfg;
    pw->started_ms = mono_ms();
    pthread_mutex_init(&pw->mu, NULL);
    pthread_mutex_init(&pw->cam_mu, NULL);
    pthread_cond_init(&pw->cv, NULL);
    if (pthread_create(&pw->thread, NULL, run, pw) != 0) {
        gb_err_set(err, "cannot start the photo worker thread");
        free(pw);
        return NULL;
    }
    return pw;
}

void gb_pw_stop(gb_photo_worker *pw)
{
    if (!pw)
        return;
    pthread_mutex_lock(&pw->mu);
    pw->req = REQ_QUIT;
    pthread_cond_signal(&pw->cv);
    pthread_mutex_unlock(&pw->mu);
    pthread_join(pw->thread, NULL);
    if (pw->cam)
        gb_camera_close(pw->cam);
    gb_face_model_free(pw->model);
    gb_qr_reader_free(pw->qr);
    sodium_memzero(pw->qr_payload, sizeof pw->qr_payload);
    gb_image_free(pw->frame);
    free(pw->capture.jpeg);
    pthread_mutex_destroy(&pw->mu);
    pthread_mutex_destroy(&pw->cam_mu);
    pthread_cond_destroy(&pw->cv);
    free(pw);
}

gb_pw_state gb_pw_status(gb_photo_worker *pw, char *msg, size_t size)
{
    pthread_mutex_lock(&pw->mu);
    gb_pw_state s = pw->state;
    if (msg)
        snprintf(msg, size, "%s", pw->state_msg);
    pthread_mutex_unlock(&pw->mu);
    return s;
}

int gb_pw_model_failed(gb_photo_worker *pw)
{
    pthread_mutex_lock(&pw->mu);
    int failed = pw->state != GB_PW_STARTING && !pw->model;
    pthread_mutex_unlock(&pw->mu);
    return failed;
}

gb_image *gb_pw_frame(gb_photo_worker *pw, uint64_t *seq)
{
    if (pthread_mutex_trylock(&pw->cam_mu) != 0)
        return NULL;
    gb_image *f = NULL;
    if (pw->cam) {
        uint64_t local = *seq > pw->seq_offset ? *seq - pw->seq_offset : 0;
        f = gb_camera_latest(pw->cam, &local, 0);
        if (f) {
            *seq = local + pw->seq_offset;
            if (*seq > pw->seq_max)
                pw->seq_max = *seq;
        }
    }
    pthread_mutex_unlock(&pw->cam_mu);
    if (f && !pw->first_frame_logged) {
        /* the figure bench/kiosk reports: live view must not wait for the
         * face model, which loads on the worker after the camera opens */
        pw->first_frame_logged = 1;
        gb_log_info("kiosk: first live-view frame on screen %.0f ms after start", mono_ms() - pw->started_ms);
    }
    return f;
}

void gb_pw_recycle(gb_photo_worker *pw, gb_image *frame)
{
    if (!frame)
        return;
    if (pthread_mutex_trylock(&pw->cam_mu) != 0) {
        gb_image_free(frame);
        return;
    }
    if (pw->cam)
        gb_camera_recycle(pw->cam, frame);
    else
        gb_image_free(frame);
    pthread_mutex_unlock(&pw->cam_mu);
}

static int post(gb_photo_worker *pw, req_kind k, const char *backdrop, const char *path)
{
    /* callers hold mu */
    if (pw->req != REQ_NONE || pw->running)
        return -1;
    pw->req = k;
    snprintf(pw->backdrop, sizeof pw->backdrop, "%s", backdrop ? backdrop : "");
    if (path)
        snprintf(pw->path, sizeof pw->path, "%s", path);
    pthread_cond_signal(&pw->cv);
    return 0;
}

/* Posts k, or queues it to run right after the request in work (an
 * analysis or a scan, which take well under a second). -1 when another
 * capture or show-file is already waiting or running. Callers hold mu. */
static int post_or_queue(gb_photo_worker *pw, req_kind k, const char *backdrop, const char *path)
{
    if (pw->state != GB_PW_STARTING && post(pw, k, backdrop, path) == 0)
        return 0;
    int heavy = pw->req == REQ_CAPTURE || pw->req == REQ_SHOW_FILE;
    if (pw->next != REQ_NONE || heavy)
        return -1;
    pw->next = k;
    snprintf(pw->next_backdrop, sizeof pw->next_backdrop, "%s", backdrop ? backdrop : "");
    snprintf(pw->next_path, sizeof pw->next_path, "%s", path ? path : "");
    return 0;
}

static gb_image *copy_frame(const gb_image *frame)
{
    gb_image *copy = gb_image_new(frame->width, frame->height);
    if (copy)
        for (int y = 0; y < frame->height; y++)
            memcpy(gb_image_px(copy, 0, y), gb_image_px(frame, 0, y), (size_t)frame->width * 3);
    return copy;
}

double gb_pw_next_slot(double slot_ms, double now_ms, double period_ms)
{
    /* Keep to the schedule: the UI offers once a tick (33 ms), so a frame
     * taken a tick after it was due must not push every later one back,
     * or 10 a second becomes 7.5. After a pause (another screen, a
     * capture) start again from now. */
    return now_ms - slot_ms < 2 * period_ms ? slot_ms + period_ms : now_ms;
}

/* Hands a copy of frame to the worker for kind when it is idle and the
 * next 1/hz s slot after *last_ms has come. Guidance needs the face model
 * (state READY); a QR scan does not (a failed model load still leaves the
 * camera for scanning). */
static int offer(gb_photo_worker *pw, const gb_image *frame, req_kind kind, const char *backdrop, double *last_ms,
                 int hz)
{
    double now = mono_ms();
    pthread_mutex_lock(&pw->mu);
    int taken = 0;
    int ok_state = kind == REQ_SCAN ? pw->state != GB_PW_STARTING : pw->state == GB_PW_READY;
    double period = 1000.0 / hz;
    if (ok_state && pw->req == REQ_NONE && !pw->running && pw->next == REQ_NONE && now - *last_ms >= period) {
        gb_image *copy = copy_frame(frame);
        if (copy) {
            pw->frame = copy;
            post(pw, kind, backdrop, NULL);
            *last_ms = gb_pw_next_slot(*last_ms, now, period);
            taken = 1;
        }
    }
    pthread_mutex_unlock(&pw->mu);
    return taken;
}

int gb_pw_offer(gb_photo_worker *pw, const gb_image *frame, const char *backdrop)
{
    return offer(pw, frame, REQ_ANALYSE, backdrop, &pw->last_offer_ms, pw->cfg.guidance_hz);
}

int gb_pw_offer_scan(gb_photo_worker *pw, const gb_image *frame)
{
    return offer(pw, frame, REQ_SCAN, NULL, &pw->last_scan_ms, pw->cfg.qr_scan_hz);
}

int gb_pw_take_code(gb_photo_worker *pw, char *out, size_t size)
{
    pthread_mutex_lock(&pw->mu);
    int st = pw->qr_status;
    if (st == GB_QR_FOUND)
        snprintf(out, size, "%s", pw->qr_payload);
    pw->qr_status = GB_QR_NONE;
    sodium_memzero(pw->qr_payload, sizeof pw->qr_payload);
    pthread_mutex_unlock(&pw->mu);
    return st;
}

void gb_pw_guidance(gb_photo_worker *pw, gb_guidance *out)
{
    pthread_mutex_lock(&pw->mu);
    *out = pw->guidance;
    pthread_mutex_unlock(&pw->mu);
}

void gb_pw_clear_guidance(gb_photo_worker *pw)
{
    pthread_mutex_lock(&pw->mu);
    uint64_t seq = pw->guidance.seq;
    memset(&pw->guidance, 0, sizeof pw->guidance);
    pw->guidance.seq = seq; /* keep counting so "newer than" stays true */
    pthread_mutex_unlock(&pw->mu);
}

int gb_pw_capture(gb_photo_worker *pw, const char *backdrop)
{
    pthread_mutex_lock(&pw->mu);
    int rc = -1;
    if (pw->state == GB_PW_READY) {
        /* a capture outranks an analysis that has not started */
        if (pw->req == REQ_ANALYSE && !pw->running) {
            gb_image_free(pw->frame);
            pw->frame = NULL;
            pw->req = REQ_NONE;
        }
        rc = post_or_queue(pw, REQ_CAPTURE, backdrop, NULL);
        if (rc == 0) {
            free(pw->capture.jpeg);
            memset(&pw->capture, 0, sizeof pw->capture);
            pw->capture_done = 0;
        }
    }
    pthread_mutex_unlock(&pw->mu);
    return rc;
}

int gb_pw_capture_result(gb_photo_worker *pw, gb_capture *out)
{
    pthread_mutex_lock(&pw->mu);
    int done = pw->capture_done;
    if (done) {
        *out = pw->capture;
        memset(&pw->capture, 0, sizeof pw->capture);
        pw->capture_done = 0;
    }
    pthread_mutex_unlock(&pw->mu);
    return done;
}

uint64_t gb_pw_show_file(gb_photo_worker *pw, const char *path)
{
    pthread_mutex_lock(&pw->mu);
    uint64_t ticket = 0;
    if (post_or_queue(pw, REQ_SHOW_FILE, NULL, path) == 0)
        ticket = ++pw->shows_asked;
    pthread_mutex_unlock(&pw->mu);
    return ticket;
}

int gb_pw_shown(gb_photo_worker *pw, uint64_t ticket)
{
    pthread_mutex_lock(&pw->mu);
    int done = pw->shows_done >= ticket;
    pthread_mutex_unlock(&pw->mu);
    return done;
}

int gb_pw_busy(gb_photo_worker *pw)
{
    pthread_mutex_lock(&pw->mu);
    int b = pw->req != REQ_NONE || pw->next != REQ_NONE || pw->running || pw->state == GB_PW_STARTING;
    pthread_mutex_unlock(&pw->mu);
    return b;
}

void gb_pw_camera_info(gb_photo_worker *pw, gb_cam_info *info, gb_cam_stats *stats, int *open)
{
    memset(info, 0, sizeof *info);
    memset(stats, 0, sizeof *stats);
    *open = 0;
    pthread_mutex_lock(&pw->cam_mu);
    if (pw->cam) {
        gb_camera_info(pw->cam, info);
        gb_camera_stats(pw->cam, stats);
        *open = 1;
    }
    pthread_mutex_unlock(&pw->cam_mu);
}
