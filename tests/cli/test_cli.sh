#!/usr/bin/env bash
# The gradbooth command as staff use it: help, wrong arguments, broken
# files, and the happy path. Usage: test_cli.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
. "$(dirname "$0")/lib.sh"

D="--data-dir $T/data"

# --- help and usage
expect 0 "help" "$GB" help
cp "$T/out" "$T/help"
for c in config batch roster orders store demo; do
  contains "$T/help" "  $c " "help lists $c"
  expect 0 "$c --help" "$GB" "$c" --help
  contains "$T/out" "usage: gradbooth $c" "$c --help shows usage"
done
expect 2 "unknown command" "$GB" frobnicate
contains "$T/err" "unknown command 'frobnicate'" "unknown command named"
[ "$(wc -l <"$T/err")" -eq 1 ] && passes=$((passes + 1)) || { echo "FAIL: unknown command error is not one line"; fails=$((fails + 1)); }
expect 2 "no command" "$GB"
expect 2 "--config without a value" "$GB" config show --config
expect 0 "version" "$GB" version
contains "$T/out" "gradbooth 0." "version printed"

# --- configuration
expect 0 "config show, defaults" "$GB" config show
contains "$T/out" "eyes_min_px = 200" "default eye band"
printf '[kiosk]\nid = K09\n[photo]\neys_min_px = 210\n' >"$T/bad.ini"
expect 2 "unknown key" "$GB" --config "$T/bad.ini" config show
contains "$T/err" "bad.ini line 4" "unknown key names file and line"
contains "$T/err" "eys_min_px" "unknown key named"
printf '[photo]\n\njpeg_max_kb = lots\n' >"$T/bad2.ini"
expect 2 "bad value" "$GB" --config "$T/bad2.ini" config show
contains "$T/err" "bad2.ini line 3: [photo] jpeg_max_kb" "bad value names file, line and key"
expect 2 "missing config file" "$GB" --config "$T/nope.ini" config show
contains "$T/err" "nope.ini" "missing config named"
printf '[kiosk]\nid = K09\n[photo]\nbackdrops = white\n' >"$T/good.ini"
expect 0 "config override" "$GB" --config "$T/good.ini" config show
contains "$T/out" "id = K09    ; default: K01" "override marked"
expect 0 "config defaults" "$GB" config defaults
if diff -q "$T/out" "$SRC/kiosk-config/gradbooth.ini" >/dev/null; then passes=$((passes + 1)); else
  echo "FAIL: kiosk-config/gradbooth.ini differs from 'gradbooth config defaults' (regenerate it)"
  fails=$((fails + 1))
fi

