/* gradbooth camera list|test: what staff run when the camera "does not
 * work", before calling anyone. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "camera/camera.h"
#include "image/decode.h"
#include "store/fileio.h"

#define MAX_FOUND 32
#define DEFAULT_FRAMES 100

static void help(void)
{
    char names[128];
    gb_camera_backend_names(names, sizeof names);
    printf("usage: gradbooth camera list [--backend B]\n"
           "       gradbooth camera test [--backend B] [--frames N] [--capture FILE]\n"
           "\n"
           "list  what each camera backend sees now: webcams with their formats, sizes\n"
           "      and rates, DSLRs with their abilities, the file backend's images, and\n"
           "      devices that are there but cannot be used (and why).\n"
           "test  opens the camera as the kiosk does, takes N live-view frames, prints\n"
           "      the rate, drops, errors and reopens, and with --capture takes a\n"
           "      full-resolution still and writes it to FILE (atomically).\n"
           "\n"
           "  --backend B     auto or one of: %s (default: [camera] backend)\n"
           "  --frames N      live-view frames to take, 1-100000 (default %d)\n"
           "  --capture FILE  also take a still and write the JPEG to FILE\n"
           "\n"
           "exit status: 0 the camera works (list: something usable was found), 1 it\n"
           "does not (not found, no frames, the still failed), 2 usage or I/O error.\n",
           names, DEFAULT_FRAMES);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The configuration with --backend applied and file_path made absolute
 * against the config file's folder. Prints the error and returns -1. */
static int camera_config(gb_cli *cli, const char *backend, gb_config *cfg)
{
    if (gb_cli_load_config(cli) < 0)
        return -1;
    *cfg = cli->cfg;
    gb_err err;
    if (backend && gb_config_set(cfg, "camera", "backend", backend, &err) < 0) {
        gb_cli_usage_error("camera", "--backend: %s", err.msg);
        return -1;
    }
    char path[sizeof cfg->camera_file_path];
    gb_cli_config_path(cli, cfg->camera_file_path, path, sizeof path);
    snprintf(cfg->camera_file_path, sizeof cfg->camera_file_path, "%s", path);
    return 0;
}

static void print_indented(const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        printf("    %.*s\n", len, p);
        p += len + (nl ? 1 : 0);
    }
}

static int list(gb_cli *cli, const char *backend)
{
    gb_config cfg;
    if (camera_config(cli, backend, &cfg) < 0)
        return GB_EXIT_USAGE;
    gb_cam_found *found = calloc(MAX_FOUND, sizeof *found);
    if (!found) {
        fprintf(stderr, "gradbooth camera: out of memory\n");
        return GB_EXIT_USAGE;
    }
    gb_err err;
    int n = gb_camera_list(&cfg, cfg.camera_backend, found, MAX_FOUND, &err);
    if (n < 0) {
        free(found);
        return gb_cli_usage_error("camera", "%s", err.msg);
    }
    int usable = 0;
    for (int i = 0; i < n; i++) {
        const gb_cam_found *f = &found[i];
        if (f->problem[0]) {
            printf("%s %s: cannot be used: %s\n", f->backend, f->port[0] ? f->port : "-", f->problem);
            continue;
        }
        usable++;
        printf("%s %s: %s\n", f->backend, f->port, f->model[0] ? f->model : "(no name)");
        print_indented(f->details);
    }
    if (!usable) {
        char names[128];
        gb_camera_backend_names(names, sizeof names);
        printf("no usable camera found (asked: %s)\n",
               strcmp(cfg.camera_backend, "auto") == 0 ? names : cfg.camera_backend);
    }
    free(found);
    return usable ? GB_EXIT_OK : GB_EXIT_PROBLEMS;
}

/* Writes the still to FILE through a temp file in its folder. */
static int write_still(const char *file, const unsigned char *jpeg, size_t len, gb_err *err)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    const char *name = file;
    if (slash) {
        name = file + (slash - dir) + 1;
        if (slash == dir)
            slash[1] = 0; /* "/x.jpg": the root folder */
        else
            *slash = 0;
    } else {
        snprintf(dir, sizeof dir, ".");
    }
    if (!name[0]) {
        gb_err_set(err, "--capture %s: names a folder, not a file", file);
        return -1;
    }
    return gb_write_atomic(dir, name, jpeg, len, err);
}

