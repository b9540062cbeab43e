/* The file camera, through the public camera interface as the kiosk uses
 * it: live view at the configured rate with slight movement, stills that are
 * the files themselves, folders in natural name order, clear errors. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "camera/camera.h"
#include "image/decode.h"
#include "image/jpeg.h"
#include "image/png.h"
#include "image/resample.h"

typedef struct fixture {
    char *dir;
    unsigned char *hopper; /* grace-hopper.jpg: 512x512 JPEG */
    size_t hopper_len;
    gb_image *png_src; /* what frame2.png holds: 300x400 */
    unsigned char *jpeg10;
    size_t jpeg10_len;
    gb_config cfg;
} fixture;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A picture with something in it: a gradient and a dark square off centre. */
static gb_image *pattern(int w, int h, int seed)
{
    gb_image *img = gb_image_new(w, h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = gb_image_px(img, x, y);
            int dark = x > w / 3 && x < w / 2 && y > h / 4 && y < h / 2;
            p[0] = (unsigned char)(dark ? 20 : 60 + 150 * x / w);
            p[1] = (unsigned char)(dark ? 20 : 80 + 100 * y / h);
            p[2] = (unsigned char)(dark ? 20 : (seed * 40) % 256);
        }
    return img;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_mkdtemp();
    gb_err err;
    f->hopper = tu_read_fixture("faces/grace-hopper.jpg", &f->hopper_len);
    free(tu_write_file(f->dir, "frame1.jpg", f->hopper, f->hopper_len));
    f->png_src = pattern(300, 400, 1);
    unsigned char *png;
    size_t png_len;
    if (gb_png_encode(f->png_src, &png, &png_len, &err) < 0)
        fail_msg("%s", err.msg);
    free(tu_write_file(f->dir, "frame2.png", png, png_len));
    free(png);
    gb_image *j = pattern(400, 300, 2);
    if (gb_jpeg_encode(j, 90, 72, &f->jpeg10, &f->jpeg10_len, &err) < 0)
        fail_msg("%s", err.msg);
    gb_image_free(j);
    free(tu_write_file(f->dir, "frame10.jpg", f->jpeg10, f->jpeg10_len));
    free(tu_write_file(f->dir, "notes.txt", "not a photo\n", 12));

    gb_config_defaults(&f->cfg);
    snprintf(f->cfg.camera_backend, sizeof f->cfg.camera_backend, "file");
    snprintf(f->cfg.camera_file_path, sizeof f->cfg.camera_file_path, "%s", f->dir);
    f->cfg.preview_width = 160;
    f->cfg.preview_height = 120;
    f->cfg.file_fps = 25;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_rmdir(f->dir);
    free(f->dir);
    free(f->hopper);
    free(f->jpeg10);
    gb_image_free(f->png_src);
    free(f);
    return 0;
}

static gb_camera *open_ok(const gb_config *cfg)
{
    gb_err err = {0};
    gb_camera *cam = gb_camera_open(cfg, &err);
    if (!cam)
        fail_msg("open: %s", err.msg);
    return cam;
}

static double mean_abs_diff(const gb_image *a, const gb_image *b)
{
    assert_int_equal(a->width, b->width);
    assert_int_equal(a->height, b->height);
    double sum = 0;
    for (int y = 0; y < a->height; y++)
        for (int x = 0; x < a->width * 3; x++)
            sum += fabs((double)a->pixels[(size_t)y * a->stride + (size_t)x] -
                        (double)b->pixels[(size_t)y * b->stride + (size_t)x]);
    return sum / ((double)a->width * a->height * 3);
}

static void test_live_view_runs_at_the_configured_rate(void **state)
{
    fixture *f = *state;
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0, first = 0, last = 0;
    int got = 0;
    double t0 = 0, t1 = 0;
    double end = now_s() + 2.3;
    while (now_s() < end) {
        gb_image *img = gb_camera_latest(cam, &seq, 200);
        if (!img)
            continue;
        if (!got++) {
            first = seq;
            t0 = now_s();
        }
        last = seq;
        t1 = now_s();
        gb_camera_recycle(cam, img);
    }
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    gb_camera_close(cam);
    double measured = (double)(last - first) / (t1 - t0);
    if (fabs(measured - 25) > 5 || fabs(st.fps - 25) > 5)
        fail_msg("file_fps 25: measured %.1f fps over %.2f s, stats say %.1f", measured, t1 - t0, st.fps);
    assert_int_equal(st.errors, 0);
    assert_int_equal(st.reopens, 0);
    assert_true(st.frames >= last);
}

