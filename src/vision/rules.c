#include "vision/rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

static void set_max(gb_rule_result *r, double value, double limit)
{
    r->has_value = 1;
    r->value = value;
    r->limit_is_number = 1;
    r->limit = limit;
    r->state = value <= limit ? GB_RULE_PASS : GB_RULE_FAIL;
}

static void set_min(gb_rule_result *r, double value, double limit)
{
    r->has_value = 1;
    r->value = value;
    r->limit_is_number = 1;
    r->limit = limit;
    r->state = value >= limit ? GB_RULE_PASS : GB_RULE_FAIL;
}

static void set_range(gb_rule_result *r, double value, double lo, double hi)
{
    r->has_value = 1;
    r->value = value;
    snprintf(r->limit_text, sizeof r->limit_text, "%g-%g", lo, hi);
    r->state = value >= lo && value <= hi ? GB_RULE_PASS : GB_RULE_FAIL;
}

/* Rules about the face cannot be judged without exactly one. */
static int need_face(const gb_rule_input *in, gb_rule_result *r)
{
    if (in->m->faces != 1) {
        r->state = GB_RULE_NOT_EVALUATED;
        return 0;
    }
    return 1;
}

/* ---- what a rule says besides its table message --------------------------
 * Some rules fail for more than one cause and give other advice for each
 * (too dark / too bright). Those messages live here with a name, so the
 * kiosk can tell which one it got and draw its picture (ui/illustrate.c). */

enum {
    V_NO_FACE,
    V_LOW_RESOLUTION,
    V_NO_HEADROOM,
    V_HEAD_LOW,
    V_OFF_CENTRE,
    V_HEAD_SHAPE,
    V_UPSIDE_DOWN,
    V_CHIN_DOWN,
    V_TEETH,
    V_BG_GRADIENT,
    V_WANT_BLUE,
    V_WANT_WHITE,
    V_WANT_GREY,
    V_HOT_SPOTS,
    V_TOO_DARK,
    V_TOO_BRIGHT,
    V_BLUE_CLOTHES,
    V_COUNT
};

static const gb_rule_variant variants[V_COUNT] = {
    [V_NO_FACE] = {"face.count", "no-face", "没有检测到人脸。请坐正，面对镜头。",
                   "No face found. Sit up and face the camera."},
    [V_LOW_RESOLUTION] = {"resolution", "low-resolution", "照片分辨率太低。请用相机重新拍摄。",
                          "The photo's resolution is too low. Take it again with the camera."},
    [V_NO_HEADROOM] = {"face.frame", "no-headroom",
                       "头顶离画面上边缘太近或被裁掉。请坐低一些，或请工作人员调高相机。",
                       "The top of your head is cut off or too close to the top edge. Sit a little lower, or ask "
                       "staff to raise the camera."},
    [V_HEAD_LOW] = {"face.frame", "head-low", "头部在画面中太低。请坐直，头部抬高一些。",
                    "Your head is too low in the frame. Sit up straight."},
    [V_OFF_CENTRE] = {"face.frame", "off-centre", "请移到画面正中间。", "Move to the middle of the frame."},
    [V_HEAD_SHAPE] = {"face.frame", "head-shape", "无法按规格摆放头部（头顶位置异常）。请摘下帽子或头饰后重拍。",
                      "Your head cannot be placed to the spec (the top of the head looks wrong). Remove any hat or "
                      "hair ornament and retake."},
    [V_UPSIDE_DOWN] = {"pose.roll", "upside-down", "照片是倒置的。请工作人员检查相机的安装方向。",
                       "The photo is upside down. Ask staff to check how the camera is mounted."},
    [V_CHIN_DOWN] = {"pose.pitch", "chin-down", "请稍微抬起下巴，平视镜头。",
                     "Raise your chin a little and look straight at the camera."},
    [V_TEETH] = {"mouth.closed", "teeth", "露出了牙齿。请自然闭上嘴唇。", "Your teeth show. Close your lips naturally."},
    [V_BG_GRADIENT] = {"background.uniform", "gradient",
                       "背景颜色不均匀（有渐变或阴影）。请坐到背景布正前方，离背景远一些。",
                       "The background is uneven (a gradient or a shadow). Sit squarely in front of the backdrop, a "
                       "little away from it."},
    [V_WANT_BLUE] = {"background.color", "want-blue", "背景颜色不符合要求：应为浅蓝色背景。",
                     "The background colour is wrong: it must be light blue."},
    [V_WANT_WHITE] = {"background.color", "want-white", "背景颜色不符合要求：应为白色背景。",
                      "The background colour is wrong: it must be white."},
    [V_WANT_GREY] = {"background.color", "want-grey", "背景颜色不符合要求：应为浅灰色背景。",
                     "The background colour is wrong: it must be light grey."},
    [V_HOT_SPOTS] = {"lighting.even", "hot-spots", "脸上有反光亮斑。请擦去油光，或请工作人员调整灯光。",
                     "There are shiny spots on your face. Blot your skin, or ask staff to adjust the lights."},
    [V_TOO_DARK] = {"exposure", "too-dark", "照片太暗。请工作人员检查灯光。",
                    "The photo is too dark. Ask staff to check the lights."},
    [V_TOO_BRIGHT] = {"exposure", "too-bright", "照片过亮（曝光过度）。请工作人员检查灯光和相机。",
                      "The photo is too bright (over-exposed). Ask staff to check the lights and camera."},
    [V_BLUE_CLOTHES] = {"clothing.color", "blue-clothes", "不能穿蓝色衣服。请换一件其他颜色的衣服。",
                        "Blue clothes are not allowed. Please change into clothes of another colour."},
};

