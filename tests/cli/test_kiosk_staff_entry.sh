#!/usr/bin/env bash
# The way into staff mode, headless, driven by --script: a long press on
# the welcome screen's title bar ([staff] long_press_ms) opens the PIN
# screen, a shorter one or one elsewhere does not; the PIN is checked off
# the UI thread ("checking…" while the database is held by another writer,
# input ignored meanwhile, one attempt counted).
# Usage: test_kiosk_staff_entry.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T05
# a writer that holds the database makes the check wait, not fail
EXTRA_INI=$'[store]\nbusy_timeout_ms = 30000'
. "$(dirname "$0")/kiosk_lib.sh"
echo 246810 | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin"

# --- the long press: 3 s by default
cat >"$T/press.script" <<S
wait-screen welcome
press title 1500
expect-screen welcome
press title 3400
expect-screen staff-pin
expect-text 请输入工作人员 PIN
screenshot long-press
tap back
wait-screen welcome
tap help
wait-screen help
press title 3400
expect-screen help
tap back
wait-screen welcome
press start 3400
wait-screen identity
tap home
wait-screen welcome
press title 2900
expect-screen welcome
press title 3000
expect-screen staff-pin
tap back
wait-screen welcome
S
if kiosk press; then ok; else bad "long-press script: $(tail -3 "$T/press.err")"; fi
# twice: 3400 ms, and exactly 3000 ms (the docs' example; released in
# the frame that would have seen 3000 ms, it used to be lost)
grep -c "screen staff-pin" "$T/press.err" | grep -qx 2 && ok || bad "the PIN screen did not open exactly twice"
# a centre that sets it shorter
sed 's/^\[store\]/[staff]\nlong_press_ms = 1000\n[store]/' "$T/kiosk.ini" >"$T/press1s.ini"
cat >"$T/press1s.script" <<S
wait-screen welcome
press title 600
expect-screen welcome
press title 1400
expect-screen staff-pin
S
if KIOSK_INI=$T/press1s.ini kiosk press1s; then ok; else bad "long_press_ms script: $(tail -3 "$T/press1s.err")"; fi

# --- the PIN check off the UI thread. Another writer (sqlite3, standing in
# for the nightly sync) holds the database for 6 s from the moment the PIN
# screen shows; the check waits for it while the screen keeps drawing.
hold_db_on_pin_screen() {
  for _ in $(seq 1200); do
    grep -q "screen staff-pin" "$T/checking.err" 2>/dev/null && break
    sleep 0.05
  done
  { echo 'BEGIN IMMEDIATE;'; sleep 6; echo 'COMMIT;'; } | sqlite3 "$T/data/orders.db"
}
cat >"$T/checking.script" <<S
wait-screen welcome
key F12
wait-screen staff-pin
wait 1500
type 111111
tap unlock
expect-text 正在核对
expect-no-text PIN 不正确
screenshot checking-zh
type 9
key Return
tap lang
expect-text Checking
screenshot checking-en
tap lang
wait-text PIN 不正确
expect-screen staff-pin
expect-no-text 正在核对
expect-no-text ●
screenshot answered
S
hold_db_on_pin_screen &
holder=$!
if kiosk checking; then ok; else bad "checking script: $(tail -3 "$T/checking.err")"; fi
wait $holder
# one wrong PIN counted (a long, little-endian): the Return pressed while
# checking did not start a second try
[ "$(sql "SELECT hex(value) FROM settings WHERE name='pin_failures'")" = 0100000000000000 ] && ok ||
  bad "pin_failures is $(sql "SELECT hex(value) FROM settings WHERE name='pin_failures'"), expected one attempt"
grep -c "wrong staff PIN" "$T/checking.err" | grep -qx 1 && ok || bad "not exactly one wrong PIN logged"

# the right PIN after it: staff mode, and the count starts again
cat >"$T/right.script" <<S
wait-screen welcome
key F12
wait-screen staff-pin
type 246810
key Return
wait-screen staff
S
if kiosk right; then ok; else bad "right-PIN script: $(tail -3 "$T/right.err")"; fi
[ "$(sql "SELECT hex(value) FROM settings WHERE name='pin_failures'")" = 0000000000000000 ] && ok ||
  bad "a right PIN did not reset the count"

grep -q "246810\|111111" "$T"/*.err && bad "a PIN in the log" || ok

echo "kiosk staff entry: $passes passed, $fails failed"
[ "$fails" = 0 ]
