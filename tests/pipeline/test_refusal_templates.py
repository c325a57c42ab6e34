"""The English texts of the built-in refusals are code, not data: each uses
named placeholders with only the refusal formatter's own specs."""

from __future__ import annotations

import re
import string

from accountcore.pipeline import refusals

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def test_every_builtin_refusal_text_uses_plain_names_and_known_specs_only() -> None:
    # {stage!r} quotes a key as the pipeline always has; {stage:or} and
    # {stage:list} join several keys; nothing else (no width, no lookup)
    wrong = [
        (code, name, conversion, spec)
        for code, template in refusals._ENGLISH.items()
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
        and not (
            NAME.fullmatch(name)
            and conversion in {None, "r"}
            and spec in {"", "or", "list"}
        )
    ]

    assert wrong == []
