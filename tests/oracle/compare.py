"""Run every path of the library on one calculation and compare each with
the oracle, to the cent.

The paths (``PATHS``):

* ``team``: ``calculate_team`` as given;
* ``team-general``: the same with an (empty) activity for every owner;
* ``team-terse``: ``explain_deals=False``;
* ``calculate``: ``plan.calculate`` per owner with that owner's credits;
* ``calculate-general``: the same with an empty activity.

A statement matches when its non-zero lines (component, kind, amount) come
in the oracle's order, its total, credited basis and ledger (draw balance,
paid to date, and the fields issue 13 adds when the library has them) are
equal, and where the oracle knows a line's exact money basis, that too.
Lines of zero are left out: whether a component that pays nothing shows a
line of 0.00 is presentation, not pay.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from typing import Any

from accountcore.commissions import ServiceRecord, calculate_team
from accountcore.errors import AccountcoreError
from oracle.engine import (
    OracleError,
    OracleLedger,
    OracleStatement,
    decimal_of,
)
from oracle.engine import calculate_team as oracle_team

__all__ = ["PATHS", "Mismatch", "compare", "run_library", "run_oracle"]

PATHS = ("team", "team-general", "team-terse", "calculate", "calculate-general")


class Mismatch(AssertionError):
    """A library statement differs from the oracle's."""


def run_oracle(
    plan: Any,
    credits: Sequence[Any],
    *,
    period: Any,
    quotas: Sequence[Any],
    ledgers: Mapping[str, OracleLedger],
    activities: Mapping[str, Any],
    owners: Sequence[str],
) -> dict[str, OracleStatement] | OracleError:
    try:
        return oracle_team(
            plan,
            credits,
            period=period,
            quotas=quotas,
            ledgers=ledgers,
            activities=activities,
            owners=owners,
        )
    except OracleError as error:
        return error


