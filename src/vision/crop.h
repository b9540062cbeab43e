/* Where to cut the 480x640 photo from the source so that the head lands
 * where the CHSI spec wants it: head top 50-110 px from the top edge, eyes
 * 200-300 px, face width 180-300 px, face centred. Crop and scale only: if
 * no cut satisfies every band inside the source without upscaling, the
 * photo fails (face.frame or resolution) and the reason says which limit
 * blocked, so the student can be told to move. Pure geometry, no pixels. */
#ifndef GB_VISION_CROP_H
#define GB_VISION_CROP_H

#include "core/config.h"

typedef struct gb_spec {
    int out_w, out_h;
    int head_top_min, head_top_max;
    int eyes_min, eyes_max;
    int face_w_min, face_w_max;
    int centre_tol; /* output px the face midline may sit off the photo's */
} gb_spec;

/* The spec numbers of a configuration. */
gb_spec gb_spec_from_config(const gb_config *cfg);

/* The head as measured in the source, in source pixels. */
typedef struct gb_head_geom {
    double centre_x;   /* midline of the face */
    double eye_y;      /* eye line */
    double crown_y;    /* top of the hair */
    double face_width; /* cheek to cheek */
} gb_head_geom;

typedef enum {
    GB_CROP_OK,
    GB_CROP_NO_HEADROOM, /* not enough above the head: the head is cut or too high */
    GB_CROP_CUT_BOTTOM,  /* not enough below the eyes: too low in the frame */
    GB_CROP_CUT_LEFT,    /* the face is too near the image's left edge */
    GB_CROP_CUT_RIGHT,
    GB_CROP_TOO_SMALL,   /* the face is too small: the output would be upscaled */
    GB_CROP_PROPORTIONS, /* no scale puts both face width and head height in their bands */
} gb_crop_status;

typedef struct gb_crop {
    gb_crop_status status;
    double x, y, w, h;  /* source rectangle (valid when status is OK) */
    double scale;       /* output pixels per source pixel */
    double eye_out, crown_out, face_w_out; /* where they land in the output */
} gb_crop;

/* max_scale: the largest output/source ratio allowed (1.0 = no upscaling
 * of the full-resolution source). */
gb_crop gb_crop_solve(const gb_spec *spec, const gb_head_geom *head, int src_w, int src_h,
                      double max_scale);

const char *gb_crop_status_name(gb_crop_status s);

#endif
