#include "fake_uvc.h"

#include <errno.h>
#include <linux/videodev2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define CAPTURE_PATH "/dev/video0"
#define META_PATH "/dev/video1"
#define MAX_MODES 16
#define MAX_FDS 8
#define MAX_BUFS 8
#define FD_BASE 1000

typedef struct fmode {
    uint32_t fourcc;
    int w, h, fps;
} fmode;

typedef struct fjpeg {
    int w, h;
    unsigned char *data;
    size_t len;
} fjpeg;

typedef struct ffd {
    int used;
    int meta;       /* the metadata node */
    int generation; /* plug-in generation it was opened in */
} ffd;

struct fake_uvc {
    gb_v4l2_sys sys;
    char card[32];
    pthread_mutex_t mu;
    pthread_cond_t cv; /* unplug wakes pollers */
    fmode modes[MAX_MODES];
    int nmodes;
    fjpeg *jpegs;
    int njpegs, cap_jpegs;
    int controls;
    int read_only;

    int present;
    int generation;
    int unplug_after;
    uint32_t enospc_fourcc;
    int enospc_left;
    int eagain_every;
    int damage_left;

    ffd fds[MAX_FDS];
    /* The device's state (one streamer at a time, as with uvcvideo). */
    int owner; /* fd index that holds the buffers and format, -1 */
    fmode cur;
    size_t sizeimage;
    unsigned char *buf[MAX_BUFS];
    int queued[MAX_BUFS];
    int mapped[MAX_BUFS];
    int nbuf;
    int streaming;
    int read_started;
    double next_frame_ms;
    uint64_t seq;
    int jpeg_turn;
    uint64_t dq_calls;

    fake_uvc_counts counts;
};

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static ffd *get_fd(fake_uvc *f, int fd)
{
    int i = fd - FD_BASE;
    return i >= 0 && i < MAX_FDS && f->fds[i].used ? &f->fds[i] : NULL;
}

static int alive(fake_uvc *f, const ffd *d)
{
    return f->present && d->generation == f->generation;
}

static void free_bufs(fake_uvc *f)
{
    for (int i = 0; i < f->nbuf; i++) {
        free(f->buf[i]);
        f->buf[i] = NULL;
        f->queued[i] = 0;
        f->mapped[i] = 0;
    }
    f->nbuf = 0;
    f->streaming = 0;
    f->read_started = 0;
}

/* --- system calls ---------------------------------------------------- */

static int f_open(void *ctx, const char *path, int flags)
{
    fake_uvc *f = ctx;
    (void)flags;
    pthread_mutex_lock(&f->mu);
    int meta = strcmp(path, META_PATH) == 0;
    if (!f->present || (!meta && strcmp(path, CAPTURE_PATH) != 0)) {
        pthread_mutex_unlock(&f->mu);
        errno = ENOENT;
        return -1;
    }
    for (int i = 0; i < MAX_FDS; i++) {
        if (!f->fds[i].used) {
            f->fds[i] = (ffd){1, meta, f->generation};
            if (!meta)
                f->counts.opens++;
            f->counts.open_fds++;
            pthread_mutex_unlock(&f->mu);
            return FD_BASE + i;
        }
    }
    pthread_mutex_unlock(&f->mu);
    errno = EMFILE;
    return -1;
}

static int f_close(void *ctx, int fd)
{
    fake_uvc *f = ctx;
    pthread_mutex_lock(&f->mu);
    ffd *d = get_fd(f, fd);
    if (!d) {
        pthread_mutex_unlock(&f->mu);
        errno = EBADF;
        return -1;
    }
    if (f->owner == fd - FD_BASE) {
        free_bufs(f);
        f->owner = -1;
    }
    d->used = 0;
    f->counts.open_fds--;
    pthread_mutex_unlock(&f->mu);
    return 0;
}

static const fmode *find_mode(fake_uvc *f, uint32_t fourcc, int w, int h)
{
    const fmode *best = NULL;
    long bestd = 0;
    for (int i = 0; i < f->nmodes; i++) {
        if (f->modes[i].fourcc != fourcc)
            continue;
        long dist = labs((long)f->modes[i].w - w) + labs((long)f->modes[i].h - h);
        if (!best || dist < bestd) {
            best = &f->modes[i];
            bestd = dist;
        }
    }
    return best;
}

