#!/usr/bin/env bash
# The welcome screen says whether a student can start now, before they
# scan and type: each batch's window state (open / opens at … / ended at …),
# the count of open batches, and no Start button (why instead) when no
# active batch is open or the kiosk has no camera or no face model; "My
# orders" and the staff entry stay. The identity screen offers only open
# batches. The screen follows a window opening or ending and a camera
# plugged in while it shows, by itself.
# Usage: test_kiosk_welcome_state.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T61
# the batches are read again every second here, so a change made while
# the screen shows (below) is seen within the script's 10 s waits
EXTRA_INI=$'[kiosk]\nwelcome_refresh_s = 1'
. "$(dirname "$0")/kiosk_lib.sh"

add() { # batch_no school start end
  "$GB" --config "$T/kiosk.ini" batch add --batch "$1" --school "$2" --price 20 --pay student \
    --start "$3" --end "$4" >/dev/null 2>&1 && ok || bad "batch add $1"
}
add 2020OLD 已结束大学 '2020-01-01 08:00' '2020-06-30 18:00'
add 2098NEW 未开始大学 '2098-01-01 08:00' '2098-06-30 18:00'
WANG=$(code 2022010101 '王*明' '1101**********123X')

# --- one open batch of three: the count is of the open ones, every card
# says its state; the identity screen offers the open one only
cat >"$T/mixed.script" <<S
wait-screen welcome
expect-text 本机有 3 个批次，现在开放采集的有 1 个：
expect-text-colour 正在采集 ok
expect-text 2020OLD
expect-text-colour 已结束：2020-06-30 18:00 结束 bad
expect-no-overlap
screenshot mixed-1
tap batches-next
expect-text 2098NEW
expect-text-colour 尚未开始：2098-01-01 08:00 开始 warn
expect-no-overlap
tap lang
expect-text This kiosk has 3 batches, 1 open now:
expect-text Opens at 2098-01-01 08:00
expect-no-overlap
screenshot mixed-2-en
tap batches-prev
expect-text Ended at 2020-06-30 18:00
expect-text Open now
expect-no-overlap
tap lang
wait-button start
tap start
wait-screen identity
expect-text DEMO2026
expect-no-text 2020OLD
expect-no-text 2098NEW
expect-no-text 点选学校通知中的批次
S
if kiosk mixed; then ok; else bad "mixed windows: $(grep -m1 'line [0-9]*:' "$T/mixed.err")"; fi

# --- no batch open now: when collection opens instead of Start; My orders
# stays, and a scan shows the student's orders without leading on to the
# identity check; nothing is opened in the store
sql "UPDATE batches SET active = 0 WHERE batch_no = 'DEMO2026'"
orders_before=$(sql "SELECT count(*) FROM orders")
cat >"$T/closed.script" <<S
wait-screen welcome
expect-text 本机有 2 个批次，现在开放采集的有 0 个：
expect-text 采集将于 2098-01-01 08:00 开始，请到时再来。
expect-no-text 开始采集
expect-no-text 或点击“开始采集”
wait-button lookup
expect-no-overlap
screenshot closed-zh
tap lang
expect-text Collection opens at 2098-01-01 08:00. Please come back then.
expect-no-overlap
screenshot closed-en
tap lang
scan $WANG
wait-screen lookup
wait 1500
expect-screen lookup
tap home
wait-screen welcome
tap lookup
wait-screen lookup
S
if kiosk closed; then ok; else bad "no open batch: $(grep -m1 'line [0-9]*:' "$T/closed.err")"; fi
printf 'wait-screen welcome\nwait 500\ntap start\n' >"$T/closed-tap.script"
if kiosk closed-tap; then
  bad "Start could be tapped with no batch open"
else
  grep -q "line 3:" "$T/closed-tap.err" && ok || bad "closed-tap failed elsewhere: $(tail -2 "$T/closed-tap.err")"
fi
[ "$(sql "SELECT count(*) FROM orders")" = "$orders_before" ] && ok || bad "an order was opened with no batch open"

# --- every window ended (one batch left): the card says so, and that
# collection here has ended
sql "UPDATE batches SET active = 0 WHERE batch_no = '2098NEW'"
cat >"$T/ended.script" <<S
wait-screen welcome
expect-text 已结束大学
expect-text-colour 已结束：2020-06-30 18:00 结束 bad
expect-text 本机的采集已经结束，如有疑问请联系工作人员。
expect-no-text 开始采集
expect-no-overlap
screenshot ended-zh
tap lang
expect-text Collection here has ended. Please ask the staff if in doubt.
expect-no-overlap
screenshot ended-en
S
if kiosk ended; then ok; else bad "all ended: $(grep -m1 'line [0-9]*:' "$T/ended.err")"; fi

