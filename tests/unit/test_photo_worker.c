/* The photo worker (ui/photo_worker.c) with the file camera: frames keep
 * coming to the UI after the camera is reopened on another picture (a new
 * camera numbers its frames from 1 again), and a QR code shown to the
 * camera is read once and handed over once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testutil.h"
#include "ui/photo_worker.h"
#include "vision/qr.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void nap(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static gb_photo_worker *start_cfg(const char *path, int retry_max_ms, gb_pw_state want)
{
    gb_config cfg;
    gb_config_defaults(&cfg);
    snprintf(cfg.camera_backend, sizeof cfg.camera_backend, "file");
    snprintf(cfg.camera_file_path, sizeof cfg.camera_file_path, "%s", path);
    cfg.file_fps = 30;
    cfg.retry_initial_ms = 100;
    cfg.retry_max_ms = retry_max_ms;
    gb_err err;
    gb_photo_worker *pw = gb_pw_start(&cfg, &err);
    assert_non_null(pw);
    double t0 = now_ms();
    while (gb_pw_status(pw, NULL, 0) == GB_PW_STARTING && now_ms() - t0 < 30000)
        nap(10);
    assert_int_equal(gb_pw_status(pw, NULL, 0), want);
    return pw;
}

static gb_photo_worker *start(const char *path)
{
    return start_cfg(path, 5000, GB_PW_READY);
}

/* Frames newer than *seq within ms; returns how many, last size in w/h. */
static int pull(gb_photo_worker *pw, uint64_t *seq, double ms, int *w, int *h)
{
    int n = 0;
    double t0 = now_ms();
    while (now_ms() - t0 < ms) {
        gb_image *f = gb_pw_frame(pw, seq);
        if (f) {
            n++;
            *w = f->width;
            *h = f->height;
            gb_pw_recycle(pw, f);
        }
        nap(5);
    }
    return n;
}

static void frames_continue_after_a_reopen(void **state)
{
    (void)state;
    gb_photo_worker *pw = start(GB_SOURCE_DIR "/assets/photos/02-compliant.jpg");
    uint64_t seq = 0;
    int w = 0, h = 0;
    /* a few seconds of the first picture: the caller has seen ~60 frames */
    int first = pull(pw, &seq, 2000, &w, &h);
    assert_true(first >= 20);
    assert_true(seq >= 20);
    int w1 = w, h1 = h;
    while (gb_pw_show_file(pw, GB_SOURCE_DIR "/assets/photos/01-eyes-closed-tilted.png") < 0)
        nap(10);
    while (gb_pw_busy(pw))
        nap(10);
    /* the second picture's frames arrive at once, not after the new
     * camera has counted past the old one */
    int second = pull(pw, &seq, 1000, &w, &h);
    assert_true(second >= 10);
    assert_false(w == w1 && h == h1); /* 01 is 896x1152, 02 1296x1832: other frame sizes */
    gb_pw_stop(pw);
}

/* The camera is not there when the kiosk starts (unplugged, a folder not
 * yet mounted): the worker keeps looking and is ready once it appears,
 * without a restart. */
static void a_late_camera_is_found(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    char cam[600], cmd[1400];
    snprintf(cam, sizeof cam, "%s/camera", dir);
    gb_photo_worker *pw = start_cfg(cam, 400, GB_PW_FAILED);
    char msg[256];
    gb_pw_status(pw, msg, sizeof msg);
    assert_non_null(strstr(msg, "No such file or directory"));
    uint64_t seq = 0;
    int w = 0, h = 0;
    assert_int_equal(pull(pw, &seq, 600, &w, &h), 0);
    snprintf(cmd, sizeof cmd, "mkdir '%s' && cp '%s/assets/photos/02-compliant.jpg' '%s/'", cam, GB_SOURCE_DIR, cam);
    assert_int_equal(system(cmd), 0);
    double t0 = now_ms();
    while (gb_pw_status(pw, NULL, 0) != GB_PW_READY && now_ms() - t0 < 5000)
        nap(20);
    assert_int_equal(gb_pw_status(pw, msg, sizeof msg), GB_PW_READY);
    assert_string_equal(msg, "");
    assert_true(pull(pw, &seq, 1000, &w, &h) >= 10);
    assert_int_equal(gb_pw_capture(pw, NULL), 0);
    gb_capture c;
    t0 = now_ms();
    while (!gb_pw_capture_result(pw, &c) && now_ms() - t0 < 20000)
        nap(20);
    assert_int_equal(c.ok, 1);
    assert_int_equal(c.still_w, 1296);
    assert_int_equal(c.still_h, 1832);
    free(c.jpeg);
    gb_pw_stop(pw);
    tu_rmdir(dir);
    free(dir);
}

static void a_qr_code_is_handed_over_once(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    assert_non_null(dir);
    char png[512], cmd[1024];
    snprintf(png, sizeof png, "%s/code.png", dir);
    /* made by the test tool beside this program (tests/tools/mkqr.c) */
    snprintf(cmd, sizeof cmd, "./gb_mkqr %s 'GBT1|2022010101|x' '' 6", png);
    assert_int_equal(system(cmd), 0);
    gb_photo_worker *pw = start(png);
    uint64_t seq = 0;
    char out[512];
    int st = GB_QR_NONE;
    double t0 = now_ms();
    while (st == GB_QR_NONE && now_ms() - t0 < 5000) {
        gb_image *f = gb_pw_frame(pw, &seq);
        if (f) {
            gb_pw_offer_scan(pw, f);
            gb_pw_recycle(pw, f);
        }
        st = gb_pw_take_code(pw, out, sizeof out);
        nap(5);
    }
    assert_int_equal(st, GB_QR_FOUND);
    assert_string_equal(out, "GBT1|2022010101|x");
    /* taken: the next call has nothing until another frame is scanned */
    assert_int_equal(gb_pw_take_code(pw, out, sizeof out), GB_QR_NONE);
    gb_pw_stop(pw);
    tu_rmdir(dir);
    free(dir);
}

/* Offers come once a UI tick (33 ms), so each is taken a little after
 * its slot was due; the slots must stay on the 100 ms schedule (10 a
 * second) instead of restarting from the late tick (which gave 7.5). */
static void the_guidance_schedule_does_not_drift(void **state)
{
    (void)state;
    double slot = gb_pw_next_slot(0, 5000, 100); /* first offer: from now */
    assert_true(slot == 5000);
    int taken = 0;
    for (double tick = 5000; tick < 6000; tick += 33) {
        if (tick - slot >= 100) {
            slot = gb_pw_next_slot(slot, tick, 100);
            taken++;
        }
    }
    assert_int_equal(taken, 9); /* 5100..5900: one a slot, none lost */
    assert_true(slot == 5900);
    /* after the photo screen was left for a while: from now again */
    assert_true(gb_pw_next_slot(5900, 9000, 100) == 9000);
    /* a tick just under two periods late still keeps the schedule */
    assert_true(gb_pw_next_slot(5900, 6099, 100) == 6000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frames_continue_after_a_reopen),
        cmocka_unit_test(a_qr_code_is_handed_over_once),
        cmocka_unit_test(a_late_camera_is_found),
        cmocka_unit_test(the_guidance_schedule_does_not_drift),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
