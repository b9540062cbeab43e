/* gradbooth staff: staff settings from the command line. set-pin reads
 * the PIN from standard input (never from the arguments, which other users
 * can see in the process list) and stores its argon2id hash. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/cli.h"
#include "store/settings.h"

static int read_pin(const char *prompt, char *buf, size_t size)
{
    if (isatty(0))
        fprintf(stderr, "%s", prompt);
    if (!fgets(buf, (int)size, stdin))
        return -1;
    buf[strcspn(buf, "\r\n")] = 0;
    return 0;
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv) || argc != 2 || strcmp(argv[1], "set-pin") != 0) {
        printf("usage: gradbooth staff set-pin < pin.txt\n"
               "\nSets the staff PIN that unlocks staff mode at the kiosk. The PIN is read\n"
               "from standard input (typed twice on a terminal), digits only, at least\n"
               "[staff] pin_min_length long; only its argon2id hash is stored.\n");
        return gb_cli_wants_help(argc, argv) ? GB_EXIT_OK : GB_EXIT_USAGE;
    }
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    char pin[64] = {0}, again[64] = {0};
    int code = GB_EXIT_USAGE;
    if (read_pin("new staff PIN: ", pin, sizeof pin) < 0) {
        fprintf(stderr, "gradbooth staff: no PIN on standard input\n");
        return GB_EXIT_USAGE;
    }
    if (isatty(0) && (read_pin("again: ", again, sizeof again) < 0 || strcmp(pin, again) != 0)) {
        fprintf(stderr, "gradbooth staff: the two PINs differ\n");
        goto out;
    }
    gb_store *st = gb_cli_open_store(cli);
    if (!st)
        goto out;
    gb_err err;
    if (gb_settings_pin_set(st, pin, cli->cfg.pin_min_length, &err) < 0) {
        fprintf(stderr, "gradbooth staff: %s\n", err.msg);
        code = GB_EXIT_PROBLEMS;
    } else {
        printf("staff PIN set\n");
        code = GB_EXIT_OK;
    }
    gb_store_close(st);
out:
    sodium_memzero(pin, sizeof pin);
    sodium_memzero(again, sizeof again);
    return code;
}

const gb_command gb_cmd_staff = {"staff", "staff settings: set-pin", run};
