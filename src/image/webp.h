/* WebP in (libwebp). */
#ifndef GB_IMAGE_WEBP_H
#define GB_IMAGE_WEBP_H

#include <stddef.h>

#include "core/err.h"
#include "image/decode.h"

/* gb_image_decode for data already known to be WebP (lossy or lossless,
 * alpha composited on white). Decoded at full size: WebP has no DCT
 * scaling, and phone WebPs are small. */
int gb_webp_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                   gb_image_info *info, gb_err *err);

#endif
