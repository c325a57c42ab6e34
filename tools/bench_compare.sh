#!/bin/sh
# Every benchmark, before and after, side by side in one run.
#
#   tools/bench_compare.sh REV      (or: make bench-compare REV=<commit>)
#
# Checks REV out in a temporary worktree, installs its lock (with the bench
# group), then runs each benchmark module present in both trees: first at REV,
# then in this working tree, one after the other, so both see the same machine.
# Read the ratios each benchmark prints; the figures are not comparable
# across machines, only within one run.
set -eu
rev=${1:?usage: tools/bench_compare.sh REV}
here=$(pwd)
base=$(mktemp -d)
old="$base/before"
git worktree add --quiet --detach "$old" "$rev"
trap 'git -C "$here" worktree remove --force "$old"; rm -rf "$base"' EXIT
(cd "$old" && make --quiet .venv/.synced >/dev/null \
  && UV_PROJECT_ENVIRONMENT=.venv .tools/bin/uv sync --locked --quiet --group bench)
for path in benchmarks/*.py; do
  name=$(basename "$path" .py)
  case "$name" in _*) continue ;; esac
  [ -f "$old/benchmarks/$name.py" ] || continue
  echo "### benchmarks.$name: before ($rev)"
  (cd "$old" && .venv/bin/python -m "benchmarks.$name")
  echo "### benchmarks.$name: after (this tree)"
  .venv/bin/python -m "benchmarks.$name"
done
