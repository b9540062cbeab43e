#!/usr/bin/env bash
# The kiosk's order lookup ("come back") and staff mode, headless, driven by
# --script, with assertions on the database: an existing order is shown
# instead of a second one, a rejected order is retaken without paying again
# and ends resubmitted with a new photo; the staff PIN locks after
# [staff] pin_max_attempts wrong PINs (the right one refused while locked),
# staff see the overview (batches, camera, today's counts and photo
# failures), toggle a batch on the batches screen, and leave. Deactivating
# a batch asks first ("停用批次 X（学校）？"): cancel leaves it active in the
# database, confirm switches it off; activating needs no question.
# The PIN is checked on a thread of its own ("checking…" meanwhile): each
# answer is waited for (wait-text), the one before it is gone by then.
# Usage: test_kiosk_staff.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T02
EXTRA_INI=$'[staff]\npin_max_attempts = 3\npin_lockout_s = 600'
. "$(dirname "$0")/kiosk_lib.sh"
GOOD=$(code 2022010101 '王*明' '1101**********123X')
REASON='背景有阴影，请重新拍照'

# --- an order: the "My orders" button first (nothing yet), then the flow with a failing photo and a good one
cat >"$T/order.script" <<S
wait-screen welcome
expect-text 查询订单
tap lookup
wait-screen lookup
expect-text 请扫描学信网图像采集码
scan $GOOD
expect-text 请输入身份证号后四位
expect-no-text 没有找到你的订单
tap key-9
tap key-9
tap key-9
tap key-9
tap show
expect-text 身份证号后四位与学校名单不一致
expect-no-text 没有找到你的订单
$TAP_123X
tap show
expect-text 没有找到你的订单
tap start
wait-screen identity
$TAP_123X
tap verify
wait-screen info
type 13800138000
tap email
type wang.xm@example.edu.cn
tap confirm
wait-screen photo
show-photo $SRC/assets/photos/01-eyes-closed-tilted.png
wait-button capture
tap capture
wait-screen result 90000
expect-text 照片不符合要求
tap retake
wait-screen photo
show-photo $SRC/assets/photos/02-compliant.jpg
wait-text 很好，请保持不动
tap capture
wait-screen result 90000
tap accept
wait-screen payment
tap pay-done
wait-screen done
tap home
wait-screen welcome
S
if kiosk order; then ok; else bad "order script: $(tail -3 "$T/order.err")"; fi
order=$(sql "SELECT order_no FROM orders ORDER BY id DESC LIMIT 1")
[ "$(sql "SELECT state FROM orders WHERE order_no='$order'")" = awaiting_payment ] && ok || bad "first order not awaiting payment"

# --- come back: a scan on welcome shows the order; the identity flow shows it instead of opening a second one
cat >"$T/existing.script" <<S
wait-screen welcome
scan $GOOD
wait-screen lookup
expect-no-text $order
expect-no-text 待支付
type 123x
tap show
expect-text $order
expect-text 待支付
expect-text 去支付
tap home
wait-screen welcome
expect-session-empty
tap start
wait-screen identity
scan $GOOD
$TAP_123X
tap verify
wait-screen lookup
expect-text 你已经有一个订单
expect-text $order
tap pay-0
wait-screen payment
expect-text 20.00
tap pay-done
wait-screen done
tap home
wait-screen welcome
S
if kiosk existing; then ok; else bad "existing-order script: $(tail -3 "$T/existing.err")"; fi
[ "$(sql "SELECT count(*) FROM orders")" = 1 ] && ok || bad "a second order was opened: $(sql "SELECT count(*) FROM orders") orders"

