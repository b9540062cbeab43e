/* USB webcams through V4L2, with plain system calls (through gb_v4l2_sys so
 * tests can fake the device) rather than libv4l2: we need only MJPEG and
 * YUYV, which every UVC webcam offers, and doing the conversion ourselves
 * keeps the frame path short (TurboJPEG straight into the mailbox buffer)
 * and lets the fake device see every ioctl. libv4lconvert would issue its
 * own ioctls on the descriptor behind the fake's back.
 *
 * Two formats per camera: a live-view format near [camera] preview_*, and a
 * still format (still_*, or the largest offered). A still stops streaming,
 * switches format, throws away warm-up frames while exposure settles, takes
 * one frame, and the generic layer then restarts live view.
 *
 * Faults: ENODEV, EIO and poll errors mean the webcam is gone (unplugged,
 * reset by a flaky hub): GB_CAM_EDEVICE, and the generic layer reopens it
 * until it is back. ENOSPC on STREAMON means the USB bus has no bandwidth
 * left for that format: we try the next format in our order of preference
 * (MJPEG needs far less than YUYV). EAGAIN (nothing ready on a non-blocking
 * descriptor) is just "no frame yet". */
#include "camera/cam_v4l2.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

#include "camera/cam_backend.h"
#include "core/log.h"
#include "image/jpeg.h"

#define NBUF 4           /* mmap buffers: one being filled, one being read, slack for jitter */
#define MAX_MODES 192    /* format x size combinations we keep */
#define MAX_TRIES 6      /* formats tried after ENOSPC before giving up */
#define STILL_QUALITY 95 /* JPEG quality of stills from YUYV: visually lossless; cut and re-encoded later */

/* --- the system-call layer --------------------------------------------- */

static int real_open(void *ctx, const char *path, int flags)
{
    (void)ctx;
    return open(path, flags);
}
static int real_close(void *ctx, int fd)
{
    (void)ctx;
    return close(fd);
}
static int real_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
    (void)ctx;
    int rc;
    do
        rc = ioctl(fd, req, arg);
    while (rc < 0 && errno == EINTR);
    return rc;
}
static void *real_mmap(void *ctx, size_t len, int prot, int flags, int fd, off_t off)
{
    (void)ctx;
    return mmap(NULL, len, prot, flags, fd, off);
}
static int real_munmap(void *ctx, void *addr, size_t len)
{
    (void)ctx;
    return munmap(addr, len);
}
static int real_poll(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    (void)ctx;
    return poll(fds, n, timeout_ms);
}
static ssize_t real_read(void *ctx, int fd, void *buf, size_t len)
{
    (void)ctx;
    return read(fd, buf, len);
}

static int node_number(const char *name)
{
    if (strncmp(name, "video", 5) != 0 || !name[5])
        return -1;
    char *end;
    long n = strtol(name + 5, &end, 10);
    return *end || n < 0 || n > 9999 ? -1 : (int)n;
}

static int by_number(const void *a, const void *b)
{
    return node_number((const char *)a + 5) - node_number((const char *)b + 5);
}

static int real_scan(void *ctx, char (*paths)[64], int max)
{
    (void)ctx;
    DIR *d = opendir("/dev");
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while (n < max && (e = readdir(d)))
        if (node_number(e->d_name) >= 0)
            snprintf(paths[n++], 64, "/dev/%s", e->d_name);
    closedir(d);
    qsort(paths, (size_t)n, sizeof paths[0], by_number);
    return n;
}

const gb_v4l2_sys gb_v4l2_sys_real = {
    NULL, real_open, real_close, real_ioctl, real_mmap, real_munmap, real_poll, real_read, real_scan,
};

static const gb_v4l2_sys *sys_now = &gb_v4l2_sys_real;

void gb_v4l2_set_sys(const gb_v4l2_sys *sys)
{
    sys_now = sys ? sys : &gb_v4l2_sys_real;
}

/* --- the device ---------------------------------------------------------- */

typedef struct mode {
    uint32_t fourcc;
    int w, h;
    double fps; /* highest the device claims at this size; 0 when it does not say */
} mode;

typedef struct buffer {
    void *start;
    size_t len;
} buffer;

typedef struct v4l2_dev {
    const gb_v4l2_sys *sys;
    gb_config cfg;
    char path[256];
    char card[64];
    int fd;
    int use_read; /* the device offers read() but not streaming */
    mode modes[MAX_MODES];
    int nmodes;
    int preview_order[MAX_MODES]; /* indices into modes, best first */
    int still_order[MAX_MODES];
    int preview_pick; /* position in preview_order in use (moves on after ENOSPC) */
    int still_pick;

    mode cur; /* what S_FMT gave */
    size_t bytesperline, sizeimage;
    buffer buf[NBUF];
    int nbuf;
    unsigned char *readbuf;
    int streaming;
    tjhandle tj;       /* for frames that carry Huffman tables */
    tjhandle tj_nodht; /* for frames without: see decode_frame */
    char controls[96]; /* what the control locks did, for info */
} v4l2_dev;

static const char *fourcc_name(uint32_t f)
{
    switch (f) {
    case V4L2_PIX_FMT_MJPEG: return "MJPEG";
    case V4L2_PIX_FMT_JPEG: return "JPEG";
    case V4L2_PIX_FMT_YUYV: return "YUYV";
    }
    return "other";
}

static int supported(uint32_t f)
{
    return f == V4L2_PIX_FMT_MJPEG || f == V4L2_PIX_FMT_JPEG || f == V4L2_PIX_FMT_YUYV;
}

