/* Reading a photo file whole, with a size cap, then decoding it. */
#include "image/decode.h"
#include "image/fileread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int gb_image_load_file(const char *path, const gb_decode_opts *opts, gb_image **out, gb_image_info *info,
                       gb_err *err)
{
    *out = NULL;
    size_t cap = opts && opts->max_file_bytes ? opts->max_file_bytes : GB_DECODE_DEFAULT_MAX_FILE_BYTES;
    unsigned char *data;
    size_t len;
    if (gb_file_read(path, cap, &data, &len, err) < 0)
        return -1;
    int rc = gb_image_decode(data, len, opts, out, info, err);
    free(data);
    if (rc < 0)
        gb_err_prefix(err, "%s", path);
    return rc;
}
