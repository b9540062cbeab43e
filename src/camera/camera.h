/* Cameras: one ops table, one file per backend (cam_file.c, cam_v4l2.c,
 * cam_gphoto2.c), in the manner of mpv's video outputs. The rest of
 * GradBooth never knows which backend runs: it opens a gb_camera, starts
 * live view, takes frames from the latest-frame mailbox and asks for stills.
 *
 * Threads: a capture thread per camera calls the backend and publishes
 * each preview frame to a mailbox that holds only the newest frame, so a
 * slow consumer never blocks the camera and never sees a stale frame (the
 * overwritten ones are counted as drops). A backend error closes the device
 * and the thread reopens it in the background with back-off until it
 * answers again: unplug, sleep and "device busy" never need a restart. */
#ifndef GB_CAMERA_CAMERA_H
#define GB_CAMERA_CAMERA_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "image/image.h"

typedef struct gb_camera gb_camera;

typedef enum {
    GB_CAM_STOPPED,
    GB_CAM_STARTING,
    GB_CAM_LIVE,
    GB_CAM_RECONNECTING, /* device gone or refusing; retrying in the background */
} gb_cam_state;

typedef struct gb_cam_stats {
    uint64_t frames;      /* published to the mailbox */
    uint64_t drops;       /* published frames nobody took before the next one */
    uint64_t errors;      /* backend errors (each may trigger a reopen) */
    uint64_t reopens;     /* successful reopens after a failure */
    double fps;           /* over the last second or so */
    gb_cam_state state;
    char last_error[256]; /* for the staff screen; never student data */
} gb_cam_stats;

typedef struct gb_cam_info {
    char backend[16];
    char model[128];
    char port[128];   /* /dev/video0, usb:001,005, or the file path */
    int preview_w, preview_h;
    int still_w, still_h; /* 0 when unknown until the first capture */
    int has_live_view;    /* 0: preview frames come from repeated captures */
    char mode[128];       /* what the backend chose, e.g. "MJPEG 1280x720 30 fps; still YUYV 1920x1080" */
} gb_cam_info;

/* One camera (or problem) a backend sees, for `gradbooth camera list`. */
typedef struct gb_cam_found {
    char backend[16];
    char port[128];      /* what [camera] device takes: /dev/video0, usb:001,005, a path */
    char model[128];
    char details[2048];  /* formats, sizes, abilities: lines of text */
    char problem[256];   /* set when seen but not usable (permission, claimed by another program) */
} gb_cam_found;

/* Opens the camera named by [camera] backend/device (auto: a DSLR, then a
 * webcam, then a clear error). The capture thread starts with live view.
 * For backend=file, cfg->camera_file_path must already be resolved against
 * the config file's folder (the caller knows where the file was). The first
 * open happens here, so "no camera" is an error now; later failures are
 * retried in the background. */
gb_camera *gb_camera_open(const gb_config *cfg, gb_err *err);
void gb_camera_close(gb_camera *cam);

/* The newest frame newer than *seq (0 at first), or NULL when there is none
 * yet; waits up to timeout_ms for one. The caller owns the returned image.
 * *seq is updated to the frame's number. */
gb_image *gb_camera_latest(gb_camera *cam, uint64_t *seq, int timeout_ms);

/* Optional: hands a frame from gb_camera_latest back when done with it, so
 * the capture thread decodes the next frame into it instead of allocating
 * (a 1280x720 frame is 2.7 MB). gb_image_free is always fine too. */
void gb_camera_recycle(gb_camera *cam, gb_image *frame);

/* A full-resolution still as JPEG bytes (malloc'd). Pauses live view,
 * captures, resumes it. */
int gb_camera_capture(gb_camera *cam, unsigned char **jpeg, size_t *len, gb_err *err);

void gb_camera_stats(gb_camera *cam, gb_cam_stats *out);
void gb_camera_info(gb_camera *cam, gb_cam_info *out);

/* "stopped", "starting", "live", "reconnecting". */
const char *gb_cam_state_name(gb_cam_state state);

/* What the backends see now, without opening a camera for live view.
 * backend: a name from [camera] backend; "auto" or NULL asks every backend.
 * Fills at most max entries and returns how many; a backend that cannot look
 * (permission denied, library trouble) reports that as an entry with
 * `problem` set. -1 with err only for an unknown backend name. */
int gb_camera_list(const gb_config *cfg, const char *backend, gb_cam_found *out, int max, gb_err *err);

/* The backend names in `auto` order, then the others ("gphoto2, v4l2, file"),
 * for help texts and errors. */
void gb_camera_backend_names(char *buf, size_t size);

#endif
