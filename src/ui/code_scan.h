/* The collection-code scanner panel: the live view with a target in the
 * middle and the instructions beside it, on the screens that ask for the
 * code (identity, order lookup). The photo worker looks for a QR code in
 * a few live frames a second (vision/qr.h); a payload the configured
 * decoder accepts is handed to the screen as if a USB scanner had typed
 * it. A refused one gets a notice on the panel, not a failure screen, in
 * the decoder's two kinds: a QR code that is not a collection code (a
 * WeChat or payment code held up by mistake), or a collection code that
 * did not read correctly (damaged, cut short). The USB scanner keeps
 * working alongside, and a screen refuses its scans through the same
 * panel (gb_code_scan_refuse), so both say the same words. */
#ifndef GB_UI_CODE_SCAN_H
#define GB_UI_CODE_SCAN_H

#include "ui/liveview.h"

typedef struct gb_code_scan {
    gb_liveview lv;
    double refused_ms; /* when a refused code was last read */
    gb_code_status refused_why; /* GB_CODE_NOT_A_CODE or GB_CODE_DAMAGED */
    char refused_fp[9]; /* its fingerprint: logged once while it is held up */
    char read_fp[9];    /* the last code read: logged once while it is held up */
} gb_code_scan;

/* Entering a screen: forgets any earlier scan result. */
void gb_code_scan_start(gb_ui *ui, gb_code_scan *cs);

/* Leaving it: drops the live view texture. */
void gb_code_scan_stop(gb_code_scan *cs);

/* Takes a frame and offers it for a scan. 1 when the camera read a
 * collection code: the payload is in out (a secret; the caller wipes it). */
int gb_code_scan_update(gb_ui *ui, gb_code_scan *cs, char *out, size_t size);

/* Checks a payload from the USB scanner (or typed) with the decoder: 1
 * when it is a collection code; else 0 and the panel shows why, as for a
 * camera read. Logs only the payload's fingerprint. */
int gb_code_scan_check(gb_ui *ui, gb_code_scan *cs, const char *payload, const char *source);

/* The message for a refusal (GB_CODE_NOT_A_CODE / GB_CODE_DAMAGED). */
gb_msg gb_code_refusal_msg(gb_code_status why);

/* The panel in r: the live view on the left, the instructions (or the
 * notice) on the right. */
void gb_code_scan_draw(gb_ui *ui, const gb_code_scan *cs, SDL_Rect r);

#endif
