/* The gphoto2 backend's pure helpers, private to src/camera and its tests.
 * The backend itself is `gb_cam_gphoto2` (cam_backend.h); these are the
 * parts that decide what an answer from libgphoto2 means, so they can be
 * tested without a camera that misbehaves on cue. */
#ifndef GB_CAMERA_CAM_GPHOTO2_H
#define GB_CAMERA_CAM_GPHOTO2_H

#include <gphoto2/gphoto2.h>
#include <stddef.h>

#include "core/err.h"

typedef enum {
    GB_GP2_OTHER,       /* this attempt failed; the camera still answers */
    GB_GP2_BUSY,        /* "camera busy" / "not ready": wait a little and ask again */
    GB_GP2_GONE,        /* unplugged, switched off, asleep or wedged: close and reopen */
    GB_GP2_CLAIMED,     /* another program (gvfs) holds the USB device */
    GB_GP2_NO_ACCESS,   /* the kiosk user may not open the USB device (udev rules) */
    GB_GP2_UNSUPPORTED, /* the camera cannot do this (live view on some models) */
    GB_GP2_FOCUS,       /* the shutter did not release: autofocus found nothing */
} gb_gp2_kind;

/* What a libgphoto2 result means. detail is the text libgphoto2 reported
 * with it (its context error or error log; may be NULL or ""): busy answers
 * that libgphoto2 does not map to GP_ERROR_CAMERA_BUSY (Canon's 0xa102 "not
 * ready", a PTP 0x2019 "device busy" in a failed transaction) are known only
 * from there. */
gb_gp2_kind gb_gp2_classify(int rc, const char *detail);

/* One sentence for staff: what failed (`what`, e.g. "live view"), at which
 * port, what it means and what to do. For GB_GP2_CLAIMED it names the gvfs
 * processes that run now (holders, may be NULL or "") and how to stop them. */
void gb_gp2_explain(gb_err *err, int rc, const char *detail, const char *what, const char *port,
                    const char *holders);

/* The running processes known to grab cameras (the desktop's gvfs gphoto2
 * monitor and mounter), as "name (pid N), ..." in buf; "" when none. */
void gb_gp2_find_holders(char *buf, size_t size);

/* The call that fetches one live-view frame; gp_camera_capture_preview
 * unless a test puts a camera that answers "busy" on cue in its place (the
 * virtual camera has no live view at all). NULL restores the real one. Set
 * it while no gphoto2 camera is open. */
typedef int (*gb_gp2_preview_fn)(Camera *camera, CameraFile *file, GPContext *ctx);
void gb_gp2_set_preview(gb_gp2_preview_fn fn);

#endif