# --- review: paid, uploaded, rejected with a reason (what the sync will write), through sqlite3
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sql "BEGIN;
UPDATE orders SET state='synced', updated_at='$now' WHERE order_no='$order';
INSERT INTO order_history (order_id, from_state, to_state, actor, at) SELECT id, 'awaiting_payment', 'synced', 'sync', '$now' FROM orders WHERE order_no='$order';
UPDATE orders SET state='rejected', reject_reason='$REASON', updated_at='$now' WHERE order_no='$order';
INSERT INTO order_history (order_id, from_state, to_state, actor, note, at) SELECT id, 'synced', 'rejected', 'sync', 'review', '$now' FROM orders WHERE order_no='$order';
COMMIT;"
photos_before=$(sql "SELECT count(*) FROM photos p JOIN orders o ON o.id = p.order_id WHERE o.order_no='$order'")
photo_before=$(sql "SELECT photo_id FROM orders WHERE order_no='$order'")

# --- retake: scan, see the reason, retake without paying, back to review
cat >"$T/retake.script" <<S
wait-screen welcome
scan $GOOD
wait-screen lookup
expect-no-text $REASON
$TAP_123X
tap show
expect-text 审核未通过
expect-text $REASON
expect-no-text 去支付
tap lang
expect-text Rejected
expect-text Retake photo (no new payment)
screenshot lookup-en
tap lang
tap retake-0
wait-screen photo
show-photo $SRC/assets/photos/02-compliant.jpg
wait-text 很好，请保持不动
tap capture
wait-screen result 90000
expect-text 照片符合要求
tap accept
wait-screen done
expect-text 待审核
expect-no-text 20.00
wait-screen welcome 10000
expect-session-empty
S
if kiosk retake; then ok; else bad "retake script: $(tail -3 "$T/retake.err")"; fi
[ "$(sql "SELECT state FROM orders WHERE order_no='$order'")" = resubmitted ] && ok ||
  bad "after the retake the order is $(sql "SELECT state FROM orders WHERE order_no='$order'"), expected resubmitted"
hist=$(sql "SELECT group_concat(to_state, ',') FROM (SELECT h.to_state FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_no='$order' ORDER BY h.id)")
case "$hist" in *,synced,rejected,retaken,resubmitted) ok ;; *) bad "history is '$hist'" ;; esac
[ "$(sql "SELECT count(*) FROM orders")" = 1 ] && ok || bad "the retake opened a second order"
photos_after=$(sql "SELECT count(*) FROM photos p JOIN orders o ON o.id = p.order_id WHERE o.order_no='$order'")
[ "$photos_after" = $((photos_before + 1)) ] && ok || bad "photos $photos_before -> $photos_after, expected one more"
photo_after=$(sql "SELECT photo_id FROM orders WHERE order_no='$order'")
[ -n "$photo_after" ] && [ "$photo_after" != "$photo_before" ] && ok || bad "the order still points to photo $photo_before"
f=$(sql "SELECT path FROM photos WHERE id=$photo_after")
[ -f "$T/data/$f" ] && ok || bad "the new photo file is missing"
[ "$(sql "SELECT count(*) FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_no='$order' AND h.to_state IN ('paid','awaiting_payment')")" = 1 ] && ok ||
  bad "the retake asked for a payment again"
# every judged photo is recorded with its failed rule ids, nothing else
[ "$(sql "SELECT count(*) FROM photo_checks")" = 3 ] && ok || bad "photo_checks has $(sql "SELECT count(*) FROM photo_checks") rows, expected 3"
[ "$(sql "SELECT count(*) FROM photo_checks WHERE failed_rules <> ''")" = 1 ] && ok || bad "failed photo checks miscounted"
[ "$(sql "PRAGMA user_version")" = 3 ] && ok || bad "schema version $(sql "PRAGMA user_version")"

# --- staff PIN through the UI: wrong PINs lock, the right one is refused while locked
echo 246810 | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin"
cat >"$T/lock.script" <<S
wait-screen welcome
tap title
tap title
tap title
tap title
tap title
wait-screen staff-pin
tap back
wait-screen welcome
key F12
wait-screen staff-pin
type 111111
tap unlock
wait-text PIN 不正确
type 222222
tap unlock
wait-text PIN 不正确
type 333333
tap unlock
wait-text 已锁定，请 10 分钟后再试
type 246810
tap unlock
wait-text 已锁定
expect-screen staff-pin
tap lang
expect-text locked for 10 minutes
S
if kiosk lock; then ok; else bad "lockout script: $(tail -3 "$T/lock.err")"; fi
until=$(sql "SELECT hex(value) FROM settings WHERE name='pin_locked_until'")
[ -n "$until" ] && [ "$until" != 0000000000000000 ] && ok || bad "no lockout stored"

