/* The gphoto2 backend against libgphoto2's own virtual PTP camera ("vusb"),
 * built from Debian's source by scripts/build-gphoto2-vusb and loaded into
 * the installed libgphoto2 through IOLIBS. The camera answers real PTP:
 * detection, capture to memory, download, delete and events run through the
 * real library and camera driver. Its memory card is the few JPEGs the
 * script put in vcamera/DCIM; a capture copies one of them.
 *
 * What vusb cannot do, and how that shapes the tests:
 *  - autodetection never lists it: the tests name its port (usb:001,001),
 *    which the backend opens as a generic PTP camera;
 *  - it has no live view (preview answers "not supported"), which is exactly
 *    the no-live-view fallback to test;
 *  - it declares its card full after 26 captures per loaded copy, so each
 *    test opens its own short session and the whole file stays far below.
 * Busy floods and claimed devices cannot be produced by vusb: their meaning
 * is tested on the classification and the messages.
 *
 * When the virtual camera cannot be built here (no network to Debian's
 * source packages, no compiler), the error-message tests still run, the
 * reason is printed and the program exits 77, which ctest reports as
 * skipped. */
#include <dirent.h>
#include <dlfcn.h> /* dlclose, replaced below */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "camera/cam_backend.h"
#include "camera/cam_gphoto2.h"
#include "camera/camera.h"
#include "image/decode.h"
#include "testutil.h"

#define SKIP_CODE 77
#define VUSB_PORT "usb:001,001"

static char g_dcim[4096]; /* the virtual camera's card */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void vusb_config(gb_config *cfg)
{
    gb_config_defaults(cfg);
    snprintf(cfg->camera_backend, sizeof cfg->camera_backend, "gphoto2");
    snprintf(cfg->camera_device, sizeof cfg->camera_device, "%s", VUSB_PORT);
}

static void *open_vusb(void)
{
    gb_config cfg;
    vusb_config(&cfg);
    gb_err err = {0};
    void *dev = gb_cam_gphoto2.open(&cfg, &err);
    if (!dev)
        fail_msg("opening the virtual camera at %s failed: %s", VUSB_PORT, err.msg);
    return dev;
}

/* 1 when jpeg is byte for byte one of the card's files; its name in *which. */
static int is_from_card(const unsigned char *jpeg, size_t len, char *which, size_t which_size)
{
    DIR *dir = opendir(g_dcim);
    assert_non_null(dir);
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", g_dcim, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || (size_t)st.st_size != len)
            continue;
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        unsigned char *buf = malloc(len);
        assert_non_null(buf);
        size_t got = fread(buf, 1, len, f);
        fclose(f);
        if (got == len && memcmp(buf, jpeg, len) == 0) {
            found = 1;
            snprintf(which, which_size, "%s", e->d_name);
        }
        free(buf);
    }
    closedir(dir);
    return found;
}

/* --- with the virtual camera ----------------------------------------------- */

static void test_opens_the_camera_at_the_configured_port(void **state)
{
    double t0 = now_ms();
    void *dev = open_vusb();
    gb_cam_info info;
    memset(&info, 0, sizeof info);
    gb_cam_gphoto2.info(dev, &info);
    assert_string_equal(info.port, VUSB_PORT);
    /* Not in libgphoto2's autodetection: opened as the generic PTP camera. */
    assert_string_equal(info.model, "USB PTP Class Camera");
    assert_int_equal(info.still_w, 0); /* unknown until the first capture */
    gb_cam_gphoto2.close(dev);
    print_message("opened and closed %s in %.0f ms\n", VUSB_PORT, now_ms() - t0);
}

static void test_no_configured_port_and_nothing_detected_says_what_to_do(void **state)
{
    gb_config cfg;
    vusb_config(&cfg);
    cfg.camera_device[0] = 0;
    gb_err err = {0};
    void *dev = gb_cam_gphoto2.open(&cfg, &err);
    assert_null(dev);
    /* Without a USB bus (containers, CI) the backend says so before asking
     * libgphoto2; with one, libgphoto2 finds nothing (vusb is never
     * auto-detected). Both must tell staff to connect the camera. */
    if (!strstr(err.msg, "connect") || !strstr(err.msg, "camera"))
        fail_msg("the message should say no camera was found and how to connect it; got: %s", err.msg);
}

