/* Reading a whole file, carefully: a size cap, a clear error for folders,
 * FIFOs and devices (opened without blocking, so a FIFO never hangs), and a
 * NUL after the data so text callers can use it as a string. The one
 * reader of GradBooth: photos, rosters, configuration (the store's
 * gb_read_file and the camera's file backend call it). */
#ifndef GB_IMAGE_FILEREAD_H
#define GB_IMAGE_FILEREAD_H

#include <stddef.h>

#include "core/err.h"

int gb_file_read(const char *path, size_t max, unsigned char **data, size_t *len, gb_err *err);

#endif
