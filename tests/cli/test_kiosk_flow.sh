#!/usr/bin/env bash
# The kiosk end to end, headless (SDL offscreen), driven by --script as a
# student would drive it, with assertions on the database and the files:
# happy path with a failing photo and a passing retake, every identity
# failure the demo data can produce, the idle wipe, and the staff PIN.
# Usage: test_kiosk_flow.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T01
. "$(dirname "$0")/kiosk_lib.sh"
GOOD=$(code 2022010101 '王*明' '1101**********123X')
STRANGER=$(code 2099999999 '赵*' '1101**********0000')
DAMAGED="${GOOD%?}0"
[ "$DAMAGED" = "$GOOD" ] && DAMAGED="${GOOD%?}1"

# --- happy path: scan, verify, details, a failing photo, a passing retake, pay later, done
cat >"$T/happy.script" <<S
wait-screen welcome
expect-text DEMO2026
tap start
wait-screen identity
scan $GOOD
$TAP_123X
tap verify
wait-screen info
expect-text 王小明
type 1380013800
tap confirm
expect-text 请输入有效的大陆手机号码（13x–19x）
type 0
tap email
type wang.xm@example
tap confirm
expect-text 电子邮箱格式不正确
type .edu.cn
tap confirm
wait-screen photo
show-photo $SRC/assets/photos/01-eyes-closed-tilted.png
wait-button capture
tap capture
wait-screen result 90000
expect-text 照片不符合要求
expect-no-text 使用这张照片
tap retake
wait-screen photo
show-photo $SRC/assets/photos/02-compliant.jpg
wait-text 很好，请保持不动
tap capture
wait-screen result 90000
expect-text 照片符合要求
tap accept
wait-screen payment
expect-text 20.00
tap pay-done
wait-screen done
expect-text 待支付
wait-screen welcome 10000
expect-session-empty
expect-no-text 王小明
S
if kiosk happy; then ok; else bad "happy path script: $(tail -3 "$T/happy.err")"; fi
order=$(sql "SELECT order_no FROM orders ORDER BY id DESC LIMIT 1")
[ "$(sql "SELECT state FROM orders WHERE order_no='$order'")" = awaiting_payment ] && ok ||
  bad "order $order state $(sql "SELECT state FROM orders WHERE order_no='$order'"), expected awaiting_payment"
hist=$(sql "SELECT group_concat(to_state, ',') FROM (SELECT h.to_state FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_no='$order' ORDER BY h.id)")
[ "$hist" = "verified,info_confirmed,photo_accepted,awaiting_payment" ] && ok || bad "history is '$hist'"
[ "$(sql "SELECT phone || ' ' || email FROM orders WHERE order_no='$order'")" = "13800138000 wang.xm@example.edu.cn" ] && ok ||
  bad "phone/email not stored as typed"
photo=$(sql "SELECT p.path FROM photos p JOIN orders o ON o.photo_id = p.id WHERE o.order_no='$order'")
if [ -n "$photo" ] && [ -f "$T/data/$photo" ]; then
  ok
  dims=$(identify -format '%wx%h' "$T/data/$photo" 2>/dev/null || echo unknown)
  [ "$dims" = 480x640 ] || [ "$dims" = unknown ] && ok || bad "saved photo is $dims"
else
  bad "no photo file for $order"
fi
"$GB" --config "$T/kiosk.ini" store check >/dev/null 2>&1 && ok || bad "store check after the kiosk run"
[ "$(ls "$T/shots-happy" | wc -l)" -ge 30 ] && ok || bad "fewer screenshots than steps"
grep -q "$GOOD" "$T/happy.err" "$T/happy.out" && bad "the collection code reached the log" || ok
grep -q "王小明\|13800138000\|wang.xm" "$T/happy.err" && bad "student data in the log" || ok

# --- identity failures, each with its own message
# (GOOD has an order now: a scan on welcome would show it (lookup), so
# these start the identity check with the start button)
cat >"$T/ident.script" <<S
wait-screen welcome
tap start
wait-screen identity
scan $GOOD
type 9999
tap verify
wait-screen identity-failed
expect-text 身份证号后四位与学校名单不一致
expect-text 请联系学校
tap retry
wait-screen identity
tap batch
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
type NOPE2026
tap last4
type 1234
tap verify
wait-screen identity-failed
expect-text 没有这个批次号
tap home
wait-screen welcome
expect-session-empty
scan $STRANGER
wait-screen identity
type 1234
tap verify
wait-screen identity-failed
expect-text 名单中没有你的信息
tap home
wait-screen welcome
scan $DAMAGED
wait-screen identity-failed
expect-text 采集码没有读对
expect-no-text 不是学信网图像采集码
tap retry
wait-screen identity
expect-no-text 已扫描采集码
tap home
wait-screen welcome
tap start
wait-screen identity
scan $DAMAGED
expect-text 采集码没有读对
expect-no-text 已扫描采集码
type 1234
tap verify
expect-screen identity
expect-text 请先扫描或输入图像采集码
tap home
wait-screen welcome
S
if kiosk ident; then ok; else bad "identity failures script: $(tail -3 "$T/ident.err")"; fi
[ "$(sql "SELECT count(*) FROM orders")" = 1 ] && ok || bad "a failed identity check opened an order"

