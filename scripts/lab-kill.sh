#!/usr/bin/env bash
# A msgq types lab pair (two controllers, --role receiver and --role sender, meeting in one
# shared directory), started a random moment apart, one runner SIGKILLed after a random number
# of its controller's events (0: as soon as its runner exists, while the controllers join).
# Prints one line per pair: which runner was killed (or why the kill missed: it had already
# ended), and the exit status of both controllers. An exit 70 (ipc-demo's internal error) keeps
# both controllers' stdout and stderr under $KEEP.
#   scripts/lab-kill.sh [pairs] [run|play] [play delay ms]
# A controller whose peer was killed (or had finished) waits for a new one (lab mode: a person may start it
# again); it is ended with SIGTERM (143) 5 s after the other controller exits ("waited"). A pair
# where no kill happened and one side waits is a pair that missed each other: the side that came
# second must have been told so ("waited(told)", a peer-finished note), else its record is kept,
# as is that of a pair where a controller exited 1 with no kill.
set -u
cd "$(dirname "$0")/.."
pairs=${1:-20} mode=${2:-run} delay=${3:-40}
keep=${KEEP:-/tmp/ipc-demo-lab-kill}
mkdir -p "$keep"
export XDG_RUNTIME_DIR=
lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
for i in $(seq "$pairs"); do
  B=$(mktemp -d "${TMPDIR:-/tmp}/labkill-XXXXXX")
  start() { TMPDIR=$B node bin/ipc-demo.js msgq --variant types --role "$1" --mode "$mode" --delay "$delay" --json >"$B/$1.out" 2>"$B/$1.err" & }
  first=$([ $((RANDOM % 2)) = 0 ] && echo receiver || echo sender)
  second=$([ "$first" = receiver ] && echo sender || echo receiver)
  start "$first"; P1=$!
  sleep "0.$((RANDOM % 10))"
  start "$second"; P2=$!
  side=$([ $((RANDOM % 2)) = 0 ] && echo receiver || echo sender)
  [ "$side" = "$first" ] && victim=$P1 || victim=$P2
  at=$((RANDOM % 50))
  if [ "$mode" = run ]; then
    # A run mode pair is over in a moment once its runners start: kill at a random time instead.
    sleep "$((RANDOM % 2)).$((RANDOM % 10))"
    pid=$(pgrep -f "runner.cjs msgq $side .*$B" | head -1)
  else
    # Wait for the victim's controller to have printed $at events (or to have ended); its runner's pid is in its hello.
    while [ "$(lines "$B/$side.out")" -lt "$at" ] && kill -0 "$victim" 2>/dev/null; do sleep 0.005; done
    pid=$(grep -m1 '"kind":"hello"' "$B/$side.out" | grep -o '"pid":[0-9]*' | head -1 | cut -d: -f2)
    # Before its hello (at 0, or a runner still starting): the runner found by its command line.
    [ -z "$pid" ] && pid=$(pgrep -f "runner.cjs msgq $side .*$B" | head -1)
  fi
  # Only the runner itself: a pid read a moment ago may have ended, and been reused.
  if [ -n "$pid" ] && grep -q "runner.cjs" "/proc/$pid/cmdline" 2>/dev/null && kill -9 "$pid" 2>/dev/null; then
    killed="$side($pid)@$(lines "$B/$side.out")"
  else
    killed="none($side gone@$(lines "$B/$side.out"))"
  fi
  # The first controller to end, then the other: either may be the one left waiting (the kill may have missed).
  wait -n -p done "$P1" "$P2"; rd=$?
  [ "$done" = "$P1" ] && other=$P2 || other=$P1
  waited=""
  timeout 5 tail --pid="$other" -f /dev/null
  if kill -0 "$other" 2>/dev/null; then
    waited=" waited"
    # Told that the other had already finished and left (a peer-finished note), or waiting unaware.
    grep -qh '"code":"peer-finished"' "$B"/*.out && waited="$waited(told)"
    kill -TERM "$other"
  fi
  wait "$other"; ro=$?
  [ "$done" = "$P1" ] && { r1=$rd; r2=$ro; } || { r1=$ro; r2=$rd; }
  [ "$first" = receiver ] && { rr=$r1; rs=$r2; } || { rr=$r2; rs=$r1; }
  # How the killed runner ended, by its controller's exit event: a runner already exiting when the kill came ends as it would have.
  [ -n "$pid" ] && ended=" ended=$(grep -h "\"kind\":\"exit\",\"pid\":$pid," "$B/$side.out" | grep -o '"signal":[^,]*\|"code":[0-9]*' | tr '\n' ' ' | sed 's/ $//')" || ended=""
  echo "$(date +%T) first=$first killed=$killed$ended r=$rr s=$rs$waited"
  # Kept: an internal error; a pair that missed each other untold; a controller that failed with no kill.
  untouched=$([ "${killed#none}" != "$killed" ] && echo yes)
  if [ "$rr" = 70 ] || [ "$rs" = 70 ] || { [ -n "$untouched" ] && { [ "$waited" = " waited" ] || [ "$rr" = 1 ] || [ "$rs" = 1 ]; }; }; then
    cp -r "$B" "$keep/pair-$i-$$" && echo "  kept $keep/pair-$i-$$"
  fi
  rm -rf "$B"
done
