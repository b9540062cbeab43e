/* Reading a QR code from a camera frame: the CHSI collection code a student
 * holds up to the kiosk's camera on a phone screen (zbar does the work).
 *
 * The payload is returned as the bytes the code carries (zbar's binary
 * mode), because zbar's own text conversion guesses ISO-8859-1 or Shift-JIS
 * for codes without an ECI marker and would mangle UTF-8 Chinese. A payload
 * that is not valid UTF-8 or carries control characters is refused here,
 * so nothing downstream sees it. The payload is a secret: never log it. */
#ifndef GB_VISION_QR_H
#define GB_VISION_QR_H

#include <stddef.h>

#include "core/err.h"
#include "image/image.h"

typedef struct gb_qr_reader gb_qr_reader;

/* max_side: frames larger than this on their longer side are scanned at a
 * reduced size (halved until they fit); a phone held to the camera fills a
 * good part of the frame, so little is lost and each scan stays quick. */
gb_qr_reader *gb_qr_reader_new(int max_side, gb_err *err);
void gb_qr_reader_free(gb_qr_reader *r);

typedef enum {
    GB_QR_NONE = 0,      /* no QR code in the frame */
    GB_QR_FOUND = 1,     /* out holds the payload, NUL-terminated */
    GB_QR_REFUSED = 2,   /* a code was read but its payload is unusable (err says why) */
} gb_qr_status;

/* Scans one RGB frame: a gb_qr_status, or -1 on an internal error (out of
 * memory). Codes seen mirrored (webcams that flip in hardware) are read
 * too: zbar 0.23 tries the mirror image of each code itself
 * (tests/unit/test_qr.c shows it). */
int gb_qr_scan(gb_qr_reader *r, const gb_image *frame, char *out, size_t size, gb_err *err);

#endif
