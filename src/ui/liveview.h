/* The camera's live view as an SDL texture: the photo screen, the code
 * scanner panel and the staff camera test all show it. The UI thread takes
 * the newest frame from the photo worker (never waiting), uploads it, and
 * hands the frame to the caller for a moment (to offer it for analysis or
 * a QR scan) before it goes back to the camera. */
#ifndef GB_UI_LIVEVIEW_H
#define GB_UI_LIVEVIEW_H

#include "ui/ui.h"

typedef struct gb_liveview {
    SDL_Texture *tex; /* may show a student: destroyed by gb_liveview_drop */
    int tw, th;
    uint64_t seq;
} gb_liveview;

/* Uploads the newest frame, if there is one, and returns it (NULL: none
 * new). The caller must give it back with gb_pw_recycle. */
gb_image *gb_liveview_pull(gb_ui *ui, gb_liveview *lv);

/* Draws the last frame into dst: the middle 3:4 of it when portrait is set
 * (the photo's shape), else the whole frame letterboxed; mirrored per
 * [capture] mirror_preview. Returns 0 when there is no frame yet (dst is
 * left to the caller). */
int gb_liveview_draw(gb_ui *ui, const gb_liveview *lv, SDL_Rect dst, int portrait);

/* Forgets the texture (leaving a screen). */
void gb_liveview_drop(gb_liveview *lv);

#endif
