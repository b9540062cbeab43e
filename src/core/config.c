#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFF(field) offsetof(gb_config, field)
#define SZ(field) sizeof(((gb_config *)0)->field)

#define INT_KEY(sec, nm, field, lo, hi, dflt, text) \
    {sec, nm, GB_CFG_INT, OFF(field), 0, lo, hi, NULL, dflt, text, 0, 0}
#define STR_KEY(sec, nm, field, dflt, text) \
    {sec, nm, GB_CFG_STR, OFF(field), SZ(field), 0, 0, NULL, dflt, text, 0, 0}
#define ENUM_KEY(sec, nm, field, choices, dflt, text) \
    {sec, nm, GB_CFG_ENUM, OFF(field), SZ(field), 0, 0, choices, dflt, text, 0, 0}
#define LIST_KEY(sec, nm, field, choices, dflt, text) \
    {sec, nm, GB_CFG_LIST, OFF(field), SZ(field), 0, 0, choices, dflt, text, 0, 0}
#define RGB_KEY(sec, nm, field, dflt, text) \
    {sec, nm, GB_CFG_RGB, OFF(field), 0, 0, 255, NULL, dflt, text, 0, 0}
#define REAL_KEY(sec, nm, field, lo, hi, dflt, text) \
    {sec, nm, GB_CFG_REAL, OFF(field), 0, 0, 0, NULL, dflt, text, lo, hi}

