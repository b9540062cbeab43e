/* Configuration: one table of keys (section, name, type, limits, default,
 * documentation). The defaults, `config show`, the parser and the shipped
 * kiosk-config/gradbooth.ini all come from this table, so a key is added in
 * exactly one place (config.c) and a test checks the .ini documents it. */
#ifndef GB_CORE_CONFIG_H
#define GB_CORE_CONFIG_H

#include <stddef.h>

#include "core/err.h"

typedef struct gb_rgb {
    int r, g, b;
} gb_rgb;

typedef struct gb_config {
    /* [kiosk] */
    char kiosk_id[17];
    char data_dir[512];
    char language[4];
    int idle_warning_s;
    int id_max_attempts;
    int id_lockout_s;
    int idle_timeout_s;
    int done_return_s;
    int welcome_refresh_s;
    int fullscreen;
    int window_width, window_height;
    char font[128];
    char code_decoder[512];
    int scanner_max_key_gap_ms;
    int code_notice_ms;
    int retake_limit;
    int review_hours;
    char lookup_url[256];
    int info_name_min_pct;
    int info_keypad_min_px;
    /* [capture] */
    int countdown_s;
    int auto_capture_hold_ms;
    int guidance_hz;
    int qr_scan_hz;
    int guidance_max_side;
    int qr_max_side;
    int mirror_preview;
    /* [photo] */
    int photo_width;
    int photo_height;
    int head_top_min_px;
    int head_top_max_px;
    int eyes_min_px;
    int eyes_max_px;
    int face_width_min_px;
    int face_width_max_px;
    int centre_tolerance_px;
    int jpeg_min_kb;
    int jpeg_max_kb;
    int jpeg_quality_min;
    int dpi;
    char backdrops[64];
    gb_rgb backdrop_blue;
    gb_rgb backdrop_white;
    gb_rgb backdrop_grey;
    /* [camera] */
    char camera_backend[16];
    char camera_device[256];
    char camera_file_path[512];
    int file_fps;
    int file_frames_per_image;
    int preview_width, preview_height, preview_fps;
    int still_width, still_height;
    int warmup_frames;
    int retry_initial_ms, retry_max_ms;
    int stall_timeout_ms;
    int liveview_restart_after;
    int busy_backoff_ms;
    int exposure_absolute;
    int white_balance_k;
    /* [server] */
    char server_url[512];
    int server_timeout_s;
    /* [store] */
    int busy_timeout_ms;
    /* [roster] */
    int roster_errors_listed;
    int roster_max_rows;
    /* [staff] */
    int orders_list_limit;
    int pin_max_attempts;
    int pin_lockout_s;
    int pin_min_length;
    int staff_long_press_ms;
    char usb_roots[512];
    int usb_scan_depth;
    int usb_scan_max_entries;
    int usb_files_listed;
    char shutdown_command[256];
    /* [payment] */
    char pay_url[256];
    int pay_timeout_s;
    /* [vision] */
    char face_model[512];
    int analysis_min_side;
    int detect_upsample;
    double detect_threshold;
    /* [rules]: the limits of the photo checks; docs/rules.md has the evidence */
    double roll_max_deg;
    double yaw_max_deg;
    double pitch_ratio_min, pitch_ratio_max;
    double eye_open_min;
    double mouth_gap_max;
    double teeth_max;
    double forehead_hair_max;
    double ear_skin_min;
    double head_height_max;
    double brim_max;
    double glare_max;
    double under_eye_min;
    double bg_objects_max;
    double bg_gradient_max;
    double bg_hue_tol_deg;
    double bg_sat_tol;
    double bg_neutral_sat_max;
    double bg_value_min;
    double light_balance_max;
    double face_hot_max;
    double face_luma_min, face_luma_max;
    double clipped_max;
    double sharpness_min;
    double cloth_backdrop_delta_e_min;
    double cloth_blue_sat_min;
    double occl_eye_dark_max;
    double occl_lip_red_min;
    double occl_cheek_edges_max;
    double colour_chroma_min;
} gb_config;

typedef enum { GB_CFG_INT, GB_CFG_STR, GB_CFG_ENUM, GB_CFG_RGB, GB_CFG_LIST, GB_CFG_REAL } gb_config_type;

typedef struct gb_config_key {
    const char *section;
    const char *name;
    gb_config_type type;
    size_t offset;  /* into gb_config */
    size_t size;    /* of the char array, for strings */
    long min, max;  /* for ints */
    const char *choices; /* "a|b|c" for enums and lists */
    const char *def;     /* default, in the file's own syntax */
    const char *doc;     /* one or more lines, shown in the .ini */
    double rmin, rmax;   /* for reals */
} gb_config_key;

/* The whole table, in the order the .ini documents it. */
const gb_config_key *gb_config_keys(size_t *count);

/* Fills every field with its documented default. */
void gb_config_defaults(gb_config *cfg);

/* Sets one key from its text form; errors name the key and the bad value. */
int gb_config_set(gb_config *cfg, const char *section, const char *name, const char *value,
                  gb_err *err);

/* Parses INI text over the current values. `origin` names the file in
 * errors ("gradbooth.ini line 12: [photo] eyes_min_px: ..."). Checks the
 * relations between keys (min <= max, idle warning before timeout) too. */
int gb_config_parse_string(gb_config *cfg, const char *text, const char *origin, gb_err *err);

/* Relations between keys, for configs built in code. */
int gb_config_check(const gb_config *cfg, gb_err *err);

/* The value of one key in the file's own syntax. */
void gb_config_format(const gb_config *cfg, const gb_config_key *key, char *buf, size_t size);

/* Whether `name` (blue|white|grey) is in the allowed backdrop list. */
int gb_config_backdrop_allowed(const gb_config *cfg, const char *name);

#endif
