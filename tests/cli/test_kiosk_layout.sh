#!/usr/bin/env bash
# Nothing on any kiosk screen is drawn over anything else, in Chinese and
# in English: every student screen (welcome, help, identity before and
# after the scan, details with both keyboards, photo, a failed and a passed
# result, payment, done, the identity failure, order lookup before and after
# the ID suffix) and every staff screen, with expect-no-overlap (the boxes
# of all strings drawn in the frame must not meet). English texts are
# longer; this is where a layout that only fits Chinese shows. After a
# student leaves, the next one starts in Chinese again.
# Usage: test_kiosk_layout.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T04
. "$(dirname "$0")/kiosk_lib.sh"
MKQR=$(dirname "$GB")/tests/gb_mkqr
GOOD=$(code 2022010101 '王*明' '1101**********123X')
LI=$(code 2022010102 '李*' '1101**********2344')
STRANGER=$(code 2099999999 '赵*' '1101**********0000')
"$MKQR" "$T/phone-zh.png" "$GOOD" "" 6 || bad "mkqr"
"$MKQR" "$T/phone-en.png" "$LI" "" 6 || bad "mkqr"
PIN=135790
echo "$PIN" | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 || bad "set-pin"
mkdir -p "$T/usb/stick"
printf '学号,姓名,身份证号\n2026090201,测试甲,110105200301011234\n' >"$T/usb/stick/roster.csv"

flow() { # lang(zh|en): the student screens, then the staff screens (王小明 in Chinese, 李 in English)
  local lang=$1 scanned=已扫描采集码 toggle="" keys=$TAP_123X code=$GOOD
  [ "$lang" = en ] && { scanned="Code scanned"; toggle="tap lang"; keys=$'tap key-2\ntap key-3\ntap key-4\ntap key-4'; code=$LI; }
  cat <<S
wait-screen welcome
$toggle
expect-no-overlap
tap help
wait-screen help
expect-no-overlap
tap back
wait-screen welcome
tap start
wait-screen identity
expect-no-overlap
tap code
expect-no-overlap
scan $STRANGER
$TAP_123X
tap verify
wait-screen identity-failed
expect-no-overlap
tap retry
wait-screen identity
tap code
show-photo $T/phone-$lang.png
wait-text $scanned
expect-no-overlap
$keys
tap verify
wait-screen info
expect-no-overlap
type 13800138000
tap email
type wang.xm@example.edu.cn
expect-no-overlap
tap confirm
wait-screen photo
show-photo $SRC/assets/photos/01-eyes-closed-tilted.png
wait-button capture
wait 1500
expect-no-overlap
tap capture
wait-screen result 90000
expect-no-overlap
tap retake
wait-screen photo
show-photo $SRC/assets/photos/02-compliant.jpg
wait-screen result 90000
expect-no-overlap
tap accept
wait-screen payment
expect-no-overlap
tap pay-done
wait-screen done
expect-no-overlap
tap home
wait-screen welcome
expect-text 开始采集
$toggle
tap lookup
wait-screen lookup
expect-no-overlap
scan $code
expect-no-overlap
$keys
tap show
expect-no-overlap
tap home
wait-screen welcome
$toggle
key F12
wait-screen staff-pin
expect-no-overlap
type $PIN
tap unlock
wait-screen staff
expect-no-overlap
tap staff-batches
wait-screen staff-batches
expect-no-overlap
tap window-0
wait-screen staff-window
expect-no-overlap
tap back
wait-screen staff-batches
tap staff-roster
wait-screen staff-roster
expect-no-overlap
tap file-0
tap roster-check
wait-text roster.csv
expect-no-overlap
tap roster-files
tap back
wait-screen staff-batches
tap back
wait-screen staff
tap staff-camera
wait-screen staff-camera
wait-button cam-capture
tap cam-capture
wait 3000
expect-no-overlap
tap back
wait-screen staff
tap staff-sync
wait-screen staff-sync
expect-no-overlap
tap back
wait-screen staff
tap staff-power
wait-screen staff-power
expect-no-overlap
tap staff-shutdown
expect-no-overlap
tap shutdown-cancel
tap staff-exit
wait-screen welcome
S
}

for lang in zh en; do
  flow $lang >"$T/$lang.script"
  if kiosk $lang; then ok; else bad "$lang: $(grep -m1 'line [0-9]*:' "$T/$lang.err")"; fi
done
[ "$(sql "SELECT count(*) FROM orders WHERE state = 'awaiting_payment'")" = 2 ] && ok ||
  bad "expected 2 orders awaiting payment, got $(sql "SELECT count(*) FROM orders WHERE state = 'awaiting_payment'")"

echo "kiosk layout: $passes passed, $fails failed"
[ "$fails" = 0 ]
