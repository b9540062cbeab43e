/* The file "camera": an image, or a folder of them (sorted by name, numbers
 * in natural order), for the demo kiosk and the tests.
 *
 * Live view shows the current image at the preview size, moving slightly (a
 * slow sub-pixel drift and zoom), because a frozen picture is not what a
 * camera gives: face tracking and the "hold still" logic need frames that
 * differ a little, and the demo should look alive. The movement depends only
 * on the frame number, so tests see the same frames every run.
 *
 * [camera] file_frames_per_image picks between two uses of a folder: 0 holds
 * one image until a still is taken (each still then brings the next, as if a
 * new student sat down); N shows each image for N frames (1 replays a folder
 * of recorded frames as a recording).
 *
 * A still is the file itself, byte for byte when it is a JPEG (the camera's
 * own full-resolution JPEG), re-encoded when it is not. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "camera/cam_backend.h"
#include "core/log.h"
#include "image/decode.h"
#include "image/fileread.h"
#include "image/jpeg.h"
#include "image/resample.h"
#include "image/sniff.h"

/* JPEG quality when a still must be re-encoded (PNG or WebP sources): high
 * enough to be visually lossless, since the photo is cut and re-encoded to
 * the CHSI size window later anyway. */
#define STILL_QUALITY 95
/* How much of the image the moving crop keeps: 0.93 .. 0.97 of each side. */
#define CROP_MEAN 0.95
#define CROP_SWING 0.02

typedef struct file_dev {
    char path[512]; /* the file, or the folder */
    int is_dir;
    char **files; /* full paths, sorted */
    size_t nfiles;
    size_t cur;   /* the image shown */
    int box_w, box_h;   /* [camera] preview size: frames fit inside it */
    double fps;
    int per_image; /* file_frames_per_image */

    gb_image *base;     /* the current image, decoded at a size near the preview */
    size_t base_index;  /* which file base holds; (size_t)-1 when none */
    int full_w, full_h; /* its full size, upright */
    int out_w, out_h;   /* the preview frame size for it */

    int live;
    uint64_t frame;  /* frames made since live view started: drives the movement */
    int shown;       /* frames of the current image so far */
    double next_ms;  /* when the next frame is due */
} file_dev;

static int read_all(const char *path, unsigned char **data, size_t *len, gb_err *err)
{
    return gb_file_read(path, GB_DECODE_DEFAULT_MAX_FILE_BYTES, data, len, err);
}

/* Whether the file starts like an image we decode (judged by content, as
 * everywhere else). *why gets the reason when not. */
static int is_decodable(const char *path, char *why, size_t why_size)
{
    unsigned char head[64];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_size, "cannot open (%s)", strerror(errno));
        return 0;
    }
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    gb_err err;
    if (n < 0 || gb_image_check_supported(head, (size_t)(n < 0 ? 0 : n), NULL, &err) < 0) {
        snprintf(why, why_size, "%s", n < 0 ? strerror(errno) : err.msg);
        return 0;
    }
    return 1;
}

static int by_name(const void *a, const void *b)
{
    /* strverscmp: frame9.jpg before frame10.jpg, as people number files. */
    return strverscmp(*(char *const *)a, *(char *const *)b);
}

static void free_files(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
}

/* The images at path: the file itself, or the folder's decodable files. */
static int scan(const char *path, char ***files_out, size_t *n_out, int *is_dir, gb_err *err)
{
    struct stat st;
    if (path[0] == 0) {
        gb_err_set(err, "[camera] file_path is empty; name an image or a folder of images");
        return -1;
    }
    if (stat(path, &st) < 0) {
        gb_err_set(err, "[camera] file_path '%s': %s", path, strerror(errno));
        return -1;
    }
    char why[256];
    if (!S_ISDIR(st.st_mode)) {
        if (!is_decodable(path, why, sizeof why)) {
            gb_err_set(err, "[camera] file_path '%s': %s", path, why);
            return -1;
        }
        char **files = malloc(sizeof *files);
        if (!files || !(files[0] = strdup(path))) {
            free(files);
            gb_err_set(err, "out of memory");
            return -1;
        }
        *files_out = files;
        *n_out = 1;
        *is_dir = 0;
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) {
        gb_err_set(err, "[camera] file_path '%s': %s", path, strerror(errno));
        return -1;
    }
    char **files = NULL;
    size_t n = 0, cap = 0, skipped = 0;
    char first_skipped[300] = "";
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char full[1024];
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        struct stat fst;
        if (stat(full, &fst) < 0 || !S_ISREG(fst.st_mode))
            continue;
        if (!is_decodable(full, why, sizeof why)) {
            /* README files and the like sit next to photos; say so once. */
            if (!skipped++)
                snprintf(first_skipped, sizeof first_skipped, "%s: %s", e->d_name, why);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(files, cap * sizeof *files);
            if (!grown) {
                free_files(files, n);
                closedir(d);
                gb_err_set(err, "out of memory");
                return -1;
            }
            files = grown;
        }
        if (!(files[n] = strdup(full))) {
            free_files(files, n);
            closedir(d);
            gb_err_set(err, "out of memory");
            return -1;
        }
        n++;
    }
    closedir(d);
    if (n == 0) {
        free(files);
        gb_err_set(err, "[camera] file_path '%s': no image in the folder%s%s%s", path,
                   skipped ? " (skipped " : "", first_skipped, skipped ? ")" : "");
        return -1;
    }
    if (skipped)
        gb_log_debug("camera file: %zu file(s) in the folder are not images we decode, e.g. %s", skipped,
                     first_skipped);
    qsort(files, n, sizeof *files, by_name);
    *files_out = files;
    *n_out = n;
    *is_dir = 1;
    return 0;
}