# --- a window opening, then ending, while the screen shows: the changes
# are made once the script has looked (its screenshot is the signal)
sql "UPDATE batches SET active = CASE batch_no WHEN '2098NEW' THEN 1 ELSE 0 END"
cat >"$T/live.script" <<S
wait-screen welcome
expect-text 采集将于 2098-01-01 08:00 开始
expect-no-text 开始采集
screenshot before-open
wait-button start
expect-text-colour 正在采集 ok
screenshot opened
wait-text 本机的采集已经结束
expect-no-text 开始采集
screenshot closed-again
S
(
  shots=$T/shots-live
  for _ in $(seq 300); do ls "$shots"/*before-open.png >/dev/null 2>&1 && break; sleep 0.1; done
  sql "UPDATE batches SET window_start = '2020-01-01 08:00' WHERE batch_no = '2098NEW'"
  for _ in $(seq 300); do ls "$shots"/*opened.png >/dev/null 2>&1 && break; sleep 0.1; done
  sql "UPDATE batches SET window_end = '2020-06-30 18:00' WHERE batch_no = '2098NEW'"
) &
changer=$!
if kiosk live; then ok; else bad "live change: $(grep -m1 'line [0-9]*:' "$T/live.err")"; fi
wait "$changer"

# --- no camera: said on the welcome screen, no Start; My orders and the
# staff entry work; the camera plugged in later brings Start back by itself
sql "UPDATE batches SET active = CASE batch_no WHEN 'DEMO2026' THEN 1 ELSE 0 END"
sed "s|^file_path = .*|file_path = $T/cam|" "$T/kiosk.ini" >"$T/nocam.ini"
printf '[camera]\nretry_initial_ms = 100\nretry_max_ms = 200\n' >>"$T/nocam.ini"
cat >"$T/nocam.script" <<S
wait-screen welcome
wait-text 相机未连接，暂时不能拍照，请联系工作人员。
expect-no-text 开始采集
expect-text-colour 正在采集 ok
wait-button lookup
expect-no-overlap
screenshot nocam-zh
tap lang
expect-text No camera is connected, so no photos now. Please ask the staff.
expect-no-overlap
screenshot nocam-en
tap lang
key F12
wait-screen staff-pin
key Escape
wait-screen welcome
expect-no-text 开始采集
screenshot plug-in
wait-button start
expect-no-text 相机未连接
tap start
wait-screen identity
S
(
  for _ in $(seq 300); do ls "$T/shots-nocam"/*plug-in.png >/dev/null 2>&1 && break; sleep 0.1; done
  mkdir -p "$T/cam.tmp" && cp "$SRC/assets/photos/02-compliant.jpg" "$T/cam.tmp/" && mv "$T/cam.tmp" "$T/cam"
) &
plugger=$!
if KIOSK_INI=$T/nocam.ini kiosk nocam; then ok; else bad "no camera: $(grep -m1 'line [0-9]*:' "$T/nocam.err")"; fi
wait "$plugger"
rm -rf "$T/cam"
printf 'wait-screen welcome\nwait-text 相机未连接\ntap start\n' >"$T/nocam-tap.script"
if KIOSK_INI=$T/nocam.ini kiosk nocam-tap; then
  bad "Start could be tapped with no camera"
else
  grep -q "line 3:" "$T/nocam-tap.err" && ok || bad "nocam-tap failed elsewhere: $(tail -2 "$T/nocam-tap.err")"
fi

# ... and My orders does not lead into the photo screen either: no retake
# for a rejected order, no "start" for a student without orders; the
# reason is shown instead
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sql "INSERT INTO orders (order_no, batch_id, student_id, state, price_fen, reject_reason, created_at, updated_at)
     SELECT 'T40-261204-00001', batch_id, id, 'rejected', 2000, '背景有阴影', '$now', '$now'
     FROM students WHERE student_no = '2022010101'"
cat >"$T/nocam-lookup.script" <<S
wait-screen welcome
wait-text 相机未连接
tap lookup
wait-screen lookup
scan $WANG
$TAP_123X
tap show
wait-text 背景有阴影
expect-text 相机未连接，暂时不能拍照，请联系工作人员。
screenshot nocam-rejected
tap retake-0
S
if KIOSK_INI=$T/nocam.ini kiosk nocam-lookup; then
  bad "a retake could be tapped with no camera"
else
  grep -q "line 14:" "$T/nocam-lookup.err" && ok || bad "nocam-lookup failed elsewhere: $(grep -m1 'line [0-9]*:' "$T/nocam-lookup.err")"
fi
sql "DELETE FROM order_history; DELETE FROM orders"
LI=$(code 2022010102 '李*' '1101**********2344')
cat >"$T/nocam-none.script" <<S
wait-screen welcome
wait-text 相机未连接
tap lookup
wait-screen lookup
scan $LI
tap key-2
tap key-3
tap key-4
tap key-4
tap show
wait-text 相机未连接，暂时不能拍照，请联系工作人员。
expect-no-overlap
tap start
S
if KIOSK_INI=$T/nocam.ini kiosk nocam-none; then
  bad "start could be tapped in the lookup with no camera"
else
  grep -q "line 13:" "$T/nocam-none.err" && ok || bad "nocam-none failed elsewhere: $(grep -m1 'line [0-9]*:' "$T/nocam-none.err")"
fi

# --- no face model: said likewise
sed "s|^\[photo\]|[vision]\nface_model = $T/no-model.dat\n[photo]|" "$T/kiosk.ini" >"$T/nomodel.ini"
cat >"$T/nomodel.script" <<S
wait-screen welcome
wait-text 人脸检测模型没有加载，暂时不能拍照，请联系工作人员。
expect-no-text 开始采集
wait-button lookup
expect-no-overlap
screenshot nomodel
tap lang
expect-text The face model is not loaded, so no photos now. Please ask the staff.
expect-no-overlap
screenshot nomodel-en
S
if KIOSK_INI=$T/nomodel.ini kiosk nomodel; then ok; else bad "no model: $(grep -m1 'line [0-9]*:' "$T/nomodel.err")"; fi

echo "kiosk welcome state: $passes passed, $fails failed"
[ "$fails" = 0 ]
