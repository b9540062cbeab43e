/* The CHSI image collection code (图像采集码): a QR code whose payload CHSI
 * encrypts; the collection centre supplies the decoder. GradBooth treats the
 * payload as an opaque secret: it goes through a decoder and is never
 * logged whole (gb_code_fingerprint gives a short, one-way tag for logs).
 *
 * Decoders are an ops table, like cameras. This file ships the "test"
 * decoder used by the demo and the tests; its format is in
 * docs/collection-code.md. The real one is loaded from a shared library
 * named in the configuration (src/app, since loading is I/O). */
#ifndef GB_CORE_CODE_H
#define GB_CORE_CODE_H

#include <stddef.h>

#include "core/err.h"

/* What a decoded code says about the student. */
typedef struct gb_code_identity {
    char student_no[33]; /* the roster key (学号) the code belongs to */
    char name_masked[64]; /* as the code carries it, e.g. 王*明; may be "" */
    char id_masked[24];   /* e.g. 1101**********123X; may be "" */
} gb_code_identity;

/* Why a payload was refused. The kiosk tells a student two different
 * things: a QR code that is no collection code at all (a WeChat or payment
 * code held up by mistake: show the right one), and a collection code that
 * did not arrive whole (a cracked screen, a partial read, a typing error:
 * try again, or ask the staff). */
typedef enum {
    GB_CODE_OK = 0,
    GB_CODE_NOT_A_CODE = -1, /* not this decoder's format at all */
    GB_CODE_DAMAGED = -2,    /* the format's marks, but it does not check out */
} gb_code_status;

typedef struct gb_code_decoder {
    const char *name;
    /* GB_CODE_OK and *out filled, or a refusal (< 0) with a message that
     * does not repeat the payload. */
    gb_code_status (*decode)(const char *payload, size_t len, gb_code_identity *out, gb_err *err);
} gb_code_decoder;

/* The built-in decoders ("test"); NULL for an unknown name. */
const gb_code_decoder *gb_code_decoder_builtin(const char *name);

/* The test format: GBT1|<student_no>|<masked name>|<masked id>|<check>, where
 * check is the first 8 hex digits of SHA-256 of everything before the last
 * '|'. Writes a payload into buf; returns 0 or -1 when it does not fit. */
int gb_code_test_encode(const char *student_no, const char *name_masked, const char *id_masked, char *buf,
                        size_t size);

/* A one-way 8-hex-digit tag of a payload, for logs and support: the same
 * code gives the same tag, and the tag gives nothing of the code away.
 * Keyed (gb_code_fingerprint_key) it cannot be recomputed from a guessed
 * code either: a code's parts (student number, masked name) can be known
 * from a roster, so without a key a log plus a roster would tell who
 * scanned when. */
void gb_code_fingerprint(const char *payload, size_t len, char out[9]);

/* Keys every later fingerprint of this process with a secret (the kiosk's
 * own key from its store); call once before other threads start. */
void gb_code_fingerprint_key(const unsigned char key[32]);

#endif
