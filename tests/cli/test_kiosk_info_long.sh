#!/usr/bin/env bash
# The personal-data screen with the longest data a roster may hold: a
# 40-character name (the roster's limit) and school, college and major as
# long as the store keeps them (127 bytes: 42 Chinese characters), a
# 32-character student number. At 720x1280 (portrait), at the tests' 540x960
# and in landscape (1280x720), in Chinese and English, with the keypad and
# with the keyboard: nothing is drawn over anything else or off the screen
# (expect-no-overlap; before, the name ran off at "…艾合买提江·库" and the
# major's second line fell on the "手机号码" label), the whole name and
# major are drawn, and the keys and the confirm button still work. And with
# both phone and e-mail wrong, both messages are shown at once.
# Usage: test_kiosk_info_long.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
KIOSK_ID=T31
. "$(dirname "$0")/kiosk_lib.sh"

NAME='阿卜杜热合曼·买买提·艾合买提江·库尔班·阿不都热依木·玉苏甫江·吐尔逊·买买提'
NO=2024040101ABCDEFGHIJ0123456789XY
SCHOOL='新疆维吾尔自治区伊犁哈萨克自治州职业技术学院与中国科学院新疆理化技术研究所联合基地'
COLLEGE='马克思主义学院与中国特色社会主义理论体系研究中心暨新时代中国特色社会主义思想研究院所'
MAJOR='计算机科学与技术（人工智能与大数据方向，中外合作办学，本硕博贯通培养拔尖人才实验班）'
LEVEL='硕士研究生（全日制专业学位，非定向就业）'
[ "$(printf '%s' "$NAME" | wc -m)" = 40 ] && ok || bad "the test name is not 40 characters"
[ "$(printf '%s' "$MAJOR" | wc -c)" = 126 ] && ok || bad "the test major is not 126 bytes"
printf '学号,姓名,性别,身份证号,学院,专业,学历层次,班级,学校\n%s,%s,男,650105200204041237,%s,%s,%s,计科2401,%s\n' \
  "$NO" "$NAME" "$COLLEGE" "$MAJOR" "$LEVEL" "$SCHOOL" >"$T/long.csv"
"$GB" --config "$T/kiosk.ini" roster import "$T/long.csv" --batch DEMO2026 >"$T/import.out" 2>&1 &&
  ok || bad "roster import: $(cat "$T/import.out")"
LONG=$(code "$NO" '阿***************************************' '6501**********1237')

script() { # the details screen in zh, then en: both messages, the keyboard, then on to the photo
  cat <<S
wait-screen welcome
tap start
wait-screen identity
scan $LONG
tap key-1
tap key-2
tap key-3
tap key-7
tap verify
wait-screen info
expect-text $NAME
expect-text $MAJOR
expect-text $COLLEGE
expect-text $SCHOOL
expect-text $LEVEL
expect-text $NO
expect-no-overlap
screenshot long-zh
tap key-1
tap key-2
tap confirm
expect-text-colour 请输入有效的大陆手机号码（13x–19x）。 bad
expect-text-colour 请输入电子邮箱。 bad
expect-no-overlap
tap email
type notanemail
tap confirm
expect-text 请输入有效的大陆手机号码（13x–19x）。
expect-text 电子邮箱格式不正确。
expect-no-overlap
screenshot both-errors-zh
tap lang
expect-text Enter a valid mainland mobile number (13x–19x).
expect-text That email address does not look right.
expect-no-overlap
screenshot both-errors-en
tap email
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-back
tap key-a
tap key-@
tap key-b
tap key-.
tap key-c
tap key-n
tap phone
expect-no-overlap
tap key-back
tap key-back
type 13800138000
tap confirm
expect-no-text Enter a valid mainland mobile number
expect-no-text That email address does not look right.
wait-screen photo
S
}

run_at() { # name width height
  sed -e "s/^window_width = .*/window_width = $2/" -e "s/^window_height = .*/window_height = $3/" \
    "$T/kiosk.ini" >"$T/$1.ini"
  script >"$T/$1.script"
  KIOSK_INI=$T/$1.ini kiosk "$1" && ok || bad "$1 (${2}x$3): $(tail -3 "$T/$1.err")"
  # the order holds what was typed through the keys: they were where the taps went
  [ "$(sql "SELECT o.email FROM orders o JOIN students s ON s.id = o.student_id WHERE s.student_no = '$NO' ORDER BY o.id DESC LIMIT 1")" = a@b.cn ] &&
    ok || bad "$1: the e-mail typed on the keyboard was not recorded"
}
run_at portrait720 720 1280
run_at portrait540 540 960
run_at landscape 1280 720

echo "test_kiosk_info_long: $passes passed, $fails failed"
[ "$fails" = 0 ]
