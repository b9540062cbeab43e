#!/usr/bin/env bash
# The staff roster screen, headless, driven by --script:
#  - the problems and warnings of a roster are shown in the screen's
#    language: in Chinese with the file, line and column kept ("bad.csv 第
#    5 行，“学号”列：同一个学号已经在第 2 行出现"), in English the very lines
#    `gradbooth roster import` prints;
#  - the check and the import run on a worker thread: with a generated
#    60 000-row roster and the store's write lock held by another process
#    (as the nightly sync would), the screen keeps drawing ("已写入 0 / 60000
#    名学生", a seconds counter that moves, the language toggle answers), staff
#    mode does not time out, "cancel" rolls the import back (the batch keeps
#    exactly what it had), and the import afterwards writes all of it in one
#    go, counted against the database.
# The lock is taken and released by a sqlite3 process that watches for the
# script's named screenshots, so the "working" state is on screen for as
# long as the test needs, however fast or slow the machine is.
# Usage: test_kiosk_staff_roster.sh GRADBOOTH SOURCE_DIR
set -u
GB=$(realpath "$1") # absolute: the test runs it from other folders
SRC=$2
KIOSK_ID=T31
. "$(dirname "$0")/kiosk_lib.sh"
PIN=31415926
echo $PIN | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin"
unlock() {
  printf 'wait-screen welcome\nkey F12\nwait-screen staff-pin\ntype %s\ntap unlock\nwait-screen staff\n' "$PIN"
  printf 'tap staff-batches\nwait-screen staff-batches\ntap staff-roster\nwait-screen staff-roster\n'
}
demo_school=$(sql "SELECT school FROM batches WHERE batch_no='DEMO2026'")

# --- the stick: four rosters with problems or warnings, one large one; file-N by age, newest first
stick=$T/usb/STICK
mkdir -p "$stick"
printf '学号,姓名,性别,身份证号\n2026090301,测试一,男,11010520030101123X\n2026090302,,女,110105200302022344\n2026090303,测试三,未知,110105200303033459\n2026090301,测试四,男,1101052003\n' >"$stick/bad.csv"
printf '学号,性别,身份证号\n2026090401,男,11010520030101123X\n' >"$stick/nocol.csv"
printf '学号,姓名,性别,身份证号\n' >"$stick/empty.csv"
# a check digit that does not match (…1234, should be …123X) and another school: warnings, the import may go ahead
printf '学号,姓名,性别,身份证号,学校\n2026090501,测试五,男,110105200301011234,另一所大学\n' >"$stick/warn.csv"
N=60000
{ echo '学号,姓名,性别,身份证后四位'
  seq 1 $N | awk '{ printf "2027%06d,学生%d,%s,%04d\n", $1, $1, ($1 % 2 ? "男" : "女"), $1 % 10000 }'; } >"$stick/big.csv"
touch -d '2026-03-05 10:00' "$stick/big.csv"
touch -d '2026-03-04 10:00' "$stick/bad.csv"
touch -d '2026-03-03 10:00' "$stick/nocol.csv"
touch -d '2026-03-02 10:00' "$stick/empty.csv"
touch -d '2026-03-01 10:00' "$stick/warn.csv"
[ "$(wc -l <"$stick/big.csv")" = $((N + 1)) ] && ok || bad "big.csv has $(wc -l <"$stick/big.csv") lines"

# what `gradbooth roster import` prints for bad.csv: the English screen must show these very lines
(cd "$stick" && "$GB" --config "$T/kiosk.ini" roster import bad.csv --batch DEMO2026 --dry-run 2>&1) |
  grep '^bad.csv line' >"$T/cli-bad.txt"
[ "$(wc -l <"$T/cli-bad.txt")" = 4 ] && ok || bad "the CLI lists $(wc -l <"$T/cli-bad.txt") problems for bad.csv, expected 4"