static void say(gb_rule_result *r, int v)
{
    r->msg_zh = variants[v].msg_zh;
    r->msg_en = variants[v].msg_en;
}

/* ---- the rules ------------------------------------------------------------ */

static void rule_face_count(const gb_rule_input *in, gb_rule_result *r)
{
    set_max(r, in->m->faces, 1);
    if (in->m->faces == 0)
        r->state = GB_RULE_FAIL;
    if (in->m->faces == 0)
        say(r, V_NO_FACE);
}

static void rule_resolution(const gb_rule_input *in, gb_rule_result *r)
{
    const gb_config *c = in->cfg;
    if (in->src_w < c->photo_width || in->src_h < c->photo_height) {
        r->has_value = 1;
        r->value = in->src_w < in->src_h ? in->src_w : in->src_h;
        snprintf(r->limit_text, sizeof r->limit_text, "%dx%d", c->photo_width, c->photo_height);
        r->state = GB_RULE_FAIL;
        say(r, V_LOW_RESOLUTION);
        return;
    }
    if (!need_face(in, r))
        return;
    /* The face must be at least the narrowest allowed output face width in
     * source pixels, so the output is never upscaled. */
    double face_full = in->m->face_width * ((double)in->src_w / in->m->img_w);
    set_min(r, face_full, c->face_width_min_px);
    if (in->crop.status == GB_CROP_TOO_SMALL)
        r->state = GB_RULE_FAIL;
}

static void rule_face_frame(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    const gb_crop *c = &in->crop;
    r->state = c->status == GB_CROP_OK || c->status == GB_CROP_TOO_SMALL ? GB_RULE_PASS : GB_RULE_FAIL;
    snprintf(r->limit_text, sizeof r->limit_text, "head top %d-%d, eyes %d-%d, face %d-%d px",
             in->cfg->head_top_min_px, in->cfg->head_top_max_px, in->cfg->eyes_min_px,
             in->cfg->eyes_max_px, in->cfg->face_width_min_px, in->cfg->face_width_max_px);
    switch (c->status) {
    case GB_CROP_NO_HEADROOM:
        say(r, V_NO_HEADROOM);
        break;
    case GB_CROP_CUT_BOTTOM:
        say(r, V_HEAD_LOW);
        break;
    case GB_CROP_CUT_LEFT:
    case GB_CROP_CUT_RIGHT:
        say(r, V_OFF_CENTRE);
        break;
    case GB_CROP_PROPORTIONS:
        say(r, V_HEAD_SHAPE);
        break;
    default:
        break;
    }
}

static void rule_face_occluded(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    if (in->m->upside_down) {
        r->state = GB_RULE_NOT_EVALUATED; /* the features are where the landmarks are not */
        return;
    }
    const gb_measure *m = in->m;
    const gb_config *c = in->cfg;
    /* Each sign of a covered feature as a multiple of its limit; > 1 fails. */
    double eye = m->eye_dark / c->occl_eye_dark_max;
    /* lips are judged by colour, so not on a grey-scale photo */
    double lips = m->chroma < c->colour_chroma_min ? 0 : m->lip_red <= 0 ? 10 : c->occl_lip_red_min / m->lip_red;
    double cheek = m->cheek_edges / c->occl_cheek_edges_max;
    set_max(r, fmax(eye, fmax(lips, cheek)), 1.0);
}

