"""accountcore.frames.calculate_team against the object path: the column
engine's summary and lines tables hold what
:func:`accountcore.commissions.calculate_team` over :class:`Credit` objects
(the reference) says, owner by owner and line by line, to the cent.

Random plans of the kinds that have a column form (tests/strategies.py),
random credit tables at the edges (on tier bounds, half cents, JPY and BHD,
negative credits, owners with only clawbacks or netting to 0, new clients
netting to 0, empty tables, owners with a quota and no credit); the owners
the column forms do not cover, which must take the object path and still
give its results; tables of every kind in and out; and a worked example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import attrs
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import EARNING, MODIFIERS, Scenario, scenarios

from accountcore import frames
from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    Band,
    BaseSalary,
    Basis,
    BonusLevel,
    Cap,
    ClientServedBonus,
    CommissionPlan,
    CommissionStatement,
    Component,
    Context,
    Credit,
    CreditFilter,
    CurvePoint,
    Draw,
    DrawKind,
    FeedbackBonus,
    FlatRate,
    Gate,
    HeldRate,
    Ledger,
    LineKind,
    NewClientBonus,
    PayCurve,
    PerClientHeld,
    Scope,
    StatementLine,
    Tier,
    Tiered,
    calculate_team,
)
from accountcore.commissions.errors import ClawbackError, MissingQuotaError
from accountcore.errors import AccountcoreError, CurrencyMismatchError, UnknownKeyError
from accountcore.money import Money, minor_units
from accountcore.periods import Period
from accountcore.quotas import Measure, Quota

SCHEMA_WITHOUT_AMOUNT = {
    "deal_id": pl.String,
    "client_id": pl.String,
    "owner": pl.String,
    "currency": pl.String,
    "credited_on": pl.Date,
    "client_tier": pl.String,
    "client_kind": pl.String,
    "is_new_client": pl.Boolean,
    "product": pl.String,
    "category": pl.String,
    "quantity": pl.Int64,
    "original_on": pl.Date,
    "deal_type": pl.String,
}


def places(value: Decimal) -> int:
    """The decimal places ``value`` is written with (0 for an integer)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def frame_of(credits: Sequence[Credit], currency: str = "EUR") -> pl.DataFrame:
    """``credits`` as a polars table of the canonical columns, the amount a
    decimal column as fine as the finest amount (at least the minor unit)."""
    scale = max([minor_units(currency), *(places(c.amount.amount) for c in credits)])
    columns: dict[str, list[Any]] = {
        "deal_id": [c.deal_id for c in credits],
        "client_id": [c.client_id for c in credits],
        "owner": [c.owner for c in credits],
        "amount": [c.amount.amount for c in credits],
        "currency": [c.amount.currency for c in credits],
        "credited_on": [c.credited_on for c in credits],
        "client_tier": [c.client_tier.value for c in credits],
        "client_kind": [c.client_kind.value for c in credits],
        "is_new_client": [c.is_new_client for c in credits],
        "product": [c.product for c in credits],
        "category": [c.category for c in credits],
        "quantity": [c.quantity for c in credits],
        "original_on": [c.original_on for c in credits],
        "deal_type": [c.deal_type.value for c in credits],
    }
    schema = {**SCHEMA_WITHOUT_AMOUNT, "amount": pl.Decimal(38, scale)}
    return pl.DataFrame(columns, schema={name: schema[name] for name in columns})


def as_held(credits: Sequence[Credit], currency: str = "EUR") -> list[Credit]:
    """``credits`` as :func:`frame_of`'s table holds them: every amount
    written with the column's places (a statement's descriptions show them)."""
    scale = frame_of(credits, currency).schema["amount"].scale
    return [
        attrs.evolve(
            c,
            amount=Money(
                c.amount.amount.quantize(Decimal(1).scaleb(-scale)), c.amount.currency
            ),
        )
        for c in credits
    ]


def _fit(value: Decimal | None, scale: int) -> Decimal | None:
    """``value`` as a decimal column of ``scale`` places holds it (a
    quotient of the object path carries 28 digits), rounded half away from
    zero as the engine documents (a half at the last place: 0.0000905 at 6
    places is 0.000091, where the default half-even would give 0.000090)."""
    if value is None:
        return None
    with localcontext() as context:
        context.prec = 76
        return value.quantize(Decimal(1).scaleb(-scale), ROUND_HALF_UP)


