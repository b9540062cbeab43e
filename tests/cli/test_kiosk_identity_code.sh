#!/usr/bin/env bash
# A refused collection code says why, in the same words whichever way it
# came (the camera, the USB scanner, typed; identity, welcome or lookup):
# "not a collection code" only for a QR code of another kind (WeChat,
# payment), and "did not read correctly ... scan it again; if that fails,
# ask the staff" for one with the collection code's mark that does not
# check out (a wrong check, cut short: docs/collection-code.md). Neither
# is ever held as "scanned", and the payload never reaches the log.
# Usage: test_kiosk_identity_code.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T32
. "$(dirname "$0")/kiosk_lib.sh"
MKQR=$(dirname "$GB")/tests/gb_mkqr
[ -x "$MKQR" ] || { echo "FAIL: $MKQR not built"; exit 1; }
GOOD=$(code 2022010101 '王*明' '1101**********123X')
BADCHECK="${GOOD%?}0" # the last check digit changed
[ "$BADCHECK" = "$GOOD" ] && BADCHECK="${GOOD%?}1"
CUT=${GOOD%|*}       # the check cut off: a partial read
TYPO="GBT1|2022010101|||0000000x"
WECHAT=https://weixin.qq.com/r/AbCdEf
DAMAGED_ZH=采集码没有读对，可能不完整或有输错。请再扫一次；仍不行请找工作人员。
DAMAGED_EN="The collection code did not read correctly (incomplete or mistyped). Scan it again; if that fails, ask the staff."
NOTCODE_ZH=这个二维码不是学信网图像采集码。
"$MKQR" "$T/qr-badcheck.png" "$BADCHECK" "" 6 || bad "mkqr badcheck"
"$MKQR" "$T/qr-cut.png" "$CUT" "" 6 || bad "mkqr cut"
"$MKQR" "$T/qr-wechat.png" "$WECHAT" "" 4 || bad "mkqr wechat"
cp "$SRC/tests/data/photos/compliant.jpg" "$T/no-code.png"

# --- identity: the camera and the USB scanner, the same payloads, the same words
cat >"$T/ident.script" <<S
wait-screen welcome
tap start
wait-screen identity
show-photo $T/qr-badcheck.png
wait-text $DAMAGED_ZH
expect-text-colour $DAMAGED_ZH bad
expect-no-text $NOTCODE_ZH
expect-no-text 已扫描采集码
screenshot camera-damaged
show-photo $T/qr-cut.png
wait 1000
expect-text $DAMAGED_ZH
expect-no-text 已扫描采集码
show-photo $T/qr-wechat.png
wait-text $NOTCODE_ZH
expect-no-text $DAMAGED_ZH
show-photo $T/no-code.png
wait 7000
expect-no-text $NOTCODE_ZH
scan $BADCHECK
expect-text $DAMAGED_ZH
expect-text-colour $DAMAGED_ZH bad
expect-no-text 已扫描采集码
expect-screen identity
screenshot scanner-damaged
tap lang
expect-text $DAMAGED_EN
expect-no-text not a CHSI collection code
expect-no-overlap
tap lang
scan $CUT
expect-text $DAMAGED_ZH
expect-no-text 已扫描采集码
scan $WECHAT
expect-text $NOTCODE_ZH
expect-no-text $DAMAGED_ZH
expect-no-text 已扫描采集码
scan $GOOD
expect-text 已扫描采集码
scan $BADCHECK
expect-text $DAMAGED_ZH
expect-no-text 已扫描采集码
$TAP_123X
tap verify
expect-screen identity
expect-text 请先扫描或输入图像采集码
S
if kiosk ident; then ok; else bad "identity: $(grep -m1 'line [0-9]*:' "$T/ident.err")"; fi
grep -q "read by the camera is a damaged collection code: the code is damaged (its check does not match)" "$T/ident.err" && ok ||
  bad "the camera's damaged read is not logged as such"
grep -q "read by the scanner is a damaged collection code: the code is damaged (wrong number of parts)" "$T/ident.err" && ok ||
  bad "the scanner's cut-short read is not logged as such"
grep -q "read by the scanner is not a collection code" "$T/ident.err" && ok || bad "the scanner's WeChat code is not logged as refused"

# --- typed with a typo: the failure screen, the same words
cat >"$T/typed.script" <<S
wait-screen welcome
tap start
wait-screen identity
tap code
type $TYPO
tap last4
$TAP_123X
tap verify
wait-screen identity-failed
expect-text $DAMAGED_ZH
expect-no-text $NOTCODE_ZH
expect-no-overlap
screenshot typed-damaged
tap retry
wait-screen identity
tap code
type https://example.com
tap last4
$TAP_123X
tap verify
wait-screen identity-failed
expect-text $NOTCODE_ZH
S
if kiosk typed; then ok; else bad "typed: $(grep -m1 'line [0-9]*:' "$T/typed.err")"; fi

# --- scanned on the welcome screen, and in the order lookup
cat >"$T/elsewhere.script" <<S
wait-screen welcome
scan $BADCHECK
wait-screen identity-failed
expect-text $DAMAGED_ZH
expect-no-text $NOTCODE_ZH
tap home
wait-screen welcome
scan $WECHAT
wait-screen identity-failed
expect-text $NOTCODE_ZH
expect-no-text $DAMAGED_ZH
tap home
wait-screen welcome
tap lookup
wait-screen lookup
scan $CUT
expect-text $DAMAGED_ZH
expect-no-text 请输入身份证号后四位
expect-no-overlap
screenshot lookup-damaged
scan $WECHAT
expect-text $NOTCODE_ZH
expect-no-text $DAMAGED_ZH
S
if kiosk elsewhere; then ok; else bad "welcome and lookup: $(grep -m1 'line [0-9]*:' "$T/elsewhere.err")"; fi

[ "$(sql "SELECT count(*) FROM orders")" = 0 ] && ok || bad "a refused code opened an order"
# nothing of the payloads in the log: not whole, not the student number in them
if grep -q -e "GBT1" -e "2022010101" -e "weixin" -e "0000000x" -e "example.com" "$T"/*.err "$T"/*.out; then
  bad "a payload reached the log: $(grep -m1 -h -e GBT1 -e 2022010101 -e weixin -e 0000000x -e example.com "$T"/*.err)"
else ok; fi
echo "kiosk identity code: $passes passed, $fails failed"
[ "$fails" = 0 ]
