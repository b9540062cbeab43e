#!/usr/bin/env bash
# gradbooth check as a script or a person uses it: human and JSON output,
# exit codes, broken inputs, and the standardised photo it writes.
# Usage: test_check_cli.sh GRADBOOTH SOURCE_DIR
set -u
GB=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export GRADBOOTH_CONFIG= HOME=$T/home
FACES=$SRC/tests/data/faces
GOOD=$SRC/tests/data/photos/compliant.jpg
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() { "$@" >"$T/out" 2>"$T/err"; echo $?; }

# --- usage
[ "$(run "$GB" check --help)" = 0 ] && grep -q "usage: gradbooth check" "$T/out" && ok || bad "check --help"
[ "$(run "$GB" check)" = 2 ] && grep -q "name at least one photo" "$T/err" && ok || bad "check without photos exits 2"
[ "$(run "$GB" check --frobnicate "$GOOD")" = 2 ] && ok || bad "unknown option exits 2"
[ "$(run "$GB" check --backdrop pink "$GOOD")" = 2 ] && ok || bad "bad --backdrop exits 2"
[ "$(run "$GB" check --out-all "$GOOD")" = 2 ] && ok || bad "--out-all without --out exits 2"

# --- a compliant photo passes, exit 0, and is standardised
rc=$(run "$GB" check --out "$T/o" "$GOOD")
[ "$rc" = 0 ] && ok || bad "compliant photo: exit $rc, expected 0: $(cat "$T/out")"
grep -q "compliant.jpg: pass" "$T/out" && ok || bad "human output says pass"
f=$T/o/compliant.jpg
if [ -f "$f" ]; then
  ok
  size=$(stat -c %s "$f")
  [ "$size" -ge 20480 ] && [ "$size" -le 40960 ] && ok || bad "output is $size bytes, outside 20-40 KB"
  # JFIF APP0: units at byte 13 (1 = dots per inch), X and Y density after it
  read -r units xh xl yh yl < <(od -An -tu1 -j13 -N5 "$f")
  [ "$units" = 1 ] && [ $((xh * 256 + xl)) = 300 ] && [ $((yh * 256 + yl)) = 300 ] && ok ||
    bad "JFIF density is units=$units x=$((xh * 256 + xl)) y=$((yh * 256 + yl)), expected 300 dpi"
  if command -v djpeg >/dev/null; then
    dims=$(djpeg -pnm "$f" | head -c 20 | sed -n 2p)
    [ "$dims" = "480 640" ] && ok || bad "output is '$dims', expected 480 640"
  fi
  # the output checked again passes too
  [ "$(run "$GB" check "$f")" = 0 ] && ok || bad "the standardised photo fails its own check: $(cat "$T/out")"
else
  bad "no output file $f"
fi

# --- JSON: one object per input, in order, errors in line, exit 2 for I/O errors
: >"$T/empty.jpg"
head -c 20000 "$GOOD" >"$T/truncated.jpg"
printf 'Dear student,\nplease bring your collection code to the booth on Monday.\n' >"$T/text.jpg"
rc=$(run "$GB" check --json --lang en "$GOOD" "$FACES/portrait-1.png" "$T/missing.jpg" "$T/empty.jpg" \
  "$T/truncated.jpg" "$T/text.jpg" "$FACES/cat.png")
[ "$rc" = 2 ] && ok || bad "errors among inputs: exit $rc, expected 2"
[ "$(wc -l <"$T/out")" = 7 ] && ok || bad "expected 7 JSON lines, got $(wc -l <"$T/out")"
line() { sed -n "${1}p" "$T/out"; }
line 1 | grep -q '"input":"[^"]*compliant.jpg","verdict":"pass","faces":1,"failed":\[\]' && ok || bad "line 1: $(line 1 | head -c 200)"
line 1 | grep -q '"output":null' && ok || bad "no output without --out"
line 1 | grep -q '"ms":{"decode":[0-9.]*,"analyse":[0-9.]*,"output":[0-9.]*,"total":[0-9.]*}' && ok || bad "ms timings"
line 2 | grep -q '"verdict":"fail"' && line 2 | grep -q '"failed":\[[^]]*"hair.ears"' && ok || bad "line 2 portrait-1 fails hair.ears: $(line 2 | head -c 300)"
line 2 | grep -q '{"id":"hair.ears","ok":false,"value":[0-9.]*,"limit":0.08,"message":"Hair covers your ears' && ok || bad "hair.ears rule entry with value, limit, English message"
line 3 | grep -q '"input":"[^"]*missing.jpg","verdict":"error","error":"[^"]*missing.jpg: cannot open (No such file' && ok || bad "line 3: $(line 3)"
line 4 | grep -q '"verdict":"error","error":"the image is empty (0 bytes)"' && ok || bad "line 4: $(line 4)"
line 5 | grep -q '"verdict":"error","error":"[^"]*\(premature\|cut short\|truncat\)' && ok || bad "line 5 truncated: $(line 5)"
line 6 | grep -q '"verdict":"error","error":"the data is not a JPEG, PNG or WebP image' && ok || bad "line 6: $(line 6)"
line 7 | grep -q '"verdict":"fail","faces":0,"failed":\["face.count"\]' && ok || bad "line 7 cat: $(line 7 | head -c 200)"
line 7 | grep -q '{"id":"pose.roll","ok":null,"value":null,"limit":null,"message":"not checked' && ok || bad "rules without a face are not evaluated"

# --- fail without errors exits 1; --out writes only passing photos unless --out-all
rc=$(run "$GB" check --out "$T/o2" "$GOOD" "$FACES/eyes-closed-tilted.png")
[ "$rc" = 1 ] && ok || bad "a failing photo: exit $rc, expected 1"
[ -f "$T/o2/compliant.jpg" ] && [ ! -f "$T/o2/eyes-closed-tilted.jpg" ] && ok || bad "--out writes only passing photos"
rc=$(run "$GB" check --out "$T/o3" --out-all "$FACES/eyes-closed-tilted.png")
[ -f "$T/o3/eyes-closed-tilted.jpg" ] && ok || bad "--out-all writes a failing photo whose crop is possible"
grep -q "eyes.open" "$T/out" && grep -q "pose.roll" "$T/out" && ok || bad "human output lists the failed rules: $(cat "$T/out")"

# --- a backdrop colour the batch does not use
rc=$(run "$GB" check --json --backdrop blue "$GOOD")
grep -q '"failed":\["background.color"\]' "$T/out" && ok || bad "grey backdrop fails a blue batch: $(head -c 300 "$T/out")"

# --- a broken model path is a clear error
printf '[vision]\nface_model = %s/none.dat\n' "$T" >"$T/nomodel.ini"
rc=$(run "$GB" --config "$T/nomodel.ini" check "$GOOD")
[ "$rc" = 2 ] && grep -q "libdlib-data" "$T/err" && ok || bad "missing model: exit $rc, $(cat "$T/err")"

echo "check cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