static int is_jpeg(uint32_t f)
{
    return f == V4L2_PIX_FMT_MJPEG || f == V4L2_PIX_FMT_JPEG;
}

static int xioctl(v4l2_dev *d, unsigned long req, void *arg)
{
    return d->sys->ioctl(d->sys->ctx, d->fd, req, arg);
}

/* What an errno from a webcam means to staff. */
static const char *errno_hint(int e)
{
    switch (e) {
    case ENOENT: return " (not connected)";
    case EACCES:
    case EPERM: return " (permission denied: the kiosk user needs the camera group; see udev/)";
    case EBUSY: return " (in use by another program)";
    case ENODEV: return " (unplugged)";
    case ENOSPC: return " (not enough USB bandwidth: use another USB port, away from other cameras)";
    }
    return "";
}

static int gone(int e)
{
    return e == ENODEV || e == EIO || e == ENXIO || e == EBADF || e == ENOENT;
}

static double interval_fps(const struct v4l2_fract *f)
{
    return f->numerator ? (double)f->denominator / f->numerator : 0;
}

static double max_fps(v4l2_dev *d, uint32_t fourcc, int w, int h)
{
    struct v4l2_frmivalenum iv;
    double best = 0;
    for (unsigned i = 0; i < 64; i++) {
        memset(&iv, 0, sizeof iv);
        iv.index = i;
        iv.pixel_format = fourcc;
        iv.width = (unsigned)w;
        iv.height = (unsigned)h;
        if (xioctl(d, VIDIOC_ENUM_FRAMEINTERVALS, &iv) < 0)
            break;
        if (iv.type == V4L2_FRMIVAL_TYPE_DISCRETE) {
            double f = interval_fps(&iv.discrete);
            if (f > best)
                best = f;
        } else {
            double f = interval_fps(&iv.stepwise.min); /* the shortest interval */
            return f > best ? f : best;
        }
    }
    return best;
}

static void add_mode(v4l2_dev *d, uint32_t fourcc, int w, int h)
{
    if (d->nmodes >= MAX_MODES || w <= 0 || h <= 0)
        return;
    for (int i = 0; i < d->nmodes; i++)
        if (d->modes[i].fourcc == fourcc && d->modes[i].w == w && d->modes[i].h == h)
            return;
    mode m = {fourcc, w, h, max_fps(d, fourcc, w, h)};
    d->modes[d->nmodes++] = m;
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Every (format, size) the device offers in a format we decode. Stepwise
 * sizes are sampled where we would want them: the preview and still sizes
 * asked for, and the largest. */
static void enum_modes(v4l2_dev *d)
{
    d->nmodes = 0;
    for (unsigned fi = 0; fi < 64; fi++) {
        struct v4l2_fmtdesc fd;
        memset(&fd, 0, sizeof fd);
        fd.index = fi;
        fd.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(d, VIDIOC_ENUM_FMT, &fd) < 0)
            break;
        if (!supported(fd.pixelformat))
            continue;
        for (unsigned si = 0; si < 256; si++) {
            struct v4l2_frmsizeenum fs;
            memset(&fs, 0, sizeof fs);
            fs.index = si;
            fs.pixel_format = fd.pixelformat;
            if (xioctl(d, VIDIOC_ENUM_FRAMESIZES, &fs) < 0)
                break;
            if (fs.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
                add_mode(d, fd.pixelformat, (int)fs.discrete.width, (int)fs.discrete.height);
                continue;
            }
            const struct v4l2_frmsize_stepwise *s = &fs.stepwise;
            int sw = s->step_width ? (int)s->step_width : 1, sh = s->step_height ? (int)s->step_height : 1;
            int want[3][2] = {{d->cfg.preview_width, d->cfg.preview_height},
                              {d->cfg.still_width, d->cfg.still_height},
                              {(int)s->max_width, (int)s->max_height}};
            for (int k = 0; k < 3; k++) {
                if (want[k][0] <= 0 || want[k][1] <= 0)
                    continue;
                int w = clampi(want[k][0], (int)s->min_width, (int)s->max_width);
                int h = clampi(want[k][1], (int)s->min_height, (int)s->max_height);
                w -= (w - (int)s->min_width) % sw;
                h -= (h - (int)s->min_height) % sh;
                add_mode(d, fd.pixelformat, w, h);
            }
            break; /* stepwise and continuous come as one entry */
        }
    }
}

/* Live view: the size nearest to the one asked for; then a format that
 * keeps up with preview_fps; then YUYV (no compression artefacts, cheaper to
 * convert) over MJPEG. ENOSPC moves on to the next entry. */
static long preview_cost(const v4l2_dev *d, const mode *m)
{
    long size = labs((long)m->w - d->cfg.preview_width) + labs((long)m->h - d->cfg.preview_height);
    long slow = m->fps > 0 && m->fps + 0.5 < d->cfg.preview_fps ? 1 : 0;
    long fmt = is_jpeg(m->fourcc) ? 1 : 0;
    return size * 4 + slow * 2 + fmt;
}

/* Stills: the size asked for (or the largest); MJPEG first at equal size,
 * since it streams at full rate, so the warm-up frames pass quickly. */
static long still_cost(const v4l2_dev *d, const mode *m)
{
    long size;
    if (d->cfg.still_width > 0 && d->cfg.still_height > 0)
        size = labs((long)m->w - d->cfg.still_width) + labs((long)m->h - d->cfg.still_height);
    else
        size = (long)INT_MAX - (long)m->w * m->h;
    return size * 2 + (is_jpeg(m->fourcc) ? 0 : 1);
}