# --- problems and warnings in both languages (dry runs into DEMO2026: nothing written)
demo_before=$(sql "SELECT count(*) FROM students")
{ unlock; cat <<S
tap file-1
tap target-0
tap roster-check
wait-text 名单有 4 个问题
expect-text bad.csv 第 3 行，“姓名”列：为空
expect-text bad.csv 第 4 行，“性别”列：应为 男/女（或 M/F、male/female、1/2）
expect-text bad.csv 第 5 行，“身份证号”列：身份证号应为 18 位（或 15 位，或只填后 4 位），这里是 10 位
expect-text bad.csv 第 5 行，“学号”列：同一个学号已经在第 2 行出现
expect-no-text line 3
expect-no-text empty
expect-no-text expected 男/女
expect-no-text the same student number
screenshot bad
tap lang
expect-text Problems found: 4.
S
  sed 's/^/expect-text /' "$T/cli-bad.txt"
  cat <<S
expect-no-text 第 3 行
expect-no-overlap
screenshot bad-en
tap lang
tap roster-files
tap file-2
tap roster-check
wait-text 名单有 1 个问题
expect-text nocol.csv 第 1 行：缺少“姓名”列
tap lang
expect-text nocol.csv line 1: missing column 姓名/name
tap lang
tap roster-files
tap file-3
tap roster-check
wait-text 名单有 1 个问题
expect-text empty.csv：文件只有表头，没有学生
tap lang
expect-text empty.csv: the file has a header but no students
tap lang
tap roster-files
tap file-4
tap roster-check
wait-text 检查通过
expect-text 确认后将新增 1 人
expect-text 2 个提醒
expect-text warn.csv 第 2 行，“身份证号”列：身份证号的校验位不对（是不是输错了？）
expect-text warn.csv 第 2 行，“学校/school”列：与批次 DEMO2026 的学校（$demo_school）不同
screenshot warn
tap lang
expect-text Warnings: 2
expect-text warn.csv line 2, column '身份证号': the ID number's check digit does not match (a typing error?)
expect-text warn.csv line 2, column '学校/school': another school than batch DEMO2026's ($demo_school)
screenshot warn-en
S
} >"$T/problems.script"
if kiosk problems; then ok; else bad "problems script: $(tail -3 "$T/problems.err")"; fi
[ "$(sql "SELECT count(*) FROM students")" = "$demo_before" ] && ok || bad "a check wrote students"

# --- the large roster into BIG2027 (target-0: the batches are in batch_no order), which already has three students: two of them are in the file with
# the same data (unchanged), one is not (kept)
"$GB" --config "$T/kiosk.ini" batch add --batch BIG2027 --school 测试大学 --price 20.00 --pay student \
  --start '2026-01-01 08:00' --end '2099-12-31 18:00' >/dev/null 2>&1 && ok || bad "batch add BIG2027"
printf '学号,姓名,性别,身份证后四位\n2027000001,学生1,男,0001\n2027000002,学生2,女,0002\n2027900001,学生甲,男,1234\n' >"$T/seed.csv"
"$GB" --config "$T/kiosk.ini" roster import "$T/seed.csv" --batch BIG2027 >/dev/null 2>&1 && ok || bad "seed import"
big() { sql "SELECT count(*) FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='BIG2027'"; }
[ "$(big)" = 3 ] && ok || bad "BIG2027 has $(big) students before, expected 3"
seeded=$(sql "SELECT group_concat(student_no || name || id_last4 || imported_at, ';') FROM (SELECT s.* FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='BIG2027' ORDER BY student_no)")

# a patient store (the import waits for the lock), a short idle timeout (the work must not count as idle)
sed -e 's/^idle_warning_s = .*/idle_warning_s = 5/' -e 's/^idle_timeout_s = .*/idle_timeout_s = 10/' "$T/kiosk.ini" >"$T/big.ini"
printf '[store]\nbusy_timeout_ms = 60000\n' >>"$T/big.ini"

