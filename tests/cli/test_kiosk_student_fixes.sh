#!/usr/bin/env bash
# What a tester found on the student screens, headless, driven by --script:
# the info screen's phone and e-mail messages say what is wrong (a number
# that is not a mainland mobile, an e-mail left empty); without [payment]
# pay_url the payment button does not claim a QR code was scanned; the done
# screen of an order awaiting payment says the review starts after payment
# instead of promising a date; with no active batch the welcome screen
# still offers "My orders" and a rejected order is found. And the command
# line: `kiosk --script` without its value, and "order: ..." printed only
# for an order the run itself made.
# Usage: test_kiosk_student_fixes.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T22
. "$(dirname "$0")/kiosk_lib.sh"
GOOD=$(code 2022010101 '王*明' '1101**********123X')
REASON=背景有阴影，请重新拍摄
sed 's/^pay_url = .*/pay_url =/' "$T/kiosk.ini" >"$T/nourl.ini"
grep -q '^pay_url =$' "$T/nourl.ini" && ok || bad "test config without pay_url not written"

# --- `kiosk --script` without a value: said so, like --screenshots
"$GB" --config "$T/kiosk.ini" kiosk --script >"$T/noval.out" 2>"$T/noval.err"
rc=$?
[ "$rc" = 2 ] && ok || bad "kiosk --script without a value: exit $rc"
grep -q -- "--script needs a value" "$T/noval.err" && ok || bad "kiosk --script without a value says: $(cat "$T/noval.err")"
grep -q "unknown option" "$T/noval.err" && bad "kiosk --script without a value is called unknown" || ok
"$GB" --config "$T/kiosk.ini" kiosk --screenshots >/dev/null 2>"$T/noval2.err"
grep -q -- "--screenshots needs a value" "$T/noval2.err" && ok || bad "kiosk --screenshots without a value says: $(cat "$T/noval2.err")"

BACKS=$(for _ in $(seq 1 11); do echo "key Backspace"; done)
cat >"$T/flow.script" <<S
wait-screen welcome
tap start
wait-screen identity
scan $GOOD
$TAP_123X
tap verify
wait-screen info
type 12800138000
tap confirm
expect-text 请输入有效的大陆手机号码（13x–19x）
expect-no-text 1 开头
tap lang
expect-text Enter a valid mainland mobile number (13x–19x)
expect-no-overlap
tap lang
$BACKS
type 13800138000
tap email
tap confirm
expect-text 请输入电子邮箱
expect-no-text 电子邮箱格式不正确
tap lang
expect-text Enter your email address
expect-no-overlap
screenshot info-email-en
tap lang
type wang.xm@example.edu.cn
tap confirm
wait-screen photo
show-photo $SRC/assets/photos/02-compliant.jpg
wait-text 很好，请保持不动
tap capture
wait-screen result 90000
tap accept
wait-screen payment
expect-text 请到工作人员处付款
expect-text 好的，完成
expect-no-text 我已扫码
screenshot payment-no-url
tap lang
expect-text OK, done
expect-no-text I scanned
expect-no-overlap
tap lang
tap pay-done
wait-screen done
expect-text 待支付
expect-text 付款后开始审核
expect-no-text 预计审核完成时间
expect-no-overlap
screenshot done-zh
tap lang
expect-text The review starts once you have paid
expect-no-text Review expected by
expect-no-overlap
screenshot done-en
S
if KIOSK_INI=$T/nourl.ini kiosk flow; then ok; else bad "flow script: $(tail -3 "$T/flow.err")"; fi
order=$(sql "SELECT order_no FROM orders ORDER BY id DESC LIMIT 1")
[ "$(sql "SELECT state FROM orders WHERE order_no='$order'")" = awaiting_payment ] && ok || bad "order $order not awaiting payment"
grep -qx "order: $order (awaiting_payment)" "$T/flow.out" && ok || bad "the flow's order not printed: $(cat "$T/flow.out")"

# --- a run that makes no order prints none (the store has one)
printf 'wait-screen welcome\ntap help\nwait-screen help\n' >"$T/none.script"
if kiosk none; then ok; else bad "none script: $(tail -3 "$T/none.err")"; fi
grep -q "^order:" "$T/none.out" && bad "a run without an order printed: $(grep '^order:' "$T/none.out")" || ok
# nor does a run that fails before making one
printf 'wait-screen welcome\nexpect-screen payment\n' >"$T/fails.script"
kiosk fails && bad "the failing script passed" || ok
grep -q "^order:" "$T/fails.out" && bad "a failed run printed: $(grep '^order:' "$T/fails.out")" || ok

# --- reviewed and rejected (what the sync will write), then every batch switched off by staff
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sql "BEGIN;
UPDATE orders SET state='rejected', reject_reason='$REASON', updated_at='$now' WHERE order_no='$order';
INSERT INTO order_history (order_id, from_state, to_state, actor, note, at) SELECT id, 'awaiting_payment', 'rejected', 'sync', 'review', '$now' FROM orders WHERE order_no='$order';
UPDATE batches SET active = 0;
COMMIT;"
[ "$(sql "SELECT count(*) FROM batches WHERE active = 1")" = 0 ] && ok || bad "batches still active"
cat >"$T/closed.script" <<S
wait-screen welcome
expect-text 目前没有进行中的采集批次
expect-no-overlap
screenshot welcome-no-batch
tap lookup
wait-screen lookup
scan $GOOD
$TAP_123X
tap show
expect-text 审核未通过
expect-text $REASON
expect-text $order
screenshot lookup-closed
S
if kiosk closed; then ok; else bad "lookup without an active batch: $(tail -3 "$T/closed.err")"; fi
grep -q "^order:" "$T/closed.out" && bad "a lookup run printed: $(grep '^order:' "$T/closed.out")" || ok

grep -q "13800138000\|wang.xm" "$T"/*.err && bad "student data in the log" || ok
echo "kiosk student fixes: $passes passed, $fails failed"
[ "$fails" = 0 ]
