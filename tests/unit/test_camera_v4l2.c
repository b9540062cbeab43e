/* The V4L2 webcam backend, through the public camera interface, against a
 * fake UVC webcam at the system-call boundary (tests/fake_uvc.h): MJPEG and
 * YUYV live view, EAGAIN, ENOSPC on STREAMON, damaged frames, stills in
 * another format, control locks, and a webcam unplugged mid-stream and
 * plugged back, after which frames must flow again by themselves. */
#include "testutil.h"

#include <linux/videodev2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <turbojpeg.h>

#include "camera/cam_v4l2.h"
#include "camera/camera.h"
#include "fake_uvc.h"
#include "image/decode.h"
#include "image/jpeg.h"

typedef struct fixture {
    fake_uvc *dev;
    gb_config cfg;
} fixture;

/* The camera a test has open, closed by the teardown when an assertion cut
 * the test short (its capture thread must not outlive the fake device). */
static gb_camera *g_cam;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static gb_image *solid(int w, int h, int r, int g, int b)
{
    gb_image *img = gb_image_new(w, h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            p[0] = (unsigned char)r;
            p[1] = (unsigned char)g;
            p[2] = (unsigned char)b;
        }
    return img;
}

/* A real JPEG of one colour, as our encoder writes it (with its tables). */
static unsigned char *solid_jpeg(int w, int h, int r, int g, int b, size_t *len)
{
    gb_image *img = solid(w, h, r, g, b);
    unsigned char *out;
    gb_err err;
    if (gb_jpeg_encode(img, 85, 72, &out, len, &err) < 0)
        fail_msg("%s", err.msg);
    gb_image_free(img);
    return out;
}

/* A JPEG as many webcams send MJPEG: standard Huffman tables left out. */
static unsigned char *jpeg_without_dht(int w, int h, size_t *len)
{
    gb_image *img = solid(w, h, 40, 160, 90);
    tjhandle tj = tjInitCompress();
    unsigned char *buf = NULL;
    unsigned long n = 0;
    assert_int_equal(tjCompress2(tj, img->pixels, w, (int)img->stride, h, TJPF_RGB, &buf, &n, TJSAMP_422, 80, 0), 0);
    tjDestroy(tj);
    gb_image_free(img);
    unsigned char *out = malloc(n);
    size_t o = 0, i = 2;
    out[o++] = 0xFF;
    out[o++] = 0xD8;
    while (i + 4 <= n && buf[i] == 0xFF && buf[i + 1] != 0xDA) {
        size_t seg = 2 + ((size_t)buf[i + 2] << 8 | buf[i + 3]);
        if (buf[i + 1] != 0xC4) {
            memcpy(out + o, buf + i, seg);
            o += seg;
        }
        i += seg;
    }
    memcpy(out + o, buf + i, n - i);
    o += n - i;
    tjFree(buf);
    *len = o;
    return out;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dev = fake_uvc_new("Fake UVC Camera");
    gb_v4l2_set_sys(fake_uvc_sys(f->dev));
    gb_config_defaults(&f->cfg);
    snprintf(f->cfg.camera_backend, sizeof f->cfg.camera_backend, "v4l2");
    f->cfg.preview_width = 320;
    f->cfg.preview_height = 240;
    f->cfg.preview_fps = 30;
    f->cfg.warmup_frames = 3;
    f->cfg.retry_initial_ms = 10;
    f->cfg.retry_max_ms = 100;
    f->cfg.stall_timeout_ms = 1000;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (g_cam) {
        gb_camera_close(g_cam);
        g_cam = NULL;
    }
    fake_uvc_counts c;
    fake_uvc_counts_get(f->dev, &c);
    gb_v4l2_set_sys(NULL);
    fake_uvc_free(f->dev);
    free(f);
    /* Every descriptor closed and every buffer unmapped, whatever happened. */
    if (c.open_fds != 0 || c.mapped != 0)
        fail_msg("after close: %d descriptors open, %d buffers mapped", c.open_fds, c.mapped);
    return 0;
}

