"""accountcore.spark: the same rows as accountcore.frames, to the cent, on a
local Spark (``local[2]``).

Each test builds its inputs as polars tables, runs the column engine on them
and Spark on the same rows, and compares the four tables row for row (and
the totals with the object path's). The module runs whenever pyspark is
installed (the test group has it); without it, only outside CI is it
skipped, so CI cannot hide a failure behind a missing package.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import calculate_team as object_team
from accountcore import frames
from accountcore.commissions import (
    Accelerator,
    Band,
    BaseSalary,
    Basis,
    Cap,
    CommissionPlan,
    Ledger,
    NewClientBonus,
    Scope,
    Tier,
    Tiered,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.quotas import Quota
from accountcore.spark import (
    TABLES,
    CarriedAmountError,
    NotDecimalError,
    SparkTeam,
    WidenedColumnError,
    calculate_team,
    engine,
)
from accountcore.spark._merge import compacted

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pyspark") is None and not os.environ.get("CI"),
    reason="pyspark is not installed (the test group has it; CI requires it)",
)

Q1, Q2 = Period.quarter(2026, 1), Period.quarter(2026, 2)
DATA = Path(__file__).resolve().parents[2] / "docs" / "data" / "credits.csv"


def field_sales(currency: str = "EUR") -> CommissionPlan:
    def money(amount: str) -> Money:
        return Money(amount, currency)

    return CommissionPlan(
        "field sales",
        currency,
        (
            BaseSalary("salary", money("3000.00")),
            Tiered(
                "commission",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis=Basis.ATTAINMENT,
            ),
            Accelerator("kicker", (Band("1.2", None, "1.25"),)),
            Cap("cap", money("9000.00")),
            NewClientBonus("new clients", money("150.00")),
        ),
    )


def docs_credits() -> pl.DataFrame:
    """docs/data/credits.csv: twelve credits of ana, bob and eva (a
    clawback, one dated after the quarter), amounts Decimal(38, 2)."""
    table = pl.read_csv(DATA, schema_overrides={"amount": pl.String})
    return table.with_columns(
        pl.col("amount").str.to_decimal(scale=2),
        pl.col("credited_on").str.to_date(),
    )


def to_spark(session: Any, table: pl.DataFrame) -> Any:
    return session.createDataFrame(table.to_arrow())


def rows_of(table: Any) -> list[tuple[Any, ...]]:
    """A table's rows (Spark or polars), sorted by their first two columns."""
    found = (
        [tuple(r) for r in table.collect()]
        if hasattr(table, "collect") and not isinstance(table, pl.DataFrame)
        else table.rows()
    )
    return sorted(found, key=lambda r: (str(r[0]), str(r[1])))


def assert_same(
    on_spark: SparkTeam, on_columns: frames.TeamResult, quota_places: int | None = None
) -> None:
    """Every table equal row for row, its columns named alike and its
    decimals at the same scale (a rate, a share, a basis or the attainment
    at 16 places at least)."""
    for table in TABLES:
        mine, theirs = getattr(on_spark, table), getattr(on_columns, table)
        assert mine.columns == theirs.columns, table
        for field in mine.schema.fields:
            dtype = theirs.schema[field.name]
            if isinstance(dtype, pl.Decimal):
                fine = field.name in {
                    "attainment",
                    "basis",
                    "rate",
                    "lower",
                    "upper",
                    "share",
                }
                places = max(dtype.scale, 16) if fine else dtype.scale
                if quota_places is not None and field.name == "target":
                    places = max(places, quota_places)
                assert field.dataType.scale == places, (table, field.name)
        assert rows_of(mine) == rows_of(theirs), table


def test_the_docs_quarter_equals_the_column_engine_and_the_object_path(
    spark: Any,
) -> None:
    # ana, bob, eva as in docs/frames.md, and zed with a quota and no credit:
    # zed's statement is the salary alone, 3,000.00
    credits = docs_credits()
    quotas = [
        Quota("ana", Q1, Money("80000", "EUR")),
        Quota("bob", Q1, Money("60000", "EUR")),
        Quota("eva", Q1, Money("100000", "EUR")),
        Quota("zed", Q1, Money("1000", "EUR")),
    ]
    plan = field_sales()

    team = calculate_team(plan, to_spark(spark, credits), period=Q1, quotas=quotas)
    expected = frames.calculate_team(plan, credits, period=Q1, quotas=quotas)

    assert_same(team, expected)
    totals = dict(team.summary.select("owner", "total").collect())
    assert totals == {
        "ana": Decimal("7179.04"),
        "bob": Decimal("4990.00"),
        "eva": Decimal("9723.00"),
        "zed": Decimal("3000.00"),
    }
    statements = object_team(
        plan, frames.to_credits(frames.read_credits(credits)), period=Q1, quotas=quotas
    )
    assert totals == {o: s.total.amount for o, s in statements.items()}
    team.unpersist()


