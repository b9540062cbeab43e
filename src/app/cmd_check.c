/* gradbooth check: the on-device review from the command line. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "store/fileio.h"
#include "vision/analyse.h"
#include "vision/debug_draw.h"

static void help(void)
{
    printf("usage: gradbooth check [--json] [--out DIR [--out-all]] [--backdrop blue|white|grey]\n"
           "                       [--lang zh|en] [--verbose] [--debug DIR] PHOTO...\n"
           "\n"
           "Checks each photo (JPEG, PNG or WebP, judged by content, not name) against the CHSI\n"
           "specification and, with --out, writes the standardised 480x640 JPEG of each\n"
           "passing photo to DIR (--out-all: of failing ones too, when a crop is possible).\n"
           "\n"
           "  --json       one JSON object per photo, one per line, in input order\n"
           "  --backdrop   the batch's backdrop colour (default: any in [photo] backdrops)\n"
           "  --lang       language of the messages (default: [kiosk] language)\n"
           "  --verbose    timings, model load included, on stderr\n"
           "  --debug DIR  write a PNG per photo showing landmarks and the regions measured\n"
           "\n"
           "exit status: 0 every photo passes, 1 some photo fails, 2 usage or I/O error\n"
           "(an unreadable photo is reported and the others are still checked).\n");
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Whether path names the same file as one of the inputs (an output must
 * never replace the photo it was made from). */
static int is_an_input(const char *path, char **inputs, int n)
{
    char a[PATH_MAX], b[PATH_MAX];
    if (!realpath(path, a))
        return 0;
    for (int i = 0; i < n; i++)
        if (realpath(inputs[i], b) && strcmp(a, b) == 0)
            return 1;
    return 0;
}

/* DIR/<name without extension><ext>, unique within this run and never an
 * input: a.jpg and a.png both become a.jpg otherwise. "-2", "-3", ... are
 * added as needed. used[] remembers the names handed out. */
static void out_name(const char *dir, const char *input, const char *ext, char **inputs, int ninputs,
                     char (*used)[1200], int *nused, char *buf, size_t size)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    char stem[256];
    snprintf(stem, sizeof stem, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = 0;
    for (int k = 1;; k++) {
        if (k == 1)
            snprintf(buf, size, "%s/%s%s", dir, stem, ext);
        else
            snprintf(buf, size, "%s/%s-%d%s", dir, stem, k, ext);
        int taken = is_an_input(buf, inputs, ninputs);
        for (int i = 0; i < *nused && !taken; i++)
            taken = strcmp(used[i], buf) == 0;
        if (!taken)
            break;
    }
    snprintf(used[(*nused)++], 1200, "%s", buf);
}

/* What the student should do: only failed rules have something to say; a
 * rule that could not be judged says why. */
static const char *msg(const gb_rule_result *r, int zh)
{
    if (r->state == GB_RULE_PASS)
        return "";
    if (r->state == GB_RULE_NOT_EVALUATED)
        return zh ? "未检查：需要画面中恰好有一张清晰的人脸" : "not checked: needs exactly one clear face";
    return zh ? r->msg_zh : r->msg_en;
}

static double round3(double v) { return round(v * 1000) / 1000; }

static void print_json(const char *input, const char *verdict, const char *error, const gb_check *c, int zh,
                       const char *out_path)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "input", input);
    cJSON_AddStringToObject(o, "verdict", verdict);
    if (error)
        cJSON_AddStringToObject(o, "error", error);
    cJSON_AddNumberToObject(o, "faces", c ? c->m.faces : 0);
    cJSON *failed = cJSON_AddArrayToObject(o, "failed");
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (size_t i = 0; c && i < c->nrules; i++) {
        const gb_rule_result *r = &c->rules[i];
        if (r->state == GB_RULE_FAIL)
            cJSON_AddItemToArray(failed, cJSON_CreateString(r->id));
        cJSON *ro = cJSON_CreateObject();
        cJSON_AddStringToObject(ro, "id", r->id);
        if (r->state == GB_RULE_NOT_EVALUATED)
            cJSON_AddNullToObject(ro, "ok");
        else
            cJSON_AddBoolToObject(ro, "ok", r->state == GB_RULE_PASS);
        if (r->has_value)
            cJSON_AddNumberToObject(ro, "value", round3(r->value));
        else
            cJSON_AddNullToObject(ro, "value");
        if (r->limit_is_number)
            cJSON_AddNumberToObject(ro, "limit", round3(r->limit));
        else if (r->limit_text[0])
            cJSON_AddStringToObject(ro, "limit", r->limit_text);
        else
            cJSON_AddNullToObject(ro, "limit");
        cJSON_AddStringToObject(ro, "message", msg(r, zh));
        cJSON_AddItemToArray(rules, ro);
    }
    if (c && out_path) {
        cJSON *out = cJSON_AddObjectToObject(o, "output");
        cJSON_AddStringToObject(out, "path", out_path);
        cJSON_AddNumberToObject(out, "width", c->out_w);
        cJSON_AddNumberToObject(out, "height", c->out_h);
        cJSON_AddNumberToObject(out, "bytes", (double)c->jpeg_len);
        cJSON_AddNumberToObject(out, "quality", c->fit.quality);
        /* whether the file landed in [photo] jpeg_min_kb..jpeg_max_kb */
        cJSON_AddStringToObject(out, "size_window",
                                c->fit.fit == GB_JPEG_FIT_OK ? "ok" : c->fit.fit == GB_JPEG_FIT_OVER_MAX ? "over" : "under");
    } else {
        cJSON_AddNullToObject(o, "output");
    }
    cJSON *ms = cJSON_AddObjectToObject(o, "ms");
    cJSON_AddNumberToObject(ms, "decode", c ? round(c->ms_decode * 10) / 10 : 0);
    cJSON_AddNumberToObject(ms, "analyse", c ? round(c->ms_analyse * 10) / 10 : 0);
    cJSON_AddNumberToObject(ms, "output", c ? round(c->ms_output * 10) / 10 : 0);
    cJSON_AddNumberToObject(ms, "total", c ? round(c->ms_total * 10) / 10 : 0);
    char *text = cJSON_PrintUnformatted(o);
    if (text) {
        puts(text);
        free(text);
    }
    cJSON_Delete(o);
    fflush(stdout);
}

