/* The --script runner (format: docs/kiosk-script.md).
 *
 * One command runs at a time. A command that produces input pushes SDL
 * events; the loop handles them in the next frame, and the runner waits a
 * couple of frames so the screenshot shows the result. Waiting commands
 * (wait, wait-screen, wait-text, show-photo, press) are checked once per
 * frame against their deadline. */
#include "ui/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/fileio.h"
#include "ui/photo_worker.h"
#include "ui/widgets.h"

#define SETTLE_FRAMES 2
#define DEFAULT_WAIT_MS 10000
#define SHOW_PHOTO_WAIT_MS 60000

typedef struct line {
    int no;
    char cmd[24];
    char arg[1024]; /* the rest of the line, spaces kept */
} line;

struct gb_script {
    char dir[1024]; /* the script's folder: show-photo paths are relative to it */
    line *lines;
    size_t n, cur;
    int started;   /* the current command has been issued */
    uint64_t show_ticket; /* show-photo: the worker's ticket */
    double deadline;
    double until;  /* wait */
    int settle;    /* frames to wait before the screenshot */
    size_t typed;  /* type: bytes delivered so far */
    double next_key_ms;
    int step;      /* screenshots written */
    int press_x, press_y; /* press: where the button went down */
};

gb_script *gb_script_load(const char *path, gb_err *err)
{
    unsigned char *data = NULL;
    size_t len;
    if (gb_read_file(path, 1u << 20, &data, &len, err) < 0)
        return NULL;
    gb_script *s = calloc(1, sizeof *s);
    if (!s) {
        free(data);
        gb_err_set(err, "out of memory");
        return NULL;
    }
    snprintf(s->dir, sizeof s->dir, "%s", path);
    char *slash = strrchr(s->dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(s->dir, sizeof s->dir, ".");
    int no = 0;
    for (char *l = (char *)data, *nl; l && *l; l = nl) {
        nl = strchr(l, '\n');
        if (nl)
            *nl++ = 0;
        no++;
        l[strcspn(l, "\r")] = 0;
        while (*l == ' ' || *l == '\t')
            l++;
        if (!*l || *l == '#')
            continue;
        line *grown = realloc(s->lines, (s->n + 1) * sizeof *grown);
        if (!grown) {
            gb_err_set(err, "out of memory");
            goto fail;
        }
        s->lines = grown;
        line *ln = &s->lines[s->n++];
        memset(ln, 0, sizeof *ln);
        ln->no = no;
        size_t k = strcspn(l, " \t");
        if (k >= sizeof ln->cmd) {
            gb_err_set(err, "%s line %d: unknown command", path, no);
            goto fail;
        }
        memcpy(ln->cmd, l, k);
        const char *a = l + k;
        while (*a == ' ' || *a == '\t')
            a++;
        snprintf(ln->arg, sizeof ln->arg, "%s", a);
        static const char *const known[] = {"tap",         "press",      "type",          "key",
                                            "scan",        "wait-screen", "wait-text",    "wait-button",
                                            "wait",        "show-photo", "screenshot",    "expect-text",
                                            "expect-no-text", "expect-no-overlap",    "expect-text-colour",
                                            "expect-screen", "expect-session-empty", "quit"};
        int ok = 0;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            ok |= strcmp(known[i], ln->cmd) == 0;
        if (!ok) {
            gb_err_set(err, "%s line %d: unknown command '%s'", path, no, ln->cmd);
            goto fail;
        }
    }
    free(data);
    return s;
fail:
    free(data);
    gb_script_free(s);
    return NULL;
}

void gb_script_free(gb_script *s)
{
    if (!s)
        return;
    free(s->lines);
    free(s);
}

static const char *screen_name(gb_ui *ui)
{
    return ui->screens[ui->cur]->name;
}

static void push_text(const char *utf8, size_t n)
{
    SDL_Event e = {0};
    e.type = SDL_TEXTINPUT;
    if (n >= sizeof e.text.text)
        n = sizeof e.text.text - 1;
    memcpy(e.text.text, utf8, n);
    e.text.text[n] = 0;
    SDL_PushEvent(&e);
}

static void push_button(Uint32 type, int x, int y)
{
    SDL_Event e = {0};
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

/* The button id shown on screen, or NULL with err listing those that are. */
static const gb_hit *find_button(gb_ui *ui, const line *ln, const char *id, gb_err *err)
{
    for (int i = ui->nhits - 1; i >= 0; i--)
        if (strcmp(ui->hits[i].id, id) == 0)
            return &ui->hits[i];
    char ids[600] = "";
    for (int i = 0; i < ui->nhits; i++) {
        strncat(ids, " ", sizeof ids - strlen(ids) - 1);
        strncat(ids, ui->hits[i].id, sizeof ids - strlen(ids) - 1);
    }
    gb_err_set(err, "line %d: no button '%s' on screen %s (buttons:%s)", ln->no, id, ui->screens[ui->cur]->name, ids);
    return NULL;
}

static void push_key(SDL_Keycode k)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

static size_t u8len(unsigned char b)
{
    return b < 0x80 ? 1 : b >> 5 == 6 ? 2 : b >> 4 == 14 ? 3 : 4;
}

static void shoot(gb_script *s, gb_ui *ui, const char *name)
{
    if (!ui->shots_dir[0])
        return;
    char path[1200];
    s->step++;
    snprintf(path, sizeof path, "%s/%03d-%s.png", ui->shots_dir, s->step, name);
    gb_err err;
    if (gb_ui_screenshot(ui, path, &err) < 0)
        fprintf(stderr, "gradbooth kiosk: screenshot: %s\n", err.msg);
}

/* Issues the current command. Returns 0 when it has to be waited on,
 * 1 when it is done, -1 on failure. */
static int issue(gb_script *s, gb_ui *ui, line *ln, gb_err *err)
{
    const char *a = ln->arg;
    if (strcmp(ln->cmd, "tap") == 0) {
        const gb_hit *h = find_button(ui, ln, a, err);
        if (!h)
            return -1;
        push_button(SDL_MOUSEBUTTONDOWN, h->r.x + h->r.w / 2, h->r.y + h->r.h / 2);
        push_button(SDL_MOUSEBUTTONUP, h->r.x + h->r.w / 2, h->r.y + h->r.h / 2);
        s->settle = SETTLE_FRAMES;
        return 1;
    }
    if (strcmp(ln->cmd, "press") == 0) {
        /* press ID MS: down at the button's centre, up MS later, where it
         * went down (whatever the screen shows by then) */
        if (!s->started) {
            char id[64];
            double ms;
            char extra;
            if (sscanf(a, "%63s %lf %c", id, &ms, &extra) != 2 || ms < 0) {
                gb_err_set(err, "line %d: press needs a button and milliseconds (press title 3000)", ln->no);
                return -1;
            }
            const gb_hit *h = find_button(ui, ln, id, err);
            if (!h)
                return -1;
            s->press_x = h->r.x + h->r.w / 2;
            s->press_y = h->r.y + h->r.h / 2;
            push_button(SDL_MOUSEBUTTONDOWN, s->press_x, s->press_y);
            s->until = ui->now_ms + ms;
            s->started = 1;
            return 0;
        }
        if (ui->now_ms < s->until)
            return 0;
        push_button(SDL_MOUSEBUTTONUP, s->press_x, s->press_y);
        s->settle = SETTLE_FRAMES;
        return 1;
    }
    if (strcmp(ln->cmd, "type") == 0) {
        /* one character per person-speed interval, so the scanner
         * detection sees a person */
        if (ui->now_ms < s->next_key_ms)
            return 0;
        if (!a[s->typed]) {
            s->settle = SETTLE_FRAMES;
            return 1;
        }
        size_t k = u8len((unsigned char)a[s->typed]);
        push_text(a + s->typed, k);
        s->typed += k;
        s->next_key_ms = ui->now_ms + ui->cfg.scanner_max_key_gap_ms + 15;
        return 0;
    }
    if (strcmp(ln->cmd, "scan") == 0) {
        /* all at once and Enter: a scanner's burst */
        for (size_t i = 0; a[i];) {
            size_t k = u8len((unsigned char)a[i]);
            push_text(a + i, k);
            i += k;
        }
        push_key(SDLK_RETURN);
        s->settle = SETTLE_FRAMES;
        return 1;
    }
    if (strcmp(ln->cmd, "key") == 0) {
        SDL_Keycode k = SDL_GetKeyFromName(a);
        if (k == SDLK_UNKNOWN) {
            gb_err_set(err, "line %d: unknown key '%s' (SDL key names: Return, BackSpace, Escape, F12)", ln->no, a);
            return -1;
        }
        push_key(k);
        s->settle = SETTLE_FRAMES;
        return 1;
    }
    if (strcmp(ln->cmd, "wait") == 0) {
        if (!s->until)
            s->until = ui->now_ms + atof(a);
        return ui->now_ms >= s->until;
    }
    if (strcmp(ln->cmd, "wait-screen") == 0 || strcmp(ln->cmd, "wait-text") == 0) {
        char what[1024];
        snprintf(what, sizeof what, "%s", a);
        double limit = DEFAULT_WAIT_MS;
        if (strcmp(ln->cmd, "wait-screen") == 0) {
            char *sp = strchr(what, ' ');
            if (sp) {
                *sp = 0;
                limit = atof(sp + 1);
            }
        }
        if (!s->deadline)
            s->deadline = ui->now_ms + limit;
        int hit = strcmp(ln->cmd, "wait-screen") == 0 ? strcmp(screen_name(ui), what) == 0 && !ui->pending
                                                      : ui->drawn && strstr(ui->drawn, what) != NULL;
        if (hit) {
            s->settle = SETTLE_FRAMES;
            return 1;
        }
        if (ui->now_ms > s->deadline) {
            gb_err_set(err, "line %d: %s '%s' not seen within %.0f ms (screen %s)", ln->no, ln->cmd, what, limit,
                       screen_name(ui));
            return -1;
        }
        return 0;
    }
    if (strcmp(ln->cmd, "wait-button") == 0) {
        if (!s->deadline)
            s->deadline = ui->now_ms + DEFAULT_WAIT_MS;
        for (int i = 0; i < ui->nhits; i++)
            if (strcmp(ui->hits[i].id, a) == 0)
                return 1;
        if (ui->now_ms > s->deadline) {
            gb_err_set(err, "line %d: button '%s' not shown within %d ms (screen %s)", ln->no, a, DEFAULT_WAIT_MS,
                       screen_name(ui));
            return -1;
        }
        return 0;
    }
    if (strcmp(ln->cmd, "show-photo") == 0) {
        if (!s->started) {
            char path[2100];
            if (a[0] == '/')
                snprintf(path, sizeof path, "%s", a);
            else
                snprintf(path, sizeof path, "%s/%s", s->dir, a);
            struct stat sb;
            if (stat(path, &sb) < 0) {
                gb_err_set(err, "line %d: show-photo %s: %s", ln->no, path, strerror(errno));
                return -1;
            }
            if (!s->deadline)
                s->deadline = ui->now_ms + DEFAULT_WAIT_MS;
            if (!(s->show_ticket = gb_pw_show_file(ui->pw, path))) {
                if (ui->now_ms > s->deadline) {
                    gb_err_set(err, "line %d: show-photo: the camera stayed busy", ln->no);
                    return -1;
                }
                return 0; /* a capture in work: try again next frame */
            }
            s->started = 1;
            /* The worker serves it after the model has loaded, which takes
             * a second here but much longer on a loaded machine or a
             * sanitizer build: this waits for the machine, not for the UI. */
            s->deadline = ui->now_ms + SHOW_PHOTO_WAIT_MS;
            return 0;
        }
        if (!gb_pw_shown(ui->pw, s->show_ticket)) {
            if (ui->now_ms > s->deadline) {
                gb_err_set(err, "line %d: show-photo: the camera did not take the picture within %d ms", ln->no,
                           SHOW_PHOTO_WAIT_MS);
                return -1;
            }
            return 0;
        }
        s->settle = SETTLE_FRAMES + 3; /* a few frames of the new picture */
        return 1;
    }
    if (strcmp(ln->cmd, "screenshot") == 0) {
        shoot(s, ui, a[0] ? a : screen_name(ui));
        return 2; /* no second screenshot for this step */
    }
    if (strcmp(ln->cmd, "expect-text") == 0 || strcmp(ln->cmd, "expect-no-text") == 0) {
        int seen = ui->drawn && strstr(ui->drawn, a) != NULL;
        int want = strcmp(ln->cmd, "expect-text") == 0;
        if (seen != want) {
            gb_err_set(err, "line %d: %s '%s' failed on screen %s", ln->no, ln->cmd, a, screen_name(ui));
            return -1;
        }
        return 2;
    }
    if (strcmp(ln->cmd, "expect-text-colour") == 0) {
        /* TEXT COLOUR: every string drawn that holds TEXT is in that
         * colour (a status's tick and words green, not red) */
        const char *sp = strrchr(a, ' ');
        if (!sp || sp == a || !sp[1]) {
            gb_err_set(err, "line %d: expect-text-colour needs TEXT and a colour (ok, bad, text, muted, ...)", ln->no);
            return -1;
        }
        size_t tl = (size_t)(sp - a);
        const char *want = sp + 1;
        int seen = 0;
        for (int i = 0; i < ui->nboxes; i++) {
            const char *si = ui->drawn + ui->boxes[i].off;
            size_t sl = strcspn(si, "\n");
            int has = 0;
            for (size_t k = 0; k + tl <= sl && !has; k++)
                has = memcmp(si + k, a, tl) == 0;
            if (!has)
                continue;
            seen = 1;
            char buf[10];
            const char *got = gb_colour_name(ui->boxes[i].c, buf);
            if (strcmp(got, want) != 0) {
                gb_err_set(err, "line %d: on screen %s '%.*s' is drawn in %s, expected %s", ln->no, screen_name(ui),
                           (int)sl, si, got, want);
                return -1;
            }
        }
        if (!seen) {
            gb_err_set(err, "line %d: expect-text-colour: no '%.*s' drawn on screen %s", ln->no, (int)tl, a,
                       screen_name(ui));
            return -1;
        }
        return 2;
    }
    if (strcmp(ln->cmd, "expect-no-overlap") == 0) {
        /* a string that runs off the screen (a long school name on one line) */
        for (int i = 0; i < ui->nboxes; i++) {
            SDL_Rect b = ui->boxes[i].r;
            if (b.x >= 0 && b.y >= 0 && b.x + b.w <= ui->w && b.y + b.h <= ui->h)
                continue;
            const char *si = ui->drawn + ui->boxes[i].off;
            gb_err_set(err, "line %d: on screen %s '%.*s' (%d,%d %dx%d) runs off the %dx%d screen", ln->no,
                       screen_name(ui), (int)strcspn(si, "\n"), si, b.x, b.y, b.w, b.h, ui->w, ui->h);
            return -1;
        }
        /* two strings drawn over each other: a layout that does not fit
         * (a longer English text, a narrow window) */
        for (int i = 0; i < ui->nboxes; i++)
            for (int j = i + 1; j < ui->nboxes; j++) {
                SDL_Rect both;
                /* line boxes include the font's leading: stacked labels
                 * may touch by a few pixels without any ink meeting */
                if (!SDL_IntersectRect(&ui->boxes[i].r, &ui->boxes[j].r, &both) || both.h <= gb_px(ui, 12) ||
                    both.w <= gb_px(ui, 12))
                    continue;
                const char *si = ui->drawn + ui->boxes[i].off, *sj = ui->drawn + ui->boxes[j].off;
                gb_err_set(err, "line %d: on screen %s '%.*s' (%d,%d %dx%d) and '%.*s' (%d,%d %dx%d) overlap", ln->no,
                           screen_name(ui), (int)strcspn(si, "\n"), si, ui->boxes[i].r.x, ui->boxes[i].r.y,
                           ui->boxes[i].r.w, ui->boxes[i].r.h, (int)strcspn(sj, "\n"), sj, ui->boxes[j].r.x,
                           ui->boxes[j].r.y, ui->boxes[j].r.w, ui->boxes[j].r.h);
                return -1;
            }
        return 2;
    }
    if (strcmp(ln->cmd, "expect-screen") == 0) {
        if (strcmp(screen_name(ui), a) != 0) {
            gb_err_set(err, "line %d: expected screen %s, on %s", ln->no, a, screen_name(ui));
            return -1;
        }
        return 2;
    }
    if (strcmp(ln->cmd, "expect-session-empty") == 0) {
        const unsigned char *p = (const unsigned char *)&ui->ses;
        for (size_t i = 0; i < sizeof ui->ses; i++)
            if (p[i]) {
                gb_err_set(err, "line %d: the session still holds data (byte %zu)", ln->no, i);
                return -1;
            }
        return 2;
    }
    if (strcmp(ln->cmd, "quit") == 0) {
        ui->quit = 1;
        return 2;
    }
    gb_err_set(err, "line %d: unknown command '%s'", ln->no, ln->cmd);
    return -1;
}

int gb_script_step(gb_script *s, gb_ui *ui, gb_err *err)
{
    if (s->settle > 0) {
        if (--s->settle > 0)
            return 0;
        line *ln = &s->lines[s->cur - 1];
        char name[64];
        snprintf(name, sizeof name, "%s-%s", screen_name(ui), ln->cmd);
        shoot(s, ui, name);
        return 0;
    }
    if (s->cur >= s->n)
        return 1;
    line *ln = &s->lines[s->cur];
    int r = issue(s, ui, ln, err);
    if (r < 0) {
        shoot(s, ui, "failed");
        return -1;
    }
    if (r == 0)
        return 0;
    s->cur++;
    s->started = 0;
    s->deadline = s->until = 0;
    s->typed = 0;
    s->next_key_ms = 0;
    if (r == 1 && s->settle == 0) {
        char name[64];
        snprintf(name, sizeof name, "%s-%s", screen_name(ui), ln->cmd);
        shoot(s, ui, name);
    }
    return ui->quit ? 1 : 0;
}