def test_tables_handed_on_in_slices_and_short_lists_give_the_same_rows(
    spark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the summary, lines and ledgers leave a task as lists of rows, here of
    # 2 rows at most, out of slices of 3 rows: the 4 owners' summaries are
    # a slice of 3 (lists of 2 and 1) and a slice of 1 (a list of 1)
    credits = docs_credits()
    quotas = [Quota(o, Q1, Money("50000", "EUR")) for o in ("ana", "bob", "eva", "zed")]
    monkeypatch.setattr(engine, "_PER_LIST", 2)
    # and every table is handed on 3 rows at a time (a million in a run)
    monkeypatch.setattr(engine, "_SLICE", 3)

    team = calculate_team(
        field_sales(), to_spark(spark, credits), period=Q1, quotas=quotas, partitions=1
    )

    assert_same(
        team, frames.calculate_team(field_sales(), credits, period=Q1, quotas=quotas)
    )
    lists = team.result.filter("table = 0").select("summary").collect()
    assert sorted(len(row[0]) for row in lists) == [1, 1, 2]
    team.unpersist()


def test_split_deals_and_a_clawback_of_a_deal_paid_before_give_the_same_rows(
    spark: Any,
) -> None:
    # D-1's 1,000.00 split three ways (333.34 + 333.33 + 333.33), then a
    # refund of 100.00 split alike; ana's D-9 paid in 2025 is clawed back in
    # February (an object-path owner); quotas as a Spark table
    deals = pl.DataFrame(
        {
            "deal_id": ["D-1", "D-2"],
            "client_id": ["C-7", "C-8"],
            "owner": ["ana", "bob"],
            "amount": ["1000.00", "600.00"],
            "currency": ["EUR"] * 2,
            "won_on": ["2026-01-12", "2026-02-20"],
            "refunded": ["100.00", None],
            "refunded_on": ["2026-02-02", None],
        }
    )
    splits = pl.DataFrame(
        {"deal_id": ["D-1"] * 3, "owner": ["ana", "bob", "eva"], "share": ["1"] * 3}
    )
    won = frames.credits_from_deals(deals, period=Q1, splits=splits)
    old = pl.DataFrame(
        {
            "deal_id": ["D-9"],
            "client_id": ["C-9"],
            "owner": ["ana"],
            "amount": [Decimal("-250.00")],
            "currency": ["EUR"],
            "credited_on": [dt.date(2026, 2, 3)],
            "original_on": [dt.date(2025, 11, 5)],
        }
    )
    credits = pl.concat(
        [won, frames.read_credits(old)], how="vertical_relaxed"
    ).with_columns(pl.col("amount").cast(pl.Decimal(38, 2)))
    targets = pl.DataFrame(
        {"owner": ["ana", "bob", "eva"], "target": ["500", "400", "300"]}
    ).with_columns(pl.col("target").str.to_decimal(scale=2))
    # D-9's clawback is priced at this period's rates (no ledger holds it)
    plan = CommissionPlan("rerate", "EUR", field_sales().components, clawback="rerate")

    team = calculate_team(
        plan, to_spark(spark, credits), period=Q1, quotas=to_spark(spark, targets)
    )
    expected = frames.calculate_team(plan, credits, period=Q1, quotas=targets)

    assert_same(team, expected, quota_places=2)


def test_a_year_to_date_plan_carries_its_ledgers_quarter_to_quarter(
    spark: Any,
) -> None:
    # Q1 from the docs' credits; in May a quarter of ana's D-103 is cancelled
    # (10,300.00 of 41,200.00): each path carries its own Q1 ledgers and
    # deal records into Q2, Spark's as Spark tables
    plan = CommissionPlan(
        "ytd", "EUR", field_sales().components, scope=Scope.YEAR_TO_DATE
    )
    cancelled = pl.DataFrame(
        {
            "deal_id": ["D-103"],
            "client_id": ["C-13"],
            "owner": ["ana"],
            "amount": [Decimal("-10300.00")],
            "currency": ["EUR"],
            "credited_on": [dt.date(2026, 5, 4)],
            "original_on": [dt.date(2026, 2, 11)],
            "is_new_client": [False],
        }
    )
    credits = pl.concat([docs_credits(), cancelled], how="diagonal_relaxed")
    credits = credits.with_columns(pl.col("amount").cast(pl.Decimal(38, 2)))
    targets = pl.DataFrame(
        {"owner": ["ana", "bob", "eva"], "target": ["80000", "60000", "100000"]}
    ).with_columns(pl.col("target").str.to_decimal(scale=2))
    table, quota_table = to_spark(spark, credits), to_spark(spark, targets)

    q1 = calculate_team(plan, table, period=Q1, quotas=quota_table)
    q1_columns = frames.calculate_team(plan, credits, period=Q1, quotas=targets)
    q2 = calculate_team(
        plan,
        table,
        period=Q2,
        quotas=quota_table,
        ledgers=q1.ledgers,
        deal_records=q1.deal_records,
    )
    q2_columns = frames.calculate_team(
        plan,
        credits,
        period=Q2,
        quotas=targets,
        ledgers=q1_columns.ledgers,
        deal_records=q1_columns.deal_records,
    )

    assert_same(q1, q1_columns, quota_places=2)
    assert_same(q2, q2_columns, quota_places=2)
    # the cancellation reaches Q2's records on both
    assert rows_of(q2.deal_records) != rows_of(q1.deal_records)


def test_a_second_plan_in_another_currency_runs_on_its_own_credits(
    spark: Any,
) -> None:
    # the docs' credits in USD, paid by a USD plan: the same figures as the
    # EUR plan gives the EUR credits, in dollars
    credits = docs_credits().with_columns(currency=pl.lit("USD"))
    quotas = {
        o: Quota(o, Q1, Money(t, "USD"))
        for o, t in [("ana", "80000"), ("bob", "60000"), ("eva", "100000")]
    }
    plan = field_sales("USD")

    team = calculate_team(plan, to_spark(spark, credits), period=Q1, quotas=quotas)
    expected = frames.calculate_team(plan, credits, period=Q1, quotas=quotas)

    assert_same(team, expected)
    summary = team.summary.filter("owner = 'ana'").select("total", "currency")
    assert summary.collect()[0] == (Decimal("7179.04"), "USD")


@pytest.mark.parametrize(
    ("currency", "places", "earned"),
    [
        # ana's deals earn her commission and her 2 new clients' 150 each:
        # at 0 places (the docs' amounts rounded, 89,700 in all) 4 % of
        # 80,000 + 7 % of 9,700 = 3,200 + 679 = 3,879, + 300 = 4,179 yen
        ("JPY", 0, Decimal("4179")),
        # at 3 places the amounts are unchanged (89,700.50): 3,200 + 679.035
        # = 3,879.035, + 300 = 4,179.035 dinars
        ("BHD", 3, Decimal("4179.035")),
    ],
)
def test_deal_records_in_a_currency_of_0_or_3_places_come_back_exactly(
    spark: Any, currency: str, places: int, earned: Decimal
) -> None:
    # the deal records' money crosses to Spark as whole minor units: yen
    # and fils (a thousandth of a dinar) come back at their own places
    credits = docs_credits().with_columns(
        pl.col("amount").round(places).cast(pl.Decimal(38, places)),
        currency=pl.lit(currency),
    )
    quotas = [
        Quota(o, Q1, Money(t, currency))
        for o, t in [("ana", "80000"), ("bob", "60000"), ("eva", "100000")]
    ]
    plan = field_sales(currency)

    team = calculate_team(plan, to_spark(spark, credits), period=Q1, quotas=quotas)
    expected = frames.calculate_team(plan, credits, period=Q1, quotas=quotas)

    assert_same(team, expected)
    assert team.deal_records.schema["earned"].dataType.scale == places
    ana = team.deal_records.filter("owner = 'ana'").agg({"earned": "sum"})
    assert ana.collect()[0][0] == earned
    team.unpersist()


@given(
    places=st.integers(0, 4),
    units=st.lists(st.integers(-(2**63), 2**63 - 1) | st.none(), max_size=6),
)
@settings(max_examples=60, deadline=None)
def test_any_amount_within_64_bits_of_minor_units_is_carried_exactly(
    places: int, units: list[int | None]
) -> None:
    # the edges (±2**63 minor units, nulls, 0 to 4 places) round trip
    from accountcore.spark.engine import _unscaled

    values = [None if u is None else Decimal(u).scaleb(-places) for u in units]
    frame = pl.DataFrame(
        {"credited": values}, schema={"credited": pl.Decimal(38, places)}
    )

    carried = _unscaled("deal_records", frame)["credited"].to_list()

    assert carried == units
    back = [None if u is None else Decimal(u).scaleb(-places) for u in carried]
    assert back == values


def test_an_empty_table_gives_empty_tables_with_every_column(spark: Any) -> None:
    credits = docs_credits().clear()
    plan = field_sales()

    team = calculate_team(plan, to_spark(spark, credits), period=Q1)
    expected = frames.calculate_team(plan, credits, period=Q1)

    assert_same(team, expected)
    assert team.summary.count() == 0
    assert "new clients" in team.summary.columns


def test_owners_named_without_credits_or_quota_get_a_statement(spark: Any) -> None:
    # a plan without a quota-based component: cy is paid the salary alone
    plan = CommissionPlan("salary", "EUR", field_sales().components[:1])
    credits = docs_credits()

    team = calculate_team(plan, to_spark(spark, credits), period=Q1, owners=["cy"])

    totals = dict(team.summary.select("owner", "total").collect())
    assert totals["cy"] == Decimal("3000.00")
    assert sorted(totals) == ["ana", "bob", "cy", "eva"]


def test_a_float_amount_is_refused_naming_the_column_and_its_type(
    spark: Any,
) -> None:
    credits = docs_credits().with_columns(pl.col("amount").cast(pl.Float64))

    with pytest.raises(NotDecimalError) as caught:
        calculate_team(field_sales(), to_spark(spark, credits), period=Q1)

    assert "'amount' is double" in str(caught.value)
    assert caught.value.column == "amount"
    assert isinstance(caught.value, TypeError)


def test_a_text_target_is_refused_naming_the_column(spark: Any) -> None:
    targets = pl.DataFrame({"owner": ["ana"], "target": ["80000"]})

    with pytest.raises(NotDecimalError, match="quotas column 'target' is string"):
        calculate_team(
            field_sales(),
            to_spark(spark, docs_credits()),
            period=Q1,
            quotas=to_spark(spark, targets),
        )


def test_a_partition_needing_more_places_than_the_schema_is_refused() -> None:
    # 1.005 at 3 places cannot be held at 2 without rounding a half cent
    from accountcore.spark.engine import _fitted

    frame = pl.DataFrame(
        {"credited": [Decimal("1.005")]}, schema={"credited": pl.Decimal(38, 3)}
    )

    with pytest.raises(WidenedColumnError) as caught:
        _fitted("summary", frame, [("credited", pl.Decimal(38, 2))])

    assert "'credited' needs 3 decimal places" in str(caught.value)
    assert (caught.value.places, caught.value.schema_places) == (3, 2)


def test_places_a_partition_adds_without_digits_are_kept_exactly() -> None:
    # 1.010 at 3 places is 1.01 at 2: nothing is lost, so nothing is refused
    from accountcore.spark.engine import _fitted

    frame = pl.DataFrame(
        {"credited": [Decimal("1.010")]}, schema={"credited": pl.Decimal(38, 3)}
    )

    out = _fitted("summary", frame, [("credited", pl.Decimal(38, 2))])

    assert out.rows() == [(Decimal("1.01"),)]


def test_a_deal_record_beyond_64_bit_minor_units_is_refused_naming_it() -> None:
    # 92,233,720,368,547,758.08 is one cent more than 2**63 - 1 cents
    from accountcore.spark.engine import _unscaled

    big = Decimal("92233720368547758.08")
    frame = pl.DataFrame(
        {"deal_id": ["D-1", "D-2"], "credited": [Decimal("1.00"), big]},
        schema={"deal_id": pl.String, "credited": pl.Decimal(38, 2)},
    )

    with pytest.raises(CarriedAmountError) as caught:
        _unscaled("deal_records", frame)

    assert "'credited' holds 92233720368547758.08" in str(caught.value)
    assert caught.value.value == big
    # the largest that fits, and its negative, are carried as whole cents
    edge = pl.DataFrame(
        {
            "credited": [
                Decimal("92233720368547758.07"),
                Decimal("-92233720368547758.08"),
            ]
        },
        schema={"credited": pl.Decimal(38, 2)},
    )
    assert _unscaled("deal_records", edge)["credited"].to_list() == [
        2**63 - 1,
        -(2**63),
    ]


def test_credits_that_are_not_a_spark_table_are_refused() -> None:
    with pytest.raises(TypeError, match="credits must be a Spark DataFrame"):
        calculate_team(field_sales(), docs_credits(), period=Q1)


def test_an_owner_holding_most_rows_gives_the_same_rows_merged(
    spark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ana holds 400 of the 406 credits: 10 deals, each credited 10 times on
    # each of 4 days (+12.34, and a -1.00 correction on the first day), so
    # her rows merge to 10 × 4 positive rows + 10 negative ones; bob's
    # clawback of D-9 (paid in 2025) comes as two rows of -50.00 on one day
    rows: list[tuple[str, str, str, str, dt.date, bool, dt.date | None]] = [
        ("ana", f"D-A{d}", f"C-{d}", "12.34", dt.date(2026, 1, 5 + day), d < 3, None)
        for d in range(10)
        for day in range(4)
        for _ in range(10)
    ]
    rows += [
        ("ana", f"D-A{d}", f"C-{d}", "-1.00", dt.date(2026, 1, 5), d < 3, None)
        for d in range(10)
    ]
    rows += [
        ("bob", "D-B1", "C-20", "900.00", dt.date(2026, 2, 2), True, None),
        (
            "bob",
            "D-9",
            "C-9",
            "-50.00",
            dt.date(2026, 2, 3),
            False,
            dt.date(2025, 11, 5),
        ),
        (
            "bob",
            "D-9",
            "C-9",
            "-50.00",
            dt.date(2026, 2, 3),
            False,
            dt.date(2025, 11, 5),
        ),
        ("eva", "D-E1", "C-30", "300.00", dt.date(2026, 3, 1), False, None),
        ("eva", "D-E1", "C-30", "300.00", dt.date(2026, 3, 1), False, None),
        ("eva", "D-E2", "C-31", "-20.00", dt.date(2026, 3, 2), False, None),
    ]
    names = ["owner", "deal_id", "client_id", "amount", "credited_on"]
    credits = pl.DataFrame(
        rows,
        schema={
            **dict.fromkeys(names, pl.String),
            "credited_on": pl.Date,
            "is_new_client": pl.Boolean,
            "original_on": pl.Date,
        },
        orient="row",
    ).with_columns(pl.col("amount").str.to_decimal(scale=2), currency=pl.lit("EUR"))
    quotas = [Quota(o, Q1, Money("4000", "EUR")) for o in ("ana", "bob", "eva")]
    # bob's D-9 is clawed back at this period's rates (no ledger holds it)
    plan = CommissionPlan("rerate", "EUR", field_sales().components, clawback="rerate")
    # a task merges once it holds more than 100 rows: ana's partition does
    monkeypatch.setattr(engine, "_MERGE_AT", 100)

    team = calculate_team(plan, to_spark(spark, credits), period=Q1, quotas=quotas)
    expected = frames.calculate_team(plan, credits, period=Q1, quotas=quotas)

    assert_same(team, expected)
    # ana: 10 deals × (40 × 12.34 − 1.00) = 10 × 492.60 = 4,926.00 credited
    credited = dict(team.summary.select("owner", "credited").collect())
    assert credited["ana"] == Decimal("4926.00")
    team.unpersist()


def test_ledger_objects_carry_as_ledger_tables_do(spark: Any) -> None:
    # the year-to-date plan's Q1 ledgers, read back into Ledger objects,
    # carried into Q2 on Spark and on the column engine alike
    plan = CommissionPlan(
        "ytd", "EUR", field_sales().components, scope=Scope.YEAR_TO_DATE
    )
    credits = docs_credits()
    q2_quotas = pl.DataFrame(
        {"owner": ["ana", "bob", "eva"], "target": ["80000", "60000", "100000"]}
    ).with_columns(pl.col("target").str.to_decimal(scale=2))
    q1 = frames.calculate_team(plan, credits, period=Q1, quotas=q2_quotas)
    ledgers = frames.read_ledgers(q1.ledgers, q1.deal_records)

    table, quota_table = to_spark(spark, credits), to_spark(spark, q2_quotas)

    team = calculate_team(plan, table, period=Q2, quotas=quota_table, ledgers=ledgers)
    expected = frames.calculate_team(
        plan, credits, period=Q2, quotas=q2_quotas, ledgers=ledgers
    )

    assert_same(team, expected, quota_places=2)
    by_owner = calculate_team(
        plan,
        table,
        period=Q2,
        quotas=quota_table,
        ledgers={ledger.owner: ledger for ledger in ledgers},
    )
    assert rows_of(by_owner.summary) == rows_of(team.summary)
    team.unpersist()
    by_owner.unpersist()


def test_deal_records_beside_ledger_objects_are_refused(spark: Any) -> None:
    ledger = Ledger.opening("ana", "EUR")
    records = to_spark(spark, pl.DataFrame({"owner": ["ana"]}))

    with pytest.raises(TypeError, match="deal_records must be None unless") as caught:
        calculate_team(
            field_sales(),
            to_spark(spark, docs_credits()),
            period=Q1,
            ledgers=[ledger],
            deal_records=records,
        )

    assert caught.value.parameter == "deal_records"  # type: ignore[attr-defined]


def test_a_ledger_that_is_not_a_ledger_is_refused_naming_it(spark: Any) -> None:
    with pytest.raises(TypeError, match="ledgers must be") as caught:
        calculate_team(
            field_sales(),
            to_spark(spark, docs_credits()),
            period=Q1,
            ledgers=["ana"],
        )

    assert "'ana'" in str(caught.value)


def test_only_an_owner_holding_enough_credits_rows_is_merged() -> None:
    # ana holds 3 credits rows and bob 1: with heavy=3 ana's two rows of
    # D-1 merge to 12.50; bob's rows are left as they are
    rows = pl.DataFrame(
        {
            "owner": ["ana", "ana", "ana", "bob"],
            "__kind": pl.Series([0, 0, 0, 0], dtype=pl.Int8),
            "credits__deal_id": ["D-1", "D-1", "D-2", "D-9"],
            "credits__amount": pl.Series(
                ["10.00", "2.50", "4.00", "1.00"]
            ).str.to_decimal(scale=2),
        }
    )

    merged = compacted(rows, heavy=3)
    light = compacted(rows, heavy=4)

    assert sorted(merged.rows(), key=str) == sorted(
        [
            ("ana", 0, "D-1", Decimal("12.50")),
            ("ana", 0, "D-2", Decimal("4.00")),
            ("bob", 0, "D-9", Decimal("1.00")),
        ],
        key=str,
    )
    assert light.equals(rows)  # nobody holds 4 rows: nothing to merge


def test_merging_sums_same_sign_credits_and_keeps_other_rows_one_by_one() -> None:
    # D-1: +10.00 and +2.50 (2 + 3 units) merge to one row of 12.50 and 5
    # units; its -1.00 stays apart (another sign); a null quantity and the
    # quota row are kept as they are
    amounts = ["10.00", "2.50", "-1.00", "4.00", None]
    rows = pl.DataFrame(
        {
            "owner": ["ana"] * 5,
            "__kind": pl.Series([0, 0, 0, 0, 1], dtype=pl.Int8),  # credits, a quota
            "credits__deal_id": ["D-1", "D-1", "D-1", "D-2", None],
            "credits__amount": pl.Series(amounts).str.to_decimal(scale=2),
            "credits__quantity": pl.Series([2, 3, 1, None, None], dtype=pl.Int64),
            "quotas__target": pl.Series([None] * 4 + ["900.00"]).str.to_decimal(
                scale=2
            ),
        }
    )

    merged = compacted(rows)

    assert merged.schema == rows.schema
    assert sorted(merged.rows(), key=str) == sorted(
        [
            ("ana", 0, "D-1", Decimal("12.50"), 5, None),
            ("ana", 0, "D-1", Decimal("-1.00"), 1, None),
            ("ana", 0, "D-2", Decimal("4.00"), None, None),
            ("ana", 1, None, None, None, Decimal("900.00")),
        ],
        key=str,
    )
