/* Colour spaces the checks reason in: CIE L*a*b* (D65) for "does this
 * colour look like that one" (delta E), HSV for hue and saturation, and
 * BT.601 luma for brightness. */
#ifndef GB_VISION_COLOUR_H
#define GB_VISION_COLOUR_H

typedef struct gb_lab {
    double L, a, b;
} gb_lab;

typedef struct gb_hsv {
    double h; /* degrees 0..360 */
    double s; /* 0..1 */
    double v; /* 0..1 */
} gb_hsv;

gb_lab gb_rgb_to_lab(double r, double g, double b);
gb_hsv gb_rgb_to_hsv(double r, double g, double b);
double gb_luma(double r, double g, double b);
double gb_delta_e(gb_lab x, gb_lab y); /* CIE76 */
double gb_hue_diff(double h1, double h2); /* shortest way round, 0..180 */

#endif
