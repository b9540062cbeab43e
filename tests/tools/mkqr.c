/* Makes the picture a camera sees when a student holds a phone with a QR
 * code up to it: a background photo (or grey) with a phone in front, its
 * screen showing the code. For the kiosk's scripted tests (show-photo) and
 * the demo.
 *
 * usage: gb_mkqr OUT.png PAYLOAD [BACKGROUND] [MODULE_PX]
 *   PAYLOAD is encoded byte for byte (8-bit mode, level M); "-" reads it
 *   from stdin (no trailing newline is added or removed). The phone is
 *   drawn in the middle of the picture; MODULE_PX (default 4) is the size
 *   of one QR module in the picture.
 */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/decode.h"
#include "image/fileread.h"
#include "image/png.h"

static void fill(gb_image *img, int x0, int y0, int w, int h, unsigned char v)
{
    for (int y = y0 < 0 ? 0 : y0; y < y0 + h && y < img->height; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x0 + w && x < img->width; x++)
            memset(gb_image_px(img, x, y), v, 3);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gb_mkqr OUT.png PAYLOAD [BACKGROUND] [MODULE_PX]\n");
        return 2;
    }
    char buf[4096];
    const char *payload = argv[2];
    size_t plen = strlen(payload);
    if (strcmp(payload, "-") == 0) {
        plen = fread(buf, 1, sizeof buf, stdin);
        payload = buf;
    }
    gb_err err;
    gb_image *img = NULL;
    if (argc > 3 && argv[3][0]) {
        unsigned char *data = NULL;
        size_t len = 0;
        if (gb_file_read(argv[3], 64u << 20, &data, &len, &err) < 0 ||
            gb_image_decode(data, len, NULL, &img, NULL, &err) < 0) {
            fprintf(stderr, "gb_mkqr: %s: %s\n", argv[3], err.msg);
            free(data);
            return 1;
        }
        free(data);
    } else {
        img = gb_image_new(960, 720);
        if (!img)
            return 1;
        fill(img, 0, 0, img->width, img->height, 128);
    }
    int module = argc > 4 ? atoi(argv[4]) : 4;
    QRcode *q = QRcode_encodeData((int)plen, (const unsigned char *)payload, 0, QR_ECLEVEL_M);
    if (!q || module < 1) {
        fprintf(stderr, "gb_mkqr: cannot encode %zu bytes\n", plen);
        return 1;
    }
    int n = q->width, screen = (n + 8) * module, bezel = module * 3;
    int pw = screen + 2 * bezel, ph = screen * 16 / 9 + 2 * bezel;
    int px = (img->width - pw) / 2, py = (img->height - ph) / 2;
    fill(img, px, py, pw, ph, 25);                                       /* the phone */
    fill(img, px + bezel, py + bezel, screen, ph - 2 * bezel, 245);     /* its screen */
    int qx = px + bezel, qy = py + (ph - screen) / 2;
    for (int my = 0; my < n; my++)
        for (int mx = 0; mx < n; mx++)
            if (q->data[my * n + mx] & 1)
                fill(img, qx + (mx + 4) * module, qy + (my + 4) * module, module, module, 15);
    QRcode_free(q);
    int rc = gb_png_write_file(img, argv[1], &err);
    if (rc < 0)
        fprintf(stderr, "gb_mkqr: %s\n", err.msg);
    gb_image_free(img);
    return rc < 0 ? 1 : 0;
}