typedef struct ranked {
    long cost;
    int index;
} ranked;

static int by_cost(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return x->index - y->index; /* the driver's order breaks ties: qsort is not stable */
}

static void rank(const v4l2_dev *d, long (*cost)(const v4l2_dev *, const mode *), int *order)
{
    ranked r[MAX_MODES];
    for (int i = 0; i < d->nmodes; i++) {
        r[i].cost = cost(d, &d->modes[i]);
        r[i].index = i;
    }
    qsort(r, (size_t)d->nmodes, sizeof r[0], by_cost);
    for (int i = 0; i < d->nmodes; i++)
        order[i] = r[i].index;
}

static void rank_modes(v4l2_dev *d)
{
    rank(d, preview_cost, d->preview_order);
    rank(d, still_cost, d->still_order);
}

/* --- controls ------------------------------------------------------------- */

static int query_ctrl(v4l2_dev *d, uint32_t id, struct v4l2_queryctrl *q)
{
    memset(q, 0, sizeof *q);
    q->id = id;
    return xioctl(d, VIDIOC_QUERYCTRL, q) == 0 && !(q->flags & V4L2_CTRL_FLAG_DISABLED) ? 0 : -1;
}

static int set_ctrl(v4l2_dev *d, uint32_t id, int value)
{
    struct v4l2_control c = {.id = id, .value = value};
    return xioctl(d, VIDIOC_S_CTRL, &c);
}

/* Locks exposure and white balance to the config where the webcam has the
 * controls (so the backdrop keeps one colour from student to student), and
 * gives them back to the camera's automatics when the config says 0 (a lock
 * survives closing the device, so an earlier run could have left one). */
/* Locks one automatic control to a manual value: switch auto_cid to its
 * manual setting, then set value_cid to want (clamped to the device's
 * range). Writes "locked <v><unit>" into buf and returns it, or returns
 * NULL when the device has no such control. */
static const char *lock_control(v4l2_dev *d, unsigned auto_cid, int manual, unsigned value_cid, int want,
                                const char *unit, char *buf, size_t size)
{
    struct v4l2_queryctrl q;
    if (query_ctrl(d, auto_cid, &q) < 0 || set_ctrl(d, auto_cid, manual) < 0 || query_ctrl(d, value_cid, &q) < 0)
        return NULL;
    int v = clampi(want, q.minimum, q.maximum);
    if (set_ctrl(d, value_cid, v) < 0)
        return NULL;
    snprintf(buf, size, "locked %d%s", v, unit);
    return buf;
}

static void apply_controls(v4l2_dev *d)
{
    struct v4l2_queryctrl q;
    const char *exp = "auto", *wb = "auto";
    char expbuf[32], wbbuf[32];
    if (d->cfg.exposure_absolute > 0) {
        exp = lock_control(d, V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL, V4L2_CID_EXPOSURE_ABSOLUTE,
                           d->cfg.exposure_absolute, "", expbuf, sizeof expbuf);
        if (!exp) {
            exp = "auto (no exposure control)";
            gb_log_info("camera v4l2: the webcam cannot lock exposure; it stays automatic");
        }
    } else if (query_ctrl(d, V4L2_CID_EXPOSURE_AUTO, &q) == 0) {
        /* UVC webcams call their automatic mode "aperture priority". */
        if (set_ctrl(d, V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_APERTURE_PRIORITY) < 0)
            set_ctrl(d, V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_AUTO);
    }
    if (d->cfg.white_balance_k > 0) {
        wb = lock_control(d, V4L2_CID_AUTO_WHITE_BALANCE, 0, V4L2_CID_WHITE_BALANCE_TEMPERATURE,
                          d->cfg.white_balance_k, " K", wbbuf, sizeof wbbuf);
        if (!wb) {
            wb = "auto (no white-balance control)";
            gb_log_info("camera v4l2: the webcam cannot lock white balance; it stays automatic");
        }
    } else if (query_ctrl(d, V4L2_CID_AUTO_WHITE_BALANCE, &q) == 0) {
        set_ctrl(d, V4L2_CID_AUTO_WHITE_BALANCE, 1);
    }
    snprintf(d->controls, sizeof d->controls, "exposure %s, white balance %s", exp, wb);
}

/* --- open / close ------------------------------------------------------- */

static int node_caps(v4l2_dev *d, struct v4l2_capability *cap)
{
    memset(cap, 0, sizeof *cap);
    if (xioctl(d, VIDIOC_QUERYCAP, cap) < 0)
        return -1;
    return (int)(cap->capabilities & V4L2_CAP_DEVICE_CAPS ? cap->device_caps : cap->capabilities);
}

