"""The demo tells one quarter in six languages, byte for byte as its golden
files, without the clock or any file.

Regenerate with ``make golden`` and read the diff before committing it.
"""

from __future__ import annotations

import builtins
import time
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from accountcore.cli import main
from accountcore.cli.demo import LOCALES, render_demo
from accountcore.errors import InvalidLocaleError

GOLDEN = Path(__file__).parents[1] / "golden" / "demo"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_demo_tells_the_quarter_exactly_as_its_golden_file(
    locale: str, golden: Callable[[Path, str], None]
) -> None:
    path = GOLDEN / f"{locale}.txt"

    text = render_demo(locale)

    golden(path, text)


def test_the_demo_never_reads_the_clock_or_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    render_demo("lv_LV")  # catalogs and babel data loaded once, before the trap

    def no_clock(*args: object, **kwargs: object) -> object:
        raise AssertionError("the demo read the clock")

    def no_open(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"the demo opened {args[0]!r}")

    for name in ("now", "today", "yesterday", "tomorrow"):
        monkeypatch.setattr(pendulum, name, no_clock)
    monkeypatch.setattr(time, "time", no_clock)
    monkeypatch.setattr(builtins, "open", no_open)

    assert render_demo("ro_RO") == (GOLDEN / "ro_RO.txt").read_bytes().decode()


def test_the_command_line_prints_the_story(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["demo", "--locale", "et_EE"])

    assert code == 0
    assert capsys.readouterr().out.startswith("Üks kvartal ettevõttes Põhjanael OÜ")


def test_an_unknown_locale_is_named_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["demo", "--locale", "xx_XX"])

    assert code == 2
    assert "'xx_XX'" in capsys.readouterr().err


def test_an_unknown_or_mistyped_locale_is_the_librarys_locale_error() -> None:
    for locale in ("xx_XX", None):
        with pytest.raises(InvalidLocaleError) as caught:
            render_demo(locale)  # type: ignore[arg-type]

        assert f"Unknown locale {locale!r}: expected a locale babel knows" in str(
            caught.value
        )
