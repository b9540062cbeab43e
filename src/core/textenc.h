/* Text encodings of files schools send: UTF-8 (with or without BOM), GBK /
 * GB18030 from Excel's "CSV" save on Chinese Windows, and UTF-16 from
 * Excel's "Unicode text" save. Everything inside GradBooth is UTF-8. */
#ifndef GB_CORE_TEXTENC_H
#define GB_CORE_TEXTENC_H

#include <stddef.h>

#include "core/err.h"

/* Whether the bytes are well-formed UTF-8 (no overlongs, no surrogates).
 * On failure *bad_at gets the offset of the first bad byte (may be NULL). */
int gb_utf8_valid(const unsigned char *data, size_t len, size_t *bad_at);

/* Converts data to a NUL-terminated UTF-8 string in *out (malloc'd), naming
 * the detected encoding in *encoding ("UTF-8", "UTF-8 with BOM", "GB18030",
 * "UTF-16LE", "UTF-16BE"). Binary data (NUL bytes, undecodable bytes) is an
 * error that gives the line and byte where it was found. */
int gb_text_to_utf8(const unsigned char *data, size_t len, char **out, size_t *out_len,
                    const char **encoding, gb_err *err);

/* Number of characters (code points) in a UTF-8 string. */
size_t gb_utf8_chars(const char *s);

#endif