def _param(line: Any, name: str) -> Decimal | None:
    for key, value in line.message.params if line.message is not None else ():
        if key == name:
            ratio = getattr(value, "ratio", value)
            return ratio if isinstance(ratio, Decimal) else None
    return None


def line_rows(
    statements: Mapping[str, CommissionStatement], scales: Mapping[str, int]
) -> list[tuple[Any, ...]]:
    """The lines table the statements make, row by row (owner, line,
    component, kind, amount, basis, unit, rate, message id, lower, upper,
    share, deals counted); quotients (a basis, a share, a pay curve's
    factor) to the table's ``scales``."""
    rows = []
    for owner in sorted(statements):
        for index, line in enumerate(statements[owner].lines):
            rows.append(
                (
                    owner,
                    index,
                    line.component,
                    line.kind.value,
                    line.amount.amount,
                    _fit(line.basis, scales["basis"]),
                    line.unit,
                    _fit(line.rate, scales["rate"]),
                    None if line.message is None else line.message.id,
                    _param(line, "lower"),
                    _param(line, "upper"),
                    _fit(_param(line, "share"), scales["share"]),
                    len(line.deals),
                )
            )
    return rows


def summary_rows(
    plan: CommissionPlan,
    statements: Mapping[str, CommissionStatement],
    quotas: Sequence[Quota],
    attainment_scale: int,
) -> list[tuple[Any, ...]]:
    """The summary table the statements make: owner, credited, target,
    attainment, each component's amount, total, currency."""
    target_of: dict[str, Decimal | None] = {}
    for quota in quotas:
        target = quota.effective_target
        target_of[quota.owner] = target.amount if isinstance(target, Money) else None
    rows = []
    for owner in sorted(statements):
        statement = statements[owner]
        rows.append(
            (
                owner,
                Decimal(0) if statement.credited is None else statement.credited.amount,
                target_of.get(owner),
                _fit(statement.attainment, attainment_scale),
                *(
                    sum(
                        (ln.amount.amount for ln in statement.lines_of(c.name)),
                        Decimal(0),
                    )
                    for c in plan.components
                ),
                statement.total.amount,
                plan.currency,
            )
        )
    return rows


def assert_tables_match(
    team: Any,
    plan: CommissionPlan,
    statements: Mapping[str, CommissionStatement],
    quotas: Sequence[Quota] = (),
) -> None:
    """``team``'s summary and lines tables (polars) hold what the object
    path's ``statements`` say, to the cent, line for line in order."""
    assert list(team.paths) == sorted(statements)
    lines, summary = team.lines, team.summary
    scales = {name: lines.schema[name].scale for name in ("basis", "share", "rate")}
    got_lines = lines.rows()
    want_lines = line_rows(statements, scales)
    for got, want in zip(got_lines, want_lines, strict=False):
        assert got == want, f"line differs:\n  columns {got}\n  objects {want}"
    assert len(got_lines) == len(want_lines), (got_lines, want_lines)
    expected = summary_rows(
        plan, statements, quotas, summary.schema["attainment"].scale
    )
    assert summary.columns == [
        "owner",
        "credited",
        "target",
        "attainment",
        *(c.name for c in plan.components),
        "total",
        "currency",
    ]
    for got, want in zip(summary.rows(), expected, strict=True):
        assert got == want, f"summary differs:\n  columns {got}\n  objects {want}"


def assert_ledgers_match(
    team: Any, statements: Mapping[str, CommissionStatement]
) -> None:
    """``team``'s ledgers to carry hold what the object path's statements
    carry: the draw balance their recoverable draw lines leave, the pay and
    the credit to date."""
    carried = team.ledgers.select(
        "owner", "draw_balance", "paid_to_date", "credited_to_date"
    ).rows()
    assert carried == [
        (
            owner,
            s.ledger.draw_balance.amount,
            s.ledger.paid_to_date.amount,
            s.ledger.credited_to_date.amount,
        )
        for owner, s in sorted(statements.items())
    ]


# --- 1. differential: random plans of the column-form kinds, random tables ----------

COLUMN_KINDS = (*EARNING, *MODIFIERS, "draw")
"""Every kind of tests/strategies.py: each has a column form (filters included)."""


def _may_fall_back(plan: CommissionPlan) -> bool:
    """Whether the plan may send every owner through the object path, as
    docs/frames.md says: a filtered part of attainment (split in
    proportion), or an accelerator over lines of several filters (their
    deals are a union, not a count)."""
    return any(
        (
            isinstance(c, Tiered)
            and c.basis is Basis.ATTAINMENT
            and not c.where.is_everything
        )
        or isinstance(c, Accelerator)
        for c in plan.components
    )


