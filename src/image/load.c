/* Reading a photo file whole, with a size cap, then decoding it. The image
 * layer sits under store, so it has its own small reader. */
#include "image/decode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_all(const char *path, size_t cap, unsigned char **data, size_t *len, gb_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        gb_err_set(err, "%s: cannot open (%s)", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        gb_err_set(err, "%s: not a regular file", path);
        close(fd);
        return -1;
    }
    if ((unsigned long long)st.st_size > cap) {
        gb_err_set(err, "%s: %lld bytes is more than the %zu byte limit for a photo", path,
                   (long long)st.st_size, cap);
        close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size, got = 0;
    unsigned char *buf = malloc(n ? n : 1);
    if (!buf) {
        gb_err_set(err, "%s: out of memory for %zu bytes", path, n);
        close(fd);
        return -1;
    }
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            gb_err_set(err, "%s: read failed (%s)", path, r < 0 ? strerror(errno) : "file shrank while reading");
            free(buf);
            close(fd);
            return -1;
        }
        got += (size_t)r;
    }
    close(fd);
    *data = buf;
    *len = n;
    return 0;
}

int gb_image_load_file(const char *path, const gb_decode_opts *opts, gb_image **out, gb_image_info *info,
                       gb_err *err)
{
    *out = NULL;
    size_t cap = opts && opts->max_file_bytes ? opts->max_file_bytes : GB_DECODE_DEFAULT_MAX_FILE_BYTES;
    unsigned char *data;
    size_t len;
    if (read_all(path, cap, &data, &len, err) < 0)
        return -1;
    int rc = gb_image_decode(data, len, opts, out, info, err);
    free(data);
    if (rc < 0)
        gb_err_prefix(err, "%s", path);
    return rc;
}