/* A webcam with MJPEG live view frames in three colours. */
static void mjpeg_webcam(fixture *f)
{
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_MJPEG, 320, 240, 30);
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_YUYV, 640, 480, 10);
    const int colours[3][3] = {{200, 40, 40}, {40, 200, 40}, {40, 40, 200}};
    for (int i = 0; i < 3; i++) {
        size_t len;
        unsigned char *j = solid_jpeg(320, 240, colours[i][0], colours[i][1], colours[i][2], &len);
        fake_uvc_add_jpeg(f->dev, 320, 240, j, len);
        free(j);
    }
}

static gb_camera *open_ok(const gb_config *cfg)
{
    gb_err err = {0};
    gb_camera *cam = gb_camera_open(cfg, &err);
    if (!cam)
        fail_msg("open: %s", err.msg);
    g_cam = cam;
    return cam;
}

static void close_cam(gb_camera *cam)
{
    gb_camera_close(cam);
    g_cam = NULL;
}

/* Takes n frames (each within 2 s), checking numbers only go up. */
static void take_frames(gb_camera *cam, uint64_t *seq, int n, int w, int h)
{
    for (int i = 0; i < n; i++) {
        uint64_t before = *seq;
        gb_image *img = gb_camera_latest(cam, seq, 2000);
        if (!img) {
            gb_cam_stats st;
            gb_camera_stats(cam, &st);
            fail_msg("no frame %d of %d within 2 s (state %s, last error: %s)", i + 1, n,
                     gb_cam_state_name(st.state), st.last_error);
        }
        assert_true(*seq > before);
        assert_int_equal(img->width, w);
        assert_int_equal(img->height, h);
        gb_camera_recycle(cam, img);
    }
}

static void test_mjpeg_live_view_decodes_real_frames(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    int seen[3] = {0, 0, 0};
    for (int i = 0; i < 9; i++) {
        gb_image *img = gb_camera_latest(cam, &seq, 2000);
        assert_non_null(img);
        assert_int_equal(img->width, 320);
        assert_int_equal(img->height, 240);
        const unsigned char *p = gb_image_px(img, 160, 120);
        int k = p[0] > 150 ? 0 : p[1] > 150 ? 1 : 2;
        int want[3][3] = {{200, 40, 40}, {40, 200, 40}, {40, 40, 200}};
        for (int c = 0; c < 3; c++)
            if (abs(p[c] - want[k][c]) > 6)
                fail_msg("frame pixel (%d,%d,%d), expected about (%d,%d,%d)", p[0], p[1], p[2], want[k][0],
                         want[k][1], want[k][2]);
        seen[k]++;
        gb_camera_recycle(cam, img);
    }
    gb_cam_info info;
    gb_camera_info(cam, &info);
    assert_string_equal(info.backend, "v4l2");
    assert_string_equal(info.model, "Fake UVC Camera");
    assert_string_equal(info.port, "/dev/video0");
    assert_int_equal(info.preview_w, 320);
    if (strncmp(info.mode, "MJPEG 320x240 30 fps; still YUYV 640x480", 40) != 0)
        fail_msg("mode: %s", info.mode);
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    fake_uvc_counts c;
    fake_uvc_counts_get(f->dev, &c);
    close_cam(cam);
    assert_true(seen[0] && seen[1] && seen[2]);
    assert_int_equal(st.errors, 0);
    /* The warm-up frames never reached the mailbox. */
    if (c.frames < st.frames + 3)
        fail_msg("device gave %llu frames, %llu published: the 3 warm-up frames were not thrown away",
                 (unsigned long long)c.frames, (unsigned long long)st.frames);
}

