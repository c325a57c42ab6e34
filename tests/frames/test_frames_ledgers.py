"""Ledgers as tables: what a run carries, read back, carries into the next
run exactly as the Ledger objects of the object path carry; every bad row
of a ledgers or deal records table is reported at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import frames
from accountcore.commissions import (
    CommissionPlan,
    CommissionStatement,
    Credit,
    DealPay,
    Ledger,
    NewClientBonus,
    Scope,
    Tier,
    Tiered,
    calculate_team,
)
from accountcore.errors import ArgumentTypeError
from accountcore.frames import (
    BadRowsError,
    FloatMoneyError,
    MissingColumnError,
    read_ledgers,
)
from accountcore.money import Money
from accountcore.periods import Period

JAN, FEB, MAR = (Period.month(2026, m) for m in (1, 2, 3))


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def credit(deal: str, owner: str, amount: str, on: dt.date, **more: Any) -> Credit:
    return Credit(deal, f"C-{deal}", owner, eur(amount), on, **more)


def table_of(credits: Sequence[Credit]) -> pl.DataFrame:
    """``credits`` as a polars table (amounts to the cent)."""
    return pl.DataFrame(
        {
            "deal_id": [c.deal_id for c in credits],
            "client_id": [c.client_id for c in credits],
            "owner": [c.owner for c in credits],
            "amount": [c.amount.amount for c in credits],
            "currency": [c.amount.currency for c in credits],
            "credited_on": [c.credited_on for c in credits],
            "is_new_client": [c.is_new_client for c in credits],
            "original_on": [c.original_on for c in credits],
        },
        schema_overrides={"amount": pl.Decimal(38, 2), "original_on": pl.Date},
    )


def plan_of(scope: Scope) -> CommissionPlan:
    return CommissionPlan(
        "carry",
        "EUR",
        (
            Tiered(
                "commission", (Tier("0", "1000", "0.05"), Tier("1000", None, "0.08"))
            ),
            NewClientBonus("hunter", eur("25.00")),
        ),
        scope=scope,
    )


# ana sells D-1 in January; in February a quarter of it is cancelled (a
# clawback of a deal paid in January) and she sells D-3; bob sells in
# January only, cy starts in March.
CREDITS = [
    credit("D-1", "ana", "1200.00", dt.date(2026, 1, 10), is_new_client=True),
    credit("D-2", "ana", "300.01", dt.date(2026, 1, 20)),
    credit("D-5", "bob", "999.99", dt.date(2026, 1, 31)),
    credit(
        "D-1", "ana", "-300.00", dt.date(2026, 2, 3), original_on=dt.date(2026, 1, 10)
    ),
    credit("D-3", "ana", "400.00", dt.date(2026, 2, 14)),
    credit("D-7", "cy", "50.00", dt.date(2026, 3, 2)),
]


def run_both(
    plan: CommissionPlan, periods: Sequence[Period]
) -> list[tuple[frames.TeamResult, dict[str, CommissionStatement]]]:
    """Each period's run of both paths, each carrying its own ledgers: the
    column path its tables, the object path its Ledger objects; each owner
    opens with an empty ledger (cy's March statement needs one in a
    year-to-date plan)."""
    table = table_of(CREDITS)
    runs = []
    ledgers = [Ledger.opening(owner, "EUR") for owner in ("ana", "bob", "cy")]
    opening = pl.DataFrame(
        {
            "owner": ["ana", "bob", "cy"],
            "currency": ["EUR"] * 3,
            "draw_balance": ["0"] * 3,
            "paid_to_date": ["0"] * 3,
        }
    )
    carried: tuple[Any, Any] = (opening, None)
    for period in periods:
        statements = dict(calculate_team(plan, CREDITS, period=period, ledgers=ledgers))
        team = frames.calculate_team(
            plan,
            table,
            period=period,
            ledgers=carried[0],
            deal_records=carried[1],
        )
        runs.append((team, statements))
        ledgers = [s.ledger for s in statements.values()]
        carried = (team.ledgers, team.deal_records)
    return runs


@pytest.mark.parametrize("scope", [Scope.PERIOD, Scope.YEAR_TO_DATE])
def test_a_quarters_ledgers_carried_as_tables_give_the_object_paths_statements(
    scope: Scope,
) -> None:
    for team, statements in run_both(plan_of(scope), [JAN, FEB, MAR]):
        assert team.owners == tuple(sorted(statements))
        for owner, statement in statements.items():
            assert team.statement(owner) == statement
        # the tables carried read back as the statements' ledgers
        assert read_ledgers(team.ledgers, team.deal_records) == [
            statements[owner].ledger for owner in team.owners
        ]


def test_the_clawback_in_february_takes_back_a_quarter_of_januarys_pay() -> None:
    jan, feb = run_both(plan_of(Scope.PERIOD), [JAN, FEB])
    records = jan[0].deal_records.filter(pl.col("owner") == "ana")

    # January: ana's 1,500.01 credited pays 5 % × 1,000 + 8 % × 500.01 =
    # 50.00 + 40.0008 → 90.00, and 25.00 for the new client: 115.00,
    # shared pro rata by D-1 (1,200.00) and D-2 (300.01): 115 × 1200 /
    # 1500.01 = 91.9994 → 92.00, 115 × 300.01 / 1500.01 = 23.0006 → 23.00
    assert records.select("deal_id", "earned").rows() == [
        ("D-1", Decimal("92.00")),
        ("D-2", Decimal("23.00")),
    ]
    # February: 300.00 of D-1's 1,200.00 reversed takes back 92.00 × 300 /
    # 1200 = 23.00, and the record keeps 900.00 credited, 69.00 earned
    lines = feb[0].lines.filter(
        (pl.col("owner") == "ana") & (pl.col("component") == "clawback")
    )
    assert lines.select("amount").item() == Decimal("-23.00")
    (ana, *_) = read_ledgers(feb[0].ledgers, feb[0].deal_records)
    assert ana.deals["D-1"] == DealPay(eur("900.00"), eur("69.00"), JAN)


def test_a_year_to_date_plan_trues_up_against_the_paid_to_date_read_back() -> None:
    jan, feb = run_both(plan_of(Scope.YEAR_TO_DATE), [JAN, FEB])
    (ana, *_) = read_ledgers(jan[0].ledgers, jan[0].deal_records)

    # 115.00 paid in January (as above) is what February deducts
    assert ana.paid_to_date == eur("115.00")
    assert ana.year == Period.year(2026)
    true_up = feb[0].lines.filter(
        (pl.col("owner") == "ana") & (pl.col("component") == "true-up")
    )
    assert true_up.select("amount").item() == Decimal("-115.00")


def test_a_weighted_basis_finer_than_the_table_carries_every_place() -> None:
    plan = attrs.evolve(
        plan_of(Scope.YEAR_TO_DATE), tier_weights={"vip": Decimal("1.37")}
    )
    sold = credit("D-9", "ana", "10.01", dt.date(2026, 1, 5), client_tier="vip")
    back = credit(
        "D-9",
        "ana",
        "-5.00",
        dt.date(2026, 2, 5),
        original_on=dt.date(2026, 1, 5),
        client_tier="vip",
    )
    table = table_of([sold, back]).with_columns(client_tier=pl.lit("vip"))
    january = frames.calculate_team(plan, table, period=JAN)

    # 10.01 × 1.37 = 13.7137 credited: four places, where the table has two
    (ana,) = read_ledgers(january.ledgers, january.deal_records)
    assert ana.credited_to_date == eur("13.7137")
    assert ana.deals["D-9"].credited == eur("13.7137")
    assert ana == january.statement("ana").ledger
    february = frames.calculate_team(
        plan,
        table,
        period=FEB,
        ledgers=january.ledgers,
        deal_records=january.deal_records,
    )
    assert (
        february.statement("ana")
        == calculate_team(
            plan, [sold, back], period=FEB, ledgers=[january.statement("ana").ledger]
        )["ana"]
    )


amounts = st.decimals(
    min_value=Decimal("-500"), max_value=Decimal("3000"), places=2
).filter(lambda d: d != 0)


@st.composite
def two_months(draw: st.DrawFn) -> list[Credit]:
    """Credits of January and February; some of February's cancel part of
    a January deal of the same owner."""
    owners = ["ana", "bob", "cy"]
    january = [
        credit(
            f"D-{i}",
            draw(st.sampled_from(owners)),
            str(draw(amounts.filter(lambda d: d > 0))),
            dt.date(2026, 1, draw(st.integers(1, 31))),
            is_new_client=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    february = [
        credit(
            f"E-{i}",
            draw(st.sampled_from(owners)),
            str(draw(amounts)),
            dt.date(2026, 2, draw(st.integers(1, 28))),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    for sold in (
        draw(st.lists(st.sampled_from(january), unique=True)) if january else ()
    ):
        share = draw(
            st.sampled_from([Decimal("0.25"), Decimal("1"), Decimal("0.3333")])
        )
        back = -(sold.amount.amount * share).quantize(Decimal("0.01"))
        if back:
            february.append(
                credit(
                    sold.deal_id,
                    sold.owner,
                    str(back),
                    dt.date(2026, 2, 10),
                    original_on=sold.credited_on,
                )
            )
    return january + february


@settings(max_examples=25)
@given(credits=two_months(), scope=st.sampled_from(list(Scope)))
def test_tables_carried_over_two_months_equal_the_objects_carried(
    credits: list[Credit], scope: Scope
) -> None:
    plan = plan_of(scope)
    table = table_of(credits)
    everyone = ("ana", "bob", "cy")  # each carries a ledger into February
    january = dict(calculate_team(plan, credits, period=JAN, owners=everyone))
    team = frames.calculate_team(plan, table, period=JAN, owners=everyone)
    assert read_ledgers(team.ledgers, team.deal_records) == [
        january[owner].ledger for owner in team.owners
    ]
    february = dict(
        calculate_team(
            plan, credits, period=FEB, ledgers=[s.ledger for s in january.values()]
        )
    )
    after = frames.calculate_team(
        plan, table, period=FEB, ledgers=team.ledgers, deal_records=team.deal_records
    )
    assert {o: after.statement(o) for o in after.owners} == february
    assert read_ledgers(after.ledgers, after.deal_records) == [
        february[owner].ledger for owner in after.owners
    ]


def test_pandas_tables_carry_as_polars_tables_do() -> None:
    plan = plan_of(Scope.PERIOD)
    table = table_of(CREDITS)
    team = frames.calculate_team(plan, table.to_pandas(), period=JAN)
    assert isinstance(team.ledgers, pd.DataFrame)

    after = frames.calculate_team(
        plan, table, period=FEB, ledgers=team.ledgers, deal_records=team.deal_records
    )
    expected = frames.calculate_team(
        plan,
        table,
        period=FEB,
        ledgers=frames.calculate_team(plan, table, period=JAN).ledgers,
        deal_records=frames.calculate_team(plan, table, period=JAN).deal_records,
    )
    assert after.summary.equals(expected.summary)


# --- reading ------------------------------------------------------------------


def ledgers_table(**changed: list[Any]) -> pl.DataFrame:
    columns: dict[str, list[Any]] = {
        "owner": ["ana", "bob"],
        "currency": ["EUR", "EUR"],
        "draw_balance": ["0", "150.00"],
        "paid_to_date": ["410.00", "0"],
        "year_start": ["2026-01-01", None],
        "year_end": ["2027-01-01", None],
        "through": [dt.date(2026, 4, 1), None],
        "credited_to_date": ["8200.00", "0"],
    }
    return pl.DataFrame({**columns, **changed})


def records_table(**changed: list[Any]) -> pl.DataFrame:
    columns: dict[str, list[Any]] = {
        "owner": ["ana", "ana"],
        "deal_id": ["D-1", "D-2"],
        "credited": ["8000.00", "200.00"],
        "earned": ["400.00", "10.00"],
        "period_start": ["2026-01-01", "2026-02-01"],
        "period_end": ["2026-04-01", "2026-03-01"],
    }
    return pl.DataFrame({**columns, **changed})


def test_each_row_is_a_ledger_holding_its_owners_deals() -> None:
    ana, bob = read_ledgers(ledgers_table(), records_table())

    assert ana == Ledger(
        "ana",
        "EUR",
        eur("0"),
        eur("410.00"),
        Period.year(2026),
        dt.date(2026, 4, 1),
        eur("8200.00"),
        {
            "D-1": DealPay(eur("8000.00"), eur("400.00"), Period.quarter(2026, 1)),
            "D-2": DealPay(eur("200.00"), eur("10.00"), FEB),
        },
    )
    assert bob == Ledger("bob", "EUR", eur("150.00"), eur("0"))


def test_optional_columns_default_as_a_ledgers_fields_do() -> None:
    table = pl.DataFrame(
        {
            "Verkäufer": ["ana"],
            "currency": ["JPY"],
            "draw_balance": [Decimal("0")],
            "paid_to_date": [1200],
        }
    )

    (ledger,) = read_ledgers(table, columns={"owner": "Verkäufer"})

    assert ledger == Ledger("ana", "JPY", Money(0, "JPY"), Money(1200, "JPY"))
    assert ledger.credited_to_date == Money(0, "JPY")


def test_every_bad_row_of_the_ledgers_is_listed_with_its_value() -> None:
    table = ledgers_table(
        owner=["ana", "ana"],
        draw_balance=["1,5", "0"],
        paid_to_date=["0", "x"],
        year_end=["2025-01-01", "2027-01-01"],
    )

    with pytest.raises(BadRowsError) as raised:
        read_ledgers(table)

    assert raised.value.rows.rows() == [
        (
            0,
            "draw_balance",
            "1,5",
            "not a decimal number (expected digits such as '-1200.50' or '1.5e3')",
        ),
        (
            0,
            "year_end",
            "2025-01-01",
            "a year ends after it starts (year_start=2026-01-01)",
        ),
        (1, "owner", "ana", "a second row for this owner (the first is row 0)"),
        (
            1,
            "paid_to_date",
            "x",
            "not a decimal number (expected digits such as '-1200.50' or '1.5e3')",
        ),
        (
            1,
            "year_end",
            "2027-01-01",
            "year_start and year_end are given together, or both left null",
        ),
    ]
    assert "ledgers has 2 bad rows" in str(raised.value)


def test_every_bad_deal_record_is_listed_with_its_value() -> None:
    table = records_table(
        owner=["ana", "eva"],
        deal_id=["D-1", "D-1"],
        earned=["400.00", "1e99"],
        period_end=["2026-01-01", "2026-03-01"],
    )
    doubled = records_table(deal_id=["D-1", "D-1"])

    with pytest.raises(BadRowsError) as raised:
        read_ledgers(ledgers_table(), table)
    with pytest.raises(BadRowsError) as twice:
        read_ledgers(ledgers_table(), doubled)

    assert [row[:3] for row in raised.value.rows.rows()] == [
        (0, "period_end", "2026-01-01"),
        (1, "owner", "eva"),
        (1, "earned", "1e99"),
    ]
    assert raised.value.faults[0][3] == (
        "a period ends after it starts (period_start=2026-01-01)"
    )
    assert raised.value.faults[1][3] == "no row for this owner in ledgers"
    assert raised.value.faults[2][3].startswith("out of bounds")
    assert twice.value.faults == (
        (
            1,
            "deal_id",
            "D-1",
            "a second row for this owner's deal (the first is row 0)",
        ),
    )


def test_an_empty_ledgers_table_is_no_ledgers_and_holds_no_deals() -> None:
    empty = ledgers_table().clear()

    assert read_ledgers(empty, records_table().clear()) == []
    with pytest.raises(BadRowsError) as raised:
        read_ledgers(empty, records_table())
    assert [fault[:3] for fault in raised.value.faults] == [
        (0, "owner", "ana"),
        (1, "owner", "ana"),
    ]


def test_a_float_money_column_is_refused_naming_it() -> None:
    table = ledgers_table(paid_to_date=[410.0, 0.0])
    records = records_table(earned=[400.0, 10.0])

    with pytest.raises(FloatMoneyError, match="'paid_to_date' holds floats"):
        read_ledgers(table)
    with pytest.raises(FloatMoneyError, match="'earned' holds floats"):
        read_ledgers(ledgers_table(), records)


def test_a_missing_column_is_named() -> None:
    with pytest.raises(
        MissingColumnError, match="ledgers has no column 'paid_to_date'"
    ):
        read_ledgers(ledgers_table().drop("paid_to_date"))
    with pytest.raises(MissingColumnError, match="ledgers has no column 'year_end'"):
        read_ledgers(ledgers_table().drop("year_end"))
    with pytest.raises(MissingColumnError, match="deal_records has no column 'earned'"):
        read_ledgers(ledgers_table(), records_table().drop("earned"))


def test_deal_records_beside_ledger_objects_are_refused() -> None:
    plan = plan_of(Scope.PERIOD)

    with pytest.raises(ArgumentTypeError) as raised:
        frames.calculate_team(
            plan,
            table_of(CREDITS),
            period=JAN,
            ledgers=[Ledger.opening("ana", "EUR")],
            deal_records=records_table(),
        )

    assert "deal_records must be None unless ledgers is a table" in str(raised.value)
    assert "DataFrame" in str(raised.value)
