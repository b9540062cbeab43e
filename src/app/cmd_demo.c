/* gradbooth demo: prepares the demo store (a batch whose window is open
 * today and its roster) so the kiosk has something to serve. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "core/money.h"
#include "core/roster.h"
#include "store/batch.h"
#include "store/fileio.h"
#include "store/roster_import.h"

#ifndef GB_ASSETS_DIR
#define GB_ASSETS_DIR "/usr/share/gradbooth/assets"
#endif

#define DEMO_BATCH "DEMO2026"

static int ensure_batch(gb_store *st, const gb_config *cfg, gb_err *err)
{
    gb_batch b;
    int found = gb_batch_get(st, DEMO_BATCH, &b, err);
    if (found <= 0)
        return found;
    memset(&b, 0, sizeof b);
    snprintf(b.batch_no, sizeof b.batch_no, DEMO_BATCH);
    snprintf(b.school, sizeof b.school, "演示大学");
    b.price_fen = 2000;
    b.pay_mode = GB_PAY_STUDENT;
    b.active = 1;
    /* Open from yesterday for a year, so the demo works whenever it runs. */
    time_t now = time(NULL);
    gb_local_minute(now - 86400, b.window_start);
    gb_local_minute(now + 365 * 86400, b.window_end);
    snprintf(b.backdrop, sizeof b.backdrop, "%.*s", (int)strcspn(cfg->backdrops, ","), cfg->backdrops);
    return gb_batch_add(st, &b, err);
}

static int run(gb_cli *cli, int argc, char **argv)
{
    const char *assets = getenv("GRADBOOTH_ASSETS");
    if (!assets || !assets[0])
        assets = GB_ASSETS_DIR;
    if (gb_cli_wants_help(argc, argv)) {
        printf("usage: gradbooth demo [--config kiosk-config/demo.ini]\n"
               "\nPrepares the demo: batch " DEMO_BATCH " (open today, 20.00 CNY paid by the\n"
               "student) and its fictional roster from %s/demo/roster.csv,\n"
               "in the configured data folder. Running it again changes nothing.\n"
               "$GRADBOOTH_ASSETS overrides the assets folder.\n",
               assets);
        return GB_EXIT_OK;
    }
    if (argc != 1)
        return gb_cli_usage_error("demo", "takes no arguments");
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    gb_store *st = gb_cli_open_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_err err;
    char path[1024];
    snprintf(path, sizeof path, "%s/demo/roster.csv", assets);
    unsigned char *data = NULL;
    size_t len;
    gb_roster r = {0};
    int code = GB_EXIT_USAGE;
    if (ensure_batch(st, &cli->cfg, &err) < 0 || gb_read_file(path, 1u << 20, &data, &len, &err) < 0) {
        fprintf(stderr, "gradbooth demo: %s\n", err.msg);
        goto out;
    }
    gb_import_result res;
    if (gb_roster_parse(data, len, 1000, &r) < 0 || gb_roster_import(st, DEMO_BATCH, &r, 0, &res, &err) < 0) {
        fprintf(stderr, "gradbooth demo: %s: %s\n", path,
                r.nproblems ? r.problems[0].msg : err.msg);
        goto out;
    }
    gb_batch b;
    gb_batch_get(st, DEMO_BATCH, &b, &err);
    char money[32];
    gb_money_format(b.price_fen, money, sizeof money);
    printf("demo store: %s/orders.db\n", st->data_dir);
    printf("batch %s (%s): %ld students, %s CNY paid by the %s, open %s to %s, %s backdrop\n",
           b.batch_no, b.school, b.students, money, gb_pay_mode_name(b.pay_mode), b.window_start,
           b.window_end, b.backdrop);
    printf("roster: %zu added, %zu already there\n", res.added, res.unchanged);
    printf("try: gradbooth --config kiosk-config/demo.ini batch list\n"
           "     gradbooth --config kiosk-config/demo.ini orders list\n");
    code = GB_EXIT_OK;
out:
    free(data);
    gb_roster_free(&r);
    gb_store_close(st);
    return code;
}

const gb_command gb_cmd_demo = {"demo", "prepare the demo batch and roster", run};
