#!/usr/bin/env bash
# Executes the notebooks headless with the "Java (rclab)" kernel; exits non-zero if any cell fails.
#
#   notebooks/run-notebooks.sh [--update] [NOTEBOOK.ipynb ...]     (default: every notebooks/*.ipynb)
#
# Installs what is missing first (notebooks/install-kernel.sh: Debian's Jupyter tools, the rapaio
# Java kernel, the "rclab" kernel spec) and builds target/rclab.jar when it is missing or stale.
# Executed copies go to out/notebooks/; with --update they also replace the notebooks, so the
# committed outputs (figures included) are refreshed.
#
# The kernel's start has a race that fails some starts with "Kernel didn't respond": only that
# failure is retried (up to 4 attempts); an error in a cell fails at once. JUPYTER names another
# jupyter command than Debian's /usr/bin/jupyter.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jupyter="${JUPYTER:-/usr/bin/jupyter}"   # Debian's, not whatever `python3 -m jupyter` finds first
python=/usr/bin/python3
[[ -x "$python" ]] || python=python3
attempts=4
update=false
notebooks=()
for arg in "$@"; do
  case "$arg" in
    --update) update=true ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) notebooks+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
  esac
done
if [[ ${#notebooks[@]} -eq 0 ]]; then
  notebooks=("$here"/*.ipynb)
fi

"$here/install-kernel.sh"
"$root/rclab" --version >/dev/null   # builds target/rclab.jar when it is missing or stale

outdir="$root/out/notebooks"
mkdir -p "$outdir"
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  log="$outdir/${name%.ipynb}.log"
  for attempt in $(seq 1 "$attempts"); do
    started=$(date +%s)
    rc=0
    # the kernel runs in the notebook's folder, so relative paths (out/...) land in notebooks/out/
    "$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=rclab \
        --ExecutePreprocessor.startup_timeout=20 --ExecutePreprocessor.timeout=600 \
        --output-dir "$outdir" --output "$name" "$nb" >"$log" 2>&1 || rc=$?
    seconds=$(( $(date +%s) - started ))
    if [[ $rc -eq 0 ]]; then
      break
    fi
    if grep -q "Kernel didn't respond" "$log" && ! grep -q "CellExecutionError" "$log"; then
      echo "$name: the kernel did not start (attempt $attempt of $attempts, known race); retrying" >&2
      continue
    fi
    break
  done
  if [[ $rc -eq 0 ]]; then
    # nbconvert stops at an error cell; check the stored outputs as well
    if ! errors="$("$python" - "$outdir/$name" <<'EOF'
import json, sys
nb = json.load(open(sys.argv[1]))
bad = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
       and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
if bad:
    print("error outputs in cells " + ", ".join(map(str, bad)))
    sys.exit(1)
EOF
)"; then
      rc=1
      echo "$errors" >>"$log"
    fi
  fi
  if [[ $rc -ne 0 ]]; then
    echo "$name: FAILED after ${seconds} s (log $log):" >&2
    if grep -q "CellExecutionError" "$log"; then
      sed -n '/CellExecutionError:/,$p' "$log" | grep -v '^\[20[0-9][0-9]-' >&2   # the cell and its error
    else
      grep -v '^\[20[0-9][0-9]-' "$log" | tail -40 >&2
    fi
    failed=1
    continue
  fi
  echo "$name: ok in ${seconds} s" >&2
  if $update; then
    cp "$outdir/$name" "$nb"
  fi
done
exit $failed
