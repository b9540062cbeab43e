/* Finding roster files under the USB mount folders (roster_files.h). A
 * depth-first walk with openat/fstatat, so a path is never rebuilt from
 * pieces the walk did not see; the newest max are kept in a sorted array
 * as they are found. */
#include "store/roster_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct walk {
    gb_found_file *out;
    int max, n, total;
    int left; /* entries that may still be looked at */
} walk;

static int roster_like(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".tsv") == 0);
}

static int newer(const gb_found_file *a, const gb_found_file *b)
{
    if (a->mtime != b->mtime)
        return a->mtime > b->mtime;
    return strcmp(a->path, b->path) < 0;
}

static void keep(walk *w, const char *path, const struct stat *sb)
{
    w->total++;
    gb_found_file f = {.bytes = (long long)sb->st_size, .mtime = sb->st_mtime};
    if (snprintf(f.path, sizeof f.path, "%s", path) >= (int)sizeof f.path)
        return; /* a path this long is not one staff would pick */
    int i = w->n;
    if (i == w->max) {
        if (!w->max || !newer(&f, &w->out[w->max - 1]))
            return;
        i--;
    } else {
        w->n++;
    }
    while (i > 0 && newer(&f, &w->out[i - 1])) {
        w->out[i] = w->out[i - 1];
        i--;
    }
    w->out[i] = f;
}

static void walk_dir(walk *w, int fd, const char *path, int level, int depth)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *e;
    while (w->left > 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden ones such as .Trash-1000 */
        w->left--;
        char sub[1024];
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub)
            continue;
        struct stat sb;
        if (fstatat(fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (S_ISLNK(sb.st_mode)) {
            /* a link to a file is fine; a link to a folder could loop */
            if (fstatat(fd, e->d_name, &sb, 0) < 0 || !S_ISREG(sb.st_mode))
                continue;
        }
        if (S_ISREG(sb.st_mode)) {
            if (roster_like(e->d_name))
                keep(w, sub, &sb);
        } else if (S_ISDIR(sb.st_mode) && level < depth) {
            int sub_fd = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub_fd >= 0)
                walk_dir(w, sub_fd, sub, level + 1, depth);
        }
    }
    closedir(d);
}

int gb_roster_files_find(const gb_find_opts *opts, gb_found_file *out, int max, int *total)
{
    walk w = {.out = out, .max = max, .left = opts->max_entries};
    const char *p = opts->roots;
    while (p && *p) {
        size_t k = strcspn(p, ",");
        char root[1024];
        const char *a = p, *b = p + k;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        while (b > a + 1 && b[-1] == '/') /* "/media/" lists as /media/x.csv, "/" stays */
            b--;
        if (b > a && (size_t)(b - a) < sizeof root) {
            memcpy(root, a, (size_t)(b - a));
            root[b - a] = 0;
            int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd >= 0 && opts->depth > 0)
                walk_dir(&w, fd, root, 1, opts->depth);
            else if (fd >= 0)
                close(fd);
        }
        p += k;
        if (*p == ',')
            p++;
    }
    *total = w.total;
    return w.n;
}
