#!/usr/bin/env bash
# What a student sees of each order state (src/core/order_state.h), in the
# order lookup and when the identity check finds an approved photo: the
# review's outcome at a glance, its mark and words drawn in one colour.
# approved: "✓" green; rejected: "×" red with the reviewer's reason and the
# retake button; paid / submitted / synced / retaken / resubmitted: "○
# 待审核" neutral; awaiting payment: "¥ 待支付" neutral with the pay
# button; verified / info_confirmed / photo_accepted / cancelled: not
# listed (unfinished sessions). The font has no "✗" (it drew as an empty
# box), so it is never drawn. A student whose photo is approved and who
# starts again is shown that order, green, not a failed check in red.
# Usage: test_kiosk_lookup_status.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T31
. "$(dirname "$0")/kiosk_lib.sh"
GOOD=$(code 2022010101 '王*明' '1101**********123X')
REASON=背景有阴影，请重新拍摄
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
wang=$(sql "SELECT id FROM students WHERE student_no = '2022010101'")
[ -n "$wang" ] && ok || bad "王小明 is not in the demo roster"

# orders of 王小明 in the given states (what the sync and the kiosk write);
# the lookup lists the newest first
orders() {
  sql "DELETE FROM order_history; DELETE FROM orders;"
  local n=0 st
  for st in "$@"; do
    n=$((n + 1))
    sql "INSERT INTO orders (order_no, batch_id, student_id, state, price_fen, reject_reason, created_at, updated_at)
         VALUES ('T31-261204-0000$n', 1, $wang, '$st', 2000, '$([ "$st" = rejected ] && echo "$REASON")', '$now', '$now')"
  done
}

LOOK=$'wait-screen welcome\ntap lookup\nwait-screen lookup\nscan '"$GOOD"$'\n'"$TAP_123X"$'\ntap show'

# --- the four outcomes a student can meet, in both languages
orders approved rejected synced awaiting_payment
# four cards do not fit one screen: a page of three (newest first), then
# the approved one; none is left out
cat >"$T/four.script" <<S
$LOOK
expect-text T31-261204-00004
expect-text T31-261204-00002
expect-text 1 / 2
expect-text-colour × 审核未通过 bad
expect-text-colour ○ 待审核 text
expect-text-colour ¥ 待支付 text
expect-text $REASON
expect-no-text ✗
expect-no-overlap
screenshot four-zh-1
tap orders-next
expect-text 2 / 2
expect-text T31-261204-00001
expect-text-colour ✓ 审核通过 ok
expect-no-text 审核未通过
expect-no-overlap
screenshot four-zh-2
tap lang
expect-text-colour ✓ Approved ok
expect-no-overlap
tap orders-prev
expect-text-colour × Rejected bad
expect-text-colour ○ Pending review text
expect-text-colour ¥ Awaiting payment text
expect-no-overlap
screenshot four-en-1
S
if kiosk four; then ok; else bad "four outcomes: $(grep -m1 'line [0-9]*:' "$T/four.err")"; fi
# the retake button belongs to the rejected order (second newest: index 2)
# and the pay button to the one awaiting payment (newest: index 0)
cat >"$T/buttons.script" <<S
$LOOK
tap retake-2
wait-screen photo
S
if kiosk buttons; then ok; else bad "the rejected order's retake: $(grep -m1 'line [0-9]*:' "$T/buttons.err")"; fi

# --- every other state that waits for the reviewer is neutral "pending"
orders paid submitted retaken resubmitted
cat >"$T/pending.script" <<S
$LOOK
expect-text T31-261204-00001
expect-text T31-261204-00004
expect-text-colour ○ 待审核 text
expect-no-text 审核通过
expect-no-text 审核未通过
expect-no-text ✓
expect-no-text ×
expect-no-overlap
screenshot pending
S
if kiosk pending; then ok; else bad "pending states: $(grep -m1 'line [0-9]*:' "$T/pending.err")"; fi

# --- unfinished and cancelled orders are not listed
orders verified info_confirmed photo_accepted cancelled
cat >"$T/unlisted.script" <<S
$LOOK
expect-text 没有找到你的订单
expect-no-text T31-261204-0000
S
if kiosk unlisted; then ok; else bad "unfinished orders: $(grep -m1 'line [0-9]*:' "$T/unlisted.err")"; fi

# --- approved, and the student starts again: the order, green, not a
# failed check
orders approved
cat >"$T/again.script" <<S
wait-screen welcome
tap start
wait-screen identity
scan $GOOD
$TAP_123X
tap verify
wait-screen lookup
expect-text 你的照片已经审核通过，无需重新采集。
expect-text-colour ✓ 审核通过 ok
expect-text T31-261204-00001
expect-no-text 核验未通过
expect-no-text 重新拍照
expect-no-overlap
screenshot approved-again
tap lang
expect-text Your photo is already approved; nothing to do.
expect-text-colour ✓ Approved ok
expect-no-overlap
S
if kiosk again; then ok; else bad "approved, starting again: $(grep -m1 'line [0-9]*:' "$T/again.err")"; fi
[ "$(sql "SELECT count(*) FROM orders")" = 1 ] && ok || bad "an approved student got a second order"
grep -q "identity check failed: already_approved" "$T/again.err" && bad "an approved photo is logged as a failed check" || ok

# --- the script's colour check itself: a wrong colour or no such text fails
printf '%s\nexpect-text-colour 审核通过 bad\n' "$LOOK" >"$T/wrong.script"
kiosk wrong && bad "expect-text-colour passed with the wrong colour" || ok
grep -q "is drawn in ok, expected bad" "$T/wrong.err" && ok || bad "the colour check does not say what it saw: $(grep -m1 'line' "$T/wrong.err")"

grep -q "$GOOD\|王小明\|123X" "$T"/*.err && bad "student data in the log" || ok
echo "kiosk lookup status: $passes passed, $fails failed"
[ "$fails" = 0 ]