static void test_yuyv_live_view_converts_exactly(void **state)
{
    fixture *f = *state;
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_YUYV, 320, 240, 30);
    f->cfg.camera_device[0] = 0; /* the first device found: the metadata node is passed over */
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0, last_number = 0;
    for (int i = 0; i < 6; i++) {
        gb_image *img = gb_camera_latest(cam, &seq, 2000);
        assert_non_null(img);
        const unsigned char *white = gb_image_px(img, 40, 100), *black = gb_image_px(img, 280, 100);
        for (int c = 0; c < 3; c++) {
            assert_int_equal(white[c], 255); /* Y 235 */
            assert_int_equal(black[c], 0);   /* Y 16 */
        }
        uint64_t number = 0;
        for (int x = 0; x < 32; x++)
            if (gb_image_px(img, x, 0)[0] > 128)
                number |= 1ull << x;
        if (i > 0 && number <= last_number)
            fail_msg("device frame %llu after %llu", (unsigned long long)number, (unsigned long long)last_number);
        last_number = number;
        gb_image_free(img);
    }
    close_cam(cam);
    /* The first frames (0..2) were warm-up. */
    assert_true(last_number >= 3 + 5);
}

static void test_eagain_is_only_a_wait(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    fake_uvc_eagain_every(f->dev, 2);
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 10, 320, 240);
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    close_cam(cam);
    fake_uvc_counts c;
    fake_uvc_counts_get(f->dev, &c);
    assert_true(c.eagain >= 5);
    if (st.errors != 0 || st.reopens != 0)
        fail_msg("%d EAGAINs caused %llu errors and %llu reopens: %s", c.eagain, (unsigned long long)st.errors,
                 (unsigned long long)st.reopens, st.last_error);
}

static void test_enospc_on_streamon_falls_back_to_mjpeg(void **state)
{
    fixture *f = *state;
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_YUYV, 320, 240, 30);
    mjpeg_webcam(f);
    fake_uvc_fail_streamon(f->dev, V4L2_PIX_FMT_YUYV, 1000); /* YUYV never fits on this bus */
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 5, 320, 240);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    close_cam(cam);
    fake_uvc_counts c;
    fake_uvc_counts_get(f->dev, &c);
    assert_int_equal(c.enospc, 1);
    assert_int_equal(c.fourcc, V4L2_PIX_FMT_MJPEG);
    if (strncmp(info.mode, "MJPEG 320x240", 13) != 0)
        fail_msg("after ENOSPC for YUYV the mode is %s", info.mode);
    assert_int_equal(st.reopens, 0);
}

static void test_enospc_everywhere_is_a_clear_error_then_recovers(void **state)
{
    fixture *f = *state;
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_MJPEG, 320, 240, 30);
    size_t len;
    unsigned char *j = solid_jpeg(320, 240, 90, 90, 90, &len);
    fake_uvc_add_jpeg(f->dev, 320, 240, j, len);
    free(j);
    fake_uvc_fail_streamon(f->dev, 0, 1);
    gb_err err = {0};
    assert_null(gb_camera_open(&f->cfg, &err));
    if (!strstr(err.msg, "not enough USB bandwidth") || !strstr(err.msg, "camera (v4l2)"))
        fail_msg("message: %s", err.msg);
    /* The bus has room again: the next open works. */
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 3, 320, 240);
    close_cam(cam);
}

