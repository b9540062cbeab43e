/* Staff: import a school's roster from a USB stick, as `gradbooth roster
 * import` does, with the same parser (core/roster.h), the same all-or-
 * nothing import (store/roster_import.h) and the same problems, in the
 * screen's language (the roster module writes each in English and
 * Chinese; the place, "file line L, column C", comes from the catalogue).
 *
 *   pick      the roster files found under [staff] usb_roots, newest first
 *             ("file-N", N counted from 0 over all of them), [staff]
 *             usb_files_listed a page ("files-prev" / "files-next"); names
 *             that are not UTF-8 (a GBK stick) decoded from GB18030 or shown
 *             with '?' for the bytes that are not text; the batch to import into ("target-N"), whether
 *             changed students are replaced ("roster-update", the CLI's
 *             --update), "roster-rescan" after plugging a stick in;
 *   checking  "roster-check" runs a dry run on a worker thread: read,
 *             parse, import into the batch and roll back;
 *   checked   what the import would add and update, or the problems by
 *             line and column, which make the import impossible (the
 *             screen says so); "roster-import" imports the roster that was
 *             checked, again on the worker thread (importing);
 *   done      the counts of the import.
 * "roster-files" goes back to the pick phase, "back" to the batches.
 *
 * Why a thread: a roster of a whole university is 50 000 rows and more,
 * and the import may wait [store] busy_timeout_ms for the database (the
 * nightly sync writing). On the UI thread that froze the screen: no
 * redraw, no input, and the idle timers ran on. The worker has its own
 * connection to the store (a connection belongs to one thread, store/
 * db.h); the screen draws what it reports (its step, rows done of rows)
 * and polls for the end in update(). The import stays one transaction:
 * nothing is written until all of it is, and a failed or cancelled one
 * ("roster-cancel") rolls back, leaving what was saved before as it was.
 *
 * No student data on screen or in the log: counts and the problem texts,
 * which never repeat a student's data. The parsed roster (names) lives
 * only between the check and the import and is freed on leave. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/roster.h"
#include "core/textenc.h"
#include "store/batch.h"
#include "store/fileio.h"
#include "store/roster_files.h"
#include "store/roster_import.h"
#include "ui/staff.h"
#include "ui/text.h"

#define TARGET_CHIPS 6 /* two rows of three; with more batches the last chip pages them */
#define PAGER_H 100 /* design pixels: the row of the file pager */
#define BAR_H 40 /* design pixels: the progress bar */

typedef enum { PH_PICK, PH_CHECKING, PH_CHECKED, PH_IMPORTING, PH_DONE } phase;

/* What the worker is doing, for the screen. */
typedef enum { STEP_READ, STEP_PARSE, STEP_ROWS } job_step;

/* One check or import in flight. The screen fills the inputs and starts
 * the thread; from then on the thread owns everything here but the atomics
 * until it sets done, and the screen takes the results after joining. */
static struct roster_job {
    pthread_t thread;
    int running; /* UI thread only: a thread was started and not joined */
    atomic_int done;
    atomic_int step;          /* job_step */
    atomic_size_t rows_total; /* known once the file is parsed */
    gb_import_watch watch;    /* rows done; cancel */
    /* in */
    int import;                   /* 0: the dry run (read and parse first); 1: the import of r */
    char path[sizeof ((gb_found_file *)0)->path];
    char data_dir[512];
    char kiosk_id[17];
    char batch_no[33];
    int busy_timeout_ms, flags;
    size_t max_rows;
    /* in (import) and out */
    gb_roster r;
    int have_roster;
    /* out */
    int rc;
    int read_failed; /* the file could not be read: err says why */
    int excel;
    gb_import_result res;
    gb_err err;
} job;

/* Waits for work in flight, asking it to stop first when cancel is set;
 * the job's roster stays in the job. Returns 1 when there was work. */
static int join_job(int cancel)
{
    if (!job.running)
        return 0;
    if (cancel)
        atomic_store(&job.watch.cancel, 1);
    pthread_join(job.thread, NULL);
    job.running = 0;
    return 1;
}

