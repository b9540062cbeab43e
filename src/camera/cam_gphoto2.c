/* The gphoto2 backend: DSLR and mirrorless cameras over USB (PTP), through
 * libgphoto2.
 *
 * Live view is gp_camera_capture_preview polled no faster than [camera]
 * preview_fps: cameras answer "busy" (PTP 0x2019, Canon's 0xa102 "not
 * ready") when asked faster than they can, and photo-booth programs that
 * poll flat out end up with a frozen live view. A busy answer waits
 * busy_backoff_ms before the next ask; liveview_restart_after failures in
 * a row switch the camera's live view off so that the next ask starts it
 * afresh; when restarts do not help either, the device is reported gone and
 * camera.c reopens it (which is also what recovers an unplugged or sleeping
 * camera).
 *
 * Stills are captured to the camera's memory, downloaded into memory,
 * deleted from the card (a kiosk takes thousands of photos) and the events
 * the camera queued meanwhile are drained, or the next live-view frame
 * would wait behind them. RAW+JPEG cameras report the JPEG as an extra
 * event; we keep the JPEG.
 *
 * No live view (the camera answers "not supported"; older compacts,
 * libgphoto2's own virtual camera): preview frames are the last still,
 * shrunk, shown again a few times a second so the generic layer sees a
 * living camera. The first one is taken when live view starts, so the
 * screen shows the booth rather than nothing.
 *
 * A camera not in libgphoto2's list (newer than the installed library, or
 * the virtual test camera) is still reachable when [camera] device names its
 * port: it is opened as a generic PTP camera, which every current DSLR is. */
#include "camera/cam_gphoto2.h"

#include <ctype.h>
#include <dirent.h>
#include <gphoto2/gphoto2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "camera/cam_backend.h"
#include "core/log.h"
#include "image/decode.h"

/* libgphoto2's catch-all model for cameras that speak standard PTP. */
#define GENERIC_PTP_MODEL "USB PTP Class Camera"

/* A still may meet a camera still busy from live view (mirror, focus).
 * Past this the person at the booth presses again: not a knob to tune. */
#define STILL_BUSY_MS 3000
/* Draining events after a still: each wait is short (the queue is usually
 * empty) and the whole drain is bounded, so a camera that keeps talking
 * cannot hold the capture thread. */
#define EVENT_WAIT_MS 50
#define EVENT_DRAIN_MS 2000
/* Live-view restarts (after liveview_restart_after failures each) before
 * the device is declared wedged and reopened. */
#define MAX_RESTARTS 2

typedef struct gp2_dev {
    Camera *cam;
    GPContext *ctx;
    char model[128];
    char port[128];

    int preview_fps, busy_backoff_ms, restart_after, stall_ms, preview_h_wanted;

    int has_live_view;  /* until the camera answers "not supported" */
    int live_view_probed;
    int viewfinder_on;  /* a preview succeeded since the last stop */
    int fails;          /* live-view failures in a row */
    int restarts;       /* live-view restarts since the last good frame */
    double next_ask_ms; /* the rate cap and the busy back-off */
    int preview_w, preview_h;
    int still_w, still_h;

    gb_image *last_still;  /* shrunk; the preview when there is no live view */
    double next_repeat_ms; /* when to show it again */

    char detail[512]; /* what libgphoto2 said about the last failure */
    char elsewhere[300]; /* a camera detected at another port than the configured one */
} gp2_dev;

/* --- what libgphoto2 says --------------------------------------------------
 * Results are bare numbers; the useful part (which PTP code, "perhaps no
 * focus") comes as context errors or as error-level log lines. Both are
 * collected into the device that made the call: the context carries it, and
 * the log, which is process-wide, is routed by a thread-local pointer set
 * around each call (a device is used by one thread only). */

static _Thread_local gp2_dev *tl_dev;

