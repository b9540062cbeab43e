/* 8-bit RGB PNG out through libpng, into memory; the file writer is a thin
 * wrapper so screenshots and debug dumps share one encoder. */
#include "image/png.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct png_out {
    const gb_image *img;
    gb_err *err;
    png_structp png;
    png_infop info;
    unsigned char *buf;
    size_t len, cap;
    int oom;
    char msg[256];
} png_out;

static void on_error(png_structp png, png_const_charp msg)
{
    png_out *o = png_get_error_ptr(png);
    snprintf(o->msg, sizeof o->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void write_mem(png_structp png, png_bytep data, size_t n)
{
    png_out *o = png_get_io_ptr(png);
    if (n > o->cap - o->len) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap - o->len < n)
            cap *= 2;
        unsigned char *b = realloc(o->buf, cap);
        if (!b) {
            o->oom = 1;
            png_error(png, "out of memory");
        }
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, data, n);
    o->len += n;
}

static void flush_mem(png_structp png)
{
    (void)png;
}

static int run(png_out *o)
{
    if (setjmp(png_jmpbuf(o->png))) {
        gb_err_set(o->err, "PNG encoding failed (%s)", o->msg);
        return -1;
    }
    png_set_write_fn(o->png, o, write_mem, flush_mem);
    png_set_IHDR(o->png, o->info, (png_uint_32)o->img->width, (png_uint_32)o->img->height, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(o->png, o->info);
    for (int y = 0; y < o->img->height; y++)
        png_write_row(o->png, gb_image_px(o->img, 0, y));
    png_write_end(o->png, o->info);
    return 0;
}

int gb_png_encode(const gb_image *img, unsigned char **out, size_t *out_len, gb_err *err)
{
    *out = NULL;
    *out_len = 0;
    png_out o = {.img = img, .err = err};
    o.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &o, on_error, on_warning);
    if (o.png)
        o.info = png_create_info_struct(o.png);
    int rc = -1;
    if (!o.png || !o.info)
        gb_err_set(err, "cannot start the PNG encoder (out of memory)");
    else
        rc = run(&o);
    png_destroy_write_struct(&o.png, &o.info);
    if (rc < 0) {
        free(o.buf);
        return -1;
    }
    *out = o.buf;
    *out_len = o.len;
    return 0;
}

int gb_png_write_file(const gb_image *img, const char *path, gb_err *err)
{
    unsigned char *buf;
    size_t len;
    if (gb_png_encode(img, &buf, &len, err) < 0) {
        gb_err_prefix(err, "%s", path);
        return -1;
    }
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(buf, 1, len, f) == len;
    int saved = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    free(buf);
    if (!ok) {
        gb_err_set(err, "%s: cannot write the PNG (%s)", path, strerror(saved));
        return -1;
    }
    return 0;
}