static struct {
    phase ph;
    gb_found_file *files; /* every file found, newest first */
    int nfiles;
    int page; /* of the file list */
    gb_batch *batches; /* every batch, in the store's order */
    int nb;
    int tpage; /* of the batch chips, when there are more than TARGET_CHIPS */
    int file, target; /* -1: none picked */
    int update;
    int pick_hint;        /* "pick a file and a batch" */
    double started_ms;    /* of the work in flight */
    int cancel_asked;     /* "roster-cancel" was tapped */
    int cancelled;        /* the last work was cancelled: nothing written */
    /* the check and the import */
    char name[256];    /* the file's name, as the CLI's messages name it */
    char batch_no[33]; /* the batch checked against */
    gb_roster r;
    int have_roster;
    size_t nrows;         /* of the file checked, kept after the roster is freed */
    const char *encoding; /* static text; "" when the file is not text */
    int excel;            /* the file is an Excel workbook (zip or OLE), not a CSV */
    int ok;               /* the dry run passed: the import may go ahead */
    gb_import_result res;
    /* the problem and warning lines, '\n'-separated, in each language
     * (gb_lang), so the language toggle needs no work */
    char *problems[2], *warnings[2];
    gb_msg error;
    int has_error;
    char error_arg[2][1024]; /* the error's detail in each language */
} R;

static void drop_check(void)
{
    if (R.have_roster)
        gb_roster_free(&R.r);
    R.have_roster = 0;
    for (int l = 0; l < 2; l++) {
        free(R.problems[l]);
        free(R.warnings[l]);
        R.problems[l] = R.warnings[l] = NULL;
    }
    R.ok = 0;
    R.excel = 0;
    R.has_error = 0;
    memset(&R.res, 0, sizeof R.res);
}

/* Finds every roster file: a first look counts them, a second takes them
 * all (the count is bounded by [staff] usb_scan_max_entries). */
static void scan(gb_ui *ui)
{
    gb_find_opts o = {ui->cfg.usb_roots, ui->cfg.usb_scan_depth, ui->cfg.usb_scan_max_entries};
    gb_found_file one;
    int total = 0;
    free(R.files);
    R.files = NULL;
    R.nfiles = 0;
    R.page = 0;
    gb_roster_files_find(&o, &one, 1, &total);
    if (total > 0 && (R.files = malloc((size_t)total * sizeof *R.files)))
        R.nfiles = gb_roster_files_find(&o, R.files, total, &total);
    R.file = R.nfiles == 1 ? 0 : -1;
    gb_log_info("kiosk: staff: %d roster file(s) under %s", total, ui->cfg.usb_roots);
}

static void enter(gb_ui *ui)
{
    free(R.files);
    free(R.batches);
    memset(&R, 0, sizeof R);
    R.target = -1;
    gb_err err;
    gb_batch *list = NULL;
    size_t n = 0;
    if (gb_batch_list(ui->st, &list, &n, &err) < 0) {
        gb_log_error("kiosk: staff: %s", err.msg);
        R.error = GB_MSG_STAFF_STORE_ERROR;
        R.has_error = 1;
    }
    R.batches = list;
    R.nb = (int)n;
    for (int i = 0; i < R.nb; i++)
        if (strcmp(list[i].batch_no, gb_staff_batch()) == 0 || n == 1)
            R.target = i;
    scan(ui);
}

static void leave(gb_ui *ui)
{
    /* leaving while the work runs (the program closes): stop it, roll back */
    if (join_job(1) && job.have_roster)
        gb_roster_free(&job.r);
    memset(&job, 0, sizeof job);
    drop_check();
    free(R.files);
    R.files = NULL;
    R.nfiles = 0;
    free(R.batches);
    R.batches = NULL;
    R.nb = 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* A file name or path as text to draw: as it is when it is UTF-8, decoded
 * when it is GB18030 (a stick written by Chinese Windows), else with '?'
 * for every byte that is not part of a UTF-8 character. */
static void shown_name(const char *raw, char *out, size_t size)
{
    size_t n = strlen(raw), bad;
    if (gb_utf8_valid((const unsigned char *)raw, n, &bad)) {
        snprintf(out, size, "%s", raw);
        return;
    }
    char *text = NULL;
    size_t text_len;
    const char *enc;
    gb_err err;
    if (gb_text_to_utf8((const unsigned char *)raw, n, &text, &text_len, &enc, &err) == 0 &&
        strcmp(enc, "GB18030") == 0) {
        snprintf(out, size, "%s", text);
        free(text);
        return;
    }
    free(text);
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < size;) {
        size_t rest = n - i, step = 1;
        /* the longest valid UTF-8 character at i, if any */
        for (size_t len = 4; len >= 1; len--)
            if (len <= rest && gb_utf8_valid((const unsigned char *)raw + i, len, NULL)) {
                step = len;
                break;
            }
        if (step == 1 && ((unsigned char)raw[i] & 0x80)) {
            out[k++] = '?';
        } else {
            if (k + step >= size)
                break;
            memcpy(out + k, raw + i, step);
            k += step;
        }
        i += step;
    }
    out[k] = 0;
}

