"""The command line: ``python -m accountcore demo [--locale L]``.

This package and ``storage/`` are the only places that do I/O: here, printing
to standard output. The demo itself is built as text by pure functions in
:mod:`accountcore.cli.demo`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from accountcore.cli.demo import LOCALES, render_demo

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accountcore", description="Exact, explainable account management."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="walk through the library on embedded data")
    demo.add_argument(
        "--locale",
        default="en_US",
        help=(
            f"locale to tell the story in (default en_US; try {', '.join(LOCALES[1:])});"
            " a locale in another language (de_DE) is refused with exit code 2"
            " rather than told in English"
        ),
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        try:
            text = render_demo(args.locale)
        except ValueError as error:
            print(f"accountcore: {error}", file=sys.stderr)
            return 2
        sys.stdout.write(text)
        return 0
    return 2  # pragma: no cover - argparse refuses unknown commands
