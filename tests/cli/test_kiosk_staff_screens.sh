#!/usr/bin/env bash
# The staff screens, headless, driven by --script, with assertions on the
# database and the files: batches with their labelled windows, a window
# change saved (and a date that does not exist refused on screen); a roster
# on a "USB stick" (a folder configured as [staff] usb_roots) listed, its
# dry run counted, imported all or nothing, a broken one refused with its
# line and column, in Chinese (in English: the CLI's own message); the camera's live view and a test capture
# (size and verdict shown, nothing saved); the sync status against the
# database; shut down (cancel runs nothing, confirm runs the configured
# command, a command that cannot start is shown) and closing the program
# with status 0; the idle timeout on a staff screen.
# Usage: test_kiosk_staff_screens.sh GRADBOOTH SOURCE_DIR
set -u
GB=$(realpath "$1") # absolute: the test runs it from other folders
SRC=$2
KIOSK_ID=T06
. "$(dirname "$0")/kiosk_lib.sh"
PIN=13572468
echo $PIN | "$GB" --config "$T/kiosk.ini" staff set-pin >/dev/null 2>&1 && ok || bad "set-pin"
# the harmless shutdown: a file appears when it ran
sed -i "s|^shutdown_command = .*|shutdown_command = touch $T/shutdown-ran|" "$T/kiosk.ini"
grep -q "^shutdown_command = touch $T/shutdown-ran$" "$T/kiosk.ini" && ok || bad "test config not written"

unlock() { # the way into staff mode, then the named screen
  printf 'wait-screen welcome\nkey F12\nwait-screen staff-pin\ntype %s\ntap unlock\nwait-screen staff\n' "$PIN"
}

"$GB" --config "$T/kiosk.ini" batch add --batch USB2026 --school 测试大学 --price 20.00 --pay student \
  --start '2026-01-01 08:00' --end '2099-12-31 18:00' >/dev/null 2>&1 && ok || bad "batch add"
demo_start=$(sql "SELECT window_start FROM batches WHERE batch_no='DEMO2026'")
demo_end=$(sql "SELECT window_end FROM batches WHERE batch_no='DEMO2026'")

# --- the USB stick: a good roster (newest), a broken one (line 3: a bad ID), others not listed
stick=$T/usb/kiosk/STICK
mkdir -p "$stick/old" "$T/usb/a/b/c/d"
printf '学号,姓名,性别,身份证号\n2026090101,测试甲,男,110105200301011234\n2026090102,测试乙,女,11010520030202234X\n2026090103,测试丙,男,110105200303033456\n' \
  >"$stick/名单-USB2026.csv"
printf '学号,姓名,性别,身份证号\n2026090201,测试丁,男,110105200301011234\n2026090202,测试戊,女,11010520030202234Z\n2026090203,测试己,男,110105200303033456\n' \
  >"$stick/old/broken.csv"
touch -d '2026-01-02 10:00' "$stick/old/broken.csv"
cp "$stick/名单-USB2026.csv" "$T/usb/a/b/c/d/too-deep.csv"
echo x >"$stick/notes.pdf"
# what `gradbooth roster import` says about the broken one (the screen in English must say the same)
cli_line=$(cd "$stick/old" && "$GB" --config "$T/kiosk.ini" roster import broken.csv --batch USB2026 --dry-run 2>&1 |
  grep "^broken.csv line 3")
case "$cli_line" in "broken.csv line 3, column '身份证号': "*) ok ;; *) bad "CLI says '$cli_line' for the broken roster" ;; esac

# --- batches and the roster: the broken file refused, the good one checked (dry run), nothing written
{ unlock; cat <<S
tap staff-batches
wait-screen staff-batches
expect-text 采集时间 $demo_start 至 $demo_end  ·  学生 8 人
expect-text 采集时间 2026-01-01 08:00 至 2099-12-31 18:00  ·  学生 0 人
expect-text USB2026  测试大学
tap lang
expect-text Window 2026-01-01 08:00 to 2099-12-31 18:00  ·  0 students
screenshot batches-en
tap lang
tap staff-roster
wait-screen staff-roster
expect-text 名单-USB2026.csv
expect-text broken.csv
expect-no-text too-deep.csv
expect-no-text notes.pdf
tap roster-check
expect-text 请先选择一个文件和一个批次
tap file-1
tap target-1
tap roster-check
wait-text 名单有 1 个问题
expect-text broken.csv 第 3 行，“身份证号”列：身份证号的最后一位必须是数字或 X
expect-no-text must end in a digit
expect-text 不能导入
screenshot roster-broken
tap lang
expect-text Problems found: 1. The roster cannot be imported
expect-text $cli_line
expect-no-text 第 3 行
screenshot roster-broken-en
tap lang
tap roster-files
tap file-0
tap roster-check
wait-text 检查通过
expect-text 名单-USB2026.csv：3 名学生
expect-text 确认后将新增 3 人，更新 0 人，不变 0 人
screenshot roster-checked
S
} >"$T/dry.script"
if kiosk dry; then ok; else bad "dry-run script: $(tail -3 "$T/dry.err")"; fi
[ "$(sql "SELECT count(*) FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='USB2026'")" = 0 ] && ok ||
  bad "the check wrote students"