/* An error line: msg formatted with arg, where arg is err's sentence in
 * the screen's language (NULL: none). */
static void set_error(gb_msg msg, const gb_err *err)
{
    R.error = msg;
    R.has_error = 1;
    snprintf(R.error_arg[GB_LANG_EN], sizeof R.error_arg[0], "%s", err ? err->msg : "");
    snprintf(R.error_arg[GB_LANG_ZH], sizeof R.error_arg[0], "%s", err ? (err->zh[0] ? err->zh : err->msg) : "");
}

/* The first [roster] errors_listed problems (or warnings) as lines in
 * lang: exactly the CLI's in English, the same places and msg_zh in
 * Chinese. */
static char *format(gb_ui *ui, const gb_roster_problem *list, size_t n, int warnings, gb_lang lang)
{
    size_t limit = (size_t)ui->cfg.roster_errors_listed, shown = n < limit ? n : limit;
    size_t size = 900 * (shown + 1) + 1;
    char *buf = malloc(size);
    if (buf)
        gb_roster_format_list(list, n, warnings, lang == GB_LANG_ZH, R.name, limit, buf, size);
    return buf;
}

static void format_both(gb_ui *ui, char *out[2], const gb_roster_problem *list, size_t n, int warnings)
{
    for (int l = 0; l < 2; l++) {
        free(out[l]);
        out[l] = n ? format(ui, list, n, warnings, (gb_lang)l) : NULL;
    }
}

/* The worker: the dry run (read, parse, import and roll back) or the
 * import, with a connection of its own. Touches nothing but the job. */
static void *work(void *arg)
{
    struct roster_job *j = arg;
    j->rc = -1;
    if (!j->import) {
        unsigned char *data;
        size_t len;
        /* the CLI's limit: 1 KiB a row is generous */
        size_t max_bytes = j->max_rows * 1024 + (1u << 20);
        if (gb_read_file(j->path, max_bytes, &data, &len, &j->err) < 0) {
            j->read_failed = 1;
            goto out;
        }
        /* an .xlsx is a zip ("PK"), an old .xls an OLE file: renamed .csv,
         * they need saving as CSV in Excel, which the screen says */
        j->excel = gb_roster_is_workbook(data, len);
        atomic_store(&j->step, STEP_PARSE);
        int rc = gb_roster_parse(data, len, j->max_rows, &j->r);
        explicit_bzero(data, len); /* it held full ID numbers */
        free(data);
        j->have_roster = 1;
        if (rc < 0)
            goto out; /* the problems are in the roster */
    }
    atomic_store(&j->rows_total, j->r.nrows);
    atomic_store(&j->step, STEP_ROWS);
    if (atomic_load(&j->watch.cancel)) {
        atomic_store(&j->watch.cancelled, 1);
        goto out;
    }
    gb_store *st = gb_store_open(j->data_dir, j->kiosk_id, j->busy_timeout_ms, &j->err);
    if (!st)
        goto out;
    j->rc = gb_roster_import_watched(st, j->batch_no, &j->r, j->flags, &j->res, &j->err, &j->watch);
    gb_store_close(st);
out:
    atomic_store(&j->done, 1);
    return NULL;
}

/* Starts the worker on what job holds; the screen shows phase ph meanwhile. */
static void start_job(gb_ui *ui, phase ph)
{
    snprintf(job.data_dir, sizeof job.data_dir, "%s", ui->st->data_dir);
    snprintf(job.kiosk_id, sizeof job.kiosk_id, "%s", ui->st->kiosk_id);
    snprintf(job.batch_no, sizeof job.batch_no, "%s", R.batch_no);
    job.busy_timeout_ms = ui->cfg.busy_timeout_ms;
    job.max_rows = (size_t)ui->cfg.roster_max_rows;
    R.cancel_asked = R.cancelled = 0;
    R.started_ms = ui->now_ms;
    int rc = pthread_create(&job.thread, NULL, work, &job);
    if (rc != 0) {
        gb_err err;
        gb_err_set(&err, "no thread for the work: %s", strerror(rc));
        gb_err_set_zh(&err, "无法启动后台任务：%s", strerror(rc));
        gb_log_error("kiosk: staff: roster: %s", err.msg);
        if (job.have_roster) { /* the import's roster goes back to the screen */
            R.r = job.r;
            R.have_roster = 1;
        }
        memset(&job, 0, sizeof job);
        set_error(GB_MSG_STAFF_ROSTER_FAILED, &err);
        R.ph = ph == PH_IMPORTING ? PH_CHECKED : PH_PICK;
        return;
    }
    job.running = 1;
    R.ph = ph;
}

