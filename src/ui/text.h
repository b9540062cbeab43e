/* Text with SDL2_ttf: the font is found through fontconfig by family name
 * ([kiosk] font, Noto Sans CJK SC by default) so Chinese renders on any
 * Debian with fonts-noto-cjk. Rendered strings are cached as textures
 * because the same labels are drawn every frame; the cache is flushed when
 * a student leaves, since some of those textures showed their data. */
#ifndef GB_UI_TEXT_H
#define GB_UI_TEXT_H

#include <SDL.h>

#include "core/err.h"

typedef struct gb_text gb_text;

/* Finds the family through fontconfig and opens it. The path found is
 * written to path_out (may be NULL) for the log. */
gb_text *gb_text_open(SDL_Renderer *r, const char *family, char *path_out, size_t path_size, gb_err *err);
void gb_text_close(gb_text *t);

/* Size of one line at px pixels. */
void gb_text_size(gb_text *t, const char *s, int px, int *w, int *h);

/* Draws one line with its top-left at (x, y); align -1 left, 0 centre on x,
 * 1 right-aligned at x. Returns the width. */
int gb_text_draw(gb_text *t, const char *s, int px, SDL_Color c, int x, int y, int align);

/* Where the line starting at s ends in a box w wide, measure(ctx, s, n)
 * giving the width of the first n bytes. Lines break at '\n', at a space
 * (dropped) or between CJK characters, not inside a Latin word, and follow
 * the Chinese rules (kinsoku): a line never starts with closing punctuation
 * (）」』】，。、；：！？ ...) nor ends with opening punctuation (（「『【 ...);
 * the character before such a break moves down with it. Only when no break
 * is allowed on the whole line (one long word) is it cut where it is full.
 * Returns the bytes of the line to draw; *next is where the next starts. */
size_t gb_text_line_break(const char *s, int w, int (*measure)(void *ctx, const char *s, size_t n), void *ctx,
                          const char **next);

/* Draws s wrapped to width w (lines as gb_text_line_break), starting at (x, y). align as above, relative
 * to the box [x, x+w). Returns the height used. Draws nothing when draw is 0
 * (measuring). */
int gb_text_wrap(gb_text *t, const char *s, int px, SDL_Color c, int x, int y, int w, int align, int draw);

/* Drops every cached texture. */
void gb_text_flush(gb_text *t);

#endif
