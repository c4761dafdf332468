# Sourced by bin/serve, bin/test and bin/readme-check: make a virtual environment hold exactly what
# uv.lock pins, the project with its test extra, so that every bin/ command shares one environment.
#
# It installs only when uv.lock or pyproject.toml changed since the last install (a stamp named by
# their digest), uses the python3 it finds (3.11 or newer) and never downloads a Python. uv itself
# comes from PyPI through pip, at the version the lock pins (pyproject.toml's dev group), so the
# locked sync keeps it: `.venv/bin/uv lock --upgrade` refreshes the lock.
#
#   FILMCLUB_VENV    the environment's folder (default .venv; CI uses .venv-3.13 for Python 3.13)
#   FILMCLUB_PYTHON  the Python that creates it (default python3)
UV_VERSION=0.13.9  # the same as pyproject.toml's dev group

# uv into the environment, from PyPI with pip; the locked sync keeps it (the dev group pins it).
bootstrap_uv() {
  "$1/bin/python" -m pip --version > /dev/null 2>&1 || "$1/bin/python" -m ensurepip -q
  "$1/bin/python" -m pip install --disable-pip-version-check -q "uv==${UV_VERSION}"
}

ensure_venv() {
  local venv="${FILMCLUB_VENV:-.venv}" python="${FILMCLUB_PYTHON:-python3}" digest stamp
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "filmclub needs Python 3.11 or newer; \`$python\` is $("$python" --version 2>&1 || echo missing)." \
      "Put a newer python3 first in PATH, or set FILMCLUB_PYTHON." >&2
    return 1
  fi
  # An environment whose Python is gone or too old (made by an earlier checkout) is made afresh.
  if ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
  fi
  digest=$(cat uv.lock pyproject.toml | sha256sum | cut -c1-16)
  stamp="$venv/.synced-${digest}"
  [ -f "$stamp" ] && return 0
  echo "Installing the locked dependencies into $venv ($("$venv/bin/python" --version))…"
  if ! {
    { [ -x "$venv/bin/uv" ] || bootstrap_uv "$venv"; } \
      && UV_PROJECT_ENVIRONMENT="$venv" UV_PYTHON_DOWNLOADS=never \
        "$venv/bin/uv" sync --locked --extra test --python "$venv/bin/python"
  } > "$venv/install.log" 2>&1; then
    cat "$venv/install.log"
    echo "Installing dependencies failed; the log above is also in $venv/install.log." \
      "If pyproject.toml changed, refresh the lock: .venv/bin/uv lock" >&2
    return 1
  fi
  rm -f "$venv"/.synced-* "$venv"/.installed-*
  touch "$stamp"
}