static void note_detail(gp2_dev *d, const char *text)
{
    if (!d || !text || !text[0])
        return;
    size_t used = strlen(d->detail);
    if (used + 3 >= sizeof d->detail)
        return;
    snprintf(d->detail + used, sizeof d->detail - used, "%s%s", used ? "; " : "", text);
    /* libgphoto2's messages end in newlines; keep one line. */
    for (char *p = d->detail; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
}

static void on_context_error(GPContext *ctx, const char *text, void *data)
{
    note_detail(data, text);
}

static void on_log(GPLogLevel level, const char *domain, const char *text, void *data)
{
    if (level == GP_LOG_ERROR)
        note_detail(tl_dev, text);
}

static void install_log_hook(void)
{
    gp_log_add_func(GP_LOG_ERROR, on_log, NULL);
}

static pthread_once_t log_once = PTHREAD_ONCE_INIT;

static void begin_call(gp2_dev *d)
{
    d->detail[0] = 0;
    tl_dev = d;
}

static void end_call(void)
{
    tl_dev = NULL;
}

/* --- classification (also used by the tests) ------------------------------ */

static int has_text(const char *hay, const char *needle)
{
    return hay && strcasestr(hay, needle) != NULL;
}

gb_gp2_kind gb_gp2_classify(int rc, const char *detail)
{
    switch (rc) {
    case GP_ERROR_IO_USB_CLAIM:
    case GP_ERROR_IO_LOCK:
        return GB_GP2_CLAIMED;
    case GP_ERROR_CAMERA_BUSY:
        return GB_GP2_BUSY;
    default:
        break;
    }
    if (has_text(detail, "0x2019") || has_text(detail, "0xa102") || has_text(detail, "device busy") ||
        has_text(detail, "not ready") || has_text(detail, "camera busy"))
        return GB_GP2_BUSY;
    if (has_text(detail, "access denied") || has_text(detail, "permission denied") ||
        has_text(detail, "LIBUSB_ERROR_ACCESS"))
        return GB_GP2_NO_ACCESS;
    switch (rc) {
    case GP_ERROR_NOT_SUPPORTED:
        return GB_GP2_UNSUPPORTED;
    case GP_ERROR_IO:
    case GP_ERROR_TIMEOUT:
    case GP_ERROR_IO_INIT:
    case GP_ERROR_IO_READ:
    case GP_ERROR_IO_WRITE:
    case GP_ERROR_IO_UPDATE:
    case GP_ERROR_IO_USB_CLEAR_HALT:
    case GP_ERROR_IO_USB_FIND:
    case GP_ERROR_UNKNOWN_PORT:
    case GP_ERROR_MODEL_NOT_FOUND:
        return GB_GP2_GONE;
    default:
        break;
    }
    if (has_text(detail, "focus"))
        return GB_GP2_FOCUS;
    return GB_GP2_OTHER;
}

void gb_gp2_explain(gb_err *err, int rc, const char *detail, const char *what, const char *port,
                    const char *holders)
{
    const char *advice;
    char claimed[640];
    switch (gb_gp2_classify(rc, detail)) {
    case GB_GP2_CLAIMED:
        snprintf(claimed, sizeof claimed,
                 "another program holds the camera (often the desktop's gvfs-gphoto2-volume-monitor%s%s): "
                 "close it or run `gio mount -s gphoto2; systemctl --user stop gvfs-gphoto2-volume-monitor` "
                 "(on a kiosk, `systemctl --user mask gvfs-gphoto2-volume-monitor` keeps it away), "
                 "then reconnect the camera",
                 holders && holders[0] ? "; running now: " : "", holders && holders[0] ? holders : "");
        advice = claimed;
        break;
    case GB_GP2_BUSY:
        advice = "the camera is busy (still saving, focusing or showing a menu); GradBooth asks again shortly";
        break;
    case GB_GP2_GONE:
        advice = "the camera stopped answering: unplugged, switched off or asleep? "
                 "GradBooth reopens it by itself when it is back";
        break;
    case GB_GP2_NO_ACCESS:
        advice = "this user may not open the USB device: add the kiosk user to group gradbooth and check that "
                 "70-gradbooth-gphoto2.rules is installed in /lib/udev/rules.d, then reconnect the camera";
        break;
    case GB_GP2_UNSUPPORTED:
        advice = "this camera cannot do that over USB";
        break;
    case GB_GP2_FOCUS:
        advice = "the camera could not focus: light the subject better or set the lens to manual focus";
        break;
    default:
        advice = "the camera refused";
        break;
    }
    gb_err_set(err, "%s%s%s: %s (libgphoto2 %d: %s%s%s)", what, port && port[0] ? " at " : "",
               port ? port : "", advice, rc, gp_result_as_string(rc), detail && detail[0] ? "; " : "",
               detail ? detail : "");
}

void gb_gp2_find_holders(char *buf, size_t size)
{
    buf[0] = 0;
    DIR *proc = opendir("/proc");
    if (!proc)
        return;
    size_t used = 0;
    struct dirent *e;
    while ((e = readdir(proc)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        char path[300], comm[64] = "";
        snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (!fgets(comm, sizeof comm, f))
            comm[0] = 0;
        fclose(f);
        comm[strcspn(comm, "\n")] = 0;
        /* comm is cut to 15 characters: "gvfs-gphoto2-vo", "gvfsd-gphoto2". */
        if (strncmp(comm, "gvfs", 4) != 0 || !strstr(comm, "gphoto2"))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s (pid %s)", used ? ", " : "", comm, e->d_name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    closedir(proc);
}

/* Fills err for a failed call and says what camera.c should do with it. */
static int fail(gp2_dev *d, int rc, const char *what, gb_err *err)
{
    char holders[256] = "";
    gb_gp2_kind kind = gb_gp2_classify(rc, d->detail);
    if (kind == GB_GP2_CLAIMED)
        gb_gp2_find_holders(holders, sizeof holders);
    gb_gp2_explain(err, rc, d->detail, what, d->port, holders);
    return kind == GB_GP2_GONE || kind == GB_GP2_CLAIMED || kind == GB_GP2_NO_ACCESS ? GB_CAM_EDEVICE
                                                                                        : GB_CAM_EFRAME;
}

/* --- finding and opening -------------------------------------------------- */

static void describe_abilities(const CameraAbilities *a, char *buf, size_t size)
{
    snprintf(buf, size, "capture to memory: %s\nlive view: %s\nremote settings: %s\nlibgphoto2 driver: %s%s",
             a->operations & GP_OPERATION_CAPTURE_IMAGE ? "yes" : "no",
             a->operations & GP_OPERATION_CAPTURE_PREVIEW ? "yes" : "no",
             a->operations & GP_OPERATION_CONFIG ? "yes" : "no", a->id,
             a->status == GP_DRIVER_STATUS_PRODUCTION ? "" : " (not production quality)");
}

static void gp2_close(void *opaque)
{
    gp2_dev *d = opaque;
    if (!d)
        return;
    if (d->cam) {
        begin_call(d);
        /* On a camera that is gone this fails fast (USB errors); we are
         * closing either way. */
        gp_camera_exit(d->cam, d->ctx);
        end_call();
        gp_camera_unref(d->cam);
    }
    if (d->ctx)
        gp_context_unref(d->ctx);
    gb_image_free(d->last_still);
    free(d);
}

/* libgphoto2's camera list (2,600 models, ~60 driver modules) takes ~70 ms
 * to load; a camera that sleeps is reopened every few seconds, so it is
 * loaded once per process and shared. The port list is loaded afresh each
 * time: it names the USB devices present now. */
static pthread_mutex_t abilities_mu = PTHREAD_MUTEX_INITIALIZER;
static CameraAbilitiesList *abilities;

/* The shared camera list, locked: call abilities_unlock() when done. NULL
 * (unlocked) when it cannot be loaded. */
static CameraAbilitiesList *abilities_lock(GPContext *ctx)
{
    pthread_mutex_lock(&abilities_mu);
    if (!abilities) {
        CameraAbilitiesList *al = NULL;
        if (gp_abilities_list_new(&al) >= GP_OK && gp_abilities_list_load(al, ctx) >= GP_OK &&
            gp_abilities_list_count(al) > 0) {
            abilities = al;
        } else if (al) {
            gp_abilities_list_free(al);
        }
    }
    if (!abilities)
        pthread_mutex_unlock(&abilities_mu);
    return abilities;
}

static void abilities_unlock(void)
{
    pthread_mutex_unlock(&abilities_mu);
}

/* 1 when the kernel sees any USB device besides the hubs built into the
 * machine. Asking libgphoto2 when there is none costs a load of port drivers
 * each time, and its usb1 driver leaks a little memory per ask when the bus
 * is empty: a kiosk without a DSLR retries all day. */
static int usb_devices_present(void)
{
    DIR *dir = opendir("/sys/bus/usb/devices");
    if (!dir)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(dir)) != NULL)
        /* "1-4" or "1-4.2" are devices, "usb1" a root hub, "1-4:1.0" an interface. */
        found = isdigit((unsigned char)e->d_name[0]) && strchr(e->d_name, '-') && !strchr(e->d_name, ':');
    closedir(dir);
    return found;
}

/* The cameras libgphoto2 recognises now, as gp_camera_autodetect finds them
 * but with the shared camera list. */
static int detect(GPContext *ctx, CameraList *out)
{
    GPPortInfoList *ports = NULL;
    CameraList *all = NULL;
    int rc = gp_port_info_list_new(&ports);
    if (rc >= GP_OK)
        rc = gp_port_info_list_load(ports);
    if (rc >= GP_OK)
        rc = gp_list_new(&all);
    if (rc >= GP_OK) {
        CameraAbilitiesList *al = abilities_lock(ctx);
        if (al) {
            rc = gp_abilities_list_detect(al, ports, all, ctx);
            abilities_unlock();
        } else {
            rc = GP_ERROR_MODEL_NOT_FOUND;
        }
    }
    for (int i = 0; rc >= GP_OK && i < gp_list_count(all); i++) {
        const char *name = NULL, *value = NULL;
        gp_list_get_name(all, i, &name);
        gp_list_get_value(all, i, &value);
        /* The catch-all "usb:" port duplicates the real ones. */
        if (name && value && strcmp(value, "usb:") != 0)
            gp_list_append(out, name, value);
    }
    if (all)
        gp_list_free(all);
    if (ports)
        gp_port_info_list_free(ports);
    return rc;
}

/* Model and port of the camera to open: the configured port (its model from
 * detection, or generic PTP), or the first camera found. */
static int choose_camera(gp2_dev *d, const char *want_port, gb_err *err)
{
    if (!want_port[0] && !usb_devices_present()) {
        gb_err_set(err, "no USB device is connected (besides the machine's own hubs): connect the camera by USB "
                        "and switch it on");
        return -1;
    }
    CameraList *found = NULL;
    int rc = gp_list_new(&found);
    if (rc >= GP_OK) {
        begin_call(d);
        rc = detect(d->ctx, found);
        end_call();
    }
    if (rc < GP_OK) {
        gb_gp2_explain(err, rc, d->detail, "looking for cameras", want_port, NULL);
        gp_list_free(found);
        return -1;
    }
    int n = gp_list_count(found);
    const char *model = NULL, *port = NULL;
    for (int i = 0; i < n; i++) {
        const char *m = NULL, *p = NULL;
        gp_list_get_name(found, i, &m);
        gp_list_get_value(found, i, &p);
        if (!m || !p)
            continue;
        if (!want_port[0] || strcmp(p, want_port) == 0) {
            model = m;
            port = p;
            break;
        }
    }
    if (!model && want_port[0] && n > 0) {
        const char *m = NULL, *p = NULL;
        gp_list_get_name(found, 0, &m);
        gp_list_get_value(found, 0, &p);
        snprintf(d->elsewhere, sizeof d->elsewhere, "%s at %s", m ? m : "a camera", p ? p : "?");
    }
    if (!model && want_port[0]) {
        model = GENERIC_PTP_MODEL;
        port = want_port;
        gb_log_debug("gphoto2: %s not auto-detected; trying it as a generic PTP camera", want_port);
    }
    if (!model) {
        gb_err_set(err, "libgphoto2 finds no camera: connect it by USB, switch it on and set its USB mode to "
                        "PTP / \"PC connection\" (not mass storage)");
        gp_list_free(found);
        return -1;
    }
    snprintf(d->model, sizeof d->model, "%s", model);
    snprintf(d->port, sizeof d->port, "%s", port);
    gp_list_free(found);
    return 0;
}

static void *gp2_open(const gb_config *cfg, gb_err *err)
{
    pthread_once(&log_once, install_log_hook);
    gp2_dev *d = calloc(1, sizeof *d);
    if (!d) {
        gb_err_set(err, "gphoto2: out of memory");
        return NULL;
    }
    d->preview_fps = cfg->preview_fps > 0 ? cfg->preview_fps : 1;
    d->busy_backoff_ms = cfg->busy_backoff_ms;
    d->restart_after = cfg->liveview_restart_after > 0 ? cfg->liveview_restart_after : 1;
    d->stall_ms = cfg->stall_timeout_ms > 0 ? cfg->stall_timeout_ms : 5000;
    d->preview_h_wanted = cfg->preview_height;
    d->ctx = gp_context_new();
    if (!d->ctx) {
        gb_err_set(err, "gphoto2: out of memory");
        free(d);
        return NULL;
    }
    gp_context_set_error_func(d->ctx, on_context_error, d);

    const char *want = cfg->camera_device;
    /* A V4L2 path is for the other backend (backend=auto hands every
     * backend the same config). */
    if (want[0] == '/') {
        gb_err_set(err, "[camera] device %s is a webcam, not a gphoto2 port (usb:BUS,DEV)", want);
        gp2_close(d);
        return NULL;
    }
    if (choose_camera(d, want, err) < 0) {
        gp2_close(d);
        return NULL;
    }

    GPPortInfoList *pl = NULL;
    CameraAbilities a;
    GPPortInfo pi;
    int rc = GP_ERROR_MODEL_NOT_FOUND;
    CameraAbilitiesList *al = abilities_lock(d->ctx);
    if (al) {
        int m = gp_abilities_list_lookup_model(al, d->model);
        rc = m >= GP_OK ? gp_abilities_list_get_abilities(al, m, &a) : m;
        abilities_unlock();
    }
    if (rc < GP_OK) {
        gb_err_set(err, "gphoto2: libgphoto2 has no driver for \"%s\" (%s); is libgphoto2-6 installed completely?",
                   d->model, gp_result_as_string(rc));
        gp2_close(d);
        return NULL;
    }
    rc = gp_port_info_list_new(&pl);
    if (rc >= GP_OK)
        rc = gp_port_info_list_load(pl);
    int p = rc >= GP_OK ? gp_port_info_list_lookup_path(pl, d->port) : rc;
    if (p >= GP_OK)
        rc = gp_port_info_list_get_info(pl, p, &pi);
    else
        rc = p;
    if (rc >= GP_OK)
        rc = gp_camera_new(&d->cam);
    if (rc >= GP_OK)
        rc = gp_camera_set_abilities(d->cam, a);
    if (rc >= GP_OK)
        rc = gp_camera_set_port_info(d->cam, pi); /* copies what it needs from pi */
    gp_port_info_list_free(pl);
    if (rc < GP_OK) {
        gb_gp2_explain(err, rc, NULL, "gphoto2: setting up the port", d->port, NULL);
        gp2_close(d);
        return NULL;
    }
    if (!(a.operations & GP_OPERATION_CAPTURE_IMAGE)) {
        gb_err_set(err, "gphoto2: %s at %s cannot take pictures when a computer asks (libgphoto2 knows it only "
                        "as a card reader); use another camera or a webcam",
                   d->model, d->port);
        gp2_close(d);
        return NULL;
    }
    d->has_live_view = (a.operations & GP_OPERATION_CAPTURE_PREVIEW) != 0;

    begin_call(d);
    rc = gp_camera_init(d->cam, d->ctx);
    end_call();
    if (rc < GP_OK) {
        char what[200];
        snprintf(what, sizeof what, "gphoto2: opening %s", d->model);
        fail(d, rc, what, err);
        if (d->elsewhere[0])
            gb_err_prefix(err, "libgphoto2 sees %s, not at the configured [camera] device %s (a camera gets a new "
                               "USB number each time it is plugged in: leave device empty to take the camera "
                               "found); opening %s anyway failed",
                          d->elsewhere, d->port, d->port);
        /* gp_camera_exit on a camera that never opened is harmless. */
        gp2_close(d);
        return NULL;
    }
    return d;
}

/* --- live view ------------------------------------------------------------- */

static gb_gp2_preview_fn preview_fn = gp_camera_capture_preview;

void gb_gp2_set_preview(gb_gp2_preview_fn fn)
{
    preview_fn = fn ? fn : gp_camera_capture_preview;
}

static void viewfinder_off(gp2_dev *d)
{
    if (!d->viewfinder_on)
        return;
    d->viewfinder_on = 0;
    /* "viewfinder" is the toggle Canon and Nikon drivers expose; the next
     * gp_camera_capture_preview switches it on again. Cameras without it
     * stop live view by themselves. */
    CameraWidget *w = NULL;
    begin_call(d);
    if (gp_camera_get_single_config(d->cam, "viewfinder", &w, d->ctx) >= GP_OK) {
        int off = 0;
        if (gp_widget_set_value(w, &off) >= GP_OK)
            gp_camera_set_single_config(d->cam, "viewfinder", w, d->ctx);
        gp_widget_free(w);
    }
    end_call();
}

static int gp2_start_preview(void *opaque, gb_err *err)
{
    gp2_dev *d = opaque;
    if (d->has_live_view && !d->live_view_probed) {
        /* One ask now, so that what info reports right after open (and the
         * staff screen shows) is already true: libgphoto2's camera list
         * promises live view for whole families of which some models say
         * "not supported". The frame itself is not kept. */
        d->live_view_probed = 1;
        CameraFile *file = NULL;
        if (gp_file_new(&file) >= GP_OK) {
            d->viewfinder_on = 1;
            begin_call(d);
            int rc = preview_fn(d->cam, file, d->ctx);
            end_call();
            gp_file_unref(file);
            if (rc < GP_OK && gb_gp2_classify(rc, d->detail) == GB_GP2_UNSUPPORTED) {
                gb_log_info("gphoto2: %s has no live view; showing its last still instead", d->model);
                d->has_live_view = 0;
            }
        }
    }
    d->fails = 0;
    d->restarts = 0;
    d->next_ask_ms = 0;
    d->next_repeat_ms = 0;
    return GB_CAM_OK;
}

static void gp2_stop_preview(void *opaque)
{
    viewfinder_off(opaque);
}

/* Sleeps until `when` if that is within timeout_ms; 0 when it is now time. */
static int wait_for(double when, int timeout_ms)
{
    double left = when - gb_cam_now_ms();
    if (left <= 0)
        return 0;
    if (left > timeout_ms) {
        gb_cam_sleep_ms(timeout_ms);
        return -1;
    }
    gb_cam_sleep_ms(left);
    return 0;
}

static int capture_jpeg(gp2_dev *d, unsigned char **jpeg, size_t *len, gb_err *err);

/* A copy of the last still as a preview frame. */
static int repeat_still(gp2_dev *d, gb_image **frame, gb_err *err)
{
    gb_image *img = gb_cam_frame_buffer(frame, d->last_still->width, d->last_still->height, err);
    if (!img)
        return GB_CAM_EFRAME;
    for (int y = 0; y < img->height; y++)
        memcpy(img->pixels + (size_t)y * img->stride,
               d->last_still->pixels + (size_t)y * d->last_still->stride, (size_t)img->width * 3);
    *frame = img;
    /* Often enough that camera.c's stall watch never fires, rarely enough to
     * cost nothing: a still does not change between captures. */
    double period = d->stall_ms / 3.0 < 1000 ? d->stall_ms / 3.0 : 1000;
    d->next_repeat_ms = gb_cam_now_ms() + period;
    return GB_CAM_FRAME;
}

static int grab_without_live_view(gp2_dev *d, int timeout_ms, gb_image **frame, gb_err *err)
{
    if (d->last_still) {
        if (wait_for(d->next_repeat_ms, timeout_ms) < 0)
            return GB_CAM_NONE;
        return repeat_still(d, frame, err);
    }
    /* Nothing to show yet: one still to frame the booth with. */
    if (wait_for(d->next_ask_ms, timeout_ms) < 0)
        return GB_CAM_NONE;
    unsigned char *jpeg = NULL;
    size_t len = 0;
    int rc = capture_jpeg(d, &jpeg, &len, err);
    free(jpeg);
    if (rc != GB_CAM_OK) {
        d->next_ask_ms = gb_cam_now_ms() + 1000;
        gb_err_prefix(err, "no live view, and the still shown instead failed");
        return rc;
    }
    return repeat_still(d, frame, err);
}

static int gp2_grab_preview(void *opaque, int timeout_ms, gb_image **frame, gb_err *err)
{
    gp2_dev *d = opaque;
    if (!d->has_live_view)
        return grab_without_live_view(d, timeout_ms, frame, err);
    if (wait_for(d->next_ask_ms, timeout_ms) < 0)
        return GB_CAM_NONE;

    double asked = gb_cam_now_ms();
    d->next_ask_ms = asked + 1000.0 / d->preview_fps;
    CameraFile *file = NULL;
    int rc = gp_file_new(&file);
    if (rc >= GP_OK) {
        /* Even a refused ask may have switched the camera's live view on. */
        d->viewfinder_on = 1;
        begin_call(d);
        rc = preview_fn(d->cam, file, d->ctx);
        end_call();
    }
    if (rc >= GP_OK) {
        const char *data = NULL;
        unsigned long size = 0;
        gp_file_get_data_and_size(file, &data, &size);
        gb_decode_opts opts = {.min_side = d->preview_h_wanted};
        gb_image *img = NULL;
        gb_image_info info;
        if (data && size > 0 &&
            gb_image_decode((const unsigned char *)data, size, &opts, &img, &info, err) == 0) {
            gp_file_unref(file);
            gb_image_free(*frame);
            *frame = img;
            d->preview_w = img->width;
            d->preview_h = img->height;
            d->fails = 0;
            d->restarts = 0;
            return GB_CAM_FRAME;
        }
        gp_file_unref(file);
        if (!data || size == 0)
            gb_err_set(err, "live view: the camera sent an empty frame");
        else
            gb_err_prefix(err, "live view frame");
        d->fails++;
    } else {
        gp_file_unref(file);
        gb_gp2_kind kind = gb_gp2_classify(rc, d->detail);
        if (kind == GB_GP2_UNSUPPORTED) {
            gb_log_info("gphoto2: %s has no live view; showing its last still instead", d->model);
            d->has_live_view = 0;
            d->next_ask_ms = 0;
            return grab_without_live_view(d, timeout_ms, frame, err);
        }
        int out = fail(d, rc, "live view", err);
        if (out == GB_CAM_EDEVICE)
            return out;
        d->fails++;
        if (kind == GB_GP2_BUSY)
            d->next_ask_ms = asked + d->busy_backoff_ms;
    }
    if (d->fails >= d->restart_after) {
        if (d->restarts >= MAX_RESTARTS) {
            gb_err_prefix(err, "live view failed %d times in a row after %d restarts; reopening the camera",
                          d->fails, d->restarts);
            return GB_CAM_EDEVICE;
        }
        gb_log_info("gphoto2: live view failed %d times in a row; restarting it", d->fails);
        viewfinder_off(d);
        d->fails = 0;
        d->restarts++;
    }
    return GB_CAM_EFRAME;
}

/* --- stills ---------------------------------------------------------------- */

static int is_jpeg_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0);
}

