/* Files that must survive a crash or power cut. */
#ifndef GB_STORE_FILEIO_H
#define GB_STORE_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "core/err.h"

/* Writes data to dir/name atomically: a temp file in the same folder,
 * write all, fsync, rename over the name, fsync the folder. On failure
 * (disk full, I/O error) the temp file is removed and nothing under `name`
 * changed. */
int gb_write_atomic(const char *dir, const char *name, const void *data, size_t len, gb_err *err);

/* mkdir -p with the given mode; existing folders are fine. */
int gb_mkdir_p(const char *path, mode_t mode, gb_err *err);

/* Reads a whole file (at most max bytes) into a malloc'd buffer with a NUL
 * after the data. */
int gb_read_file(const char *path, size_t max, unsigned char **data, size_t *len, gb_err *err);

/* Removes ".tmp-*" files older than min_age_s, left by writes that died
 * before their rename, in dir and its immediate subfolders. Returns how
 * many it removed. */
int gb_sweep_temp_files(const char *dir, long min_age_s);

/* Whether dir or its immediate subfolders hold any regular file. */
int gb_dir_has_files(const char *dir);

/* Calls fn for each regular file (not ".tmp-*") in dir and its immediate
 * subfolders, with the path relative to base (e.g. "photos/K01-.../x.jpg"). */
void gb_dir_each_file(const char *base, const char *rel, void (*fn)(const char *rel_path, void *user), void *user);

#endif