# --- batches
expect 2 "batch add missing options" "$GB" $D batch add --batch 2026X01
contains "$T/err" "needs --batch, --school" "missing options listed"
expect 2 "bad price" "$GB" $D batch add --batch 2026X01 --school 甲大学 --price 20,00 --pay student --start '2026-12-01 08:00' --end '2026-12-20 18:00'
contains "$T/err" "--price" "price named"
expect 2 "end before start" "$GB" $D batch add --batch 2026X01 --school 甲大学 --price 20 --pay student --start '2026-12-21 08:00' --end '2026-12-20 18:00'
contains "$T/err" "must be after --start" "window error"
expect 2 "impossible date" "$GB" $D batch add --batch 2026X01 --school 甲大学 --price 20 --pay student --start '2026-02-30 08:00' --end '2026-12-20 18:00'
contains "$T/err" "is not a real date" "impossible date named"
expect 2 "backdrop not allowed by config" "$GB" --config "$T/good.ini" $D batch add --batch 2026X01 --school 甲大学 --price 20 --pay student --start '2026-12-01 08:00' --end '2026-12-20 18:00' --backdrop blue
contains "$T/err" "not in [photo] backdrops" "backdrop refused with reason"
expect 2 "option twice" "$GB" $D batch add --batch 2026X01 --school 甲 --school 乙 --price 20 --pay student --start '2026-12-01 08:00' --end '2026-12-20 18:00'
contains "$T/err" "--school is given twice" "repeated option named"
expect 2 "free batch paid by students" "$GB" $D batch add --batch 2026X01 --school 甲 --price 0 --pay student --start '2026-12-01 08:00' --end '2026-12-20 18:00'
expect 2 "control character in school" "$GB" $D batch add --batch 2026X01 --school "$(printf 'a\tb')" --price 20 --pay student --start '2026-12-01 08:00' --end '2026-12-20 18:00'
expect 2 "list before any store" "$GB" --data-dir "$T/nothing-here" batch list
expect 2 "store check on a mistyped folder" "$GB" --data-dir "$T/nothing-here" store check
contains "$T/err" "orders.db is missing" "missing store named"
[ ! -e "$T/nothing-here/orders.db" ] && passes=$((passes + 1)) || { echo "FAIL: a read-only command created a store"; fails=$((fails + 1)); }
expect 0 "batch add" "$GB" $D batch add --batch 2026X01 --school 甲大学 --price 20.00 --pay student --start '2026-12-01 08:00' --end '2026-12-20 18:00'
contains "$T/out" "batch 2026X01 added" "batch added"
expect 1 "duplicate batch" "$GB" $D batch add --batch 2026X01 --school 乙 --price 0 --pay school --start '2026-12-01 08:00' --end '2026-12-20 18:00'
contains "$T/err" "already exists" "duplicate named"
expect 1 "same batch in other letter case" "$GB" $D batch add --batch 2026x01 --school 乙 --price 0 --pay school --start '2026-12-01 08:00' --end '2026-12-20 18:00'
contains "$T/err" "already exists (as 2026X01)" "case-insensitive duplicate"

# --- rosters
cat >"$T/r.csv" <<'CSV'
学号,姓名,性别,身份证号,学院,专业,学历层次,备注
X001,王小明,男,110105200301011234,计算机学院,软件工程,本科,
X002,李华,女,11010520030202234X,外国语学院,英语,本科,转专业
CSV
expect 0 "roster import" "$GB" $D roster import "$T/r.csv" --batch 2026X01
contains "$T/out" "2 added, 0 unchanged" "counts"
contains "$T/out" "columns not used: 备注" "ignored column named"
expect 0 "roster re-import" "$GB" $D roster import "$T/r.csv" --batch 2026X01
contains "$T/out" "0 added, 2 unchanged" "re-import harmless"
iconv -f UTF-8 -t GBK "$T/r.csv" >"$T/gbk.csv"
expect 0 "GBK roster" "$GB" $D roster import "$T/gbk.csv" --batch 2026X01
contains "$T/out" "GB18030" "GBK detected"
contains "$T/out" "0 added, 2 unchanged" "GBK content equals UTF-8 content"
printf '学号,姓名,身份证号\nX003,"张三,1234\n' >"$T/broken.csv"
expect 1 "broken quoting" "$GB" $D roster import "$T/broken.csv" --batch 2026X01
contains "$T/err" "broken.csv: line 2, column 6: a quoted field is never closed" "quote error located"
printf '学号,身份证号\nX003,110105200301011234\n' >"$T/nocol.csv"
printf 'PK\003\004[Content_Types].xml\000\000\001' >"$T/book.csv"
expect 1 "an Excel workbook renamed .csv" "$GB" $D roster import "$T/book.csv" --batch 2026X01
contains "$T/err" "is an Excel workbook, not a CSV file: in Excel choose Save As" "the CLI says how to save a CSV"
expect 1 "missing column" "$GB" $D roster import "$T/nocol.csv" --batch 2026X01
contains "$T/err" "missing column 姓名/name" "missing column named"
printf '学号,姓名,身份证号\nX003,甲,110105200301011234\nX004,乙,12\nX003,丙,1234\n' >"$T/dup.csv"
expect 1 "duplicates and bad id" "$GB" $D roster import "$T/dup.csv" --batch 2026X01
contains "$T/err" "dup.csv line 3, column '身份证号'" "bad id located"
contains "$T/err" "dup.csv line 4, column '学号': the same student number is already on line 2" "duplicate located"
lacks "$T/err" "110105200301011234" "full ID number never echoed"
: >"$T/empty.csv"
expect 1 "empty roster" "$GB" $D roster import "$T/empty.csv" --batch 2026X01
contains "$T/err" "empty" "empty file said"
head -c 3000 /dev/urandom >"$T/junk.csv"
expect 1 "binary junk" "$GB" $D roster import "$T/junk.csv" --batch 2026X01
contains "$T/err" "nothing was imported" "junk rejected"
expect 2 "missing roster file" "$GB" $D roster import "$T/none.csv" --batch 2026X01
contains "$T/err" "none.csv" "missing file named"
expect 1 "unknown batch" "$GB" $D roster import "$T/r.csv" --batch NOPE99
contains "$T/err" "no batch NOPE99" "unknown batch named"
expect 2 "roster without --batch" "$GB" $D roster import "$T/r.csv"
expect 0 "batch list" "$GB" $D batch list
contains "$T/out" "2026X01" "listed"
grep -E '^2026X01 .* 2 yes' "$T/out" >/dev/null && passes=$((passes + 1)) || { echo "FAIL: batch list counts 2 students"; cat "$T/out"; fails=$((fails + 1)); }