def _guard(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except (AccountcoreError, ValueError) as error:
        return error


def run_library(
    plan: Any,
    credits: Sequence[Any],
    *,
    period: Any,
    quotas: Sequence[Any],
    ledgers: Mapping[str, Any],
    activities: Mapping[str, Any],
    owners: Sequence[str],
    paths: Sequence[str] = PATHS,
) -> dict[str, Any]:
    """Each path's statements by owner, or the error it raised."""
    general = {owner: activities.get(owner, ServiceRecord()) for owner in owners}
    out: dict[str, Any] = {}

    def team(**extra: Any) -> Any:
        arguments: dict[str, Any] = {
            "period": period,
            "quotas": list(quotas),
            "ledgers": dict(ledgers),
            "activities": dict(activities),
            "owners": owners,
        }
        arguments.update(extra)
        return _guard(lambda: calculate_team(plan, list(credits), **arguments))

    def each(activity_of: Mapping[str, Any]) -> Any:
        result = {}
        for owner in owners:
            mine = [q for q in quotas if q.owner == owner]
            if len(mine) > 1:
                return None  # a schedule: calculate takes one quota
            statement = _guard(
                lambda owner=owner, mine=mine: plan.calculate(
                    [c for c in credits if c.owner == owner],
                    period=period,
                    quota=mine[0] if mine else None,
                    ledger=ledgers.get(owner),
                    activity=activity_of.get(owner),
                    owner=owner,
                )
            )
            if isinstance(statement, Exception):
                return statement
            result[owner] = statement
        return result

    if "team" in paths:
        out["team"] = team()
    if "team-general" in paths:
        out["team-general"] = team(activities=general)
    if "team-terse" in paths:
        out["team-terse"] = team(explain_deals=False)
    if "calculate" in paths:
        out["calculate"] = each(activities)
    if "calculate-general" in paths:
        out["calculate-general"] = each(general)
    return {path: result for path, result in out.items() if result is not None}


def _show(value: Fraction) -> str:
    try:
        return str(decimal_of(value))
    except ValueError:
        return str(value)


def _lines_of_oracle(statement: OracleStatement) -> list[tuple[str, str, Fraction]]:
    return [(ln.component, ln.kind, ln.amount) for ln in statement.lines if ln.amount]


def _lines_of_library(statement: Any) -> list[tuple[str, str, Fraction]]:
    return [
        (ln.component, ln.kind.value, Fraction(ln.amount.amount))
        for ln in statement.lines
        if ln.amount.amount
    ]


def _table(lines: list[tuple[str, str, Fraction]]) -> str:
    return "\n".join(f"    {c:<14} {k:<17} {_show(a)}" for c, k, a in lines)


def compare_statement(
    path: str,
    expected: OracleStatement,
    got: Any,
    problems: list[str],
    *,
    deals: bool = False,
) -> None:
    owner = expected.owner
    want, have = _lines_of_oracle(expected), _lines_of_library(got)
    if want != have:
        problems.append(
            f"[{path}] {owner}: lines differ\n  oracle:\n{_table(want)}\n"
            f"  library:\n{_table(have)}"
        )
    elif Fraction(got.total.amount) != expected.total:
        problems.append(
            f"[{path}] {owner}: total {got.total.amount} != {_show(expected.total)}"
        )
    if got.credited is not None and Fraction(got.credited.amount) != expected.credited:
        problems.append(
            f"[{path}] {owner}: credited {got.credited.amount} != "
            f"{_show(expected.credited)}"
        )
    if want == have:  # then the exact money bases the oracle knows
        theirs = [ln for ln in got.lines if ln.amount.amount]
        ours = [ln for ln in expected.lines if ln.amount]
        for line, own in zip(theirs, ours, strict=True):
            if own.basis is not None and (
                line.basis is None or Fraction(line.basis) != own.basis
            ):
                problems.append(
                    f"[{path}] {owner}: {own.component} basis {line.basis} != "
                    f"{_show(own.basis)}"
                )
    ledger, mine = got.ledger, expected.ledger
    checks = [
        ("draw_balance", Fraction(ledger.draw_balance.amount), mine.draw_balance),
        ("paid_to_date", Fraction(ledger.paid_to_date.amount), mine.paid_to_date),
    ]
    if hasattr(ledger, "credited_to_date"):
        checks.append(
            (
                "credited_to_date",
                Fraction(ledger.credited_to_date.amount),
                mine.credited_to_date,
            )
        )
    for name, have_value, want_value in checks:
        if have_value != want_value:
            problems.append(
                f"[{path}] {owner}: ledger {name} {_show(have_value)} != "
                f"{_show(want_value)}"
            )
    if deals:
        records = getattr(ledger, "deals", None)
        want_deals = {
            deal: (rec.credited, rec.earned) for deal, rec in mine.deals.items()
        }
        if records is None:
            problems.append(f"[{path}] {owner}: the ledger keeps no deals")
            return
        have_deals = {
            deal: (Fraction(pay.credited.amount), Fraction(pay.earned.amount))
            for deal, pay in records.items()
        }
        if have_deals != want_deals:
            problems.append(
                f"[{path}] {owner}: ledger deals {have_deals} != {want_deals}"
            )


def compare(
    expected: dict[str, OracleStatement] | OracleError,
    results: Mapping[str, Any],
    *,
    tolerate: Collection[str] = (),
    deals: bool = False,
    skip: Collection[str] = (),
) -> set[str]:
    """Raise :class:`Mismatch` listing every difference between the oracle
    and each path. Owners whose statement carries a flag in ``tolerate``
    (an edge where the library is known to be wrong today) are not
    compared; their names are returned (a sequence leaves them out of the
    later periods too). ``deals``: compare the ledgers' per-deal records;
    ``skip``: owners not to compare."""
    problems: list[str] = []
    skipped: set[str] = set(skip)
    if not isinstance(expected, OracleError):
        skipped |= {
            owner
            for owner, statement in expected.items()
            if statement.flags & set(tolerate)
        }
    for path, got in results.items():
        if isinstance(expected, OracleError):
            if expected.flags & set(tolerate):
                continue
            if not isinstance(got, Exception):
                problems.append(
                    f"[{path}] the oracle refuses ({expected}); the library paid"
                )
            elif expected.expected and type(got).__name__ != expected.expected:
                problems.append(
                    f"[{path}] the oracle raises {expected}; the library "
                    f"{type(got).__name__}: {got}"
                )
            continue
        if isinstance(got, Exception):
            problems.append(f"[{path}] the library raised {type(got).__name__}: {got}")
            continue
        if sorted(got) != sorted(expected):
            problems.append(f"[{path}] owners {sorted(got)} != {sorted(expected)}")
            continue
        for owner, statement in expected.items():
            if owner not in skipped:
                compare_statement(path, statement, got[owner], problems, deals=deals)
    if problems:
        raise Mismatch("\n".join(problems))
    return skipped


def run_sequence(
    run: Any,
    *,
    tolerate: Collection[str] = (),
    deals: bool = False,
    paths: Sequence[str] = ("team", "team-general", "calculate"),
) -> int:
    """Calculate ``run`` (a ``strategies.PeriodRun``) period after period,
    the library carrying its ledgers and the oracle its own, comparing each
    period. An owner the oracle flags (see :func:`compare`) is left out from
    then on; a refusal ends the run. Returns the periods compared."""
    ours: dict[str, OracleLedger] = {}
    theirs: dict[str, Any] = {}
    left_out: set[str] = set()
    for index, period in enumerate(run.periods):
        credits = run.credits_for(index)
        expected = run_oracle(
            run.plan,
            credits,
            period=period,
            quotas=run.quotas[index],
            ledgers=ours,
            activities={},
            owners=run.owners,
        )
        results = run_library(
            run.plan,
            credits,
            period=period,
            quotas=run.quotas[index],
            ledgers=theirs,
            activities={},
            owners=run.owners,
            paths=paths,
        )
        try:
            left_out |= compare(
                expected, results, tolerate=tolerate, deals=deals, skip=left_out
            )
        except Mismatch as error:
            raise Mismatch(f"period {index + 1} ({period}):\n{error}") from None
        if isinstance(expected, OracleError):
            return index + 1
        ours = {owner: statement.ledger for owner, statement in expected.items()}
        theirs = {owner: s.ledger for owner, s in results["team"].items()}
    return len(run.periods)
