"""Credits from a table of deals with the sale's list amount (issue 21,
point 14): ``credits_from_deals`` takes a ``list_amount`` column as
``credits_from`` takes ``list_amounts=``, and gives the same credits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_frames_deals import (
    TALLINN,
    _key,
    _refund_credits,
    _splits,
    _table,
    deal_object,
    deal_rows,
)

from accountcore.commissions import credits_from
from accountcore.frames import (
    BadRowsError,
    FloatMoneyError,
    credits_from_deals,
    to_credits,
)
from accountcore.money import CURRENCIES, Money
from accountcore.periods import Period
from tests.helpers import JAN, Q1


def test_each_split_carries_the_whole_sale_and_the_discount_given() -> None:
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1", "D-2", "D-3"],
            "client_id": ["C-1", "C-2", "C-3"],
            "owner": ["ana", "bob", "ana"],
            "amount": ["900.005", "50.00", "10.00"],
            "currency": ["EUR"] * 3,
            "won_on": [dt.date(2026, 1, 5)] * 3,
            "list_amount": ["1000", "40.00", None],
        }
    )
    splits = pl.DataFrame(
        {"deal_id": ["D-1"] * 2, "owner": ["ana", "bob"], "share": ["1", "1"]}
    )

    frame = credits_from_deals(deals, period=JAN, splits=splits)

    # D-1: 900.005 rounds to 900.01, split 450.01 + 450.00 (the cent to ana);
    # each split carries the whole sale: 1,000 listed, 1,000 − 900.005 =
    # 99.995 given (the places of the table kept). D-2: 50.00 above its list
    # price of 40.00: no discount. D-3: no list amount, no sale.
    assert frame.select(
        "deal_id", "owner", "amount", "list_amount", "discount"
    ).rows() == [
        ("D-1", "ana", Decimal("450.01"), Decimal("1000"), Decimal("99.995")),
        ("D-1", "bob", Decimal("450.00"), Decimal("1000"), Decimal("99.995")),
        ("D-2", "bob", Decimal("50.00"), Decimal("40.00"), Decimal(0)),
        ("D-3", "ana", Decimal("10.00"), None, None),
    ]
    assert frame.schema["list_amount"] == pl.Decimal(38, 3)


def test_a_refund_and_a_cancellation_carry_the_sale_too() -> None:
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1"],
            "client_id": ["C-1"],
            "owner": ["ana"],
            "amount": ["800.00"],
            "currency": ["EUR"],
            "won_on": [dt.date(2026, 1, 5)],
            "cancelled_on": [dt.date(2026, 1, 20)],
            "refunded": ["100.00"],
            "refunded_on": [dt.date(2026, 1, 10)],
            "list_amount": ["1000.00"],
        }
    )

    credits = to_credits(credits_from_deals(deals, period=JAN, clawback_days=30))

    # the win, the refund, the cancellation: each read at the sale's 20 %
    # (1,000.00 − 800.00 = 200.00 of 1,000.00)
    assert [(str(c.amount), c.discount_share) for c in credits] == [
        ("800.00 EUR", Decimal("0.2")),
        ("-100.00 EUR", Decimal("0.2")),
        ("-800.00 EUR", Decimal("0.2")),
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("-5.00", "'-5.00'"), ("lots", "'lots'")],
    ids=["below 0", "not a number"],
)
def test_a_bad_list_amount_is_a_bad_row_naming_it(value: str, shown: str) -> None:
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1", "D-2"],
            "client_id": ["C-1", "C-2"],
            "owner": ["ana", "bob"],
            "amount": ["100.00", "50.00"],
            "currency": ["EUR", "EUR"],
            "won_on": [dt.date(2026, 1, 5)] * 2,
            "list_amount": [value, None],
        }
    )

    with pytest.raises(BadRowsError) as info:
        credits_from_deals(deals, period=JAN)

    message = str(info.value)
    assert "list_amount" in message
    assert shown in message
    assert "D-2" not in message  # null: the deal knows no list amount


def test_a_list_amount_of_floats_is_refused() -> None:
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1"],
            "client_id": ["C-1"],
            "owner": ["ana"],
            "amount": ["100.00"],
            "currency": ["EUR"],
            "won_on": [dt.date(2026, 1, 5)],
            "list_amount": [120.5],
        }
    )

    with pytest.raises(FloatMoneyError, match="list_amount"):
        credits_from_deals(deals, period=JAN)


@st.composite
def list_amounts(draw: st.DrawFn, rows: list[dict[str, object]]) -> dict[str, Money]:
    """Some deals' list amounts in their currency: below, on or above the
    deal's amount, some finer than the minor unit."""
    out = {}
    for row in rows:
        if not draw(st.booleans()):
            continue
        code = str(row["currency"])
        amount = Decimal(str(row["amount"]))
        places = draw(st.integers(0, CURRENCIES[code] + 1))
        units = draw(st.integers(0, 2 * 10**8))
        listed = draw(
            st.sampled_from([amount, Decimal(units).scaleb(-places), amount * 2])
        )
        out[str(row["deal_id"])] = Money(listed, code)
    return out


@given(
    st.data(),
    deal_rows(),
    st.sampled_from([JAN, Q1]),
    st.sampled_from([None, 30]),
    st.sampled_from(["full", "linear"]),
)
def test_the_table_gives_what_credits_from_gives_with_list_amounts(
    data: st.DataObject,
    drawn: tuple[list[dict[str, object]], dict[str, list[tuple[str, str]]]],
    period: Period,
    clawback_days: int | None,
    mode: str,
) -> None:
    rows, shares = drawn
    listed = data.draw(list_amounts(rows))
    deals = [deal_object(row, shares.get(str(row["deal_id"]), [])) for row in rows]
    expected = list(
        credits_from(
            deals,
            period=period,
            calendar=TALLINN,
            clawback_days=clawback_days,
            clawback=mode,
            list_amounts=listed,
        )
    )
    firsts: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r["won_on"], r["deal_id"])):  # type: ignore[return-value]
        firsts.setdefault(str(row["client_id"]), str(row["deal_id"]))
    amount_of = {
        str(r["deal_id"]): Money(str(r["amount"]), str(r["currency"])) for r in rows
    }
    refunds = []
    for refund in _refund_credits(rows, shares, period, firsts):
        sale = listed.get(refund.deal_id)
        if sale is not None:
            given_ = sale - amount_of[refund.deal_id]
            refund = attrs.evolve(  # noqa: PLW2901 (the refund, with its sale)
                refund,
                list_amount=sale,
                discount=given_ if given_.amount > 0 else sale * 0,
            )
        refunds.append(refund)
    expected = sorted(expected + refunds, key=_key)
    table = _table(
        [{k: v for k, v in r.items() if not k.startswith("refund")} for r in rows]
    )
    more = pl.DataFrame(
        {
            "refunded": [r["refunded"] for r in rows],
            "refunded_on": [r["refunded_on"] for r in rows],
            "list_amount": [
                None
                if str(r["deal_id"]) not in listed
                else str(listed[str(r["deal_id"])].amount)
                for r in rows
            ],
        },
        schema={
            "refunded": pl.String,
            "refunded_on": pl.Date,
            "list_amount": pl.String,
        },
    )

    frame = credits_from_deals(
        table.hstack(more),
        period=period,
        splits=_splits(shares),
        clawback_days=clawback_days,
        clawback=mode,
    )

    assert to_credits(frame) == expected