/* Downloads folder/name into memory (malloc'd copy) and deletes it from the
 * card; the delete may fail on cameras that keep captures in RAM only. */
static int download(gp2_dev *d, const char *folder, const char *name, unsigned char **out, size_t *len,
                    gb_err *err)
{
    CameraFile *file = NULL;
    int rc = gp_file_new(&file);
    if (rc >= GP_OK) {
        begin_call(d);
        rc = gp_camera_file_get(d->cam, folder, name, GP_FILE_TYPE_NORMAL, file, d->ctx);
        end_call();
    }
    if (rc < GP_OK) {
        gp_file_unref(file);
        return fail(d, rc, "downloading the photo", err);
    }
    const char *data = NULL;
    unsigned long size = 0;
    gp_file_get_data_and_size(file, &data, &size);
    unsigned char *copy = size > 0 ? malloc(size) : NULL;
    if (copy)
        memcpy(copy, data, size);
    gp_file_unref(file);
    begin_call(d);
    rc = gp_camera_file_delete(d->cam, folder, name, d->ctx);
    end_call();
    if (rc < GP_OK)
        gb_log_debug("gphoto2: the photo stays on the camera's card (%s)", gp_result_as_string(rc));
    if (!copy) {
        gb_err_set(err, size ? "gphoto2: out of memory for a %lu-byte photo" : "gphoto2: the camera sent an empty photo",
                   size);
        return GB_CAM_EFRAME;
    }
    *out = copy;
    *len = size;
    return GB_CAM_OK;
}

