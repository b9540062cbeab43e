#!/usr/bin/env bash
# The welcome screen tells the truth about where the code goes: there is
# no field to type in on it (and no camera scan), so its footer says scan
# at the scanner now, or press Start to show the code to the camera or
# type it (the identity screen has the field).
# With several active batches it shows every one of them (school, batch
# number, fee, collection window), a page of cards at a time when they do
# not fit, and the identity screen offers each as a chip, none chosen for
# the student; with one batch it is preselected.
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

# --- one batch: preselected on the identity screen (the demo's)
cat >"$T/one.script" <<S
wait-screen welcome
expect-text 演示大学
expect-text DEMO2026
expect-no-text 个批次
tap start
wait-screen identity
expect-text DEMO2026
expect-no-text 点选学校通知中的批次
S
if kiosk one; then ok; else bad "one batch: $(grep -m1 'line [0-9]*:' "$T/one.err")"; fi

# --- a second active batch, paid by the school, with a long school name
LONG=中国人民解放军国防科技大学研究生院继续教育学院
"$GB" --config "$T/kiosk.ini" batch add --batch 2026BJ01 --school "$LONG" --price 0 --pay school \
  --start '2026-01-01 08:00' --end '2099-12-31 18:00' >/dev/null 2>&1 && ok || bad "batch add 2026BJ01"
demo_window=$(sqlite3 "$T/data/orders.db" "SELECT window_start || ' – ' || window_end FROM batches WHERE batch_no = 'DEMO2026'")
cat >"$T/two.script" <<S
wait-screen welcome
expect-text 本机正在采集 2 个批次
expect-text 演示大学
expect-text DEMO2026
expect-text 20.00 元
expect-text $demo_window
expect-text 中国人民解放军
expect-text 2026BJ01
expect-text 学校统一支付
expect-text 2026-01-01 08:00 – 2099-12-31 18:00
expect-no-text 1 / 
expect-no-overlap
screenshot two-zh
tap lang
expect-text This kiosk serves 2 batches
expect-text Paid by the school
expect-no-overlap
screenshot two-en
tap lang
tap start
wait-screen identity
expect-text 批次号（点选学校通知中的批次）
expect-text-colour DEMO2026 primary
expect-text-colour 2026BJ01 primary
expect-no-overlap
screenshot identity-chips
tap batch-0
expect-text-colour 2026BJ01 white
expect-text-colour DEMO2026 primary
tap batch-1
expect-text-colour DEMO2026 white
expect-text-colour 2026BJ01 primary
tap lang
expect-text Batch number (tap the one in your school's notice)
expect-no-overlap
S
if kiosk two; then ok; else bad "two batches: $(grep -m1 'line [0-9]*:' "$T/two.err")"; fi

# --- five: two cards a page, every batch on some page, the chips paged too
# (both in the order of the active list: open windows first, then by batch
# number: 2026BJ01, 2026P01, 2026P02, 2026P03, DEMO2026)
for i in 1 2 3; do
  "$GB" --config "$T/kiosk.ini" batch add --batch 2026P0$i --school "示例第${i}大学" --price 1$i.50 --pay student \
    --start "2026-0$i-01 08:00" --end "2099-0$i-28 18:00" >/dev/null 2>&1 && ok || bad "batch add 2026P0$i"
done
# and one switched off by staff: not shown
"$GB" --config "$T/kiosk.ini" batch add --batch 2026OFF --school 停用大学 --price 20 --pay student \
  --start '2026-01-01 08:00' --end '2099-12-31 18:00' >/dev/null 2>&1 && ok || bad "batch add 2026OFF"
sqlite3 "$T/data/orders.db" "UPDATE batches SET active = 0 WHERE batch_no = '2026OFF'"
cat >"$T/five.script" <<S
wait-screen welcome
expect-text 本机正在采集 5 个批次
expect-text 1 / 3
expect-text 2026BJ01
expect-text 2026P01
expect-text 11.50 元
expect-text 2026-01-01 08:00 – 2099-01-28 18:00
expect-no-text 2026P02
expect-no-overlap
screenshot five-1
tap batches-next
expect-text 2 / 3
expect-text 2026P02
expect-text 12.50 元
expect-text 2026P03
expect-text 示例第3大学
expect-text 2026-03-01 08:00 – 2099-03-28 18:00
expect-no-text 2026BJ01
expect-no-overlap
tap batches-next
expect-text 3 / 3
expect-text DEMO2026
expect-text 演示大学
expect-text $demo_window
expect-no-text 停用大学
expect-no-overlap
screenshot five-3
tap lang
expect-text 3 / 3
expect-no-overlap
screenshot five-3-en
tap lang
tap batches-prev
expect-text 2 / 3
tap start
wait-screen identity
expect-text 2026BJ01
expect-text 2026P01
expect-text 更多批次 1/3
expect-no-text 2026P02
tap batches-more
expect-text 2026P02
expect-text 2026P03
expect-text 更多批次 2/3
tap batches-more
expect-text DEMO2026
expect-no-text 2026OFF
tap batch-4
expect-text-colour DEMO2026 white
expect-no-overlap
screenshot chips-3
tap batches-more
expect-text-colour 2026BJ01 primary
S
if kiosk five; then ok; else bad "five batches: $(grep -m1 'line [0-9]*:' "$T/five.err")"; fi

echo "kiosk welcome: $passes passed, $fails failed"
[ "$fails" = 0 ]
