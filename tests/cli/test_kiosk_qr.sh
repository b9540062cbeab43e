#!/usr/bin/env bash
# The collection code held up to the kiosk's camera (zbar on the live view),
# headless, driven by --script with pictures of a phone showing a QR code
# (tests/tools/mkqr.c): a QR code that is not a collection code is refused
# on the spot and opens nothing; the right one is read, the identity check
# passes and an order opens; the code never reaches the log; order lookup
# reads the code from the camera too and asks the ID suffix before showing
# anything; with no camera the scanner panel says so and the USB scanner
# still works.
# Usage: test_kiosk_qr.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T03
. "$(dirname "$0")/kiosk_lib.sh"
MKQR=$(dirname "$GB")/tests/gb_mkqr
[ -x "$MKQR" ] || { echo "FAIL: $MKQR not built"; exit 1; }
GOOD=$(code 2022010101 '王*明' '1101**********123X')

"$MKQR" "$T/qr-good.png" "$GOOD" "$SRC/tests/data/photos/compliant.jpg" 6 || bad "mkqr good"
"$MKQR" "$T/qr-wechat.png" "https://weixin.qq.com/r/AbCdEf" "" 4 || bad "mkqr wechat"
printf 'GBT1|\xcd\xf5|x' | "$MKQR" "$T/qr-gbk.png" - "" 4 || bad "mkqr gbk"

cp "$SRC/tests/data/photos/compliant.jpg" "$T/no-code.png" # the file camera reads by content, not by name
# a refusal stays up [kiosk] code_notice_ms (6000) after the last read

# --- identity: a QR code in GBK, a WeChat one, then the right one
cat >"$T/ident.script" <<S
wait-screen welcome
tap start
wait-screen identity
expect-text 扫描图像采集码
expect-text 把手机上的学信网图像采集码对准摄像头
show-photo $T/qr-gbk.png
wait-text 这个二维码不是学信网图像采集码
expect-no-text 已扫描采集码
expect-screen identity
show-photo $T/no-code.png
wait 6500
expect-no-text 这个二维码不是学信网图像采集码
show-photo $T/qr-wechat.png
wait-text 这个二维码不是学信网图像采集码
expect-no-text 已扫描采集码
expect-screen identity
show-photo $T/qr-good.png
wait-text 已扫描采集码
expect-no-text 把手机上的学信网图像采集码对准摄像头
$TAP_123X
tap verify
wait-screen info
expect-text 王小明
tap home
wait-screen welcome
expect-session-empty
S
if kiosk ident; then ok; else bad "identity script: $(tail -3 "$T/ident.err")"; fi
[ "$(sql "SELECT count(*) FROM orders")" = 1 ] && ok || bad "expected 1 order, got $(sql "SELECT count(*) FROM orders")"
[ "$(sql "SELECT s.student_no FROM orders o JOIN students s ON s.id = o.student_id")" = 2022010101 ] && ok ||
  bad "the order is not 王小明's"
[ "$(grep -c 'read by the camera is not a collection code' "$T/ident.err")" -ge 1 ] && ok || bad "the WeChat code was not refused in the log"
grep -q 'a QR code was read and refused: QR code payload is not UTF-8 text' "$T/ident.err" && ok || bad "the GBK code was not refused"
grep -q 'collection code [0-9a-f]\{8\} read by the camera' "$T/ident.err" && ok || bad "the camera read is not logged"
# the fingerprint is keyed with the kiosk's secret: whoever has the log and
# a roster cannot recompute which student it was
unkeyed=$(printf 'gradbooth-code-tag:%s' "$GOOD" | sha256sum | cut -c1-8)
if grep -q "$unkeyed" "$T/ident.err"; then bad "the logged fingerprint is the unkeyed one ($unkeyed)"; else ok; fi
if grep -q -e "$GOOD" -e '王' -e 'weixin.qq.com' -e '123X' "$T/ident.err" "$T/ident.out"; then bad "a code or personal data reached the log"; else ok; fi

# --- lookup through the camera: the suffix first, then the orders
cat >"$T/lookup.script" <<S
wait-screen welcome
tap lookup
wait-screen lookup
show-photo $T/qr-good.png
wait-text 请输入身份证号后四位
expect-no-text 没有找到你的订单
$TAP_123X
tap show
expect-text 没有找到你的订单
tap home
wait-screen welcome
S
if kiosk lookup; then ok; else bad "lookup script: $(tail -3 "$T/lookup.err")"; fi

# --- no camera: the panel says so and the USB scanner still works
KIOSK_INI=$T/nocam.ini
sed "s|^file_path = .*|file_path = $T/no-such-folder|" "$T/kiosk.ini" >"$KIOSK_INI"
cat >"$T/nocam.script" <<S
wait-screen welcome
tap start
wait-screen identity
wait-text 摄像头不可用，请使用扫码器
scan $GOOD
expect-text 已扫描采集码
S
if kiosk nocam; then ok; else bad "no-camera script: $(tail -3 "$T/nocam.err")"; fi

# --- "not in the list", retry, and the student shows another record's code:
# the camera reads it and it replaces the held one
KIOSK_INI=$T/kiosk.ini
STRANGER=$(code 2099999999 '赵*' '1101**********0000')
"$MKQR" "$T/qr-stranger.png" "$STRANGER" "" 6 || bad "mkqr stranger"
cat >"$T/replace.script" <<S
wait-screen welcome
tap start
wait-screen identity
show-photo $T/qr-stranger.png
wait-text 已扫描采集码
$TAP_123X
tap verify
wait-screen identity-failed
expect-text 学校导入的名单中没有你的信息
tap retry
wait-screen identity
show-photo $T/qr-good.png
wait 2500
$TAP_123X
tap verify
wait-screen info
expect-text 王小明
S
if kiosk replace; then ok; else bad "replace script: $(grep -m1 'line [0-9]*:' "$T/replace.err")"; fi
fps=$(sed -n 's/.*verifying code \([0-9a-f]*\) .*/\1/p' "$T/replace.err" | uniq | wc -l)
[ "$fps" = 2 ] && ok || bad "expected two different codes verified (stranger, then 王小明), got $fps"