/* The dry run: the file picked, against the batch picked. */
static void check(gb_ui *ui)
{
    drop_check();
    memset(&job, 0, sizeof job);
    const gb_found_file *f = &R.files[R.file];
    shown_name(base_name(f->path), R.name, sizeof R.name);
    snprintf(R.batch_no, sizeof R.batch_no, "%s", R.batches[R.target].batch_no);
    snprintf(job.path, sizeof job.path, "%s", f->path);
    job.flags = (R.update ? GB_IMPORT_UPDATE : 0) | GB_IMPORT_DRY_RUN;
    start_job(ui, PH_CHECKING);
}

/* The import of the roster that was checked: it moves to the job. */
static void import(gb_ui *ui)
{
    memset(&job, 0, sizeof job);
    job.import = 1;
    job.r = R.r;
    job.have_roster = 1;
    memset(&R.r, 0, sizeof R.r);
    R.have_roster = 0;
    job.flags = R.update ? GB_IMPORT_UPDATE : 0;
    R.ok = 0;
    start_job(ui, PH_IMPORTING);
}

/* The dry run has ended: what the screen shows. */
static void checked(gb_ui *ui)
{
    R.ph = PH_CHECKED;
    R.excel = job.excel;
    if (job.read_failed) {
        gb_log_warn("kiosk: staff: roster file: %s", job.err.msg);
        set_error(GB_MSG_STAFF_ROSTER_READ_ERROR, &job.err);
        return;
    }
    R.r = job.r;
    R.have_roster = job.have_roster;
    R.encoding = R.r.encoding ? R.r.encoding : "";
    R.nrows = R.r.nrows;
    R.res = job.res;
    if (atomic_load(&job.watch.cancelled)) {
        gb_log_info("kiosk: staff cancelled the roster check for batch %s", R.batch_no);
        drop_check();
        R.cancelled = 1;
        R.ph = PH_PICK;
        return;
    }
    if (R.r.nproblems) {
        format_both(ui, R.problems, R.r.problems, R.r.nproblems, 0);
        gb_log_info("kiosk: staff: roster for batch %s refused: %zu problem(s)", R.batch_no, R.r.nproblems);
        return;
    }
    if (job.rc < 0) {
        gb_log_error("kiosk: staff: roster check: %s", job.err.msg);
        set_error(GB_MSG_STAFF_ROSTER_FAILED, &job.err);
        return;
    }
    format_both(ui, R.warnings, R.r.warnings, R.r.nwarnings, 1);
    R.ok = 1;
    gb_log_info("kiosk: staff: roster for batch %s checked in %.2f s: %zu rows, %zu to add, %zu to update, "
                "%zu unchanged, %zu warning(s)",
                R.batch_no, (ui->now_ms - R.started_ms) / 1000.0, R.r.nrows, R.res.added, R.res.updated,
                R.res.unchanged, R.r.nwarnings);
}

/* The import has ended. */
static void imported(gb_ui *ui)
{
    R.r = job.r; /* back from the job, with any problems the import found */
    R.have_roster = job.have_roster;
    if (job.rc < 0) {
        R.ph = PH_CHECKED;
        if (atomic_load(&job.watch.cancelled)) {
            /* checked still (R.res holds the check's counts), so it can
             * be imported after all */
            gb_log_info("kiosk: staff cancelled the roster import into batch %s: nothing written", R.batch_no);
            R.cancelled = 1;
            R.ok = 1;
            return;
        }
        /* the batch changed since the check (the sync, another import) */
        if (R.r.nproblems)
            format_both(ui, R.problems, R.r.problems, R.r.nproblems, 0);
        else
            set_error(GB_MSG_STAFF_ROSTER_FAILED, &job.err);
        gb_log_error("kiosk: staff: roster import into batch %s failed: %s", R.batch_no, job.err.msg);
        return;
    }
    R.res = job.res;
    gb_log_info("kiosk: staff imported a roster into batch %s: %zu added, %zu updated, %zu unchanged, %zu kept "
                "in %.2f s",
                R.batch_no, R.res.added, R.res.updated, R.res.unchanged, R.res.kept,
                (ui->now_ms - R.started_ms) / 1000.0);
    gb_roster_free(&R.r);
    R.have_roster = 0;
    R.ph = PH_DONE;
}