# a new PIN set on the machine ends the lockout; staff home, the batches screen's toggle, exit
echo 13572468 | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin again"
school=$(sql "SELECT school FROM batches WHERE batch_no='DEMO2026'")
ASK="停用批次 DEMO2026（$school）？停用后，学生将无法再选择这个批次采集照片。"

# deactivating asks first; "cancel" (and Escape) keep the batch active, in the database too
cat >"$T/keep.script" <<S
wait-screen welcome
key F12
wait-screen staff-pin
type 13572468
tap unlock
wait-screen staff
tap staff-batches
wait-screen staff-batches
expect-text 启用中
tap batch-0
expect-text $ASK
expect-no-text 启用中
screenshot deactivate-ask
tap lang
expect-text Deactivate batch DEMO2026 ($school)? Students will no longer be able to choose it for their photo.
expect-no-overlap
screenshot deactivate-ask-en
tap lang
tap batch-cancel
expect-text 启用中
expect-no-text $ASK
tap batch-0
expect-text $ASK
key Escape
expect-screen staff-batches
expect-text 启用中
tap back
wait-screen staff
tap staff-exit
wait-screen welcome
expect-text DEMO2026
S
if kiosk keep; then ok; else bad "keep script: $(tail -3 "$T/keep.err")"; fi
a=$(sql "SELECT active FROM batches WHERE batch_no='DEMO2026'")
[ "$a" = 1 ] && ok || bad "DEMO2026 active = $a after two cancelled deactivations, expected 1"
n=$(grep -c "staff kept batch DEMO2026 active" "$T/keep.err")
[ "$n" = 2 ] && ok || bad "$n cancelled deactivations logged, expected 2"
grep -q "deactivated batch" "$T/keep.err" && bad "a cancelled deactivation was carried out" || ok
cat >"$T/staff.script" <<S
wait-screen welcome
key F12
wait-screen staff-pin
type 13572468
tap unlock
wait-screen staff
expect-text 批次 1 个，启用中 1 个
expect-text 相机
expect-text 今日订单
expect-text 已重新提交  1
expect-text 共 3 张，未通过 1 张
tap lang
expect-text Today's orders
screenshot staff-en
tap lang
tap staff-batches
wait-screen staff-batches
expect-text DEMO2026
expect-text 启用中
tap batch-0
expect-text $ASK
tap batch-confirm
expect-text 已停用
tap lang
expect-text Inactive
screenshot batches-en
tap lang
tap batch-0
expect-text 启用中
tap back
wait-screen staff
tap staff-exit
wait-screen welcome
expect-text DEMO2026
S
if kiosk staff; then ok; else bad "staff script: $(tail -3 "$T/staff.err")"; fi
[ "$(sql "SELECT active FROM batches WHERE batch_no='DEMO2026'")" = 1 ] && ok || bad "the batch did not end active"
grep -q "deactivated batch DEMO2026" "$T/staff.err" && grep -q "activated batch DEMO2026" "$T/staff.err" && ok ||
  bad "batch toggles not logged"

# nothing of the student or the PINs in the logs
cat "$T"/*.err "$T"/*.out >"$T/all.log"
grep -q "$GOOD" "$T/all.log" && bad "the collection code reached the log" || ok
grep -q "王小明\|13800138000\|wang.xm\|$REASON" "$T/all.log" && bad "student data in the log" || ok
grep -q "246810\|13572468\|111111" "$T/all.log" && bad "a PIN in the log" || ok

echo "kiosk staff: $passes passed, $fails failed"
[ "$fails" = 0 ]
