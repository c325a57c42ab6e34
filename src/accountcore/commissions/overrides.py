"""Manager override pay: a share of the team's credit or of its commission.

An :class:`Override` is not a plan component: it is a calculation over the
team's **statements**, made after them. A component sees one owner's
credits; an override on commission needs what every member of the team
earned (after their accelerators, caps and draws), which exists only once
their statements are calculated, and the team is the hierarchy's on the
period's last day. So the team's statements go in, one line comes out,
which the manager's own statement adds (or pays alone).

>>> import datetime as dt
>>> from accountcore.commissions.ledger import Ledger
>>> from accountcore.relationship.hierarchy import Hierarchy, ReportingLine
>>> day, q1 = dt.date(2026, 1, 1), Period.quarter(2026, 1)
>>> h = Hierarchy([ReportingLine("ana", "mia", day), ReportingLine("bob", "mia", day)])
>>> def stmt(owner, credited, pay):
...     line = StatementLine("c", LineKind.VARIABLE, "commission", Money(pay, "EUR"))
...     return CommissionStatement(owner, q1, "EUR", (line,), Ledger.opening(owner, "EUR"), None, Money(credited, "EUR"))
>>> team = [stmt("ana", "120000", "6000.00"), stmt("bob", "80000", "4000.00")]
>>> Override("override", "0.10", OverrideOf.COMMISSION).line("mia", h, team).amount   # 10 % of 10,000
Money('1000.00', 'EUR')
>>> Override("override", "0.005", "credit").line("mia", h, team).amount               # 0.5 % of 200,000
Money('1000.00', 'EUR')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.commissions._checks import check, decimal_faults, lenient_decimal
from accountcore.commissions.errors import InvalidCreditError
from accountcore.commissions.statement import (
    CommissionStatement,
    LineKind,
    StatementLine,
)
from accountcore.errors import (
    CurrencyMismatchError,
    check_choice,
    check_items,
    check_type,
)
from accountcore.i18n import Message, Percent
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.relationship.hierarchy import Hierarchy

__all__ = ["Override", "OverrideOf"]


class OverrideOf(enum.Enum):
    """What an override is a share of: the team's credited amount (after
    tier weights) or the variable pay it earned.

    >>> OverrideOf("commission")
    <OverrideOf.COMMISSION: 'commission'>
    """

    CREDIT = "credit"
    COMMISSION = "commission"


def _of(value: object) -> OverrideOf:
    return check_choice("of", value, OverrideOf)


@attrs.frozen
class Override:
    """A manager's override: ``rate`` of the team's credit or commission
    (``of``), over the whole team below the manager or ``levels`` levels of it.

    >>> Override("override", "1.5", "commission")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: Override 'override' is invalid (1 fault):
      - rate must be between 0 and 1, got 1.5
    """

    name: str
    rate: Decimal = attrs.field(converter=lenient_decimal)
    of: OverrideOf = attrs.field(default=OverrideOf.COMMISSION, converter=_of)
    levels: int | None = None

    def __attrs_post_init__(self) -> None:
        faults = decimal_faults("rate", self.rate)
        if not faults and not 0 <= self.rate <= 1:
            faults.append(f"rate must be between 0 and 1, got {self.rate}")
        if self.levels is not None and (
            isinstance(self.levels, bool)
            or not isinstance(self.levels, int)
            or self.levels < 1
        ):
            faults.append(f"levels must be an int of 1 or more, got {self.levels!r}")
        check(f"Override {self.name!r}", faults)

    def line(
        self,
        manager: str,
        hierarchy: Hierarchy,
        statements: Iterable[CommissionStatement],
    ) -> StatementLine:
        """The override line of ``manager`` from the team's ``statements``
        (one period, one currency; statements of people outside the team
        are left out, so the whole company's may be passed).

        The team is the one of the period's last day. The basis is exact;
        the line is rounded once, to the cent (half up).

        >>> from accountcore.commissions.ledger import Ledger
        >>> h = Hierarchy()
        >>> a = CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
        >>> b = CommissionStatement("bob", Period.month(2026, 2), "EUR", (), Ledger.opening("bob", "EUR"))
        >>> Override("o", "0.1").line("mia", h, [a, b])
        Traceback (most recent call last):
        ...
        accountcore.commissions.errors.InvalidCreditError: statements='[2026-01, 2026-02]' is invalid: expected statements of one period.
        """
        check_type("manager", manager, str)
        check_type("hierarchy", hierarchy, Hierarchy)
        items = check_items("statements", statements, CommissionStatement)
        periods = sorted({s.period for s in items}, key=lambda p: p.start)
        if len(periods) > 1:
            raise InvalidCreditError(
                "statements",
                f"[{', '.join(str(p) for p in periods)}]",
                "statements of one period",
            )
        if not items:
            raise InvalidCreditError("statements", [], "the team's statements")
        period: Period = periods[0]
        team = set(hierarchy.team_of(manager, period.last_day, levels=self.levels))
        currency = items[0].currency
        basis = Decimal(0)
        for statement in items:
            if statement.owner not in team:
                continue
            if statement.currency != currency:
                raise CurrencyMismatchError(
                    "add up", Money.zero(currency), Money.zero(statement.currency)
                )
            basis += self._basis(statement)
        amount = Money(basis * self.rate, currency).rounded()
        message = Message.of(
            f"commissions.line.override_{self.of.value}",
            rate=Percent(self.rate),
            basis=Money(basis, currency).rounded(),
        )
        return StatementLine(
            self.name,
            LineKind.VARIABLE,
            message.render("en_US"),
            amount,
            basis,
            currency,
            self.rate,
            (),
            message,
        )

    def _basis(self, statement: CommissionStatement) -> Decimal:
        if self.of is OverrideOf.COMMISSION:
            return statement.earned.amount
        credited = statement.credited
        return Decimal(0) if credited is None else credited.amount
