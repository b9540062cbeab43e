/* Cropping and scaling with a proper filter: the one resampler between the
 * camera frame and the 480x640 output; and a quick one for pictures only
 * looked at or searched (live-view frames). */
#ifndef GB_IMAGE_RESAMPLE_H
#define GB_IMAGE_RESAMPLE_H

#include "core/err.h"
#include "image/image.h"

/* A new out_w x out_h image of the source rectangle (x, y, w, h), which may
 * have fractional edges but must lie inside src (the caller must not ask us
 * to invent pixels; we never pad). Separable Lanczos-3; when shrinking, the
 * kernel is stretched by the shrink factor so every source pixel counts
 * (area-averaging behaviour, no aliasing). Never nearest neighbour. */
gb_image *gb_image_crop_resize(const gb_image *src, double x, double y, double w, double h, int out_w,
                               int out_h, gb_err *err);

/* Like gb_image_crop_resize, but bilinear with each output pixel averaging
 * the source area it covers by at most 2x2 samples: several times quicker,
 * softer, and aliasing when shrinking below half. For live-view frames
 * (the file camera's moving picture, the guidance analysis), never for a
 * photo that is saved. */
gb_image *gb_image_crop_resize_fast(const gb_image *src, double x, double y, double w, double h, int out_w,
                                    int out_h, gb_err *err);

#endif