# --- orders and store
expect 0 "orders list empty" "$GB" $D orders list
contains "$T/out" "no orders" "no orders yet"
expect 2 "orders list bad state" "$GB" $D orders list --state shipped
expect 1 "orders show unknown" "$GB" $D orders show K01-000000-00001
# a long name keeps the table in line: cut to its column, ending in "…"
printf '学号,姓名,身份证号\nX009,阿卜杜热合曼·买买提·艾合买提江·库尔班,650102200301011237\n' >"$T/long.csv"
expect 0 "a long name" "$GB" $D roster import "$T/long.csv" --batch 2026X01
sqlite3 "$T/data/orders.db" "INSERT INTO orders (order_no, batch_id, student_id, state, price_fen, created_at, updated_at)
  SELECT 'K01-261204-00009', batch_id, id, 'awaiting_payment', 2000, '2026-12-04T08:00:00Z', '2026-12-04T08:00:00Z'
  FROM students WHERE student_no = 'X009'"
expect 0 "orders list with a long name" "$GB" $D orders list
contains "$T/out" "阿*********… awaiting_payment " "the name is cut to its 12 cells"
sqlite3 "$T/data/orders.db" "DELETE FROM orders WHERE order_no = 'K01-261204-00009'"
expect 0 "store check" "$GB" $D store check
contains "$T/out" "integrity ok" "integrity"

# --- demo: never into a store it did not make (a real kiosk's); idempotent in its own
export GRADBOOTH_ASSETS=$SRC/assets
batches_before=$(sqlite3 "$T/data/orders.db" "SELECT count(*) FROM batches")
expect 2 "demo on a store with real batches" "$GB" --config "$SRC/kiosk-config/demo.ini" $D demo
contains "$T/err" "holds a store the demo did not make" "demo refuses a real store"
expect 2 "demo --fresh on a store with real batches" "$GB" --config "$SRC/kiosk-config/demo.ini" $D demo --fresh
[ "$(sqlite3 "$T/data/orders.db" "SELECT count(*) FROM batches")" = "$batches_before" ] &&
  [ "$(sqlite3 "$T/data/orders.db" "SELECT count(*) FROM batches WHERE batch_no = 'DEMO2026'")" = 0 ] &&
  passes=$((passes + 1)) || { echo "FAIL: the demo batch reached a real store"; fails=$((fails + 1)); }
