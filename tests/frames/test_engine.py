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
from decimal import Decimal
from typing import Any

import attrs
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import Scenario, scenarios

from accountcore import frames
from accountcore.commissions import (
    Accelerator,
    Basis,
    CommissionPlan,
    CommissionStatement,
    Credit,
    Gate,
    Tiered,
    calculate_team,
)
from accountcore.errors import AccountcoreError
from accountcore.money import Money, minor_units
from accountcore.periods import Period
from accountcore.quotas import Quota

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
    }
    schema = {**SCHEMA_WITHOUT_AMOUNT, "amount": pl.Decimal(38, scale)}
    return pl.DataFrame(columns, schema={name: schema[name] for name in columns})


def _fit(value: Decimal | None, scale: int) -> Decimal | None:
    """``value`` as a decimal column of ``scale`` places holds it (a
    quotient of the object path carries 28 digits)."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-scale))


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
    share, deals counted); quotients to the table's ``scales``."""
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
                    line.rate,
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
    scales = {name: lines.schema[name].scale for name in ("basis", "share")}
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


# --- 1. differential: random plans of the column-form kinds, random tables ----------

COLUMN_KINDS = ("salary", "flat", "commission", "hunter", "kicker", "gate", "cap")
"""The kinds of tests/strategies.py with a column form (no filter)."""


def _needs_target(plan: CommissionPlan) -> bool:
    return any(
        isinstance(c, Accelerator | Gate)
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
    """A scenario of a column-form plan (no tier weights: those take the
    object path), its edge owners added; sometimes an empty table."""
    scenario = draw(
        scenarios(
            kinds=COLUMN_KINDS,
            money_only=True,
            quota_kinds=("money",) * 12 + ("none", "count"),
        )
    )
    plan = attrs.evolve(scenario.plan, tier_weights={})
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


@settings(max_examples=60)
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
    assert team.paths == _expected_paths(scenario, sorted(expected))
