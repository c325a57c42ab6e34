"""Typing is part of the API: ``tests/typing/public_api.py`` holds lines that
must type-check under ``mypy --strict`` and lines that must not (each marked
``# type: ignore[<code>]``; strict mode flags an ignore that is no longer
needed)."""

from __future__ import annotations

from pathlib import Path

from mypy import api

CHECKED = Path(__file__).parent / "typing" / "public_api.py"


def test_the_public_api_types_as_documented() -> None:
    stdout, stderr, status = api.run(
        ["--strict", "--warn-unused-ignores", "--no-error-summary", str(CHECKED)]
    )

    assert (stdout, stderr, status) == ("", "", 0)