# --- the import, and the window: a date that does not exist refused, a good one saved
{ unlock; cat <<S
tap staff-batches
wait-screen staff-batches
tap staff-roster
wait-screen staff-roster
tap file-0
tap target-1
tap roster-check
wait-text 检查通过
tap roster-import
wait-text 已导入批次 USB2026：新增 3 人，更新 0 人，不变 0 人
screenshot roster-imported
tap back
wait-screen staff-batches
expect-text 学生 3 人
tap window-1
wait-screen staff-window
expect-text 2026-01-01 08:00
tap key-clear
type 2026-02-30 08:00
tap window-save
expect-screen staff-window
expect-text 开始时间 2026-02-30 08:00 不是真实的日期和时间
screenshot window-refused
tap key-clear
tap key-2
tap key-0
tap key-2
tap key-7
tap key-0
tap key-3
tap key-0
tap key-1
tap key-0
tap key-8
tap key-3
tap key-0
tap win-end
tap key-clear
type 2027-03-01 08:00
tap window-save
expect-text 结束时间必须晚于开始时间
tap lang
expect-text The end must be after the start.
tap lang
tap key-clear
type 2027-06-30 17:30
tap window-save
wait-screen staff-batches
expect-text 批次 USB2026 的采集时间已保存
expect-text 采集时间 2027-03-01 08:30 至 2027-06-30 17:30  ·  学生 3 人
S
} >"$T/import.script"
if kiosk import; then ok; else bad "import script: $(tail -3 "$T/import.err")"; fi
n=$(sql "SELECT count(*) FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='USB2026'")
[ "$n" = 3 ] && ok || bad "USB2026 has $n students after the import, expected 3"
[ "$(sql "SELECT count(*) FROM students WHERE student_no LIKE '20260902%'")" = 0 ] && ok || bad "rows of the broken roster were imported"
[ "$(sql "SELECT id_last4 FROM students WHERE student_no='2026090102'")" = 234X ] && ok || bad "imported ID suffix wrong"
w=$(sql "SELECT window_start || '|' || window_end FROM batches WHERE batch_no='USB2026'")
[ "$w" = "2027-03-01 08:30|2027-06-30 17:30" ] && ok || bad "window in the db is '$w'"
grep -q "staff imported a roster into batch USB2026: 3 added" "$T/import.err" && ok || bad "import not logged"