def _needs_target(plan: CommissionPlan) -> bool:
    return any(
        isinstance(c, Accelerator | Gate | PayCurve | AttainmentBonus)
        or (isinstance(c, Tiered) and c.basis is Basis.ATTAINMENT)
        for c in plan.components
    )


@st.composite
def edge_owners(
    draw: st.DrawFn, currency: str, period: Period
) -> tuple[list[Credit], list[Quota], list[str]]:
    """Owners the random scenarios meet only by luck: only clawbacks, credits
    netting to 0, a new client netting to 0, half-unit amounts, a quota and
    no credit."""
    digits = minor_units(currency)
    unit = Decimal(1).scaleb(-digits)
    day = period.start + dt.timedelta(days=draw(st.integers(0, period.days - 1)))
    credits: list[Credit] = []
    quotas: list[Quota] = []
    owners: list[str] = []

    def money(units: int) -> Money:
        return Money(Decimal(units).scaleb(-digits), currency)

    def target() -> Money:
        return money(draw(st.integers(1, 10**7)))

    chosen = draw(
        st.sets(
            st.sampled_from(["clawbacks", "zero", "new zero", "half", "idle"]),
            max_size=3,
        )
    )
    if "clawbacks" in chosen:  # only clawbacks of this period's credits
        for n in range(draw(st.integers(1, 3))):
            credits.append(
                Credit(
                    f"K-{n}",
                    f"C-{n}",
                    "e-claw",
                    money(-draw(st.integers(1, 10**6))),
                    day,
                    original_on=period.start,
                )
            )
        quotas.append(Quota("e-claw", period, target()))
    if "zero" in chosen:  # credited and clawed back: a basis of 0
        amount = draw(st.integers(1, 10**7))
        credits += [
            Credit("Z-1", "C-1", "e-zero", money(amount), day),
            Credit("Z-2", "C-1", "e-zero", money(-amount), day, original_on=day),
        ]
        quotas.append(Quota("e-zero", period, target()))
    if "new zero" in chosen:  # a new client clawed back: not counted
        amount = draw(st.integers(1, 10**7))
        credits += [
            Credit("N-1", "C-7", "e-new", money(amount), day, is_new_client=True),
            Credit("N-1", "C-7", "e-new", money(-amount), day, is_new_client=True),
            Credit("N-2", "C-8", "e-new", money(amount), day, is_new_client=True),
        ]
        quotas.append(Quota("e-new", period, target()))
    if "half" in chosen:  # half a minor unit: 10 × 0.005 (EUR), 10 × 0.5 (JPY)
        odd = 2 * draw(st.integers(0, 10**6)) + 1
        half = Decimal(odd) * unit / 2
        credits.append(Credit("H-1", "C-1", "e-half", Money(half, currency), day))
        quotas.append(Quota("e-half", period, target()))
    if "idle" in chosen:  # a quota, no credit
        quotas.append(Quota("e-idle", period, target()))
    if draw(st.booleans()):  # named, no quota, no credit
        owners.append("e-named")
    return credits, quotas, owners


@st.composite
def column_cases(draw: st.DrawFn) -> tuple[Scenario, bool]:
    """A scenario of a column-form plan (filters and tier weights
    included), its edge owners added; sometimes an empty table."""
    scenario = draw(
        scenarios(
            kinds=COLUMN_KINDS,
            quota_kinds=("money",) * 12 + ("none", "count"),
        )
    )
    plan = scenario.plan
    credits, quotas, owners = draw(edge_owners(plan.currency, scenario.period))
    found = [*scenario.credits, *credits]
    if draw(st.integers(0, 9)) == 0:
        found = []
    case = Scenario(
        plan,
        scenario.period,
        tuple(found),
        (*scenario.quotas, *quotas),
        {},
        (*scenario.owners, *owners),
    )
    return case, draw(st.booleans())


def _object_team(case: Scenario) -> Mapping[str, CommissionStatement] | Exception:
    try:
        return calculate_team(
            case.plan,
            list(case.credits),
            period=case.period,
            quotas=list(case.quotas),
            owners=case.owners,
        )
    except AccountcoreError as error:
        return error


