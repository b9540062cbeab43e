/* gradbooth batch add|list|activate|deactivate */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "core/money.h"
#include "core/validate.h"
#include "store/batch.h"

static void help(void)
{
    printf("usage: gradbooth batch add --batch NO --school NAME --price YUAN --pay student|school\n"
           "                           --start 'YYYY-MM-DD HH:MM' --end 'YYYY-MM-DD HH:MM'\n"
           "                           [--backdrop blue|white|grey] [--feature-code-required]\n"
           "                           [--inactive]\n"
           "       gradbooth batch list\n"
           "       gradbooth batch activate NO | deactivate NO\n"
           "\n"
           "A batch is one school's collection: its number (printed on the school's notice),\n"
           "price (e.g. 20.00; 0 when the school pays), who pays, the collection window in\n"
           "local time and the backdrop colour (default: the first of [photo] backdrops).\n");
}

/* Names and numbers a person typed: no control characters (a pasted tab or
 * escape would end up on the kiosk screen). */
static int printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return 0;
    return 1;
}

static int add(gb_cli *cli, int argc, char **argv)
{
    const char *twice = gb_cli_repeated_option(argc, argv);
    if (twice)
        return gb_cli_usage_error("batch", "%s is given twice", twice);
    gb_batch b = {.active = 1, .pay_mode = GB_PAY_STUDENT};
    const char *price = NULL, *pay = NULL, *backdrop = NULL;
    int have_no = 0, have_school = 0, have_start = 0, have_end = 0;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
#define OPT(name) ((v = gb_cli_opt(argc, argv, &i, name, &missing)) != NULL)
        if (OPT("--batch")) {
            snprintf(b.batch_no, sizeof b.batch_no, "%s", v);
            have_no = strlen(v) < sizeof b.batch_no;
            if (!have_no)
                return gb_cli_usage_error("batch", "--batch: at most 32 characters");
        } else if (OPT("--school")) {
            if (strlen(v) >= sizeof b.school)
                return gb_cli_usage_error("batch", "--school: at most %zu bytes", sizeof b.school - 1);
            snprintf(b.school, sizeof b.school, "%s", v);
            have_school = 1;
        } else if (OPT("--price")) {
            price = v;
        } else if (OPT("--pay")) {
            pay = v;
        } else if (OPT("--start")) {
            snprintf(b.window_start, sizeof b.window_start, "%s", v);
            have_start = 1;
            if (strlen(v) >= sizeof b.window_start)
                return gb_cli_usage_error("batch", "--start: expected 'YYYY-MM-DD HH:MM'");
        } else if (OPT("--end")) {
            snprintf(b.window_end, sizeof b.window_end, "%s", v);
            have_end = 1;
            if (strlen(v) >= sizeof b.window_end)
                return gb_cli_usage_error("batch", "--end: expected 'YYYY-MM-DD HH:MM'");
        } else if (OPT("--backdrop")) {
            backdrop = v;
        } else if (strcmp(argv[i], "--feature-code-required") == 0) {
            b.feature_code_required = 1;
        } else if (strcmp(argv[i], "--inactive") == 0) {
            b.active = 0;
        } else if (missing) {
            return gb_cli_usage_error("batch", "%s needs a value", argv[i]);
        } else {
            return gb_cli_usage_error("batch", "unknown argument '%s'", argv[i]);
        }
#undef OPT
    }
    if (!have_no || !have_school || !price || !pay || !have_start || !have_end)
        return gb_cli_usage_error("batch", "add needs --batch, --school, --price, --pay, --start and --end");
    if (gb_money_parse(price, &b.price_fen) < 0)
        return gb_cli_usage_error("batch", "--price: expected an amount in yuan like 20.00, got '%s'", price);
    if (gb_pay_mode_parse(pay, &b.pay_mode) < 0)
        return gb_cli_usage_error("batch", "--pay: expected student or school, got '%s'", pay);
    if (b.pay_mode == GB_PAY_STUDENT && b.price_fen == 0)
        return gb_cli_usage_error("batch", "--price 0 with --pay student: a free batch is --pay school");
    if (!printable(b.school) || !printable(b.batch_no))
        return gb_cli_usage_error("batch", "--school and --batch may not hold control characters (tab, escape)");
    if (!gb_valid_batch_no(b.batch_no))
        return gb_cli_usage_error("batch", "--batch: 3-32 letters, digits, '-' or '_', got '%s'", b.batch_no);
    const char *opt[2] = {"--start", "--end"};
    const char *when[2] = {b.window_start, b.window_end};
    int which;
    switch (gb_batch_window_check(b.window_start, b.window_end, &which)) {
    case GB_WINDOW_CHECK_OK: break;
    case GB_WINDOW_CHECK_SHAPE:
        return gb_cli_usage_error("batch", "%s: expected 'YYYY-MM-DD HH:MM' (24-hour), got '%s'", opt[which],
                                  when[which]);
    case GB_WINDOW_CHECK_NOT_REAL:
        return gb_cli_usage_error("batch", "%s: '%s' is not a real date and time", opt[which], when[which]);
    case GB_WINDOW_CHECK_ORDER:
        return gb_cli_usage_error("batch", "--end (%s) must be after --start (%s)", b.window_end, b.window_start);
    }
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    if (!backdrop) {
        static char first[16];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(cli->cfg.backdrops, ","), cli->cfg.backdrops);
        backdrop = first;
    }
    if (!gb_config_backdrop_allowed(&cli->cfg, backdrop))
        return gb_cli_usage_error("batch", "--backdrop: '%s' is not in [photo] backdrops (%s)", backdrop,
                                  cli->cfg.backdrops);
    snprintf(b.backdrop, sizeof b.backdrop, "%s", backdrop);
    gb_store *st = gb_cli_open_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_err err;
    int rc = gb_batch_add(st, &b, &err);
    gb_store_close(st);
    if (rc < 0) {
        fprintf(stderr, "gradbooth batch: %s\n", err.msg);
        return GB_EXIT_PROBLEMS;
    }
    char money[32], now[17];
    gb_money_format(b.price_fen, money, sizeof money);
    gb_local_minute(time(NULL), now);
    if (strcmp(b.window_end, now) <= 0)
        fprintf(stderr, "gradbooth batch: warning: the window of %s ended already (%s); students cannot use it\n",
                b.batch_no, b.window_end);
    printf("batch %s added: %s, %s CNY paid by the %s, %s to %s, %s backdrop%s%s\n", b.batch_no,
           b.school, money, gb_pay_mode_name(b.pay_mode), b.window_start, b.window_end, b.backdrop,
           b.feature_code_required ? ", feature code required" : "", b.active ? "" : ", inactive");
    return GB_EXIT_OK;
}

