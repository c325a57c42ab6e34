"""Credits from a table of deals: the rules of credits_from, on columns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore.commissions import Credit, credits_from
from accountcore.errors import AccountcoreError
from accountcore.frames import (
    BadRowsError,
    FloatMoneyError,
    MissingColumnError,
    credits_from_deals,
    to_credits,
)
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, Split
from tests.helpers import JAN, Q1, SALES

TALLINN = FiscalCalendar(timezone="Europe/Tallinn")
OPENED = pendulum.datetime(2025, 6, 2, 9, tz="Europe/Tallinn")


def _at(day: dt.date, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz="Europe/Tallinn")


def deal_object(row: dict[str, object], shares: list[tuple[str, str]]) -> Deal:
    """The pipeline's Deal that the table row describes: opened before,
    won at 09:00 on ``won_on``, cancelled at 10:00 on ``cancelled_on``."""
    deal = SALES.new_deal(
        str(row["deal_id"]),
        client_id=str(row["client_id"]),
        owner=str(row["owner"]),
        at=OPENED,
        by="ana",
    )
    deal = deal.with_amount(
        Money(str(row["amount"]), str(row["currency"])), at=OPENED, by="ana"
    )
    if shares:
        splits = [Split(owner, Decimal(share)) for owner, share in shares]
        deal = deal.with_splits(splits, at=OPENED, by="ana")
    won_on = row["won_on"]
    assert isinstance(won_on, dt.date)
    deal = SALES.advance(
        deal, "contract_signed", at=_at(won_on), by="ana", force=True, reason="t"
    )
    cancelled = row.get("cancelled_on")
    if isinstance(cancelled, dt.date):
        deal = SALES.advance(
            deal, "cancelled", at=_at(cancelled, 10), by="ana", reason="withdrew"
        )
    return deal


def _table(rows: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "deal_id": pl.String,
            "client_id": pl.String,
            "owner": pl.String,
            "amount": pl.String,
            "currency": pl.String,
            "won_on": pl.Date,
            "cancelled_on": pl.Date,
        },
    )


def _splits(shares: dict[str, list[tuple[str, str]]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            (deal, owner, share)
            for deal, pairs in shares.items()
            for owner, share in pairs
        ],
        schema={"deal_id": pl.String, "owner": pl.String, "share": pl.String},
        orient="row",
    )


def _key(credit: Credit) -> tuple[object, ...]:
    return (credit.credited_on, credit.deal_id, credit.owner, credit.amount.amount)


# --- worked examples ------------------------------------------------------------


def test_a_win_is_split_to_the_cent_and_a_deal_without_splits_is_its_owners() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "100.00",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            },
            {
                "deal_id": "D-2",
                "client_id": "C-2",
                "owner": "bob",
                "amount": "20.005",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 7),
            },
        ]
    )
    splits = _splits({"D-1": [("ana", "0.333"), ("bob", "0.333"), ("eva", "0.334")]})

    credits = credits_from_deals(deals, period=JAN, splits=splits)

    # 100.00 × 0.333 = 33.30, × 0.334 = 33.40: 33.30 + 33.30 + 33.40 = 100.00;
    # D-2's 20.005 rounds half up to 20.01, bob's alone
    assert credits.select("deal_id", "owner", "amount").rows() == [
        ("D-1", "ana", Decimal("33.30")),
        ("D-1", "bob", Decimal("33.30")),
        ("D-1", "eva", Decimal("33.40")),
        ("D-2", "bob", Decimal("20.01")),
    ]


def test_the_canonical_columns_with_the_defaults() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "5",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            }
        ]
    )

    credits = credits_from_deals(deals, period=JAN)

    assert credits.row(0) == (
        "D-1",
        "C-1",
        "ana",
        Decimal("5.00"),
        "EUR",
        dt.date(2026, 1, 6),
        "standard",
        "corporate",
        True,
        None,
        None,
        1,
        None,
        "new_business",
        None,
        None,
    )
    assert credits.schema["amount"] == pl.Decimal(38, 2)


def test_a_linear_clawback_takes_back_the_part_of_the_window_left() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1000.00",
                "currency": "EUR",
                "won_on": dt.date(2025, 12, 27),
                "cancelled_on": dt.date(2026, 1, 6),
            }
        ]
    )

    credits = credits_from_deals(deals, period=JAN, clawback_days=30, clawback="linear")

    # won 27 Dec, cancelled 6 Jan: 10 days of 30; 1000.00 × 20 ÷ 30 = 666.666… → 666.67
    assert credits.select("amount", "credited_on", "original_on").rows() == [
        (Decimal("-666.67"), dt.date(2026, 1, 6), dt.date(2025, 12, 27))
    ]


def test_a_cancellation_on_the_last_day_of_the_window_claws_back_nothing() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1000.00",
                "currency": "EUR",
                "won_on": dt.date(2025, 12, 7),
                "cancelled_on": dt.date(2026, 1, 6),
            }
        ]
    )

    # 30 days after the win: not fewer than 30
    assert credits_from_deals(deals, period=JAN, clawback_days=30).is_empty()
    assert len(credits_from_deals(deals, period=JAN, clawback_days=31)) == 1


def test_a_partial_refund_is_split_alike_and_dated_at_the_refund() -> None:
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1"],
            "client_id": ["C-1"],
            "owner": ["ana"],
            "amount": ["1000.00"],
            "currency": ["EUR"],
            "won_on": ["2025-12-15"],
            "refunded": ["100.01"],
            "refunded_on": ["2026-01-20"],
        }
    )
    splits = _splits({"D-1": [("ana", "1"), ("bob", "2")]})

    credits = credits_from_deals(deals, period=JAN, splits=splits)

    # 10001 cents × 1/3 = 3333.67, × 2/3 = 6667.33: floors 3333 + 6667 = 10000,
    # the cent left goes to the larger remainder (bob's .33 < ana's .67? no:
    # ana's remainder is 10001 mod 3 = 2, bob's 20002 mod 3 = 1): ana
    assert credits.select("owner", "amount", "credited_on", "original_on").rows() == [
        ("ana", Decimal("-33.34"), dt.date(2026, 1, 20), dt.date(2025, 12, 15)),
        ("bob", Decimal("-66.67"), dt.date(2026, 1, 20), dt.date(2025, 12, 15)),
    ]


def test_a_client_is_new_on_its_first_won_deal_unless_the_table_says() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-2",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            },
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            },
            {
                "deal_id": "D-0",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 7),
            },
        ]
    )

    found = credits_from_deals(deals, period=JAN)
    told = credits_from_deals(
        deals.with_columns(is_new_client=pl.Series(["no", "no", "yes"])), period=JAN
    )

    # same day: the earlier deal id is the first
    assert found.select("deal_id", "is_new_client").rows() == [
        ("D-1", True),
        ("D-2", False),
        ("D-0", False),
    ]
    assert told.filter(pl.col("is_new_client")).get_column("deal_id").to_list() == [
        "D-0"
    ]


def test_other_names_currencies_and_tiers() -> None:
    deals = pl.DataFrame(
        {
            "Deal": ["D-1", "D-2"],
            "client_id": ["C-1", "C-2"],
            "owner": ["ana", "bob"],
            "Betrag": [Decimal("1000.5"), Decimal("10.0005")],
            "currency": ["JPY", "BHD"],
            "won_on": ["2026-02-01", "2026-03-31"],
            "client_tier": ["vip", "key"],
            "client_kind": ["individual", "corporate"],
        }
    )

    credits = credits_from_deals(
        deals, period=Q1, columns={"deal_id": "Deal", "amount": "Betrag"}
    )

    # JPY has no minor unit: 1000.5 → 1001; BHD three places: 10.0005 → 10.001
    assert credits.select(
        "amount", "currency", "client_tier", "client_kind"
    ).rows() == [
        (Decimal("1001.000"), "JPY", "vip", "individual"),
        (Decimal("10.001"), "BHD", "key", "corporate"),
    ]
    assert [c.amount for c in to_credits(credits)] == [
        Money("1001", "JPY"),
        Money("10.001", "BHD"),
    ]


def test_weights_with_many_digits_split_as_money_allocate() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1234567890123.45",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            }
        ]
    )
    weights = ["0.123456789012345678", "7.000000000000000001", "3"]
    splits = _splits({"D-1": list(zip(["ana", "bob", "eva"], weights, strict=True))})

    # units × weight reach 10^32 × 10^19: beyond the columns' integers
    credits = credits_from_deals(deals, period=JAN, splits=splits)

    expected = Money("1234567890123.45", "EUR").allocate(weights)
    assert credits.get_column("amount").to_list() == [m.amount for m in expected]


def test_an_empty_table_gives_an_empty_frame() -> None:
    credits = credits_from_deals(_table([]), period=JAN, currency="EUR")

    assert credits.is_empty()
    assert credits.schema["amount"] == pl.Decimal(38, 2)


# --- against credits_from and a reference ---------------------------------------

CURRENCIES = {"EUR": 2, "JPY": 0, "BHD": 3}
OWNERS = ("ana", "bob", "eva")


@st.composite
def deal_rows(
    draw: st.DrawFn,
) -> tuple[list[dict[str, object]], dict[str, list[tuple[str, str]]]]:
    """A few won deals (some cancelled, some refunded) and their splits,
    shares adding up to 1 as the pipeline requires."""
    count = draw(st.integers(0, 6))
    rows: list[dict[str, object]] = []
    shares: dict[str, list[tuple[str, str]]] = {}
    for index in range(count):
        code = draw(st.sampled_from(sorted(CURRENCIES)))
        places = draw(st.integers(0, CURRENCIES[code] + 1))
        cents = draw(st.integers(1, 10**7))
        amount = Decimal(cents).scaleb(-places)
        won_on = dt.date(2025, 12, 1) + dt.timedelta(days=draw(st.integers(0, 100)))
        cancel = draw(st.none() | st.integers(0, 60))
        refund = draw(st.none() | st.tuples(st.integers(1, cents), st.integers(0, 60)))
        row: dict[str, object] = {
            "deal_id": f"D-{index}",
            "client_id": draw(st.sampled_from(["C-1", "C-2", "C-3"])),
            "owner": draw(st.sampled_from(OWNERS)),
            "amount": str(amount),
            "currency": code,
            "won_on": won_on,
            "cancelled_on": None if cancel is None else won_on + dt.timedelta(cancel),
            "refunded": None
            if refund is None
            else str(Decimal(refund[0]).scaleb(-places)),
            "refunded_on": None if refund is None else won_on + dt.timedelta(refund[1]),
        }
        rows.append(row)
        owners = draw(
            st.lists(st.sampled_from(OWNERS), min_size=0, max_size=3, unique=True)
        )
        if owners:
            cuts = sorted(
                draw(
                    st.lists(
                        st.integers(1, 99),
                        min_size=len(owners) - 1,
                        max_size=len(owners) - 1,
                        unique=True,
                    )
                )
            )
            bounds = [0, *cuts, 100]
            shares[f"D-{index}"] = [
                (owner, str(Decimal(bounds[i + 1] - bounds[i]).scaleb(-2)))
                for i, owner in enumerate(owners)
            ]
    return rows, shares


def _refund_credits(
    rows: list[dict[str, object]],
    shares: dict[str, list[tuple[str, str]]],
    period: Period,
    firsts: dict[str, str],
) -> list[Credit]:
    """The reference for refunds, from the docstring's rule: a refund in the
    period takes back the refunded amount, rounded, split as the win."""
    out = []
    for row in rows:
        on = row["refunded_on"]
        if not isinstance(on, dt.date) or on not in period:
            continue
        pairs = sorted(shares.get(str(row["deal_id"])) or [(str(row["owner"]), "1")])
        back = -Money(str(row["refunded"]), str(row["currency"]))
        parts = back.allocate([Decimal(share) for _, share in pairs])
        won_on = row["won_on"]
        assert isinstance(won_on, dt.date)
        out.extend(
            Credit(
                str(row["deal_id"]),
                str(row["client_id"]),
                owner,
                part,
                on,
                is_new_client=firsts[str(row["client_id"])] == row["deal_id"],
                original_on=won_on,
            )
            for (owner, _), part in zip(pairs, parts, strict=True)
        )
    return out


@given(
    deal_rows(),
    st.sampled_from([JAN, Q1]),
    st.sampled_from([None, 1, 30, 45]),
    st.sampled_from(["full", "linear"]),
)
def test_the_table_gives_what_credits_from_gives_from_deals(
    drawn: tuple[list[dict[str, object]], dict[str, list[tuple[str, str]]]],
    period: Period,
    clawback_days: int | None,
    mode: str,
) -> None:
    rows, shares = drawn
    deals = [deal_object(row, shares.get(str(row["deal_id"]), [])) for row in rows]
    expected = list(
        credits_from(
            deals,
            period=period,
            calendar=TALLINN,
            clawback_days=clawback_days,
            clawback=mode,
        )
    )
    firsts: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r["won_on"], r["deal_id"])):  # type: ignore[return-value]
        firsts.setdefault(str(row["client_id"]), str(row["deal_id"]))
    expected = sorted(
        expected + _refund_credits(rows, shares, period, firsts), key=_key
    )
    table = _table(
        [{k: v for k, v in r.items() if not k.startswith("refund")} for r in rows]
    )
    refunds = pl.DataFrame(
        {
            "refunded": [r["refunded"] for r in rows],
            "refunded_on": [r["refunded_on"] for r in rows],
        },
        schema={"refunded": pl.String, "refunded_on": pl.Date},
    )

    frame = credits_from_deals(
        table.hstack(refunds),
        period=period,
        splits=_splits(shares),
        clawback_days=clawback_days,
        clawback=mode,
    )

    assert to_credits(frame) == expected


@given(
    st.integers(-(10**12), 10**12),
    st.sampled_from(sorted(CURRENCIES)),
    st.lists(
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal(1000), places=3),
        min_size=1,
        max_size=6,
    ),
)
def test_a_split_adds_up_to_the_cent_and_is_money_allocate(
    units: int, code: str, weights: list[Decimal]
) -> None:
    amount = Decimal(units).scaleb(-CURRENCIES[code])
    owners = [f"o{i}" for i in range(len(weights))]  # in the order of the weights
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1"],
            "client_id": ["C-1"],
            "owner": ["o0"],
            "amount": [str(amount)],
            "currency": [code],
            "won_on": [dt.date(2026, 1, 6)],
        }
    )
    splits = _splits(
        {"D-1": [(o, str(w)) for o, w in zip(owners, weights, strict=True)]}
    )

    credits = credits_from_deals(deals, period=JAN, splits=splits)

    parts = credits.get_column("amount").to_list()
    by_owner = dict(zip(credits.get_column("owner"), parts, strict=True))
    assert sum(parts, Decimal(0)) == amount
    assert [by_owner[o] for o in owners] == [
        m.amount for m in Money(amount, code).allocate(weights)
    ]


# --- errors ---------------------------------------------------------------------


def test_every_bad_deal_row_is_listed_with_its_value() -> None:
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1", "D-1", "D-3", "D-4"],
            "client_id": ["C-1", "C-1", "", "C-4"],
            "owner": ["ana", "ana", "ana", "ana"],
            "amount": ["100", "12,5", "100", "100"],
            "currency": ["EUR", "EUR", "eur", "EUR"],
            "won_on": ["2026-01-05", "2026-01-05", "2026-01-05", "2026-01-05"],
            "cancelled_on": [None, None, "2026-01-04", None],
            "refunded": ["150", None, "-1", "5"],
            "refunded_on": ["2026-01-09", "2026-01-09", "2026-01-09", None],
        }
    )

    with pytest.raises(BadRowsError) as caught:
        credits_from_deals(deals, period=JAN)

    assert caught.value.rows.select("row", "column", "value").rows() == [
        (0, "refunded", "150"),
        (1, "deal_id", "D-1"),
        (1, "amount", "12,5"),
        (1, "refunded", None),
        (2, "client_id", ""),
        (2, "currency", "eur"),
        (2, "cancelled_on", "2026-01-04"),
        (2, "refunded", "-1"),
        (3, "refunded_on", None),
    ]
    reasons = caught.value.rows.get_column("reason").to_list()
    assert "more than the deal's amount" in reasons[0]
    assert "earlier row" in reasons[1]
    assert "refunded_on is given" in reasons[3]
    assert "'EUR'" in reasons[5]
    assert "before the win (won_on 2026-01-05)" in reasons[6]
    assert "not positive" in reasons[7]
    assert "refunded is given" in reasons[8]
    assert "12,5" in str(caught.value)
    assert isinstance(caught.value, AccountcoreError)


def test_every_bad_split_row_is_listed_with_its_value() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            }
        ]
    )
    splits = _splits(
        {
            "D-1": [("ana", "1"), ("ana", "1"), ("bob", "0"), ("eva", "x")],
            "D-9": [("ana", "1")],
        }
    )

    with pytest.raises(BadRowsError) as caught:
        credits_from_deals(deals, period=JAN, splits=splits)

    assert caught.value.rows.select("row", "column", "value").rows() == [
        (1, "owner", "ana"),
        (2, "share", "0"),
        (3, "share", "x"),
        (4, "deal_id", "D-9"),
    ]
    assert "splits has 4 bad rows" in str(caught.value)
    assert "no such deal" in str(caught.value)


def test_floats_and_missing_columns_are_refused() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "1",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            }
        ]
    )
    floats = deals.with_columns(amount=pl.lit(1.5))
    with pytest.raises(FloatMoneyError, match="'amount' holds floats") as caught:
        credits_from_deals(floats, period=JAN)
    assert caught.value.column == "amount"
    shares = pl.DataFrame({"deal_id": ["D-1"], "owner": ["ana"], "share": [0.5]})
    with pytest.raises(FloatMoneyError, match="splits column 'share'"):
        credits_from_deals(deals, period=JAN, splits=shares)
    with pytest.raises(MissingColumnError, match="no column 'won_on'"):
        credits_from_deals(deals.drop("won_on"), period=JAN)
    with pytest.raises(MissingColumnError, match="no column 'refunded_on'"):
        credits_from_deals(deals.with_columns(refunded=pl.lit("1")), period=JAN)


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"period": "2026-01"}, "'2026-01'"),
        ({"period": JAN, "clawback_days": 0}, "clawback_days=0"),
        ({"period": JAN, "clawback": "half"}, "'half'"),
    ],
)
def test_bad_arguments_are_refused_by_name(
    arguments: dict[str, object], named: str
) -> None:
    deals = _table([])
    with pytest.raises(AccountcoreError) as caught:
        credits_from_deals(deals, currency="EUR", **arguments)  # type: ignore[arg-type]
    assert named in str(caught.value)


def test_a_deal_type_column_is_carried_into_the_credits() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "5",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            }
        ]
    ).with_columns(deal_type=pl.lit("renewal"))

    credits = credits_from_deals(deals, period=JAN)

    assert credits.get_column("deal_type").to_list() == ["renewal"]


def test_an_unknown_deal_type_is_a_bad_row_naming_it() -> None:
    deals = _table(
        [
            {
                "deal_id": "D-1",
                "client_id": "C-1",
                "owner": "ana",
                "amount": "5",
                "currency": "EUR",
                "won_on": dt.date(2026, 1, 6),
            }
        ]
    ).with_columns(deal_type=pl.lit("resale"))

    with pytest.raises(BadRowsError) as info:
        credits_from_deals(deals, period=JAN)

    assert "'resale'" in str(info.value)
    assert "renewal" in str(info.value)
