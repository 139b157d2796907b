#!/usr/bin/env bash
# Side-by-side: `evidoc build` against Hugo (Debian's hugo) on the same
# synthetic articles (bench/gen_content.py), built alternately into sibling
# folders. Prints, for each N, the median wall time and the median peak
# memory (max RSS, from GNU time) of each, and the ratio.
#
# usage: bench/hugo_compare.sh [path/to/evidoc]   (a Release build)
# env:   SIZES="1000 10000"  RUNS=5  BENCH_DIR=/tmp/evidoc-bench  SEED=1
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
evidoc=${1:-$here/../build/release/src/cli/evidoc}
sizes=${SIZES:-"1000 10000"}
runs=${RUNS:-5}
bench_dir=${BENCH_DIR:-/tmp/evidoc-bench}
seed=${SEED:-1}
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 2; }
[ -x "$evidoc" ] || { echo "no evidoc binary at $evidoc" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 2; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "evidoc: $evidoc"
echo "hugo:   $(hugo version | cut -d' ' -f1-2)"
echo "cores:  $(nproc), runs per size: $runs (medians), seed $seed"
printf '\n%8s  %12s  %12s  %8s  %14s  %14s\n' N evidoc_s hugo_s speedup evidoc_rss_MiB hugo_rss_MiB
for n in $sizes; do
  dir=$bench_dir/n$n
  python3 "$here/gen_content.py" "$n" "$dir" --seed "$seed"
  rm -rf "$dir/out-evidoc" "$dir/out-hugo"
  # One untimed build each, so both start with a warm file cache and an
  # existing output folder to replace.
  "$evidoc" build "$dir/evidoc" -o "$dir/out-evidoc" >/dev/null 2>&1
  hugo --source "$dir/hugo" --destination "$dir/out-hugo" --quiet >/dev/null 2>&1
  : > "$dir/evidoc.times"
  : > "$dir/hugo.times"
  for ((r = 1; r <= runs; r++)); do
    /usr/bin/time -f '%e %M' -o "$dir/t" "$evidoc" build "$dir/evidoc" -o "$dir/out-evidoc" \
      >/dev/null 2>"$dir/evidoc.stderr" || { cat "$dir/evidoc.stderr" >&2; exit 1; }
    cat "$dir/t" >> "$dir/evidoc.times"
    /usr/bin/time -f '%e %M' -o "$dir/t" hugo --source "$dir/hugo" --destination "$dir/out-hugo" \
      --quiet >/dev/null 2>"$dir/hugo.stderr" || { cat "$dir/hugo.stderr" >&2; exit 1; }
    cat "$dir/t" >> "$dir/hugo.times"
  done
  e_s=$(awk '{print $1}' "$dir/evidoc.times" | median)
  h_s=$(awk '{print $1}' "$dir/hugo.times" | median)
  e_m=$(awk '{print $2/1024}' "$dir/evidoc.times" | median)
  h_m=$(awk '{print $2/1024}' "$dir/hugo.times" | median)
  ratio=$(awk -v e="$e_s" -v h="$h_s" 'BEGIN {printf "%.1fx", (e > 0 ? h / e : 0)}')
  e_files=$(find "$dir/out-evidoc" -type f | wc -l)
  h_files=$(find "$dir/out-hugo" -type f | wc -l)
  printf '%8s  %12s  %12s  %8s  %14.0f  %14.0f   (files: evidoc %s, hugo %s)\n' \
    "$n" "$e_s" "$h_s" "$ratio" "$e_m" "$h_m" "$e_files" "$h_files"
done