static int list(gb_cli *cli)
{
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    gb_store *st = gb_cli_open_existing_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_batch *b;
    size_t n;
    gb_err err;
    int rc = gb_batch_list(st, &b, &n, &err);
    gb_store_close(st);
    if (rc < 0) {
        fprintf(stderr, "gradbooth batch: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    if (n == 0)
        printf("no batches (add one: gradbooth batch add --help)\n");
    else
        printf("%-16s %8s %-7s %-16s %-16s %-8s %8s %-6s %s\n", "BATCH", "PRICE", "PAYS", "START", "END",
               "BACKDROP", "STUDENTS", "ACTIVE", "SCHOOL");
    for (size_t i = 0; i < n; i++) {
        char money[32];
        gb_money_format(b[i].price_fen, money, sizeof money);
        printf("%-16s %8s %-7s %-16s %-16s %-8s %8ld %-6s %s%s\n", b[i].batch_no, money,
               gb_pay_mode_name(b[i].pay_mode), b[i].window_start, b[i].window_end, b[i].backdrop,
               b[i].students, b[i].active ? "yes" : "no", b[i].school,
               b[i].feature_code_required ? " (feature code)" : "");
    }
    free(b);
    return GB_EXIT_OK;
}

static int set_active(gb_cli *cli, const char *no, int active)
{
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    gb_store *st = gb_cli_open_existing_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_err err;
    int rc = gb_batch_set_active(st, no, active, &err);
    gb_store_close(st);
    if (rc < 0) {
        fprintf(stderr, "gradbooth batch: %s\n", err.msg);
        return GB_EXIT_PROBLEMS;
    }
    printf("batch %s %s\n", no, active ? "activated" : "deactivated");
    return GB_EXIT_OK;
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        help();
        return GB_EXIT_OK;
    }
    if (argc < 2)
        return gb_cli_usage_error("batch", "say add, list, activate or deactivate");
    if (strcmp(argv[1], "add") == 0)
        return add(cli, argc - 1, argv + 1);
    if (strcmp(argv[1], "list") == 0)
        return argc == 2 ? list(cli) : gb_cli_usage_error("batch", "list takes no arguments");
    if (strcmp(argv[1], "activate") == 0 || strcmp(argv[1], "deactivate") == 0) {
        if (argc != 3)
            return gb_cli_usage_error("batch", "%s needs one batch number", argv[1]);
        return set_active(cli, argv[2], argv[1][0] == 'a');
    }
    return gb_cli_usage_error("batch", "unknown action '%s'", argv[1]);
}

const gb_command gb_cmd_batch = {"batch", "add, list, activate or deactivate collection batches", run};