/* Opens path and checks it is a video capture node we can use. */
static int try_node(v4l2_dev *d, const char *path, gb_err *err)
{
    d->fd = d->sys->open(d->sys->ctx, path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (d->fd < 0) {
        int e = errno;
        gb_err_set(err, "%s: %s%s", path, strerror(e), errno_hint(e));
        return -1;
    }
    struct v4l2_capability cap;
    int caps = node_caps(d, &cap);
    const char *why = NULL;
    if (caps < 0)
        why = "not a V4L2 device";
    else if (!(caps & V4L2_CAP_VIDEO_CAPTURE))
        why = "not a video capture node (UVC webcams also make a metadata node)";
    else if (!(caps & (V4L2_CAP_STREAMING | V4L2_CAP_READWRITE)))
        why = "offers neither streaming nor read()";
    if (!why) {
        d->use_read = !(caps & V4L2_CAP_STREAMING);
        enum_modes(d);
        if (d->nmodes == 0)
            why = "offers neither MJPEG nor YUYV";
    }
    if (why) {
        gb_err_set(err, "%s: %s", path, why);
        d->sys->close(d->sys->ctx, d->fd);
        d->fd = -1;
        return -1;
    }
    snprintf(d->path, sizeof d->path, "%s", path);
    snprintf(d->card, sizeof d->card, "%s", (const char *)cap.card);
    return 0;
}

static void v4l2_close(void *dev)
{
    v4l2_dev *d = dev;
    if (!d)
        return;
    if (d->fd >= 0)
        d->sys->close(d->sys->ctx, d->fd);
    if (d->tj)
        tjDestroy(d->tj);
    if (d->tj_nodht)
        tjDestroy(d->tj_nodht);
    free(d->readbuf);
    free(d);
}

static void *v4l2_open(const gb_config *cfg, gb_err *err)
{
    v4l2_dev *d = calloc(1, sizeof *d);
    if (!d) {
        gb_err_set(err, "out of memory");
        return NULL;
    }
    d->sys = sys_now;
    d->cfg = *cfg;
    d->fd = -1;
    int ok = -1;
    if (cfg->camera_device[0] && cfg->camera_device[0] != '/') {
        /* backend=auto hands every backend the same config. */
        gb_err_set(err, "[camera] device %s is a gphoto2 port, not a webcam (/dev/videoN)", cfg->camera_device);
    } else if (cfg->camera_device[0]) {
        ok = try_node(d, cfg->camera_device, err);
    } else {
        char paths[32][64];
        int n = d->sys->scan(d->sys->ctx, paths, 32);
        gb_err first = {0};
        for (int i = 0; i < n && ok < 0; i++) {
            gb_err e;
            ok = try_node(d, paths[i], &e);
            if (ok < 0 && !first.msg[0])
                first = e;
        }
        if (ok < 0) {
            if (n == 0)
                gb_err_set(err, "no V4L2 video device (/dev/video*)");
            else
                gb_err_set(err, "no usable webcam among %d video device%s (first: %s)", n, n == 1 ? "" : "s",
                           first.msg);
        }
    }
    if (ok < 0) {
        free(d);
        return NULL;
    }
    if (!(d->tj = tjInitDecompress())) {
        gb_err_set(err, "TurboJPEG: %s", tjGetErrorStr2(NULL));
        v4l2_close(d);
        return NULL;
    }
    rank_modes(d);
    apply_controls(d);
    return d;
}

/* --- streaming ------------------------------------------------------------ */

static void free_buffers(v4l2_dev *d)
{
    for (int i = 0; i < d->nbuf; i++)
        if (d->buf[i].start)
            d->sys->munmap(d->sys->ctx, d->buf[i].start, d->buf[i].len);
    d->nbuf = 0;
    if (!d->use_read) {
        struct v4l2_requestbuffers rb = {.count = 0, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
        xioctl(d, VIDIOC_REQBUFS, &rb); /* may fail when the device is gone; nothing more to free then */
    }
    free(d->readbuf);
    d->readbuf = NULL;
}

static void stop_stream(v4l2_dev *d)
{
    if (d->streaming && !d->use_read) {
        int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(d, VIDIOC_STREAMOFF, &type);
    }
    d->streaming = 0;
    free_buffers(d);
}

static int fail(gb_err *err, int e, const char *what, const v4l2_dev *d)
{
    gb_err_set(err, "%s: %s: %s%s", d->path, what, strerror(e), errno_hint(e));
    return gone(e) ? GB_CAM_EDEVICE : GB_CAM_EFRAME;
}

/* Sets the format and starts streaming it. */
static int start_mode(v4l2_dev *d, const mode *m, int *no_bandwidth, gb_err *err)
{
    *no_bandwidth = 0;
    struct v4l2_format f;
    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    f.fmt.pix.width = (unsigned)m->w;
    f.fmt.pix.height = (unsigned)m->h;
    f.fmt.pix.pixelformat = m->fourcc;
    f.fmt.pix.field = V4L2_FIELD_ANY;
    if (xioctl(d, VIDIOC_S_FMT, &f) < 0)
        return fail(err, errno, "setting the format", d);
    if (!supported(f.fmt.pix.pixelformat)) {
        gb_err_set(err, "%s: asked for %s, the driver gave an other format", d->path, fourcc_name(m->fourcc));
        return GB_CAM_EFRAME;
    }
    d->cur.fourcc = f.fmt.pix.pixelformat;
    d->cur.w = (int)f.fmt.pix.width;
    d->cur.h = (int)f.fmt.pix.height;
    d->cur.fps = m->fps;
    d->bytesperline = f.fmt.pix.bytesperline ? f.fmt.pix.bytesperline : (size_t)d->cur.w * 2;
    d->sizeimage = f.fmt.pix.sizeimage ? f.fmt.pix.sizeimage : d->bytesperline * (size_t)d->cur.h;

    /* Ask for the live-view rate; a webcam that cannot do it keeps its own. */
    struct v4l2_streamparm p;
    memset(&p, 0, sizeof p);
    p.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(d, VIDIOC_G_PARM, &p) == 0 && (p.parm.capture.capability & V4L2_CAP_TIMEPERFRAME)) {
        p.parm.capture.timeperframe.numerator = 1;
        p.parm.capture.timeperframe.denominator = (unsigned)d->cfg.preview_fps;
        if (xioctl(d, VIDIOC_S_PARM, &p) == 0 && p.parm.capture.timeperframe.numerator)
            d->cur.fps = interval_fps(&p.parm.capture.timeperframe);
    }

    if (d->use_read) {
        if (!(d->readbuf = malloc(d->sizeimage))) {
            gb_err_set(err, "out of memory for a %zu byte frame", d->sizeimage);
            return GB_CAM_EFRAME;
        }
        d->streaming = 1;
        return GB_CAM_OK;
    }
    struct v4l2_requestbuffers rb = {.count = NBUF, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
    if (xioctl(d, VIDIOC_REQBUFS, &rb) < 0)
        return fail(err, errno, "asking for buffers", d);
    if (rb.count < 2) {
        gb_err_set(err, "%s: the driver gave %u buffer(s); streaming needs 2", d->path, rb.count);
        free_buffers(d);
        return GB_CAM_EFRAME;
    }
    for (unsigned i = 0; i < rb.count && i < NBUF; i++) {
        struct v4l2_buffer b = {.index = i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
        if (xioctl(d, VIDIOC_QUERYBUF, &b) < 0) {
            int rc = fail(err, errno, "querying a buffer", d);
            free_buffers(d);
            return rc;
        }
        void *p2 = d->sys->mmap(d->sys->ctx, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd, b.m.offset);
        if (p2 == MAP_FAILED) {
            int rc = fail(err, errno, "mapping a buffer", d);
            free_buffers(d);
            return rc;
        }
        d->buf[i].start = p2;
        d->buf[i].len = b.length;
        d->nbuf = (int)i + 1;
        if (xioctl(d, VIDIOC_QBUF, &b) < 0) {
            int rc = fail(err, errno, "queueing a buffer", d);
            free_buffers(d);
            return rc;
        }
    }
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(d, VIDIOC_STREAMON, &type) < 0) {
        int e = errno;
        int rc = fail(err, e, "starting the stream", d);
        *no_bandwidth = e == ENOSPC; /* not gone: the caller tries a leaner format */
        free_buffers(d);
        return rc;
    }
    d->streaming = 1;
    return GB_CAM_OK;
}

/* Starts the best mode from order[*pick] on, moving on after ENOSPC. */
static int start_best(v4l2_dev *d, const int *order, int *pick, gb_err *err)
{
    int rc = GB_CAM_EFRAME;
    for (int tries = 0; *pick < d->nmodes && tries < MAX_TRIES; tries++) {
        const mode *m = &d->modes[order[*pick]];
        int no_bandwidth;
        rc = start_mode(d, m, &no_bandwidth, err);
        if (rc == GB_CAM_OK || !no_bandwidth)
            return rc;
        gb_log_warn("camera v4l2: %s %dx%d: not enough USB bandwidth; trying the next format", fourcc_name(m->fourcc),
                    m->w, m->h);
        ++*pick;
    }
    if (*pick >= d->nmodes)
        *pick = 0; /* all refused: start from the best again on the next attempt */
    return rc;
}

static int v4l2_start(void *dev, gb_err *err)
{
    v4l2_dev *d = dev;
    stop_stream(d);
    int rc = start_best(d, d->preview_order, &d->preview_pick, err);
    /* A refusal here is the device's fault as far as live view is concerned:
     * let the generic layer reopen with back-off (bandwidth may come free). */
    return rc == GB_CAM_OK ? GB_CAM_OK : GB_CAM_EDEVICE;
}

static void v4l2_stop(void *dev)
{
    stop_stream(dev);
}

/* The next filled buffer: GB_CAM_FRAME with *b dequeued (the caller
 * requeues it) or, for read() devices, d->readbuf holding b->bytesused
 * bytes. */
static int next_buffer(v4l2_dev *d, int timeout_ms, struct v4l2_buffer *b, gb_err *err)
{
    double deadline = gb_cam_now_ms() + timeout_ms;
    for (;;) {
        int left = (int)(deadline - gb_cam_now_ms());
        if (left < 0)
            left = 0;
        struct pollfd p = {.fd = d->fd, .events = POLLIN};
        int r = d->sys->poll(d->sys->ctx, &p, 1, left);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return fail(err, errno, "waiting for a frame", d);
        }
        if (r == 0)
            return GB_CAM_NONE;
        memset(b, 0, sizeof *b);
        b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b->memory = V4L2_MEMORY_MMAP;
        int e = 0;
        if (d->use_read) {
            ssize_t n = d->sys->read(d->sys->ctx, d->fd, d->readbuf, d->sizeimage);
            if (n < 0)
                e = errno;
            else
                b->bytesused = (unsigned)n;
        } else if (xioctl(d, VIDIOC_DQBUF, b) < 0) {
            e = errno;
        }
        if (e == EAGAIN || e == EINTR) {
            /* Woken without a frame (a spurious poll wake-up, or a frame the
             * driver took back): wait again within the same deadline. */
            if (gb_cam_now_ms() >= deadline)
                return GB_CAM_NONE;
            continue;
        }
        if (e) {
            int rc = fail(err, e, d->use_read ? "reading a frame" : "taking a frame", d);
            return p.revents & (POLLERR | POLLHUP | POLLNVAL) ? GB_CAM_EDEVICE : rc;
        }
        if (p.revents & (POLLERR | POLLHUP | POLLNVAL) && !(p.revents & POLLIN)) {
            gb_err_set(err, "%s: the device reports an error while streaming (unplugged?)", d->path);
            return GB_CAM_EDEVICE;
        }
        if (!d->use_read && (b->index >= (unsigned)d->nbuf)) {
            gb_err_set(err, "%s: the driver returned buffer %u of %d", d->path, b->index, d->nbuf);
            return GB_CAM_EDEVICE;
        }
        return GB_CAM_FRAME;
    }
}

static int requeue(v4l2_dev *d, struct v4l2_buffer *b, gb_err *err)
{
    if (d->use_read || xioctl(d, VIDIOC_QBUF, b) == 0)
        return GB_CAM_OK;
    int e = errno;
    gb_err_set(err, "%s: giving a buffer back: %s%s", d->path, strerror(e), errno_hint(e));
    return GB_CAM_EDEVICE; /* without buffers queued the stream would starve */
}

static const unsigned char *buffer_data(v4l2_dev *d, const struct v4l2_buffer *b, size_t *len)
{
    if (d->use_read) {
        *len = b->bytesused;
        return d->readbuf;
    }
    size_t n = b->bytesused;
    if (n > d->buf[b->index].len)
        n = d->buf[b->index].len;
    *len = n;
    return d->buf[b->index].start;
}

/* A JPEG frame ends with EOI (FF D9), possibly followed by padding; a frame
 * cut short by a USB hiccup does not, and would decode half grey. */
static int jpeg_complete(const unsigned char *p, size_t n)
{
    while (n > 2 && p[n - 1] == 0)
        n--;
    for (size_t i = n; i >= 2 && i + 64 > n; i--)
        if (p[i - 2] == 0xFF && p[i - 1] == 0xD9)
            return 1;
    return 0;
}

static void yuyv_to_rgb(const unsigned char *src, size_t stride, int w, int h, gb_image *dst)
{
    /* BT.601, limited range, as UVC webcams send it; integer arithmetic
     * with 8 fractional bits. */
    for (int y = 0; y < h; y++) {
        const unsigned char *s = src + (size_t)y * stride;
        unsigned char *o = dst->pixels + (size_t)y * dst->stride;
        for (int x = 0; x + 1 < w; x += 2, s += 4, o += 6) {
            int d = s[1] - 128, e = s[3] - 128;
            int rv = 409 * e + 128, gv = -100 * d - 208 * e + 128, bv = 516 * d + 128;
            for (int k = 0; k < 2; k++) {
                int c = 298 * (s[k * 2] - 16);
                int r = (c + rv) >> 8, g = (c + gv) >> 8, bl = (c + bv) >> 8;
                o[k * 3 + 0] = (unsigned char)(r < 0 ? 0 : r > 255 ? 255 : r);
                o[k * 3 + 1] = (unsigned char)(g < 0 ? 0 : g > 255 ? 255 : g);
                o[k * 3 + 2] = (unsigned char)(bl < 0 ? 0 : bl > 255 ? 255 : bl);
            }
        }
    }
}

/* Whether a JPEG carries its Huffman tables; many webcams leave them out of
 * MJPEG frames (the decoder then uses the standard ones), which makes a file
 * other programs cannot open. */
static int has_dht(const unsigned char *p, size_t n)
{
    size_t i = 2;
    while (i + 4 <= n && p[i] == 0xFF) {
        unsigned m = p[i + 1];
        if (m == 0xC4)
            return 1;
        if (m == 0xDA)
            return 0;
        i += 2 + ((size_t)p[i + 2] << 8 | p[i + 3]);
    }
    return 0;
}

/* Decodes a frame into *frame (reusing it when the size fits). Live view
 * at a fraction of a larger frame decodes at a reduced DCT scale. */
static int decode_frame(v4l2_dev *d, const unsigned char *p, size_t n, int for_preview, gb_image **frame,
                        gb_err *err)
{
    if (!is_jpeg(d->cur.fourcc)) {
        size_t need = d->bytesperline * (size_t)(d->cur.h - 1) + (size_t)d->cur.w * 2;
        if (n < need) {
            gb_err_set(err, "%s: YUYV frame of %zu bytes, expected %zu", d->path, n, need);
            return GB_CAM_EFRAME;
        }
        gb_image *img = gb_cam_frame_buffer(frame, d->cur.w, d->cur.h, err);
        if (!img)
            return GB_CAM_EFRAME;
        yuyv_to_rgb(p, d->bytesperline, d->cur.w, d->cur.h, img);
        *frame = img;
        return GB_CAM_FRAME;
    }
    if (n < 4 || p[0] != 0xFF || p[1] != 0xD8 || !jpeg_complete(p, n)) {
        gb_err_set(err, "%s: damaged MJPEG frame (%zu bytes, cut short or not JPEG)", d->path, n);
        return GB_CAM_EFRAME;
    }
    /* libjpeg keeps Huffman tables from one image to the next and falls
     * back to the standard ones only when it has none, so a frame without
     * tables decoded after one with its own would use the wrong ones. Frames
     * without tables get a decoder that has never seen any. */
    tjhandle tj = d->tj;
    if (!has_dht(p, n)) {
        if (!d->tj_nodht && !(d->tj_nodht = tjInitDecompress())) {
            gb_err_set(err, "TurboJPEG: %s", tjGetErrorStr2(NULL));
            return GB_CAM_EFRAME;
        }
        tj = d->tj_nodht;
    }
    int w, h, subsamp, cs;
    if (tjDecompressHeader3(tj, p, (unsigned long)n, &w, &h, &subsamp, &cs) < 0) {
        gb_err_set(err, "%s: damaged MJPEG frame: %s", d->path, tjGetErrorStr2(tj));
        return GB_CAM_EFRAME;
    }
    /* A live-view frame much larger than the preview asked for decodes at
     * 1/2, 1/4 or 1/8 inside the IDCT, the cheapest way to shrink a JPEG. */
    int denom = 1;
    while (for_preview && denom < 8 && (w + denom * 2 - 1) / (denom * 2) >= d->cfg.preview_width &&
           (h + denom * 2 - 1) / (denom * 2) >= d->cfg.preview_height)
        denom *= 2;
    int sw = (w + denom - 1) / denom, sh = (h + denom - 1) / denom; /* TurboJPEG rounds up */
    gb_image *img = gb_cam_frame_buffer(frame, sw, sh, err);
    if (!img)
        return GB_CAM_EFRAME;
    *frame = img;
    if (tjDecompress2(tj, p, (unsigned long)n, img->pixels, sw, (int)img->stride, sh, TJPF_RGB, 0) < 0 &&
        tjGetErrorCode(tj) != TJERR_WARNING) {
        /* Warnings (stray bytes before a marker, which some webcams emit on
         * every frame) leave a whole picture; errors do not. */
        gb_err_set(err, "%s: damaged MJPEG frame: %s", d->path, tjGetErrorStr2(tj));
        return GB_CAM_EFRAME;
    }
    return GB_CAM_FRAME;
}

static int v4l2_grab(void *dev, int timeout_ms, gb_image **frame, gb_err *err)
{
    v4l2_dev *d = dev;
    if (!d->streaming) {
        gb_err_set(err, "%s: live view is not running", d->path);
        return GB_CAM_EDEVICE;
    }
    struct v4l2_buffer b;
    int rc = next_buffer(d, timeout_ms, &b, err);
    if (rc != GB_CAM_FRAME)
        return rc;
    if (b.flags & V4L2_BUF_FLAG_ERROR) {
        gb_err_set(err, "%s: the driver marked a frame as damaged", d->path);
        rc = GB_CAM_EFRAME;
    } else {
        size_t n;
        const unsigned char *p = buffer_data(d, &b, &n);
        rc = decode_frame(d, p, n, 1, frame, err);
    }
    gb_err qerr;
    if (requeue(d, &b, &qerr) != GB_CAM_OK) {
        *err = qerr;
        return GB_CAM_EDEVICE;
    }
    return rc;
}

static int v4l2_capture(void *dev, unsigned char **jpeg, size_t *len, gb_err *err)
{
    v4l2_dev *d = dev;
    stop_stream(d);
    int rc = start_best(d, d->still_order, &d->still_pick, err);
    if (rc != GB_CAM_OK)
        return rc;
    /* The first frames after a format switch are often dark or badly
     * exposed while the sensor settles. */
    int skip = d->cfg.warmup_frames;
    struct v4l2_buffer b;
    for (;;) {
        rc = next_buffer(d, d->cfg.stall_timeout_ms, &b, err);
        if (rc == GB_CAM_NONE) {
            gb_err_set(err, "%s: no frame for the still within %d ms", d->path, d->cfg.stall_timeout_ms);
            rc = GB_CAM_EDEVICE;
        }
        if (rc != GB_CAM_FRAME)
            break;
        size_t n;
        const unsigned char *p = buffer_data(d, &b, &n);
        int damaged = (b.flags & V4L2_BUF_FLAG_ERROR) || (is_jpeg(d->cur.fourcc) && !jpeg_complete(p, n));
        if (skip > 0 || damaged) {
            if (skip > 0)
                skip--;
            if ((rc = requeue(d, &b, err)) != GB_CAM_OK)
                break;
            continue;
        }
        if (is_jpeg(d->cur.fourcc) && has_dht(p, n)) {
            /* The camera's own JPEG: no second generation of compression. */
            rc = (*jpeg = malloc(n)) ? GB_CAM_OK : GB_CAM_EFRAME;
            if (*jpeg) {
                memcpy(*jpeg, p, n);
                *len = n;
            } else {
                gb_err_set(err, "out of memory for a %zu byte still", n);
            }
        } else {
            gb_image *img = NULL;
            rc = decode_frame(d, p, n, 0, &img, err);
            if (rc == GB_CAM_FRAME)
                rc = gb_jpeg_encode(img, STILL_QUALITY, 72, jpeg, len, err) == 0 ? GB_CAM_OK : GB_CAM_EFRAME;
            gb_image_free(img);
        }
        gb_err qerr;
        if (requeue(d, &b, &qerr) != GB_CAM_OK && rc == GB_CAM_OK)
            gb_log_debug("camera v4l2: after the still: %s", qerr.msg);
        break;
    }
    stop_stream(d);
    return rc == GB_CAM_FRAME ? GB_CAM_OK : rc;
}

static void v4l2_info(void *dev, gb_cam_info *out)
{
    v4l2_dev *d = dev;
    snprintf(out->model, sizeof out->model, "%s", d->card);
    snprintf(out->port, sizeof out->port, "%s", d->path);
    out->has_live_view = 1;
    const mode *still = d->nmodes ? &d->modes[d->still_order[d->still_pick]] : NULL;
    out->still_w = still ? still->w : 0;
    out->still_h = still ? still->h : 0;
    if (d->streaming) {
        out->preview_w = d->cur.w;
        out->preview_h = d->cur.h;
    }
    snprintf(out->mode, sizeof out->mode, "%s %dx%d %.0f fps%s; still %s %dx%d; %s", fourcc_name(d->cur.fourcc),
             d->cur.w, d->cur.h, d->cur.fps, d->use_read ? " (read)" : "", still ? fourcc_name(still->fourcc) : "-",
             out->still_w, out->still_h, d->controls);
}

/* --- camera list ------------------------------------------------------- */

/* The stable name udev gives the node (/dev/v4l/by-id/...), which survives
 * replugging into another port, unlike /dev/videoN. */
static void stable_name(const char *path, char *out, size_t size)
{
    out[0] = 0;
    DIR *dir = opendir("/dev/v4l/by-id");
    if (!dir)
        return;
    char want[PATH_MAX];
    if (!realpath(path, want)) {
        closedir(dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(dir))) {
        char link[PATH_MAX], target[PATH_MAX];
        snprintf(link, sizeof link, "/dev/v4l/by-id/%s", e->d_name);
        if (e->d_name[0] != '.' && realpath(link, target) && strcmp(target, want) == 0) {
            snprintf(out, size, "%s", link);
            break;
        }
    }
    closedir(dir);
}

static void describe(v4l2_dev *d, char *out, size_t size)
{
    size_t used = 0;
#define ADD(...)                                                                     \
    do {                                                                             \
        if (used < size) {                                                           \
            int k_ = snprintf(out + used, size - used, __VA_ARGS__);                 \
            used += k_ > 0 ? (size_t)k_ : 0;                                         \
        }                                                                            \
    } while (0)
    char stable[300];
    stable_name(d->path, stable, sizeof stable);
    if (stable[0])
        ADD("stable name: %s\n", stable);
    for (unsigned fi = 0; fi < 64; fi++) {
        struct v4l2_fmtdesc fd;
        memset(&fd, 0, sizeof fd);
        fd.index = fi;
        fd.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(d, VIDIOC_ENUM_FMT, &fd) < 0)
            break;
        char cc[5] = {(char)(fd.pixelformat & 0xff), (char)(fd.pixelformat >> 8 & 0xff),
                      (char)(fd.pixelformat >> 16 & 0xff), (char)(fd.pixelformat >> 24 & 0xff), 0};
        ADD("%s (%s)%s:", cc, (const char *)fd.description, supported(fd.pixelformat) ? "" : " not used");
        int shown = 0;
        for (int i = 0; i < d->nmodes; i++) {
            const mode *m = &d->modes[i];
            if (m->fourcc != fd.pixelformat)
                continue;
            if (m->fps > 0)
                ADD(" %dx%d@%.0f", m->w, m->h, m->fps);
            else
                ADD(" %dx%d", m->w, m->h);
            shown++;
        }
        ADD("%s\n", shown || !supported(fd.pixelformat) ? "" : " (no sizes listed)");
    }
    if (d->nmodes) {
        const mode *p = &d->modes[d->preview_order[0]], *s = &d->modes[d->still_order[0]];
        ADD("would use: live view %s %dx%d, still %s %dx%d\n", fourcc_name(p->fourcc), p->w, p->h,
            fourcc_name(s->fourcc), s->w, s->h);
    }
    struct v4l2_queryctrl q;
    int has_exp = query_ctrl(d, V4L2_CID_EXPOSURE_ABSOLUTE, &q) == 0;
    int emin = q.minimum, emax = q.maximum;
    int has_wb = query_ctrl(d, V4L2_CID_WHITE_BALANCE_TEMPERATURE, &q) == 0;
    if (has_exp)
        ADD("exposure lock: yes (%d..%d x 100 us)", emin, emax);
    else
        ADD("exposure lock: no");
    if (has_wb)
        ADD(", white-balance lock: yes (%d..%d K)", q.minimum, q.maximum);
    else
        ADD(", white-balance lock: no");
    ADD("%s", d->use_read ? "\nread() only (no streaming)" : "");
#undef ADD
}

