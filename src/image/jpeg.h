/* JPEG in and out: TurboJPEG for whole (DCT-scaled) decodes, the libjpeg API
 * where TurboJPEG has no knob (region decode, JFIF density on output). */
#ifndef GB_IMAGE_JPEG_H
#define GB_IMAGE_JPEG_H

#include <stddef.h>

#include "core/err.h"
#include "image/decode.h"
#include "image/image.h"

/* gb_image_decode for data already known to be JPEG. */
int gb_jpeg_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                   gb_image_info *info, gb_err *err);

/* gb_image_decode_region for JPEG: decodes only the rows and (iMCU-aligned)
 * columns of the region, with jpeg_crop_scanline / jpeg_skip_scanlines. */
int gb_jpeg_decode_region(const unsigned char *data, size_t len, const gb_decode_opts *opts,
                          gb_rect region, int min_out_w, int min_out_h, gb_image **out,
                          gb_image_info *info, gb_rect *where, gb_err *err);

/* Baseline JPEG, 3 components, with a JFIF header saying dpi dots per inch.
 * quality 1..100, dpi 1..65535. *out is malloc'd (free()). */
int gb_jpeg_encode(const gb_image *img, int quality, int dpi, unsigned char **out, size_t *out_len,
                   gb_err *err);

typedef enum gb_jpeg_fit {
    GB_JPEG_FIT_OK = 0,     /* min_bytes <= size <= max_bytes */
    GB_JPEG_FIT_OVER_MAX,   /* even q_min is larger than max_bytes; the q_min result is returned */
    GB_JPEG_FIT_UNDER_MIN,  /* the best quality within max_bytes is still under min_bytes */
} gb_jpeg_fit;

typedef struct gb_jpeg_sized_result {
    int quality;
    size_t bytes;
    gb_jpeg_fit fit;
    int encodes; /* how many trial encodes it took */
} gb_jpeg_sized_result;

/* The highest quality in [q_min, 100] whose file is <= max_bytes (binary
 * search; file size grows with quality). When the window cannot be met it
 * still returns the nearest file and says which bound was missed in
 * res->fit; it never pads a file to reach min_bytes. Returns -1 only for
 * real failures (bad arguments, encoder error). */
int gb_jpeg_encode_sized(const gb_image *img, int q_min, size_t min_bytes, size_t max_bytes, int dpi,
                         unsigned char **out, size_t *out_len, gb_jpeg_sized_result *res, gb_err *err);

#endif