static void test_frames_move_slightly(void **state)
{
    fixture *f = *state;
    f->cfg.file_fps = 60;
    gb_camera *cam = open_ok(&f->cfg);
    gb_cam_info info;
    gb_camera_info(cam, &info);
    /* grace-hopper is square: it fits the 160x120 box as 120x120. */
    assert_int_equal(info.preview_w, 120);
    assert_int_equal(info.preview_h, 120);
    assert_int_equal(info.still_w, 512);
    assert_int_equal(info.still_h, 512);
    assert_string_equal(info.backend, "file");

    gb_image *frames[12];
    uint64_t seq = 0;
    for (int i = 0; i < 12; i++) {
        frames[i] = gb_camera_latest(cam, &seq, 2000);
        assert_non_null(frames[i]);
        assert_int_equal(frames[i]->width, 120);
    }
    gb_camera_close(cam);

    /* The picture itself: coarse 8x8 views of the frame and of the photo
     * agree although the frame is cropped a little and shifted. */
    gb_image *ref = NULL;
    gb_err err;
    assert_int_equal(gb_image_decode(f->hopper, f->hopper_len, NULL, &ref, NULL, &err), 0);
    gb_image *coarse_photo = gb_image_crop_resize(ref, 0, 0, 512, 512, 8, 8, &err);
    gb_image *coarse_frame = gb_image_crop_resize(frames[0], 0, 0, 120, 120, 8, 8, &err);
    assert_non_null(coarse_photo);
    assert_non_null(coarse_frame);
    double moved_total = 0;
    for (int i = 0; i + 1 < 12; i++) {
        double step = mean_abs_diff(frames[i], frames[i + 1]);
        moved_total += step;
        if (step > 6)
            fail_msg("frames %d and %d differ by %.2f levels on average: not slight", i, i + 1, step);
    }
    double like_photo = mean_abs_diff(coarse_frame, coarse_photo);
    if (moved_total < 2)
        fail_msg("12 frames changed by %.3f levels in all: live view is (nearly) frozen", moved_total);
    if (like_photo > 15)
        fail_msg("frame differs from the photo by %.1f levels on average (8x8 views)", like_photo);
    for (int i = 0; i < 12; i++)
        gb_image_free(frames[i]);
    gb_image_free(ref);
    gb_image_free(coarse_photo);
    gb_image_free(coarse_frame);
}

static void test_still_is_the_full_resolution_file(void **state)
{
    fixture *f = *state;
    gb_camera *cam = open_ok(&f->cfg);
    gb_err err = {0};
    unsigned char *jpeg;
    size_t len;

    /* 1: frame1.jpg, byte for byte. */
    assert_int_equal(gb_camera_capture(cam, &jpeg, &len, &err), 0);
    assert_int_equal(len, f->hopper_len);
    assert_memory_equal(jpeg, f->hopper, len);
    free(jpeg);

    /* 2: frame2.png (natural order: 2 before 10), re-encoded as JPEG at full size. */
    assert_int_equal(gb_camera_capture(cam, &jpeg, &len, &err), 0);
    gb_image *img = NULL;
    gb_image_info info;
    assert_int_equal(gb_image_decode(jpeg, len, NULL, &img, &info, &err), 0);
    assert_int_equal(info.format, GB_FMT_JPEG);
    assert_int_equal(img->width, 300);
    assert_int_equal(img->height, 400);
    double diff = mean_abs_diff(img, f->png_src);
    if (diff > 3)
        fail_msg("still of the PNG differs from it by %.2f levels on average", diff);
    gb_image_free(img);
    free(jpeg);

    /* Live view came back after the still, showing the next image. */
    uint64_t seq = 0;
    gb_image *frame = gb_camera_latest(cam, &seq, 2000);
    assert_non_null(frame);
    assert_int_equal(frame->width, 160); /* frame10.jpg is 400x300: 160x120 */
    assert_int_equal(frame->height, 120);
    gb_image_free(frame);
    gb_cam_info ci;
    gb_camera_info(cam, &ci);
    assert_int_equal(ci.still_w, 400);

    /* 3: frame10.jpg byte for byte, then round to frame1 again. */
    assert_int_equal(gb_camera_capture(cam, &jpeg, &len, &err), 0);
    assert_int_equal(len, f->jpeg10_len);
    assert_memory_equal(jpeg, f->jpeg10, len);
    free(jpeg);
    assert_int_equal(gb_camera_capture(cam, &jpeg, &len, &err), 0);
    assert_int_equal(len, f->hopper_len);
    free(jpeg);
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    assert_int_equal(st.errors, 0);
    gb_camera_close(cam);
}

static void test_replay_mode_shows_every_image_in_turn(void **state)
{
    fixture *f = *state;
    f->cfg.file_frames_per_image = 1;
    f->cfg.file_fps = 30;
    gb_camera *cam = open_ok(&f->cfg);
    int seen120 = 0, seen90 = 0, seen160 = 0;
    uint64_t seq = 0;
    for (int i = 0; i < 15; i++) {
        gb_image *img = gb_camera_latest(cam, &seq, 2000);
        assert_non_null(img);
        seen120 += img->width == 120; /* frame1: 512x512 */
        seen90 += img->width == 90;   /* frame2: 300x400 */
        seen160 += img->width == 160; /* frame10: 400x300 */
        gb_image_free(img);
    }
    gb_camera_close(cam);
    if (!seen120 || !seen90 || !seen160)
        fail_msg("replaying 3 images, 15 frames showed widths 120: %d, 90: %d, 160: %d", seen120, seen90, seen160);
}