static const gb_config_key keys[] = {
    STR_KEY("kiosk", "id", kiosk_id, "K01",
            "This kiosk's id: 1-16 letters or digits, unique within the centre.\n"
            "It starts every order number, so orders from different kiosks never collide."),
    STR_KEY("kiosk", "data_dir", data_dir, "",
            "Where the database and photos live. Empty: $XDG_DATA_HOME/gradbooth\n"
            "(~/.local/share/gradbooth). Installed kiosks use /var/lib/gradbooth. A relative\n"
            "path is relative to this file's folder; ~/ is the user's home folder."),
    ENUM_KEY("kiosk", "language", language, "zh|en", "zh", "Language of the student screens at start: zh or en."),
    INT_KEY("kiosk", "id_max_attempts", id_max_attempts, 1, 100, "5",
            "Wrong ID suffixes (or school feature codes) in a row for one collection code\n"
            "before the kiosk stops checking that code for id_lockout_s: the suffix is the\n"
            "only thing besides the code that proves who is at the booth."),
    INT_KEY("kiosk", "id_lockout_s", id_lockout_s, 10, 86400, "900",
            "How long a collection code stays refused after id_max_attempts wrong suffixes."),
    INT_KEY("kiosk", "idle_warning_s", idle_warning_s, 5, 3600, "45",
            "Seconds without input on a screen with student data before the\n"
            "\"are you still there?\" warning."),
    INT_KEY("kiosk", "idle_timeout_s", idle_timeout_s, 10, 3600, "60",
            "Seconds without input before the kiosk wipes the student's data and\n"
            "returns to the welcome screen. Must be longer than idle_warning_s."),
    INT_KEY("kiosk", "done_return_s", done_return_s, 3, 600, "20",
            "Seconds the order-number screen stays before the kiosk returns to welcome."),
    INT_KEY("kiosk", "welcome_refresh_s", welcome_refresh_s, 1, 3600, "60",
            "The welcome screen reads the batches again every time the minute changes (a\n"
            "collection window opens or ends on a minute) and at least this often, seconds,\n"
            "for batches changed by another program (the command line, the nightly sync)."),
    INT_KEY("kiosk", "fullscreen", fullscreen, 0, 1, "1", "1: fullscreen kiosk window; 0: a normal window (testing)."),
    INT_KEY("kiosk", "window_width", window_width, 320, 7680, "1080",
            "Window size when not fullscreen, and the size of headless screenshots."),
    INT_KEY("kiosk", "window_height", window_height, 240, 7680, "1920", "Window height (see window_width)."),
    STR_KEY("kiosk", "font", font, "Noto Sans CJK SC",
            "Font family, found through fontconfig (Debian package fonts-noto-cjk)."),
    STR_KEY("kiosk", "code_decoder", code_decoder, "test",
            "Decoder of the CHSI collection code: \"test\" (the documented demo format,\n"
            "docs/collection-code.md) or the path of the centre's decoder library."),
    INT_KEY("kiosk", "scanner_max_key_gap_ms", scanner_max_key_gap_ms, 1, 1000, "30",
            "A USB barcode scanner types a code faster than a person: keys closer together\n"
            "than this, ending in Enter, are read as a scan."),
    INT_KEY("kiosk", "code_notice_ms", code_notice_ms, 1000, 60000, "6000",
            "How long the scanner panel says why a code was refused (not a collection code,\n"
            "or one that did not read correctly), ms after the last read of it. The camera\n"
            "reads a code held up several times a second, a USB scanner once."),
    INT_KEY("kiosk", "retake_limit", retake_limit, 1, 100, "5",
            "Photos a student may take in one session before asking staff for help\n"
            "(a capture with no face in it does not count)."),
    INT_KEY("kiosk", "review_hours", review_hours, 1, 720, "48",
            "The review time promised on the done screen, hours."),
    INT_KEY("kiosk", "info_name_min_pct", info_name_min_pct, 50, 100, "75",
            "Personal-data screen: a name too long for one line is drawn smaller, down to\n"
            "this percent of the title size, and then wrapped, never cut (a student checks\n"
            "the whole name)."),
    INT_KEY("kiosk", "info_keypad_min_px", info_keypad_min_px, 200, 470, "300",
            "Personal-data screen: the smallest height of the keypad or keyboard, in design\n"
            "pixels (1080 wide). When long roster fields leave less room below the card, the\n"
            "card's text is drawn at the small size first."),
    STR_KEY("kiosk", "lookup_url", lookup_url, "",
            "Address the done screen's QR code points to, followed by the order number.\n"
            "Empty: the QR code carries the order number only."),

    INT_KEY("capture", "countdown_s", countdown_s, 0, 10, "3",
            "Seconds of countdown before a capture, by button or automatic."),
    INT_KEY("capture", "auto_capture_hold_ms", auto_capture_hold_ms, 0, 10000, "1500",
            "Automatic capture once every live check has been green this long; 0 = button only."),
    INT_KEY("capture", "guidance_hz", guidance_hz, 1, 30, "12",
            "Live analyses per second for the guidance on the photo screen (at most). The\n"
            "spec asks for at least 10; 12 leaves room for a late screen tick or a slow\n"
            "frame. An analysis takes about 60 ms on a 2-core kiosk (bench/kiosk)."),
    INT_KEY("capture", "guidance_max_side", guidance_max_side, 240, 4096, "640",
            "Live-view frames are shrunk to this longer side (pixels) before the guidance\n"
            "analysis: face detection time grows with pixels, and a face in front of the\n"
            "booth is large. The captured still is always judged at full quality."),
    INT_KEY("capture", "qr_scan_hz", qr_scan_hz, 1, 30, "6",
            "Looks per second for a collection-code QR code in the live view (identity\n"
            "and order lookup screens). Each look takes about 5-20 ms on the second core."),
    INT_KEY("capture", "qr_max_side", qr_max_side, 320, 8192, "1280",
            "Live-view frames longer than this (pixels) are halved until they fit before\n"
            "the QR scan: quicker, and a phone held up to the camera stays readable."),
    INT_KEY("capture", "mirror_preview", mirror_preview, 0, 1, "1",
            "1: the live view is shown mirrored, like a mirror (the saved photo never is)."),

    INT_KEY("photo", "width", photo_width, 48, 4800, "480", "Output width in pixels (CHSI: 480)."),
    INT_KEY("photo", "height", photo_height, 64, 6400, "640", "Output height in pixels (CHSI: 640)."),
    INT_KEY("photo", "head_top_min_px", head_top_min_px, 0, 6400, "50",
            "Top of the head (hair) from the top edge of the output, pixels (CHSI: 50-110)."),
    INT_KEY("photo", "head_top_max_px", head_top_max_px, 0, 6400, "110", NULL),
    INT_KEY("photo", "eyes_min_px", eyes_min_px, 0, 6400, "200",
            "Eye line from the top edge of the output, pixels (CHSI: 200-300)."),
    INT_KEY("photo", "eyes_max_px", eyes_max_px, 0, 6400, "300", NULL),
    INT_KEY("photo", "face_width_min_px", face_width_min_px, 1, 4800, "180",
            "Face width cheek to cheek in the output, pixels (CHSI: 180-300)."),
    INT_KEY("photo", "face_width_max_px", face_width_max_px, 1, 4800, "300", NULL),
    INT_KEY("photo", "centre_tolerance_px", centre_tolerance_px, 0, 100, "6",
            "How far (output px) the face's midline may sit from the photo's when the\n"
            "source leaves no room to centre it exactly."),
    INT_KEY("photo", "jpeg_min_kb", jpeg_min_kb, 1, 10240, "20",
            "Target JPEG file size window in KB (1 KB = 1024 bytes). Schools quote\n"
            "limits from 20 KB to 2 MB; the usual CHSI window is 20-40 KB."),
    INT_KEY("photo", "jpeg_max_kb", jpeg_max_kb, 1, 10240, "40", NULL),
    INT_KEY("photo", "jpeg_quality_min", jpeg_quality_min, 60, 100, "60",
            "Lowest JPEG quality the encoder may pick to meet the size window (spec: >= 60)."),
    INT_KEY("photo", "dpi", dpi, 72, 1200, "300", "Resolution written in the JFIF header (CHSI: 300)."),
    LIST_KEY("photo", "backdrops", backdrops, "blue|white|grey", "blue,white,grey",
             "Backdrop colours the centre accepts, comma separated: blue, white, grey.\n"
             "A batch names one of them; the compliance check accepts only the batch's."),
    RGB_KEY("photo", "backdrop_blue", backdrop_blue, "100,197,255", "Reference RGB of the light-blue backdrop."),
    RGB_KEY("photo", "backdrop_white", backdrop_white, "255,255,255", "Reference RGB of the white backdrop."),
    RGB_KEY("photo", "backdrop_grey", backdrop_grey, "240,240,240", "Reference RGB of the light-grey backdrop."),

    ENUM_KEY("camera", "backend", camera_backend, "auto|gphoto2|v4l2|file", "auto",
             "auto tries a DSLR (gphoto2), then a webcam (v4l2). file replays images."),
    STR_KEY("camera", "device", camera_device, "",
            "Device to open: a V4L2 path (/dev/video0) or a gphoto2 port (usb:001,005).\n"
            "Empty: the first one found."),
    STR_KEY("camera", "file_path", camera_file_path, "",
            "For backend=file: an image or a folder of images. Relative paths are\n"
            "relative to this config file's folder."),

    INT_KEY("camera", "file_fps", file_fps, 1, 120, "15",
            "For backend=file: frames per second of the replayed live view."),
    INT_KEY("camera", "file_frames_per_image", file_frames_per_image, 0, 1000000, "0",
            "For backend=file with a folder: live-view frames each image is shown for.\n"
            "0 = keep showing one image (moving slightly) and go to the next after each\n"
            "still, as if a new student sat down; 1 = replay the folder as a recording."),
    INT_KEY("camera", "preview_width", preview_width, 160, 4096, "1280",
            "Live-view size asked of a webcam (the nearest it offers is used)."),
    INT_KEY("camera", "preview_height", preview_height, 120, 4096, "720", "Live-view height asked of a webcam."),
    INT_KEY("camera", "preview_fps", preview_fps, 1, 120, "30",
            "Highest live-view rate asked for; gphoto2 cameras are polled no faster than this."),
    INT_KEY("camera", "still_width", still_width, 0, 16384, "0",
            "Still size asked of a webcam; 0 = the largest it offers."),
    INT_KEY("camera", "still_height", still_height, 0, 16384, "0", "Still height asked of a webcam; 0 = the largest."),
    INT_KEY("camera", "warmup_frames", warmup_frames, 0, 60, "3",
            "Frames thrown away after a format switch or reopen (exposure settling)."),
    INT_KEY("camera", "retry_initial_ms", retry_initial_ms, 10, 60000, "250",
            "First wait before reopening a camera that failed; doubles up to retry_max_ms."),
    INT_KEY("camera", "retry_max_ms", retry_max_ms, 100, 600000, "5000", "Longest wait between two reopen attempts."),
    INT_KEY("camera", "stall_timeout_ms", stall_timeout_ms, 500, 600000, "5000",
            "Live view that delivers no frame for this long counts as a failed camera:\n"
            "it is closed and reopened (with the back-off above)."),
    INT_KEY("camera", "liveview_restart_after", liveview_restart_after, 1, 1000, "5",
            "Consecutive live-view failures after which live view is restarted (gphoto2)."),
    INT_KEY("camera", "busy_backoff_ms", busy_backoff_ms, 0, 10000, "100",
            "Wait after a \"camera busy\" answer before asking again (gphoto2)."),
    INT_KEY("camera", "exposure_absolute", exposure_absolute, 0, 100000, "0",
            "Webcam exposure locked to this value (V4L2 units of 100 us); 0 = automatic."),
    INT_KEY("camera", "white_balance_k", white_balance_k, 0, 10000, "0",
            "Webcam white balance locked to this colour temperature (K, e.g. 5500); 0 = auto."),

    STR_KEY("server", "url", server_url, "",
            "The collection centre's server, https://... Empty: no sync (stand-alone)."),
    INT_KEY("server", "timeout_s", server_timeout_s, 1, 600, "30", "Timeout of one request to the centre, seconds."),

    INT_KEY("store", "busy_timeout_ms", busy_timeout_ms, 0, 600000, "5000",
            "How long a database writer waits for another one (the nightly sync) before\n"
            "giving up, milliseconds."),

    INT_KEY("roster", "errors_listed", roster_errors_listed, 1, 10000, "20",
            "A rejected roster lists this many problems, then a count of the rest."),
    INT_KEY("roster", "max_rows", roster_max_rows, 1, 10000000, "200000",
            "Largest roster accepted, rows (protects the kiosk from a wrong file)."),

    INT_KEY("staff", "orders_list_limit", orders_list_limit, 1, 1000000, "200",
            "How many orders `gradbooth orders list` shows unless --limit says otherwise."),
    INT_KEY("staff", "pin_max_attempts", pin_max_attempts, 1, 100, "5",
            "Wrong staff PINs in a row before staff mode locks."),
    INT_KEY("staff", "pin_lockout_s", pin_lockout_s, 10, 86400, "300", "How long staff mode stays locked, seconds."),
    INT_KEY("staff", "pin_min_length", pin_min_length, 4, 32, "6", "Shortest staff PIN accepted when one is set."),
    INT_KEY("staff", "long_press_ms", staff_long_press_ms, 500, 30000, "3000",
            "Holding the title bar of the welcome screen this long opens the staff PIN\n"
            "screen (touch screens without a keyboard), besides five taps on it and F12."),
    STR_KEY("staff", "usb_roots", usb_roots, "/media,/run/media,/mnt",
            "Folders where USB sticks are mounted, comma separated. The staff screen's roster\n"
            "import lists the .csv, .txt and .tsv files found under them."),
    INT_KEY("staff", "usb_scan_depth", usb_scan_depth, 1, 8, "4",
            "Folder levels searched below each of usb_roots: a file directly in a root is\n"
            "level 1, /media/kiosk/STICK/roster.csv level 3, one folder on the stick level 4."),
    INT_KEY("staff", "usb_scan_max_entries", usb_scan_max_entries, 100, 1000000, "20000",
            "Folder entries the search looks at in all, so a big disk mounted there cannot\n"
            "hold the staff screen up."),
    INT_KEY("staff", "usb_files_listed", usb_files_listed, 1, 12, "6",
            "Roster files the staff screen lists on one page, newest first (the others\n"
            "are on the next pages)."),
    STR_KEY("staff", "shutdown_command", shutdown_command, "systemctl poweroff",
            "What \"shut down the machine\" on the staff screen runs: a program and its arguments\n"
            "separated by spaces, started without a shell (no quoting, no variables). Empty:\n"
            "the button is off."),

    STR_KEY("payment", "pay_url", pay_url, "",
            "The centre's pay page; a pay-later QR code links here with the order number\n"
            "and a signature. Empty: no pay-later link (school-paid batches only)."),
    INT_KEY("payment", "pay_timeout_s", pay_timeout_s, 10, 7200, "300",
            "Seconds the payment screen counts down. Then the order stays awaiting payment\n"
            "(the student pays later) and the kiosk shows the done screen. The idle timeout\n"
            "does not cut this screen short."),

    STR_KEY("vision", "face_model", face_model, "/usr/share/dlib/shape_predictor_68_face_landmarks.dat",
            "dlib's 68-point face landmark model (Debian package libdlib-data)."),
    INT_KEY("vision", "analysis_min_side", analysis_min_side, 200, 4000, "480",
            "Photos are analysed at a reduced size whose shorter side is at least this\n"
            "(JPEG DCT scaling). The output is cut from a separate decode that keeps at\n"
            "least 480x640 pixels of the cut, so it is never upscaled."),
    INT_KEY("vision", "detect_upsample", detect_upsample, 0, 2, "0",
            "Times the analysis image is doubled before face detection. 0 finds faces\n"
            "wider than about 80 px in the analysis image, which a booth photo always has."),
    REAL_KEY("vision", "detect_threshold", detect_threshold, -2, 2, "0",
             "Face detector threshold (dlib's scale; lower finds more, and more false faces)."),

    REAL_KEY("rules", "roll_max_deg", roll_max_deg, 0, 45, "6",
             "pose.roll: largest tilt of the eye line, degrees (ICAO allows 8, recommends 5)."),
    REAL_KEY("rules", "yaw_max_deg", yaw_max_deg, 0, 60, "10",
             "pose.yaw: largest head turn, degrees, estimated from the nose's place between\n"
             "the cheeks."),
    REAL_KEY("rules", "pitch_ratio_min", pitch_ratio_min, 0, 1, "0.3",
             "pose.pitch: (nose tip - eye line) / (chin - eye line). Looking up makes it\n"
             "smaller, looking down larger."),
    REAL_KEY("rules", "pitch_ratio_max", pitch_ratio_max, 0, 1, "0.55", NULL),
    REAL_KEY("rules", "eye_open_min", eye_open_min, 0, 1, "0.2",
             "eyes.open: smallest eye height / eye width of the less open eye."),
    REAL_KEY("rules", "mouth_gap_max", mouth_gap_max, 0, 1, "0.06",
             "mouth.closed: largest gap between the inner lips / mouth width."),
    REAL_KEY("rules", "teeth_max", teeth_max, 0, 1, "0.03",
             "mouth.closed: largest amount of teeth-white between the lips (share of the\n"
             "mouth's size)."),
    REAL_KEY("rules", "forehead_hair_max", forehead_hair_max, 0, 1, "0.35",
             "hair.eyebrows: largest share of hair-dark pixels just above the eyebrows."),
    REAL_KEY("rules", "ear_skin_min", ear_skin_min, 0, 1, "0.08",
             "hair.ears: smallest ear skin found beside each cheek, as a share of the\n"
             "area an ear takes (0.04 face width squared)."),
    REAL_KEY("rules", "head_height_max", head_height_max, 0, 5, "1.25",
             "head.covering: largest (eye line - top of head) / face width; a hat or a bun\n"
             "on top makes the head taller than hair does."),
    REAL_KEY("rules", "brim_max", brim_max, 0, 1, "0.58",
             "head.covering: largest share of the eyebrows' width crossed, in one row above\n"
             "them, by one straight light-dark step (a cap's brim; a hairline is ragged)."),
    REAL_KEY("rules", "glare_max", glare_max, 0, 1, "0.02",
             "glasses.glare: largest share of clipped white pixels around an eye."),
    REAL_KEY("rules", "under_eye_min", under_eye_min, 0, 2, "0.7",
             "glasses.tinted: smallest brightness under the eyes / brightness of the lower\n"
             "cheeks (a tinted lens darkens the first)."),
    REAL_KEY("rules", "bg_objects_max", bg_objects_max, 0, 1, "0.06",
             "background.uniform: largest share of backdrop samples far from the backdrop\n"
             "colour (objects, people, clutter)."),
    REAL_KEY("rules", "bg_gradient_max", bg_gradient_max, 0, 100, "8",
             "background.uniform: largest colour difference (delta E) between parts of the\n"
             "backdrop (gradients, shadows)."),
    REAL_KEY("rules", "bg_hue_tol_deg", bg_hue_tol_deg, 0, 180, "20",
             "background.color: hue tolerance for the blue backdrop, degrees."),
    REAL_KEY("rules", "bg_sat_tol", bg_sat_tol, 0, 1, "0.25",
             "background.color: saturation tolerance for the blue backdrop."),
    REAL_KEY("rules", "bg_neutral_sat_max", bg_neutral_sat_max, 0, 1, "0.08",
             "background.color: largest saturation of a white or grey backdrop."),
    REAL_KEY("rules", "bg_value_min", bg_value_min, 0, 1, "0.6",
             "background.color: smallest brightness (HSV value) of any backdrop."),
    REAL_KEY("rules", "light_balance_max", light_balance_max, 0, 2, "0.25",
             "lighting.even: largest brightness difference between the cheeks / their mean."),
    REAL_KEY("rules", "face_hot_max", face_hot_max, 0, 1, "0.02",
             "lighting.even: largest share of clipped white pixels on the face (hot spots)."),
    REAL_KEY("rules", "face_luma_min", face_luma_min, 0, 255, "70",
             "exposure: the face's mean brightness (0-255) must lie in this range."),
    REAL_KEY("rules", "face_luma_max", face_luma_max, 0, 255, "235", NULL),
    REAL_KEY("rules", "clipped_max", clipped_max, 0, 1, "0.05",
             "exposure: largest share of pure black or pure white pixels on the face."),
    REAL_KEY("rules", "sharpness_min", sharpness_min, 0, 100, "0.04",
             "sharpness: smallest Laplacian energy / contrast around the eyes and nose,\n"
             "measured at a fixed face size."),
    REAL_KEY("rules", "cloth_backdrop_delta_e_min", cloth_backdrop_delta_e_min, 0, 100, "7",
             "clothing.color: smallest colour difference (delta E) between clothes and backdrop."),
    REAL_KEY("rules", "cloth_blue_sat_min", cloth_blue_sat_min, 0, 1, "0.25",
             "clothing.color: clothes of a blue hue (190-250 degrees) at least this saturated fail."),
    REAL_KEY("rules", "occl_eye_dark_max", occl_eye_dark_max, 0, 2, "0.25",
             "face.occluded: each eye must hold dark pixels (pupil, iris): its 5th-percentile\n"
             "brightness / skin brightness at most this."),
    REAL_KEY("rules", "occl_lip_red_min", occl_lip_red_min, -50, 50, "6",
             "face.occluded: each half of the lips must be at least this much redder (a*)\n"
             "than the skin (a hand or a mask over the mouth is not)."),
    REAL_KEY("rules", "colour_chroma_min", colour_chroma_min, 0, 100, "2",
             "image.color: smallest mean colourfulness (a*b* chroma); a grey-scale photo\n"
             "is about 0; colour portraits measured 5.2 and more."),
    REAL_KEY("rules", "occl_cheek_edges_max", occl_cheek_edges_max, 0, 10, "0.2",
             "face.occluded: largest edge density on a cheek / skin brightness (fingers)."),
};

