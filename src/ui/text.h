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

/* Draws s wrapped to width w (at '\n', before a word that would overflow,
 * or between CJK characters), starting at (x, y). align as above, relative
 * to the box [x, x+w). Returns the height used. Draws nothing when draw is 0
 * (measuring). */
int gb_text_wrap(gb_text *t, const char *s, int px, SDL_Color c, int x, int y, int w, int align, int draw);

/* Drops every cached texture. */
void gb_text_flush(gb_text *t);

#endif
