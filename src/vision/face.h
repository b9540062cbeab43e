/* Face detection and 68 landmarks (dlib's HOG frontal detector and shape
 * predictor; the model file comes from Debian's libdlib-data). This header
 * is C; the one C++ file behind it is face_dlib.cpp.
 *
 * Landmark numbering is dlib's (iBUG 300-W): 0-16 jaw (0 at the subject's
 * right ear, i.e. image left), 17-21 and 22-26 eyebrows, 27-35 nose,
 * 36-41 and 42-47 eyes, 48-67 mouth (60-67 inner lips). */
#ifndef GB_VISION_FACE_H
#define GB_VISION_FACE_H

#include "core/err.h"
#include "image/image.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gb_face_model gb_face_model;

typedef struct gb_point {
    double x, y;
} gb_point;

typedef struct gb_face {
    double left, top, right, bottom; /* detector box, image pixels */
    double confidence;               /* HOG detector score; higher is surer */
    int detector;                    /* which of dlib's 5 HOG filters fired (0 = frontal) */
    gb_point pts[68];
} gb_face;

/* Loads the detector and the landmark model (about 2 s, 100 MB). Once per
 * process; safe to call from a background thread. */
gb_face_model *gb_face_model_load(const char *predictor_path, gb_err *err);
void gb_face_model_free(gb_face_model *model);

/* Finds faces in img, largest first, at most max_faces; returns how many
 * were found (can exceed max_faces; only max_faces are filled) or -1.
 * upsample doubles the image that many times to find small faces.
 * threshold adjusts the detector (0 is dlib's default; negative finds more).
 * Thread-safe: calls are serialised inside the model. */
int gb_face_detect(gb_face_model *model, const gb_image *img, int upsample, double threshold,
                   gb_face *faces, int max_faces, gb_err *err);

#ifdef __cplusplus
}
#endif

#endif
