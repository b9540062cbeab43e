/* The generic half of every camera: the capture thread, the latest-frame
 * mailbox, stats, warm-up frames, stills that pause live view, and reopening
 * a device that failed. Backends (cam_*.c) only talk to their device.
 *
 * The capture thread is the only one that touches the backend after open.
 * Other threads talk to it through `mu`/`cv` (stop, still requests, stats)
 * and through the mailbox (frames), so a caller never waits on the device
 * except when it asks for a still, which by nature waits for the camera.
 *
 * Recovery: any GB_CAM_EDEVICE, a live view that yields no frame for
 * [camera] stall_timeout_ms, or a failed restart of live view closes the
 * device; the thread then reopens it after retry_initial_ms, doubling the
 * wait up to retry_max_ms, each wait with random jitter so that two kiosks
 * on one USB hub (or a camera that wakes slowly) do not retry in lockstep. */
#include "camera/camera.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "camera/cam_backend.h"
#include "camera/mailbox.h"
#include "core/log.h"

/* Longest a single grab may block: bounds how late the thread notices a
 * stop or a still request. Not a tunable: it only trades wake-ups for
 * latency far below what a person notices. */
#define GRAB_SLICE_MS 100

struct gb_camera {
    gb_config cfg;
    const gb_cam_backend *be;
    gb_mailbox mb;
    pthread_t thread;
    int thread_started;

    pthread_mutex_t mu; /* guards everything down to the capture-thread-only part */
    pthread_cond_t cv;  /* stop, still requests and replies, reopen waits */
    int stop;
    int still_wanted; /* a caller waits for a still */
    int still_busy;   /* one still at a time */
    int still_done;
    int still_rc;
    unsigned char *still_jpeg;
    size_t still_len;
    gb_err still_err;
    gb_cam_stats st; /* frames and drops come from the mailbox when read */
    gb_cam_info info;
    double win_start_ms; /* fps window */
    uint64_t win_frames;
    double last_frame_ms;

    /* Capture thread only (and gb_camera_open before the thread starts). */
    void *dev;
    int lost;           /* the device failed since the last successful open */
    int backoff_ms;     /* the next reopen wait, before jitter */
    double retry_at_ms; /* when dev is NULL: the next reopen attempt */
    int warmup_left;
    double progress_ms; /* last frame, open or still: the stall clock */
    int stall_ms;       /* stall_timeout_ms, or longer for a slow configured rate */
    unsigned rng;
};

double gb_cam_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void gb_cam_sleep_ms(double ms)
{
    if (ms <= 0)
        return;
    struct timespec t = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)((ms - (double)(long)(ms / 1000) * 1000) * 1e6)};
    while (nanosleep(&t, &t) < 0 && errno == EINTR) {
    }
}

gb_image *gb_cam_frame_buffer(gb_image **spare, int w, int h, gb_err *err)
{
    gb_image *img = *spare;
    *spare = NULL;
    if (img && img->width == w && img->height == h)
        return img;
    gb_image_free(img);
    return gb_image_new_err(w, h, err);
}

const char *gb_cam_state_name(gb_cam_state state)
{
    switch (state) {
    case GB_CAM_STOPPED: return "stopped";
    case GB_CAM_STARTING: return "starting";
    case GB_CAM_LIVE: return "live";
    case GB_CAM_RECONNECTING: return "reconnecting";
    }
    return "unknown";
}