/* Events the camera queued during the capture: extra files (the JPEG of a
 * RAW+JPEG pair) are fetched when we still lack a JPEG, and every file is
 * removed from the card. */
static void drain_events(gp2_dev *d, unsigned char **jpeg, size_t *len)
{
    double until = gb_cam_now_ms() + EVENT_DRAIN_MS;
    while (gb_cam_now_ms() < until) {
        CameraEventType type = GP_EVENT_UNKNOWN;
        void *data = NULL;
        begin_call(d);
        int rc = gp_camera_wait_for_event(d->cam, EVENT_WAIT_MS, &type, &data, d->ctx);
        end_call();
        if (rc < GP_OK) {
            free(data);
            break;
        }
        if (type == GP_EVENT_FILE_ADDED && data) {
            const CameraFilePath *p = data;
            unsigned char *extra = NULL;
            size_t extra_len = 0;
            gb_err ignored = {0};
            if (download(d, p->folder, p->name, &extra, &extra_len, &ignored) == GB_CAM_OK) {
                if (!*jpeg && is_jpeg_name(p->name)) {
                    *jpeg = extra;
                    *len = extra_len;
                } else {
                    free(extra);
                }
            }
        }
        free(data);
        if (type == GP_EVENT_TIMEOUT)
            break;
    }
}

