/* A fake UVC webcam behind the V4L2 backend's system-call layer
 * (camera/cam_v4l2.h): it answers the ioctls a real uvcvideo node answers
 * (capabilities, formats, sizes, intervals, controls, mmap streaming or
 * read()), paces frames at the mode's rate, and can misbehave on cue: EAGAIN
 * after a poll, ENOSPC on STREAMON, damaged MJPEG frames, and unplugging
 * (open fails with ENOENT, the old descriptor answers ENODEV and POLLERR)
 * and replugging. Like a real node pair it also shows a metadata node
 * (/dev/video1) that is not a camera.
 *
 * MJPEG frames are real JPEGs given by the test (served in turn, those whose
 * size matches the format set); YUYV frames are made up: the left half white
 * (Y 235), the right half black (Y 16), and the frame's number in the first
 * 32 pixels of row 0 (white = 1, least significant bit first).
 *
 * All knobs may be turned from another thread while a camera streams. */
#ifndef GB_TESTS_FAKE_UVC_H
#define GB_TESTS_FAKE_UVC_H

#include <stddef.h>
#include <stdint.h>

#include "camera/cam_v4l2.h"

typedef struct fake_uvc fake_uvc;

typedef struct fake_uvc_counts {
    int opens;           /* successful opens of the capture node */
    int streamons;       /* successful STREAMONs */
    int enospc;          /* STREAMONs refused with ENOSPC */
    int eagain;          /* DQBUF/read answered EAGAIN */
    uint64_t frames;     /* frames handed out */
    uint32_t fourcc;     /* the format set last */
    int w, h;
    int exposure_auto;   /* control values set (-1: never) */
    int exposure_abs;
    int auto_wb;
    int wb_temp;
    int open_fds;        /* descriptors not yet closed */
    int mapped;          /* buffers mapped and not unmapped */
} fake_uvc_counts;

fake_uvc *fake_uvc_new(const char *card);
void fake_uvc_free(fake_uvc *f);

/* The system-call table that talks to this fake (ctx = f). */
const gb_v4l2_sys *fake_uvc_sys(fake_uvc *f);

/* A mode the webcam offers; fps 0 serves frames as fast as they are asked
 * for (the bench). Modes are listed in the order added. */
void fake_uvc_add_mode(fake_uvc *f, uint32_t fourcc, int w, int h, int fps);
/* An MJPEG frame of size w x h (copied). */
void fake_uvc_add_jpeg(fake_uvc *f, int w, int h, const unsigned char *data, size_t len);
/* Exposure and white-balance controls (on by default). */
void fake_uvc_set_controls(fake_uvc *f, int have);
/* read() instead of mmap streaming (set before the camera opens). */
void fake_uvc_set_read_only(fake_uvc *f, int read_only);

/* Unplug (0) or plug back (1). */
void fake_uvc_set_present(fake_uvc *f, int present);
/* Unplugs itself after handing out n more frames (0: never). */
void fake_uvc_unplug_after(fake_uvc *f, int n);
/* The next n STREAMONs of fourcc (0: any format) fail with ENOSPC. */
void fake_uvc_fail_streamon(fake_uvc *f, uint32_t fourcc, int n);
/* Every n-th DQBUF (or read) answers EAGAIN although poll said ready. */
void fake_uvc_eagain_every(fake_uvc *f, int n);
/* The next n MJPEG frames are cut in half (no EOI). */
void fake_uvc_damage_next(fake_uvc *f, int n);

void fake_uvc_counts_get(fake_uvc *f, fake_uvc_counts *out);

#endif
