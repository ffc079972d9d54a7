#!/usr/bin/env bash
# Installs what the rclab notebooks need, skipping what is already there:
#   1. Debian's Jupyter tools (jupyter-nbconvert, python3-nbclient, jupyter-client), with apt-get
#      as root; elsewhere it says what to install;
#   2. the Java kernel io.github.padreati:rapaio-jupyter-kernel:3.0.1 from Maven Central, installed
#      with its own installer (`java -jar rapaio-jupyter-kernel-3.0.1.jar -i -auto`, a per-user
#      kernel spec "rapaio-jupyter-kernel");
#   3. the kernel spec "rclab" (display name "Java (rclab)"): the same kernel with this checkout's
#      target/rclab.jar on its class path (RJK_CLASSPATH), which the notebooks ask for.
# Run it again after moving the checkout. Usage: notebooks/install-kernel.sh
# JUPYTER names another jupyter command (e.g. JUPYTER=jupyter for one installed by pip); the default
# is Debian's /usr/bin/jupyter, not whatever `python3 -m jupyter` finds first on PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
version=3.0.1
jupyter="${JUPYTER:-/usr/bin/jupyter}"
python=/usr/bin/python3   # only reads and writes JSON here
[[ -x "$python" ]] || python=python3

# 1. Jupyter, headless execution included
usable() {
  "$jupyter" nbconvert --version >/dev/null 2>&1 && "$jupyter" kernelspec list >/dev/null 2>&1 || return 1
  if [[ "$jupyter" == /usr/bin/jupyter ]]; then
    /usr/bin/python3 -c 'import nbclient, jupyter_client' >/dev/null 2>&1 || return 1
  fi
}
if ! usable; then
  if [[ "$jupyter" == /usr/bin/jupyter && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "install-kernel: installing jupyter-nbconvert python3-nbclient jupyter-client (apt-get)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jupyter-nbconvert python3-nbclient jupyter-client >/dev/null
  else
    echo "install-kernel: no usable Jupyter at $jupyter; on Debian/Ubuntu run" >&2
    echo "  sudo apt-get install jupyter-nbconvert python3-nbclient jupyter-client" >&2
    echo "or point JUPYTER at another jupyter command (with nbconvert and nbclient)" >&2
    exit 1
  fi
fi

kernel_dir() {   # the resource directory of kernel spec $1, or nothing
  "$jupyter" kernelspec list --json 2>/dev/null | "$python" -c '
import json, sys
spec = json.load(sys.stdin)["kernelspecs"].get(sys.argv[1])
print(spec["resource_dir"] if spec else "")' "$1"
}

# 2. the rapaio Java kernel, by its installer (the installer always writes to
#    ~/.local/share/jupyter/kernels; the rclab spec below takes the jar it was given)
rjk_dir="$(kernel_dir rapaio-jupyter-kernel)"
kernel_jar="$rjk_dir/rapaio-jupyter-kernel-$version.jar"
if [[ -z "$rjk_dir" || ! -f "$kernel_jar" ]]; then
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  echo "install-kernel: fetching io.github.padreati:rapaio-jupyter-kernel:$version (Maven Central)" >&2
  if ! log="$(cd "$download" && mvn -B -q dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$version" -DoutputDirectory="$download" 2>&1)"; then
    echo "$log" >&2
    echo "install-kernel: could not fetch the kernel from Maven Central" >&2
    exit 1
  fi
  kernel_jar="$download/rapaio-jupyter-kernel-$version.jar"
  if ! log="$(java -jar "$kernel_jar" -i -auto 2>&1)"; then
    echo "$log" >&2
    echo "install-kernel: the kernel's installer failed" >&2
    exit 1
  fi
  echo "install-kernel: rapaio-jupyter-kernel-$version installed by its installer; $(grep -m1 'Installation path' <<<"$log")" >&2
fi

# 3. the "rclab" spec: its own copy of the kernel jar, and rclab's jar on the class path
spec="$(mktemp -d)"
cp "$kernel_jar" "$spec/"
data_dir="$("$jupyter" --data-dir)"
"$python" - "$spec/kernel.json" "$data_dir/kernels/rclab/rapaio-jupyter-kernel-$version.jar" \
    "$root/target/rclab.jar" <<'EOF'
import json, sys
out, kernel_jar, rclab_jar = sys.argv[1:]
json.dump({
    "argv": ["java", "-Djava.awt.headless=true", "-jar", kernel_jar, "{connection_file}"],
    "display_name": "Java (rclab)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": rclab_jar, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "",
            "RJK_TIMEOUT_MILLIS": "-1", "RJK_MIMA_CACHE": "mima_cache"},
}, open(out, "w"), indent=2)
EOF
"$jupyter" kernelspec install --user --replace --name rclab "$spec" >/dev/null 2>&1
rm -rf "$spec"
installed="$(kernel_dir rclab)"
if [[ "$installed" != "$data_dir/kernels/rclab" ]]; then
  echo "install-kernel: the kernel spec rclab was not installed where expected ($data_dir/kernels/rclab)" >&2
  exit 1
fi
echo "install-kernel: kernel spec 'rclab' (Java (rclab)) in $installed, class path $root/target/rclab.jar" >&2