static void test_a_webcam_path_is_not_a_gphoto2_port(void **state)
{
    gb_config cfg;
    vusb_config(&cfg);
    snprintf(cfg.camera_device, sizeof cfg.camera_device, "/dev/video0");
    gb_err err = {0};
    assert_null(gb_cam_gphoto2.open(&cfg, &err));
    assert_non_null(strstr(err.msg, "webcam"));
}

static void test_capture_returns_a_jpeg_from_the_card(void **state)
{
    void *dev = open_vusb();
    unsigned char *jpeg = NULL;
    size_t len = 0;
    gb_err err = {0};
    double t0 = now_ms();
    int rc = gb_cam_gphoto2.capture_still(dev, &jpeg, &len, &err);
    double took = now_ms() - t0;
    if (rc != GB_CAM_OK)
        fail_msg("capture failed (%d): %s", rc, err.msg);
    assert_true(len > 1000);
    assert_true(jpeg[0] == 0xFF && jpeg[1] == 0xD8 && jpeg[len - 2] == 0xFF && jpeg[len - 1] == 0xD9);
    char which[256] = "";
    if (!is_from_card(jpeg, len, which, sizeof which))
        fail_msg("the %zu captured bytes are none of the files in %s", len, g_dcim);

    gb_image *img = NULL;
    gb_image_info iinfo;
    assert_int_equal(gb_image_decode(jpeg, len, NULL, &img, &iinfo, &err), 0);
    gb_cam_info info;
    memset(&info, 0, sizeof info);
    gb_cam_gphoto2.info(dev, &info);
    if (info.still_w != img->width || info.still_h != img->height)
        fail_msg("info says the still is %dx%d, the JPEG is %dx%d", info.still_w, info.still_h, img->width,
                 img->height);
    print_message("captured %zu bytes (%s, %dx%d) in %.0f ms\n", len, which, img->width, img->height, took);
    gb_image_free(img);
    free(jpeg);
    gb_cam_gphoto2.close(dev);
}

static void test_captures_in_a_row_each_come_back_whole(void **state)
{
    /* Events are drained after each capture; if they were not, the next
     * capture would read the previous one's events and fail or hang. */
    void *dev = open_vusb();
    size_t first_len = 0;
    for (int i = 0; i < 3; i++) {
        unsigned char *jpeg = NULL;
        size_t len = 0;
        gb_err err = {0};
        double t0 = now_ms();
        int rc = gb_cam_gphoto2.capture_still(dev, &jpeg, &len, &err);
        if (rc != GB_CAM_OK)
            fail_msg("capture %d of 3 failed (%d): %s", i + 1, rc, err.msg);
        if (i == 0)
            first_len = len;
        else if (len != first_len)
            fail_msg("capture %d is %zu bytes, the first was %zu", i + 1, len, first_len);
        print_message("capture %d: %zu bytes in %.0f ms\n", i + 1, len, now_ms() - t0);
        free(jpeg);
    }
    gb_cam_gphoto2.close(dev);
}

