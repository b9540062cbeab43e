/* Reading the EXIF orientation tag with libexif. */
#include "image/orient.h"

#include <libexif/exif-data.h>
#include <limits.h>

int gb_jpeg_exif_orientation(const unsigned char *data, size_t len)
{
    if (!data || len < 4)
        return 1;
    ExifData *ed = exif_data_new();
    if (!ed)
        return 1;
    /* We only read one tag; don't let libexif "repair" the rest. */
    exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    /* libexif walks the JPEG's APPn segments itself to find "Exif\0\0". */
    exif_data_load_data(ed, data, len > UINT_MAX ? UINT_MAX : (unsigned)len);
    int o = 1;
    /* IFD0 describes the main image; IFD1 (the thumbnail) may carry its own tag. */
    ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->data && e->size >= 2) {
        ExifShort v = exif_get_short(e->data, exif_data_get_byte_order(ed));
        if (v >= 1 && v <= 8)
            o = v;
    }
    exif_data_unref(ed);
    return o;
}
