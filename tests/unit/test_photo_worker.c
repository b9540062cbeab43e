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

/* Pulls frames newer than *seq until want have come or timeout_ms has
 * passed; returns how many came, the last one's size in w/h. Counts, not
 * rates: a loaded machine or a sanitizer build is slow, never wrong. */
static int pull(gb_photo_worker *pw, uint64_t *seq, int want, double timeout_ms, int *w, int *h)
{
    int n = 0;
    double t0 = now_ms();
    while (n < want && now_ms() - t0 < timeout_ms) {
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

static uint64_t camera_frames(gb_photo_worker *pw)
{
    gb_cam_info info;
    gb_cam_stats st;
    int open;
    gb_pw_camera_info(pw, &info, &st, &open);
    return open ? st.frames : 0;
}

static void frames_continue_after_a_reopen(void **state)
{
    (void)state;
    gb_photo_worker *pw = start(GB_SOURCE_DIR "/assets/photos/02-compliant.jpg");
    uint64_t seq = 0;
    int w = 0, h = 0;
    /* a while with the first picture: the caller has seen 40 frames */
    assert_int_equal(pull(pw, &seq, 40, 60000, &w, &h), 40);
    assert_true(seq >= 40);
    int w1 = w, h1 = h;
    uint64_t ticket;
    while (!(ticket = gb_pw_show_file(pw, GB_SOURCE_DIR "/assets/photos/01-eyes-closed-tilted.png")))
        nap(10);
    while (!gb_pw_shown(pw, ticket))
        nap(10);
    /* The second picture's frames reach the caller at once, not after the
     * new camera (which counts from 1 again) has counted past the old
     * one's 40: the first one arrives while the new camera has published
     * only a few. */
    assert_int_equal(pull(pw, &seq, 1, 60000, &w, &h), 1);
    uint64_t published = camera_frames(pw);
    assert_true(published > 0);
    assert_true(published < 30);
    assert_false(w == w1 && h == h1); /* 01 is 896x1152, 02 1296x1832: other frame sizes */
    assert_int_equal(pull(pw, &seq, 10, 60000, &w, &h), 10);
    gb_pw_stop(pw);
}

/* The photo screen offers its newest frame every tick, so the worker is
 * never idle for long: a show-file (the script's show-photo) and a
 * capture asked for meanwhile must still be served next, not wait for a
 * gap that never comes (tests failed with "the camera stayed busy"). */
static void guidance_does_not_starve_show_file_or_capture(void **state)
{
    (void)state;
    gb_photo_worker *pw = start(GB_SOURCE_DIR "/assets/photos/02-compliant.jpg");
    uint64_t seq = 0;
    gb_image *held = NULL;
    int offered = 0;
    uint64_t ticket = 0;
    int captured = 0, shown = 0;
    gb_capture c = {0};
    double t0 = now_ms();
    while (now_ms() - t0 < 120000 && !captured) {
        gb_image *f = gb_pw_frame(pw, &seq);
        if (f) {
            gb_pw_recycle(pw, held);
            held = f;
        }
        if (held && gb_pw_offer(pw, held, NULL))
            offered++;
        if (offered == 3 && !ticket) {
            ticket = gb_pw_show_file(pw, GB_SOURCE_DIR "/assets/photos/01-eyes-closed-tilted.png");
            assert_true(ticket > 0); /* asked while an analysis is in work */
            assert_true(gb_pw_busy(pw));
        }
        if (ticket && !shown && gb_pw_shown(pw, ticket)) {
            shown = 1;
            assert_int_equal(gb_pw_capture(pw, NULL), 0);
        }
        if (shown && gb_pw_capture_result(pw, &c))
            captured = 1;
        nap(5);
    }
    gb_pw_recycle(pw, held);
    assert_int_equal(shown, 1);
    assert_int_equal(captured, 1);
    assert_int_equal(c.ok, 1);
    /* the capture is of the picture shown: 01 is 896x1152 */
    assert_int_equal(c.still_w, 896);
    assert_int_equal(c.still_h, 1152);
    free(c.jpeg);
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
    assert_int_equal(pull(pw, &seq, 1, 600, &w, &h), 0);
    snprintf(cmd, sizeof cmd, "mkdir '%s' && cp '%s/assets/photos/02-compliant.jpg' '%s/'", cam, GB_SOURCE_DIR, cam);
    assert_int_equal(system(cmd), 0);
    double t0 = now_ms();
    while (gb_pw_status(pw, NULL, 0) != GB_PW_READY && now_ms() - t0 < 60000)
        nap(20);
    assert_int_equal(gb_pw_status(pw, msg, sizeof msg), GB_PW_READY);
    assert_string_equal(msg, "");
    assert_int_equal(pull(pw, &seq, 10, 60000, &w, &h), 10);
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
        cmocka_unit_test(guidance_does_not_starve_show_file_or_capture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