static void test_without_live_view_the_preview_is_the_last_still(void **state)
{
    void *dev = open_vusb();
    gb_err err = {0};
    assert_int_equal(gb_cam_gphoto2.start_preview(dev, &err), GB_CAM_OK);

    /* The first grab finds no live view and takes a still to show. */
    gb_image *frame = NULL;
    int rc = GB_CAM_NONE;
    double until = now_ms() + 10000;
    while (rc == GB_CAM_NONE && now_ms() < until)
        rc = gb_cam_gphoto2.grab_preview(dev, 100, &frame, &err);
    if (rc != GB_CAM_FRAME)
        fail_msg("no preview frame without live view (%d): %s", rc, err.msg);
    gb_cam_info info;
    memset(&info, 0, sizeof info);
    gb_cam_gphoto2.info(dev, &info);
    assert_int_equal(info.has_live_view, 0);
    assert_int_equal(frame->width, info.preview_w);
    assert_int_equal(frame->height, info.preview_h);
    assert_true(info.still_w >= frame->width && info.still_h >= frame->height);
    print_message("no live view: preview %dx%d from a %dx%d still (%s)\n", frame->width, frame->height,
                  info.still_w, info.still_h, info.mode);

    /* Shown again later (so the generic layer's stall watch sees a living
     * camera), not at every ask: within 100 ms nothing new. */
    gb_image *again = NULL;
    assert_int_equal(gb_cam_gphoto2.grab_preview(dev, 100, &again, &err), GB_CAM_NONE);
    rc = GB_CAM_NONE;
    until = now_ms() + 5000;
    while (rc == GB_CAM_NONE && now_ms() < until)
        rc = gb_cam_gphoto2.grab_preview(dev, 100, &again, &err);
    assert_int_equal(rc, GB_CAM_FRAME);
    assert_int_equal(again->width, frame->width);
    assert_int_equal(again->height, frame->height);
    assert_memory_equal(again->pixels, frame->pixels, (size_t)frame->height * frame->stride);

    /* A still replaces what the preview shows, at once. */
    gb_cam_gphoto2.stop_preview(dev);
    unsigned char *jpeg = NULL;
    size_t len = 0;
    assert_int_equal(gb_cam_gphoto2.capture_still(dev, &jpeg, &len, &err), GB_CAM_OK);
    free(jpeg);
    assert_int_equal(gb_cam_gphoto2.start_preview(dev, &err), GB_CAM_OK);
    gb_image *after = again;
    again = NULL;
    assert_int_equal(gb_cam_gphoto2.grab_preview(dev, 100, &after, &err), GB_CAM_FRAME);

    gb_image_free(frame);
    gb_image_free(after);
    gb_cam_gphoto2.stop_preview(dev);
    gb_cam_gphoto2.close(dev);
}

/* --- live view, with a camera that answers on cue --------------------------
 * vusb has no live view, so the preview call is replaced (gb_gp2_set_preview)
 * by one that plays a script: a frame, "busy", Canon's "not ready" as text,
 * or "unplugged". Everything around it (the session, rate cap, back-off,
 * restarts) is the real backend on the real virtual camera. */

enum { ANS_FRAME, ANS_BUSY, ANS_NOT_READY, ANS_GONE };
static const int *g_script;
static int g_script_len, g_calls;
static double g_call_ms[64];
static unsigned char *g_frame_jpeg;
static size_t g_frame_len;

static int scripted_preview(Camera *camera, CameraFile *file, GPContext *ctx)
{
    int ans = g_calls < g_script_len ? g_script[g_calls] : ANS_FRAME;
    if (g_calls < 64)
        g_call_ms[g_calls] = now_ms();
    g_calls++;
    switch (ans) {
    case ANS_BUSY: return GP_ERROR_CAMERA_BUSY;
    case ANS_NOT_READY:
        /* How ptp2 reports it: a generic error, the code in the text. */
        gp_context_error(ctx, "PTP Canon Not Ready (0xa102)");
        return GP_ERROR;
    case ANS_GONE: return GP_ERROR_IO_USB_FIND;
    default: return gp_file_append(file, (const char *)g_frame_jpeg, g_frame_len);
    }
}

/* Opens vusb with a scripted live view; the first answer goes to the probe
 * in start_preview. */
static void *open_scripted(const int *script, int len, int fps, int backoff_ms, int restart_after)
{
    g_script = script;
    g_script_len = len;
    g_calls = 0;
    if (!g_frame_jpeg)
        g_frame_jpeg = tu_read_fixture("faces/hv-plain.jpg", &g_frame_len);
    gb_gp2_set_preview(scripted_preview);
    gb_config cfg;
    vusb_config(&cfg);
    cfg.preview_fps = fps;
    cfg.busy_backoff_ms = backoff_ms;
    cfg.liveview_restart_after = restart_after;
    gb_err err = {0};
    void *dev = gb_cam_gphoto2.open(&cfg, &err);
    if (!dev)
        fail_msg("opening the virtual camera: %s", err.msg);
    assert_int_equal(gb_cam_gphoto2.start_preview(dev, &err), GB_CAM_OK);
    return dev;
}

