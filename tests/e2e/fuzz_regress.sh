#!/usr/bin/env bash
# Replays every fuzz regression input (tests/fuzz/regress/HARNESS/*) and seed
# (tests/fuzz/corpus/HARNESS/*) through its harness, built as a plain
# program (tests/fuzz/harness/replay.c) against the objects of the build
# under test: build/obj for the normal pass, build/san (ASan+UBSan) for the
# sanitized pass. Fails on any crash, assertion, sanitizer report or leak,
# on a harness taking more than a few seconds (a hang), and when a
# regression input exists for a harness that cannot be built.
#   tests/e2e/fuzz_regress.sh build/planif-rapport[-san]
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
. tests/fuzz/lib.sh
bin=$1
bdir=$(dirname "$bin")
# each harness replays its inputs in well under a second; a hang or a
# quadratic case (such as regress/font/gpos-kern-lookups-quadratic: 7 s
# before its fix) goes over the limit and fails
case $(basename "$bin") in
  *-san) objdir=$bdir/san; limit=20
         mode=(-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all) ;;
  *)     objdir=$bdir/obj; limit=5; mode=(-O1 -g) ;;
esac
objs=()
for o in "$objdir"/*/*.o; do    # src/LAYER/x.c -> OBJDIR/LAYER/x.o (main.o is not in a folder)
  rel=${o#"$objdir"/}
  [ -f "src/${rel%.o}.c" ] && objs+=("$o")
done
[ ${#objs[@]} -gt 0 ] || { echo "pas d'objets dans $objdir"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fuzz_defined_symbols "$tmp/symbols" "${objs[@]}"
read -r -a CFLAGS <<<"$(fuzz_base_cflags) -Werror"
read -r -a LIBS <<<"$(fuzz_libs)"
cc=${CC:-cc}
status=0; n_files=0; n_harness=0
for h in tests/fuzz/harness/fuzz_*.c; do
  name=$(basename "${h%.c}"); name=${name#fuzz_}
  files=()
  # shellcheck disable=SC2046
  for d in "tests/fuzz/regress/$name" "tests/fuzz/corpus/$name" $(fuzz_meta "$h" seeds); do
    [ -d "$d" ] || continue
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$d" -type f ! -name '.*' -print0 | sort -z)
  done
  if ! fuzz_enabled "$h" "$tmp/symbols"; then
    if [ -d "tests/fuzz/regress/$name" ] && [ -n "$(ls -A "tests/fuzz/regress/$name")" ]; then
      echo "ÉCHEC $name : entrées de régression présentes mais harnais non constructible ($(fuzz_meta "$h" requires))"
      status=1
    fi
    continue
  fi
  if ! "$cc" "${CFLAGS[@]}" "${mode[@]}" -Itests/fuzz/harness -o "$tmp/$name" \
        "$h" tests/fuzz/harness/replay.c "${objs[@]}" "${LIBS[@]}" 2>"$tmp/$name.cc"; then
    echo "ÉCHEC $name : compilation"; cat "$tmp/$name.cc"; status=1; continue
  fi
  n_harness=$((n_harness + 1))
  [ ${#files[@]} -gt 0 ] || continue
  start=$(date +%s.%N)
  (cd "$ROOT" && timeout "$limit" "$tmp/$name" "${files[@]}") >"$tmp/$name.out" 2>&1
  rc=$?
  if [ $rc = 124 ]; then
    echo "ÉCHEC $name : plus de $limit s pour ${#files[@]} entrées (une entrée lente est revenue ?)"
    status=1
  elif [ $rc != 0 ]; then
    last=$(grep -c '^ok ' "$tmp/$name.out")
    echo "ÉCHEC $name sur ${files[$last]}"
    grep -v '^ok ' "$tmp/$name.out" | head -40
    status=1
  fi
  n_files=$((n_files + ${#files[@]}))
  printf '  %-12s %4d entrées  %6.2f s\n' "$name" ${#files[@]} "$(echo "$(date +%s.%N) - $start" | bc)"
done
echo "fuzz_regress : $n_harness harnais, $n_files entrées rejouées"
exit $status
