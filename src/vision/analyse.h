/* One photo through the whole on-device review: decode at analysis size,
 * find the face, measure, solve the crop, judge every rule and, when
 * asked, cut the standardised 480x640 JPEG from full resolution. */
#ifndef GB_VISION_ANALYSE_H
#define GB_VISION_ANALYSE_H

#include <stddef.h>

#include "core/config.h"
#include "image/jpeg.h"
#include "vision/face.h"
#include "vision/measure.h"
#include "vision/rules.h"

#define GB_MAX_RULES 32

typedef enum {
    GB_OUTPUT_NONE,      /* judge only */
    GB_OUTPUT_IF_PASS,   /* make the photo when every rule passes */
    GB_OUTPUT_IF_CROP,   /* make it whenever the crop is possible */
} gb_output_mode;

typedef struct gb_check {
    int src_w, src_h; /* full size, upright */
    gb_measure m;
    gb_crop crop;
    gb_rule_result rules[GB_MAX_RULES];
    size_t nrules;
    int failed; /* rules that failed */
    /* output, when made */
    unsigned char *jpeg; /* malloc'd; gb_check_free */
    size_t jpeg_len;
    int out_w, out_h;
    gb_jpeg_sized_result fit;
    double ms_decode, ms_analyse, ms_output, ms_total;
} gb_check;

/* Checks one photo (JPEG or PNG bytes). backdrop: the batch's colour or
 * NULL for any allowed one. Returns 0 when judged (look at ->failed), -1
 * when the photo could not be read (err says why). */
int gb_check_photo(gb_face_model *model, const gb_config *cfg, const unsigned char *data, size_t len,
                   const char *backdrop, gb_output_mode output, gb_check *out, gb_err *err);

void gb_check_free(gb_check *c);

#endif
