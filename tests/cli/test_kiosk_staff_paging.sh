#!/usr/bin/env bash
# Staff screens with more than fits: nine batches (one with a long school
# name) are paged as whole cards with batches-prev / batches-next, every
# batch can be reached and switched, and "import a roster" and "back" stay
# reachable without overlapping, at 540x960 and at 1080x1920. The roster
# screen pages through every file on the stick (not only the newest
# [staff] usb_files_listed), shows a GBK file name readably, and says to
# save an Excel workbook renamed .csv as CSV. The camera screen starts with
# its live view on and names the camera state in Chinese.
# Usage: test_kiosk_staff_paging.sh GRADBOOTH SOURCE_DIR
set -u
GB=$(realpath "$1")
SRC=$2
KIOSK_ID=T21
. "$(dirname "$0")/kiosk_lib.sh"
PIN=24681357
echo $PIN | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin"
unlock() {
  printf 'wait-screen welcome\nkey F12\nwait-screen staff-pin\ntype %s\ntap unlock\nwait-screen staff\n' "$PIN"
}
LONG=北京市海淀区某某科技职业技术学院继续教育学院高等学历继续教育函授站
for i in 1 2 3 4 5 6 7 8; do
  school=测试大学$i
  [ $i = 5 ] && school=$LONG
  "$GB" --config "$T/kiosk.ini" batch add --batch PG00$i --school "$school" --price 20.00 --pay student \
    --start '2026-01-01 08:00' --end '2099-12-31 18:00' >/dev/null 2>&1 && ok || bad "batch add PG00$i"
done
nb=$(sql "SELECT count(*) FROM batches")
[ "$nb" = 9 ] && ok || bad "$nb batches in the store, expected 9"
sed "s/^window_width = .*/window_width = 1080/; s/^window_height = .*/window_height = 1920/" "$T/kiosk.ini" >"$T/big.ini"

# The buttons a page shows: the script taps one that is on no screen, and
# the error lists those that are.
page_buttons() { # ini pages-forward -> the ids shown, one a line
  { unlock; echo "tap staff-batches"; echo "wait-screen staff-batches"; echo "expect-no-overlap"
    for _ in $(seq 1 "$2"); do echo "tap batches-next"; echo "expect-no-overlap"; done
    echo "tap no-such-button"; } >"$T/page.script"
  KIOSK_INI=$1 kiosk page
  grep -o "(buttons:[^)]*)" "$T/page.err" | tr ' ' '\n' | grep -v '^(buttons:$' | tr -d ')'
}
for ini in kiosk big; do
  seen=
  for p in 0 1 2 3 4 5 6 7 8; do
    ids=$(page_buttons "$T/$ini.ini" $p)
    grep -q "overlap" "$T/page.err" && bad "$ini page $p: strings overlap: $(grep overlap "$T/page.err")"
    echo "$ids" | grep -qx staff-roster && echo "$ids" | grep -qx back || bad "$ini page $p: roster or back missing: $ids"
    seen="$seen $(echo "$ids" | grep '^batch-[0-9]*$' | tr '\n' ' ')"
    if ! echo "$ids" | grep -qx batches-next; then break; fi
  done
  pages=$((p + 1))
  [ "$pages" -ge 2 ] && ok || bad "$ini: nine batches on $pages page(s)"
  reached=$(echo "$seen" | tr ' ' '\n' | grep . | sort -u | wc -l)
  [ "$reached" = 9 ] && ok || bad "$ini: $reached of 9 batches reached over $pages pages: $seen"
  echo "$ini: 9 batches on $pages pages"
  # the long school name wraps inside its card (batch-5): drawn whole, no overlap
  long_page=
  for p in $(seq 0 $((pages - 1))); do
    page_buttons "$T/$ini.ini" $p | grep -qx batch-5 && long_page=$p && break
  done
  cp -r "$T/shots-page" "$T/shots-$ini-long"
  { unlock; echo "tap staff-batches"; echo "wait-screen staff-batches"
    for _ in $(seq 1 "${long_page:-0}"); do echo "tap batches-next"; done
    echo "expect-text PG005  $LONG"; echo "expect-no-overlap"; echo "screenshot long"; } >"$T/long.script"
  KIOSK_INI=$T/$ini.ini kiosk long && ok || bad "$ini: long school name: $(tail -2 "$T/long.err")"