/* The n-th distinct size of fourcc (index over modes in order). */
static const fmode *nth_size(fake_uvc *f, uint32_t fourcc, unsigned n)
{
    for (int i = 0; i < f->nmodes; i++)
        if (f->modes[i].fourcc == fourcc && n-- == 0)
            return &f->modes[i];
    return NULL;
}

static int frame_ready(fake_uvc *f, double now)
{
    return f->cur.fps == 0 || now >= f->next_frame_ms;
}

static size_t fill_frame(fake_uvc *f, unsigned char *dst, size_t cap)
{
    if (f->cur.fourcc == V4L2_PIX_FMT_YUYV) {
        int w = f->cur.w, h = f->cur.h;
        for (int y = 0; y < h; y++) {
            unsigned char *row = dst + (size_t)y * (size_t)w * 2;
            for (int x = 0; x < w; x++) {
                int white = x < w / 2;
                if (y == 0 && x < 32)
                    white = (f->seq >> x) & 1;
                row[x * 2] = white ? 235 : 16;
                row[x * 2 + 1] = 128;
            }
        }
        return (size_t)w * (size_t)h * 2;
    }
    /* MJPEG: the next JPEG of the right size (any size when none fits). */
    const fjpeg *pick = NULL;
    for (int k = 0; k < f->njpegs && !pick; k++) {
        const fjpeg *j = &f->jpegs[(f->jpeg_turn + k) % f->njpegs];
        if (j->w == f->cur.w && j->h == f->cur.h) {
            pick = j;
            f->jpeg_turn = (f->jpeg_turn + k + 1) % f->njpegs;
        }
    }
    if (!pick && f->njpegs)
        pick = &f->jpegs[f->jpeg_turn++ % f->njpegs];
    if (!pick)
        return 0;
    size_t n = pick->len < cap ? pick->len : cap;
    memcpy(dst, pick->data, n);
    if (f->damage_left > 0) {
        f->damage_left--;
        n /= 2;
    }
    return n;
}

/* Hands out one frame: the timeline moves on, unplug_after counts down. */
static void frame_taken(fake_uvc *f, double now)
{
    f->seq++;
    f->counts.frames++;
    if (f->cur.fps > 0) {
        f->next_frame_ms += 1000.0 / f->cur.fps;
        if (f->next_frame_ms < now)
            f->next_frame_ms = now; /* the reader was slow: frames were lost, as on a real bus */
    }
    if (f->unplug_after > 0 && --f->unplug_after == 0) {
        f->present = 0;
        f->generation++;
        pthread_cond_broadcast(&f->cv);
    }
}

static int eagain_now(fake_uvc *f)
{
    f->dq_calls++;
    if (f->eagain_every > 0 && f->dq_calls % (uint64_t)f->eagain_every == 0) {
        f->counts.eagain++;
        return 1;
    }
    return 0;
}

