/* Decoding photos (JPEG, PNG) into upright 8-bit RGB images.
 *
 * Two uses, two calls:
 *  - analysis (face finding, checks) wants a small picture fast: gb_image_decode
 *    with min_side lets a JPEG decode at 1/2, 1/4 or 1/8 size inside the IDCT;
 *  - the output photo wants full detail of one region: gb_image_decode_region
 *    decodes only that region, at the largest reduction that still does not
 *    leave the resampler anything to enlarge.
 * Both honour EXIF orientation and refuse damaged data instead of returning a
 * half-grey picture. */
#ifndef GB_IMAGE_DECODE_H
#define GB_IMAGE_DECODE_H

#include <stddef.h>

#include "core/err.h"
#include "image/image.h"
#include "image/sniff.h"

/* Used when gb_decode_opts.max_megapixels is 0. A 100 MP header is beyond
 * any camera a kiosk uses; past it we suspect a decompression bomb. */
#define GB_DECODE_DEFAULT_MAX_MP 100.0
/* Used by gb_image_load_file when max_file_bytes is 0. */
#define GB_DECODE_DEFAULT_MAX_FILE_BYTES (64u << 20)

typedef struct gb_decode_opts {
    double max_megapixels; /* refuse images whose header claims more; 0 = default */
    int min_side;          /* JPEG: decode at the smallest DCT scale whose shorter
                              side is still >= this; 0 = full size */
    size_t max_file_bytes; /* gb_image_load_file only; 0 = default */
} gb_decode_opts;

typedef struct gb_image_info {
    gb_image_format format;
    int width, height;          /* full size, upright (after orientation) */
    int scale_num, scale_denom; /* the DCT scale of the returned pixels (1/1 for PNG) */
    int orientation;            /* EXIF value as stored, 1..8 (1 when absent) */
} gb_image_info;

/* Decodes data into *out (upright RGB). opts may be NULL (full size, default
 * limit). info may be NULL. Returns 0, or -1 with err set and *out NULL. */
int gb_image_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                    gb_image_info *info, gb_err *err);

/* Decodes the region of the upright full-size image into *out, at a scale
 * that keeps the region at least min_out_w x min_out_h pixels (never above
 * full size). *where receives the region's exact place in *out, in *out's
 * pixels, to hand to gb_image_crop_resize. The region must lie inside the
 * image. opts->min_side is ignored. */
int gb_image_decode_region(const unsigned char *data, size_t len, const gb_decode_opts *opts,
                           gb_rect region, int min_out_w, int min_out_h, gb_image **out,
                           gb_image_info *info, gb_rect *where, gb_err *err);

/* Reads a file (refusing ones above opts->max_file_bytes) and decodes it as
 * gb_image_decode does; errors name the path. */
int gb_image_load_file(const char *path, const gb_decode_opts *opts, gb_image **out, gb_image_info *info,
                       gb_err *err);

/* -1 with a message when a w x h header exceeds max_megapixels (0 = default)
 * or the sizes gb_image can hold; shared by the decoders. */
int gb_image_check_dims(gb_image_format fmt, long long w, long long h, double max_megapixels, gb_err *err);

#endif