static void test_unplugged_mid_stream_reconnects_by_itself(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 5, 320, 240);

    fake_uvc_set_present(f->dev, 0);
    gb_cam_stats st;
    double give_up = now_s() + 3;
    do {
        sleep_ms(10);
        gb_camera_stats(cam, &st);
    } while (st.state != GB_CAM_RECONNECTING && now_s() < give_up);
    if (st.state != GB_CAM_RECONNECTING)
        fail_msg("unplugged, the camera is still %s", gb_cam_state_name(st.state));
    /* The loss itself, or a reopen that failed since. */
    if (!strstr(st.last_error, "/dev/video0: taking a frame: No such device (unplugged)") &&
        !strstr(st.last_error, "no V4L2 video device"))
        fail_msg("last error: %s", st.last_error);
    sleep_ms(300); /* several reopen attempts fail meanwhile */
    gb_camera_stats(cam, &st);
    assert_int_equal(st.state, GB_CAM_RECONNECTING);
    assert_int_equal(st.reopens, 0);
    uint64_t errors_while_away = st.errors;
    if (errors_while_away < 3)
        fail_msg("only %llu errors while unplugged for 300 ms with 10..100 ms back-off",
                 (unsigned long long)errors_while_away);
    assert_null(gb_camera_latest(cam, &seq, 50)); /* nothing stale meanwhile */

    fake_uvc_set_present(f->dev, 1);
    take_frames(cam, &seq, 5, 320, 240);
    gb_camera_stats(cam, &st);
    assert_int_equal(st.state, GB_CAM_LIVE);
    assert_int_equal(st.reopens, 1);
    fake_uvc_counts c;
    fake_uvc_counts_get(f->dev, &c);
    assert_int_equal(c.opens, 2);
    assert_int_equal(c.open_fds, 1); /* the dead descriptor was closed */

    /* Gone again, this time by itself right after a frame (ENODEV on the
     * next dequeue), and back a moment later. */
    fake_uvc_unplug_after(f->dev, 2);
    give_up = now_s() + 3;
    do {
        sleep_ms(10);
        gb_camera_stats(cam, &st);
    } while (st.state != GB_CAM_RECONNECTING && now_s() < give_up);
    assert_int_equal(st.state, GB_CAM_RECONNECTING);
    fake_uvc_set_present(f->dev, 1);
    take_frames(cam, &seq, 3, 320, 240);
    gb_camera_stats(cam, &st);
    assert_int_equal(st.reopens, 2);
    close_cam(cam);
}

static void test_damaged_frames_are_dropped_and_counted(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    f->cfg.warmup_frames = 0;
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 2, 320, 240);
    fake_uvc_damage_next(f->dev, 3);
    take_frames(cam, &seq, 6, 320, 240);
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    close_cam(cam);
    assert_int_equal(st.errors, 3);
    assert_int_equal(st.reopens, 0);
    if (!strstr(st.last_error, "damaged MJPEG frame"))
        fail_msg("last error: %s", st.last_error);
}

static void test_still_switches_format_and_back(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_MJPEG, 640, 480, 15);
    size_t big_len;
    unsigned char *big = solid_jpeg(640, 480, 120, 130, 140, &big_len);
    fake_uvc_add_jpeg(f->dev, 640, 480, big, big_len);
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 3, 320, 240);
    fake_uvc_counts before, after;
    fake_uvc_counts_get(f->dev, &before);

    unsigned char *jpeg;
    size_t len;
    gb_err err = {0};
    if (gb_camera_capture(cam, &jpeg, &len, &err) < 0)
        fail_msg("capture: %s", err.msg);
    fake_uvc_counts_get(f->dev, &after);
    /* The camera's own JPEG at the still size, byte for byte. */
    assert_int_equal(len, big_len);
    assert_memory_equal(jpeg, big, len);
    free(jpeg);
    free(big);
    /* Streamed twice more (still, then live view again), and the still came
     * after 3 warm-up frames. */
    assert_int_equal(after.streamons, before.streamons + 2);
    assert_int_equal(after.fourcc, V4L2_PIX_FMT_MJPEG);
    assert_int_equal(after.w, 320);
    if (after.frames < before.frames + 4)
        fail_msg("the still took %llu frames; expected 3 warm-up + 1",
                 (unsigned long long)(after.frames - before.frames));
    take_frames(cam, &seq, 3, 320, 240);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    assert_int_equal(info.still_w, 640);
    assert_int_equal(info.still_h, 480);
    close_cam(cam);
}