def _expected_paths(case: Scenario, everyone: Sequence[str]) -> dict[str, str]:
    """Which owners the column forms cover: all but those with a count
    quota (or a target of 0), or no quota where the plan reads one."""
    target_of = {q.owner: q.effective_target for q in case.quotas}
    needs = _needs_target(case.plan)
    out = {}
    for owner in everyone:
        target = target_of.get(owner)
        money = isinstance(target, Money) and target.amount > 0
        odd = (owner in target_of and not money) or (needs and target is None)
        out[owner] = "object" if odd else "columns"
    return out


@settings(max_examples=100)
@given(column_cases())
def test_the_column_path_pays_what_the_object_path_pays(
    case: tuple[Scenario, bool],
) -> None:
    scenario, _ = case
    expected = _object_team(scenario)
    table = frame_of(scenario.credits, scenario.plan.currency)

    def run() -> Any:
        return frames.calculate_team(
            scenario.plan,
            table,
            period=scenario.period,
            quotas=list(scenario.quotas),
            owners=scenario.owners,
        )

    if isinstance(expected, Exception):  # the object path's error leaves the call
        with pytest.raises(type(expected)) as raised:
            run()
        assert str(raised.value) == str(expected)
        return
    team = run()
    assert_tables_match(team, scenario.plan, expected, scenario.quotas)
    assert_ledgers_match(team, expected)
    paths = _expected_paths(scenario, sorted(expected))
    if set(team.paths.values()) == {"object"} and _may_fall_back(scenario.plan):
        return  # every owner on the object path, for a documented reason
    assert team.paths == paths


# --- 2. the owners the column forms do not cover: the object path, same results -----

JAN = Period.month(2026, 1)
DAY = dt.date(2026, 1, 12)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _credit(deal: str, owner: str, amount: str, **more: Any) -> Credit:
    currency = more.pop("currency", "EUR")
    return Credit(deal, f"C-{deal}", owner, Money(amount, currency), DAY, **more)


TEAM = [
    _credit("D-1", "ana", "1200.50", is_new_client=True),
    _credit("D-2", "ana", "300.005"),
    _credit("D-3", "bob", "-80.00", original_on=DAY),
    _credit("D-4", "cy", "999.99"),
]
TEAM_QUOTAS = [
    Quota("ana", JAN, eur("1000.00")),
    Quota("bob", JAN, eur("500.00")),
    Quota("cy", JAN, eur("3000.00")),
]
TIERS = (Tier("0", "1", "0.04"), Tier("1", None, "0.07"))


def team_plan(*extra: Component, **settings: Any) -> CommissionPlan:
    return CommissionPlan(
        "team",
        "EUR",
        (
            Tiered("commission", TIERS, basis="attainment"),
            NewClientBonus("hunter", eur("100.00")),
            *extra,
        ),
        **settings,
    )


def both_paths(
    plan: CommissionPlan,
    credits: Sequence[Credit],
    *,
    quotas: Sequence[Quota] = TEAM_QUOTAS,
    ledgers: Sequence[Ledger] = (),
    period: Period = JAN,
) -> tuple[Any, dict[str, CommissionStatement]]:
    """The column engine's result and the object path's statements (of the
    credits as the table holds them), the tables checked against them."""
    statements = calculate_team(
        plan, as_held(credits), period=period, quotas=quotas, ledgers=ledgers
    )
    team = frames.calculate_team(
        plan, frame_of(credits), period=period, quotas=quotas, ledgers=ledgers
    )
    assert_tables_match(team, plan, statements, quotas)
    return team, statements


def plan_of(*components: Component) -> CommissionPlan:
    return CommissionPlan("kinds", "EUR", components)


@attrs.frozen
class Award:
    """A component of the user's own, without a column form."""

    name: str

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        return [
            StatementLine(
                self.name, LineKind.PERIODIC, "award", context.money(Decimal(5))
            )
        ]


def test_a_plan_holding_a_component_of_ones_own_takes_the_object_path():
    team, _ = both_paths(team_plan(Award("award")), TEAM)

    assert set(team.paths.values()) == {"object"}


@pytest.mark.parametrize(
    "plan",
    [
        team_plan(FlatRate("vip", "0.1", CreditFilter(tiers="vip"))),
        team_plan(tier_weights={"vip": Decimal("1.5")}),
    ],
    ids=["a filter", "tier weights"],
)
def test_filters_and_tier_weights_stay_on_the_column_path(plan: CommissionPlan):
    vip = _credit("D-5", "cy", "10.0001", client_tier="vip")  # finer than a cent

    team, _ = both_paths(plan, [*TEAM, vip])

    assert set(team.paths.values()) == {"columns"}
    # 999.99 + 10.0001 (× 1.5 as a vip's with the weights): the credited
    # basis keeps its places in the summary
    assert team.summary.filter(pl.col("owner") == "cy")["credited"].item() in (
        Decimal("1009.9901"),
        Decimal("1014.99015"),
    )


