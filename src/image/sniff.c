#include "image/sniff.h"

#include <string.h>

/* HEIF and AVIF share the ISO base media file format: a box of
 * [size:4]["ftyp"][major brand:4][minor version:4][compatible brands:4 each].
 * AVIF files often carry the generic "mif1" major brand with "avif" among the
 * compatible ones, so every brand in the box is looked at, AVIF first. */
static gb_image_format sniff_ftyp(const unsigned char *d, size_t len)
{
    if (len < 16 || memcmp(d + 4, "ftyp", 4) != 0)
        return GB_FMT_UNKNOWN;
    size_t box = ((size_t)d[0] << 24) | ((size_t)d[1] << 16) | ((size_t)d[2] << 8) | d[3];
    if (box < 16 || box > 4096)
        return GB_FMT_UNKNOWN;
    if (box > len)
        box = len;
    static const char *const avif[] = {"avif", "avis"};
    static const char *const heif[] = {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"};
    gb_image_format found = GB_FMT_UNKNOWN;
    for (size_t off = 8; off + 4 <= box; off += 4) {
        if (off == 12)
            continue; /* minor version, not a brand */
        for (size_t i = 0; i < sizeof avif / sizeof avif[0]; i++)
            if (memcmp(d + off, avif[i], 4) == 0)
                return GB_FMT_AVIF;
        for (size_t i = 0; i < sizeof heif / sizeof heif[0]; i++)
            if (memcmp(d + off, heif[i], 4) == 0)
                found = GB_FMT_HEIF;
    }
    return found; /* other brands (isom, qt, mp42) are videos: unknown */
}

/* "BM" alone is two common letters; the DIB header size that follows the
 * 14-byte file header must be one of the sizes Windows ever defined. */
static int is_bmp(const unsigned char *d, size_t len)
{
    if (len < 18 || d[0] != 'B' || d[1] != 'M')
        return 0;
    unsigned dib = d[14] | (d[15] << 8) | ((unsigned)d[16] << 16) | ((unsigned)d[17] << 24);
    return dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

gb_image_format gb_image_sniff(const unsigned char *d, size_t len)
{
    if (!d)
        return GB_FMT_UNKNOWN;
    if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return GB_FMT_JPEG;
    if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return GB_FMT_PNG;
    if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return GB_FMT_WEBP;
    if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
        return GB_FMT_GIF;
    if (is_bmp(d, len))
        return GB_FMT_BMP;
    /* classic TIFF (42) and BigTIFF (43), both byte orders */
    if (len >= 4 && ((d[0] == 'I' && d[1] == 'I' && (d[2] == 42 || d[2] == 43) && d[3] == 0) ||
                     (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && (d[3] == 42 || d[3] == 43))))
        return GB_FMT_TIFF;
    if ((len >= 2 && d[0] == 0xFF && d[1] == 0x0A) ||
        (len >= 12 && memcmp(d, "\0\0\0\x0cJXL \r\n\x87\n", 12) == 0))
        return GB_FMT_JXL;
    return sniff_ftyp(d, len);
}

const char *gb_image_format_name(gb_image_format fmt)
{
    switch (fmt) {
    case GB_FMT_JPEG: return "JPEG";
    case GB_FMT_PNG: return "PNG";
    case GB_FMT_WEBP: return "WebP";
    case GB_FMT_GIF: return "GIF";
    case GB_FMT_BMP: return "BMP";
    case GB_FMT_TIFF: return "TIFF";
    case GB_FMT_HEIF: return "HEIF (HEIC)";
    case GB_FMT_AVIF: return "AVIF";
    case GB_FMT_JXL: return "JPEG XL";
    case GB_FMT_UNKNOWN: break;
    }
    return "unknown";
}

int gb_image_check_supported(const unsigned char *data, size_t len, gb_image_format *fmt, gb_err *err)
{
    gb_image_format f = gb_image_sniff(data, len);
    if (fmt)
        *fmt = f;
    if (!data || len == 0) {
        gb_err_set(err, "the image is empty (0 bytes)");
        return -1;
    }
    /* No real JPEG or PNG is this small (the smallest valid PNG is 67
     * bytes): the file was cut short, whatever its first bytes say. */
    if (len < 32) {
        gb_err_set(err, "the image is only %zu bytes, too short to be a photo; the file is cut short or damaged",
                   len);
        return -1;
    }
    if (f == GB_FMT_JPEG || f == GB_FMT_PNG || f == GB_FMT_WEBP)
        return 0;
    if (f != GB_FMT_UNKNOWN) {
        gb_err_set(err, "%s is not supported; save the photo as JPEG, PNG or WebP", gb_image_format_name(f));
        return -1;
    }
    gb_err_set(err, "the data is not a JPEG, PNG or WebP image (it starts with bytes %02X %02X %02X %02X)",
               data[0], data[1], data[2], data[3]);
    return -1;
}
