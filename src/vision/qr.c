/* QR codes from camera frames with zbar (see qr.h). */
#include "vision/qr.h"

#include <stdlib.h>
#include <string.h>
#include <zbar.h>

struct gb_qr_reader {
    zbar_image_scanner_t *scanner;
    int max_side;
    unsigned char *grey; /* reused between frames */
    size_t grey_cap;
};

gb_qr_reader *gb_qr_reader_new(int max_side, gb_err *err)
{
    gb_qr_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->scanner = zbar_image_scanner_create())) {
        free(r);
        gb_err_set(err, "out of memory (QR reader)");
        return NULL;
    }
    r->max_side = max_side > 0 ? max_side : 1280;
    /* Only QR: the collection code is a QR code, and every other symbology
     * costs time per frame and can misread a shirt pattern as a barcode. */
    zbar_image_scanner_set_config(r->scanner, 0, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(r->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(r->scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    return r;
}

void gb_qr_reader_free(gb_qr_reader *r)
{
    if (!r)
        return;
    zbar_image_scanner_destroy(r->scanner);
    free(r->grey);
    free(r);
}

/* 1 when p[0..n) is UTF-8 text without control characters (a tab is
 * allowed): what a collection code can be. */
static int printable_utf8(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return 0;
            i++;
            continue;
        }
        size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (!len || i + len > n)
            return 0;
        unsigned cp = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += len;
    }
    return 1;
}

/* The frame as 8-bit luma, shrunk by a power of two (box filter) until its
 * longer side fits max_side. */
static int to_grey(gb_qr_reader *r, const gb_image *f, int *gw, int *gh)
{
    int k = 1;
    while ((f->width > f->height ? f->width : f->height) / k > r->max_side && k < 16)
        k *= 2;
    int w = f->width / k, h = f->height / k;
    if (w < 1 || h < 1)
        return -1;
    size_t need = (size_t)w * (size_t)h;
    if (need > r->grey_cap) {
        unsigned char *g = realloc(r->grey, need);
        if (!g)
            return -1;
        r->grey = g;
        r->grey_cap = need;
    }
    for (int y = 0; y < h; y++) {
        unsigned char *dst = r->grey + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++) {
            unsigned sum = 0;
            for (int dy = 0; dy < k; dy++) {
                const unsigned char *p = gb_image_px(f, x * k, y * k + dy);
                for (int dx = 0; dx < k; dx++, p += 3)
                    sum += (77u * p[0] + 150u * p[1] + 29u * p[2]) >> 8; /* BT.601 luma */
            }
            dst[x] = (unsigned char)(sum / (unsigned)(k * k));
        }
    }
    *gw = w;
    *gh = h;
    return 0;
}

static int scan_once(gb_qr_reader *r, const gb_image *f, char *out, size_t size, gb_err *err)
{
    int w, h;
    if (to_grey(r, f, &w, &h) < 0) {
        gb_err_set(err, "out of memory (QR reader, %dx%d frame)", f->width, f->height);
        return -1;
    }
    zbar_image_t *img = zbar_image_create();
    if (!img) {
        gb_err_set(err, "out of memory (QR reader)");
        return -1;
    }
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_image_set_data(img, r->grey, (unsigned long)w * (unsigned long)h, NULL);
    int n = zbar_scan_image(r->scanner, img);
    int rc = GB_QR_NONE;
    for (const zbar_symbol_t *s = n > 0 ? zbar_image_first_symbol(img) : NULL; s; s = zbar_symbol_next(s)) {
        if (zbar_symbol_get_type(s) != ZBAR_QRCODE)
            continue;
        const unsigned char *data = (const unsigned char *)zbar_symbol_get_data(s);
        size_t len = zbar_symbol_get_data_length(s);
        if (len == 0 || len >= size) {
            gb_err_set(err, "QR code payload of %zu bytes (at most %zu)", len, size - 1);
            rc = GB_QR_REFUSED;
            continue;
        }
        if (!printable_utf8(data, len)) {
            gb_err_set(err, "QR code payload is not UTF-8 text");
            rc = GB_QR_REFUSED;
            continue;
        }
        memcpy(out, data, len);
        out[len] = 0;
        rc = GB_QR_FOUND;
        break;
    }
    /* zbar keeps per-image results; the data pointer is ours (grey), so no
     * cleanup handler. */
    zbar_image_destroy(img);
    return rc;
}

int gb_qr_scan(gb_qr_reader *r, const gb_image *frame, char *out, size_t size, gb_err *err)
{
    if (size)
        out[0] = 0;
    if (!r || !frame || size < 2) {
        gb_err_set(err, "QR scan: no reader, frame or room for the payload");
        return -1;
    }
    return scan_once(r, frame, out, size, err);
}
