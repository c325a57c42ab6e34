"""read_credits: a table read as credits, checked in columns, every bad row
reported at once; to_credits: the frame's rows as Credit objects."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.clients import ClientKind, ClientTier
from accountcore.commissions import Credit
from accountcore.errors import AccountcoreError
from accountcore.frames import (
    CREDIT_COLUMNS,
    BadRowsError,
    FloatMoneyError,
    MissingColumnError,
    read_credits,
    to_credits,
)
from accountcore.money import CURRENCIES, Money, to_decimal

BASE = {
    "deal_id": ["D-1", "D-2"],
    "client_id": ["C-1", "C-2"],
    "owner": ["ana", "bob"],
    "amount": ["100", "-12.5"],
    "currency": ["EUR", "EUR"],
    "credited_on": ["2026-01-05", "2026-01-09"],
}


def table(**changes: list[object]) -> pl.DataFrame:
    return pl.DataFrame({**BASE, **changes}, strict=False)


def faults(error: BadRowsError) -> list[tuple[int, str, str]]:
    return [(r, c, v) for r, c, v, _ in error.faults]


# --- the canonical frame -----------------------------------------------------


def test_the_frame_has_the_canonical_columns_types_and_defaults() -> None:
    frame = read_credits(table())
    assert tuple(frame.columns) == CREDIT_COLUMNS
    assert frame.schema["amount"] == pl.Decimal(38, 2)
    assert frame.row(1) == (
        "D-2", "C-2", "bob", Decimal("-12.50"), "EUR", dt.date(2026, 1, 9),
        "standard", "corporate", False, None, None, 1, None, "new_business", None, None,
    )  # fmt: skip


def test_the_scale_is_the_finest_in_the_column_and_at_least_the_minor_unit() -> None:
    # EUR keeps 2 places, the column's finest is 3 (1.125): scale 3
    assert read_credits(table(amount=["1.125", "2"])).schema["amount"].scale == 3
    # JPY keeps 0 places, but a BHD row keeps 3: the column keeps 3
    frame = read_credits(table(amount=["5", "7"], currency=["JPY", "BHD"]))
    assert frame.schema["amount"].scale == 3
    # trailing zeros past 10^-18 are not digits to keep: 1.000…0 (25 zeros) is 1
    assert read_credits(table(amount=["1." + "0" * 25, "2"]))["amount"][0] == 1


def test_names_are_mapped_and_the_currency_may_be_given_for_every_row() -> None:
    renamed = table().rename({"owner": "rep", "amount": "value"}).drop("currency")
    frame = read_credits(
        renamed, columns={"owner": "rep", "amount": "value"}, currency="EUR"
    )
    assert frame["owner"].to_list() == ["ana", "bob"]
    assert frame["currency"].to_list() == ["EUR", "EUR"]


def test_pandas_and_pyarrow_tables_read_alike() -> None:
    expected = read_credits(table())
    decimals = pd.DataFrame({**BASE, "amount": [Decimal("100"), Decimal("-12.5")]})
    assert read_credits(decimals).equals(expected)
    assert read_credits(pd.DataFrame(BASE)).equals(expected)
    assert read_credits(pa.table(BASE)).equals(expected)


def test_decimal_and_integer_columns_are_exact() -> None:
    frame = read_credits(table(amount=pl.Series([Decimal("1.10"), Decimal("-3")])))
    assert frame["amount"].to_list() == [Decimal("1.10"), Decimal("-3.00")]
    assert read_credits(table(amount=[7, -2]))["amount"].to_list() == [7, -2]


def test_optional_columns_are_read_in_their_forms() -> None:
    frame = read_credits(
        table(
            client_tier=["vip", "key"],
            client_kind=["individual", "corporate"],
            is_new_client=[" Yes", "0"],
            quantity=["3", "-1"],
            product=["pumps", None],
            original_on=[None, "2026-01-02"],
            deal_type=["renewal", "cross_sell"],
        )
    )
    assert frame.row(0)[6:14] == (
        "vip",
        "individual",
        True,
        "pumps",
        None,
        3,
        None,
        "renewal",
    )
    assert frame.row(1)[6:14] == (
        "key",
        "corporate",
        False,
        None,
        None,
        -1,
        dt.date(2026, 1, 2),
        "cross_sell",
    )


def test_naive_datetimes_at_midnight_are_dates() -> None:
    days = pd.to_datetime(["2026-01-05", "2026-01-09"])
    frame = read_credits(pd.DataFrame({**BASE, "credited_on": days}))
    assert frame["credited_on"].to_list() == [dt.date(2026, 1, 5), dt.date(2026, 1, 9)]


def test_an_empty_table_reads_as_an_empty_frame() -> None:
    frame = read_credits(table().head(0))
    assert frame.height == 0
    assert tuple(frame.columns) == CREDIT_COLUMNS


# --- errors -----------------------------------------------------------------


def test_a_missing_column_is_named() -> None:
    with pytest.raises(MissingColumnError, match="no column 'owner'") as info:
        read_credits(table().drop("owner"))
    assert isinstance(info.value, KeyError | AccountcoreError)
    assert info.value.column == "owner"


def test_a_float_money_column_is_refused_whole_saying_how_to_convert() -> None:
    with pytest.raises(FloatMoneyError, match=r"'amount' holds floats \(Float64\)"):
        read_credits(table(amount=[1.5, 2.0]))
    with pytest.raises(FloatMoneyError, match="'value' holds floats"):
        read_credits(
            table().rename({"amount": "value"}).with_columns(value=pl.lit(1.5)),
            columns={"amount": "value"},
        )


def test_a_pandas_object_column_holding_a_float_is_refused() -> None:
    amounts = pd.Series([Decimal("1.5"), 2.25], dtype=object)
    with pytest.raises(FloatMoneyError, match=r"Python float 2\.25") as info:
        read_credits(pd.DataFrame({**BASE, "amount": amounts}))
    assert isinstance(info.value, TypeError)


def test_every_bad_row_is_reported_at_once() -> None:
    bad = table(
        deal_id=["", None],
        amount=["12,5", "NaN"],
        currency=["eur", "XYZ"],
        credited_on=["2026-02-30", "05.01.2026"],
    )
    with pytest.raises(BadRowsError) as info:
        read_credits(bad)
    error = info.value
    assert isinstance(error, ValueError)
    assert faults(error) == [
        (0, "deal_id", ""),
        (0, "amount", "12,5"),
        (0, "currency", "eur"),
        (0, "credited_on", "2026-02-30"),
        (1, "deal_id", ""),
        (1, "amount", "NaN"),
        (1, "currency", "XYZ"),
        (1, "credited_on", "05.01.2026"),
    ]
    reasons = error.rows["reason"].to_list()
    assert reasons[0] == "empty; expected a non-empty str"
    assert reasons[2] == "unknown currency: codes are spelled upper case, as 'EUR'"
    assert reasons[4].startswith("missing (null)")
    assert reasons[5] == "not finite; expected a finite decimal number"
    assert error.rows.schema == pl.Schema(
        {"row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String}
    )
    assert str(error).startswith("credits has 2 bad rows:\n  - row 0, column 'deal_id'")


def test_a_bad_row_names_the_column_by_the_tables_name() -> None:
    renamed = table(owner=["ana", ""]).rename({"owner": "rep"})
    with pytest.raises(BadRowsError, match="row 1, column 'rep', value ''"):
        read_credits(renamed, columns={"owner": "rep"})


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1e20", "out of bounds: it is of the order of 10^20"),
        ("1" * 35, "out of bounds: it is of the order of 10^34"),
        ("0." + "1" * 35, "out of bounds: it has 35 significant digits"),
        ("1e-61", "out of bounds: its last digit is at 10^-61"),
        ("1e-19", "too fine for a frame: a digit at 10^-19"),
        ("1e9999999999", "out of bounds: its exponent is too large"),
        ("-Infinity", "not finite"),
        ("1_000", "not a decimal number"),
        (".", "not a decimal number"),
    ],
)
def test_an_amount_out_of_bounds_or_not_a_number_says_why(
    amount: str, reason: str
) -> None:
    with pytest.raises(BadRowsError) as info:
        read_credits(table(amount=[amount, "1"]))
    assert faults(info.value) == [(0, "amount", amount)]
    assert info.value.rows["reason"][0].startswith(reason)


@pytest.mark.parametrize(
    ("column", "values", "reason"),
    [
        ("client_tier", ["gold", "vip"], "expected one of 'standard', 'key', 'vip'"),
        ("client_kind", [None, "individual"], "missing (null); expected one of"),
        ("is_new_client", ["maybe", "no"], "not a boolean; expected a boolean"),
        ("quantity", ["2.5", "1"], "not an int"),
        ("quantity", ["99999999999999999999", "1"], "out of range"),
        ("credited_on", ["2026-1-5", "2026-01-05"], "not a date (expected YYYY-MM-DD"),
    ],
)
def test_a_bad_optional_value_says_what_is_valid(
    column: str, values: list[object], reason: str
) -> None:
    with pytest.raises(BadRowsError) as info:
        read_credits(table(**{column: values}))
    assert faults(info.value) == [(0, column, values[0] or "")]
    assert info.value.rows["reason"][0].startswith(reason)


def test_a_datetime_with_a_time_of_day_is_not_a_date() -> None:
    stamps = pl.Series([dt.datetime(2026, 1, 5), dt.datetime(2026, 1, 5, 9)])
    with pytest.raises(BadRowsError, match=r"row 1, column 'credited_on'.*time of day"):
        read_credits(table(credited_on=stamps))


def test_many_bad_rows_list_ten_and_keep_all_in_rows() -> None:
    many = pl.DataFrame(
        {**{k: [v[0]] * 25 for k, v in BASE.items()}, "amount": ["x"] * 25}
    )
    with pytest.raises(BadRowsError, match=r"… and 15 more \(all in .rows\)") as info:
        read_credits(many)
    assert info.value.rows.height == 25


def test_a_clawback_date_on_a_positive_amount_is_accepted_as_credit_accepts_it() -> (
    None
):
    # Credit itself allows original_on on any amount: the frame matches it
    Credit(
        "D-1",
        "C-1",
        "ana",
        Money("1", "EUR"),
        dt.date(2026, 1, 5),
        original_on=dt.date(2026, 1, 1),
    )
    frame = read_credits(table(original_on=["2026-01-01", None]))
    assert frame["original_on"][0] == dt.date(2026, 1, 1)


# --- differential: rows are Credits ------------------------------------------

_IDS = st.text(st.sampled_from("ab-1 "), min_size=0, max_size=3)
_AMOUNTS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.from_regex(r"\A[+-]?[0-9]{0,3}(\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?\Z"),
    st.sampled_from(["1_0", "", " 5 ", "1e-61", "0e-61", "1e20", "0e19", "12,5", "١"]),
)
_CODES = st.sampled_from(["EUR", "JPY", "BHD", "eur", "XYZ", ""])
_DATES = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(str),
    st.sampled_from(["2026-02-30", "2026-1-5", "20260105", ""]),
)
_TIERS = st.sampled_from(["standard", "key", "vip", "VIP", ""])
_KINDS = st.sampled_from(["corporate", "individual", "x"])
_DEAL_TYPES = st.sampled_from(["new_business", "renewal", "cross_sell", "Renewal", ""])
_NEW = st.sampled_from(["true", "False", " yes", "NO", "1", "0", "y", ""])
_QUANTITY = st.one_of(
    st.integers(-(2**64), 2**64).map(str), st.sampled_from(["1.0", "", "+3"])
)

_ROW = st.tuples(
    _IDS,
    _IDS,
    _IDS,
    _AMOUNTS,
    _CODES,
    _DATES,
    _TIERS,
    _KINDS,
    _NEW,
    _IDS,
    _IDS,
    _QUANTITY,
    _DATES,
    _DEAL_TYPES,
)


def _number(text: str) -> Decimal:
    """The amount text as the reference reads it (raises when bad)."""
    if not re.fullmatch(
        r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", text.strip()
    ):
        raise ValueError(text)
    value = to_decimal(text)
    if value and value.normalize().as_tuple().exponent < -18:  # type: ignore[operator]
        raise ValueError(text)
    return value


def _day(text: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _reference(row: tuple[str, ...]) -> Credit:
    """The Credit of a row of text, by the rules in read_credits' docstring."""
    (
        deal,
        client,
        owner,
        amount,
        cur,
        on,
        tier,
        kind,
        new,
        product,
        category,
        qty,
        orig,
        deal_type,
    ) = row
    word = new.strip().lower()
    if word not in ("true", "false", "yes", "no", "1", "0"):
        raise ValueError(new)
    if (
        not re.fullmatch(r"[+-]?[0-9]+", qty.strip())
        or not -(2**63) <= int(qty) < 2**63
    ):
        raise ValueError(qty)
    return Credit(
        deal, client, owner, Money(_number(amount), cur), _day(on), tier, kind,
        word in ("true", "yes", "1"), product, category, int(qty), _day(orig),
        deal_type,
    )  # fmt: skip


