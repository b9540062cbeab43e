#!/usr/bin/env bash
# The result screen of a failed photo, headless, driven by --script: every
# failed rule is listed with its pictogram beside it (the kiosk records a
# pictogram it draws as "pictogram:NAME", docs/kiosk-script.md), and when
# the reasons do not fit they are paged, whole rows only, so that each one
# is seen, in Chinese and in English.
# Usage: test_kiosk_result.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T03
. "$(dirname "$0")/kiosk_lib.sh"
GOOD=$(code 2022010101 '王*明' '1101**********123X')

# The eyes-closed, tilted photo fails six rules in the demo's grey/white/blue
# batch; the test screen (540x960) shows four at a time.
cat >"$T/fail.script" <<S
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
show-photo $SRC/tests/data/faces/eyes-closed-tilted.png
wait-button capture
tap capture
wait-screen result 90000
expect-text 照片不符合要求
expect-text 头歪了
expect-text pictogram:tilted
expect-text 请正对镜头
expect-text pictogram:turned
expect-text 请睁大双眼
expect-text pictogram:eyes-closed
expect-text 头发遮住了耳朵
expect-text pictogram:hair-ears
expect-no-text 背景不干净
expect-text 1 / 2
screenshot page-1
tap fails-next
expect-no-text 头歪了
expect-no-text 头发遮住了耳朵
expect-text 背景不干净
expect-text pictogram:background-busy
expect-text 背景颜色不符合要求
expect-text 应为浅灰色背景
expect-text pictogram:backdrop-grey
expect-text 2 / 2
expect-no-text pictogram:generic
screenshot page-2
tap lang
expect-text 1 / 3
expect-text Your head is tilted
expect-text pictogram:tilted
screenshot page-1-en
tap fails-next
tap fails-next
expect-text 3 / 3
expect-text it must be light grey
expect-text pictogram:backdrop-grey
screenshot page-3-en
tap lang
tap retake
wait-screen photo
show-photo $SRC/tests/data/faces/two-faces.png
wait-button capture
tap capture
wait-screen result 90000
expect-text 画面中只能有一个人
expect-text pictogram:several-faces
expect-no-text 1 / 2
quit
S
if kiosk fail; then ok; else bad "fail script: $(tail -3 "$T/fail.err")"; fi
# the same six rules the screen listed, as the worker judged them
grep -q "6 rule(s) failed: pose.roll pose.yaw eyes.open hair.ears background.uniform background.color" "$T/fail.err" && ok ||
  bad "the photo did not fail the six rules the script expects: $(grep -o 'rule(s) failed:.*' "$T/fail.err" | head -1)"
ls "$T/shots-fail/" | grep -q page-1 && ok || bad "no screenshot of page 1"

echo "kiosk result: $passes passed, $fails failed"
[ "$fails" = 0 ]