def test_a_year_to_date_plan_with_ledgers_takes_the_object_path():
    plan = team_plan(scope=Scope.YEAR_TO_DATE)
    ledgers = [Ledger.opening(owner, "EUR") for owner in ("ana", "bob", "cy")]

    team, _ = both_paths(plan, TEAM, ledgers=ledgers)

    assert set(team.paths.values()) == {"object"}


def test_an_owner_with_a_ledger_takes_the_object_path_alone():
    team, _ = both_paths(team_plan(), TEAM, ledgers=[Ledger.opening("bob", "EUR")])

    assert team.paths == {"ana": "columns", "bob": "object", "cy": "columns"}


def test_an_owner_with_a_count_quota_takes_the_object_path_alone():
    quotas = [*TEAM_QUOTAS[:2], Quota("cy", JAN, 2, Measure.DEALS_WON)]

    team, _ = both_paths(team_plan(), TEAM, quotas=quotas)

    assert team.paths == {"ana": "columns", "bob": "columns", "cy": "object"}


def test_a_clawback_of_a_credit_paid_before_the_period_takes_the_object_path():
    clawed = _credit("D-0", "bob", "-20.00", original_on=dt.date(2025, 12, 5))
    credits = [*TEAM, clawed]

    # reversed, it needs the ledger of the period it was paid in: both refuse
    with pytest.raises(ClawbackError) as expected:
        calculate_team(team_plan(), as_held(credits), period=JAN, quotas=TEAM_QUOTAS)
    with pytest.raises(ClawbackError) as raised:
        frames.calculate_team(
            team_plan(), frame_of(credits), period=JAN, quotas=TEAM_QUOTAS
        )
    assert str(raised.value) == str(expected.value)
    assert "'D-0'" in str(raised.value)
    # rerated at this period's rates, it is a credit like the others
    team, _ = both_paths(team_plan(clawback="rerate"), credits)
    assert team.paths == {"ana": "columns", "bob": "columns", "cy": "columns"}


def test_a_credit_in_another_currency_raises_as_the_object_path_raises():
    usd = _credit("D-7", "cy", "10.00", currency="USD")

    with pytest.raises(CurrencyMismatchError) as expected:
        calculate_team(
            team_plan(), as_held([*TEAM, usd]), period=JAN, quotas=TEAM_QUOTAS
        )
    with pytest.raises(CurrencyMismatchError) as raised:
        frames.calculate_team(
            team_plan(), frame_of([*TEAM, usd]), period=JAN, quotas=TEAM_QUOTAS
        )

    assert str(raised.value) == str(expected.value)
    assert "D-7" in str(raised.value)


def test_a_missing_quota_for_an_attainment_plan_raises_the_object_paths_error():
    with pytest.raises(MissingQuotaError) as expected:
        calculate_team(team_plan(), TEAM, period=JAN, quotas=TEAM_QUOTAS[:2])
    with pytest.raises(MissingQuotaError) as raised:
        frames.calculate_team(
            team_plan(), frame_of(TEAM), period=JAN, quotas=TEAM_QUOTAS[:2]
        )

    assert str(raised.value) == str(expected.value)
    assert "'cy'" in str(raised.value)


def test_figures_too_big_for_a_decimal_column_fall_back_and_still_match():
    # 9 × 10^18 × a rate of 0.9999 × an accelerator needs more than 38 digits
    # at the scales the forms keep: the team takes the object path
    huge = _credit("D-8", "cy", "9000000000000000000.01")
    plan = CommissionPlan(
        "huge",
        "EUR",
        (
            FlatRate("flat", "0.9999"),
            Accelerator("kick", (Band("0.5", None, "1.25"),)),
        ),
    )

    team, statements = both_paths(plan, [*TEAM, huge])

    assert team.paths["cy"] == "object"
    assert statements["cy"].total.amount > Decimal("9e18")


# --- 3. statements --------------------------------------------------------------------


def test_a_statement_from_the_column_engine_equals_the_object_paths():
    team, statements = both_paths(team_plan(Cap("cap", eur("60.00"))), TEAM)

    assert team.paths == {"ana": "columns", "bob": "columns", "cy": "columns"}
    for owner, statement in statements.items():
        assert team.statement(owner) == statement