@settings(max_examples=150)
@given(st.lists(_ROW, max_size=6))
def test_any_table_of_text_reads_as_credits_or_lists_exactly_its_bad_rows(
    rows: list[tuple[str, ...]],
) -> None:
    expected: list[Credit] = []
    bad = set()
    for number, row in enumerate(rows):
        try:
            expected.append(_reference(row))
        except (ValueError, TypeError):
            bad.add(number)
    text = pl.DataFrame(
        rows, schema=list(CREDIT_COLUMNS[:14]), orient="row"
    )  # the sale columns left out
    if bad:
        with pytest.raises(BadRowsError) as info:
            read_credits(text)
        assert set(info.value.rows["row"].to_list()) == bad
    else:
        assert to_credits(read_credits(text)) == expected


@given(
    st.lists(
        st.tuples(st.integers(-(10**12), 10**12), st.sampled_from(sorted(CURRENCIES))),
        max_size=8,
    )
)
def test_decimal_amounts_read_exactly_in_any_currency(
    amounts: list[tuple[int, str]],
) -> None:
    values = [Decimal(units).scaleb(-CURRENCIES[cur]) for units, cur in amounts]
    n = len(amounts)
    frame = read_credits(
        pl.DataFrame(
            {
                "deal_id": ["D"] * n, "client_id": ["C"] * n, "owner": ["o"] * n,
                "amount": [str(v) for v in values], "currency": [c for _, c in amounts],
                "credited_on": [dt.date(2026, 1, 1)] * n,
            },
            schema_overrides={"deal_id": pl.String, "client_id": pl.String, "owner": pl.String,
                              "amount": pl.String, "currency": pl.String},
        )
    )  # fmt: skip
    assert [c.amount for c in to_credits(frame)] == [
        Money(v, cur) for v, (_, cur) in zip(values, amounts, strict=True)
    ]