static void input(gb_ui *ui, const gb_input *in)
{
    int working = R.ph == PH_CHECKING || R.ph == PH_IMPORTING;
    if (working) {
        /* the work owns the roster and the store's write lock: it is
         * cancelled (rolled back) or waited for, never left behind */
        if ((in->kind == GB_IN_TAP && strcmp(in->id, "roster-cancel") == 0) ||
            (in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE)) {
            atomic_store(&job.watch.cancel, 1);
            R.cancel_asked = 1;
        }
        return;
    }
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)) {
        gb_ui_go(ui, GB_SCREEN_STAFF_BATCHES);
        return;
    }
    if (in->kind != GB_IN_TAP)
        return;
    int i;
    if (strcmp(in->id, "roster-files") == 0) {
        drop_check();
        R.cancelled = 0;
        R.ph = PH_PICK;
    } else if (R.ph == PH_PICK && strcmp(in->id, "roster-rescan") == 0) {
        scan(ui);
    } else if (R.ph == PH_PICK && strcmp(in->id, "files-next") == 0) {
        R.page++; /* draw keeps it in range */
    } else if (R.ph == PH_PICK && strcmp(in->id, "files-prev") == 0 && R.page > 0) {
        R.page--;
    } else if (R.ph == PH_PICK && sscanf(in->id, "file-%d", &i) == 1 && i >= 0 && i < R.nfiles) {
        R.file = i;
    } else if (R.ph == PH_PICK && sscanf(in->id, "target-%d", &i) == 1 && i >= 0 && i < R.nb) {
        R.target = i;
    } else if (R.ph == PH_PICK && strcmp(in->id, "targets-more") == 0) {
        R.tpage++; /* draw wraps it round */
    } else if (R.ph == PH_PICK && strcmp(in->id, "roster-update") == 0) {
        R.update = !R.update;
    } else if (R.ph == PH_PICK && strcmp(in->id, "roster-check") == 0) {
        R.pick_hint = R.file < 0 || R.target < 0;
        if (!R.pick_hint)
            check(ui);
    } else if (R.ph == PH_CHECKED && R.ok && R.have_roster && strcmp(in->id, "roster-import") == 0) {
        R.cancelled = 0;
        import(ui);
    }
}

static void update(gb_ui *ui)
{
    if (job.running) {
        /* staff waiting for the work are not away */
        ui->last_input_ms = ui->now_ms;
        if (!atomic_load(&job.done))
            return;
        join_job(0);
        if (R.ph == PH_CHECKING)
            checked(ui);
        else
            imported(ui);
        memset(&job, 0, sizeof job); /* the roster, if any, is the screen's again */
        ui->last_input_ms = ui->now_ms;
    }
    gb_staff_idle(ui);
}

/* text cut at the front with "…" until it fits w */
static void fit_left(gb_ui *ui, const char *s, int px, int w, char *out, size_t size)
{
    snprintf(out, size, "%s", s);
    int tw;
    gb_text_size(ui->text, out, gb_px(ui, px), &tw, NULL);
    const char *p = s;
    while (tw > w && *p) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
        snprintf(out, size, "…%s", p);
        gb_text_size(ui->text, out, gb_px(ui, px), &tw, NULL);
    }
}

/* The CLI's problem lines (total problems in all) from y down to bottom;
 * when they do not all fit, the last line says how many are not shown. */
static int draw_lines(gb_ui *ui, const char *text, size_t total, SDL_Color c, int x, int y, int w, int bottom)
{
    char line[600], more[128];
    int one;
    gb_text_size(ui->text, "国", gb_px(ui, GB_FS_SMALL), NULL, &one);
    one = one * 12 / 10 + gb_px(ui, 6);
    size_t drawn = 0;
    for (const char *p = text; p && *p;) {
        size_t k = strcspn(p, "\n");
        snprintf(line, sizeof line, "%.*s", (int)k, p);
        const char *next = p + k + (p[k] == '\n');
        int h = gb_text_wrap(ui->text, line, gb_px(ui, GB_FS_SMALL), c, x, y, w, -1, 0);
        int last = *next == 0;
        if (y + h + (last ? 0 : one) > bottom) {
            gb_msg_format(more, sizeof more, GB_MSG_STAFF_ROSTER_NOT_SHOWN, ui->lang, total - drawn);
            y += gb_label_wrap(ui, more, GB_FS_SMALL, GB_C_MUTED, x, y, w, -1);
            break;
        }
        y += gb_label_wrap(ui, line, GB_FS_SMALL, c, x, y, w, -1) + gb_px(ui, 6);
        drawn++;
        p = next;
    }
    return y;
}

