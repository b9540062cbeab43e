/* QR codes from camera frames (vision/qr.c): codes made with libqrencode,
 * drawn into frames the way a phone screen shows up in a camera picture,
 * read back with zbar. */
#include <qrencode.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "image/decode.h"
#include "image/fileread.h"
#include "testutil.h"
#include "vision/qr.h"

/* The test decoder's format (docs/collection-code.md), Chinese included. */
static const char PAYLOAD[] = "GBT1|2022010101|王*明|1101**********123X|3a5e5cd7";

/* A w x h frame of grey 120 with the QR code of data (module px wide,
 * 4-module white quiet zone) at (x0, y0); mirrored: flipped left to right;
 * rot90: the code turned a quarter. */
static gb_image *frame_with_qr(int w, int h, const unsigned char *data, int len, int module, int x0, int y0,
                               int mirrored, int rot90)
{
    QRcode *q = QRcode_encodeData(len, data, 0, QR_ECLEVEL_M);
    assert_non_null(q);
    gb_image *f = gb_image_new(w, h);
    assert_non_null(f);
    for (int y = 0; y < h; y++)
        memset(gb_image_px(f, 0, y), 120, (size_t)w * 3);
    int n = q->width, side = (n + 8) * module;
    assert_true(x0 + side <= w && y0 + side <= h);
    for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++) {
            int mx = x / module - 4, my = y / module - 4;
            if (rot90) {
                int t = mx;
                mx = my;
                my = n - 1 - t;
            }
            if (mirrored)
                mx = n - 1 - mx;
            int dark = mx >= 0 && my >= 0 && mx < n && my < n && (q->data[my * n + mx] & 1);
            memset(gb_image_px(f, x0 + x, y0 + y), dark ? 20 : 235, 3);
        }
    QRcode_free(q);
    return f;
}

static gb_qr_reader *reader(int max_side)
{
    gb_err err;
    gb_qr_reader *r = gb_qr_reader_new(max_side, &err);
    assert_non_null(r);
    return r;
}

static void reads_utf8_payload_byte_for_byte(void **state)
{
    (void)state;
    gb_qr_reader *r = reader(1280);
    gb_image *f = frame_with_qr(640, 480, (const unsigned char *)PAYLOAD, (int)strlen(PAYLOAD), 5, 150, 60, 0, 0);
    char out[512];
    gb_err err;
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_FOUND);
    assert_string_equal(out, PAYLOAD);
    /* turned a quarter: a phone held sideways */
    gb_image_free(f);
    f = frame_with_qr(640, 480, (const unsigned char *)PAYLOAD, (int)strlen(PAYLOAD), 5, 150, 60, 0, 1);
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_FOUND);
    assert_string_equal(out, PAYLOAD);
    gb_image_free(f);
    gb_qr_reader_free(r);
}

/* Webcams that mirror in hardware show the code mirrored; zbar reads it
 * (so the reader does not flip frames itself). */
static void mirrored_code_is_read(void **state)
{
    (void)state;
    gb_qr_reader *r = reader(1280);
    gb_image *f = frame_with_qr(640, 480, (const unsigned char *)PAYLOAD, (int)strlen(PAYLOAD), 5, 150, 60, 1, 0);
    char out[512];
    gb_err err;
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_FOUND);
    assert_string_equal(out, PAYLOAD);
    gb_image_free(f);
    gb_qr_reader_free(r);
}

static void large_frame_is_scanned_reduced(void **state)
{
    (void)state;
    /* a 4K frame with the code at 14 px a module: read at 1/4 size
     * (max_side 1280 -> 960x540, 3.5 px a module) */
    gb_qr_reader *r = reader(1280);
    gb_image *f = frame_with_qr(3840, 2160, (const unsigned char *)PAYLOAD, (int)strlen(PAYLOAD), 14, 1300, 500, 0, 0);
    char out[512];
    gb_err err;
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_FOUND);
    assert_string_equal(out, PAYLOAD);
    gb_image_free(f);
    gb_qr_reader_free(r);
}

static void no_code_in_a_face_photo(void **state)
{
    (void)state;
    gb_qr_reader *r = reader(1280);
    gb_err err;
    unsigned char *jpeg = NULL;
    size_t len = 0;
    assert_int_equal(gb_file_read(GB_TEST_DATA "/photos/compliant.jpg", 64u << 20, &jpeg, &len, &err), 0);
    gb_image *f = NULL;
    assert_int_equal(gb_image_decode(jpeg, len, NULL, &f, NULL, &err), 0);
    free(jpeg);
    char out[512];
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_NONE);
    assert_string_equal(out, "");
    gb_image_free(f);
    /* a flat frame and a one-pixel frame */
    f = gb_image_new(1, 1);
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_NONE);
    gb_image_free(f);
    gb_qr_reader_free(r);
}

static void unusable_payloads_are_refused(void **state)
{
    (void)state;
    gb_qr_reader *r = reader(1280);
    char out[512];
    gb_err err;
    /* a control character: a terminal escape or a wedge "Enter" inside */
    const unsigned char ctl[] = "GBT1|2022\x1b[2J|x";
    gb_image *f = frame_with_qr(640, 480, ctl, (int)sizeof ctl - 1, 5, 150, 60, 0, 0);
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_REFUSED);
    assert_non_null(strstr(err.msg, "not UTF-8 text"));
    assert_string_equal(out, "");
    gb_image_free(f);
    /* GBK bytes (王 = CD F5), not UTF-8 */
    const unsigned char gbk[] = "GBT1|\xcd\xf5|x";
    f = frame_with_qr(640, 480, gbk, (int)sizeof gbk - 1, 5, 150, 60, 0, 0);
    assert_int_equal(gb_qr_scan(r, f, out, sizeof out, &err), GB_QR_REFUSED);
    gb_image_free(f);
    /* longer than the caller's buffer: refused, never cut short */
    f = frame_with_qr(640, 480, (const unsigned char *)PAYLOAD, (int)strlen(PAYLOAD), 5, 150, 60, 0, 0);
    char small[16];
    assert_int_equal(gb_qr_scan(r, f, small, sizeof small, &err), GB_QR_REFUSED);
    assert_non_null(strstr(err.msg, "at most 15"));
    assert_string_equal(small, "");
    gb_image_free(f);
    assert_int_equal(gb_qr_scan(NULL, NULL, out, sizeof out, &err), -1);
    gb_qr_reader_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_utf8_payload_byte_for_byte),
        cmocka_unit_test(mirrored_code_is_read),
        cmocka_unit_test(large_frame_is_scanned_reduced),
        cmocka_unit_test(no_code_in_a_face_photo),
        cmocka_unit_test(unusable_payloads_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
