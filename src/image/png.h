/* PNG in and out through libpng: students' uploads and screenshots in,
 * screenshots and debug dumps out. */
#ifndef GB_IMAGE_PNG_H
#define GB_IMAGE_PNG_H

#include <stddef.h>

#include "core/err.h"
#include "image/decode.h"
#include "image/image.h"

/* gb_image_decode for data already known to be PNG. Every PNG kind is read:
 * palette, grey, 1..16 bits, alpha (composited on white, as a viewer shows
 * it), interlaced. */
int gb_png_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                  gb_image_info *info, gb_err *err);

/* 8-bit RGB PNG in memory; *out is malloc'd (free()). */
int gb_png_encode(const gb_image *img, unsigned char **out, size_t *out_len, gb_err *err);

/* gb_png_encode, written to path (replaced). */
int gb_png_write_file(const gb_image *img, const char *path, gb_err *err);

#endif