static void draw_pick(gb_ui *ui, int y, int x, int w, int bottom)
{
    char t[1200];
    int bw = gb_px(ui, 260);
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_ROOTS, ui->lang, ui->cfg.usb_roots);
    int lh = gb_label_wrap(ui, t, GB_FS_SMALL, GB_C_MUTED, x, y, w - bw - gb_px(ui, 30), -1);
    gb_button(ui, "roster-rescan", gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_RESCAN),
              (SDL_Rect){x + w - bw, y, bw, gb_px(ui, 100)}, GB_BTN_SECONDARY, 1);
    y += (lh > gb_px(ui, 100) ? lh : gb_px(ui, 100)) + gb_px(ui, 24);
    if (!R.nfiles) {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_NONE), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
        y += gb_px(ui, 30);
    }
    int rh = gb_px(ui, 112), per = ui->cfg.usb_files_listed > 0 ? ui->cfg.usb_files_listed : 1;
    int pages = (R.nfiles + per - 1) / per;
    if (R.page >= pages)
        R.page = pages ? pages - 1 : 0;
    int first = R.page * per, end = first + per < R.nfiles ? first + per : R.nfiles;
    for (int i = first; i < end; i++) {
        const gb_found_file *f = &R.files[i];
        SDL_Rect row = {x, y, w, rh};
        gb_fill(ui, row, GB_C_PANEL);
        gb_frame(ui, row, i == R.file ? GB_C_PRIMARY : GB_C_MUTED, gb_px(ui, i == R.file ? 6 : 2));
        char id[32], shown[600];
        snprintf(id, sizeof id, "file-%d", i);
        gb_hit_add(ui, id, row);
        char name[600];
        shown_name(base_name(f->path), name, sizeof name);
        fit_left(ui, name, GB_FS_BODY, w - gb_px(ui, 40), shown, sizeof shown);
        gb_label(ui, shown, GB_FS_BODY, GB_C_TEXT, x + gb_px(ui, 20), y + gb_px(ui, 10), -1);
        char when[32], dir[600];
        struct tm tm;
        localtime_r(&f->mtime, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        char raw_dir[sizeof f->path];
        snprintf(raw_dir, sizeof raw_dir, "%.*s", (int)(base_name(f->path) - f->path), f->path);
        shown_name(raw_dir, dir, sizeof dir);
        snprintf(t, sizeof t, "%.1f KB  ·  %s  ·  %s", (double)f->bytes / 1024.0, when, dir);
        fit_left(ui, t, GB_FS_SMALL, w - gb_px(ui, 40), shown, sizeof shown);
        gb_label(ui, shown, GB_FS_SMALL, GB_C_MUTED, x + gb_px(ui, 20), y + gb_px(ui, 62), -1);
        y += rh + gb_px(ui, 12);
    }
    if (pages > 1) { /* every file can be reached */
        gb_pager(ui, "files", (SDL_Rect){x, y, w, gb_px(ui, PAGER_H)}, R.page, pages);
        y += gb_px(ui, PAGER_H + 12);
    }
    y += gb_px(ui, 20);
    gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_TARGET), GB_FS_BODY, GB_C_TEXT, x, y, -1);
    y += gb_px(ui, 60);
    int cw = (w - 2 * gb_px(ui, 20)) / 3, ch = gb_px(ui, 95);
    /* more batches than chips: TARGET_CHIPS - 1 a page, the last chip
     * shows the next page ("targets-more"), round to the first */
    int tper = R.nb > TARGET_CHIPS ? TARGET_CHIPS - 1 : TARGET_CHIPS;
    int tpages = (R.nb + tper - 1) / tper;
    if (R.tpage >= tpages)
        R.tpage = 0;
    int tfirst = R.tpage * tper, tend = tfirst + tper < R.nb ? tfirst + tper : R.nb;
    for (int i = tfirst; i < tend + (tpages > 1); i++) {
        int k = i - tfirst;
        SDL_Rect r = {x + (k % 3) * (cw + gb_px(ui, 20)), y + (k / 3) * (ch + gb_px(ui, 16)), cw, ch};
        if (i == tend) {
            char more[64];
            gb_msg_format(more, sizeof more, GB_MSG_STAFF_ROSTER_MORE_TARGETS, ui->lang, R.tpage + 1, tpages);
            gb_button(ui, "targets-more", more, r, GB_BTN_SECONDARY, 1);
            break;
        }
        char id[32];
        snprintf(id, sizeof id, "target-%d", i);
        /* the chosen one is filled */
        gb_button(ui, id, R.batches[i].batch_no, r, i == R.target ? GB_BTN_PRIMARY : GB_BTN_SECONDARY, 1);
    }
    int chips = tend - tfirst + (tpages > 1);
    y += ((chips + 2) / 3) * (ch + gb_px(ui, 16)) + gb_px(ui, 20);
    /* the --update switch as a check box */
    int box = gb_px(ui, 56);
    SDL_Rect b = {x, y, box, box};
    gb_fill(ui, b, GB_C_PANEL);
    gb_frame(ui, b, GB_C_PRIMARY, gb_px(ui, 4));
    if (R.update)
        gb_fill(ui, (SDL_Rect){x + box / 4, y + box / 4, box / 2, box / 2}, GB_C_PRIMARY);
    int tw = gb_label(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_UPDATE), GB_FS_BODY, GB_C_TEXT, x + box + gb_px(ui, 24),
                      y + gb_px(ui, 4), -1);
    gb_hit_add(ui, "roster-update", (SDL_Rect){x, y - gb_px(ui, 20), box + gb_px(ui, 24) + tw, box + gb_px(ui, 40)});
    y += box + gb_px(ui, 40);
    if (R.has_error) {
        gb_msg_format(t, sizeof t, R.error, ui->lang, R.error_arg[ui->lang]);
        gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    } else if (R.pick_hint) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_PICK), GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    } else if (R.cancelled) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_CANCELLED), GB_FS_BODY, GB_C_WARN, x, y, w, -1);
    }
    int half = (w - gb_px(ui, 40)) / 2;
    gb_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK), (SDL_Rect){x, bottom, half, gb_px(ui, 150)}, GB_BTN_SECONDARY, 1);
    gb_button(ui, "roster-check", gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_CHECK),
              (SDL_Rect){x + half + gb_px(ui, 40), bottom, half, gb_px(ui, 150)}, GB_BTN_PRIMARY,
              R.nfiles > 0 && R.nb > 0);
}