# already approved: the reviewer accepted the order above
sql "UPDATE orders SET state = 'approved' WHERE order_no = '$order'"
cat >"$T/approved.script" <<S
wait-screen welcome
scan $GOOD
wait-screen lookup
expect-no-text 审核通过
type 123x
tap show
expect-text 审核通过
expect-no-text 重新拍照
tap home
wait-screen welcome
tap start
wait-screen identity
scan $GOOD
type 123x
tap verify
wait-screen lookup
expect-text 已经审核通过
expect-text-colour ✓ 审核通过 ok
expect-no-text 核验未通过
expect-no-text 重新输入
S
if kiosk approved; then ok; else bad "already-approved script: $(tail -3 "$T/approved.err")"; fi

# --- idle: warning, then back to welcome with the session wiped and the order cancelled
cat >"$T/idle.script" <<S
wait-screen welcome
scan $(code 2022010102 '李*' '1101**********2344')
wait-screen identity
type 2344
tap verify
wait-screen info
expect-text 李华
wait 6000
expect-text 秒后将回到首页
wait-screen welcome 8000
expect-session-empty
expect-no-text 李华
S
sed 's/^idle_warning_s = .*/idle_warning_s = 5/; s/^idle_timeout_s = .*/idle_timeout_s = 10/' "$T/kiosk.ini" >"$T/idle.ini"
if KIOSK_INI=$T/idle.ini kiosk idle; then ok; else bad "idle script: $(tail -3 "$T/idle.err")"; fi
last=$(sql "SELECT state FROM orders ORDER BY id DESC LIMIT 1")
[ "$last" = cancelled ] && ok || bad "abandoned order is $last, expected cancelled"

# --- the kiosk killed mid-session (power cut, crash): the next start cancels
# the order nobody will finish; another kiosk's open order in the store stays
cat >"$T/killed.script" <<S
wait-screen welcome
scan $(code 2022010103 '张*' '1101**********3459')
wait-screen identity
type 3459
tap verify
wait-screen info
wait 60000
S
"$GB" --config "$T/kiosk.ini" kiosk --script "$T/killed.script" >"$T/killed.out" 2>"$T/killed.err" &
kpid=$!
for _ in $(seq 1 150); do
  [ "$(sql "SELECT count(*) FROM orders WHERE state = 'verified'")" = 1 ] && break
  sleep 0.2
done
kill -9 $kpid 2>/dev/null
wait $kpid 2>/dev/null
killed=$(sql "SELECT order_no FROM orders WHERE state = 'verified'")
[ -n "$killed" ] && ok || bad "the killed kiosk left no open order to clean up"
# another kiosk's order, open right now in the same store
sql "INSERT INTO orders (order_no, batch_id, student_id, state, price_fen, created_at, updated_at)
     SELECT 'OTHER-261203-00001', batch_id, student_id, 'verified', price_fen, created_at, updated_at FROM orders WHERE order_no = '$killed'" ||
  bad "could not add the other kiosk's order"
printf 'wait-screen welcome\n' >"$T/restart.script"
if kiosk restart; then ok; else bad "restart script: $(tail -3 "$T/restart.err")"; fi
[ "$(sql "SELECT state FROM orders WHERE order_no = '$killed'")" = cancelled ] && ok ||
  bad "the killed session's order is $(sql "SELECT state FROM orders WHERE order_no = '$killed'"), expected cancelled"
[ "$(sql "SELECT note FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_no = '$killed' ORDER BY h.id DESC LIMIT 1")" = \
  "kiosk restarted during the session" ] && ok || bad "no history note for the cancellation"
[ "$(sql "SELECT state FROM orders WHERE order_no = 'OTHER-261203-00001'")" = verified ] && ok ||
  bad "another kiosk's open order was cancelled"

# --- staff PIN from the command line: argon2id hash only
echo 12 | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1
[ $? = 1 ] && ok || bad "a short PIN is refused with exit 1"
echo 246810 | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin"
stored=$(sql "SELECT CAST(value AS TEXT) FROM settings WHERE name='staff_pin'")
case "$stored" in '$argon2id$'*) ok ;; *) bad "PIN stored as '$stored'" ;; esac
case "$stored" in *246810*) bad "the PIN itself is stored" ;; *) ok ;; esac

echo "kiosk: $passes passed, $fails failed"
[ "$fails" = 0 ]
