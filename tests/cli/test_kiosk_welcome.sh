#!/usr/bin/env bash
# The welcome screen tells the truth about where the code goes: there is
# no field to type in on it (and no camera scan), so its footer says scan
# at the scanner now, or press Start to show the code to the camera or
# type it (the identity screen has the field).
# Usage: test_kiosk_welcome.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T06
. "$(dirname "$0")/kiosk_lib.sh"

cat >"$T/welcome.script" <<S
wait-screen welcome
expect-text 请把学信网图像采集码对准扫码器扫描。
expect-text 或点击“开始采集”，在下一页对准摄像头或手动输入。
expect-no-text 在下方输入
screenshot welcome-zh
tap lang
expect-text Scan your collection code at the scanner,
expect-text or press Start to use the camera or type it.
expect-no-text below
screenshot welcome-en
tap lang
tap start
wait-screen identity
tap code
S
if kiosk welcome; then ok; else bad "welcome script: $(tail -3 "$T/welcome.err")"; fi

echo "kiosk welcome: $passes passed, $fails failed"
[ "$fails" = 0 ]
