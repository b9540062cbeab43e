/* gradbooth kiosk: the student-facing SDL2 application (src/ui). With
 * --script it plays a scripted session (docs/kiosk-script.md), headless
 * when there is no display, and writes a screenshot per step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "core/log.h"
#include "store/fileio.h"
#include "store/order.h"
#include "ui/ui.h"

static void usage(void)
{
    printf("usage: gradbooth kiosk [--script FILE] [--screenshots DIR] [--headless]\n"
           "\nRuns the kiosk: fullscreen (or a window with [kiosk] fullscreen = 0), or with\n"
           "SDL's offscreen driver with --headless, or with --script when there is no\n"
           "display. Without either it needs a screen (X, Wayland, or the console through\n"
           "SDL_VIDEODRIVER=kmsdrm) and says so when it finds none.\n"
           "  --script FILE      play the input events in FILE (docs/kiosk-script.md), then exit;\n"
           "                     exit status 1 when a step fails\n"
           "  --screenshots DIR  write a PNG of the screen after each script step into DIR\n"
           "  --headless         no window even when a display is available\n");
}

/* The row id of the newest order in the store (0: none): orders above it
 * were made by this run. */
static long long newest_order_id(gb_store *st)
{
    gb_order *list = NULL;
    size_t n = 0;
    gb_err err;
    long long id = 0;
    if (gb_order_list(st, NULL, NULL, 1, &list, &n, &err) == 0 && n)
        id = list[0].id;
    free(list);
    return id;
}

/* The newest order this run made, if any: an older one in the store is
 * not what the script did. */
static void print_new_order(gb_store *st, long long before_id)
{
    gb_order *list = NULL;
    size_t n = 0;
    gb_err err;
    if (gb_order_list(st, NULL, NULL, 1, &list, &n, &err) < 0 || n == 0 || list[0].id <= before_id) {
        free(list);
        return;
    }
    printf("order: %s (%s)\n", list[0].order_no, gb_order_state_name(list[0].state));
    if (list[0].photo_path[0])
        printf("photo: %s/%s\n", st->data_dir, list[0].photo_path);
    free(list);
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        usage();
        return GB_EXIT_OK;
    }
    gb_ui_opts opts = {0};
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if ((v = gb_cli_opt(argc, argv, &i, "--script", &missing)))
            opts.script_path = v;
        else if (missing) /* the next test would clear the flag */
            return gb_cli_usage_error("kiosk", "%s needs a value", argv[i]);
        else if ((v = gb_cli_opt(argc, argv, &i, "--screenshots", &missing)))
            opts.shots_dir = v;
        else if (missing)
            return gb_cli_usage_error("kiosk", "%s needs a value", argv[i]);
        else if (strcmp(argv[i], "--headless") == 0)
            opts.headless = 1;
        else
            return gb_cli_usage_error("kiosk", "unknown option '%s'", argv[i]);
    }
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    gb_config cfg = cli->cfg;
    /* the file camera's path is relative to the config file's folder */
    if (cfg.camera_file_path[0] && cfg.camera_file_path[0] != '/' && cli->config_dir[0]) {
        char p[sizeof cfg.camera_file_path];
        snprintf(p, sizeof p, "%s/%s", cli->config_dir, cfg.camera_file_path);
        snprintf(cfg.camera_file_path, sizeof cfg.camera_file_path, "%s", p);
    }
    gb_err err;
    if (opts.shots_dir && gb_mkdir_p(opts.shots_dir, 0755, &err) < 0) {
        fprintf(stderr, "gradbooth kiosk: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    gb_store *st = gb_cli_open_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    long long before_id = newest_order_id(st);
    int rc = gb_ui_run(&cfg, st, &opts, &err);
    int code = GB_EXIT_OK;
    if (rc < 0) {
        fprintf(stderr, "gradbooth kiosk: %s\n", err.msg);
        code = opts.script_path ? GB_EXIT_PROBLEMS : GB_EXIT_USAGE;
    }
    if (opts.script_path) {
        if (opts.shots_dir)
            printf("screenshots: %s\n", opts.shots_dir);
        print_new_order(st, before_id);
    }
    gb_store_close(st);
    /* peak resident memory of the session, for bench/kiosk */
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    while (status && fgets(line, sizeof line, status))
        if (strncmp(line, "VmHWM:", 6) == 0) {
            line[strcspn(line, "\n")] = 0;
            gb_log_info("kiosk: peak memory %s", line + 6 + strspn(line + 6, " \t"));
        }
    if (status)
        fclose(status);
    return code;
}

const gb_command gb_cmd_kiosk = {"kiosk", "run the kiosk (touch screen), or play a --script headless", run};
