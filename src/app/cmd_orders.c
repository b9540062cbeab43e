/* gradbooth orders list|show: the staff view. Student data is masked unless
 * --unmask is given (staff answering a student in front of them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "core/mask.h"
#include "core/money.h"
#include "store/batch.h"
#include "store/order.h"

static void help(void)
{
    printf("usage: gradbooth orders list [--batch NO] [--state STATE] [--limit N] [--unmask]\n"
           "       gradbooth orders show ORDER_NO [--unmask]\n"
           "\n"
           "Names, phones and e-mails are masked (张**, 138****8000) unless --unmask.\n"
           "STATE: verified, info_confirmed, photo_accepted, awaiting_payment, paid,\n"
           "submitted, synced, approved, rejected, retaken, resubmitted, cancelled.\n"
           "--limit defaults to [staff] orders_list_limit.\n");
}

static void masked_fields(const gb_order *o, int unmask, char *name, char *phone, char *email)
{
    if (unmask) {
        snprintf(name, 128, "%s", o->name);
        snprintf(phone, 32, "%s", o->phone);
        snprintf(email, 256, "%s", o->email);
    } else {
        gb_mask_name(o->name, name, 128);
        gb_mask_phone(o->phone, phone, 32);
        gb_mask_email(o->email, email, 256);
    }
}

static int list(gb_cli *cli, int argc, char **argv)
{
    const char *batch = NULL, *state = NULL;
    long limit = -1;
    int unmask = 0;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if ((v = gb_cli_opt(argc, argv, &i, "--batch", &missing)))
            batch = v;
        else if (!missing && (v = gb_cli_opt(argc, argv, &i, "--state", &missing)))
            state = v;
        else if (!missing && (v = gb_cli_opt(argc, argv, &i, "--limit", &missing))) {
            char *end;
            limit = strtol(v, &end, 10);
            if (*end || limit < 1)
                return gb_cli_usage_error("orders", "--limit: expected a positive number, got '%s'", v);
        } else if (missing)
            return gb_cli_usage_error("orders", "%s needs a value", argv[i]);
        else if (strcmp(argv[i], "--unmask") == 0)
            unmask = 1;
        else
            return gb_cli_usage_error("orders", "unknown argument '%s'", argv[i]);
    }
    gb_order_state s;
    if (state && gb_order_state_parse(state, &s) < 0)
        return gb_cli_usage_error("orders", "unknown state '%s'", state);
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    if (limit < 0)
        limit = cli->cfg.orders_list_limit;
    gb_store *st = gb_cli_open_existing_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_order *o;
    size_t n;
    gb_err err;
    if (batch) {
        gb_batch b;
        int found = gb_batch_get(st, batch, &b, &err);
        if (found != 0) {
            gb_store_close(st);
            fprintf(stderr, "gradbooth orders: %s\n", found < 0 ? err.msg : "no such batch (see gradbooth batch list)");
            return found < 0 ? GB_EXIT_USAGE : GB_EXIT_PROBLEMS;
        }
    }
    int rc = gb_order_list(st, batch, state, (size_t)limit, &o, &n, &err);
    gb_store_close(st);
    if (rc < 0) {
        fprintf(stderr, "gradbooth orders: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    if (n == 0) {
        printf("no orders\n");
        return GB_EXIT_OK;
    }
    printf("%-22s %-16s %-16s %-12s %-16s %10s %-20s\n", "ORDER", "BATCH", "STUDENT NO", "NAME", "STATE",
           "PRICE", "UPDATED (UTC)");
    for (size_t i = 0; i < n; i++) {
        char name[128], phone[32], email[256], money[32];
        masked_fields(&o[i], unmask, name, phone, email);
        gb_money_format(o[i].price_fen, money, sizeof money);
        printf("%-22s %-16s ", o[i].order_no, o[i].batch_no);
        gb_cli_cell(stdout, o[i].student_no, 16);
        fputc(' ', stdout);
        gb_cli_cell(stdout, name, 12);
        printf(" %-16s %10s %-20s\n", gb_order_state_name(o[i].state), money, o[i].updated_at);
    }
    if (n == (size_t)limit)
        printf("(first %ld shown; --limit N for more)\n", limit);
    free(o);
    return GB_EXIT_OK;
}

static int show(gb_cli *cli, int argc, char **argv)
{
    const char *no = NULL;
    int unmask = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--unmask") == 0)
            unmask = 1;
        else if (argv[i][0] == '-')
            return gb_cli_usage_error("orders", "unknown option '%s'", argv[i]);
        else if (no)
            return gb_cli_usage_error("orders", "show takes one order number");
        else
            no = argv[i];
    }
    if (!no)
        return gb_cli_usage_error("orders", "show needs an order number");
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;
    gb_store *st = gb_cli_open_existing_store(cli);
    if (!st)
        return GB_EXIT_USAGE;
    gb_order o;
    gb_err err;
    int rc = gb_order_get(st, no, &o, &err);
    if (rc != 0) {
        gb_store_close(st);
        if (rc == 1) {
            fprintf(stderr, "gradbooth orders: no order %s\n", no);
            return GB_EXIT_PROBLEMS;
        }
        fprintf(stderr, "gradbooth orders: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    gb_order_event *ev = NULL;
    size_t nev = 0;
    rc = gb_order_history(st, no, &ev, &nev, &err);
    gb_store_close(st);
    char name[128], phone[32], email[256], money[32];
    masked_fields(&o, unmask, name, phone, email);
    gb_money_format(o.price_fen, money, sizeof money);
    printf("order       %s\n", o.order_no);
    printf("state       %s\n", gb_order_state_name(o.state));
    printf("batch       %s (paid by the %s)\n", o.batch_no, gb_pay_mode_name(o.pay_mode));
    printf("price       %s CNY\n", money);
    printf("student no  %s\n", o.student_no);
    /* roster text may hold line breaks or tabs: one field, one line */
    const struct {
        const char *label, *value;
    } fields[] = {{"name", name},        {"gender", o.gender}, {"ID last 4", unmask ? o.id_last4 : "****"},
                  {"school", o.school},  {"college", o.college}, {"major", o.major},
                  {"level", o.level}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        printf("%-12s", fields[i].label);
        gb_cli_cell(stdout, fields[i].value, 0);
        fputc('\n', stdout);
    }
    printf("phone       %s\n", phone);
    printf("email       %s\n", email);
    printf("photo       %s\n", o.photo_path[0] ? o.photo_path : "(none yet)");
    if (o.reject_reason[0])
        printf("rejected    %s\n", o.reject_reason);
    printf("created     %s\nupdated     %s\n\nhistory (UTC):\n", o.created_at, o.updated_at);
    for (size_t i = 0; rc == 0 && i < nev; i++)
        printf("  %s  %-16s -> %-16s by %-7s %s\n", ev[i].at, ev[i].from[0] ? ev[i].from : "(new)",
               ev[i].to, ev[i].actor, ev[i].note);
    free(ev);
    return GB_EXIT_OK;
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        help();
        return GB_EXIT_OK;
    }
    if (argc < 2)
        return gb_cli_usage_error("orders", "say list or show");
    if (strcmp(argv[1], "list") == 0)
        return list(cli, argc - 1, argv + 1);
    if (strcmp(argv[1], "show") == 0)
        return show(cli, argc - 1, argv + 1);
    return gb_cli_usage_error("orders", "unknown action '%s'", argv[1]);
}

const gb_command gb_cmd_orders = {"orders", "list and show orders (student data masked)", run};