static void close_scripted(void *dev)
{
    gb_cam_gphoto2.stop_preview(dev);
    gb_cam_gphoto2.close(dev);
    gb_gp2_set_preview(NULL);
}

/* Grabs until something other than "nothing yet" comes back (at most 5 s). */
static int grab(void *dev, gb_image **frame, gb_err *err)
{
    double until = now_ms() + 5000;
    int rc = GB_CAM_NONE;
    while (rc == GB_CAM_NONE && now_ms() < until)
        rc = gb_cam_gphoto2.grab_preview(dev, 100, frame, err);
    return rc;
}

static void test_live_view_is_asked_no_faster_than_preview_fps(void **state)
{
    static const int script[] = {ANS_FRAME};
    void *dev = open_scripted(script, 1, 10, 100, 5);
    gb_image *frame = NULL;
    gb_err err = {0};
    for (int i = 0; i < 6; i++)
        if (grab(dev, &frame, &err) != GB_CAM_FRAME)
            fail_msg("frame %d: %s", i + 1, err.msg);
    assert_int_equal(frame->width, 512);
    assert_int_equal(frame->height, 715);
    gb_cam_info info;
    memset(&info, 0, sizeof info);
    gb_cam_gphoto2.info(dev, &info);
    assert_int_equal(info.has_live_view, 1);
    /* Calls 2..7 are the grabs (1 was the probe at start). */
    double fps = 5 * 1000.0 / (g_call_ms[6] - g_call_ms[1]);
    for (int i = 2; i < 7; i++)
        if (g_call_ms[i] - g_call_ms[i - 1] < 95)
            fail_msg("asks %d and %d were %.0f ms apart; preview_fps=10 allows one per 100 ms", i - 1, i,
                     g_call_ms[i] - g_call_ms[i - 1]);
    print_message("live view asked at %.1f fps with preview_fps=10\n", fps);
    gb_image_free(frame);
    close_scripted(dev);
}

static void test_busy_answers_back_off_restart_live_view_then_reopen(void **state)
{
    /* restart_after=3 and two restarts allowed: busy answers 3, 6 restart
     * live view, the 9th in a row gives the device up for a reopen. */
    static const int script[] = {ANS_FRAME, ANS_BUSY, ANS_BUSY, ANS_BUSY, ANS_BUSY, ANS_BUSY,
                                 ANS_BUSY,  ANS_BUSY, ANS_BUSY, ANS_BUSY};
    void *dev = open_scripted(script, 10, 30, 150, 3);
    gb_image *frame = NULL;
    gb_err err = {0};
    for (int i = 1; i <= 8; i++) {
        int rc = grab(dev, &frame, &err);
        if (rc != GB_CAM_EFRAME || !strstr(err.msg, "busy"))
            fail_msg("busy answer %d: expected a failed frame saying busy, got %d: %s", i, rc, err.msg);
    }
    int rc = grab(dev, &frame, &err);
    if (rc != GB_CAM_EDEVICE)
        fail_msg("the 9th busy answer in a row (after 2 restarts) should give the device up, got %d: %s", rc,
                 err.msg);
    assert_non_null(strstr(err.msg, "restarts"));
    for (int i = 2; i < 10; i++)
        if (g_call_ms[i] - g_call_ms[i - 1] < 145)
            fail_msg("ask %d came %.0f ms after a busy answer; busy_backoff_ms=150", i, g_call_ms[i] - g_call_ms[i - 1]);
    print_message("9 busy answers: 2 live-view restarts, then a reopen asked for: %s\n", err.msg);
    gb_image_free(frame);
    close_scripted(dev);
}