expect 0 "demo in its own folder" "$GB" --config "$SRC/kiosk-config/demo.ini" --data-dir "$T/demo" demo
contains "$T/out" "8 added" "demo roster"
[ -f "$T/demo/.gradbooth-demo" ] && passes=$((passes + 1)) || { echo "FAIL: demo store not marked"; fails=$((fails + 1)); }
expect 0 "demo again" "$GB" --config "$SRC/kiosk-config/demo.ini" --data-dir "$T/demo" demo
contains "$T/out" "0 added, 8 already there" "demo idempotent"
expect 0 "demo --fresh on its own store" "$GB" --config "$SRC/kiosk-config/demo.ini" --data-dir "$T/demo" demo --fresh
contains "$T/out" "8 added" "the demo's own store starts afresh"
# a store a kiosk made before anything was added to it (the kiosk started
# once before make demo) holds nothing to protect: the demo takes it
printf 'wait-screen welcome\n' >"$T/first.script"
expect 0 "a first kiosk run" "$GB" --config "$SRC/kiosk-config/demo.ini" --data-dir "$T/empty" kiosk --headless --script "$T/first.script"
expect 0 "demo on an empty store" "$GB" --config "$SRC/kiosk-config/demo.ini" --data-dir "$T/empty" demo
contains "$T/out" "8 added" "the demo fills an empty store"
[ -f "$T/empty/.gradbooth-demo" ] && passes=$((passes + 1)) || { echo "FAIL: empty store taken but not marked"; fails=$((fails + 1)); }
# --- config files as people write them: a UTF-16 file from Notepad, and
# a data folder under ~ (a shell would expand it; the kiosk does too)
printf '[kiosk]\nid = K1\n' | iconv -t UTF-16 >"$T/utf16.ini"
expect 2 "a UTF-16 config" "$GB" --config "$T/utf16.ini" config show
contains "$T/err" "is UTF-16 (Notepad's \"Unicode\"); save it as UTF-8" "UTF-16 is named"
printf '[kiosk]\ndata_dir = ~/gbdata\n' >"$T/tilde.ini"
expect 0 "data_dir under ~" env HOME="$T/home" "$GB" --config "$T/tilde.ini" config show
contains "$T/out" "data folder in use: $T/home/gbdata" "~ is the home folder"

# --- the kiosk without a screen, a script or --headless: it says so and
# stops (it used to run offscreen, where nobody saw it)
expect 2 "a kiosk with no screen" timeout 60 env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$GB" --config "$SRC/kiosk-config/demo.ini" --data-dir "$T/empty" kiosk
contains "$T/err" "no screen to show the kiosk on" "no screen is reported"

# --- the kiosk's font: a family that is not installed falls back to a
# Chinese one with a warning; a font without Chinese refuses to start
# (it drew every screen as boxes)
cp "$SRC/kiosk-config/demo.ini" "$T/font.ini"
printf '[kiosk]\nfont = Nonexistent Font\n' >>"$T/font.ini"
expect 0 "a font that is not installed" "$GB" --config "$T/font.ini" --data-dir "$T/empty" kiosk --headless --script "$T/first.script"
contains "$T/err" "font 'Nonexistent Font' is not installed; using 'Noto Sans CJK" "the fallback font is named"
latin=$(comm -23 <(fc-list -f '%{family[0]}\n' :lang=en | sort -u) <(fc-list -f '%{family[0]}\n' :lang=zh-cn | sort -u) | head -1)
if [ -n "$latin" ]; then
  cp "$SRC/kiosk-config/demo.ini" "$T/latin.ini"
  printf '[kiosk]\nfont = %s\n' "$latin" >>"$T/latin.ini"
  expect 1 "a font without Chinese ($latin)" "$GB" --config "$T/latin.ini" --data-dir "$T/empty" kiosk --headless --script "$T/first.script"
  contains "$T/err" "has no Chinese characters" "a font without Chinese is refused"
else
  echo "note: every installed font covers Chinese; the refusal is not exercised"
fi
expect 2 "demo with a stray word" "$GB" --config "$SRC/kiosk-config/demo.ini" $D demo now

# Nothing above may have written a log line with student data.
echo "cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
