# Sourced by bin/serve and bin/test: make .venv hold what pyproject.toml asks for.
# Re-installs only when pyproject.toml (or the extras asked for) changed since the last install.
ensure_venv() {
  local extras="$1" spec="." stamp digest
  [ -n "$extras" ] && spec=".[${extras}]"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  digest=$( (cat pyproject.toml; echo "$extras") | sha256sum | cut -c1-16)
  stamp=".venv/.installed-${digest}"
  if [ ! -f "$stamp" ]; then
    echo "Installing dependencies into .venv ($spec)…"
    if ! { .venv/bin/python -m pip install --upgrade pip \
           && .venv/bin/python -m pip install -e "$spec"; } > .venv/pip.log 2>&1; then
      cat .venv/pip.log
      echo "Installing dependencies failed; the log above is also in .venv/pip.log." >&2
      return 1
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}