done

# the last batch on the last page switched off and on; the pager line; the roster opens
{ unlock; cat <<S
tap staff-batches
wait-screen staff-batches
expect-text 1 / $pages
expect-no-text PG008
screenshot batches-1
S
  for _ in $(seq 2 "$pages"); do echo "tap batches-next"; done
  cat <<S
expect-text $pages / $pages
expect-text PG008  测试大学8
tap batch-8
expect-text 停用批次 PG008
tap batch-confirm
expect-text $pages / $pages
screenshot batches-last
tap batches-prev
expect-text $((pages - 1)) / $pages
tap lang
expect-text Previous
expect-no-overlap
screenshot batches-en
tap lang
tap staff-roster
wait-screen staff-roster
S
} >"$T/batches.script"
if kiosk batches; then ok; else bad "batches script: $(tail -3 "$T/batches.err")"; fi
[ "$(sql "SELECT active FROM batches WHERE batch_no='PG008'")" = 0 ] && ok || bad "PG008 not switched off by batch-8"


# --- the roster screen: 11 files on the stick, 6 a page ([staff] usb_files_listed): every one reachable;
# a GBK-named file readable, a name neither UTF-8 nor GBK with '?'; an .xlsx renamed .csv explained;
# the ninth batch reachable as the target (five batch chips a page and "more")
stick=$T/usb/STICK
mkdir -p "$stick"
for i in 1 2 3 4 5 6 7 8; do
  printf '学号,姓名,性别,身份证号\n20260901%02d,测试%d,男,1101052003010112%02d\n' $i $i $i >"$stick/roster-$i.csv"
  touch -d "2026-01-0$i 10:00" "$stick/roster-$i.csv"
done
cp "$stick/roster-1.csv" "$stick/$(printf '\xc3\xfb\xb5\xa5').csv" # 名单 in GBK
touch -d '2025-12-01 10:00' "$stick/$(printf '\xc3\xfb\xb5\xa5').csv"
cp "$stick/roster-1.csv" "$stick/$(printf 'bad\xff\xfename').csv"
touch -d '2025-11-01 10:00' "$stick/$(printf 'bad\xff\xfename').csv"
# the newest: what Excel writes as .xlsx (a zip), renamed
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000\000\000[Content_Types].xml\000\377' >"$stick/学生名单.csv"
{ unlock; cat <<S
tap staff-batches
wait-screen staff-batches
tap staff-roster
wait-screen staff-roster
expect-text 1 / 2
expect-no-text 较早的文件
expect-text 学生名单.csv
expect-no-text roster-1.csv
expect-no-overlap
screenshot files-1
tap file-0
tap file-1
tap file-2
tap file-3
tap file-4
tap file-5
tap files-next
expect-text 2 / 2
expect-text roster-1.csv
expect-no-text 学生名单.csv
expect-text 名单.csv
expect-text bad??name.csv
expect-no-text □
expect-no-overlap
screenshot files-2
tap file-6
tap file-7
tap file-8
tap file-9
tap file-10
tap files-prev
tap file-0
tap target-0
tap roster-check
wait-text 名单有 1 个问题
expect-text 学生名单.csv：0 名学生
expect-no-text （）
expect-text 另存为
expect-text CSV UTF-8
expect-no-overlap
screenshot xlsx
tap lang
expect-text 学生名单.csv: 0 students
expect-no-text ()
expect-text Save As
expect-no-overlap
screenshot xlsx-en
tap lang
tap roster-files
tap file-1
expect-text 更多批次 1/2
expect-no-text PG008
tap targets-more
expect-text 更多批次 2/2
tap target-8
expect-no-overlap
screenshot targets-2
tap roster-check
wait-text 检查通过
expect-text 导入到批次 PG008
expect-text roster-8.csv：1 名学生（UTF-8）
S
} >"$T/files.script"
if kiosk files; then ok; else bad "files script: $(tail -3 "$T/files.err")"; fi

echo "kiosk staff paging: $passes passed, $fails failed"
[ "$fails" = 0 ]