def test_the_statement_of_an_unknown_owner_is_refused_naming_it():
    team = frames.calculate_team(
        team_plan(), frame_of(TEAM), period=JAN, quotas=TEAM_QUOTAS
    )

    with pytest.raises(UnknownKeyError, match="'zed'") as raised:
        team.statement("zed")

    assert raised.value.key == "zed"
    assert "'ana'" in str(raised.value)


# --- 4. tables of every kind in, the same kind out ------------------------------------


def test_pandas_pyarrow_and_polars_tables_give_the_same_result_in_their_own_kind():
    import pandas as pd
    import pyarrow as pa

    table = frame_of(TEAM)
    given_pandas = table.to_pandas()  # amounts: an object column of Decimals
    assert given_pandas["amount"].dtype == object

    results = {
        kind: frames.calculate_team(team_plan(), given, period=JAN, quotas=TEAM_QUOTAS)
        for kind, given in {
            "polars": table,
            "pandas": given_pandas,
            "pyarrow": table.to_arrow(),
        }.items()
    }

    polars_summary = results["polars"].summary
    assert isinstance(polars_summary, pl.DataFrame)
    assert isinstance(results["pandas"].summary, pd.DataFrame)
    assert isinstance(results["pyarrow"].summary, pa.Table)
    back_from_pandas = pl.from_pandas(results["pandas"].summary)
    assert back_from_pandas.equals(polars_summary)
    assert pl.from_arrow(results["pyarrow"].summary).equals(polars_summary)  # type: ignore[union-attr]
    assert pl.from_arrow(results["pyarrow"].lines).equals(results["polars"].lines)  # type: ignore[union-attr]
    for name in ("credited", "commission", "total"):
        dtype = results["pandas"].summary[name].dtype
        assert isinstance(dtype, pd.ArrowDtype)
        assert pa.types.is_decimal(dtype.pyarrow_dtype)
        assert isinstance(
            results["pyarrow"].summary.schema.field(name).type, pa.Decimal128Type
        )


# --- 5. a worked example ----------------------------------------------------------------


def test_a_tiered_accelerated_capped_plan_on_six_rows_by_hand():
    plan = CommissionPlan(
        "worked",
        "EUR",
        (
            Tiered(
                "commission", (Tier("0", "10000", "0.05"), Tier("10000", None, "0.08"))
            ),
            Accelerator("kick", (Band("1", None, "1.5"),)),
            Cap("cap", eur("1500.00")),
        ),
    )
    rows = [
        _credit("D-1", "ana", "6000.00"),
        _credit("D-2", "ana", "6000.10"),  # ana: 12,000.10
        _credit("D-3", "bob", "20000.00"),
        _credit("D-4", "bob", "5000.00"),  # bob: 25,000.00
        _credit("D-5", "cy", "4000.00"),
        _credit("D-6", "cy", "-1000.00", original_on=DAY),  # cy: 3,000.00
    ]
    quotas = [
        Quota("ana", JAN, eur("10000.00")),
        Quota("bob", JAN, eur("20000.00")),
        Quota("cy", JAN, eur("5000.00")),
    ]

    team, _ = both_paths(plan, rows, quotas=quotas)

    # ana: 10,000 × 5 % = 500.00; 2,000.10 × 8 % = 160.008 → 160.01; paid
    #   660.01; the band above 100 % holds 2,000.10 of 12,000.10:
    #   660.01 × 2,000.10 × 0.5 ÷ 12,000.10 = 55.0022… → 55.00; 715.01 < 1,500
    # bob: 500.00 + 15,000 × 8 % = 1,200.00 → 1,700.00; band: 5,000 of 25,000:
    #   1,700.00 × 5,000 × 0.5 ÷ 25,000 = 170.00 → 1,870.00; the cap cuts
    #   1,500.00 − 1,870.00 = −370.00
    # cy: 3,000 × 5 % = 150.00; 60 % of quota, no band, no cap
    assert team.summary.select(
        "owner", "commission", "kick", "cap", "total"
    ).rows() == [
        (
            "ana",
            Decimal("660.01"),
            Decimal("55.00"),
            Decimal("0.00"),
            Decimal("715.01"),
        ),
        (
            "bob",
            Decimal("1700.00"),
            Decimal("170.00"),
            Decimal("-370.00"),
            Decimal("1500.00"),
        ),
        ("cy", Decimal("150.00"), Decimal("0.00"), Decimal("0.00"), Decimal("150.00")),
    ]
    assert team.lines.filter(pl.col("owner") == "bob").select(
        "component", "amount", "rate", "deals"
    ).rows() == [
        ("commission", Decimal("500.00"), Decimal("0.05"), 2),
        ("commission", Decimal("1200.00"), Decimal("0.08"), 2),
        ("kick", Decimal("170.00"), Decimal("1.5"), 2),
        ("cap", Decimal("-370.00"), None, 0),
    ]
    assert set(team.paths.values()) == {"columns"}