static void test_still_without_huffman_tables_is_made_whole(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_MJPEG, 640, 480, 15);
    size_t raw_len;
    unsigned char *raw = jpeg_without_dht(640, 480, &raw_len);
    fake_uvc_add_jpeg(f->dev, 640, 480, raw, raw_len);
    free(raw);
    f->cfg.warmup_frames = 1;
    gb_camera *cam = open_ok(&f->cfg);
    unsigned char *jpeg;
    size_t len;
    gb_err err = {0};
    if (gb_camera_capture(cam, &jpeg, &len, &err) < 0)
        fail_msg("capture: %s", err.msg);
    gb_image *img = NULL;
    if (gb_image_decode(jpeg, len, NULL, &img, NULL, &err) < 0)
        fail_msg("the still does not decode: %s", err.msg);
    assert_int_equal(img->width, 640);
    const unsigned char *p = gb_image_px(img, 320, 240);
    if (abs(p[0] - 40) > 6 || abs(p[1] - 160) > 6 || abs(p[2] - 90) > 6) {
        free(tu_write_file("/tmp", "gb-still-debug.jpg", jpeg, len));
        fail_msg("still pixel (%d,%d,%d), expected about (40,160,90)", p[0], p[1], p[2]);
    }
    /* It carries its own tables now (a DHT marker before the scan). */
    assert_non_null(memmem(jpeg, len, "\xFF\xC4", 2));
    gb_image_free(img);
    free(jpeg);
    close_cam(cam);
}

static void test_still_from_yuyv_is_encoded(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f); /* YUYV 640x480 is the largest: the still format */
    f->cfg.warmup_frames = 1;
    gb_camera *cam = open_ok(&f->cfg);
    unsigned char *jpeg;
    size_t len;
    gb_err err = {0};
    if (gb_camera_capture(cam, &jpeg, &len, &err) < 0)
        fail_msg("capture: %s", err.msg);
    gb_image *img = NULL;
    gb_image_info info;
    assert_int_equal(gb_image_decode(jpeg, len, NULL, &img, &info, &err), 0);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
    assert_true(gb_image_px(img, 100, 240)[1] > 245);  /* left half white */
    assert_true(gb_image_px(img, 540, 240)[1] < 10);   /* right half black */
    gb_image_free(img);
    free(jpeg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 2, 320, 240);
    close_cam(cam);
}

static void test_controls_are_locked_from_the_config(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    f->cfg.exposure_absolute = 300;
    f->cfg.white_balance_k = 9000; /* above the webcam's 6500: clamped */
    gb_camera *cam = open_ok(&f->cfg);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    close_cam(cam);
    fake_uvc_counts c;
    fake_uvc_counts_get(f->dev, &c);
    assert_int_equal(c.exposure_auto, V4L2_EXPOSURE_MANUAL);
    assert_int_equal(c.exposure_abs, 300);
    assert_int_equal(c.auto_wb, 0);
    assert_int_equal(c.wb_temp, 6500);
    assert_non_null(strstr(info.mode, "exposure locked 300, white balance locked 6500 K"));

    /* 0 in the config hands both back to the camera. */
    f->cfg.exposure_absolute = 0;
    f->cfg.white_balance_k = 0;
    cam = open_ok(&f->cfg);
    close_cam(cam);
    fake_uvc_counts_get(f->dev, &c);
    assert_int_equal(c.exposure_auto, V4L2_EXPOSURE_APERTURE_PRIORITY);
    assert_int_equal(c.auto_wb, 1);

    /* A webcam without the controls still works; info says so. */
    fake_uvc_set_controls(f->dev, 0);
    f->cfg.exposure_absolute = 300;
    cam = open_ok(&f->cfg);
    gb_camera_info(cam, &info);
    close_cam(cam);
    assert_non_null(strstr(info.mode, "exposure auto (no exposure control)"));
}

