#include "image/jpeg_internal.h"

#include <string.h>

static void error_exit(j_common_ptr cinfo)
{
    gb_jpeg_errmgr *m = (gb_jpeg_errmgr *)cinfo->err;
    cinfo->err->format_message(cinfo, m->msg);
    longjmp(m->jump, 1);
}

static void emit_message(j_common_ptr cinfo, int level)
{
    gb_jpeg_errmgr *m = (gb_jpeg_errmgr *)cinfo->err;
    if (level >= 0)
        return; /* trace messages: ignored, libraries don't print */
    if (m->warnings++ == 0)
        cinfo->err->format_message(cinfo, m->msg);
}

static void output_message(j_common_ptr cinfo)
{
    (void)cinfo; /* never to stderr */
}

struct jpeg_error_mgr *gb_jpeg_errmgr_init(gb_jpeg_errmgr *m)
{
    memset(m, 0, sizeof *m);
    struct jpeg_error_mgr *e = jpeg_std_error(&m->pub);
    e->error_exit = error_exit;
    e->emit_message = emit_message;
    e->output_message = output_message;
    return e;
}

static void progress(j_common_ptr cinfo)
{
    if (cinfo->is_decompressor) {
        j_decompress_ptr d = (j_decompress_ptr)cinfo;
        if (d->input_scan_number > 500) {
            gb_jpeg_errmgr *m = (gb_jpeg_errmgr *)cinfo->err;
            snprintf(m->msg, sizeof m->msg, "progressive JPEG with more than 500 scans");
            longjmp(m->jump, 1);
        }
    }
}

void gb_jpeg_limit_scans(j_decompress_ptr cinfo, gb_jpeg_errmgr *m)
{
    m->progress.progress_monitor = progress;
    cinfo->progress = &m->progress;
}

void gb_jpeg_damage(const char *msg, gb_err *err)
{
    /* libjpeg says "Premature end of JPEG file" or "... premature end of
     * data segment" when the data stops: name the likely cause. */
    if (strstr(msg, "remature end"))
        gb_err_set(err, "the JPEG data ends early (%s): the file is truncated or damaged", msg);
    else
        gb_err_set(err, "the JPEG data is damaged (%s)", msg);
}
