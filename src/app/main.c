/* gradbooth: one executable, subcommands. Wiring only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/cli.h"

static const gb_command *const commands[] = {
    &gb_cmd_check, &gb_cmd_config, &gb_cmd_batch, &gb_cmd_roster, &gb_cmd_orders, &gb_cmd_store, &gb_cmd_demo,
    &gb_cmd_kiosk, &gb_cmd_staff,
    &gb_cmd_camera,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *f)
{
    fprintf(f,
            "GradBooth %s: offline photo-booth kiosk for the CHSI graduate photo collection.\n\n"
            "usage: gradbooth [--config FILE] [--data-dir DIR] COMMAND [ARGS]\n\n"
            "commands:\n",
            GB_VERSION);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "  %-9s %s\n", "help", "this list; 'gradbooth COMMAND --help' for one command");
    fprintf(f, "  %-9s %s\n", "version", "print the version");
    fprintf(f,
            "\ncommon options (before or after COMMAND):\n"
            "  --config FILE    configuration (default: $GRADBOOTH_CONFIG, else\n"
            "                   /etc/gradbooth/gradbooth.ini if present, else built-in defaults)\n"
            "  --data-dir DIR   data folder, overriding [kiosk] data_dir\n"
            "\nexit status: 0 done, 1 the data had problems, 2 usage or I/O error\n");
}

/* Takes the common options out of argv wherever they stand, so
 * "gradbooth orders list --config x.ini" works as well as the other order. */
static int take_common_options(gb_cli *cli, int *argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[out++] = argv[i++];
            break;
        }
        if ((v = gb_cli_opt(*argc, argv, &i, "--config", &missing))) {
            cli->config_path = v;
            continue;
        }
        if (missing) {
            fprintf(stderr, "gradbooth: --config needs a file name\n");
            return -1;
        }
        if ((v = gb_cli_opt(*argc, argv, &i, "--data-dir", &missing))) {
            cli->data_dir = v;
            continue;
        }
        if (missing) {
            fprintf(stderr, "gradbooth: --data-dir needs a folder name\n");
            return -1;
        }
        argv[out++] = argv[i];
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

int main(int argc, char **argv)
{
    /* libsodium picks its implementations and seeds its generator here */
    if (sodium_init() < 0) {
        fprintf(stderr, "gradbooth: libsodium failed to initialise\n");
        return GB_EXIT_USAGE;
    }
    gb_cli cli = {0};
    if (take_common_options(&cli, &argc, argv) < 0)
        return GB_EXIT_USAGE;
    if (argc < 2) {
        print_help(stderr);
        return GB_EXIT_USAGE;
    }
    const char *name = argv[1];
    int is_help = strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0;
    int is_version = strcmp(name, "version") == 0 || strcmp(name, "--version") == 0;
    if ((is_help || is_version) && argc > 2) {
        /* "gradbooth help batch" is the one extra word that makes sense */
        if (is_help && argc == 3) {
            char *sub[] = {argv[2], "--help", NULL};
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(commands[i]->name, argv[2]) == 0)
                    return commands[i]->run(&cli, 2, sub);
        }
        fprintf(stderr, "gradbooth: %s takes no argument '%s'\n", is_help ? "help" : "version", argv[2]);
        return GB_EXIT_USAGE;
    }
    if (is_help) {
        print_help(stdout);
        return GB_EXIT_OK;
    }
    if (is_version) {
        printf("gradbooth %s\n", GB_VERSION);
        return GB_EXIT_OK;
    }
    /* umask: photos, the database and outputs hold student data; the kiosk
     * user's group may read them, nobody else */
    umask(027);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(commands[i]->name, name) != 0)
            continue;
        if (!cli.config_path) {
            const char *env = getenv("GRADBOOTH_CONFIG");
            if (env && env[0])
                cli.config_path = env;
            else if (access("/etc/gradbooth/gradbooth.ini", R_OK) == 0)
                cli.config_path = "/etc/gradbooth/gradbooth.ini";
        }
        return commands[i]->run(&cli, argc - 1, argv + 1);
    }
    if (name[0] == '-')
        fprintf(stderr, "gradbooth: unknown option '%s' (see 'gradbooth help')\n", name);
    else
        fprintf(stderr, "gradbooth: unknown command '%s' (see 'gradbooth help')\n", name);
    return GB_EXIT_USAGE;
}