static void print_human(const char *input, const gb_check *c, int zh, const char *out_path)
{
    printf("%s: %s (%d face%s)\n", input, c->failed ? "FAIL" : "pass", c->m.faces, c->m.faces == 1 ? "" : "s");
    for (size_t i = 0; i < c->nrules; i++) {
        const gb_rule_result *r = &c->rules[i];
        if (r->state != GB_RULE_FAIL)
            continue;
        char val[96] = "";
        if (r->has_value && r->limit_is_number)
            snprintf(val, sizeof val, " [%.3g, limit %.3g]", r->value, r->limit);
        else if (r->has_value)
            snprintf(val, sizeof val, " [%.3g, limit %s]", r->value, r->limit_text);
        printf("  - %-18s %s%s\n", r->id, msg(r, zh), val);
    }
    if (out_path)
        printf("  -> %s (%dx%d, %zu bytes, quality %d%s)\n", out_path, c->out_w, c->out_h, c->jpeg_len,
               c->fit.quality,
               c->fit.fit == GB_JPEG_FIT_OK ? "" : c->fit.fit == GB_JPEG_FIT_OVER_MAX ? ", above the size window"
                                                                                      : ", below the size window");
    fflush(stdout);
}

static int run(gb_cli *cli, int argc, char **argv)
{
    if (gb_cli_wants_help(argc, argv)) {
        help();
        return GB_EXIT_OK;
    }
    int json = 0, out_all = 0, verbose = 0, first_input = 0;
    const char *out_dir = NULL, *backdrop = NULL, *lang = NULL, *debug_dir = NULL;
    char **inputs = calloc((size_t)argc, sizeof *inputs);
    int ninputs = 0;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (!first_input && (v = gb_cli_opt(argc, argv, &i, "--out", &missing)))
            out_dir = v;
        else if (!first_input && !missing && (v = gb_cli_opt(argc, argv, &i, "--backdrop", &missing)))
            backdrop = v;
        else if (!first_input && !missing && (v = gb_cli_opt(argc, argv, &i, "--lang", &missing)))
            lang = v;
        else if (!first_input && !missing && (v = gb_cli_opt(argc, argv, &i, "--debug", &missing)))
            debug_dir = v;
        else if (missing) {
            free(inputs);
            return gb_cli_usage_error("check", "%s needs a value", argv[i]);
        } else if (!first_input && strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (!first_input && strcmp(argv[i], "--out-all") == 0)
            out_all = 1;
        else if (!first_input && strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else if (!first_input && strcmp(argv[i], "--") == 0)
            first_input = 1;
        else if (!first_input && argv[i][0] == '-' && argv[i][1]) {
            free(inputs);
            return gb_cli_usage_error("check", "unknown option '%s'", argv[i]);
        } else
            inputs[ninputs++] = argv[i];
    }
    if (ninputs == 0) {
        free(inputs);
        return gb_cli_usage_error("check", "name at least one photo");
    }
    if (out_all && !out_dir) {
        free(inputs);
        return gb_cli_usage_error("check", "--out-all goes with --out DIR");
    }
    if (backdrop && strcmp(backdrop, "blue") && strcmp(backdrop, "white") && strcmp(backdrop, "grey")) {
        free(inputs);
        return gb_cli_usage_error("check", "--backdrop: expected blue, white or grey");
    }
    if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
        free(inputs);
        return gb_cli_usage_error("check", "--lang: expected zh or en");
    }
    if (gb_cli_load_config(cli) < 0) {
        free(inputs);
        return GB_EXIT_USAGE;
    }
    if (backdrop && !gb_config_backdrop_allowed(&cli->cfg, backdrop)) {
        free(inputs);
        return gb_cli_usage_error("check", "--backdrop: '%s' is not in [photo] backdrops (%s)", backdrop,
                                  cli->cfg.backdrops);
    }
    int zh = strcmp(lang ? lang : cli->cfg.language, "zh") == 0;
    gb_err err;
    if ((out_dir && gb_mkdir_p(out_dir, 0755, &err) < 0) || (debug_dir && gb_mkdir_p(debug_dir, 0755, &err) < 0)) {
        fprintf(stderr, "gradbooth check: %s\n", err.msg);
        free(inputs);
        return GB_EXIT_USAGE;
    }
    double t0 = now_ms();
    gb_face_model *model = gb_face_model_load(cli->cfg.face_model, &err);
    if (!model) {
        fprintf(stderr, "gradbooth check: %s\n", err.msg);
        free(inputs);
        return GB_EXIT_USAGE;
    }
    if (verbose)
        fprintf(stderr, "gradbooth check: face model loaded in %.0f ms\n", now_ms() - t0);

    int any_fail = 0, any_error = 0;
    char (*used)[1200] = calloc((size_t)ninputs * 2 + 1, sizeof *used);
    int nused = 0;
    for (int i = 0; i < ninputs; i++) {
        const char *input = inputs[i];
        unsigned char *data = NULL;
        size_t len = 0;
        gb_check c;
        gb_output_mode mode = !out_dir ? GB_OUTPUT_NONE : out_all ? GB_OUTPUT_IF_CROP : GB_OUTPUT_IF_PASS;
        if (gb_read_file(input, 64u << 20, &data, &len, &err) < 0 ||
            gb_check_photo(model, &cli->cfg, data, len, backdrop, mode, &c, &err) < 0) {
            free(data);
            any_error = 1;
            if (json)
                print_json(input, "error", err.msg, NULL, zh, NULL);
            else
                printf("%s: ERROR %s\n", input, err.msg);
            fflush(stdout);
            continue;
        }
        if (debug_dir) {
            char dpath[1200];
            out_name(debug_dir, input, ".png", inputs, ninputs, used, &nused, dpath, sizeof dpath);
            if (gb_check_debug_png(&cli->cfg, data, len, &c, dpath, &err) < 0)
                fprintf(stderr, "gradbooth check: debug picture: %s\n", err.msg);
        }
        free(data);
        char path[1200];
        const char *written = NULL;
        if (c.jpeg) {
            out_name(out_dir, input, ".jpg", inputs, ninputs, used, &nused, path, sizeof path);
            char *slash = strrchr(path, '/');
            *slash = 0;
            if (gb_write_atomic(path, slash + 1, c.jpeg, c.jpeg_len, &err) < 0) {
                fprintf(stderr, "gradbooth check: %s\n", err.msg);
                any_error = 1;
            } else {
                *slash = '/';
                written = path;
            }
        }
        if (c.failed)
            any_fail = 1;
        if (json)
            print_json(input, c.failed ? "fail" : "pass", NULL, &c, zh, written);
        else
            print_human(input, &c, zh, written);
        if (verbose) {
            fprintf(stderr, "%s: decode %.0f ms, analyse %.0f ms, output %.0f ms, total %.0f ms\n", input,
                    c.ms_decode, c.ms_analyse, c.ms_output, c.ms_total);
            if (c.m.have_face) {
                double k = (double)c.src_w / c.m.img_w;
                fprintf(stderr,
                        "  source %dx%d: eyes y %.0f, head top y %.0f%s, face width %.0f; crop %s",
                        c.src_w, c.src_h, c.m.eye_y * k, c.m.crown_y * k,
                        c.m.crown_found ? "" : c.m.crown_cut ? " (cut off)" : " (estimated)", c.m.face_width * k,
                        gb_crop_status_name(c.crop.status));
                if (c.crop.status == GB_CROP_OK)
                    fprintf(stderr, " at %.0f,%.0f %.0fx%.0f: head top %.0f, eyes %.0f, face %.0f px",
                            c.crop.x, c.crop.y, c.crop.w, c.crop.h, c.crop.crown_out, c.crop.eye_out,
                            c.crop.face_w_out);
                fputc('\n', stderr);
            }
        }
        gb_check_free(&c);
    }
    gb_face_model_free(model);
    free(inputs);
    free(used);
    if (verbose) {
        /* peak resident memory of the whole run, for bench/check */
        FILE *st = fopen("/proc/self/status", "r");
        char line[256];
        while (st && fgets(line, sizeof line, st))
            if (strncmp(line, "VmHWM:", 6) == 0)
                fprintf(stderr, "gradbooth check: peak memory %s", line + 6 + strspn(line + 6, " \t"));
        if (st)
            fclose(st);
    }
    return any_error ? GB_EXIT_USAGE : any_fail ? GB_EXIT_PROBLEMS : GB_EXIT_OK;
}

const gb_command gb_cmd_check = {"check", "check photos against the CHSI spec and make the 480x640 JPEG", run};
