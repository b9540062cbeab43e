/* Roster files on a USB stick: staff plug one in and pick the school's
 * list on the kiosk (the staff roster screen). The stick is mounted by the
 * desktop or udisks under a few well-known folders ([staff] usb_roots);
 * this finds the roster-like files there, newest first. Nothing is read
 * but folder entries and file sizes. */
#ifndef GB_STORE_ROSTER_FILES_H
#define GB_STORE_ROSTER_FILES_H

#include <stddef.h>
#include <time.h>

typedef struct gb_found_file {
    char path[1024];
    long long bytes;
    time_t mtime;
} gb_found_file;

typedef struct gb_find_opts {
    const char *roots; /* folders, comma separated ("/media,/run/media,/mnt") */
    int depth;         /* folder levels searched: a file directly in a root is level 1 */
    int max_entries;   /* folder entries looked at in all, a guard against a huge tree */
} gb_find_opts;

/* Finds files ending in .csv, .txt or .tsv (any case) under the roots.
 * Hidden files and folders (".Trash-1000") and symbolic links to folders
 * are skipped, so are folders that cannot be read (a root that does not
 * exist is normal: no stick). Writes the max newest into out, newest first
 * (ties by path), and returns how many; *total gets how many were found. */
int gb_roster_files_find(const gb_find_opts *opts, gb_found_file *out, int max, int *total);

#endif