static void test_a_frame_between_busy_answers_resets_the_count(void **state)
{
    static const int script[] = {ANS_FRAME, ANS_BUSY,  ANS_BUSY, ANS_FRAME, ANS_BUSY, ANS_BUSY,
                                 ANS_FRAME, ANS_BUSY, ANS_BUSY, ANS_FRAME};
    void *dev = open_scripted(script, 10, 30, 0, 3);
    gb_image *frame = NULL;
    gb_err err = {0};
    for (int i = 1; i < 10; i++) {
        int want = script[i] == ANS_FRAME ? GB_CAM_FRAME : GB_CAM_EFRAME;
        int rc = grab(dev, &frame, &err);
        if (rc != want)
            fail_msg("answer %d: expected %d, got %d (%s)", i, want, rc, err.msg);
    }
    gb_image_free(frame);
    close_scripted(dev);
}

static void test_canon_not_ready_counts_as_busy(void **state)
{
    static const int script[] = {ANS_FRAME, ANS_NOT_READY, ANS_FRAME};
    void *dev = open_scripted(script, 3, 30, 200, 5);
    gb_image *frame = NULL;
    gb_err err = {0};
    int rc = grab(dev, &frame, &err);
    if (rc != GB_CAM_EFRAME || !strstr(err.msg, "busy") || !strstr(err.msg, "0xa102"))
        fail_msg("0xa102 should read as busy, with the code kept: %d %s", rc, err.msg);
    assert_int_equal(grab(dev, &frame, &err), GB_CAM_FRAME);
    if (g_call_ms[2] - g_call_ms[1] < 195)
        fail_msg("asked again %.0f ms after 'not ready'; busy_backoff_ms=200", g_call_ms[2] - g_call_ms[1]);
    gb_image_free(frame);
    close_scripted(dev);
}

static void test_unplugged_during_live_view_asks_for_a_reopen(void **state)
{
    static const int script[] = {ANS_FRAME, ANS_FRAME, ANS_GONE};
    void *dev = open_scripted(script, 3, 30, 100, 5);
    gb_image *frame = NULL;
    gb_err err = {0};
    assert_int_equal(grab(dev, &frame, &err), GB_CAM_FRAME);
    int rc = grab(dev, &frame, &err);
    if (rc != GB_CAM_EDEVICE || !strstr(err.msg, "unplugged"))
        fail_msg("an unplugged camera should be given up for a reopen: %d %s", rc, err.msg);
    gb_image_free(frame);
    close_scripted(dev);
}

static void test_list_does_not_fail_without_a_detected_camera(void **state)
{
    gb_config cfg;
    vusb_config(&cfg);
    gb_cam_found found[8];
    memset(found, 0, sizeof found);
    int n = gb_cam_gphoto2.list(&cfg, found, 8);
    assert_true(n >= 0 && n <= 8);
    for (int i = 0; i < n; i++)
        if (found[i].problem[0] && !found[i].port[0])
            fail_msg("looking for cameras failed: %s", found[i].problem);
}

static void test_through_the_camera_layer(void **state)
{
    /* The whole path a kiosk uses: gb_camera_open picks the backend,
     * the capture thread publishes the fallback frames, a still pauses
     * and resumes it. */
    gb_config cfg;
    vusb_config(&cfg);
    gb_err err = {0};
    double t0 = now_ms();
    gb_camera *cam = gb_camera_open(&cfg, &err);
    if (!cam)
        fail_msg("gb_camera_open: %s", err.msg);
    uint64_t seq = 0;
    gb_image *frame = gb_camera_latest(cam, &seq, 10000);
    if (!frame)
        fail_msg("no frame within 10 s through the camera layer");
    gb_image_free(frame);
    unsigned char *jpeg = NULL;
    size_t len = 0;
    if (gb_camera_capture(cam, &jpeg, &len, &err) != 0)
        fail_msg("gb_camera_capture: %s", err.msg);
    char which[256] = "";
    assert_true(is_from_card(jpeg, len, which, sizeof which));
    free(jpeg);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    assert_string_equal(info.backend, "gphoto2");
    assert_int_equal(info.has_live_view, 0);
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    print_message("camera layer: %llu frames, %llu errors, still %zu bytes, %.0f ms in all\n",
                  (unsigned long long)st.frames, (unsigned long long)st.errors, len, now_ms() - t0);
    gb_camera_close(cam);
}

/* --- what answers mean (no camera needed) ---------------------------------- */

