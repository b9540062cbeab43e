/* Annotated pictures of what the checks looked at: landmarks, the regions
 * sampled, eye line, top of head and the cut. For calibration, docs and
 * staff who want to see why a photo failed. */
#ifndef GB_VISION_DEBUG_DRAW_H
#define GB_VISION_DEBUG_DRAW_H

#include "vision/analyse.h"

/* Decodes data at analysis size again, draws c's measurements on it and
 * writes a PNG to path. */
int gb_check_debug_png(const gb_config *cfg, const unsigned char *data, size_t len, const gb_check *c,
                       const char *path, gb_err *err);

#endif