shot_seen() { ls "$T/shots-big" 2>/dev/null | grep -q -- "-$1\.png$"; }
wait_shot() { for _ in $(seq 1 900); do shot_seen "$1" && return 0; sleep 0.1; done; return 1; }
hold_lock() { # FROM UNTIL OUT: the store's write lock from screenshot FROM until screenshot UNTIL; OUT gets the count then
  wait_shot "$1" || return 1
  { echo "BEGIN IMMEDIATE;"
    echo "SELECT 'locked', count(*) FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='BIG2027';"
    wait_shot "$2"
    echo "COMMIT;"; } | sqlite3 -cmd '.timeout 20000' "$T/data/orders.db" >"$3" 2>&1
}
{ hold_lock checked cancelling "$T/lock1.out"; hold_lock cancelled working-en "$T/lock2.out"; } &
locker=$!

{ unlock; cat <<S
tap file-0
tap target-0
tap roster-check
expect-text 导入到批次 BIG2027
wait-text 检查通过
expect-text big.csv：$N 名学生
expect-text 确认后将新增 $((N - 2)) 人，更新 0 人，不变 2 人；批次中另有 1 人不在此文件中（保留）。
screenshot checked
wait 2000
tap roster-import
wait-text 已写入 0 / $N 名学生
expect-text 正在导入名单
expect-screen staff-roster
screenshot working
tap roster-cancel
expect-text 正在取消
screenshot cancelling
wait-text 已取消，什么也没有写入。
expect-text 确认后将新增 $((N - 2)) 人
screenshot cancelled
wait 2000
tap roster-import
wait-text 已写入 0 / $N 名学生
wait-text 已用时 6 秒
wait-text 已用时 11 秒
expect-screen staff-roster
screenshot working-long
tap lang
expect-text Importing the roster
expect-text 0 of $N students written
screenshot working-en
tap lang
wait-text 已导入批次 BIG2027：新增 $((N - 2)) 人，更新 0 人，不变 2 人。
screenshot imported
S
} >"$T/big.script"
if KIOSK_INI=$T/big.ini kiosk big; then ok; else bad "big script: $(tail -3 "$T/big.err")"; fi
wait $locker && ok || bad "the lock holder did not see its screenshots"
# the lock was held before the first import, and again right after the cancelled one: 3 students both times
grep -q "^locked|3$" "$T/lock1.out" && ok || bad "before the import BIG2027 had: $(cat "$T/lock1.out")"
grep -q "^locked|3$" "$T/lock2.out" && ok || bad "after the cancelled import BIG2027 had: $(cat "$T/lock2.out")"
[ "$(big)" = $((N + 1)) ] && ok || bad "BIG2027 has $(big) students after the import, expected $((N + 1))"
row=$(sql "SELECT name || '|' || gender || '|' || id_last4 FROM students WHERE student_no='2027012345'")
[ "$row" = "学生12345|男|2345" ] && ok || bad "student 2027012345 is '$row'"
kept=$(sql "SELECT group_concat(student_no || name || id_last4 || imported_at, ';') FROM (SELECT s.* FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='BIG2027' AND (student_no IN ('2027000001','2027000002','2027900001')) ORDER BY student_no)")
[ "$kept" = "$seeded" ] && ok || bad "the seeded students changed: '$kept' was '$seeded'"
grep -q "staff cancelled the roster import into batch BIG2027: nothing written" "$T/big.err" && ok || bad "cancel not logged"
grep -q "staff imported a roster into batch BIG2027: $((N - 2)) added, 0 updated, 2 unchanged, 1 kept" "$T/big.err" && ok ||
  bad "import not logged"
grep -q "staff mode left" "$T/big.err" && bad "staff mode timed out during the import" || ok
[ "$(sqlite3 "$T/data/orders.db" 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity check"

# nothing of the students or the PIN in the logs
cat "$T"/*.err "$T"/*.out >"$T/all.log"
grep -q "学生[0-9甲]\|测试[一三四五]\|110105200301011234\|11010520030101123X" "$T/all.log" && bad "student data in the log" || ok
grep -q "$PIN" "$T/all.log" && bad "the PIN in the log" || ok

echo "kiosk staff roster: $passes passed, $fails failed"
[ "$fails" = 0 ]