static int capture_jpeg(gp2_dev *d, unsigned char **jpeg, size_t *len, gb_err *err)
{
    *jpeg = NULL;
    *len = 0;
    CameraFilePath path;
    int rc;
    double give_up = gb_cam_now_ms() + STILL_BUSY_MS;
    for (;;) {
        memset(&path, 0, sizeof path);
        begin_call(d);
        rc = gp_camera_capture(d->cam, GP_CAPTURE_IMAGE, &path, d->ctx);
        end_call();
        if (rc >= GP_OK || gb_gp2_classify(rc, d->detail) != GB_GP2_BUSY || gb_cam_now_ms() >= give_up)
            break;
        gb_cam_sleep_ms(d->busy_backoff_ms > 20 ? d->busy_backoff_ms : 20);
    }
    if (rc < GP_OK)
        return fail(d, rc, "taking the photo", err);

    unsigned char *data = NULL;
    size_t size = 0;
    int dl = download(d, path.folder, path.name, &data, &size, err);
    if (dl == GB_CAM_EDEVICE)
        return dl;
    if (dl == GB_CAM_OK && is_jpeg_name(path.name)) {
        *jpeg = data;
        *len = size;
    } else {
        free(data); /* a RAW file: its JPEG twin comes as an event */
    }
    drain_events(d, jpeg, len);
    if (!*jpeg) {
        if (dl != GB_CAM_OK)
            return dl;
        gb_err_set(err, "the camera saved no JPEG (%s): set its image quality to JPEG or RAW+JPEG", path.name);
        return GB_CAM_EFRAME;
    }

    /* Its size for info, and a small copy for cameras without live view. */
    gb_decode_opts opts = {.min_side = d->preview_h_wanted};
    gb_image *small = NULL;
    gb_image_info info;
    if (gb_image_decode(*jpeg, *len, &opts, &small, &info, err) != 0) {
        gb_err_prefix(err, "the camera's photo");
        free(*jpeg);
        *jpeg = NULL;
        *len = 0;
        return GB_CAM_EFRAME;
    }
    d->still_w = info.width;
    d->still_h = info.height;
    gb_image_free(d->last_still);
    d->last_still = small;
    d->next_repeat_ms = 0; /* show the new still at once */
    return GB_CAM_OK;
}