# --- 6. worked examples of the other kinds --------------------------------------------


def _quotas(*owners: str, target: str = "10000.00") -> list[Quota]:
    return [Quota(owner, JAN, eur(target)) for owner in owners]


def test_a_pay_curve_on_columns_by_hand():
    curve = PayCurve(
        "curve",
        (CurvePoint("0.5", "0.25"), CurvePoint("1", "1"), CurvePoint("1.5", "2")),
        eur("10000.00"),
    )
    rows = [
        _credit("D-1", "ana", "7500.00"),
        _credit("D-2", "bob", "4000.00"),
        _credit("D-3", "cy", "20000.00"),
        _credit("D-4", "dan", "31000.00"),
    ]
    quotas = [*_quotas("ana", "bob", "cy"), *_quotas("dan", target="30000.00")]

    team, statements = both_paths(plan_of(curve), rows, quotas=quotas)

    # ana: 75 %, between 50 % and 100 %: 0.25 + 0.75 × (0.75 − 0.5) ÷ 0.5 =
    #   0.625 (exactly: (0.25 × 0.5 × 10,000 + 0.75 × 2,500) ÷ (0.5 × 10,000)
    #   = 3,125 ÷ 5,000), × 10,000.00 = 6,250.00
    # bob: 40 %, below the first point: a line of 0.00 at a factor of 0
    # cy: 200 %, beyond the last point: its payout, 2 × 10,000.00
    # dan: 31,000 of 30,000: (1 × 0.5 × 30,000 + 1 × 1,000) ÷ (0.5 × 30,000)
    #   = 16 ÷ 15 = 1.0666…, × 10,000.00 = 10,666.666… → 10,666.67
    assert team.lines.select("owner", "amount", "rate", "deals").rows() == [
        ("ana", Decimal("6250.00"), Decimal("0.625"), 1),
        ("bob", Decimal("0.00"), Decimal("0"), 1),
        ("cy", Decimal("20000.00"), Decimal("2"), 1),
        ("dan", Decimal("10666.67"), Decimal("1.0666666666666667"), 1),
    ]
    assert set(team.paths.values()) == {"columns"}
    assert_ledgers_match(team, statements)


@pytest.mark.parametrize(
    ("cumulative", "paid"),
    [
        (False, {"ana": ["1500.00"], "bob": ["500.00"]}),
        (True, {"ana": ["500.00", "1500.00"], "bob": ["500.00"]}),
    ],
    ids=["highest level", "cumulative"],
)
def test_an_attainment_bonus_on_columns_by_hand(
    cumulative: bool, paid: dict[str, list[str]]
):
    club = AttainmentBonus(
        "club",
        (BonusLevel("1", eur("500.00")), BonusLevel("1.2", eur("1500.00"))),
        cumulative,
    )
    rows = [
        _credit("D-1", "ana", "12000.00"),  # exactly 120 %: both levels
        _credit("D-2", "bob", "11999.99"),  # a cent short of 120 %: the first
        _credit("D-3", "cy", "9999.99"),  # a cent short of 100 %: none
    ]

    team, statements = both_paths(
        plan_of(club), rows, quotas=_quotas("ana", "bob", "cy")
    )

    # ana: 12,000.00 ≥ 1.2 × 10,000.00 and ≥ 1 × 10,000.00; bob only the
    # second; cy neither; cumulative pays 500.00 + 1,500.00 to ana
    got: dict[str, list[str]] = {}
    for owner, amount in team.lines.select("owner", "amount").iter_rows():
        got.setdefault(owner, []).append(str(amount))
    assert got == paid
    assert set(team.paths.values()) == {"columns"}
    assert_ledgers_match(team, statements)


DRAW_ROWS = [
    _credit("D-1", "ana", "15000.00"),  # 10 %: earns 1,500.00
    _credit("D-2", "bob", "4000.00"),  # earns 400.00
    _credit("D-3", "cy", "-500.00", original_on=DAY),  # earns −50.00
]


