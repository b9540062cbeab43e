/* The backend side of the camera layer, private to src/camera (as mpv's
 * struct vo_driver is to video/out). A backend is one file, cam_NAME.c,
 * defining `const gb_cam_backend gb_cam_NAME`, plus one line in the table in
 * backends.c. camera.c owns everything that is the same for every camera:
 * the capture thread, the latest-frame mailbox, stats, warm-up frames,
 * pausing live view for a still, and reopening with back-off.
 *
 * Threads: after open, every call on one device comes from one thread (the
 * camera's capture thread), so a backend needs no locks of its own. `list`
 * may run on any thread, also while a device of the same backend is open.
 *
 * Errors: calls that touch the device return one of gb_cam_rc. A backend
 * never retries forever and never sleeps longer than the timeout it was
 * given: the generic layer decides when to give up and reopen. */
#ifndef GB_CAMERA_CAM_BACKEND_H
#define GB_CAMERA_CAM_BACKEND_H

#include <stddef.h>

#include "camera/camera.h"

typedef enum {
    GB_CAM_FRAME = 1,    /* grab_preview: *frame holds a new frame */
    GB_CAM_OK = 0,       /* start_preview, capture_still: done */
    GB_CAM_NONE = 0,     /* grab_preview: nothing within the timeout (not an error) */
    GB_CAM_EFRAME = -1,  /* this attempt failed (damaged frame, camera busy); the device still works */
    GB_CAM_EDEVICE = -2, /* the device is gone or wedged: it is closed and reopened with back-off */
} gb_cam_rc;

typedef struct gb_cam_backend {
    const char *name; /* the [camera] backend value: "v4l2" */
    int in_auto;      /* tried by backend=auto (in table order) */
    int warmup;       /* the generic layer throws away [camera] warmup_frames after
                         open and after each still (a sensor's exposure settling) */

    /* Appends what this backend sees to out[0..max) and returns how many
     * entries it wrote. A problem looking (permission denied) is an entry
     * with `problem` set, not a failure. */
    int (*list)(const gb_config *cfg, gb_cam_found *out, int max);

    /* Opens the device named by cfg->camera_device (empty: the first one
     * found), ready for start_preview. NULL with err when there is none or it
     * refuses; the error says what to do where we know ("claimed by gvfs"). */
    void *(*open)(const gb_config *cfg, gb_err *err);

    /* Live view on / off. stop_preview is also called before capture_still
     * and before close; it must be harmless when live view is off. */
    int (*start_preview)(void *dev, gb_err *err);
    void (*stop_preview)(void *dev);

    /* Waits up to timeout_ms for the next preview frame and returns
     * GB_CAM_FRAME with it in *frame (upright RGB, about the preview size).
     * On entry *frame is NULL or a spare image the backend may decode into
     * (gb_cam_frame_buffer) or free; on return other than GB_CAM_FRAME,
     * *frame is NULL or still a spare (the caller frees it). */
    int (*grab_preview)(void *dev, int timeout_ms, gb_image **frame, gb_err *err);

    /* A full-resolution still as JPEG bytes (malloc'd), live view off. The
     * backend switches formats and discards warm-up frames itself where the
     * still needs it (webcams). */
    int (*capture_still)(void *dev, unsigned char **jpeg, size_t *len, gb_err *err);

    void (*close)(void *dev);

    /* What is open; called after open, after start_preview and after a still
     * (camera.c keeps a copy for other threads). */
    void (*info)(void *dev, gb_cam_info *out);
} gb_cam_backend;

extern const gb_cam_backend gb_cam_file, gb_cam_v4l2, gb_cam_gphoto2;

/* The registry (backends.c): every backend, `auto` order first. */
extern const gb_cam_backend *const gb_cam_backends[];
extern const size_t gb_cam_nbackends;

/* A w x h frame for a backend to fill: *spare when it has that size (and
 * *spare becomes NULL), else a new one (the spare is freed). NULL with err
 * when out of memory. */
gb_image *gb_cam_frame_buffer(gb_image **spare, int w, int h, gb_err *err);

/* Monotonic clock in milliseconds, and a sleep that restarts after signals. */
double gb_cam_now_ms(void);
void gb_cam_sleep_ms(double ms);

#endif