static void expect_kind(int rc, const char *detail, gb_gp2_kind want)
{
    gb_gp2_kind got = gb_gp2_classify(rc, detail);
    if (got != want)
        fail_msg("libgphoto2 %d with \"%s\": kind %d, expected %d", rc, detail ? detail : "", got, want);
}

static void test_busy_answers_are_recognised(void **state)
{
    expect_kind(-110, NULL, GB_GP2_BUSY); /* GP_ERROR_CAMERA_BUSY */
    /* ptp2 maps PTP 0x2019 to -110 only on some paths; elsewhere it is -1 and
     * the code is in the text. */
    expect_kind(-1, "'ptp_getobjecthandles' failed: Device Busy (0x2019)", GB_GP2_BUSY);
    /* Canon EOS "not ready", a classic of live-view floods. */
    expect_kind(-1, "'ptp_canon_eos_capture' failed: PTP Canon Not Ready (0xa102)", GB_GP2_BUSY);
    expect_kind(-1, "Object Not Ready", GB_GP2_BUSY);
}

static void test_gone_cameras_are_reopened(void **state)
{
    expect_kind(-52, NULL, GB_GP2_GONE); /* GP_ERROR_IO_USB_FIND: unplugged */
    expect_kind(-7, NULL, GB_GP2_GONE);  /* GP_ERROR_IO */
    expect_kind(-10, NULL, GB_GP2_GONE); /* GP_ERROR_TIMEOUT: asleep */
    expect_kind(-34, NULL, GB_GP2_GONE); /* GP_ERROR_IO_READ */
    expect_kind(-35, NULL, GB_GP2_GONE); /* GP_ERROR_IO_WRITE */
    expect_kind(-6, NULL, GB_GP2_UNSUPPORTED);
    expect_kind(-1, "Canon EOS Capture failed to release: Perhaps no focus?", GB_GP2_FOCUS);
    expect_kind(-7, "Could not open USB device (Access denied)", GB_GP2_NO_ACCESS);
    expect_kind(-1, "something else", GB_GP2_OTHER);
}

static void test_claimed_device_tells_staff_what_to_do(void **state)
{
    gb_err err = {0};
    gb_gp2_explain(&err, -53, "Could not claim the USB device", "gphoto2: opening Canon EOS 80D", "usb:001,005",
                   "gvfsd-gphoto2 (pid 4242)");
    const char *must[] = {"usb:001,005", "another program holds the camera", "gvfs-gphoto2-volume-monitor",
                          "systemctl --user stop gvfs-gphoto2-volume-monitor", "gvfsd-gphoto2 (pid 4242)",
                          "-53"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(err.msg, must[i]))
            fail_msg("the -53 message lacks \"%s\": %s", must[i], err.msg);
    expect_kind(-53, NULL, GB_GP2_CLAIMED);
    expect_kind(-60, NULL, GB_GP2_CLAIMED); /* GP_ERROR_IO_LOCK */
}

static void test_unplugged_message_says_it_comes_back_by_itself(void **state)
{
    gb_err err = {0};
    gb_gp2_explain(&err, -52, NULL, "live view", "usb:001,005", NULL);
    assert_non_null(strstr(err.msg, "unplugged"));
    assert_non_null(strstr(err.msg, "reopens it by itself"));
    gb_gp2_explain(&err, -7, "Could not open USB device (Access denied)", "gphoto2: opening X", "usb:001,005",
                   NULL);
    assert_non_null(strstr(err.msg, "group gradbooth"));
}

static void test_find_holders_is_empty_or_names_gvfs(void **state)
{
    char buf[256];
    gb_gp2_find_holders(buf, sizeof buf);
    assert_true(buf[0] == 0 || strstr(buf, "gvfs") != NULL);
}

/* --- set-up ---------------------------------------------------------------- */

/* libgphoto2 loads and unloads its camera and port drivers (dozens of
 * modules) at every list and open. What a driver keeps in its globals looks
 * leaked to the sanitizer build once the module is gone, with no name to
 * tell it apart from a real leak of ours. So this test never unloads a
 * module: every allocation stays reachable or keeps a readable stack. It
 * also keeps vusb loaded for the whole run, so its card's 26-capture limit
 * holds for the run, not per session: these tests take 8. */
