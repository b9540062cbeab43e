/* A small widget set for a touch kiosk, drawn immediate-mode: a screen
 * calls these in its draw function every frame. Buttons and fields
 * register their rectangle under an id, so a tap (finger, mouse or the
 * --script runner) reaches the screen as "tap <id>" and tests name buttons
 * rather than coordinates. Every string drawn is also recorded for the
 * script's expect-text. Sizes are design pixels at 1080 px wide. */
#ifndef GB_UI_WIDGETS_H
#define GB_UI_WIDGETS_H

#include "ui/ui.h"

/* Colours of the kiosk. */
extern const SDL_Color GB_C_BG, GB_C_TEXT, GB_C_MUTED, GB_C_PRIMARY, GB_C_ON_PRIMARY, GB_C_PANEL, GB_C_OK,
    GB_C_BAD, GB_C_WARN, GB_C_WHITE, GB_C_FOCUS;

/* The kiosk's name of a colour ("ok", "bad", "text", ...; else #rrggbb in
 * buf): scripts check the colour a string was drawn in by it. */
const char *gb_colour_name(SDL_Color c, char buf[10]);

/* The colour of a status tone (gb_ui_state_look). */
SDL_Color gb_tone_colour(gb_tone t);

/* Font sizes (design pixels). */
enum { GB_FS_SMALL = 30, GB_FS_BODY = 38, GB_FS_LARGE = 50, GB_FS_TITLE = 62, GB_FS_HUGE = 84 };

typedef enum { GB_BTN_PRIMARY, GB_BTN_SECONDARY, GB_BTN_KEY, GB_BTN_LINK } gb_btn_style;

void gb_fill(gb_ui *ui, SDL_Rect r, SDL_Color c);
void gb_frame(gb_ui *ui, SDL_Rect r, SDL_Color c, int thickness);

/* One line of text at design size px; align as gb_text_draw. Returns the
 * width in window pixels. */
int gb_label(gb_ui *ui, const char *s, int px, SDL_Color c, int x, int y, int align);
/* One line in at most w window pixels: a smaller size when it is too
 * long, then cut with "…" (a long school or batch name in a card or chip).
 * Returns the width used. */
int gb_label_fit(gb_ui *ui, const char *s, int px, SDL_Color c, int x, int y, int w, int align);
/* Wrapped text in a box of width w; returns the height used. */
int gb_label_wrap(gb_ui *ui, const char *s, int px, SDL_Color c, int x, int y, int w, int align);

/* The width in window pixels of the widest of n catalogue messages at
 * design size px: where a column of values starts after their keys. */
int gb_widest(gb_ui *ui, const gb_msg *ids, int n, int px);

/* A button; disabled ones are drawn grey and not registered. */
void gb_button(gb_ui *ui, const char *id, const char *label, SDL_Rect r, gb_btn_style style, int enabled);

/* [previous]  page / pages  [next] across r, for lists longer than a
 * screen: buttons "<id>-prev" and "<id>-next" (enabled only where there
 * is a page to go to); page counts from 0. */
void gb_pager(gb_ui *ui, const char *id, SDL_Rect r, int page, int pages);

/* A labelled text field showing value (or dots when secret); tapping it
 * focuses it. */
void gb_field(gb_ui *ui, const char *id, const char *label, const char *value, SDL_Rect r, int secret);

/* A numeric keypad (0-9, optionally X, delete) filling r; its keys are
 * "key-0".."key-9", "key-X", "key-back". */
void gb_keypad(gb_ui *ui, SDL_Rect r, int with_x);
/* The same, its keys grey and not tappable when enabled is 0. */
void gb_keypad_enabled(gb_ui *ui, SDL_Rect r, int with_x, int enabled);

/* A small text keyboard (digits, a-z, @ . _ -, delete) for e-mail
 * addresses; keys are "key-a", "key-@", ... */
void gb_keyboard(gb_ui *ui, SDL_Rect r);

/* Applies typed text or a keypad tap to a field buffer; allowed is the set
 * of ASCII characters accepted ("" = any printable), max_chars its length
 * limit. Returns 1 when the input was for the field. */
int gb_field_apply(const gb_input *in, char *buf, size_t size, size_t max_chars, const char *allowed);

/* The QR code of text, size x size at (x, y), with its quiet zone. */
void gb_qr(gb_ui *ui, const char *text, int x, int y, int size);

/* The header bar: title, language toggle ("lang") and, when home is set, a
 * home button ("home"). Returns the y below it. */
int gb_header(gb_ui *ui, const char *title, int home);

/* Registers a tappable rectangle without drawing. */
void gb_hit_add(gb_ui *ui, const char *id, SDL_Rect r);

/* Records s among the strings of this frame without drawing it, so a
 * script's expect-text can see what a picture shows ("pictogram:tilted"). */
void gb_note_drawn(gb_ui *ui, const char *s);

#endif
