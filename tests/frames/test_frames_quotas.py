"""Quotas from a table: the periods it names, and every bad row at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from accountcore.frames import (
    BadRowsError,
    FloatMoneyError,
    MissingColumnError,
    read_quotas,
)
from accountcore.money import Money
from accountcore.periods import Period


def test_periods_as_text_and_as_dates() -> None:
    table = pl.DataFrame(
        {
            "owner": ["ana", "bob", "eva"],
            "target": ["1000", "2500.50", "12000"],
            "period": ["2026", "2026-Q3", "2026-12"],
        }
    )
    assert [
        (q.owner, q.period, q.target) for q in read_quotas(table, currency="EUR")
    ] == [
        ("ana", Period.year(2026), Money("1000", "EUR")),
        ("bob", Period.quarter(2026, 3), Money("2500.50", "EUR")),
        ("eva", Period.month(2026, 12), Money("12000", "EUR")),
    ]
    dates = pl.DataFrame(
        {
            "Verkäufer": ["ana"],
            "target": [Decimal("10.00")],
            "currency": ["JPY"],
            "period_start": [dt.date(2026, 1, 1)],
            "period_end": [dt.date(2026, 2, 1)],
        }
    )
    (quota,) = read_quotas(dates, columns={"owner": "Verkäufer"})
    assert (quota.owner, quota.period, quota.target) == (
        "ana",
        Period.month(2026, 1),
        Money("10.00", "JPY"),
    )


def test_every_bad_row_is_listed_with_its_value() -> None:
    table = pl.DataFrame(
        {
            "owner": ["ana", "", "eva"],
            "target": ["12,5", "100", "100"],
            "period": ["2026-Q5", "2026-01", "2026-01"],
            "currency": ["EUR", "EUR", "XXY"],
        }
    )
    with pytest.raises(BadRowsError) as caught:
        read_quotas(table)
    rows = caught.value.rows
    assert rows.select("row", "column", "value").rows() == [
        (0, "target", "12,5"),
        (0, "period", "2026-Q5"),
        (1, "owner", ""),
        (2, "target", "100"),
    ]
    assert "12,5" in str(caught.value)
    assert "2026-Q5" in str(caught.value)
    assert "XXY" in rows.get_column("reason")[3]


def test_a_float_target_and_a_missing_column_are_refused() -> None:
    floats = pl.DataFrame({"owner": ["ana"], "target": [10.5], "period": ["2026"]})
    with pytest.raises(FloatMoneyError, match="floats") as caught:
        read_quotas(floats, currency="EUR")
    assert "target" in str(caught.value)
    with pytest.raises(MissingColumnError, match="'period_start'"):
        read_quotas(pl.DataFrame({"owner": ["ana"], "target": ["1"]}), currency="EUR")