int dlclose(void *handle)
{
    (void)handle;
    return 0;
}

/* vusb itself (the virtual camera, test-only code of libgphoto2) leaks a few
 * bytes per PTP answer; not ours to fix. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:vusb.so\n";
}

/* Runs scripts/build-gphoto2-vusb; the iolibs folder in iolibs, or the
 * script's reason in why. */
static int build_vusb(char *iolibs, size_t size, char *why, size_t why_size)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s/scripts/build-gphoto2-vusb' 2>&1", GB_SOURCE_DIR);
    FILE *p = popen(cmd, "r");
    if (!p) {
        snprintf(why, why_size, "cannot run %s", cmd);
        return -1;
    }
    /* The last line is the folder on success, the reason on failure. */
    char line[4096], last[4096] = "";
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0])
            snprintf(last, sizeof last, "%s", line);
    }
    int status = pclose(p);
    if (status != 0) {
        snprintf(why, why_size, "%s", last[0] ? last : "scripts/build-gphoto2-vusb failed without a word");
        return -1;
    }
    snprintf(iolibs, size, "%s", last);
    return 0;
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_busy_answers_are_recognised),
        cmocka_unit_test(test_gone_cameras_are_reopened),
        cmocka_unit_test(test_claimed_device_tells_staff_what_to_do),
        cmocka_unit_test(test_unplugged_message_says_it_comes_back_by_itself),
        cmocka_unit_test(test_find_holders_is_empty_or_names_gvfs),
    };
    int failed = cmocka_run_group_tests_name("gphoto2 answers", pure, NULL, NULL);

    char iolibs[4096], why[4096];
    double t0 = now_ms();
    if (build_vusb(iolibs, sizeof iolibs, why, sizeof why) < 0) {
        printf("SKIP: the virtual camera tests did not run: libgphoto2's vusb camera could not be built here: "
               "%s\n",
               why);
        return failed ? 1 : SKIP_CODE;
    }
    printf("virtual camera: %s (ready in %.1f s)\n", iolibs, (now_ms() - t0) / 1000);
    char *slash = strrchr(iolibs, '/');
    if (!slash) {
        printf("scripts/build-gphoto2-vusb printed no folder: %s\n", iolibs);
        return 1;
    }
    snprintf(g_dcim, sizeof g_dcim, "%.*s/vcamera/DCIM", (int)(slash - iolibs), iolibs);
    /* IOLIBS must name a folder holding only vusb.so: libgphoto2 reads it
     * when it first lists ports. */
    setenv("IOLIBS", iolibs, 1);

    const struct CMUnitTest vusb[] = {
        cmocka_unit_test(test_opens_the_camera_at_the_configured_port),
        cmocka_unit_test(test_no_configured_port_and_nothing_detected_says_what_to_do),
        cmocka_unit_test(test_a_webcam_path_is_not_a_gphoto2_port),
        cmocka_unit_test(test_capture_returns_a_jpeg_from_the_card),
        cmocka_unit_test(test_captures_in_a_row_each_come_back_whole),
        cmocka_unit_test(test_without_live_view_the_preview_is_the_last_still),
        cmocka_unit_test(test_live_view_is_asked_no_faster_than_preview_fps),
        cmocka_unit_test(test_busy_answers_back_off_restart_live_view_then_reopen),
        cmocka_unit_test(test_a_frame_between_busy_answers_resets_the_count),
        cmocka_unit_test(test_canon_not_ready_counts_as_busy),
        cmocka_unit_test(test_unplugged_during_live_view_asks_for_a_reopen),
        cmocka_unit_test(test_list_does_not_fail_without_a_detected_camera),
        cmocka_unit_test(test_through_the_camera_layer),
    };
    failed += cmocka_run_group_tests_name("gphoto2 virtual camera", vusb, NULL, NULL);
    free(g_frame_jpeg);
    printf("gphoto2 tests: %.1f s\n", (now_ms() - t0) / 1000);
    return failed ? 1 : 0;
}
