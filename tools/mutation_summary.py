"""Summarise a mutmut run per file, message-only survivors counted apart.

Run from the project root after ``mutmut run`` (``make mutation`` does both):

    .venv/bin/python tools/mutation_summary.py              # the table
    .venv/bin/python tools/mutation_summary.py --survivors  # and every survivor's diff

A mutant that is not killed is *message-only* when the mutated function and
the original differ in string literals only (``"rate must not be below 0"``
-> ``"XXrate must not be below 0XX"``, an f-string's text, a message id):
the same code with other text. Such a mutant changes what a person reads,
not what is paid, and the tests that check a message names the bad value do
not spell every word of it. Everything else that survives is a gap in the
tests, or an equivalent mutant (no observable difference) to be named as such.

Scores count a timeout as detected (mutmut's own convention):

- ``score`` = (killed + timeout) / mutants;
- ``score without message-only`` = (killed + timeout) / (mutants - message-only).

``no tests`` (a function none of the selected tests calls) counts as not
killed; ``not checked`` (a mutant the run has not reached yet, or that fell
outside ``MUTANTS``) counts in neither figure. This script reads mutmut's own files under ``mutants/`` through the
locked mutmut's API (``uv.lock``): a mutmut upgrade may need it adjusted.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import (
    get_diff_for_mutant,
    read_functions_from_index,
    read_mutant_function,
    read_mutants_module,
    read_original_function,
)
from mutmut.stats import status_by_exit_code
from mutmut.utils.file_utils import walk_mutatable_files

DETECTED = ("killed", "timeout", "caught by type check")


class _Blank(ast.NodeTransformer):
    """Every string literal (f-string text included) made the same."""

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(""), node)
        return node


def _shape(function: cst.FunctionDef) -> str:
    tree = ast.parse(cst.Module([function]).code)
    return ast.dump(_Blank().visit(tree))


def _functions(name: str, path: Path) -> tuple[cst.FunctionDef, cst.FunctionDef]:
    functions = read_functions_from_index(name, path)
    if functions is None:
        module = read_mutants_module(path)
        functions = (
            read_original_function(module, name),
            read_mutant_function(module, name),
        )
    return functions


def message_only(name: str, path: Path) -> bool:
    """Whether mutant ``name`` changes string literals and nothing else."""
    original, mutant = _functions(name, path)
    return _shape(original) == _shape(mutant)


@dataclass
class FileFigures:
    path: Path
    status: Counter[str] = field(default_factory=Counter)
    message_only: list[str] = field(default_factory=list)
    survivors: list[str] = field(default_factory=list)  # not killed, not message-only

    @property
    def total(self) -> int:
        return sum(self.status.values())

    @property
    def detected(self) -> int:
        return sum(self.status[s] for s in DETECTED)

    def score(self, *, without_messages: bool = False) -> str:
        total = self.total - self.status["not checked"]
        total -= len(self.message_only) if without_messages else 0
        return f"{100.0 * self.detected / total:.1f}%" if total else "-"


def figures(path: Path) -> FileFigures:
    data = SourceFileMutationData(path=path)
    data.load()
    out = FileFigures(path)
    for name, exit_code in sorted(data.exit_code_by_key.items()):
        status = status_by_exit_code[exit_code]
        out.status[status] += 1
        if status in DETECTED or status == "not checked":
            continue
        if message_only(name, path):
            out.message_only.append(name)
        else:
            out.survivors.append(name)
    return out


def _diffs(rows: list[FileFigures], *, messages: bool) -> str:
    out = []
    for row in rows:
        for name in row.survivors + (row.message_only if messages else []):
            kind = "message-only" if name in row.message_only else "survivor"
            out.append(
                f"# {name} ({kind})\n{get_diff_for_mutant(name, path=row.path)}\n"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--survivors", action="store_true", help="print the diff of every survivor"
    )
    parser.add_argument(
        "--message-only",
        action="store_true",
        help="with --survivors, also the diffs of message-only survivors",
    )
    args = parser.parse_args(argv)
    if not Path("mutants").is_dir():
        print("no mutants/ here: run `make mutation` first", file=sys.stderr)
        return 2
    rows = [figures(path) for path in sorted(walk_mutatable_files())]
    head = (
        f"{'file':42} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8}"
        f" {'msg-only':>8} {'score':>6} {'w/o msg':>7}"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        s = row.status
        survived = len(row.survivors) + len(row.message_only)
        print(
            f"{row.path!s:42} {row.total:7} {s['killed']:6} {s['timeout']:7}"
            f" {survived:8} {len(row.message_only):8}"
            f" {row.score():>6} {row.score(without_messages=True):>7}"
        )
        other = set(s) - {"killed", "timeout", "survived"}
        if other:
            print("    of which: " + ", ".join(f"{k} {s[k]}" for k in sorted(other)))
    report = Path("mutants") / "survivors.txt"
    report.write_text(_diffs(rows, messages=True), encoding="utf-8")
    print(f"\nEvery survivor's diff (message-only ones marked): {report}")
    if args.survivors:
        print(_diffs(rows, messages=args.message_only))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
