/* gradbooth store check: is the local store intact? */
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "store/photo.h"

static void say(const char *msg, void *user)
{
    (void)user;
    fprintf(stderr, "  %s\n", msg);
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        printf("usage: gradbooth store check\n"
               "\nRuns SQLite's integrity and foreign-key checks on the database and re-reads\n"
               "every photo file, comparing its size and SHA-256 with the database.\n"
               "Exit 0 when all is intact, 1 when something is damaged.\n");
        return GB_EXIT_OK;
    }
    if (argc != 2 || strcmp(argv[1], "check") != 0)
        return gb_cli_usage_error("store", "say 'check'");
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    gb_store *st = gb_cli_open_existing_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_err err;
    int code = GB_EXIT_OK;
    if (gb_store_check(st, &err) < 0) {
        fprintf(stderr, "gradbooth store: database damaged: %s\n", err.msg);
        code = GB_EXIT_PROBLEMS;
    } else {
        printf("database: integrity ok, foreign keys ok, schema version %d\n",
               gb_store_user_version(st->db));
    }
    gb_photo_audit_result res;
    if (gb_photo_audit(st, say, NULL, &res, &err) < 0) {
        fprintf(stderr, "gradbooth store: %s\n", err.msg);
        code = GB_EXIT_USAGE;
    } else if (res.bad + res.missing > 0) {
        fprintf(stderr, "gradbooth store: %d of %d photo files damaged or missing\n", res.bad + res.missing,
                res.rows);
        code = GB_EXIT_PROBLEMS;
    } else {
        printf("photos: %d file%s present and matching their checksums\n", res.rows, res.rows == 1 ? "" : "s");
    }
    if (res.unreferenced)
        printf("photos: %d file%s on disk that no order refers to (harmless; listed above)\n", res.unreferenced,
               res.unreferenced == 1 ? "" : "s");
    gb_store_close(st);
    return code;
}

const gb_command gb_cmd_store = {"store", "check the local database and photo files", run};