static void test_slow_consumer_sees_newest_frames_and_drops_are_counted(void **state)
{
    fixture *f = *state;
    f->cfg.file_fps = 100;
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0, last = 0, taken = 0;
    double end = now_s() + 1.0;
    while (now_s() < end) {
        gb_image *img = gb_camera_latest(cam, &seq, 200);
        if (!img)
            continue;
        taken++;
        if (seq <= last)
            fail_msg("frame numbers went from %llu to %llu", (unsigned long long)last, (unsigned long long)seq);
        last = seq;
        gb_image_free(img);
        struct timespec t = {0, 40 * 1000000L}; /* a consumer at 25 fps */
        nanosleep(&t, NULL);
    }
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    gb_camera_close(cam);
    /* Every frame was taken, dropped, or is the one waiting now. */
    uint64_t accounted = taken + st.drops;
    if (st.frames != accounted && st.frames != accounted + 1)
        fail_msg("published %llu, taken %llu + dropped %llu", (unsigned long long)st.frames,
                 (unsigned long long)taken, (unsigned long long)st.drops);
    if (st.drops < taken)
        fail_msg("camera at 100 fps, consumer at 25: only %llu drops for %llu taken",
                 (unsigned long long)st.drops, (unsigned long long)taken);
}

static void test_a_slow_rate_is_not_a_stall(void **state)
{
    fixture *f = *state;
    f->cfg.file_fps = 1;
    f->cfg.stall_timeout_ms = 500; /* shorter than a frame interval: the rate wins */
    gb_camera *cam = open_ok(&f->cfg);
    uint64_t seq = 0;
    for (int i = 0; i < 2; i++) {
        gb_image *img = gb_camera_latest(cam, &seq, 3000);
        assert_non_null(img);
        gb_image_free(img);
    }
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    gb_camera_close(cam);
    if (st.errors || st.reopens)
        fail_msg("1 fps with stall_timeout_ms 500: %llu errors, %llu reopens (%s)", (unsigned long long)st.errors,
                 (unsigned long long)st.reopens, st.last_error);
}

static void test_missing_folder_is_a_clear_error(void **state)
{
    fixture *f = *state;
    gb_err err = {0};
    snprintf(f->cfg.camera_file_path, sizeof f->cfg.camera_file_path, "%s/no-such-folder", f->dir);
    assert_null(gb_camera_open(&f->cfg, &err));
    assert_non_null(strstr(err.msg, "file_path"));
    assert_non_null(strstr(err.msg, "no-such-folder"));
    assert_non_null(strstr(err.msg, "No such file or directory"));

    char *empty = tu_mkdtemp();
    free(tu_write_file(empty, "README.md", "# photos go here\n", 17));
    snprintf(f->cfg.camera_file_path, sizeof f->cfg.camera_file_path, "%s", empty);
    assert_null(gb_camera_open(&f->cfg, &err));
    if (!strstr(err.msg, "no image in the folder") || !strstr(err.msg, "README.md"))
        fail_msg("unexpected message: %s", err.msg);
    tu_rmdir(empty);
    free(empty);

    f->cfg.camera_file_path[0] = 0;
    assert_null(gb_camera_open(&f->cfg, &err));
    assert_non_null(strstr(err.msg, "file_path is empty"));

    snprintf(f->cfg.camera_backend, sizeof f->cfg.camera_backend, "polaroid");
    assert_null(gb_camera_open(&f->cfg, &err));
    assert_non_null(strstr(err.msg, "unknown camera backend 'polaroid'"));
}

static void test_one_image_file(void **state)
{
    fixture *f = *state;
    snprintf(f->cfg.camera_file_path, sizeof f->cfg.camera_file_path, "%s/frame10.jpg", f->dir);
    gb_camera *cam = open_ok(&f->cfg);
    unsigned char *jpeg;
    size_t len;
    gb_err err;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(gb_camera_capture(cam, &jpeg, &len, &err), 0);
        assert_int_equal(len, f->jpeg10_len);
        free(jpeg);
    }
    gb_cam_info info;
    gb_camera_info(cam, &info);
    assert_string_equal(info.model, "image file");
    gb_camera_close(cam);
}

static void test_list_describes_the_folder(void **state)
{
    fixture *f = *state;
    gb_cam_found found[4];
    gb_err err;
    int n = gb_camera_list(&f->cfg, "file", found, 4, &err);
    assert_int_equal(n, 1);
    assert_string_equal(found[0].backend, "file");
    assert_string_equal(found[0].problem, "");
    assert_non_null(strstr(found[0].details, "3 images"));
    assert_non_null(strstr(found[0].details, "frame1.jpg: JPEG 512x512"));
    assert_non_null(strstr(found[0].details, "frame2.png: PNG 300x400"));
    assert_int_equal(gb_camera_list(&f->cfg, "nikon", found, 4, &err), -1);
    assert_non_null(strstr(err.msg, "unknown camera backend"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_live_view_runs_at_the_configured_rate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_frames_move_slightly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_still_is_the_full_resolution_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replay_mode_shows_every_image_in_turn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_consumer_sees_newest_frames_and_drops_are_counted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_slow_rate_is_not_a_stall, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder_is_a_clear_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_image_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_describes_the_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
