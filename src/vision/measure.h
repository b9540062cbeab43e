/* Measurements of one photo: everything the rules need, computed once from
 * the analysis-size image and the primary face's landmarks. The rules
 * (rules.c) only compare these numbers with configured limits.
 *
 * Regions are placed with the "ideal frame": the 480x640 cut that would put
 * the face width at the middle of its band and the eyes at the middle of
 * theirs, mapped back to the analysis image. So "the backdrop above the
 * head" means the same part of the output photo for every input. */
#ifndef GB_VISION_MEASURE_H
#define GB_VISION_MEASURE_H

#include "core/config.h"
#include "image/image.h"
#include "vision/colour.h"
#include "vision/crop.h"
#include "vision/face.h"

typedef struct gb_measure {
    int faces;      /* faces found */
    int have_face;  /* the fields below are valid (faces >= 1) */
    gb_face face;   /* the largest face, analysis-image coordinates */
    int img_w, img_h;

    /* geometry, analysis pixels */
    gb_point eye_l, eye_r; /* image left and right eye centres */
    double eye_dist, centre_x, eye_y, chin_y, brow_y, face_width;
    double crown_y;  /* top of the hair */
    int crown_found; /* 0: backdrop too busy to see the hair's edge; estimated */
    int crown_cut;   /* the hair reaches the image's top edge */
    double frame_scale, frame_x0, frame_y0; /* ideal frame: out = (src - x0) * scale */

    /* pose */
    double roll_deg;    /* eye line angle */
    double yaw_deg;     /* from nose-tip asymmetry between the cheeks */
    double pitch_ratio; /* (nose tip - eye line) / (chin - eye line) */
    int detector;       /* dlib filter: 0 frontal, 1-2 turned, 3-4 rotated */

    /* eyes and mouth */
    double eye_open_l, eye_open_r; /* eye aspect ratio (height / width) */
    double mouth_gap;              /* inner-lip opening / mouth width */
    double teeth;                  /* share of bright, colourless pixels between the lips */

    /* skin model from the cheeks and nose */
    gb_lab skin;
    double skin_luma;

    /* hair and covering */
    double forehead_hair;         /* share of hair-dark pixels just above the eyebrows */
    double ear_skin_l, ear_skin_r; /* share of skin among skin+hair beside each cheek */
    double head_height_ratio;     /* (eye line - crown) / face width */
    gb_lab hair_lab; /* colour of the top of the head: the hair model for hair.ears */
    double brim; /* best share of a row above the brows crossed by one straight step */

    /* glasses */
    double glare;       /* share of clipped white pixels around the worse eye */
    double under_eye;   /* luma under the eyes / luma of the lower cheeks */

    /* backdrop */
    int bg_pixels;      /* how many backdrop pixels were sampled */
    double bg_objects;  /* share of sampled pixels far from the backdrop colour */
    double bg_gradient; /* largest delta E between backdrop blocks */
    double bg_noise;    /* mean luma deviation of backdrop pixels */
    double bg_rgb[3];
    gb_lab bg_lab;
    gb_hsv bg_hsv;

    /* light */
    double light_balance; /* |left cheek - right cheek| / mean */
    double face_hot;      /* share of clipped pixels on the face */
    double face_luma;     /* mean luma of the skin regions */
    double frame_clipped; /* share of clipped (0 or 255) pixels on the face */

    double sharpness; /* Laplacian variance / luma variance around eyes and nose */
    double chroma;    /* mean a*b* chroma over the frame: about 0 for a grey-scale photo */
    int upside_down;  /* chin above the eyes: the photo is rotated */

    /* clothing */
    int cloth_pixels;
    double cloth_rgb[3];
    gb_lab cloth_lab;
    gb_hsv cloth_hsv;

    /* occlusion: is every feature visible? */
    double eye_dark;    /* worst eye: 5th-percentile luma in the eye / skin luma (a pupil is dark) */
    double lip_red;     /* lips' a* minus skin a*, the paler half (lips are redder than skin) */
    double cheek_edges; /* worst cheek: mean gradient / skin luma (fingers make edges) */
    double cheek_asym;  /* busier cheek's edges / the other's */

    /* the regions sampled, for --debug pictures and docs */
    struct {
        const char *name;
        int x0, y0, x1, y1;
    } regions[24];
    int nregions;
} gb_measure;

/* Fills m from the analysis image and the faces found in it. faces[0] is
 * the largest. n is the total count found. */
void gb_measure_photo(const gb_image *img, const gb_face *faces, int n, const gb_config *cfg,
                      gb_measure *m);

/* The head geometry in full-resolution pixels, for gb_crop_solve. */
gb_head_geom gb_measure_head(const gb_measure *m, double to_full);

#endif