const gb_config_key *gb_config_keys(size_t *count)
{
    *count = sizeof keys / sizeof keys[0];
    return keys;
}

static const gb_config_key *find_key(const char *section, const char *name)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

static int section_known(const char *section)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].section, section) == 0)
            return 1;
    return 0;
}

/* Parses a whole decimal integer in [lo, hi]; no trailing junk. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (!*s)
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || isspace((unsigned char)*s) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* Whether `word` (length n) is an item of a list like "a|b|c". */
static int in_list(const char *list, char sep, const char *word, size_t n)
{
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, sep);
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

static int choice_ok(const char *choices, const char *word, size_t n)
{
    return in_list(choices, '|', word, n);
}

static int set_key(gb_config *cfg, const gb_config_key *k, const char *value, gb_err *err)
{
    char *base = (char *)cfg + k->offset;
    switch (k->type) {
    case GB_CFG_INT: {
        long v;
        if (parse_long(value, k->min, k->max, &v) < 0) {
            gb_err_set(err, "[%s] %s: expected a whole number from %ld to %ld, got '%s'", k->section,
                       k->name, k->min, k->max, value);
            return -1;
        }
        *(int *)base = (int)v;
        return 0;
    }
    case GB_CFG_STR:
        if (strlen(value) >= k->size) {
            gb_err_set(err, "[%s] %s: longer than %zu bytes", k->section, k->name, k->size - 1);
            return -1;
        }
        if (strcmp(k->name, "id") == 0 && strcmp(k->section, "kiosk") == 0) {
            size_t n = strlen(value);
            int ok = n >= 1 && n <= 16;
            for (size_t i = 0; ok && i < n; i++)
                ok = isalnum((unsigned char)value[i]);
            if (!ok) {
                gb_err_set(err, "[kiosk] id: expected 1-16 letters or digits, got '%s'", value);
                return -1;
            }
        }
        strcpy(base, value);
        return 0;
    case GB_CFG_ENUM:
        if (!choice_ok(k->choices, value, strlen(value))) {
            gb_err_set(err, "[%s] %s: expected one of %s, got '%s'", k->section, k->name, k->choices,
                       value);
            return -1;
        }
        strcpy(base, value);
        return 0;
    case GB_CFG_LIST: {
        /* Normalise "blue, white" to "blue,white"; reject unknown and empty items. */
        char norm[256] = "";
        size_t used = 0;
        const char *p = value;
        int items = 0;
        while (1) {
            while (*p == ' ' || *p == '\t')
                p++;
            const char *start = p;
            while (*p && *p != ',')
                p++;
            const char *end = p;
            while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
                end--;
            size_t n = (size_t)(end - start);
            if (n == 0 || !choice_ok(k->choices, start, n)) {
                gb_err_set(err, "[%s] %s: expected a comma separated list of %s, got '%s'", k->section,
                           k->name, k->choices, value);
                return -1;
            }
            if (used + n + 2 > sizeof norm || used + n + 2 > k->size) {
                gb_err_set(err, "[%s] %s: list too long", k->section, k->name);
                return -1;
            }
            if (items++)
                norm[used++] = ',';
            memcpy(norm + used, start, n);
            used += n;
            norm[used] = 0;
            if (!*p)
                break;
            p++;
        }
        strcpy(base, norm);
        return 0;
    }
    case GB_CFG_REAL: {
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (!*value || *end || errno || isspace((unsigned char)*value) || v != v || v < k->rmin ||
            v > k->rmax) {
            gb_err_set(err, "[%s] %s: expected a number from %g to %g, got '%s'", k->section, k->name,
                       k->rmin, k->rmax, value);
            return -1;
        }
        *(double *)base = v;
        return 0;
    }
    case GB_CFG_RGB: {
        gb_rgb c;
        char tail;
        if (sscanf(value, "%d , %d , %d %c", &c.r, &c.g, &c.b, &tail) != 3 || c.r < 0 || c.r > 255 ||
            c.g < 0 || c.g > 255 || c.b < 0 || c.b > 255) {
            gb_err_set(err, "[%s] %s: expected R,G,B with each 0-255, got '%s'", k->section, k->name,
                       value);
            return -1;
        }
        *(gb_rgb *)base = c;
        return 0;
    }
    }
    return -1;
}

