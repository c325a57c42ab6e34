"""The command line: ``accountcore COMMAND`` (``python -m accountcore``).

With the extra ``accountcore[cli]`` (click, rich, openpyxl) every command of
:mod:`accountcore.cli.app` runs: ``demo``, ``plan check``, ``pipeline
diagram``, ``commissions run``. Without it, ``demo`` still runs (argparse);
any other command says how to install the extra. This package, ``storage/``,
``definitions/`` and ``frames.files`` are the places that do I/O. The demo
itself is built as text by pure functions in :mod:`accountcore.cli.demo`.
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
    try:
        from accountcore.cli import app
    except ImportError:  # the extra cli is not installed: the demo still runs
        return _demo_only(argv)
    return app.run(argv)


def _demo_only(argv: Sequence[str] | None) -> int:
    """The command line without click: the demo, or how to get the rest."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words and words[0] not in {"demo", "-h", "--help"}:
        print(
            f"accountcore: {words[0]!r} needs the command line's extra: "
            "pip install 'accountcore[cli]' (only 'demo' runs without it)",
            file=sys.stderr,
        )
        return 2
    args = _parser().parse_args(words)
    if args.command == "demo":
        try:
            text = render_demo(args.locale)
        except ValueError as error:
            print(f"accountcore: {error}", file=sys.stderr)
            return 2
        sys.stdout.write(text)
        return 0
    return 2  # pragma: no cover - argparse refuses unknown commands
