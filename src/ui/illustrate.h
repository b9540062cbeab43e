/* Pictograms for failed photo rules: a small picture beside each reason on
 * the result screen, so a student sees at a glance what is wrong (a tilted
 * head, closed eyes, hair over the ears) without reading much.
 *
 * They are drawn in code with SDL's renderer (filled triangles), four times
 * larger than shown and averaged down, so the edges are smooth. Colours are
 * the kiosk's (widgets.h): the person in the text colours, the fault in the
 * "bad" red, the way to fix it (an arrow, a level line) in blue or green.
 *
 * Every rule of vision/rules.c, and every cause a rule can name instead of
 * its table message (gb_rule_variants), has its own entry in the table of
 * illustrate.c; tests/unit/test_illustrate.c fails when one is missing. An
 * id nobody knows gets the generic picture (a face and an exclamation mark). */
#ifndef GB_UI_ILLUSTRATE_H
#define GB_UI_ILLUSTRATE_H

#include <SDL.h>

#include "core/config.h"
#include "ui/ui.h"

#define GB_PICTOGRAMS(X)                                                        \
    X(GENERIC, "generic")                     /* an unknown rule */            \
    X(SEVERAL_FACES, "several-faces")         /* face.count */                  \
    X(NO_FACE, "no-face")                                                       \
    X(TOO_FAR, "too-far")                     /* resolution: face too small */  \
    X(LOW_RESOLUTION, "low-resolution")                                         \
    X(OFF_CENTRE, "off-centre")               /* face.frame */                  \
    X(HEAD_TOO_HIGH, "head-too-high")                                           \
    X(HEAD_TOO_LOW, "head-too-low")                                             \
    X(HEAD_COVERING, "head-covering")         /* head.covering, face.frame */   \
    X(OCCLUDED, "occluded")                   /* face.occluded */               \
    X(GREYSCALE, "greyscale")                 /* image.color */                 \
    X(TILTED, "tilted")                       /* pose.roll */                   \
    X(UPSIDE_DOWN, "upside-down")                                               \
    X(TURNED, "turned")                       /* pose.yaw */                    \
    X(CHIN_UP, "chin-up")                     /* pose.pitch */                  \
    X(CHIN_DOWN, "chin-down")                                                   \
    X(EYES_CLOSED, "eyes-closed")             /* eyes.open */                   \
    X(MOUTH_OPEN, "mouth-open")               /* mouth.closed */                \
    X(TEETH, "teeth")                                                           \
    X(HAIR_EYEBROWS, "hair-eyebrows")         /* hair.eyebrows */               \
    X(HAIR_EARS, "hair-ears")                 /* hair.ears */                   \
    X(GLASSES_GLARE, "glasses-glare")         /* glasses.glare */               \
    X(TINTED_GLASSES, "tinted-glasses")       /* glasses.tinted */              \
    X(BACKGROUND_BUSY, "background-busy")     /* background.uniform */          \
    X(BACKGROUND_SHADOW, "background-shadow")                                   \
    X(BACKDROP_COLOUR, "backdrop-colour")     /* background.color */            \
    X(BACKDROP_BLUE, "backdrop-blue")                                           \
    X(BACKDROP_WHITE, "backdrop-white")                                         \
    X(BACKDROP_GREY, "backdrop-grey")                                           \
    X(UNEVEN_LIGHT, "uneven-light")           /* lighting.even */               \
    X(HOT_SPOTS, "hot-spots")                                                   \
    X(EXPOSURE, "exposure")                   /* exposure */                    \
    X(TOO_DARK, "too-dark")                                                     \
    X(TOO_BRIGHT, "too-bright")                                                 \
    X(BLURRED, "blurred")                     /* sharpness */                   \
    X(CLOTHES_LIKE_BACKDROP, "clothes-like-backdrop") /* clothing.color */      \
    X(BLUE_CLOTHES, "blue-clothes")

typedef enum {
#define GB_PIC_ENUM(id, name) GB_PIC_##id,
    GB_PICTOGRAMS(GB_PIC_ENUM)
#undef GB_PIC_ENUM
        GB_PIC_COUNT
} gb_pictogram;

/* The pictogram of a failed rule: its id and the English message it gave
 * (which names the cause, gb_rule_variant_of). GB_PIC_GENERIC when the
 * table has no entry for them. */
gb_pictogram gb_pictogram_for(const char *rule_id, const char *msg_en);

/* Whether the table has an entry for this rule and cause (variant NULL:
 * the rule's table message). For the test that every rule has one. */
int gb_pictogram_known(const char *rule_id, const char *variant);

/* "tilted": for tests and the screenshots script. */
const char *gb_pictogram_name(gb_pictogram p);

/* The pictogram as a size x size ARGB8888 surface (the caller frees it), or
 * NULL when out of memory. cfg gives the backdrop colours (NULL: the
 * spec's reference colours, any backdrop allowed). */
SDL_Surface *gb_pictogram_render(gb_pictogram p, int size, const gb_config *cfg);

/* Draws the pictogram into box (a square) on the kiosk's canvas. The
 * picture is kept for the next frames; gb_pictogram_flush drops them. */
void gb_pictogram_draw(gb_ui *ui, gb_pictogram p, SDL_Rect box);
void gb_pictogram_flush(void);

#endif