static void rule_pose_roll(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    set_max(r, fabs(in->m->roll_deg), in->cfg->roll_max_deg);
    if (in->m->upside_down)
        say(r, V_UPSIDE_DOWN);
}

static void rule_image_color(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    set_min(r, in->m->chroma, in->cfg->colour_chroma_min);
}

static void rule_pose_yaw(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_max(r, fabs(in->m->yaw_deg), in->cfg->yaw_max_deg);
}

static void rule_pose_pitch(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    set_range(r, in->m->pitch_ratio, in->cfg->pitch_ratio_min, in->cfg->pitch_ratio_max);
    if (in->m->pitch_ratio > in->cfg->pitch_ratio_max)
        say(r, V_CHIN_DOWN);
}

static void rule_eyes_open(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_min(r, fmin(in->m->eye_open_l, in->m->eye_open_r), in->cfg->eye_open_min);
}

static void rule_mouth_closed(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    set_max(r, in->m->mouth_gap, in->cfg->mouth_gap_max);
    if (in->m->teeth > in->cfg->teeth_max) {
        r->state = GB_RULE_FAIL;
        say(r, V_TEETH);
    }
}

static void rule_hair_eyebrows(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_max(r, in->m->forehead_hair, in->cfg->forehead_hair_max);
}

static void rule_hair_ears(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_min(r, fmin(in->m->ear_skin_l, in->m->ear_skin_r), in->cfg->ear_skin_min);
}

static void rule_head_covering(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    /* A brim across the forehead, or a head taller than hair makes it (a
     * hat, a bun on top); the height only when the top could be seen. */
    set_max(r, in->m->brim, in->cfg->brim_max);
    /* The top of the head is found against a plain backdrop only. */
    if (in->m->crown_found && in->m->bg_objects <= in->cfg->bg_objects_max &&
        in->m->head_height_ratio > in->cfg->head_height_max)
        r->state = GB_RULE_FAIL;
}

static void rule_glasses_glare(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_max(r, in->m->glare, in->cfg->glare_max);
}

static void rule_glasses_tinted(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_min(r, in->m->under_eye, in->cfg->under_eye_min);
}

static void rule_background_uniform(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r) || in->m->bg_pixels < 50) {
        r->state = GB_RULE_NOT_EVALUATED;
        return;
    }
    set_max(r, in->m->bg_objects, in->cfg->bg_objects_max);
    if (in->m->bg_gradient > in->cfg->bg_gradient_max) {
        r->state = GB_RULE_FAIL;
        say(r, V_BG_GRADIENT);
    }
}

/* How far the backdrop is from one allowed colour: 0 inside the tolerance,
 * growing outside it. Judged on hue and saturation, not brightness: the
 * same backdrop photographs lighter or darker with the lights. */
static double colour_miss(const gb_config *c, const char *name, gb_hsv bg)
{
    if (bg.v < c->bg_value_min)
        return 1 + (c->bg_value_min - bg.v);
    if (strcmp(name, "blue") == 0) {
        const gb_rgb *ref = &c->backdrop_blue;
        gb_hsv h = gb_rgb_to_hsv(ref->r, ref->g, ref->b);
        double dh = gb_hue_diff(bg.h, h.h) / c->bg_hue_tol_deg;
        double ds = fabs(bg.s - h.s) / c->bg_sat_tol;
        return fmax(dh, ds);
    }
    const gb_rgb *ref = strcmp(name, "white") == 0 ? &c->backdrop_white : &c->backdrop_grey;
    gb_hsv h = gb_rgb_to_hsv(ref->r, ref->g, ref->b);
    double ds = bg.s / c->bg_neutral_sat_max;
    /* white and grey differ only in brightness; allow the lights' range */
    double dv = fabs(bg.v - h.v) > 0.2 ? fabs(bg.v - h.v) / 0.2 : 0;
    return fmax(ds, dv);
}

