"""The demo tells one quarter in six languages, byte for byte as its golden
files, without the clock or any file.

Regenerate with ``make golden`` and read the diff before committing it.
"""

from __future__ import annotations

import builtins
import re
import time
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from accountcore.cli import main
from accountcore.cli.demo import LOCALES, render_demo
from accountcore.errors import InvalidLocaleError, UntranslatedLocaleError

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


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_a_locale_without_a_catalog_is_refused_on_the_command_line(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["demo", "--locale", locale])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""  # not told in English with German numbers
    assert f"'{locale}'" in captured.err
    assert "en, et, uk, ja, ro or lv" in captured.err


def test_a_locale_without_a_catalog_is_the_untranslated_locale_error() -> None:
    with pytest.raises(UntranslatedLocaleError) as caught:
        render_demo("de_DE")

    assert caught.value.locale == "de_DE"
    assert caught.value.languages == ("en", "et", "uk", "ja", "ro", "lv")
    assert "No catalog for the language of 'de_DE'" in str(caught.value)


def test_another_region_of_a_catalog_language_is_told() -> None:
    assert render_demo("en_GB").startswith("One quarter at Põhjanael OÜ")


@pytest.mark.parametrize("locale", LOCALES)
def test_people_are_shown_by_name_never_by_id(locale: str) -> None:
    text = render_demo(locale)

    assert re.search(r"\b(anna|mart)\b", text) is None


def test_the_report_table_lists_the_account_managers_by_name() -> None:
    lines = render_demo("en_US").splitlines()

    assert any(line.startswith("  Anna Tamm   ") for line in lines)
    assert any(line.startswith("  Mart Kask   ") for line in lines)


def test_the_statement_credit_and_the_report_won_amount_are_explained() -> None:
    text = render_demo("en_US")

    # Rīgas Koks SIA is a VIP client: its 61,000.00 counts 1.2 × = 73,200.00;
    # won 48,000 + 61,000 + 27,500 = 136,500.00, credited 136,500 + 12,200 =
    # 148,700.00
    assert (
        "Anna Tamm: two figures. The statement credits €148,700.00 (attainment "
        "148.7%), the report counts €136,500.00 won (attainment 136.5%). The "
        "plan weighs deals with VIP clients ×1.2 (Rīgas Koks SIA: €61,000.00 "
        "credited as €73,200.00)"
    ) in text
    assert "Mart Kask: two figures" not in text  # his two figures agree


@pytest.mark.parametrize("locale", LOCALES)
def test_the_demo_never_counts_zero_invoices_or_zero_years(locale: str) -> None:
    lines = render_demo(locale).splitlines()
    start = next(
        n
        for n, line in enumerate(lines)
        if "Vilniaus Statyba UAB" in line and "100" in line  # its score, of 100
    )
    block = lines[start + 1 : start + 7]  # the new prospect's reasons and hint
    assert len([line for line in block if "17" in line]) == 2  # −17.50, +17.50

    # a count of 0 is a 0 with no digit beside it (50,50 and 100 are not)
    assert all(re.search(r"(?<![\d,.])0(?!\d)", line) is None for line in block), block


LOST_LABELS = {
    "en_US": "reason: Price",
    "et_EE": "põhjus: Hind",
    "uk_UA": "причина: Ціна",
    "ja_JP": "理由：価格",
    "ro_RO": "motivul: Preț",
    "lv_LV": "iemesls: Cena",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_deal_lost_to_a_competitor_gives_its_reason_by_label(locale: str) -> None:
    lines = render_demo(locale).splitlines()

    deal = next(n for n, line in enumerate(lines) if line.lstrip().startswith("D-203"))
    lost = lines[deal + 1]
    assert "Nordline AS" in lost
    assert LOST_LABELS[locale] in lost
    assert re.search(r"\bprice\b", lost) is None  # never the code


@pytest.mark.parametrize("locale", LOCALES)
def test_the_accounts_chapter_uses_no_code_and_no_english_word(locale: str) -> None:
    text = render_demo(locale)
    chapter = text[text.index("\n8. ") :]

    assert re.search(r"\b[a-z]+_[a-z_]+\b", chapter) is None  # no_reply, ...
    if locale != "en_US":
        english = (
            r"(?i)\b(price|renewal|none|key|delivery|high|replacement|done|"
            r"complaint|account|hours?|days?|target)\b"
        )  # "contract" is Romanian too
        assert re.search(english, chapter) is None, chapter


def test_the_renewal_coming_due_is_counted_from_the_quarters_last_day() -> None:
    text = render_demo("en_US")

    # K-12 ends 31 May 2026 without renewal: from 31 March, 30 days of
    # April + 31 of May = 61 days; 12 months × €2,000.00 = €24,000.00.
    # K-11 (Baltic Build) renews itself on 31 January 2027: not next quarter.
    assert "Contract K-12 · Rīgas Koks SIA · €2,000.00 a month" in text
    assert "last day May 31, 2026 (time left: 61 days)" in text
    assert "Deal D-105 opened for it (Anna Tamm): €24,000.00" in text
    assert "K-11" not in text


def test_the_neglected_key_account_is_the_one_out_of_its_rhythm() -> None:
    text = render_demo("en_US")

    # Kauno Metalas: last contact 25 Feb (the call of 20 March went
    # unanswered); 31 March − 25 February = 3 + 31 = 34 days > 14.
    # Baltic Build was met on 24 March: 7 days, in rhythm.
    assert (
        "Kauno Metalas UAB (Mart Kask): Key account: last contact Feb 25, 2026, "
        "34 days since then; the contact rhythm allows at most 14 days."
    ) in text
    assert "Baltic Build AS (Anna Tamm): Key account" not in text


def test_the_complaint_was_resolved_within_its_service_targets() -> None:
    text = render_demo("en_US")

    # received 16 March 9:00, acknowledged 10:00 (1 h ≤ 4 h), resolved
    # 18 March 15:00: 24 + 24 + 6 = 54 h ≤ 72 h (high severity)
    assert (
        "Time to acknowledge: 1 hour (target: 4 hours); "
        "time to resolve: 54 hours (target: 72 hours)."
    ) in text
    assert "Resolution: Replacement, value €640.00." in text
    assert "Every service target met." in text
