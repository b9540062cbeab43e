# Shared by the command-line tests: a temporary folder, counters and the
# checks. Source it after setting GB (the program) and SRC (the source tree).
# shellcheck shell=bash
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export GRADBOOTH_CONFIG= HOME=$T/home XDG_DATA_HOME=
fails=0
passes=0

# expect CODE "description" CMD... ; output in $T/out, $T/err
expect() {
  local want=$1 what=$2
  shift 2
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"
    echo "  stdout: $(head -c 600 "$T/out")"
    echo "  stderr: $(head -c 600 "$T/err")"
    fails=$((fails + 1))
  else
    passes=$((passes + 1))
  fi
}
# contains FILE TEXT "description"
contains() {
  if grep -qF -- "$2" "$1"; then passes=$((passes + 1)); else
    echo "FAIL: $3: '$2' not in $(basename "$1"):"
    head -c 800 "$1" | sed 's/^/  /'
    fails=$((fails + 1))
  fi
}
# lacks FILE TEXT "description"
lacks() {
  if grep -qF -- "$2" "$1"; then
    echo "FAIL: $3: '$2' should not be in $(basename "$1")"
    fails=$((fails + 1))
  else passes=$((passes + 1)); fi
}
