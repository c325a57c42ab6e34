"""A commission ledger carried across many periods pays like the oracle
(stateful test).

A plan (any components, draws among them, per period or year to date) runs
period after period for one or two owners. Between two closings, credits
arrive at random: new deals, late credits (a further credit of a deal
credited in an earlier period), adjustments (negative, without
``original_on``) and clawbacks of earlier deals, fully or in part, several
times over. Each closing calculates the period with every credit so far on
three paths of the library (``calculate_team`` as given and with an empty
activity, ``plan.calculate``), each carrying its ledger, and with the plain oracle
(``tests/oracle``) carrying its own: the statements agree line for line, to
the cent, and so do the ledgers' deal records.

The size is ``stateful_settings`` (tests/helpers.py): small in CI, the long
profile through ``ACCOUNTCORE_STATEFUL_EXAMPLES`` / ``_STEPS``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from helpers import stateful_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from oracle.compare import Mismatch, compare, run_library, run_oracle
from oracle.engine import OracleError, OracleLedger
from strategies import EARNING, MODIFIERS, money_targets, plans

from accountcore.commissions import CommissionPlan, Credit, Scope
from accountcore.money import Money, minor_units
from accountcore.periods import FiscalCalendar, Period
from accountcore.quotas import Quota

OWNERS = ("ana", "bob")
PATHS = ("team", "team-general", "calculate")


class LedgerLife(RuleBasedStateMachine):
    """Credits arrive; periods close; the library and the oracle agree."""

    plan: CommissionPlan
    periods: list[Period]
    scope: Scope

    def __init__(self) -> None:
        super().__init__()
        self.credits: list[Credit] = []
        self.index = 0  # the open period
        self.deals = 0
        self.targets: dict[str, list[Decimal]] = {owner: [] for owner in OWNERS}
        self.ours: dict[str, OracleLedger] = {}
        self.theirs: dict[str, Any] = {}
        self.left_out: set[str] = set()
        self.refused = False

    @initialize(data=st.data(), ytd=st.booleans(), monthly=st.booleans())
    def choose_a_plan(self, data: st.DataObject, ytd: bool, monthly: bool) -> None:
        step = 12 if monthly else 4
        currency = data.draw(st.sampled_from(["EUR", "JPY", "BHD"]), label="currency")
        calendar = FiscalCalendar()
        if ytd:  # one fiscal year: a clawback across years is not modelled
            calendar = FiscalCalendar(start_month=data.draw(st.sampled_from([1, 4])))
            first = calendar.start_month if monthly else calendar.start_month // 3 + 1
            count = step
        else:
            first = data.draw(st.integers(1, step), label="first")
            count = 2 * step
        make = Period.month if monthly else Period.quarter
        self.periods = [
            make(2026 + (first + n - 1) // step, (first + n - 1) % step + 1)
            for n in range(count)
        ]
        self.scope = Scope.YEAR_TO_DATE if ytd else Scope.PERIOD
        kinds = (*EARNING, *MODIFIERS, "draw")
        plan = data.draw(
            plans(currency, kinds=kinds, scope=self.scope, period=self.periods[0]),
            label="plan",
        )
        self.plan = attrs.evolve(plan, calendar=calendar)
        self.owners = OWNERS[: data.draw(st.integers(1, 2), label="owners")]

    # --- credits arrive ----------------------------------------------------------

    @property
    def period(self) -> Period:
        return self.periods[self.index]

    def _money(self, minor: int) -> Money:
        currency = self.plan.currency
        return Money(Decimal(minor).scaleb(-minor_units(currency)), currency)

    def _day(self, offset: int) -> dt.date:
        return self.period.start + dt.timedelta(days=offset % self.period.days)

    def _recent(self, credit: Credit) -> bool:
        """Whether ``credit`` was first paid in this fiscal year or the one
        before: a ledger drops the records of older deals (docs/commissions.md),
        so a clawback of one is refused for want of a record, which the oracle
        does not model."""
        fiscal = self.plan.calendar.fiscal_year_of
        first = min(
            c.credited_on
            for c in self.credits
            if c.deal_id == credit.deal_id and c.owner == credit.owner
        )
        return fiscal(first) >= fiscal(self.period.start) - 1

    def _open(self) -> bool:
        return not self.refused and self.index < len(self.periods)

    @precondition(_open)
    @rule(
        owner=st.sampled_from(OWNERS),
        minor=st.integers(-(10**6), 10**8),
        offset=st.integers(0, 91),
    )
    def credit(self, owner: str, minor: int, offset: int) -> None:
        """A new deal (or, negative, an adjustment of its own period)."""
        if owner not in self.owners or minor == 0:
            return
        self.deals += 1
        self.credits.append(
            Credit(
                f"D-{self.deals}",
                "C-1",
                owner,
                self._money(minor),
                self._day(offset),
            )
        )

    @precondition(_open)
    @rule(pick=st.integers(0, 10**6), minor=st.integers(1, 10**7), offset=st.integers())
    def late_credit(self, pick: int, minor: int, offset: int) -> None:
        """A further credit of a deal credited in an earlier period."""
        earlier = [
            c
            for c in self.credits
            if c.credited_on < self.period.start and self._recent(c)
        ]
        if not earlier:
            return
        first = earlier[pick % len(earlier)]
        self.credits.append(
            attrs.evolve(
                first,
                amount=self._money(minor),
                credited_on=self._day(offset),
                original_on=None,
            )
        )

    @precondition(_open)
    @rule(
        pick=st.integers(0, 10**6),
        share=st.sampled_from([Decimal(1), Decimal("0.5"), Decimal("0.3")]),
        offset=st.integers(0, 91),
    )
    def clawback(self, pick: int, share: Decimal, offset: int) -> None:
        """A deal paid earlier (or in this period) is cancelled, in part or
        in full; it may be clawed back more than once."""
        paid = [
            c
            for c in self.credits
            if c.amount.amount > 0
            and c.original_on is None
            and c.credited_on <= self._day(offset)
            and self._recent(c)
        ]
        if not paid:
            return
        original = paid[pick % len(paid)]
        places = minor_units(self.plan.currency)
        back = (original.amount.amount * share).quantize(Decimal(1).scaleb(-places))
        if back:
            self.credits.append(
                attrs.evolve(
                    original,
                    amount=Money(-back, self.plan.currency),
                    credited_on=self._day(offset),
                    original_on=original.credited_on,
                )
            )

    # --- a period closes -----------------------------------------------------------

    def _quotas(self) -> list[Quota]:
        currency = self.plan.currency
        if self.scope is Scope.PERIOD:
            return [
                Quota(owner, self.period, Money(self.targets[owner][-1], currency))
                for owner in self.owners
            ]
        start = self.periods[0].start
        return [  # one quota for the fiscal year to date
            Quota(
                owner,
                Period(start, self.period.end),
                Money(sum(self.targets[owner]), currency),
            )
            for owner in self.owners
        ]

    @precondition(_open)
    @rule(data=st.data())
    def close_the_period(self, data: st.DataObject) -> None:
        for owner in self.owners:
            target = data.draw(money_targets(self.plan.currency), label="target")
            self.targets[owner].append(target)
        quotas = self._quotas()
        arguments: dict[str, Any] = {
            "period": self.period,
            "quotas": quotas,
            "activities": {},
            "owners": self.owners,
        }
        expected = run_oracle(self.plan, self.credits, ledgers=self.ours, **arguments)
        results = run_library(
            self.plan, self.credits, ledgers=self.theirs, paths=PATHS, **arguments
        )
        try:
            self.left_out |= compare(expected, results, deals=True, skip=self.left_out)
        except Mismatch as error:
            raise Mismatch(
                f"period {self.index + 1} ({self.period}):\n{error}"
            ) from None
        if isinstance(expected, OracleError):
            self.refused = True  # both refused alike: the story ends here
            return
        self.ours = {owner: s.ledger for owner, s in expected.items()}
        self.theirs = {owner: s.ledger for owner, s in results["team"].items()}
        self.index += 1

    @precondition(lambda self: not LedgerLife._open(self))
    @rule()
    def the_story_is_over(self) -> None:
        """After the last period (or a refusal) nothing more happens."""


LedgerLife.TestCase.settings = stateful_settings(30, 25)
test_a_ledger_across_many_periods_pays_like_the_oracle = LedgerLife.TestCase
