#!/usr/bin/env bash
# Runs the JShell scripts notebooks/*.jsh (all but rclab-startup.jsh, or those named) from the
# repository root, each as a user would: jshell --class-path target/rclab.jar notebooks/NAME.jsh
# Builds target/rclab.jar when it is missing or stale; exits non-zero if any script fails.
#
#   notebooks/run-scripts.sh [SCRIPT.jsh ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
scripts=("$@")
if [[ ${#scripts[@]} -eq 0 ]]; then
  for s in notebooks/*.jsh; do
    [[ "$(basename "$s")" == rclab-startup.jsh ]] || scripts+=("$s")
  done
fi
./rclab --version >/dev/null   # builds target/rclab.jar when it is missing or stale
failed=0
for s in "${scripts[@]}"; do
  started=$(date +%s)
  if jshell --class-path target/rclab.jar "$s" </dev/null; then
    echo "$s: ok in $(( $(date +%s) - started )) s" >&2
  else
    echo "$s: FAILED (exit $?) after $(( $(date +%s) - started )) s" >&2
    failed=1
  fi
done
exit $failed