static void *file_open(const gb_config *cfg, gb_err *err)
{
    file_dev *d = calloc(1, sizeof *d);
    if (!d) {
        gb_err_set(err, "out of memory");
        return NULL;
    }
    snprintf(d->path, sizeof d->path, "%s", cfg->camera_file_path);
    if (scan(d->path, &d->files, &d->nfiles, &d->is_dir, err) < 0) {
        free(d);
        return NULL;
    }
    d->box_w = cfg->preview_width;
    d->box_h = cfg->preview_height;
    d->fps = cfg->file_fps > 0 ? cfg->file_fps : 1;
    d->per_image = cfg->file_frames_per_image;
    d->base_index = (size_t)-1;
    return d;
}

static void file_close(void *dev)
{
    file_dev *d = dev;
    if (!d)
        return;
    gb_image_free(d->base);
    free_files(d->files, d->nfiles);
    free(d);
}

/* Decodes the current image near the preview size (a JPEG decodes at a
 * reduced DCT scale, which is most of the cost saved) and works out the
 * frame size: the whole image fitted inside the preview box, never enlarged. */
static int load_base(file_dev *d, gb_err *err)
{
    if (d->base && d->base_index == d->cur)
        return 0;
    gb_image_free(d->base);
    d->base = NULL;
    int box_short = d->box_w < d->box_h ? d->box_w : d->box_h;
    gb_decode_opts opts = {.min_side = (int)ceil(box_short / (CROP_MEAN - CROP_SWING)) + 1};
    gb_image_info info;
    if (gb_image_load_file(d->files[d->cur], &opts, &d->base, &info, err) < 0)
        return -1;
    d->base_index = d->cur;
    d->full_w = info.width;
    d->full_h = info.height;
    double k = fmin((double)d->box_w / info.width, (double)d->box_h / info.height);
    if (k > 1)
        k = 1;
    d->out_w = (int)lround(info.width * k);
    d->out_h = (int)lround(info.height * k);
    if (d->out_w < 1)
        d->out_w = 1;
    if (d->out_h < 1)
        d->out_h = 1;
    return 0;
}

static int file_start(void *dev, gb_err *err)
{
    file_dev *d = dev;
    if (load_base(d, err) < 0)
        return GB_CAM_EDEVICE;
    d->live = 1;
    d->frame = 0;
    d->next_ms = 0;
    return GB_CAM_OK;
}

static void file_stop(void *dev)
{
    ((file_dev *)dev)->live = 0;
}

/* The crop of the base image for frame number f: a slow zoom between 93% and
 * 97% and a drift inside the margin that leaves, on incommensurate periods
 * so the path does not repeat quickly. Under a pixel per frame at 15 fps. */
static gb_rect moving_crop(const file_dev *d, uint64_t f)
{
    const double two_pi = 6.283185307179586;
    double t = (double)f / d->fps;
    double z = CROP_MEAN + CROP_SWING * sin(two_pi * t / 5.0);
    double w = d->base->width * z, h = d->base->height * z;
    double fx = 0.5 + 0.45 * sin(two_pi * t / 3.1);
    double fy = 0.5 + 0.45 * sin(two_pi * t / 4.3 + 1.0);
    gb_rect r = {(d->base->width - w) * fx, (d->base->height - h) * fy, w, h};
    return r;
}