static int test(gb_cli *cli, const char *backend, long frames, const char *capture)
{
    gb_config cfg;
    if (camera_config(cli, backend, &cfg) < 0)
        return GB_EXIT_USAGE;
    gb_err err = {0};
    double t_open = now_s();
    gb_camera *cam = gb_camera_open(&cfg, &err);
    if (!cam) {
        fprintf(stderr, "gradbooth camera: %s\n", err.msg);
        return GB_EXIT_PROBLEMS;
    }
    gb_cam_info info;
    gb_camera_info(cam, &info);
    printf("camera: %s %s at %s, opened in %.0f ms\n", info.backend, info.model, info.port,
           (now_s() - t_open) * 1e3);
    if (info.mode[0])
        printf("mode: %s\n", info.mode);

    /* Live view: as fast as frames come; a wait longer than the stall
     * timeout (plus the first reopen) means the camera stopped. */
    int wait_ms = cfg.stall_timeout_ms + cfg.retry_max_ms + 1000;
    uint64_t seq = 0;
    long got = 0;
    int w = 0, h = 0;
    double t0 = now_s(), t1 = t0;
    while (got < frames) {
        gb_image *img = gb_camera_latest(cam, &seq, wait_ms);
        if (!img)
            break;
        if (!got)
            t0 = now_s();
        got++;
        t1 = now_s();
        w = img->width;
        h = img->height;
        gb_camera_recycle(cam, img);
    }
    gb_cam_stats st;
    gb_camera_stats(cam, &st);
    int code = GB_EXIT_OK;
    double secs = t1 - t0;
    /* The rate between the first frame and the last: start-up is reported
     * apart, since a DSLR takes seconds to open its mirror. */
    printf("live view: %ld frame%s %dx%d in %.2f s: %.1f fps; %llu dropped, %llu error%s, %llu reopen%s; %s\n", got,
           got == 1 ? "" : "s", w, h, secs, got > 1 && secs > 0 ? (double)(got - 1) / secs : 0.0,
           (unsigned long long)st.drops, (unsigned long long)st.errors, st.errors == 1 ? "" : "s",
           (unsigned long long)st.reopens, st.reopens == 1 ? "" : "s", gb_cam_state_name(st.state));
    if (st.last_error[0])
        printf("last error: %s\n", st.last_error);
    if (got < frames) {
        fprintf(stderr, "gradbooth camera: live view stopped after %ld of %ld frames (no frame for %d ms)\n", got,
                frames, wait_ms);
        code = GB_EXIT_PROBLEMS;
    }

    if (capture) {
        unsigned char *jpeg = NULL;
        size_t len = 0;
        double ts = now_s();
        if (gb_camera_capture(cam, &jpeg, &len, &err) < 0) {
            fprintf(stderr, "gradbooth camera: still: %s\n", err.msg);
            code = GB_EXIT_PROBLEMS;
        } else {
            double ms = (now_s() - ts) * 1e3;
            gb_image_info ii = {0};
            gb_image *small = NULL;
            gb_decode_opts opts = {.min_side = 1}; /* only the size is wanted: decode at 1/8 */
            gb_err derr;
            if (gb_image_decode(jpeg, len, &opts, &small, &ii, &derr) < 0) {
                fprintf(stderr, "gradbooth camera: the still does not decode: %s\n", derr.msg);
                code = GB_EXIT_PROBLEMS;
            }
            gb_image_free(small);
            if (write_still(capture, jpeg, len, &err) < 0) {
                fprintf(stderr, "gradbooth camera: %s\n", err.msg);
                code = GB_EXIT_USAGE;
            } else {
                printf("still: %dx%d JPEG, %zu bytes, %.0f ms -> %s\n", ii.width, ii.height, len, ms, capture);
            }
            free(jpeg);
        }
    }
    gb_camera_close(cam);
    return code;
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        help();
        return GB_EXIT_OK;
    }
    if (argc < 2)
        return gb_cli_usage_error("camera", "say 'list' or 'test'");
    const char *what = argv[1];
    int is_test = strcmp(what, "test") == 0;
    if (!is_test && strcmp(what, "list") != 0)
        return gb_cli_usage_error("camera", "unknown subcommand '%s'; say 'list' or 'test'", what);
    const char *backend = NULL, *capture = NULL;
    long frames = DEFAULT_FRAMES;
    for (int i = 2; i < argc; i++) {
        int missing = 0;
        const char *v;
        if ((v = gb_cli_opt(argc, argv, &i, "--backend", &missing))) {
            backend = v;
        } else if (!missing && is_test && (v = gb_cli_opt(argc, argv, &i, "--frames", &missing))) {
            char *end;
            errno = 0;
            frames = strtol(v, &end, 10);
            if (errno || end == v || *end || frames < 1 || frames > 100000)
                return gb_cli_usage_error("camera", "--frames: expected a number from 1 to 100000, not '%s'", v);
        } else if (!missing && is_test && (v = gb_cli_opt(argc, argv, &i, "--capture", &missing))) {
            if (!v[0])
                return gb_cli_usage_error("camera", "--capture needs a file name");
            capture = v;
        } else if (missing) {
            return gb_cli_usage_error("camera", "%s needs a value", argv[i]);
        } else {
            return gb_cli_usage_error("camera", "unexpected argument '%s' for 'camera %s'", argv[i], what);
        }
    }
    return is_test ? test(cli, backend, frames, capture) : list(cli, backend);
}

const gb_command gb_cmd_camera = {"camera", "list the cameras; test live view and stills", run};
