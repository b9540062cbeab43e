/* Staff: leaving. "staff-exit" back to the welcome screen (the kiosk goes
 * on serving students), "staff-close" ends the kiosk program (gb_ui_run
 * returns 0; systemd or the kiosk session decides what comes next), and
 * "staff-shutdown" asks first ("shutdown-confirm" / "shutdown-cancel"),
 * then runs [staff] shutdown_command.
 *
 * The command is split on spaces into an argv and started with
 * posix_spawnp, never through a shell, so nothing in the config is ever
 * interpreted as shell text. The kiosk does not wait for it on the UI
 * thread: update() reaps it with WNOHANG, logs how it ended and shows an
 * error when it failed (a poweroff that works ends the kiosk anyway). */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "core/log.h"
#include "ui/staff.h"

extern char **environ;

#define MAX_ARGS 32

typedef enum { PW_MENU, PW_ASK, PW_RUNNING, PW_FAILED } phase;

static struct {
    phase ph;
    pid_t pid;
    char failure[256];
} P;

static void enter(gb_ui *ui)
{
    /* a command still running from an earlier visit keeps its pid */
    pid_t pid = P.ph == PW_RUNNING ? P.pid : 0;
    memset(&P, 0, sizeof P);
    if (pid) {
        P.ph = PW_RUNNING;
        P.pid = pid;
    }
}

static void run_shutdown(gb_ui *ui)
{
    char cmd[sizeof ui->cfg.shutdown_command];
    snprintf(cmd, sizeof cmd, "%s", ui->cfg.shutdown_command);
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    char *save = NULL;
    for (char *a = strtok_r(cmd, " \t", &save); a && argc < MAX_ARGS; a = strtok_r(NULL, " \t", &save))
        argv[argc++] = a;
    argv[argc] = NULL;
    if (!argc) {
        snprintf(P.failure, sizeof P.failure, "%s", gb_ui_msg(ui, GB_MSG_STAFF_SHUTDOWN_OFF));
        P.ph = PW_FAILED;
        return;
    }
    gb_log_info("kiosk: staff asked to shut down: running '%s'", ui->cfg.shutdown_command);
    int rc = posix_spawnp(&P.pid, argv[0], NULL, NULL, argv, environ);
    if (rc != 0) {
        snprintf(P.failure, sizeof P.failure, "%s: %s", argv[0], strerror(rc));
        gb_log_error("kiosk: shutdown command '%s' could not start: %s", ui->cfg.shutdown_command, strerror(rc));
        P.ph = PW_FAILED;
        return;
    }
    P.ph = PW_RUNNING;
}

static void input(gb_ui *ui, const gb_input *in)
{
    if ((in->kind == GB_IN_KEY && in->key == SDLK_ESCAPE) || (in->kind == GB_IN_TAP && strcmp(in->id, "back") == 0)) {
        gb_ui_go(ui, GB_SCREEN_STAFF);
        return;
    }
    if (in->kind != GB_IN_TAP)
        return;
    if (strcmp(in->id, "staff-exit") == 0) {
        gb_log_info("kiosk: staff mode left");
        gb_ui_go(ui, GB_SCREEN_WELCOME);
    } else if (strcmp(in->id, "staff-close") == 0) {
        gb_log_info("kiosk: closed by staff");
        ui->quit = 1;
        ui->exit_code = 0;
    } else if (strcmp(in->id, "staff-shutdown") == 0 && P.ph != PW_RUNNING) {
        P.ph = PW_ASK;
        P.failure[0] = 0;
    } else if (strcmp(in->id, "shutdown-cancel") == 0 && P.ph == PW_ASK) {
        gb_log_info("kiosk: staff cancelled the shutdown");
        P.ph = PW_MENU;
    } else if (strcmp(in->id, "shutdown-confirm") == 0 && P.ph == PW_ASK) {
        run_shutdown(ui);
    }
}

