#include "vision/colour.h"

#include <math.h>

static double srgb_to_linear(double c)
{
    c /= 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double lab_f(double t) { return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116.0; }

gb_lab gb_rgb_to_lab(double r, double g, double b)
{
    double R = srgb_to_linear(r), G = srgb_to_linear(g), B = srgb_to_linear(b);
    double X = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
    double Y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
    double Z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
    double fx = lab_f(X), fy = lab_f(Y), fz = lab_f(Z);
    return (gb_lab){116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

gb_hsv gb_rgb_to_hsv(double r, double g, double b)
{
    double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b)), d = mx - mn;
    gb_hsv o = {0, mx > 0 ? d / mx : 0, mx / 255.0};
    if (d > 0) {
        if (mx == r)
            o.h = 60 * fmod((g - b) / d, 6);
        else if (mx == g)
            o.h = 60 * ((b - r) / d + 2);
        else
            o.h = 60 * ((r - g) / d + 4);
        if (o.h < 0)
            o.h += 360;
    }
    return o;
}

double gb_luma(double r, double g, double b) { return 0.299 * r + 0.587 * g + 0.114 * b; }

double gb_delta_e(gb_lab x, gb_lab y)
{
    return sqrt((x.L - y.L) * (x.L - y.L) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

double gb_hue_diff(double h1, double h2)
{
    double d = fabs(h1 - h2);
    return d > 180 ? 360 - d : d;
}
