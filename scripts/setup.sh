#!/usr/bin/env bash
# Sourced by demo.sh and test.sh: make sure the system packages and the virtual environment exist.
# Installs only what is missing; safe to run again and again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

say() { printf '[setup] %s\n' "$*" >&2; }

command -v "$PY" >/dev/null 2>&1 || { say "python3 not found: install Python 3.10 or newer"; exit 1; }
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
  || { say "Python 3.10 or newer is needed (found $("$PY" --version 2>&1))"; exit 1; }

# --- Debian packages: WeasyPrint's pango, harfbuzz's subsetter (fast font subsetting), venv support.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then sudo "$@"
  else return 1
  fi
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  pyver="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  need=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-babelstone-han)
  # fonts-babelstone-han: the report's fallback for ideographs its bundled font lacks (U+9FF0–9FFF of Unicode 14,
  # much of Extensions A–H: rare characters of place names); scorer/report/render.py FALLBACK_FONTS.
  # The test suite opens our --xlsx outputs in LibreOffice (headless) as a third-party reader;
  # only test.sh asks for it (SCORER_SETUP_TESTS=1), and its tests skip, saying why, without it.
  [ "${SCORER_SETUP_TESTS:-0}" = 1 ] && need+=(libreoffice-calc-nogui)
  # Debian's own python3 (in /usr/bin) creates virtual environments only with pythonX.Y-venv;
  # a Python built elsewhere (pyenv, conda, python.org) brings ensurepip with it.
  case "$(readlink -f "$(command -v "$PY")")" in
    /usr/bin/*) [ -x "$VENV/bin/python" ] || need+=("python${pyver}-venv");;
  esac
  for pkg in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  still=()
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
     && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    say "installed ${missing[*]}"
  elif as_root true; then
    # One package this distribution's archive lacks (the optional font) must not keep the others out: one by one.
    for pkg in "${missing[@]}"; do
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
        || still+=("$pkg")
    done
  else
    still=("${missing[@]}")
    say "could not install ${missing[*]} (not root and no sudo)."
  fi
  if [ "${#still[@]}" -gt 0 ]; then
    [ "${#still[@]}" -lt "${#missing[@]}" ] && say "installed all but ${still[*]}; apt-get could not install them."
    for pkg in "${still[@]}"; do
      case "$pkg" in
        libharfbuzz-subset0) say "going on without libharfbuzz-subset0: PDFs are written, more slowly (fontTools subsets the fonts)";;
        fonts-babelstone-han) say "going on without fonts-babelstone-han: a report whose text holds an ideograph the bundled font lacks (U+9FF0–9FFF, Extension B …) is refused, naming it";;
        libreoffice-calc-nogui) say "going on without LibreOffice: the tests that open --xlsx outputs in it are skipped";;
        *) say "$pkg is required: ask an administrator to run 'apt-get install ${still[*]}'"; exit 1;;
      esac
    done
  fi
fi

# --- The virtual environment, re-installed only when pyproject.toml changes.
stamp="$VENV/.scorer-pyproject.sha256"
# "compat": the install mode below is part of the stamp, so that a .venv made with setuptools' import hook is redone
want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) compat"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  say "creating the virtual environment in .venv"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! "$VENV/bin/python" -c 'import scorer.cli.main' >/dev/null 2>&1; then
  say "installing scorer and its dependencies into .venv (first run takes a minute or two)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  log="$VENV/pip-install.log"
  # An editable install whose .pth file is a path, not setuptools' import hook (strict/lenient modes import a finder
  # while Python starts, before any handler of ours: Ctrl-C in those ~30-120 ms printed "Fatal Python error:
  # init_import_site" and a traceback, bt16h F2). setuptools calls "compat" transitional: where it is gone, the
  # ordinary editable install is made instead.
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$ROOT[test]" \
        --config-settings editable_mode=compat >"$log" 2>&1 &&
     ! "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$ROOT[test]" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    say "installing the Python packages failed (full log: $log)"
    exit 1
  fi
  echo "$want" > "$stamp"
fi