# --- two active batches: none is chosen for the student and the batch
# follows the code's student; a batch chosen on its chip is kept (王小明
# is not in 2026BJ01's roster)
"$GB" --config "$T/kiosk.ini" batch add --batch 2026BJ01 --school 北京示例大学 --price 15.00 --pay student \
  --start '2026-01-01 08:00' --end '2099-12-31 18:00' >/dev/null 2>&1 || bad "batch add"
printf '学号,姓名,身份证号\n2026000001,测试甲,110105200301011234\n' >"$T/bj.csv"
"$GB" --config "$T/kiosk.ini" roster import "$T/bj.csv" --batch 2026BJ01 >/dev/null 2>&1 || bad "roster import"
BJ=$(code 2026000001 '测*甲' '1101**********1234')
"$MKQR" "$T/qr-bj.png" "$BJ" "" 6 || bad "mkqr bj"
cat >"$T/multi.script" <<S
wait-screen welcome
tap start
wait-screen identity
show-photo $T/qr-good.png
wait-text 已扫描采集码
$TAP_123X
tap verify
wait-screen info
expect-text 演示大学
tap home
wait-screen welcome
tap start
wait-screen identity
show-photo $T/qr-bj.png
wait-text 已扫描采集码
tap key-1
tap key-2
tap key-3
tap key-4
tap verify
wait-screen info
expect-text 测试甲
expect-text 北京示例大学
tap home
wait-screen welcome
tap start
wait-screen identity
expect-text-colour 2026BJ01 primary
expect-text-colour DEMO2026 primary
tap batch-0
expect-text-colour 2026BJ01 white
show-photo $T/qr-good.png
wait 2500
expect-text 已扫描采集码
$TAP_123X
tap verify
wait-screen identity-failed
expect-text 学校导入的名单中没有你的信息
S
if kiosk multi; then ok; else bad "two batches script: $(grep -m1 'line [0-9]*:' "$T/multi.err")"; fi
[ "$(sql "SELECT count(*) FROM orders o JOIN students s ON s.id = o.student_id JOIN batches b ON b.id = s.batch_id WHERE b.batch_no = '2026BJ01'")" = 1 ] && ok ||
  bad "no order in 2026BJ01"

# --- a capture with nobody in front of the camera does not use up a retake
KIOSK_INI=$T/kiosk.ini
cat >"$T/noface.script" <<S
wait-screen welcome
tap start
wait-screen identity
scan $GOOD
$TAP_123X
tap verify
wait-screen info
type 13800138000
tap email
type a@b.cn
tap confirm
wait-screen photo
show-photo $SRC/tests/data/faces/cat.png
wait-button capture
tap capture
wait-screen result 90000
expect-text 还可以重拍 5 次
tap retake
wait-screen photo
show-photo $SRC/assets/photos/01-eyes-closed-tilted.png
wait-button capture
tap capture
wait-screen result 90000
expect-text 还可以重拍 4 次
tap home
wait-screen welcome
S
if kiosk noface; then ok; else bad "no-face script: $(grep -m1 'line [0-9]*:' "$T/noface.err")"; fi

# --- guessing the ID suffix: after id_max_attempts wrong ones the code is
# refused for id_lockout_s, even with the right suffix, in lookup too
KIOSK_INI=$T/tries.ini
sed 's/^\[kiosk\]$/[kiosk]\nid_max_attempts = 3\nid_lockout_s = 600/' "$T/kiosk.ini" >"$KIOSK_INI"
LIU=$(code 2022010104 '刘*' '1101**********4563')
{
  printf 'wait-screen welcome\ntap start\nwait-screen identity\nscan %s\n' "$LIU"
  for guess in 1111 2222; do
    printf 'type %s\ntap verify\nwait-screen identity-failed\nexpect-text 身份证号后四位与学校名单不一致\ntap retry\nwait-screen identity\n' "$guess"
  done
  printf 'type 3333\ntap verify\nwait-screen identity-failed\nexpect-text 错误次数过多\nexpect-no-text 重新输入\n'
  printf 'tap home\nwait-screen welcome\ntap start\nwait-screen identity\nscan %s\ntype 4563\ntap verify\n' "$LIU"
  printf 'wait-screen identity-failed\nexpect-text 错误次数过多\ntap home\nwait-screen welcome\n'
  printf 'tap lookup\nwait-screen lookup\nscan %s\ntype 4563\ntap show\nexpect-text 错误次数过多\nexpect-no-text 没有找到你的订单\n' "$LIU"
} >"$T/tries.script"
if kiosk tries; then ok; else bad "tries script: $(grep -m1 'line [0-9]*:' "$T/tries.err")"; fi
grep -q 'refused for 600 s after 3 wrong ID suffixes' "$T/tries.err" && ok || bad "the lockout is not logged"
[ "$(sql "SELECT count(*) FROM orders o JOIN students s ON s.id = o.student_id WHERE s.student_no = '2022010104'")" = 0 ] &&
  ok || bad "an order was opened for a locked code"

echo "kiosk qr: $passes passed, $fails failed"
[ "$fails" = 0 ]
