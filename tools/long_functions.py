"""List the functions of ``src/accountcore`` longer than a reader can hold.

A function's length is its lines from ``def`` to its last statement, without
its docstring (a docstring is documentation, and ours carry examples).
Usage: ``python tools/long_functions.py [LIMIT]`` (default 60); exits 1 if any.
"""

from __future__ import annotations

import ast
import pathlib
import sys


def long_functions(root: pathlib.Path, limit: int) -> list[tuple[int, str, str, int]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                doc = body[0]
                length -= doc.end_lineno - doc.lineno + 1  # type: ignore[operator]
            if length > limit:
                found.append((length, str(path), node.name, node.lineno))
    return sorted(found, reverse=True)


def main() -> int:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    found = long_functions(pathlib.Path("src/accountcore"), limit)
    for length, path, name, line in found:
        print(f"{length:4d}  {path}:{line}  {name}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
