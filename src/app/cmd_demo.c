/* gradbooth demo: prepares the demo store (a batch whose window is open
 * today and its roster) so the kiosk has something to serve. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/cli.h"
#include "core/money.h"
#include "core/roster.h"
#include "store/batch.h"
#include "store/fileio.h"
#include "store/order.h"
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

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes the demo's database and photos (the caller checked the mark). */
static int remove_demo_store(const char *dir)
{
    static const char *files[] = {"orders.db", "orders.db-wal", "orders.db-shm", ".gradbooth-demo"};
    char path[700];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (unlink(path) < 0 && errno != ENOENT)
            return -1;
    }
    snprintf(path, sizeof path, "%s/photos", dir);
    if (access(path, F_OK) == 0 && nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0)
        return -1;
    return 0;
}

/* 1 when the store there has no batch and no order. */
static int store_is_empty(gb_cli *cli)
{
    gb_store *st = gb_cli_open_store(cli);
    if (!st)
        return 0;
    gb_batch *batches = NULL;
    gb_order *orders = NULL;
    size_t nb = 1, no = 1;
    gb_err err;
    if (gb_batch_list(st, &batches, &nb, &err) < 0 || gb_order_list(st, NULL, NULL, 1, &orders, &no, &err) < 0)
        nb = 1;
    free(batches);
    free(orders);
    gb_store_close(st);
    return nb == 0 && no == 0;
}

static int run(gb_cli *cli, int argc, char **argv)
{
    const char *assets = getenv("GRADBOOTH_ASSETS");
    if (!assets || !assets[0])
        assets = GB_ASSETS_DIR;
    if (gb_cli_wants_help(argc, argv)) {
        printf("usage: gradbooth demo [--fresh] [--config kiosk-config/demo.ini]\n"
               "\nPrepares the demo: batch " DEMO_BATCH " (open today, 20.00 CNY paid by the\n"
               "student) and its fictional roster from %s/demo/roster.csv,\n"
               "in the configured data folder. Running it again changes nothing.\n"
               "  --fresh  start from an empty store, but only when the store there was\n"
               "           made by the demo itself (it leaves a .gradbooth-demo mark);\n"
               "           a store with real orders is never touched\n"
               "$GRADBOOTH_ASSETS overrides the assets folder.\n",
               assets);
        return GB_EXIT_OK;
    }
    int fresh = argc == 2 && strcmp(argv[1], "--fresh") == 0;
    if (argc != 1 && !fresh)
        return gb_cli_usage_error("demo", "unexpected argument '%s'", argv[1]);
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    char dir[512], db[600], mark[600];
    gb_cli_data_dir(cli, dir, sizeof dir);
    snprintf(db, sizeof db, "%s/orders.db", dir);
    snprintf(mark, sizeof mark, "%s/.gradbooth-demo", dir);
    if (fresh && access(mark, F_OK) == 0 && remove_demo_store(dir) < 0) {
        fprintf(stderr, "gradbooth demo: cannot clear the demo store in %s\n", dir);
        return GB_EXIT_USAGE;
    }
    int created = access(db, F_OK) != 0;
    if (!created && access(mark, F_OK) != 0 && store_is_empty(cli)) {
        /* An empty store (a kiosk started there once, before any batch
         * was added) holds nothing to protect: the demo may have it. */
        created = 1;
    }
    if (!created && access(mark, F_OK) != 0) {
        /* A store the demo did not make: a real kiosk's (the demo's
         * default data_dir is the kiosk user's). Fictional students must
         * never appear in front of real ones. */
        fprintf(stderr,
                "gradbooth demo: %s holds a store the demo did not make; the demo batch is not added to it.\n"
                "Give the demo a data folder of its own ([kiosk] data_dir) or run it as another user.\n",
                dir);
        return GB_EXIT_USAGE;
    }
    gb_store *st = gb_cli_open_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    if (created) {
        /* this store is the demo's own: --fresh may clear it later */
        FILE *m = fopen(mark, "w");
        if (m) {
            fputs("made by gradbooth demo; gradbooth demo --fresh may delete this store\n", m);
            fclose(m);
        }
    }
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
