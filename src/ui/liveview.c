/* The live view texture (see liveview.h). */
#include "ui/liveview.h"

#include <string.h>

#include "ui/photo_worker.h"

gb_image *gb_liveview_pull(gb_ui *ui, gb_liveview *lv)
{
    gb_image *f = gb_pw_frame(ui->pw, &lv->seq);
    if (!f)
        return NULL;
    if (!lv->tex || lv->tw != f->width || lv->th != f->height) {
        if (lv->tex)
            SDL_DestroyTexture(lv->tex);
        lv->tex = SDL_CreateTexture(ui->r, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STREAMING, f->width, f->height);
        lv->tw = f->width;
        lv->th = f->height;
    }
    if (lv->tex)
        SDL_UpdateTexture(lv->tex, NULL, f->pixels, (int)f->stride);
    return f;
}

int gb_liveview_draw(gb_ui *ui, const gb_liveview *lv, SDL_Rect dst, int portrait)
{
    if (!lv->tex || lv->tw <= 0 || lv->th <= 0)
        return 0;
    SDL_Rect src = {0, 0, lv->tw, lv->th};
    if (portrait) {
        if (lv->tw * 4 > lv->th * 3) {
            src.w = lv->th * 3 / 4;
            src.x = (lv->tw - src.w) / 2;
        } else {
            src.h = lv->tw * 4 / 3;
            src.y = (lv->th - src.h) / 2;
        }
    } else {
        /* keep the frame's shape inside dst */
        if ((long)lv->tw * dst.h > (long)lv->th * dst.w) {
            int h = (int)((long)dst.w * lv->th / lv->tw);
            dst.y += (dst.h - h) / 2;
            dst.h = h;
        } else {
            int w = (int)((long)dst.h * lv->tw / lv->th);
            dst.x += (dst.w - w) / 2;
            dst.w = w;
        }
    }
    SDL_RenderCopyEx(ui->r, lv->tex, &src, &dst, 0, NULL,
                     ui->cfg.mirror_preview ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
    return 1;
}

void gb_liveview_drop(gb_liveview *lv)
{
    if (lv->tex)
        SDL_DestroyTexture(lv->tex);
    memset(lv, 0, sizeof *lv);
}