static int file_grab(void *dev, int timeout_ms, gb_image **frame, gb_err *err)
{
    file_dev *d = dev;
    double now = gb_cam_now_ms();
    if (d->next_ms == 0)
        d->next_ms = now;
    if (d->next_ms > now + timeout_ms) {
        gb_cam_sleep_ms(timeout_ms);
        return GB_CAM_NONE;
    }
    gb_cam_sleep_ms(d->next_ms - now);
    double period = 1000.0 / d->fps;
    d->next_ms += period;
    /* Fell behind (a slow machine, a sanitizer build): carry on from now
     * rather than sending a burst of frames to catch up. */
    if (d->next_ms < gb_cam_now_ms() - period)
        d->next_ms = gb_cam_now_ms();

    if (d->per_image > 0 && d->shown >= d->per_image) {
        d->cur = (d->cur + 1) % d->nfiles;
        d->shown = 0;
    }
    if (load_base(d, err) < 0)
        return GB_CAM_EFRAME; /* that file went bad; the next may be fine */
    gb_rect r = moving_crop(d, d->frame);
    /* the quick resampler: a moving picture to look at, 15 times a second */
    gb_image *img = gb_image_crop_resize_fast(d->base, r.x, r.y, r.w, r.h, d->out_w, d->out_h, err);
    if (!img)
        return GB_CAM_EFRAME;
    gb_image_free(*frame); /* the resampler makes its own buffer */
    *frame = img;
    d->frame++;
    d->shown++;
    return GB_CAM_FRAME;
}

static int file_capture(void *dev, unsigned char **jpeg, size_t *len, gb_err *err)
{
    file_dev *d = dev;
    const char *path = d->files[d->cur];
    unsigned char *data;
    size_t n;
    if (read_all(path, &data, &n, err) < 0)
        return GB_CAM_EFRAME;
    if (gb_image_sniff(data, n) != GB_FMT_JPEG) {
        gb_image *img = NULL;
        int rc = gb_image_decode(data, n, NULL, &img, NULL, err);
        free(data);
        if (rc < 0 || gb_jpeg_encode(img, STILL_QUALITY, 72, &data, &n, err) < 0) {
            gb_image_free(img);
            gb_err_prefix(err, "%s", path);
            return GB_CAM_EFRAME;
        }
        gb_image_free(img);
    }
    *jpeg = data;
    *len = n;
    if (d->per_image == 0 && d->nfiles > 1) {
        d->cur = (d->cur + 1) % d->nfiles; /* the next "student" */
        d->shown = 0;
    }
    return GB_CAM_OK;
}

static void file_info(void *dev, gb_cam_info *out)
{
    file_dev *d = dev;
    snprintf(out->model, sizeof out->model, "%s", d->is_dir ? "image folder" : "image file");
    snprintf(out->port, sizeof out->port, "%s", d->path);
    out->preview_w = d->out_w;
    out->preview_h = d->out_h;
    out->still_w = d->full_w;
    out->still_h = d->full_h;
    out->has_live_view = 1;
    snprintf(out->mode, sizeof out->mode, "%zu image%s, %.0f fps, %s", d->nfiles, d->nfiles == 1 ? "" : "s", d->fps,
             d->per_image ? "replayed as a recording" : "next image after each still");
}

static int file_list(const gb_config *cfg, gb_cam_found *out, int max)
{
    if (max < 1 || !cfg->camera_file_path[0])
        return 0; /* nothing configured: nothing to see */
    gb_cam_found *f = &out[0];
    snprintf(f->port, sizeof f->port, "%s", cfg->camera_file_path);
    char **files;
    size_t n;
    int is_dir;
    gb_err err;
    if (scan(cfg->camera_file_path, &files, &n, &is_dir, &err) < 0) {
        snprintf(f->problem, sizeof f->problem, "%s", err.msg);
        return 1;
    }
    snprintf(f->model, sizeof f->model, "%s", is_dir ? "image folder" : "image file");
    size_t used = 0;
    used += (size_t)snprintf(f->details, sizeof f->details, "%zu image%s, live view at %d fps", n,
                             n == 1 ? "" : "s", cfg->file_fps);
    for (size_t i = 0; i < n && i < 5 && used < sizeof f->details; i++) {
        gb_image_info info = {0};
        unsigned char *data;
        size_t len;
        const char *name = strrchr(files[i], '/');
        name = name ? name + 1 : files[i];
        /* Headers would do, but decoding at 1/8 scale is quick enough here. */
        gb_decode_opts opts = {.min_side = 1};
        gb_image *img = NULL;
        if (read_all(files[i], &data, &len, &err) == 0) {
            if (gb_image_decode(data, len, &opts, &img, &info, &err) == 0)
                used += (size_t)snprintf(f->details + used, sizeof f->details - used, "\n%s: %s %dx%d", name,
                                         gb_image_format_name(info.format), info.width, info.height);
            free(data);
            gb_image_free(img);
        }
    }
    if (n > 5 && used < sizeof f->details)
        snprintf(f->details + used, sizeof f->details - used, "\n... and %zu more", n - 5);
    free_files(files, n);
    return 1;
}

const gb_cam_backend gb_cam_file = {
    .name = "file",
    .in_auto = 0, /* only when asked for: auto means real hardware */
    .warmup = 0,  /* files need no exposure to settle */
    .list = file_list,
    .open = file_open,
    .start_preview = file_start,
    .stop_preview = file_stop,
    .grab_preview = file_grab,
    .capture_still = file_capture,
    .close = file_close,
    .info = file_info,
};
