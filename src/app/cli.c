#include "app/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fileio.h"

int gb_cli_load_config(gb_cli *cli)
{
    gb_config_defaults(&cli->cfg);
    cli->config_dir[0] = 0;
    if (!cli->config_path)
        return 0;
    unsigned char *text;
    size_t len;
    gb_err err;
    if (gb_read_file(cli->config_path, 1u << 20, &text, &len, &err) < 0) {
        fprintf(stderr, "gradbooth: config: %s\n", err.msg);
        return -1;
    }
    if (len >= 2 && ((text[0] == 0xFF && text[1] == 0xFE) || (text[0] == 0xFE && text[1] == 0xFF))) {
        fprintf(stderr, "gradbooth: config: %s is UTF-16 (Notepad's \"Unicode\"); save it as UTF-8\n",
                cli->config_path);
        free(text);
        return -1;
    }
    if (strlen((char *)text) != len) {
        fprintf(stderr, "gradbooth: config: %s: binary data (a NUL byte) in a text file\n",
                cli->config_path);
        free(text);
        return -1;
    }
    int rc = gb_config_parse_string(&cli->cfg, (char *)text, cli->config_path, &err);
    free(text);
    if (rc < 0) {
        fprintf(stderr, "gradbooth: config: %s\n", err.msg);
        return -1;
    }
    snprintf(cli->config_dir, sizeof cli->config_dir, "%s", cli->config_path);
    char *slash = strrchr(cli->config_dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(cli->config_dir, sizeof cli->config_dir, ".");
    return 0;
}

void gb_cli_data_dir(const gb_cli *cli, char *out, size_t size)
{
    if (cli->data_dir && cli->data_dir[0]) {
        snprintf(out, size, "%s", cli->data_dir);
    } else if (strncmp(cli->cfg.data_dir, "~/", 2) == 0 && getenv("HOME") && getenv("HOME")[0] == '/') {
        /* a shell would expand it; people write it in config files too */
        snprintf(out, size, "%s/%s", getenv("HOME"), cli->cfg.data_dir + 2);
    } else if (cli->cfg.data_dir[0] == '/' || (cli->cfg.data_dir[0] && !cli->config_dir[0])) {
        snprintf(out, size, "%s", cli->cfg.data_dir);
    } else if (cli->cfg.data_dir[0]) {
        snprintf(out, size, "%s/%s", cli->config_dir, cli->cfg.data_dir);
    } else {
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        if (xdg && xdg[0] == '/')
            snprintf(out, size, "%s/gradbooth", xdg);
        else
            snprintf(out, size, "%s/.local/share/gradbooth", home && home[0] ? home : "/tmp");
    }
}

void gb_cli_config_path(const gb_cli *cli, const char *path, char *out, size_t size)
{
    if (path[0] && path[0] != '/' && cli->config_dir[0])
        snprintf(out, size, "%s/%s", cli->config_dir, path);
    else
        snprintf(out, size, "%s", path);
}

gb_store *gb_cli_open_store(gb_cli *cli)
{
    char dir[512];
    gb_cli_data_dir(cli, dir, sizeof dir);
    gb_err err;
    gb_store *st = gb_store_open(dir, cli->cfg.kiosk_id, cli->cfg.busy_timeout_ms, &err);
    if (!st)
        fprintf(stderr, "gradbooth: store: %s\n", err.msg);
    return st;
}

gb_store *gb_cli_open_existing_store(gb_cli *cli)
{
    char dir[512], db[600];
    gb_cli_data_dir(cli, dir, sizeof dir);
    snprintf(db, sizeof db, "%s/orders.db", dir);
    if (access(db, F_OK) != 0) {
        fprintf(stderr, "gradbooth: store: no GradBooth data in %s (orders.db is missing); check --data-dir or "
                        "[kiosk] data_dir\n",
                dir);
        return NULL;
    }
    return gb_cli_open_store(cli);
}

const char *gb_cli_repeated_option(int argc, char **argv)
{
    static char name[64];
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0 || !argv[i][2])
            continue;
        size_t n = strcspn(argv[i], "=");
        for (int j = i + 1; j < argc; j++)
            if (strncmp(argv[j], argv[i], n) == 0 && (argv[j][n] == 0 || argv[j][n] == '=')) {
                snprintf(name, sizeof name, "%.*s", (int)n, argv[i]);
                return name;
            }
    }
    return NULL;
}

int gb_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}

int gb_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "gradbooth %s: %s (see 'gradbooth %s --help')\n", cmd, msg, cmd);
    return GB_EXIT_USAGE;
}

const char *gb_cli_opt(int argc, char **argv, int *i, const char *opt, int *missing)
{
    size_t n = strlen(opt);
    const char *a = argv[*i];
    *missing = 0;
    if (strncmp(a, opt, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* Display cells of one code point: East Asian wide ranges take two. */
static int cells(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                   (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)
               ? 2
               : 1;
}

/* The next code point of p (a lone or cut byte counts as itself) and its
 * length. */
static unsigned next_cp(const unsigned char *p, int *len)
{
    unsigned cp = *p;
    *len = 1;
    if (cp >= 0xF0 && p[1] && p[2] && p[3]) {
        cp = ((cp & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u);
        *len = 4;
    } else if (cp >= 0xE0 && p[1] && p[2]) {
        cp = ((cp & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
        *len = 3;
    } else if (cp >= 0xC0 && p[1]) {
        cp = ((cp & 31u) << 6) | (p[1] & 63u);
        *len = 2;
    }
    return cp;
}

static int cell_width(unsigned cp)
{
    return cp < 0x20 || cp == 0x7F ? 1 : cells(cp);
}

void gb_cli_cell(FILE *f, const char *s, int width)
{
    int total = 0, len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += len)
        total += cell_width(next_cp(p, &len));
    /* too long for its column: cut, and say so with "…", so the columns
     * after it stay in line (a long name pushed the state column out) */
    int room = width > 0 && total > width ? width - 1 : -1;
    int used = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += len) {
        unsigned cp = next_cp(p, &len);
        int c = cell_width(cp);
        if (room >= 0 && used + c > room)
            break;
        if (cp < 0x20 || cp == 0x7F)
            fputc(' ', f);
        else
            fwrite(p, 1, (size_t)len, f);
        used += c;
    }
    if (room >= 0) {
        fputs("\xe2\x80\xa6", f); /* … */
        used++;
    }
    for (; used < width; used++)
        fputc(' ', f);
}
