# Shared by the kiosk's scripted tests: a temporary folder, the checks, a
# test config, collection codes in the test format, the demo store, and a
# runner. Source it after setting GB, SRC and KIOSK_ID; EXTRA_INI (optional)
# is appended to the config.
# shellcheck shell=bash
T=${KEEP_T:-$(mktemp -d)}
[ -n "${KEEP_T:-}" ] || trap 'rm -rf "$T"' EXIT
export GRADBOOTH_CONFIG= HOME=$T/home GRADBOOTH_ASSETS=$SRC/assets SDL_VIDEODRIVER=offscreen
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
sql() { sqlite3 "$T/data/orders.db" "$1"; }

# A small window keeps the software renderer quick. The flows get long idle
# timeouts (a loaded machine or the sanitizer build is slow between steps);
# a test that wants short ones writes its own config from this one.
cat >"$T/kiosk.ini" <<INI
[kiosk]
id = $KIOSK_ID
data_dir = $T/data
fullscreen = 0
window_width = 540
window_height = 960
idle_warning_s = 60
idle_timeout_s = 120
done_return_s = 3
[capture]
countdown_s = 1
[camera]
backend = file
file_path = $SRC/assets/photos
[photo]
backdrops = grey,white,blue
[payment]
pay_url = https://pay.example.edu.cn/p
[staff]
; never the machine's own USB sticks, never a real poweroff
usb_roots = $T/usb
shutdown_command = false
${EXTRA_INI:-}
INI

# 王小明's ID suffix on the on-screen keypad (the demo roster's first student)
TAP_123X=$'tap key-1\ntap key-2\ntap key-3\ntap key-X'

code() { # student_no masked_name masked_id -> a test-decoder payload (docs/collection-code.md)
  local body="GBT1|$1|$2|$3"
  printf '%s|%s' "$body" "$(printf '%s' "$body" | sha256sum | cut -c1-8)"
}

"$GB" --config "$T/kiosk.ini" demo >"$T/demo.out" 2>&1 || { echo "demo set-up failed"; cat "$T/demo.out"; exit 1; }

kiosk() { # name: runs $T/name.script, screenshots in $T/shots-name
  "$GB" --config "${KIOSK_INI:-$T/kiosk.ini}" kiosk --script "$T/$1.script" --screenshots "$T/shots-$1" >"$T/$1.out" 2>"$T/$1.err"
}