/* The work in flight: what it does, how far it got (rows done of rows,
 * and a bar), for how long, and a way to stop it. Drawn every frame while
 * the worker runs; the figures are the job's atomics. */
static void draw_working(gb_ui *ui, int y, int x, int w, int bottom)
{
    char t[600];
    gb_msg title = R.ph == PH_IMPORTING ? GB_MSG_STAFF_ROSTER_IMPORTING : GB_MSG_STAFF_ROSTER_CHECKING;
    y += gb_label_wrap(ui, gb_ui_msg(ui, title), GB_FS_LARGE, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 30);
    y += gb_label_wrap(ui, R.name, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 10);
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_INTO, ui->lang, R.batch_no);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 40);
    int step = atomic_load(&job.step);
    size_t total = atomic_load(&job.rows_total);
    size_t done = atomic_load_explicit(&job.watch.rows_done, memory_order_relaxed);
    if (done > total)
        done = total;
    if (step == STEP_READ)
        snprintf(t, sizeof t, "%s", gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_STEP_READ));
    else if (step == STEP_PARSE)
        snprintf(t, sizeof t, "%s", gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_STEP_PARSE));
    else
        gb_msg_format(t, sizeof t,
                      R.ph == PH_IMPORTING ? GB_MSG_STAFF_ROSTER_STEP_WRITE_ROWS : GB_MSG_STAFF_ROSTER_STEP_CHECK_ROWS,
                      ui->lang, done, total);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_MUTED, x, y, w, -1) + gb_px(ui, 20);
    SDL_Rect bar = {x, y, w, gb_px(ui, BAR_H)};
    gb_fill(ui, bar, GB_C_PANEL);
    if (step == STEP_ROWS && total)
        gb_fill(ui, (SDL_Rect){x, y, (int)((double)w * (double)done / (double)total), bar.h}, GB_C_PRIMARY);
    gb_frame(ui, bar, GB_C_MUTED, gb_px(ui, 2));
    y += bar.h + gb_px(ui, 20);
    /* a figure that moves: the screen is alive even while the database
     * makes the work wait */
    gb_msg_format_int(t, sizeof t, GB_MSG_STAFF_ROSTER_ELAPSED, ui->lang, (int)((ui->now_ms - R.started_ms) / 1000.0));
    gb_label(ui, t, GB_FS_SMALL, GB_C_MUTED, x, y, -1);
    gb_button(ui, "roster-cancel",
              gb_ui_msg(ui, R.cancel_asked ? GB_MSG_STAFF_ROSTER_CANCELLING : GB_MSG_STAFF_CANCEL),
              (SDL_Rect){x, bottom, w, gb_px(ui, 150)}, GB_BTN_SECONDARY, !R.cancel_asked);
}