static void rule_background_color(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r) || in->m->bg_pixels < 50) {
        r->state = GB_RULE_NOT_EVALUATED;
        return;
    }
    const char *names[] = {"blue", "white", "grey"};
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        int allowed = in->backdrop ? strcmp(in->backdrop, names[i]) == 0
                                   : gb_config_backdrop_allowed(in->cfg, names[i]);
        if (allowed)
            best = fmin(best, colour_miss(in->cfg, names[i], in->m->bg_hsv));
    }
    r->has_value = 1;
    r->value = best;
    /* The limit names the colours accepted; the value is the distance from
     * the nearest, 1 being the edge of its tolerance. */
    snprintf(r->limit_text, sizeof r->limit_text, "%s (<= 1)", in->backdrop ? in->backdrop : in->cfg->backdrops);
    r->state = best <= 1.0 ? GB_RULE_PASS : GB_RULE_FAIL;
    if (r->state == GB_RULE_FAIL) {
        /* one colour allowed: say which */
        const char *want = in->backdrop ? in->backdrop : in->cfg->backdrops;
        if (strcmp(want, "blue") == 0)
            say(r, V_WANT_BLUE);
        else if (strcmp(want, "white") == 0)
            say(r, V_WANT_WHITE);
        else if (strcmp(want, "grey") == 0)
            say(r, V_WANT_GREY);
    }
}

static void rule_lighting_even(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    set_max(r, in->m->light_balance, in->cfg->light_balance_max);
    if (in->m->face_hot > in->cfg->face_hot_max) {
        r->state = GB_RULE_FAIL;
        say(r, V_HOT_SPOTS);
    }
}

static void rule_exposure(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r))
        return;
    const gb_config *c = in->cfg;
    set_range(r, in->m->face_luma, c->face_luma_min, c->face_luma_max);
    if (in->m->face_luma < c->face_luma_min) {
        say(r, V_TOO_DARK);
    } else if (in->m->face_luma > c->face_luma_max || in->m->frame_clipped > c->clipped_max) {
        r->state = GB_RULE_FAIL;
        say(r, V_TOO_BRIGHT);
    }
}

static void rule_sharpness(const gb_rule_input *in, gb_rule_result *r)
{
    if (need_face(in, r))
        set_min(r, in->m->sharpness, in->cfg->sharpness_min);
}

static void rule_clothing_color(const gb_rule_input *in, gb_rule_result *r)
{
    if (!need_face(in, r) || in->m->cloth_pixels < 30 || in->m->bg_pixels < 50) {
        r->state = GB_RULE_NOT_EVALUATED;
        return;
    }
    const gb_measure *m = in->m;
    double de = gb_delta_e(m->cloth_lab, m->bg_lab);
    set_min(r, de, in->cfg->cloth_backdrop_delta_e_min);
    int blue = m->cloth_hsv.h >= 190 && m->cloth_hsv.h <= 250 && m->cloth_hsv.s >= in->cfg->cloth_blue_sat_min &&
               m->cloth_hsv.v > 0.2;
    if (blue) {
        r->state = GB_RULE_FAIL;
        say(r, V_BLUE_CLOTHES);
    }
}