void gb_config_defaults(gb_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        /* Defaults go through the parser so they obey the same limits;
         * a test asserts none fails. */
        (void)set_key(cfg, &keys[i], keys[i].def, NULL);
    }
}

int gb_config_set(gb_config *cfg, const char *section, const char *name, const char *value,
                  gb_err *err)
{
    const gb_config_key *k = find_key(section, name);
    if (!k) {
        if (section_known(section))
            gb_err_set(err, "unknown key '%s' in section [%s]", name, section);
        else
            gb_err_set(err, "unknown section [%s] (key '%s')", section, name);
        return -1;
    }
    return set_key(cfg, k, value, err);
}

int gb_config_check(const gb_config *cfg, gb_err *err)
{
    struct {
        int lo, hi;
        const char *lo_name, *hi_name;
    } pairs[] = {
        {cfg->head_top_min_px, cfg->head_top_max_px, "head_top_min_px", "head_top_max_px"},
        {cfg->eyes_min_px, cfg->eyes_max_px, "eyes_min_px", "eyes_max_px"},
        {cfg->face_width_min_px, cfg->face_width_max_px, "face_width_min_px", "face_width_max_px"},
        {cfg->jpeg_min_kb, cfg->jpeg_max_kb, "jpeg_min_kb", "jpeg_max_kb"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (pairs[i].lo > pairs[i].hi) {
            gb_err_set(err, "[photo] %s (%d) is greater than %s (%d)", pairs[i].lo_name, pairs[i].lo,
                       pairs[i].hi_name, pairs[i].hi);
            return -1;
        }
    }
    if (cfg->eyes_max_px >= cfg->photo_height || cfg->head_top_max_px >= cfg->eyes_min_px) {
        gb_err_set(err, "[photo] the eye band (%d-%d px) must lie below the head-top band (%d-%d px) "
                        "and inside the height (%d px)",
                   cfg->eyes_min_px, cfg->eyes_max_px, cfg->head_top_min_px, cfg->head_top_max_px,
                   cfg->photo_height);
        return -1;
    }
    if (cfg->face_width_max_px > cfg->photo_width) {
        gb_err_set(err, "[photo] face_width_max_px (%d) is wider than the photo (%d)",
                   cfg->face_width_max_px, cfg->photo_width);
        return -1;
    }
    if (cfg->pitch_ratio_min > cfg->pitch_ratio_max || cfg->face_luma_min > cfg->face_luma_max) {
        gb_err_set(err, "[rules] %s is greater than its maximum",
                   cfg->pitch_ratio_min > cfg->pitch_ratio_max ? "pitch_ratio_min" : "face_luma_min");
        return -1;
    }
    if (cfg->retry_initial_ms > cfg->retry_max_ms) {
        gb_err_set(err, "[camera] retry_initial_ms (%d) is greater than retry_max_ms (%d)", cfg->retry_initial_ms,
                   cfg->retry_max_ms);
        return -1;
    }
    if (cfg->idle_warning_s >= cfg->idle_timeout_s) {
        gb_err_set(err, "[kiosk] idle_warning_s (%d) must be less than idle_timeout_s (%d)",
                   cfg->idle_warning_s, cfg->idle_timeout_s);
        return -1;
    }
    return 0;
}

struct parse_ctx {
    gb_config *cfg;
    gb_err first;
    int failed;
    unsigned char seen[sizeof keys / sizeof keys[0]];
};

static int on_ini_pair(void *user, const char *section, const char *name, const char *value)
{
    struct parse_ctx *ctx = user;
    gb_err e;
    const gb_config_key *k = find_key(section, name);
    if (k && ctx->seen[k - keys]++) {
        /* two values for one key: which one the file meant is a guess */
        if (!ctx->failed)
            gb_err_set(&ctx->first, "[%s] %s is given twice", section, name);
        ctx->failed = 1;
        return 0;
    }
    if (gb_config_set(ctx->cfg, section, name, value, &e) < 0) {
        if (!ctx->failed)
            ctx->first = e;
        ctx->failed = 1;
        return 0; /* inih reports the line of the first handler failure */
    }
    return 1;
}

int gb_config_parse_string(gb_config *cfg, const char *text, const char *origin, gb_err *err)
{
    struct parse_ctx ctx = {.cfg = cfg};
    int line = ini_parse_string(text, on_ini_pair, &ctx);
    if (line > 0) {
        /* inih names the first bad line, but a handler failure may come
         * from a later one: a header missing its ']' is line 1's fault,
         * not the "unknown section []" of the key under it */
        const char *l = text;
        for (int i = 1; i < line && l; i++)
            l = (l = strchr(l, '\n')) ? l + 1 : NULL;
        if (l)
            l += strspn(l, " \t\xef\xbb\xbf");
        size_t n = l ? strcspn(l, "\r\n") : 0;
        if (l && l[0] == '[' && !memchr(l, ']', n))
            gb_err_set(err, "%s line %d: '%.*s' is a [section] header without its closing ']'", origin, line,
                       (int)(n < 60 ? n : 60), l);
        else if (ctx.failed)
            gb_err_set(err, "%s line %d: %s", origin, line, ctx.first.msg);
        else
            gb_err_set(err, "%s line %d: not a 'key = value' line or a [section] header", origin, line);
        return -1;
    }
    if (line < 0) {
        gb_err_set(err, "%s: out of memory while parsing", origin);
        return -1;
    }
    if (gb_config_check(cfg, err) < 0) {
        gb_err_prefix(err, "%s", origin);
        return -1;
    }
    return 0;
}

void gb_config_format(const gb_config *cfg, const gb_config_key *k, char *buf, size_t size)
{
    const char *base = (const char *)cfg + k->offset;
    switch (k->type) {
    case GB_CFG_INT:
        snprintf(buf, size, "%d", *(const int *)base);
        break;
    case GB_CFG_REAL:
        snprintf(buf, size, "%g", *(const double *)base);
        break;
    case GB_CFG_RGB: {
        const gb_rgb *c = (const gb_rgb *)base;
        snprintf(buf, size, "%d,%d,%d", c->r, c->g, c->b);
        break;
    }
    default:
        snprintf(buf, size, "%s", base);
        break;
    }
}

int gb_config_backdrop_allowed(const gb_config *cfg, const char *name)
{
    return in_list(cfg->backdrops, ',', name, strlen(name));
}