static int v4l2_list(const gb_config *cfg, gb_cam_found *out, int max)
{
    const gb_v4l2_sys *sys = sys_now;
    char paths[32][64];
    int n = sys->scan(sys->ctx, paths, 32), found = 0;
    for (int i = 0; i < n && found < max; i++) {
        v4l2_dev *d = calloc(1, sizeof *d);
        if (!d)
            break;
        d->sys = sys;
        d->cfg = *cfg;
        gb_err err;
        gb_cam_found *f = &out[found];
        if (try_node(d, paths[i], &err) == 0) {
            rank_modes(d);
            snprintf(f->port, sizeof f->port, "%s", d->path);
            snprintf(f->model, sizeof f->model, "%s", d->card);
            describe(d, f->details, sizeof f->details);
            sys->close(sys->ctx, d->fd);
            found++;
        } else if (!strstr(err.msg, "not a video capture node")) {
            /* Metadata nodes are not cameras; other refusals are news. */
            snprintf(f->port, sizeof f->port, "%s", paths[i]);
            snprintf(f->problem, sizeof f->problem, "%s", err.msg);
            found++;
        }
        free(d);
    }
    return found;
}

const gb_cam_backend gb_cam_v4l2 = {
    .name = "v4l2",
    .in_auto = 1,
    .warmup = 1,
    .list = v4l2_list,
    .open = v4l2_open,
    .start_preview = v4l2_start,
    .stop_preview = v4l2_stop,
    .grab_preview = v4l2_grab,
    .capture_still = v4l2_capture,
    .close = v4l2_close,
    .info = v4l2_info,
};
