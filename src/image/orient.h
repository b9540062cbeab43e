/* EXIF orientation (TIFF tag 274): cameras store the sensor's pixels as read
 * and say in a tag how to turn them upright. Honouring the tag is not a
 * retouch: it shows the picture the way the camera meant it. Values:
 *   1 upright            2 mirrored left-right   3 rotated 180   4 mirrored top-bottom
 *   5 transposed         6 turn 90 clockwise     7 transverse    8 turn 90 counter-clockwise
 * ("stored" = as in the file, "upright" = after applying the tag). */
#ifndef GB_IMAGE_ORIENT_H
#define GB_IMAGE_ORIENT_H

#include <stddef.h>

#include "core/err.h"
#include "image/image.h"

/* The orientation tag of a JPEG's EXIF block (libexif), 1..8; 1 when there is
 * no EXIF, no tag, or a value outside 1..8 (treated as absent, not an error). */
int gb_jpeg_exif_orientation(const unsigned char *data, size_t len);

/* 1 when orientation o swaps width and height (5..8). */
int gb_orient_swaps(int o);

/* A new upright image from a stored one; orientation 1 (or invalid) copies. */
gb_image *gb_orient_apply(const gb_image *stored, int o, gb_err *err);

/* Maps a rectangle between stored and upright coordinates of an image whose
 * stored size is stored_w x stored_h. Exact for fractional rectangles. */
gb_rect gb_orient_rect_to_stored(gb_rect upright, int o, int stored_w, int stored_h);
gb_rect gb_orient_rect_to_upright(gb_rect stored, int o, int stored_w, int stored_h);

#endif