static const gb_rule rules[] = {
    {"face.count", "number of faces found", rule_face_count, "画面中只能有一个人。请确保身后没有其他人。",
     "Only one person may be in the photo. Make sure nobody is behind you."},
    {"resolution", "face width in source pixels (the output is never upscaled)", rule_resolution,
     "脸在画面中太小。请靠近相机一些。", "Your face is too small in the picture. Move closer to the camera."},
    {"face.frame", "whether a 480x640 cut puts head top, eyes and face width in their bands", rule_face_frame,
     "头部位置不对。请坐在画面正中间。", "Your head is not placed right. Sit in the middle of the frame."},
    {"face.occluded", "eyes hold a dark pupil, lips are redder than skin, cheeks are smooth (1 = limit)",
     rule_face_occluded, "脸部被遮挡。请拿开手或其他物品，露出整张脸。",
     "Part of your face is covered. Move your hand or anything else away so your whole face shows."},
    {"image.color", "mean colourfulness (a*b* chroma) of the photo; the spec asks for a colour photo",
     rule_image_color, "照片必须是彩色的。请工作人员检查相机设置（不能是黑白）。",
     "The photo must be in colour. Ask staff to check the camera (not black and white)."},
    {"pose.roll", "tilt of the eye line, degrees (about 180 when upside down)", rule_pose_roll, "头歪了。请把头摆正，两眼保持水平。",
     "Your head is tilted. Straighten it so your eyes are level."},
    {"pose.yaw", "head turn, degrees (nose position between the cheeks)", rule_pose_yaw,
     "请正对镜头，不要侧脸。", "Face the camera straight on; do not turn your head."},
    {"pose.pitch", "(nose tip - eye line) / (chin - eye line)", rule_pose_pitch, "请稍微收下巴，平视镜头。",
     "Lower your chin a little and look straight at the camera."},
    {"eyes.open", "eye height / eye width of the less open eye", rule_eyes_open, "请睁大双眼，看向镜头。",
     "Open both eyes and look into the camera."},
    {"mouth.closed", "inner-lip gap / mouth width; teeth between the lips", rule_mouth_closed,
     "请闭上嘴巴，自然放松。", "Close your mouth and relax your face."},
    {"hair.eyebrows", "share of hair just above the eyebrows", rule_hair_eyebrows,
     "头发遮住了眉毛。请把刘海拨开，露出眉毛。", "Hair covers your eyebrows. Move your fringe aside so your eyebrows show."},
    {"hair.ears", "share of skin beside each cheek at ear height (the less visible ear)", rule_hair_ears,
     "头发遮住了耳朵。请把头发拨到耳后，露出双耳。", "Hair covers your ears. Tuck your hair behind your ears so both ears show."},
    {"head.covering", "straight brim across the forehead (share of a row); (eye line - top of head) / face width",
     rule_head_covering,
     "请摘下帽子、头饰，头顶不要扎发髻。", "Take off any hat or head covering; no hair bun on top of the head."},
    {"glasses.glare", "share of clipped white pixels around an eye", rule_glasses_glare,
     "眼镜反光。请稍微调整眼镜角度或略低头。", "Your glasses reflect the light. Tilt them slightly or lower your chin a little."},
    {"glasses.tinted", "brightness under the eyes / brightness of the lower cheeks", rule_glasses_tinted,
     "不能戴有色眼镜。请摘下墨镜或有色镜片。", "Tinted glasses are not allowed. Please take them off."},
    {"background.uniform", "share of backdrop samples unlike the backdrop; colour difference across it",
     rule_background_uniform, "背景不干净（有物体或其他人）。请坐到背景布前，身后不要有人或物品。",
     "The background is not plain (objects or people). Sit in front of the backdrop with nothing and nobody behind you."},
    {"background.color", "distance of the backdrop's hue/saturation from the allowed colours (1 = limit)",
     rule_background_color, "背景颜色不符合要求。请在规定颜色的背景布前拍摄。",
     "The background colour is not allowed. Sit in front of the backdrop of the required colour."},
    {"lighting.even", "brightness difference between the cheeks / their mean; hot spots", rule_lighting_even,
     "脸部光线不均匀（一侧偏暗）。请坐正，面对两盏灯的中间。",
     "The light on your face is uneven (one side darker). Sit squarely between the two lights."},
    {"exposure", "mean brightness of the face (0-255); clipped pixels", rule_exposure,
     "曝光不正常。请工作人员检查灯光。", "The exposure is wrong. Ask staff to check the lights."},
    {"sharpness", "Laplacian energy / contrast around the eyes at a fixed face size", rule_sharpness,
     "照片模糊。请保持不动，重新拍摄。", "The photo is blurred. Hold still and take it again."},
    {"clothing.color", "colour difference between clothes and backdrop (delta E); blue clothes",
     rule_clothing_color, "衣服颜色与背景太接近。请换一件颜色更深的衣服。",
     "Your clothes are too close to the background colour. Please change into darker clothes."},
};

const gb_rule *gb_rules(size_t *count)
{
    *count = sizeof rules / sizeof rules[0];
    return rules;
}

const gb_rule_variant *gb_rule_variants(size_t *count)
{
    *count = V_COUNT;
    return variants;
}

const char *gb_rule_variant_of(const char *id, const char *msg_en)
{
    if (!id || !msg_en)
        return NULL;
    for (size_t i = 0; i < V_COUNT; i++)
        if (strcmp(variants[i].id, id) == 0 && strcmp(variants[i].msg_en, msg_en) == 0)
            return variants[i].variant;
    return NULL;
}

int gb_rules_evaluate(const gb_rule_input *in, gb_rule_result *results)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        gb_rule_result *r = &results[i];
        memset(r, 0, sizeof *r);
        r->id = rules[i].id;
        r->state = GB_RULE_PASS;
        r->msg_zh = rules[i].msg_zh;
        r->msg_en = rules[i].msg_en;
        rules[i].eval(in, r);
        if (r->state == GB_RULE_FAIL)
            failed++;
    }
    return failed;
}
