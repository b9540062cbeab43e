#include "image/fileread.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int gb_file_read(const char *path, size_t max, unsigned char **data, size_t *len, gb_err *err)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO or a device must not hang; it is refused
     * below as not a regular file. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        gb_err_set(err, "%s: cannot open (%s)", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        gb_err_set(err, "%s: %s", path, S_ISDIR(sb.st_mode) ? "is a folder, not a file" : "not a regular file");
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if ((unsigned long long)sb.st_size > max) {
        gb_err_set(err, "%s: %lld bytes is more than the %zu byte limit", path,
                   (long long)sb.st_size, max);
        close(fd);
        return -1;
    }
    size_t cap = (size_t)sb.st_size + 1;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        gb_err_set(err, "%s: out of memory", path);
        close(fd);
        return -1;
    }
    size_t used = 0;
    for (;;) {
        if (used + 1 >= cap) {
            if (cap > max + 1) {
                gb_err_set(err, "%s: grew past the limit of %zu bytes while reading", path, max);
                goto fail;
            }
            unsigned char *nb = realloc(buf, cap * 2);
            if (!nb) {
                gb_err_set(err, "%s: out of memory", path);
                goto fail;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + used, cap - used - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            gb_err_set(err, "%s: read failed: %s", path, strerror(errno));
            goto fail;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    close(fd);
    buf[used] = 0;
    *data = buf;
    *len = used;
    return 0;
fail:
    free(buf);
    close(fd);
    return -1;
}