static int do_ioctl(fake_uvc *f, int fdi, ffd *d, unsigned long req, void *arg)
{
    if (!alive(f, d))
        return ENODEV;
    if (d->meta) {
        if (req != VIDIOC_QUERYCAP)
            return ENOTTY;
        struct v4l2_capability *c = arg;
        memset(c, 0, sizeof *c);
        strcpy((char *)c->driver, "uvcvideo");
        strcpy((char *)c->card, f->card);
        strcpy((char *)c->bus_info, "usb-0000:00:14.0-1");
        c->capabilities = V4L2_CAP_META_CAPTURE | V4L2_CAP_STREAMING | V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_DEVICE_CAPS;
        c->device_caps = V4L2_CAP_META_CAPTURE | V4L2_CAP_STREAMING;
        return 0;
    }
    int busy = f->owner >= 0 && f->owner != fdi;
    switch (req) {
    case VIDIOC_QUERYCAP: {
        struct v4l2_capability *c = arg;
        memset(c, 0, sizeof *c);
        strcpy((char *)c->driver, "uvcvideo");
        strcpy((char *)c->card, f->card);
        strcpy((char *)c->bus_info, "usb-0000:00:14.0-1");
        uint32_t io = f->read_only ? V4L2_CAP_READWRITE : V4L2_CAP_STREAMING;
        c->capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_META_CAPTURE | io | V4L2_CAP_DEVICE_CAPS;
        c->device_caps = V4L2_CAP_VIDEO_CAPTURE | io;
        return 0;
    }
    case VIDIOC_ENUM_FMT: {
        struct v4l2_fmtdesc *fd = arg;
        uint32_t seen[MAX_MODES];
        unsigned n = 0;
        for (int i = 0; i < f->nmodes; i++) {
            int dup = 0;
            for (unsigned k = 0; k < n; k++)
                dup |= seen[k] == f->modes[i].fourcc;
            if (dup)
                continue;
            if (n == fd->index) {
                fd->pixelformat = f->modes[i].fourcc;
                fd->flags = f->modes[i].fourcc == V4L2_PIX_FMT_MJPEG ? V4L2_FMT_FLAG_COMPRESSED : 0;
                strcpy((char *)fd->description,
                       f->modes[i].fourcc == V4L2_PIX_FMT_MJPEG ? "Motion-JPEG" : "YUYV 4:2:2");
                return 0;
            }
            seen[n++] = f->modes[i].fourcc;
        }
        return EINVAL;
    }
    case VIDIOC_ENUM_FRAMESIZES: {
        struct v4l2_frmsizeenum *fs = arg;
        const fmode *m = nth_size(f, fs->pixel_format, fs->index);
        if (!m)
            return EINVAL;
        fs->type = V4L2_FRMSIZE_TYPE_DISCRETE;
        fs->discrete.width = (unsigned)m->w;
        fs->discrete.height = (unsigned)m->h;
        return 0;
    }
    case VIDIOC_ENUM_FRAMEINTERVALS: {
        struct v4l2_frmivalenum *iv = arg;
        const fmode *m = find_mode(f, iv->pixel_format, (int)iv->width, (int)iv->height);
        if (!m || iv->index > 0 || m->w != (int)iv->width || m->h != (int)iv->height)
            return EINVAL;
        iv->type = V4L2_FRMIVAL_TYPE_DISCRETE;
        iv->discrete.numerator = 1;
        iv->discrete.denominator = (unsigned)(m->fps ? m->fps : 1000);
        return 0;
    }
    case VIDIOC_S_FMT: {
        struct v4l2_format *fm = arg;
        if (busy || f->nbuf > 0 || f->streaming)
            return EBUSY;
        const fmode *m = find_mode(f, fm->fmt.pix.pixelformat, (int)fm->fmt.pix.width, (int)fm->fmt.pix.height);
        if (!m)
            m = &f->modes[0]; /* drivers substitute a format they have */
        f->cur = *m;
        f->owner = fdi;
        fm->fmt.pix.pixelformat = m->fourcc;
        fm->fmt.pix.width = (unsigned)m->w;
        fm->fmt.pix.height = (unsigned)m->h;
        fm->fmt.pix.field = V4L2_FIELD_NONE;
        fm->fmt.pix.bytesperline = m->fourcc == V4L2_PIX_FMT_YUYV ? (unsigned)m->w * 2 : 0;
        f->sizeimage = (size_t)m->w * (size_t)m->h * 2;
        for (int i = 0; i < f->njpegs; i++)
            if (f->jpegs[i].len > f->sizeimage)
                f->sizeimage = f->jpegs[i].len;
        fm->fmt.pix.sizeimage = (unsigned)f->sizeimage;
        f->counts.fourcc = m->fourcc;
        f->counts.w = m->w;
        f->counts.h = m->h;
        if (f->read_only) {
            f->read_started = 1;
            f->next_frame_ms = now_ms() + (m->fps ? 1000.0 / m->fps : 0);
        }
        return 0;
    }
    case VIDIOC_G_PARM:
    case VIDIOC_S_PARM: {
        struct v4l2_streamparm *p = arg;
        p->parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
        p->parm.capture.timeperframe.numerator = 1;
        p->parm.capture.timeperframe.denominator = (unsigned)(f->cur.fps ? f->cur.fps : 30);
        return 0;
    }
    case VIDIOC_REQBUFS: {
        struct v4l2_requestbuffers *rb = arg;
        if (f->read_only)
            return EINVAL;
        if (busy || f->streaming)
            return EBUSY;
        for (int i = 0; i < f->nbuf; i++)
            if (f->mapped[i])
                return EBUSY; /* as vb2: buffers still mapped */
        free_bufs(f);
        if (rb->count == 0)
            return 0;
        f->owner = fdi;
        unsigned n = rb->count > MAX_BUFS ? MAX_BUFS : rb->count;
        for (unsigned i = 0; i < n; i++)
            f->buf[i] = calloc(1, f->sizeimage);
        f->nbuf = (int)n;
        rb->count = n;
        return 0;
    }
    case VIDIOC_QUERYBUF:
    case VIDIOC_QBUF: {
        struct v4l2_buffer *b = arg;
        if (busy || b->index >= (unsigned)f->nbuf)
            return EINVAL;
        if (req == VIDIOC_QUERYBUF) {
            b->length = (unsigned)f->sizeimage;
            b->m.offset = b->index * 0x100000u;
            return 0;
        }
        if (f->queued[b->index])
            return EINVAL;
        f->queued[b->index] = 1;
        return 0;
    }
    case VIDIOC_STREAMON: {
        if (busy || f->nbuf == 0)
            return EINVAL;
        if (f->enospc_left > 0 && (f->enospc_fourcc == 0 || f->enospc_fourcc == f->cur.fourcc)) {
            f->enospc_left--;
            f->counts.enospc++;
            return ENOSPC;
        }
        f->streaming = 1;
        f->next_frame_ms = now_ms() + (f->cur.fps ? 1000.0 / f->cur.fps : 0);
        f->counts.streamons++;
        return 0;
    }
    case VIDIOC_STREAMOFF:
        if (busy)
            return EINVAL;
        f->streaming = 0;
        for (int i = 0; i < f->nbuf; i++)
            f->queued[i] = 0;
        return 0;
    case VIDIOC_DQBUF: {
        struct v4l2_buffer *b = arg;
        if (busy || !f->streaming)
            return EINVAL;
        double now = now_ms();
        int q = -1;
        for (int i = 0; i < f->nbuf && q < 0; i++)
            if (f->queued[i])
                q = i;
        if (q < 0 || !frame_ready(f, now) || eagain_now(f))
            return EAGAIN;
        f->queued[q] = 0;
        memset(b, 0, sizeof *b);
        b->index = (unsigned)q;
        b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b->memory = V4L2_MEMORY_MMAP;
        b->bytesused = (unsigned)fill_frame(f, f->buf[q], f->sizeimage);
        b->sequence = (unsigned)f->seq;
        b->length = (unsigned)f->sizeimage;
        frame_taken(f, now);
        return 0;
    }
    case VIDIOC_QUERYCTRL: {
        struct v4l2_queryctrl *q = arg;
        if (!f->controls)
            return EINVAL;
        int lo, hi;
        switch (q->id) {
        case V4L2_CID_EXPOSURE_AUTO: lo = 0, hi = 3; break;
        case V4L2_CID_EXPOSURE_ABSOLUTE: lo = 3, hi = 2047; break;
        case V4L2_CID_AUTO_WHITE_BALANCE: lo = 0, hi = 1; break;
        case V4L2_CID_WHITE_BALANCE_TEMPERATURE: lo = 2800, hi = 6500; break;
        default: return EINVAL;
        }
        q->minimum = lo;
        q->maximum = hi;
        q->step = 1;
        q->flags = 0;
        return 0;
    }
    case VIDIOC_S_CTRL: {
        struct v4l2_control *c = arg;
        if (!f->controls)
            return EINVAL;
        switch (c->id) {
        case V4L2_CID_EXPOSURE_AUTO:
            if (c->value != V4L2_EXPOSURE_MANUAL && c->value != V4L2_EXPOSURE_APERTURE_PRIORITY)
                return EINVAL; /* like most UVC webcams: only these two */
            f->counts.exposure_auto = c->value;
            return 0;
        case V4L2_CID_EXPOSURE_ABSOLUTE:
            if (c->value < 3 || c->value > 2047)
                return ERANGE;
            f->counts.exposure_abs = c->value;
            return 0;
        case V4L2_CID_AUTO_WHITE_BALANCE: f->counts.auto_wb = c->value; return 0;
        case V4L2_CID_WHITE_BALANCE_TEMPERATURE:
            if (c->value < 2800 || c->value > 6500)
                return ERANGE;
            f->counts.wb_temp = c->value;
            return 0;
        }
        return EINVAL;
    }
    }
    return ENOTTY;
}