static void update(gb_ui *ui)
{
    if (P.ph == PW_RUNNING) {
        int status;
        pid_t r = waitpid(P.pid, &status, WNOHANG);
        if (r == P.pid) {
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
                gb_log_info("kiosk: shutdown command '%s' finished", ui->cfg.shutdown_command);
                /* the machine goes down now; the screen says so meanwhile */
            } else {
                if (WIFEXITED(status))
                    snprintf(P.failure, sizeof P.failure, "exit status %d", WEXITSTATUS(status));
                else
                    snprintf(P.failure, sizeof P.failure, "killed by signal %d",
                             WIFSIGNALED(status) ? WTERMSIG(status) : 0);
                gb_log_error("kiosk: shutdown command '%s' failed: %s", ui->cfg.shutdown_command, P.failure);
                P.ph = PW_FAILED;
            }
            P.pid = 0;
        } else if (r < 0 && errno != EINTR) {
            P.pid = 0; /* not ours any more */
        }
        /* waiting for the machine to go down is not an idle kiosk */
        ui->last_input_ms = ui->now_ms;
    }
    gb_staff_idle(ui);
}

static void draw(gb_ui *ui)
{
    int y = gb_header(ui, gb_ui_msg(ui, GB_MSG_STAFF_MENU_POWER), 0) + gb_px(ui, 80);
    int x = gb_px(ui, 150), w = ui->w - gb_px(ui, 300), bh = gb_px(ui, 170);
    char t[512];
    if (P.ph == PW_ASK) {
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_SHUTDOWN_ASK), GB_FS_LARGE, GB_C_TEXT, x, y, w, -1) +
             gb_px(ui, 80);
        gb_button(ui, "shutdown-confirm", gb_ui_msg(ui, GB_MSG_STAFF_SHUTDOWN_CONFIRM), (SDL_Rect){x, y, w, bh},
                  GB_BTN_PRIMARY, 1);
        y += bh + gb_px(ui, 50);
        gb_button(ui, "shutdown-cancel", gb_ui_msg(ui, GB_MSG_STAFF_CANCEL), (SDL_Rect){x, y, w, bh}, GB_BTN_SECONDARY,
                  1);
        return;
    }
    if (P.ph == PW_RUNNING) {
        gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_SHUTDOWN_RUNNING), GB_FS_TITLE, GB_C_TEXT, x, y, w, 0);
        /* a command that hangs must not hold staff on this screen */
        gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
        return;
    }
    gb_button(ui, "staff-exit", gb_ui_msg(ui, GB_MSG_STAFF_EXIT), (SDL_Rect){x, y, w, bh}, GB_BTN_PRIMARY, 1);
    y += bh + gb_px(ui, 60);
    gb_button(ui, "staff-close", gb_ui_msg(ui, GB_MSG_STAFF_CLOSE), (SDL_Rect){x, y, w, bh}, GB_BTN_SECONDARY, 1);
    y += bh + gb_px(ui, 60);
    int can = ui->cfg.shutdown_command[strspn(ui->cfg.shutdown_command, " \t")] != 0;
    gb_button(ui, "staff-shutdown", gb_ui_msg(ui, GB_MSG_STAFF_SHUTDOWN), (SDL_Rect){x, y, w, bh}, GB_BTN_SECONDARY,
              can);
    y += bh + gb_px(ui, 40);
    if (!can)
        y += gb_label_wrap(ui, gb_ui_msg(ui, GB_MSG_STAFF_SHUTDOWN_OFF), GB_FS_BODY, GB_C_MUTED, x, y, w, -1);
    if (P.ph == PW_FAILED) {
        gb_msg_format(t, sizeof t, GB_MSG_STAFF_SHUTDOWN_FAILED, ui->lang, P.failure);
        gb_label_wrap(ui, t, GB_FS_BODY, GB_C_BAD, x, y, w, -1);
    }
    gb_staff_bottom_button(ui, "back", gb_ui_msg(ui, GB_MSG_BACK));
}

const gb_screen_ops gb_screen_staff_power = {"staff-power", 0, enter, input, update, draw, NULL};