def test_to_credits_gives_the_enums_and_defaults_of_credit() -> None:
    [first, _] = to_credits(read_credits(table(client_tier=["vip", "standard"])))
    assert first == Credit(
        "D-1",
        "C-1",
        "ana",
        Money("100", "EUR"),
        dt.date(2026, 1, 5),
        ClientTier.VIP,
        ClientKind.CORPORATE,
    )


def test_ten_thousand_rows_validate_without_a_row_loop() -> None:
    # the bound is the input's size: 10k rows of text read in columns
    n = 10_000
    big = pl.DataFrame({k: v * (n // 2) for k, v in BASE.items()})
    assert read_credits(big).height == n


_GOOD_ROW = st.tuples(
    st.sampled_from(["D-1", "D-2", " x"]),
    st.sampled_from(["C-1", "C 2"]),
    st.sampled_from(["ana", "bob"]),
    st.decimals(min_value=-(10**19), max_value=10**19, places=6, allow_nan=False).map(
        str
    ),
    st.sampled_from(["EUR", "JPY", "BHD", "CLF"]),
    st.dates(dt.date(2000, 1, 1), dt.date(2050, 1, 1)).map(str),
    st.sampled_from(["standard", "key", "vip"]),
    st.sampled_from(["corporate", "individual"]),
    st.sampled_from(["true", "No", "1"]),
    st.sampled_from(["pumps", "", "x"]),
    st.sampled_from(["a", "b"]),
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.dates(dt.date(2000, 1, 1), dt.date(2050, 1, 1)).map(str),
    st.sampled_from(["new_business", "upsell", "repeat_order"]),
)


@given(st.lists(_GOOD_ROW, min_size=1, max_size=8))
def test_good_tables_read_as_the_credits_built_from_the_same_values(
    rows: list[tuple[str, ...]],
) -> None:
    text = pl.DataFrame(
        rows, schema=list(CREDIT_COLUMNS[:14]), orient="row"
    )  # the sale columns left out
    assert to_credits(read_credits(text)) == [_reference(row) for row in rows]
