#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them with the OpenBLAS reference in the same session, writing
# the raw outputs to experiments/results/benchmarks/. Usage: src/jmh/run-benchmarks.sh [JMH regex]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=experiments/results/benchmarks
mkdir -p "$out"
mvn -B -q -Pbench -DskipTests package
pattern="${1:-.*}"
{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  if command -v python3 >/dev/null && python3 -c 'import numpy' 2>/dev/null; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 src/jmh/python/gram_reference.py --chol 1000,2000
  else
    echo "numpy not available: no OpenBLAS reference in this run"
  fi
  java --add-modules jdk.incubator.vector -jar target/benchmarks.jar "$pattern" -f 1 -wi 3 -i 5 -w 1s -r 1s \
    -rf text -rff "$out/jmh.txt" 2>&1 | grep -vE '^(# |Iteration|$|WARNING)'
  if command -v python3 >/dev/null && python3 -c 'import numpy' 2>/dev/null; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 src/jmh/python/gram_reference.py --chol ''
  fi
} | tee "$out/run.log"
