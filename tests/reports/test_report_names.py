"""A report's table shows people by their display names when given them."""

from __future__ import annotations

import unicodedata

import pytest
from helpers import eur

from accountcore.periods import Period
from accountcore.quotas import Quota
from accountcore.reports import QuarterlyResults

Q1 = Period.quarter(2026, 1)


def _results() -> QuarterlyResults:
    quotas = [Quota("anna", Q1, eur("100000")), Quota("mart", Q1, eur("80000"))]
    return QuarterlyResults.of([], quotas, [], period=Q1, currency="EUR")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_table_shows_the_display_names_given(fmt: str) -> None:
    text = _results().render("en_US", fmt, names={"anna": "Anna Tamm"})

    assert "Anna Tamm" in text
    assert "anna" not in text
    assert "mart" in text  # an owner without a display name keeps its id


def test_wide_display_names_keep_the_columns_aligned() -> None:
    names = {"anna": "アンナ・タム", "mart": "マルト・カスク"}

    rows = _results().render("ja_JP", names=names).splitlines()[-4:]

    widths = {
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in row)
        for row in rows
    }
    assert len(widths) == 1, rows
