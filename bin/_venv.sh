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
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e "$spec"
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}
