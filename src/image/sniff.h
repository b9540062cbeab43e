/* Which image format a buffer holds, judged from its first bytes only: a
 * student's "photo.jpg" is often a WebP or PNG renamed by a phone or chat app,
 * so the file name is never trusted. */
#ifndef GB_IMAGE_SNIFF_H
#define GB_IMAGE_SNIFF_H

#include <stddef.h>

#include "core/err.h"

typedef enum gb_image_format {
    GB_FMT_UNKNOWN = 0,
    GB_FMT_JPEG,
    GB_FMT_PNG,
    GB_FMT_WEBP,
    GB_FMT_GIF,
    GB_FMT_BMP,
    GB_FMT_TIFF,
    GB_FMT_HEIF, /* HEIC from phones: ISO-BMFF "ftyp" box with a HEIF brand */
    GB_FMT_AVIF, /* same container, AV1 brand */
    GB_FMT_JXL,
} gb_image_format;

/* The format of data[0..len); GB_FMT_UNKNOWN when no signature matches. */
gb_image_format gb_image_sniff(const unsigned char *data, size_t len);

/* "JPEG", "PNG", "WebP", ... ; "unknown" for GB_FMT_UNKNOWN. */
const char *gb_image_format_name(gb_image_format fmt);

/* 0 when the data is JPEG or PNG (the formats we decode); otherwise -1 with a
 * message a student can act on, e.g. "WebP is not supported; save the photo as
 * JPEG or PNG". Empty and tiny buffers are refused here too. */
int gb_image_check_supported(const unsigned char *data, size_t len, gb_image_format *fmt, gb_err *err);

#endif
