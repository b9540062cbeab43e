/* What the staff screens share (screen_staff*.c): the idle timeout, the
 * bottom "back" button, section titles, the batch a sub-screen works on
 * and a notice the batches screen shows after one (e.g. "window saved").
 *
 * Staff screens show no student data beyond counts, so they are not
 * student_data screens; they go back to the welcome screen after
 * [kiosk] idle_timeout_s without input all the same, so a kiosk left in
 * staff mode locks itself again. */
#ifndef GB_UI_STAFF_H
#define GB_UI_STAFF_H

#include "camera/camera.h"
#include "ui/widgets.h"

/* Goes to the welcome screen when the staff member has been away for the
 * idle timeout; returns 1 then. */
int gb_staff_idle(gb_ui *ui);

/* A section title at y; returns the y below it. */
int gb_staff_section(gb_ui *ui, int y, const char *title);

/* The full-width button at the bottom of a staff screen (id "back" on the
 * sub-screens, "staff-exit" on the home screen); returns its top. */
int gb_staff_bottom_button(gb_ui *ui, const char *id, const char *label);

/* A camera state's name in the kiosk's language ("live" is "正常"). */
const char *gb_staff_cam_state(gb_ui *ui, gb_cam_state state);

/* The batch the window and roster screens work on ("" none). */
void gb_staff_set_batch(const char *batch_no);
const char *gb_staff_batch(void);

/* A line for the next screen to show: msg formatted with arg (NULL: no
 * conversion), bad = 1 shows it red. A second line (0 = none) is shown
 * under it (a warning after a save). */
void gb_staff_notice(gb_msg msg, const char *arg, int bad, gb_msg warning);
void gb_staff_notice_clear(void);
/* Draws the notice, if any, at y in the box [x, x+w); returns the height used. */
int gb_staff_draw_notice(gb_ui *ui, int x, int y, int w);

#endif
