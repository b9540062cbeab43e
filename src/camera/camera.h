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
} gb_cam_info;

/* Opens the camera named by [camera] backend/device (auto: a DSLR, then a
 * webcam, then a clear error). The capture thread starts with live view. */
gb_camera *gb_camera_open(const gb_config *cfg, gb_err *err);
void gb_camera_close(gb_camera *cam);

/* The newest frame newer than *seq (0 at first), or NULL when there is none
 * yet; waits up to timeout_ms for one. The caller owns the returned image.
 * *seq is updated to the frame's number. */
gb_image *gb_camera_latest(gb_camera *cam, uint64_t *seq, int timeout_ms);

/* A full-resolution still as JPEG bytes (malloc'd). Pauses live view,
 * captures, resumes it. */
int gb_camera_capture(gb_camera *cam, unsigned char **jpeg, size_t *len, gb_err *err);

void gb_camera_stats(gb_camera *cam, gb_cam_stats *out);
void gb_camera_info(gb_camera *cam, gb_cam_info *out);

#endif
