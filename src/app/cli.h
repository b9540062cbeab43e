/* What every subcommand shares: the common options, the configuration and
 * the store. Exit codes: 0 done, 1 the data had problems (roster rejected,
 * photo failed), 2 usage or I/O errors. */
#ifndef GB_APP_CLI_H
#define GB_APP_CLI_H

#include <stdio.h>

#include "core/config.h"
#include "store/db.h"

enum { GB_EXIT_OK = 0, GB_EXIT_PROBLEMS = 1, GB_EXIT_USAGE = 2 };

typedef struct gb_cli {
    const char *config_path; /* --config, $GRADBOOTH_CONFIG, /etc/gradbooth/gradbooth.ini or NULL */
    const char *data_dir;    /* --data-dir overrides [kiosk] data_dir */
    char config_dir[512];    /* folder of the config file, for relative paths in it */
    gb_config cfg;
} gb_cli;

typedef struct gb_command {
    const char *name;
    const char *summary;
    int (*run)(gb_cli *cli, int argc, char **argv); /* argv[0] is the command name */
} gb_command;

/* Loads the configuration named by cli->config_path over the defaults.
 * Prints the error (file, line, key) and returns -1 on failure. */
int gb_cli_load_config(gb_cli *cli);

/* The data folder after --data-dir, the config and the XDG default. */
void gb_cli_data_dir(const gb_cli *cli, char *out, size_t size);

/* A path from the config file (e.g. [camera] file_path): relative paths
 * are relative to the config file's folder, like data_dir. Empty stays
 * empty. */
void gb_cli_config_path(const gb_cli *cli, const char *path, char *out, size_t size);

/* Opens the store in the data folder; prints the error on failure. */
gb_store *gb_cli_open_store(gb_cli *cli);

/* The same for commands that only read: a store that is not there is an
 * error (a mistyped --data-dir must not show an empty, "intact" store). */
gb_store *gb_cli_open_existing_store(gb_cli *cli);

/* The first "--option" that appears twice in argv (as --x V or --x=V), or
 * NULL: an option given twice is a mistake to report, not last-one-wins. */
const char *gb_cli_repeated_option(int argc, char **argv);

/* Prints s for a terminal column of `width` cells: control characters
 * shown as spaces (a newline in a roster field must not break a table),
 * Chinese characters counted as two cells, padded with spaces; a value
 * wider than the column is cut and ends in "…". width 0: no column. */
void gb_cli_cell(FILE *f, const char *s, int width);

/* Whether argv holds -h or --help. */
int gb_cli_wants_help(int argc, char **argv);

/* Prints "gradbooth CMD: message" and a hint to --help; returns 2. */
int gb_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads the value of "--opt VALUE" or "--opt=VALUE" at argv[*i]; advances
 * *i past a separate value. Returns NULL when argv[*i] is not that option,
 * and sets *missing when it is but has no value. */
const char *gb_cli_opt(int argc, char **argv, int *i, const char *opt, int *missing);

extern const gb_command gb_cmd_check, gb_cmd_config, gb_cmd_batch, gb_cmd_roster, gb_cmd_orders, gb_cmd_store,
    gb_cmd_demo, gb_cmd_camera;

extern const gb_command gb_cmd_kiosk, gb_cmd_staff;

#endif