static void draw_result(gb_ui *ui, int y, int x, int w, int bottom)
{
    char t[1200];
    if (R.ph == PH_CHECKING || R.ph == PH_IMPORTING) {
        draw_working(ui, y, x, w, bottom);
        return;
    }
    if (R.have_roster)
        R.nrows = R.r.nrows;
    if ((R.have_roster || R.ph == PH_DONE) && R.encoding[0])
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_FILE_INFO, ui->lang, R.name, R.nrows, R.encoding);
    else if (R.have_roster || R.ph == PH_DONE) /* not text: no encoding to name */
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_FILE_ROWS, ui->lang, R.name, R.nrows);
    else
        snprintf(t, sizeof t, "%s", R.name);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 10);
    gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_INTO, ui->lang, R.batch_no);
    y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_TEXT, x, y, w, -1) + gb_px(ui, 30);
    int limit = bottom - gb_px(ui, 30);
    if (R.ph == PH_DONE) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_DONE, ui->lang, R.batch_no, R.res.added, R.res.updated,
                      R.res.unchanged);
        gb_label_wrap(ui, t, GB_FS_LARGE, GB_C_OK, x, y, w, -1);
    } else if (R.has_error) {
        gb_msg_format(t, sizeof t, R.error, ui->lang, R.error_arg[ui->lang]);
        gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    } else if (R.problems[ui->lang]) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_PROBLEMS, ui->lang, R.r.nproblems);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1) + gb_px(ui, 20);
        if (R.excel)
            y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_BINARY), GB_FS_BODY, GB_C_TEXT, x, y, w, -1) +
                 gb_px(ui, 20);
        draw_lines(ui, R.problems[ui->lang], R.r.nproblems, GB_C_TEXT, x, y, w, limit);
    } else if (R.ok) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_DRY, ui->lang, R.res.added, R.res.updated, R.res.unchanged,
                      R.res.kept);
        y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_OK, x, y, w, -1) + gb_px(ui, 30);
        if (R.cancelled)
            y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_CANCELLED), GB_FS_BODY, GB_C_WARN, x, y, w, -1) +
                 gb_px(ui, 30);
        if (R.warnings[ui->lang]) {
            gb_msg_format(t, sizeof t, GB_MSG_STAFF_ROSTER_WARNINGS, ui->lang, R.r.nwarnings);
            y += gb_label_wrap(ui, t, GB_FS_BODY, GB_C_WARN, x, y, w, -1) + gb_px(ui, 20);
            draw_lines(ui, R.warnings[ui->lang], R.r.nwarnings, GB_C_TEXT, x, y, w, limit);
        }
    }
    int half = (w - gb_px(ui, 40)) / 2;
    gb_button(ui, "roster-files", gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_FILES), (SDL_Rect){x, bottom, half, gb_px(ui, 150)},
              GB_BTN_SECONDARY, 1);
    SDL_Rect right = {x + half + gb_px(ui, 40), bottom, half, gb_px(ui, 150)};
    if (R.ph == PH_DONE)
        gb_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK), right, GB_BTN_PRIMARY, 1);
    else
        gb_button(ui, "roster-import", gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_IMPORT), right, GB_BTN_PRIMARY, R.ok);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_ROSTER_TITLE), 0) + gb_px(ui, 40);
    int x = gb_px(ui, 50), w = ui->w - gb_px(ui, 100);
    int bottom = ui->h - gb_px(ui, 200);
    if (R.ph == PH_PICK)
        draw_pick(ui, y, x, w, bottom);
    else
        draw_result(ui, y, x, w, bottom);
}

const gb_screen_ops gb_screen_staff_roster = {"staff-roster", 0, enter, input, update, draw, leave};
