#!/usr/bin/env bash
# Many runs at once, as a loaded lab server has them: every run's --json stream must hold
# all its output lines. Prints how many runs gave how many output lines; a run that gave
# another number keeps its stdout and stderr under $KEEP (default /tmp/ipc-demo-parallel).
#   scripts/parallel-runs.sh [runs per loop] [demo] [variant] [expected output lines]
# e.g. scripts/parallel-runs.sh 50 fifo nonblock 2   (6 loops at once: 300 runs)
set -u
cd "$(dirname "$0")/.."
runs=${1:-50} demo=${2:-fifo} variant=${3:-nonblock} expected=${4:-2}
keep=${KEEP:-/tmp/ipc-demo-parallel}
mkdir -p "$keep"
for loop in 1 2 3 4 5 6; do
  (
    for i in $(seq "$runs"); do
      out=$(node bin/ipc-demo.js "$demo" --variant "$variant" --mode run --json 2>"$keep/err-$loop-$i")
      rc=$?
      n=$(grep -c '"output"' <<<"$out")
      if [ "$n" != "$expected" ]; then
        printf '%s\nexit %s\n' "$out" "$rc" >"$keep/out-$loop-$i"
      else
        rm -f "$keep/err-$loop-$i"
      fi
      echo "$n"
    done
  ) &
done | sort | uniq -c | sed "s/\$/ output lines (expected $expected)/"
wait
ls "$keep"/out-* >/dev/null 2>&1 && echo "runs that gave another number: $keep" || rmdir "$keep" 2>/dev/null
true