static int gp2_capture_still(void *opaque, unsigned char **jpeg, size_t *len, gb_err *err)
{
    return capture_jpeg(opaque, jpeg, len, err);
}

/* --- list and info ---------------------------------------------------------- */

static int gp2_list(const gb_config *cfg, gb_cam_found *out, int max)
{
    if (max <= 0 || !usb_devices_present())
        return 0;
    pthread_once(&log_once, install_log_hook);
    GPContext *ctx = gp_context_new();
    CameraList *found = NULL;
    int rc = ctx ? gp_list_new(&found) : GP_ERROR_NO_MEMORY;
    if (rc >= GP_OK)
        rc = detect(ctx, found);
    int n = 0;
    if (rc < GP_OK) {
        gb_err e;
        gb_gp2_explain(&e, rc, NULL, "looking for cameras", NULL, NULL);
        snprintf(out[0].problem, sizeof out[0].problem, "%s", e.msg);
        n = 1;
    }
    CameraAbilitiesList *al = rc >= GP_OK && gp_list_count(found) > 0 ? abilities_lock(ctx) : NULL;
    for (int i = 0; al && i < gp_list_count(found) && n < max; i++) {
        const char *model = NULL, *port = NULL;
        gp_list_get_name(found, i, &model);
        gp_list_get_value(found, i, &port);
        gb_cam_found *f = &out[n++];
        snprintf(f->model, sizeof f->model, "%s", model ? model : "?");
        snprintf(f->port, sizeof f->port, "%s", port ? port : "?");
        CameraAbilities a;
        int m = model ? gp_abilities_list_lookup_model(al, model) : GP_ERROR;
        if (m >= GP_OK && gp_abilities_list_get_abilities(al, m, &a) >= GP_OK)
            describe_abilities(&a, f->details, sizeof f->details);
        if (cfg->camera_device[0] && port && strcmp(cfg->camera_device, port) != 0)
            snprintf(f->problem, sizeof f->problem, "not the configured [camera] device %s", cfg->camera_device);
    }
    if (al)
        abilities_unlock();
    if (found)
        gp_list_free(found);
    if (ctx)
        gp_context_unref(ctx);
    return n;
}