# --- camera: live view and test captures; nothing saved
checks_before=$(sql "SELECT count(*) FROM photo_checks")
tilted=$SRC/assets/photos/01-eyes-closed-tilted.png
read -r tw th < <(od -An -tu1 -j16 -N8 "$tilted" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
tfailed=$("$GB" --config "$T/kiosk.ini" check --json "$tilted" | sed 's/.*"failed":\[\([^]]*\)\].*/\1/' | tr ',' '\n' | grep -c .)
{ unlock; cat <<S
tap staff-sync
wait-screen staff-sync
expect-text 上次同步：从未同步
tap back
wait-screen staff
tap staff-camera
wait-screen staff-camera
expect-text file
expect-text 测试照片不会保存
show-photo $SRC/assets/photos/02-compliant.jpg
wait-text 帧/秒
expect-text 状态 正常
expect-no-text 状态 live
wait-button cam-capture
tap cam-capture
wait-text 用时
expect-text 找到人脸 · 检查结果：通过，0 项未通过
expect-text 结果照片 480×640
screenshot camera-pass
show-photo $tilted
wait-button cam-capture
tap cam-capture
wait-text 原图 ${tw}×${th}
expect-text 检查结果：$tfailed 项未通过
expect-text 头歪了
screenshot camera-fail
tap lang
expect-text Verdict: $tfailed rule(s) failed
expect-text Live view
expect-text live,
screenshot camera-en
S
} >"$T/camera.script"
if kiosk camera; then ok; else bad "camera script: $(tail -3 "$T/camera.err")"; fi
[ "$tfailed" -ge 2 ] && ok || bad "the tilted photo fails $tfailed rules by the CLI"
[ "$(sql "SELECT count(*) FROM photo_checks")" = "$checks_before" ] && ok || bad "the test capture was recorded"
[ "$(sql "SELECT count(*) FROM photos")" = 0 ] && [ -z "$(find "$T/data/photos" -type f 2>/dev/null)" ] && ok ||
  bad "the test capture saved a photo"

# --- sync status: what waits for the upload, the last sync; then the idle timeout on a staff screen
sid=$(sql "SELECT s.id FROM students s JOIN batches b ON b.id = s.batch_id WHERE b.batch_no='DEMO2026' LIMIT 1")
bid=$(sql "SELECT id FROM batches WHERE batch_no='DEMO2026'")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sql "BEGIN;
INSERT INTO orders (order_no, batch_id, student_id, state, price_fen, created_at, updated_at) VALUES
 ('T06-000001', $bid, $sid, 'submitted', 2000, '$now', '$now'),
 ('T06-000002', $bid, $sid, 'submitted', 2000, '$now', '$now'),
 ('T06-000003', $bid, $sid, 'resubmitted', 2000, '$now', '$now'),
 ('T06-000004', $bid, $sid, 'synced', 2000, '$now', '$now'),
 ('T06-000005', $bid, $sid, 'awaiting_payment', 2000, '$now', '$now');
INSERT INTO order_history (order_id, from_state, to_state, actor, at) SELECT id, 'submitted', 'synced', 'sync', '2026-06-01T02:30:00Z' FROM orders WHERE order_no='T06-000004';
COMMIT;"
waiting=$(sql "SELECT count(*) FROM orders WHERE state IN ('submitted','resubmitted')")
last=$(date -d '2026-06-01T02:30:00Z' '+%Y-%m-%d %H:%M') # local time, as the kiosk shows it
sed -e 's/^idle_warning_s = .*/idle_warning_s = 5/' -e 's/^idle_timeout_s = .*/idle_timeout_s = 10/' "$T/kiosk.ini" >"$T/idle.ini"
{ unlock; cat <<S
tap staff-sync
wait-screen staff-sync
expect-text 等待上传的订单：$waiting 个
expect-text 已提交 2 个，重新提交 1 个
expect-text 上次同步：$last
expect-text 与采集中心的同步尚未配置
screenshot sync
tap lang
expect-text Orders waiting for upload: $waiting
expect-text Sync with the collection centre is not configured yet
screenshot sync-en
tap lang
wait-screen welcome 20000
S
} >"$T/sync.script"
if KIOSK_INI=$T/idle.ini kiosk sync; then ok; else bad "sync script: $(tail -3 "$T/sync.err")"; fi
[ "$waiting" = 3 ] && ok || bad "$waiting orders wait, expected 3"
grep -q "staff mode left after 10 s without input" "$T/sync.err" && ok || bad "no idle timeout on the staff screen"

# --- exit and shut down: cancel runs nothing, confirm runs the command
{ unlock; cat <<S
tap staff-power
wait-screen staff-power
tap staff-shutdown
expect-text 确定要关闭这台电脑吗
screenshot shutdown-ask
tap shutdown-cancel
expect-text 关闭电脑
wait 300
S
} >"$T/cancel.script"
if kiosk cancel; then ok; else bad "cancel script: $(tail -3 "$T/cancel.err")"; fi
[ ! -e "$T/shutdown-ran" ] && ok || bad "cancel ran the shutdown command"
{ unlock; cat <<S
tap staff-power
wait-screen staff-power
tap staff-shutdown
tap shutdown-confirm
wait-text 正在关机
S
} >"$T/shutdown.script"
if kiosk shutdown; then ok; else bad "shutdown script: $(tail -3 "$T/shutdown.err")"; fi
for i in 1 2 3 4 5 6 7 8 9 10; do [ -e "$T/shutdown-ran" ] && break; sleep 0.2; done
[ -e "$T/shutdown-ran" ] && ok || bad "confirm did not run the shutdown command"
grep -q "shutdown command 'touch $T/shutdown-ran' finished" "$T/shutdown.err" && ok || bad "shutdown outcome not logged"

# a command that cannot start is shown; then "close the kiosk program" ends the run with status 0
sed "s|^shutdown_command = .*|shutdown_command = gradbooth-no-such-poweroff --now|" "$T/kiosk.ini" >"$T/close.ini"
{ unlock; cat <<S
tap staff-power
wait-screen staff-power
tap staff-shutdown
tap shutdown-confirm
wait-text 关机命令失败：gradbooth-no-such-poweroff: No such file or directory
screenshot shutdown-failed
tap lang
expect-text The shutdown command failed
screenshot power-en
tap lang
tap staff-close
expect-screen never-reached
S
} >"$T/close.script"
KIOSK_INI=$T/close.ini kiosk close
rc=$?
[ "$rc" = 0 ] && ok || bad "close: exit status $rc: $(tail -3 "$T/close.err")"
grep -q "kiosk: closed by staff" "$T/close.err" && ok || bad "close not logged"
grep -q "never-reached" "$T/close.err" && bad "the script went on after close" || ok

# nothing of the students or the PIN in the logs
cat "$T"/*.err "$T"/*.out >"$T/all.log"
grep -q "测试甲\|测试乙\|测试丙\|测试丁\|测试戊\|110105200301011234" "$T/all.log" && bad "student data in the log" || ok
grep -q "$PIN" "$T/all.log" && bad "the PIN in the log" || ok

echo "kiosk staff screens: $passes passed, $fails failed"
[ "$fails" = 0 ]
