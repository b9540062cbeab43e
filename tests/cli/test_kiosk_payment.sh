#!/usr/bin/env bash
# The payment screen's countdown, headless, driven by --script: it counts
# [payment] pay_timeout_s down, the idle timeout (shorter here) does not cut
# it short, and when it runs out the kiosk shows the done screen with the
# order still awaiting payment, in the database as on the screen.
# Usage: test_kiosk_payment.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T04
EXTRA_INI=$'[payment]\npay_timeout_s = 14'
. "$(dirname "$0")/kiosk_lib.sh"
GOOD=$(code 2022010101 '王*明' '1101**********123X')
# the idle warning after 5 s and the timeout after 10 s: both inside the
# payment's 14 s
sed 's/^idle_warning_s = .*/idle_warning_s = 5/; s/^idle_timeout_s = .*/idle_timeout_s = 10/' "$T/kiosk.ini" >"$T/pay.ini"

cat >"$T/pay.script" <<S
wait-screen welcome
tap start
wait-screen identity
scan $GOOD
tap key-1
tap key-2
tap key-3
tap key-X
tap verify
wait-screen info
type 13800138000
tap email
type wang.xm@example.edu.cn
tap confirm
wait-screen photo
show-photo $SRC/assets/photos/02-compliant.jpg
wait-text 很好，请保持不动
tap capture
wait-screen result 90000
tap accept
wait-screen payment
expect-text 20.00
expect-text 剩余支付时间 0:1
screenshot payment-zh
tap lang
expect-text Time left to pay: 0:
screenshot payment-en
tap lang
wait 7000
expect-screen payment
expect-no-text 秒后将回到首页
expect-text 剩余支付时间 0:0
wait-screen done 12000
expect-text 待支付
expect-text 订单已保存
expect-text 查询订单
screenshot done-zh
tap lang
expect-text Awaiting payment
expect-text Pay later with "My orders"
screenshot done-en
wait-screen welcome 10000
expect-session-empty
S
if KIOSK_INI=$T/pay.ini kiosk pay; then ok; else bad "payment script: $(tail -3 "$T/pay.err")"; fi
order=$(sql "SELECT order_no FROM orders ORDER BY id DESC LIMIT 1")
[ "$(sql "SELECT state FROM orders WHERE order_no='$order'")" = awaiting_payment ] && ok ||
  bad "after the countdown the order is $(sql "SELECT state FROM orders WHERE order_no='$order'"), expected awaiting_payment"
hist=$(sql "SELECT group_concat(to_state, ',') FROM (SELECT h.to_state FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_no='$order' ORDER BY h.id)")
[ "$hist" = "verified,info_confirmed,photo_accepted,awaiting_payment" ] && ok || bad "history is '$hist'"
photo=$(sql "SELECT p.path FROM photos p JOIN orders o ON o.photo_id = p.id WHERE o.order_no='$order'")
[ -n "$photo" ] && [ -f "$T/data/$photo" ] && ok || bad "the order's photo is missing"
grep -q "no payment within 14 s, kept awaiting_payment" "$T/pay.err" && ok || bad "the timeout is not logged"
grep -q "idle timeout" "$T/pay.err" && bad "the idle timeout fired during the payment" || ok
# the done screen came from the countdown, not from a tap
grep -q "screen payment" "$T/pay.err" && ok || bad "no payment screen in the log"

echo "kiosk payment: $passes passed, $fails failed"
[ "$fails" = 0 ]
