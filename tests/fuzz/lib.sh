# lib.sh — shell helpers shared by tests/fuzz/run and tests/e2e/fuzz_regress.sh
# (sourced, not run). Callers set ROOT to the repository root.

# The compile flags of the Makefile (without -Werror for other compilers).
fuzz_base_cflags() {
  local version
  version=$(cat "$ROOT/VERSION" 2>/dev/null || echo 0.0.0)
  # shellcheck disable=SC2046
  echo -std=c11 -Wall -Wextra -Wpedantic -pthread -D_POSIX_C_SOURCE=200809L \
    "-DPR_VERSION=\"$version\"" "-DPR_DATADIR=\"/usr/local/share/planif-rapport\"" "-DPR_FUZZ_ROOT=\"$ROOT\"" -I"$ROOT/src" \
    $(pkg-config --cflags yaml-0.1 jansson xlsxwriter libpng libjpeg 2>/dev/null)
}

fuzz_libs() {
  echo $(pkg-config --libs yaml-0.1 jansson xlsxwriter zlib libpng libjpeg 2>/dev/null) -lhpdf -lhyphen -lm -pthread
}

# The value of a "KEY: ..." line in a harness's banner comment.
fuzz_meta() {
  sed -n "s/^ *\*\{0,1\} *$2: *//p" "$1" | head -1 | sed 's/ *\*\/ *$//'
}

# Succeeds when every symbol the harness requires is defined by the objects
# whose defined-symbol list is in file $2.
fuzz_enabled() {
  local sym
  for sym in $(fuzz_meta "$1" requires); do
    grep -qx "$sym" "$2" || return 1
  done
  return 0
}

# Write the names of the global functions the objects define to file $1.
fuzz_defined_symbols() {
  local out=$1; shift
  nm --defined-only -g "$@" 2>/dev/null | awk 'NF == 3 && $2 == "T" { print $3 }' | sort -u > "$out"
}