static int f_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
    fake_uvc *f = ctx;
    pthread_mutex_lock(&f->mu);
    ffd *d = get_fd(f, fd);
    int e = d ? do_ioctl(f, fd - FD_BASE, d, req, arg) : EBADF;
    pthread_mutex_unlock(&f->mu);
    if (e) {
        errno = e;
        return -1;
    }
    return 0;
}

static void *f_mmap(void *ctx, size_t len, int prot, int flags, int fd, off_t off)
{
    fake_uvc *f = ctx;
    (void)prot;
    (void)flags;
    pthread_mutex_lock(&f->mu);
    ffd *d = get_fd(f, fd);
    unsigned i = (unsigned)(off / 0x100000);
    void *p = MAP_FAILED;
    if (!d || !alive(f, d))
        errno = d ? ENODEV : EBADF;
    else if (i >= (unsigned)f->nbuf || len > f->sizeimage)
        errno = EINVAL;
    else {
        f->mapped[i]++;
        f->counts.mapped++;
        p = f->buf[i];
    }
    pthread_mutex_unlock(&f->mu);
    return p;
}

static int f_munmap(void *ctx, void *addr, size_t len)
{
    fake_uvc *f = ctx;
    (void)len;
    pthread_mutex_lock(&f->mu);
    int found = 0;
    for (int i = 0; i < f->nbuf; i++) {
        if (f->buf[i] == addr && f->mapped[i]) {
            f->mapped[i]--;
            f->counts.mapped--;
            found = 1;
        }
    }
    pthread_mutex_unlock(&f->mu);
    if (!found) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

static int f_poll(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    fake_uvc *f = ctx;
    if (n != 1) {
        errno = EINVAL;
        return -1;
    }
    double deadline = now_ms() + timeout_ms;
    pthread_mutex_lock(&f->mu);
    for (;;) {
        ffd *d = get_fd(f, fds[0].fd);
        fds[0].revents = 0;
        if (!d) {
            fds[0].revents = POLLNVAL;
            break;
        }
        if (!alive(f, d)) {
            fds[0].revents = POLLERR | POLLHUP;
            break;
        }
        int queued = 0;
        for (int i = 0; i < f->nbuf; i++)
            queued |= f->queued[i];
        if (!(f->streaming && queued) && !f->read_started) {
            fds[0].revents = POLLERR; /* as vb2 when not streaming */
            break;
        }
        double now = now_ms();
        if (frame_ready(f, now)) {
            fds[0].revents = POLLIN;
            break;
        }
        if (now >= deadline)
            break;
        double until = f->next_frame_ms < deadline ? f->next_frame_ms : deadline;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        long long ns = (long long)ts.tv_nsec + (long long)((until - now) * 1e6) + 1;
        ts.tv_sec += (time_t)(ns / 1000000000LL);
        ts.tv_nsec = (long)(ns % 1000000000LL);
        pthread_cond_timedwait(&f->cv, &f->mu, &ts);
    }
    pthread_mutex_unlock(&f->mu);
    return fds[0].revents ? 1 : 0;
}

static ssize_t f_read(void *ctx, int fd, void *buf, size_t len)
{
    fake_uvc *f = ctx;
    pthread_mutex_lock(&f->mu);
    ffd *d = get_fd(f, fd);
    ssize_t rc = -1;
    double now = now_ms();
    if (!d)
        errno = EBADF;
    else if (!alive(f, d))
        errno = ENODEV;
    else if (!f->read_only || !f->read_started)
        errno = EINVAL;
    else if (!frame_ready(f, now) || eagain_now(f))
        errno = EAGAIN;
    else {
        unsigned char *tmp = malloc(f->sizeimage);
        size_t got = fill_frame(f, tmp, f->sizeimage);
        rc = (ssize_t)(got < len ? got : len);
        memcpy(buf, tmp, (size_t)rc);
        free(tmp);
        frame_taken(f, now);
    }
    pthread_mutex_unlock(&f->mu);
    return rc;
}

static int f_scan(void *ctx, char (*paths)[64], int max)
{
    fake_uvc *f = ctx;
    pthread_mutex_lock(&f->mu);
    int n = 0;
    if (f->present && max >= 2) {
        strcpy(paths[n++], CAPTURE_PATH);
        strcpy(paths[n++], META_PATH);
    }
    pthread_mutex_unlock(&f->mu);
    return n;
}

/* --- set-up and knobs --------------------------------------------------- */

fake_uvc *fake_uvc_new(const char *card)
{
    fake_uvc *f = calloc(1, sizeof *f);
    snprintf(f->card, sizeof f->card, "%s", card);
    pthread_mutex_init(&f->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&f->cv, &ca);
    pthread_condattr_destroy(&ca);
    f->present = 1;
    f->controls = 1;
    f->owner = -1;
    f->counts.exposure_auto = f->counts.exposure_abs = f->counts.auto_wb = f->counts.wb_temp = -1;
    f->sys = (gb_v4l2_sys){f, f_open, f_close, f_ioctl, f_mmap, f_munmap, f_poll, f_read, f_scan};
    return f;
}

void fake_uvc_free(fake_uvc *f)
{
    if (!f)
        return;
    free_bufs(f);
    for (int i = 0; i < f->njpegs; i++)
        free(f->jpegs[i].data);
    free(f->jpegs);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    free(f);
}

const gb_v4l2_sys *fake_uvc_sys(fake_uvc *f)
{
    return &f->sys;
}

void fake_uvc_add_mode(fake_uvc *f, uint32_t fourcc, int w, int h, int fps)
{
    pthread_mutex_lock(&f->mu);
    if (f->nmodes < MAX_MODES)
        f->modes[f->nmodes++] = (fmode){fourcc, w, h, fps};
    pthread_mutex_unlock(&f->mu);
}

void fake_uvc_add_jpeg(fake_uvc *f, int w, int h, const unsigned char *data, size_t len)
{
    pthread_mutex_lock(&f->mu);
    if (f->njpegs == f->cap_jpegs) {
        f->cap_jpegs = f->cap_jpegs ? f->cap_jpegs * 2 : 16;
        f->jpegs = realloc(f->jpegs, (size_t)f->cap_jpegs * sizeof *f->jpegs);
    }
    fjpeg *j = &f->jpegs[f->njpegs++];
    j->w = w;
    j->h = h;
    j->data = malloc(len);
    memcpy(j->data, data, len);
    j->len = len;
    pthread_mutex_unlock(&f->mu);
}

#define KNOB(name, field)                      \
    void name(fake_uvc *f, int v)              \
    {                                          \
        pthread_mutex_lock(&f->mu);            \
        f->field = v;                          \
        pthread_cond_broadcast(&f->cv);        \
        pthread_mutex_unlock(&f->mu);          \
    }
KNOB(fake_uvc_set_controls, controls)
KNOB(fake_uvc_set_read_only, read_only)
KNOB(fake_uvc_unplug_after, unplug_after)
KNOB(fake_uvc_eagain_every, eagain_every)
KNOB(fake_uvc_damage_next, damage_left)
#undef KNOB

void fake_uvc_set_present(fake_uvc *f, int present)
{
    pthread_mutex_lock(&f->mu);
    if (f->present && !present)
        f->generation++; /* descriptors opened before stay dead, as after a real unplug */
    f->present = present;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

void fake_uvc_fail_streamon(fake_uvc *f, uint32_t fourcc, int n)
{
    pthread_mutex_lock(&f->mu);
    f->enospc_fourcc = fourcc;
    f->enospc_left = n;
    pthread_mutex_unlock(&f->mu);
}

void fake_uvc_counts_get(fake_uvc *f, fake_uvc_counts *out)
{
    pthread_mutex_lock(&f->mu);
    *out = f->counts;
    pthread_mutex_unlock(&f->mu);
}
