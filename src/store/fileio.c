#include "store/fileio.h"

#include "image/fileread.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_PREFIX ".tmp-"

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int gb_write_atomic(const char *dir, const char *name, const void *data, size_t len, gb_err *err)
{
    char tmp[1024], final[1024];
    if (snprintf(tmp, sizeof tmp, "%s/" TEMP_PREFIX "%s.XXXXXX", dir, name) >= (int)sizeof tmp ||
        snprintf(final, sizeof final, "%s/%s", dir, name) >= (int)sizeof final) {
        gb_err_set(err, "%s/%s: path too long", dir, name);
        return -1;
    }
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        gb_err_set(err, "%s: cannot create a file: %s", dir, strerror(errno));
        return -1;
    }
    /* mkostemp makes 0600; photos and data are for the kiosk's group too
     * (the process umask still applies). */
    fchmod(fd, 0640);
    const unsigned char *p = data;
    size_t left = len;
    const char *step = "write";
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        p += n;
        left -= (size_t)n;
    }
    step = "fsync";
    if (fsync(fd) < 0)
        goto fail;
    step = "close";
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    step = "rename";
    if (rename(tmp, final) < 0)
        goto fail;
    /* Without this the rename itself may be lost on power failure. */
    if (fsync_dir(dir) < 0) {
        gb_err_set(err, "%s: fsync of the folder failed: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    gb_err_set(err, "%s: %s failed: %s", final, step, strerror(saved));
    return -1;
}

int gb_mkdir_p(const char *path, mode_t mode, gb_err *err)
{
    char buf[1024];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        gb_err_set(err, "%s: path too long", path);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(buf, mode) < 0 && errno != EEXIST) {
                gb_err_set(err, "%s: cannot create folder: %s", buf, strerror(errno));
                return -1;
            }
            *p = c;
            if (!c)
                break;
        }
    }
    struct stat sb;
    if (stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
        gb_err_set(err, "%s: exists but is not a folder", path);
        return -1;
    }
    return 0;
}

int gb_read_file(const char *path, size_t max, unsigned char **data, size_t *len, gb_err *err)
{
    return gb_file_read(path, max, data, len, err);
}

static int sweep_one(const char *dir, int depth, long min_age_s)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (strncmp(e->d_name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0) {
            /* Another process may be writing this one right now; a crash
             * leftover is old. */
            if (stat(path, &sb) == 0 && time(NULL) - sb.st_mtime > min_age_s && unlink(path) == 0)
                removed++;
        } else if (depth > 0 && e->d_type == DT_DIR) {
            removed += sweep_one(path, depth - 1, min_age_s);
        }
    }
    closedir(d);
    return removed;
}

int gb_sweep_temp_files(const char *dir, long min_age_s) { return sweep_one(dir, 1, min_age_s); }

static void count_one(const char *rel, void *user)
{
    (void)rel;
    (*(int *)user)++;
}

int gb_dir_has_files(const char *dir)
{
    int n = 0;
    char base[1024];
    snprintf(base, sizeof base, "%s", dir);
    gb_dir_each_file(base, "", count_one, &n);
    return n > 0;
}

static void each(const char *base, const char *rel, int depth, void (*fn)(const char *, void *), void *user)
{
    char dir[1400];
    snprintf(dir, sizeof dir, "%s%s%s", base, rel[0] ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and .tmp- files */
        char sub[1400];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        char full[2900];
        snprintf(full, sizeof full, "%s/%s", base, sub);
        struct stat sb;
        if (stat(full, &sb) < 0)
            continue;
        if (S_ISREG(sb.st_mode))
            fn(sub, user);
        else if (S_ISDIR(sb.st_mode) && depth > 0)
            each(base, sub, depth - 1, fn, user);
    }
    closedir(d);
}

void gb_dir_each_file(const char *base, const char *rel, void (*fn)(const char *rel_path, void *user), void *user)
{
    each(base, rel, 2, fn, user);
}