static void gp2_info(void *opaque, gb_cam_info *out)
{
    gp2_dev *d = opaque;
    snprintf(out->model, sizeof out->model, "%s", d->model);
    snprintf(out->port, sizeof out->port, "%s", d->port);
    out->has_live_view = d->has_live_view;
    out->still_w = d->still_w;
    out->still_h = d->still_h;
    if (d->has_live_view) {
        out->preview_w = d->preview_w;
        out->preview_h = d->preview_h;
        snprintf(out->mode, sizeof out->mode, "live view (JPEG from the camera), at most %d fps", d->preview_fps);
    } else {
        out->preview_w = d->last_still ? d->last_still->width : 0;
        out->preview_h = d->last_still ? d->last_still->height : 0;
        snprintf(out->mode, sizeof out->mode, "no live view: the last still is shown");
    }
}

const gb_cam_backend gb_cam_gphoto2 = {
    .name = "gphoto2",
    .in_auto = 1,
    /* A DSLR's live view is exposed by the camera itself, and without live
     * view every "frame" is the same still: nothing to throw away. */
    .warmup = 0,
    .list = gp2_list,
    .open = gp2_open,
    .start_preview = gp2_start_preview,
    .stop_preview = gp2_stop_preview,
    .grab_preview = gp2_grab_preview,
    .capture_still = gp2_capture_still,
    .close = gp2_close,
    .info = gp2_info,
};