void gb_camera_backend_names(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < gb_cam_nbackends && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", gb_cam_backends[i]->name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static const gb_cam_backend *find_backend(const char *name)
{
    for (size_t i = 0; i < gb_cam_nbackends; i++)
        if (strcmp(gb_cam_backends[i]->name, name) == 0)
            return gb_cam_backends[i];
    return NULL;
}

static int unknown_backend(const char *name, gb_err *err)
{
    char names[128];
    gb_camera_backend_names(names, sizeof names);
    gb_err_set(err, "unknown camera backend '%s' (known: auto, %s)", name, names);
    return -1;
}

/* --- state shared with other threads ------------------------------------ */

static void set_state(gb_camera *cam, gb_cam_state s)
{
    pthread_mutex_lock(&cam->mu);
    cam->st.state = s;
    pthread_mutex_unlock(&cam->mu);
}

static void note_error(gb_camera *cam, const char *msg)
{
    pthread_mutex_lock(&cam->mu);
    cam->st.errors++;
    snprintf(cam->st.last_error, sizeof cam->st.last_error, "%s", msg);
    pthread_mutex_unlock(&cam->mu);
}

static void refresh_info(gb_camera *cam)
{
    gb_cam_info info;
    memset(&info, 0, sizeof info);
    snprintf(info.backend, sizeof info.backend, "%s", cam->be->name);
    cam->be->info(cam->dev, &info);
    pthread_mutex_lock(&cam->mu);
    cam->info = info;
    pthread_mutex_unlock(&cam->mu);
}

static void count_frame(gb_camera *cam, double now)
{
    pthread_mutex_lock(&cam->mu);
    cam->st.state = GB_CAM_LIVE;
    if (cam->win_start_ms == 0)
        cam->win_start_ms = now;
    cam->win_frames++;
    /* Rate over a window of about a second: steady enough to read, recent
     * enough to show a camera slowing down. */
    if (now - cam->win_start_ms >= 1000) {
        cam->st.fps = (double)cam->win_frames * 1000.0 / (now - cam->win_start_ms);
        cam->win_start_ms = now;
        cam->win_frames = 0;
    }
    cam->last_frame_ms = now;
    pthread_mutex_unlock(&cam->mu);
}

/* --- the device, capture thread side ------------------------------------ */

static int open_device(gb_camera *cam, gb_err *err)
{
    void *dev = cam->be->open(&cam->cfg, err);
    if (!dev)
        return -1;
    if (cam->be->start_preview(dev, err) != GB_CAM_OK) {
        cam->be->stop_preview(dev);
        cam->be->close(dev);
        return -1;
    }
    cam->dev = dev;
    cam->warmup_left = cam->be->warmup ? cam->cfg.warmup_frames : 0;
    cam->progress_ms = gb_cam_now_ms();
    refresh_info(cam);
    return 0;
}

static int jittered(gb_camera *cam, int ms)
{
    /* 75% .. 125% of the nominal wait. */
    double f = 0.75 + 0.5 * (double)rand_r(&cam->rng) / RAND_MAX;
    return (int)(ms * f);
}

static void schedule_retry(gb_camera *cam)
{
    int wait = jittered(cam, cam->backoff_ms);
    if (wait > cam->cfg.retry_max_ms)
        wait = cam->cfg.retry_max_ms;
    cam->retry_at_ms = gb_cam_now_ms() + wait;
    cam->backoff_ms = cam->backoff_ms >= cam->cfg.retry_max_ms / 2 ? cam->cfg.retry_max_ms : cam->backoff_ms * 2;
}

/* Closes a device that failed and schedules the first reopen. */
static void lose_device(gb_camera *cam, const char *why)
{
    gb_log_warn("camera %s: %s; reopening in the background", cam->be->name, why);
    gb_mailbox_clear(&cam->mb);
    if (cam->dev) {
        cam->be->stop_preview(cam->dev);
        cam->be->close(cam->dev);
        cam->dev = NULL;
    }
    cam->lost = 1;
    cam->backoff_ms = cam->cfg.retry_initial_ms;
    schedule_retry(cam);
    set_state(cam, GB_CAM_RECONNECTING);
}

static int try_reopen(gb_camera *cam, gb_err *err)
{
    if (open_device(cam, err) < 0) {
        note_error(cam, err->msg);
        gb_log_debug("camera %s: reopen failed: %s", cam->be->name, err->msg);
        schedule_retry(cam);
        return -1;
    }
    pthread_mutex_lock(&cam->mu);
    if (cam->lost)
        cam->st.reopens++;
    cam->st.state = GB_CAM_STARTING;
    pthread_mutex_unlock(&cam->mu);
    cam->lost = 0;
    gb_log_info("camera %s: reopened", cam->be->name);
    return 0;
}

static void grab_once(gb_camera *cam)
{
    gb_image *frame = gb_mailbox_spare(&cam->mb);
    gb_err err = {0};
    int rc = cam->be->grab_preview(cam->dev, GRAB_SLICE_MS, &frame, &err);
    double now = gb_cam_now_ms();
    if (rc == GB_CAM_FRAME) {
        cam->progress_ms = now;
        if (cam->warmup_left > 0) {
            cam->warmup_left--;
            gb_mailbox_recycle(&cam->mb, frame);
            return;
        }
        gb_mailbox_put(&cam->mb, frame);
        count_frame(cam, now);
        return;
    }
    gb_mailbox_recycle(&cam->mb, frame);
    if (rc == GB_CAM_EDEVICE) {
        note_error(cam, err.msg);
        lose_device(cam, err.msg);
        return;
    }
    if (rc == GB_CAM_EFRAME) {
        note_error(cam, err.msg);
        gb_log_debug("camera %s: %s", cam->be->name, err.msg);
    }
    if (now - cam->progress_ms > cam->stall_ms) {
        char msg[160];
        snprintf(msg, sizeof msg, "no frame for %d ms", cam->stall_ms);
        note_error(cam, msg);
        lose_device(cam, msg);
    }
}

/* Live view off, the still, live view on again (from scratch when needed). */
static void serve_still(gb_camera *cam)
{
    unsigned char *jpeg = NULL;
    size_t len = 0;
    gb_err err = {0};
    int rc = GB_CAM_EFRAME;
    if (!cam->dev && try_reopen(cam, &err) < 0) {
        gb_err_prefix(&err, "the camera is not available");
    } else {
        cam->be->stop_preview(cam->dev);
        gb_mailbox_clear(&cam->mb);
        rc = cam->be->capture_still(cam->dev, &jpeg, &len, &err);
        if (rc != GB_CAM_OK)
            note_error(cam, err.msg);
        if (rc == GB_CAM_EDEVICE) {
            lose_device(cam, err.msg);
        } else {
            gb_err serr = {0};
            if (cam->be->start_preview(cam->dev, &serr) != GB_CAM_OK) {
                note_error(cam, serr.msg);
                lose_device(cam, serr.msg);
            } else {
                cam->warmup_left = cam->be->warmup ? cam->cfg.warmup_frames : 0;
                cam->progress_ms = gb_cam_now_ms();
                refresh_info(cam);
            }
        }
    }
    pthread_mutex_lock(&cam->mu);
    cam->still_rc = rc == GB_CAM_OK ? 0 : -1;
    cam->still_jpeg = jpeg;
    cam->still_len = len;
    cam->still_err = err;
    cam->still_done = 1;
    cam->still_wanted = 0;
    pthread_cond_broadcast(&cam->cv);
    pthread_mutex_unlock(&cam->mu);
}

static void wait_until(gb_camera *cam, double when_ms)
{
    double left = when_ms - gb_cam_now_ms();
    if (left <= 0)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long ns = (long long)ts.tv_nsec + (long long)(left * 1e6);
    ts.tv_sec += (time_t)(ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    pthread_cond_timedwait(&cam->cv, &cam->mu, &ts);
}

static void *capture_main(void *arg)
{
    gb_camera *cam = arg;
    for (;;) {
        pthread_mutex_lock(&cam->mu);
        if (!cam->dev && !cam->stop && !cam->still_wanted)
            wait_until(cam, cam->retry_at_ms);
        int stop = cam->stop, want_still = cam->still_wanted;
        pthread_mutex_unlock(&cam->mu);
        if (stop)
            break;
        if (want_still) {
            serve_still(cam);
        } else if (!cam->dev) {
            gb_err err;
            if (gb_cam_now_ms() >= cam->retry_at_ms)
                try_reopen(cam, &err);
        } else {
            grab_once(cam);
        }
    }
    if (cam->dev) {
        cam->be->stop_preview(cam->dev);
        cam->be->close(cam->dev);
        cam->dev = NULL;
    }
    pthread_mutex_lock(&cam->mu);
    if (cam->still_wanted) {
        gb_err_set(&cam->still_err, "the camera was closed before the still was taken");
        cam->still_rc = -1;
        cam->still_done = 1;
        cam->still_wanted = 0;
        pthread_cond_broadcast(&cam->cv);
    }
    cam->st.state = GB_CAM_STOPPED;
    pthread_mutex_unlock(&cam->mu);
    gb_mailbox_close(&cam->mb);
    return NULL;
}

/* --- public ------------------------------------------------------------- */

static void free_camera(gb_camera *cam)
{
    gb_mailbox_destroy(&cam->mb);
    pthread_mutex_destroy(&cam->mu);
    pthread_cond_destroy(&cam->cv);
    free(cam);
}

static gb_camera *new_camera(const gb_config *cfg, gb_err *err)
{
    gb_camera *cam = calloc(1, sizeof *cam);
    if (!cam) {
        gb_err_set(err, "camera: out of memory");
        return NULL;
    }
    cam->cfg = *cfg;
    /* Keys checked one by one may still disagree when set in code. */
    if (cam->cfg.retry_initial_ms > cam->cfg.retry_max_ms)
        cam->cfg.retry_initial_ms = cam->cfg.retry_max_ms;
    cam->backoff_ms = cam->cfg.retry_initial_ms;
    /* A camera told to run at 1 fps is not stalled after half a second:
     * allow at least three intervals of the slowest configured rate. */
    int slowest = cam->cfg.preview_fps < cam->cfg.file_fps ? cam->cfg.preview_fps : cam->cfg.file_fps;
    cam->stall_ms = cam->cfg.stall_timeout_ms;
    if (slowest > 0 && cam->stall_ms < 3000 / slowest)
        cam->stall_ms = 3000 / slowest;
    cam->rng = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)cam;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    int bad = pthread_cond_init(&cam->cv, &ca) != 0;
    pthread_condattr_destroy(&ca);
    bad |= pthread_mutex_init(&cam->mu, NULL) != 0;
    bad |= gb_mailbox_init(&cam->mb) != 0;
    if (bad) {
        gb_err_set(err, "camera: cannot create its locks");
        free(cam);
        return NULL;
    }
    cam->st.state = GB_CAM_STARTING;
    return cam;
}

gb_camera *gb_camera_open(const gb_config *cfg, gb_err *err)
{
    const char *want = cfg->camera_backend[0] ? cfg->camera_backend : "auto";
    int is_auto = strcmp(want, "auto") == 0;
    if (!is_auto && !find_backend(want)) {
        unknown_backend(want, err);
        return NULL;
    }
    gb_camera *cam = new_camera(cfg, err);
    if (!cam)
        return NULL;
    if (is_auto) {
        /* A DSLR first, then a webcam; the error lists every answer so staff
         * see at once whether the camera is missing or refused. */
        char tried[900] = "";
        size_t used = 0;
        for (size_t i = 0; i < gb_cam_nbackends; i++) {
            if (!gb_cam_backends[i]->in_auto)
                continue;
            cam->be = gb_cam_backends[i];
            gb_err e = {0};
            if (open_device(cam, &e) == 0)
                break;
            cam->be = NULL;
            int n = snprintf(tried + used, sizeof tried - used, "%s%s: %s", used ? "; " : "",
                             gb_cam_backends[i]->name, e.msg);
            if (n > 0)
                used = used + (size_t)n < sizeof tried ? used + (size_t)n : sizeof tried - 1;
        }
        if (!cam->be) {
            gb_err_set(err, "no camera found (tried %s). Connect the camera, switch it on, or set [camera] backend",
                       tried[0] ? tried : "nothing: no backend takes part in auto");
            free_camera(cam);
            return NULL;
        }
    } else {
        cam->be = find_backend(want);
        if (open_device(cam, err) < 0) {
            gb_err_prefix(err, "camera (%s)", want);
            free_camera(cam);
            return NULL;
        }
    }
    if (pthread_create(&cam->thread, NULL, capture_main, cam) != 0) {
        gb_err_set(err, "camera: cannot start the capture thread");
        cam->be->stop_preview(cam->dev);
        cam->be->close(cam->dev);
        free_camera(cam);
        return NULL;
    }
    cam->thread_started = 1;
    gb_log_info("camera %s: open", cam->be->name);
    return cam;
}

void gb_camera_close(gb_camera *cam)
{
    if (!cam)
        return;
    pthread_mutex_lock(&cam->mu);
    cam->stop = 1;
    pthread_cond_broadcast(&cam->cv);
    pthread_mutex_unlock(&cam->mu);
    if (cam->thread_started)
        pthread_join(cam->thread, NULL);
    free_camera(cam);
}

gb_image *gb_camera_latest(gb_camera *cam, uint64_t *seq, int timeout_ms)
{
    return gb_mailbox_take(&cam->mb, seq, timeout_ms);
}

void gb_camera_recycle(gb_camera *cam, gb_image *frame)
{
    gb_mailbox_recycle(&cam->mb, frame);
}

int gb_camera_capture(gb_camera *cam, unsigned char **jpeg, size_t *len, gb_err *err)
{
    *jpeg = NULL;
    *len = 0;
    pthread_mutex_lock(&cam->mu);
    while (cam->still_busy && !cam->stop)
        pthread_cond_wait(&cam->cv, &cam->mu);
    if (cam->stop) {
        pthread_mutex_unlock(&cam->mu);
        gb_err_set(err, "the camera is closing");
        return -1;
    }
    cam->still_busy = 1;
    cam->still_wanted = 1;
    cam->still_done = 0;
    pthread_cond_broadcast(&cam->cv);
    while (!cam->still_done)
        pthread_cond_wait(&cam->cv, &cam->mu);
    int rc = cam->still_rc;
    if (rc == 0) {
        *jpeg = cam->still_jpeg;
        *len = cam->still_len;
    } else if (err) {
        *err = cam->still_err;
    }
    cam->still_jpeg = NULL;
    cam->still_busy = 0;
    pthread_cond_broadcast(&cam->cv);
    pthread_mutex_unlock(&cam->mu);
    return rc;
}

void gb_camera_stats(gb_camera *cam, gb_cam_stats *out)
{
    gb_mailbox_counts c;
    gb_mailbox_counts_get(&cam->mb, &c);
    double now = gb_cam_now_ms();
    pthread_mutex_lock(&cam->mu);
    *out = cam->st;
    /* A rate measured long ago is not the rate now: after two seconds (two
     * frame intervals, for cameras slower than 1 fps) without a frame, 0. */
    double quiet = cam->st.fps > 0 && cam->st.fps < 1 ? 2000.0 / cam->st.fps : 2000.0;
    if (cam->last_frame_ms == 0 || now - cam->last_frame_ms > quiet)
        out->fps = 0;
    pthread_mutex_unlock(&cam->mu);
    out->frames = c.published;
    out->drops = c.dropped;
}

void gb_camera_info(gb_camera *cam, gb_cam_info *out)
{
    pthread_mutex_lock(&cam->mu);
    *out = cam->info;
    pthread_mutex_unlock(&cam->mu);
}

int gb_camera_list(const gb_config *cfg, const char *backend, gb_cam_found *out, int max, gb_err *err)
{
    int n = 0;
    int all = !backend || !backend[0] || strcmp(backend, "auto") == 0;
    if (!all && !find_backend(backend))
        return unknown_backend(backend, err);
    for (size_t i = 0; i < gb_cam_nbackends && n < max; i++) {
        const gb_cam_backend *be = gb_cam_backends[i];
        if (!all && strcmp(be->name, backend) != 0)
            continue;
        memset(out + n, 0, sizeof *out * (size_t)(max - n));
        int got = be->list(cfg, out + n, max - n);
        for (int k = 0; k < got; k++)
            snprintf(out[n + k].backend, sizeof out[n + k].backend, "%s", be->name);
        n += got;
    }
    return n;
}
