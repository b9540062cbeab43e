/* The --script runner: a text file of input events that drives the real
 * kiosk, one step per line, with a PNG screenshot after each step. The
 * format is documented in docs/kiosk-script.md. Events go through SDL's
 * event queue like a finger's or a keyboard's, so a script exercises the
 * same code a student does. */
#ifndef GB_UI_SCRIPT_H
#define GB_UI_SCRIPT_H

#include "core/err.h"
#include "ui/ui.h"

gb_script *gb_script_load(const char *path, gb_err *err);
void gb_script_free(gb_script *s);

/* Called once per frame after drawing. Returns 0 to go on, 1 when the
 * script has finished, -1 when a step failed (err names the line). */
int gb_script_step(gb_script *s, gb_ui *ui, gb_err *err);

/* Writes the canvas as PNG into path. */
int gb_ui_screenshot(gb_ui *ui, const char *path, gb_err *err);

#endif
