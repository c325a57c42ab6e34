"""A small TOML writer for definition files, shaped like the docs: the
scalars of a table first, then its sub-tables, then its arrays of tables
(``[[components]]``), so a file reads top to bottom like a definition.

Definition data holds only strings, integers, booleans, lists and tables
(decimals travel as strings), so nothing else is written.
"""

from __future__ import annotations

import json
import re
from typing import Any

from accountcore.errors import ArgumentTypeError

__all__ = ["toml_text"]

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
_INLINE_WIDTH = 72


def _key(key: str) -> str:
    return key if _BARE.match(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes are TOML's (\\uXXXX included); DEL must be escaped too.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _is_table_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) for v in value)
    )


def _literal(value: Any) -> str:
    """``value`` as an inline TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in value.items())
        return "{ " + inner + " }"
    raise ArgumentTypeError(
        "value", value, "a str, int, bool, list or table (definition data)"
    )


def _inline(value: Any) -> bool:
    """Whether ``value`` is written on its key's line."""
    if isinstance(value, dict):
        nested = any(isinstance(v, dict | list) and v for v in value.values())
        return not value or (not nested and len(_literal(value)) <= _INLINE_WIDTH)
    return not _is_table_list(value)


def _table(data: dict[str, Any], path: str, out: list[str]) -> None:
    for key, value in data.items():
        if _inline(value):
            out.append(f"{_key(key)} = {_literal(value)}")
    for key, value in data.items():
        if isinstance(value, dict) and not _inline(value):
            name = f"{path}.{_key(key)}" if path else _key(key)
            out.extend(["", f"[{name}]"])
            _table(value, name, out)
    for key, value in data.items():
        if _is_table_list(value):
            name = f"{path}.{_key(key)}" if path else _key(key)
            for item in value:
                out.extend(["", f"[[{name}]]"])
                _table(item, name, out)


def toml_text(data: dict[str, Any]) -> str:
    """``data`` as TOML text.

    >>> print(toml_text({"kind": "x", "items": [{"a": "1", "b": {"c": 2}}], "on": True}))
    kind = "x"
    on = true
    <BLANKLINE>
    [[items]]
    a = "1"
    b = { c = 2 }
    <BLANKLINE>
    """
    out: list[str] = []
    _table(data, "", out)
    return "\n".join(out) + "\n"