static void test_read_only_device(void **state)
{
    fixture *f = *state;
    fake_uvc_add_mode(f->dev, V4L2_PIX_FMT_YUYV, 320, 240, 30);
    fake_uvc_set_read_only(f->dev, 1);
    fake_uvc_eagain_every(f->dev, 3);
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    take_frames(cam, &seq, 4, 320, 240);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    close_cam(cam);
    assert_non_null(strstr(info.mode, "(read)"));
}

static void test_list_shows_formats_and_passes_over_metadata_nodes(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    gb_cam_found found[4];
    gb_err err;
    int n = gb_camera_list(&f->cfg, "v4l2", found, 4, &err);
    assert_int_equal(n, 1);
    assert_string_equal(found[0].backend, "v4l2");
    assert_string_equal(found[0].port, "/dev/video0");
    assert_string_equal(found[0].model, "Fake UVC Camera");
    assert_string_equal(found[0].problem, "");
    const char *want[] = {"MJPG (Motion-JPEG): 320x240@30", "YUYV (YUYV 4:2:2): 640x480@10",
                          "would use: live view MJPEG 320x240, still YUYV 640x480",
                          "exposure lock: yes (3..2047 x 100 us), white-balance lock: yes (2800..6500 K)"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(found[0].details, want[i]))
            fail_msg("'%s' not in:\n%s", want[i], found[0].details);
    fake_uvc_set_present(f->dev, 0);
    assert_int_equal(gb_camera_list(&f->cfg, "v4l2", found, 4, &err), 0);
}

static void test_no_webcam_is_a_clear_error(void **state)
{
    fixture *f = *state;
    fake_uvc_set_present(f->dev, 0);
    gb_err err = {0};
    assert_null(gb_camera_open(&f->cfg, &err));
    if (!strstr(err.msg, "camera (v4l2): no V4L2 video device"))
        fail_msg("message: %s", err.msg);
    snprintf(f->cfg.camera_device, sizeof f->cfg.camera_device, "/dev/video0");
    assert_null(gb_camera_open(&f->cfg, &err));
    if (!strstr(err.msg, "/dev/video0: No such file or directory (not connected)"))
        fail_msg("message: %s", err.msg);
    /* auto tries a DSLR first, then the webcam, and names both. */
    snprintf(f->cfg.camera_backend, sizeof f->cfg.camera_backend, "auto");
    assert_null(gb_camera_open(&f->cfg, &err));
    if (!strstr(err.msg, "no camera found (tried gphoto2: ") || !strstr(err.msg, "; v4l2: /dev/video0"))
        fail_msg("message: %s", err.msg);
}

static void test_auto_finds_the_webcam(void **state)
{
    fixture *f = *state;
    mjpeg_webcam(f);
    snprintf(f->cfg.camera_backend, sizeof f->cfg.camera_backend, "auto");
    gb_camera *cam = open_ok(&f->cfg);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    uint64_t seq = 0;
    take_frames(cam, &seq, 2, 320, 240);
    close_cam(cam);
    assert_string_equal(info.backend, "v4l2");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_mjpeg_live_view_decodes_real_frames),
        T(test_yuyv_live_view_converts_exactly),
        T(test_eagain_is_only_a_wait),
        T(test_enospc_on_streamon_falls_back_to_mjpeg),
        T(test_enospc_everywhere_is_a_clear_error_then_recovers),
        T(test_unplugged_mid_stream_reconnects_by_itself),
        T(test_damaged_frames_are_dropped_and_counted),
        T(test_still_switches_format_and_back),
        T(test_still_without_huffman_tables_is_made_whole),
        T(test_still_from_yuyv_is_encoded),
        T(test_controls_are_locked_from_the_config),
        T(test_read_only_device),
        T(test_list_shows_formats_and_passes_over_metadata_nodes),
        T(test_no_webcam_is_a_clear_error),
        T(test_auto_finds_the_webcam),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
