/* Any PNG into 8-bit RGB through libpng's transforms; transparency is
 * composited on white, which is how every viewer (and the student) saw it. */
#include "image/png.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct png_job {
    const unsigned char *data;
    size_t len, pos;
    double max_mp;
    gb_err *err;

    png_structp png;
    png_infop info;
    unsigned char *buf; /* RGBA: one row, or the whole image when interlaced */
    png_bytep *rows;
    gb_image *img;
    int truncated;
    char msg[256];
} png_job;

static void on_error(png_structp png, png_const_charp msg)
{
    png_job *j = png_get_error_ptr(png);
    snprintf(j->msg, sizeof j->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    /* Warnings are about ancillary chunks (colour profiles, text) that we
     * ignore anyway; a library does not print. */
    (void)png;
    (void)msg;
}

static void read_mem(png_structp png, png_bytep out, size_t n)
{
    png_job *j = png_get_io_ptr(png);
    if (n > j->len - j->pos) {
        j->truncated = 1;
        png_error(png, "unexpected end of data");
    }
    memcpy(out, j->data + j->pos, n);
    j->pos += n;
}

/* "over white": out = c*a + 255*(1-a), rounded. */
static void composite_row(const unsigned char *rgba, unsigned char *rgb, int w)
{
    for (int x = 0; x < w; x++, rgba += 4, rgb += 3) {
        unsigned a = rgba[3], bg = 255u * (255u - a);
        for (int c = 0; c < 3; c++)
            rgb[c] = (unsigned char)((rgba[c] * a + bg + 127u) / 255u);
    }
}

/* All libpng calls that may longjmp, with all state in *j (see jpeg_region.c). */
static int run(png_job *j)
{
    if (setjmp(png_jmpbuf(j->png))) {
        if (j->truncated)
            gb_err_set(j->err, "the PNG data ends early: the file is truncated or damaged");
        else
            gb_err_set(j->err, "the PNG data cannot be decoded (%s)", j->msg);
        return -1;
    }
    png_set_read_fn(j->png, j, read_mem);
    png_read_info(j->png, j->info);
    png_uint_32 w = png_get_image_width(j->png, j->info), h = png_get_image_height(j->png, j->info);
    if (gb_image_check_dims(GB_FMT_PNG, w, h, j->max_mp, j->err) < 0)
        return -1;
    int ct = png_get_color_type(j->png, j->info);
    /* To 8-bit RGBA whatever came in: palettes and grey below 8 bits expand,
     * a tRNS chunk becomes alpha, 16 bits are scaled with rounding (not
     * truncated), grey is copied into R, G and B, opaque images get A=255. */
    png_set_expand(j->png);
    png_set_scale_16(j->png);
    png_set_gray_to_rgb(j->png);
    if (!(ct & PNG_COLOR_MASK_ALPHA) && !png_get_valid(j->png, j->info, PNG_INFO_tRNS))
        png_set_add_alpha(j->png, 0xFF, PNG_FILLER_AFTER);
    int passes = png_set_interlace_handling(j->png);
    png_read_update_info(j->png, j->info);
    if (png_get_channels(j->png, j->info) != 4 || png_get_rowbytes(j->png, j->info) != (size_t)w * 4) {
        gb_err_set(j->err, "the PNG could not be converted to 8-bit RGBA");
        return -1;
    }
    if (!(j->img = gb_image_new_err((int)w, (int)h, j->err)))
        return -1;
    /* Interlaced images arrive in 7 passes over the whole picture and need
     * all of it in memory; others go one row at a time. */
    size_t nrows = passes > 1 ? h : 1;
    j->buf = malloc(nrows * w * 4);
    j->rows = malloc(nrows * sizeof *j->rows);
    if (!j->buf || !j->rows) {
        gb_err_set(j->err, "out of memory for a %ux%u PNG", (unsigned)w, (unsigned)h);
        return -1;
    }
    for (size_t r = 0; r < nrows; r++)
        j->rows[r] = j->buf + r * w * 4;
    if (passes > 1) {
        png_read_image(j->png, j->rows);
        for (png_uint_32 y = 0; y < h; y++)
            composite_row(j->rows[y], gb_image_px(j->img, 0, (int)y), (int)w);
    } else {
        for (png_uint_32 y = 0; y < h; y++) {
            png_read_row(j->png, j->buf, NULL);
            composite_row(j->buf, gb_image_px(j->img, 0, (int)y), (int)w);
        }
    }
    /* Reads to IEND, so a file cut after the pixels is still refused. */
    png_read_end(j->png, NULL);
    return 0;
}

int gb_png_decode(const unsigned char *data, size_t len, const gb_decode_opts *opts, gb_image **out,
                  gb_image_info *info, gb_err *err)
{
    *out = NULL;
    png_job j = {.data = data, .len = len, .max_mp = opts ? opts->max_megapixels : 0, .err = err};
    j.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &j, on_error, on_warning);
    if (j.png)
        j.info = png_create_info_struct(j.png);
    int rc = -1;
    if (!j.png || !j.info)
        gb_err_set(err, "cannot start the PNG decoder (out of memory)");
    else
        rc = run(&j);
    png_destroy_read_struct(&j.png, &j.info, NULL);
    free(j.buf);
    free(j.rows);
    if (rc < 0) {
        gb_image_free(j.img);
        return -1;
    }
    *out = j.img;
    if (info)
        *info = (gb_image_info){GB_FMT_PNG, j.img->width, j.img->height, 1, 1, 1};
    return 0;
}
