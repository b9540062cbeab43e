/* gradbooth roster import FILE --batch NO [--update] [--dry-run] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "core/roster.h"
#include "store/batch.h"
#include "store/fileio.h"
#include "store/roster_import.h"

static void help(void)
{
    printf("usage: gradbooth roster import FILE --batch NO [--update] [--dry-run]\n"
           "\n"
           "Imports the school's student list into a batch, all or nothing.\n"
           "FILE: CSV or tab-separated text as Excel or the school's system exports it,\n"
           "in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16. The first row names the\n"
           "columns, in Chinese or English: 姓名/name and 学号/student_no are required, and\n"
           "身份证号/id_number (cut to its last 4 on import) or 身份证后四位/id_last4;\n"
           "optional: 性别/gender, 学校/school, 学院/college, 专业/major, 学历层次/level,\n"
           "班级/class, 特征码/feature_code. Other columns are ignored and named.\n"
           "\n"
           "  --update    replace students already in the batch whose data changed\n"
           "              (without it such rows are problems)\n"
           "  --dry-run   check the file and report, write nothing\n"
           "\n"
           "A file with problems changes nothing; they are listed by line and column\n"
           "([roster] errors_listed of them, then a count). Importing the same file again\n"
           "is harmless.\n");
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int report_problems(const gb_cli *cli, const gb_roster *r, const char *file)
{
    size_t size = 256 * ((size_t)cli->cfg.roster_errors_listed + 2);
    char *buf = malloc(size);
    if (!buf)
        return GB_EXIT_USAGE;
    gb_roster_format_problems(r, file, (size_t)cli->cfg.roster_errors_listed, buf, size);
    fputs(buf, stderr);
    fprintf(stderr, "gradbooth roster: %s rejected: %zu problem%s; nothing was imported\n", file,
            r->nproblems, r->nproblems == 1 ? "" : "s");
    free(buf);
    return GB_EXIT_PROBLEMS;
}

static int import(gb_cli *cli, int argc, char **argv)
{
    const char *file = NULL, *batch = NULL;
    int update = 0, dry = 0;
    const char *twice = gb_cli_repeated_option(argc, argv);
    if (twice)
        return gb_cli_usage_error("roster", "%s is given twice", twice);
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v = gb_cli_opt(argc, argv, &i, "--batch", &missing);
        if (v)
            batch = v;
        else if (missing)
            return gb_cli_usage_error("roster", "--batch needs a batch number");
        else if (strcmp(argv[i], "--update") == 0)
            update = 1;
        else if (strcmp(argv[i], "--dry-run") == 0)
            dry = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return gb_cli_usage_error("roster", "unknown option '%s'", argv[i]);
        else if (file)
            return gb_cli_usage_error("roster", "one file at a time ('%s' and '%s')", file, argv[i]);
        else
            file = argv[i];
    }
    if (!file || !batch)
        return gb_cli_usage_error("roster", "import needs FILE and --batch NO");
    if (gb_cli_load_config(cli) < 0)
        return GB_EXIT_USAGE;

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned char *data;
    size_t len;
    gb_err err;
    /* 64 bytes a row is generous; the row limit is checked after parsing. */
    size_t max_bytes = (size_t)cli->cfg.roster_max_rows * 1024 + (1u << 20);
    if (gb_read_file(file, max_bytes, &data, &len, &err) < 0) {
        fprintf(stderr, "gradbooth roster: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    gb_roster r;
    int rc = gb_roster_parse(data, len, (size_t)cli->cfg.roster_max_rows, &r);
    int workbook = gb_roster_is_workbook(data, len);
    explicit_bzero(data, len); /* it held full ID numbers */
    free(data);
    if (rc < 0) {
        int code = report_problems(cli, &r, file);
        if (workbook)
            fprintf(stderr, "%s is an Excel workbook, not a CSV file: in Excel choose Save As, type "
                            "\"CSV UTF-8 (Comma delimited)\", and import the new file\n",
                    file);
        gb_roster_free(&r);
        return code;
    }
    const char *delim = r.delimiter == '\t' ? "tab" : r.delimiter == ';' ? "semicolon" : "comma";
    printf("%s: %s, %s separated, %zu student%s\n", file, r.encoding, delim, r.nrows,
           r.nrows == 1 ? "" : "s");
    if (r.ignored_columns[0])
        printf("columns not used: %s\n", r.ignored_columns);
    if (r.title_lines)
        printf("skipped %d title line%s above the header\n", r.title_lines, r.title_lines == 1 ? "" : "s");

    gb_store *st = gb_cli_open_store(cli);
    if (!st) {
        gb_roster_free(&r);
        return GB_EXIT_USAGE;
    }
    gb_batch batch_row;
    int found = gb_batch_get(st, batch, &batch_row, &err);
    if (found != 0) {
        gb_store_close(st);
        gb_roster_free(&r);
        if (found < 0) {
            fprintf(stderr, "gradbooth roster: %s\n", err.msg);
            return GB_EXIT_USAGE;
        }
        fprintf(stderr, "gradbooth roster: no batch %s (add it first: gradbooth batch add)\n", batch);
        return GB_EXIT_PROBLEMS;
    }
    gb_import_result res;
    /* A dry run is a real import rolled back, so it finds the same
     * conflicts with the batch. */
    rc = gb_roster_import(st, batch, &r, (update ? GB_IMPORT_UPDATE : 0) | (dry ? GB_IMPORT_DRY_RUN : 0),
                          &res, &err);
    gb_store_close(st);
    if (rc < 0) {
        int code = r.nproblems ? report_problems(cli, &r, file) : GB_EXIT_USAGE;
        if (!r.nproblems)
            fprintf(stderr, "gradbooth roster: %s\n", err.msg);
        gb_roster_free(&r);
        return code;
    }
    if (r.nwarnings) {
        /* printed, not refused: the school may be right */
        size_t size = 256 * ((size_t)cli->cfg.roster_errors_listed + 2);
        char *buf = malloc(size);
        if (buf) {
            gb_roster_format_warnings(&r, file, (size_t)cli->cfg.roster_errors_listed, buf, size);
            printf("%zu warning%s (imported anyway; check with the school):\n%s", r.nwarnings,
                   r.nwarnings == 1 ? "" : "s", buf);
            free(buf);
        }
    }
    printf("batch %s: %zu added, %zu unchanged, %zu updated, %zu already there and not in this file "
           "(kept) in %.2f s%s\n",
           batch, res.added, res.unchanged, res.updated, res.kept, seconds_since(&t0),
           dry ? " (dry run: nothing written)" : "");
    gb_roster_free(&r);
    return GB_EXIT_OK;
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        help();
        return GB_EXIT_OK;
    }
    if (argc < 2)
        return gb_cli_usage_error("roster", "say 'import'");
    if (strcmp(argv[1], "import") != 0)
        return gb_cli_usage_error("roster", "unknown action '%s'", argv[1]);
    return import(cli, argc - 1, argv + 1);
}

const gb_command gb_cmd_roster = {"roster", "import a school's student list into a batch", run};