@pytest.mark.parametrize(
    ("kind", "lines", "balances"),
    [
        # max(E, D): the advance, then −min(D, E) settled (+50.00 for cy's −50)
        (
            DrawKind.NON_RECOVERABLE,
            {
                "ana": ["1500.00", "1000.00", "-1000.00"],
                "bob": ["400.00", "1000.00", "-400.00"],
                "cy": ["-50.00", "1000.00", "50.00"],
            },
            {"ana": "0", "bob": "0", "cy": "0"},
        ),
        # nothing owed, nothing recovered: E + D, and D owed
        (
            DrawKind.RECOVERABLE,
            {
                "ana": ["1500.00", "1000.00"],
                "bob": ["400.00", "1000.00"],
                "cy": ["-50.00", "1000.00"],
            },
            {"ana": "1000.00", "bob": "1000.00", "cy": "1000.00"},
        ),
        # topped up to 1,000.00: bob by 600.00, cy by 1,050.00, ana not
        (
            DrawKind.NON_RECOVERABLE_GUARANTEE,
            {
                "ana": ["1500.00"],
                "bob": ["400.00", "600.00"],
                "cy": ["-50.00", "1050.00"],
            },
            {"ana": "0", "bob": "0", "cy": "0"},
        ),
        # the same top-ups, owed; no balance yet, so no recovery line
        (
            DrawKind.RECOVERABLE_GUARANTEE,
            {
                "ana": ["1500.00"],
                "bob": ["400.00", "600.00"],
                "cy": ["-50.00", "1050.00"],
            },
            {"ana": "0", "bob": "600.00", "cy": "1050.00"},
        ),
    ],
    ids=lambda value: value.value if isinstance(value, DrawKind) else "",
)
def test_each_draw_kind_on_columns_by_hand_and_the_balance_it_carries(
    kind: DrawKind, lines: dict[str, list[str]], balances: dict[str, str]
):
    plan = plan_of(FlatRate("flat", "0.1"), Draw("draw", kind, eur("1000.00")))

    team, statements = both_paths(plan, DRAW_ROWS, quotas=[])

    got: dict[str, list[str]] = {}
    for owner, amount in team.lines.select("owner", "amount").iter_rows():
        got.setdefault(owner, []).append(str(amount))
    assert got == lines
    carried = dict(team.ledgers.select("owner", "draw_balance").iter_rows())
    assert carried == {owner: Decimal(b) for owner, b in balances.items()}
    assert set(team.paths.values()) == {"columns"}
    assert_ledgers_match(team, statements)


def test_bonuses_on_activity_pay_nothing_on_columns_where_there_is_no_activity():
    plan = plan_of(
        FlatRate("flat", "0.1"),
        ClientServedBonus("service", eur("25.00")),
        FeedbackBonus("nps", (BonusLevel("4.5", eur("300.00")),)),
        PerClientHeld("portfolio", (HeldRate(eur("40.00")),)),
    )

    team, _ = both_paths(plan, DRAW_ROWS, quotas=[])

    # calculate_team takes no activities: no client served, no rating, no
    # client held, on either path; only the flat rate's lines
    assert team.summary.select(
        "owner", "service", "nps", "portfolio", "total"
    ).rows() == [
        ("ana", Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("1500.00")),
        ("bob", Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("400.00")),
        ("cy", Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("-50.00")),
    ]
    assert set(team.lines["component"]) == {"flat"}
    assert set(team.paths.values()) == {"columns"}


def test_a_salary_beside_a_filtered_line_keeps_its_cent_without_credits() -> None:
    # found by the differential test: an owner with a quota and no credits,
    # a 0 % rate on pumps only and a salary of 0.01; the filtered line's
    # figure carried 0 places, and joining the lines cut the salary to 0
    plan = CommissionPlan(
        "g",
        "EUR",
        [
            FlatRate("pumps", Decimal(0), where=CreditFilter(products="pump")),
            BaseSalary("salary", eur("0.01")),
        ],
    )
    quarter = Period(dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    team = frames.calculate_team(
        plan,
        frame_of([], "EUR"),
        period=quarter,
        quotas=[Quota("ana", quarter, eur("1000"))],
        owners=["ana"],
    )
    assert team.lines.filter(component="salary")["amount"].to_list() == [
        Decimal("0.01")
    ]
    assert team.summary["total"].to_list() == [Decimal("0.01")]
