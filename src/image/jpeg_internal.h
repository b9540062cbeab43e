/* Shared by the JPEG files of src/image only: the libjpeg error manager and
 * the wording of damage reports, so the TurboJPEG and libjpeg paths refuse
 * the same files with the same sentences. */
#ifndef GB_IMAGE_JPEG_INTERNAL_H
#define GB_IMAGE_JPEG_INTERNAL_H

#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE and size_t first */

#include <jpeglib.h>
#include <jerror.h>

#include "core/err.h"

/* libjpeg's default error_exit calls exit(); ours longjmps back to the
 * caller's setjmp with the message kept. Warnings (corrupt or missing
 * entropy data, which libjpeg papers over with grey) are counted and the
 * first one kept, so the caller can refuse the picture. */
typedef struct gb_jpeg_errmgr {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int warnings;
    char msg[JMSG_LENGTH_MAX];
    struct jpeg_progress_mgr progress;
} gb_jpeg_errmgr;

/* Installs the manager on cinfo (call before jpeg_create_*). */
struct jpeg_error_mgr *gb_jpeg_errmgr_init(gb_jpeg_errmgr *m);

/* Refuses progressive files with absurd scan counts (the TJFLAG_LIMITSCANS
 * rule: more than 500 scans is a CPU bomb, not a photo). */
void gb_jpeg_limit_scans(j_decompress_ptr cinfo, gb_jpeg_errmgr *m);

/* Sets err from a libjpeg message: "ends early ... truncated" for premature
 * end of data, "damaged" otherwise. */
void gb_jpeg_damage(const char *libjpeg_msg, gb_err *err);

#endif
