"""Quotas, commission plans, ledgers and statements: collections and
typed repositories.

None of these carries an id of its own, so each collection keys its
documents by what makes one unique (see each key function): a quota by
owner, measure and period; a plan by its name; a ledger by owner and the
date it runs through; a statement by owner and period.

>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.quotas import Quota
>>> from accountcore.storage import MemoryStore
>>> quota = Quota("ana", Period.quarter(2026, 1), Money("90000", "EUR"))
>>> quota_key(quota)
'ana/revenue/2026-01-01/2026-04-01'
>>> with MemoryStore().unit_of_work() as uow:
...     uow.quotas.add(quota)
...     uow.quotas.for_period("ana", Period.quarter(2026, 1)) == quota
1
True
"""

from __future__ import annotations

from accountcore.commissions.ledger import Ledger
from accountcore.commissions.plan import CommissionPlan
from accountcore.commissions.statement import CommissionStatement
from accountcore.periods import Period
from accountcore.quotas import Measure, Quota
from accountcore.storage.protocols import Collection, Index, Query, Range
from accountcore.storage.repositories import _Typed

__all__ = [
    "LEDGERS",
    "PLANS",
    "QUOTAS",
    "STATEMENTS",
    "Ledgers",
    "Plans",
    "Quotas",
    "Statements",
    "ledger_key",
    "quota_key",
    "statement_key",
]


def _span(period: Period) -> str:
    return f"{period.start.isoformat()}/{period.end.isoformat()}"


def quota_key(quota: Quota) -> str:
    """``owner/measure/start/end``: one quota per owner, measure and period."""
    return f"{quota.owner}/{quota.measure.value}/{_span(quota.period)}"


def ledger_key(ledger: Ledger) -> str:
    """``owner/through`` (``owner/opening`` before any period is paid).

    >>> ledger_key(Ledger.opening("ana", "EUR"))
    'ana/opening'
    """
    through = "opening" if ledger.through is None else ledger.through.isoformat()
    return f"{ledger.owner}/{through}"


def statement_key(statement: CommissionStatement) -> str:
    """``owner/start/end``: one statement per owner and period."""
    return f"{statement.owner}/{_span(statement.period)}"


QUOTAS: Collection[Quota] = Collection(
    "quotas",
    Quota,
    quota_key,
    (
        Index("owner", lambda quota: quota.owner),
        Index("measure", lambda quota: quota.measure.value),
        Index("starts", lambda quota: quota.period.start.isoformat()),
    ),
)
"""Quotas, indexed by owner, measure and the day their period starts."""

PLANS: Collection[CommissionPlan] = Collection(
    "commission_plans",
    CommissionPlan,
    lambda plan: plan.name,
    (Index("currency", lambda plan: plan.currency),),
)
"""Commission plans, keyed by name, indexed by currency."""

LEDGERS: Collection[Ledger] = Collection(
    "ledgers",
    Ledger,
    ledger_key,
    (
        Index("owner", lambda ledger: ledger.owner),
        Index(
            "through",
            lambda ledger: (
                None if ledger.through is None else ledger.through.isoformat()
            ),
        ),
    ),
)
"""Ledgers, one per owner and date paid through, indexed by both."""

STATEMENTS: Collection[CommissionStatement] = Collection(
    "statements",
    CommissionStatement,
    statement_key,
    (
        Index("owner", lambda statement: statement.owner),
        Index("starts", lambda statement: statement.period.start.isoformat()),
    ),
)
"""Commission statements, indexed by owner and the day their period starts."""


def _starting_in(period: Period) -> Range:
    return Range("starts", period.start.isoformat(), period.end.isoformat())


class Quotas(_Typed[Quota]):
    """The quota repository: the generic contract plus the queries a CRM needs."""

    __slots__ = ()

    def for_period(
        self, owner: str, period: Period, measure: Measure = Measure.REVENUE
    ) -> Quota | None:
        """The quota of ``owner`` for exactly ``period`` and ``measure``, or None."""
        return self.find(f"{owner}/{Measure(measure).value}/{_span(period)}")

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Quota]:
        """The quotas of ``owner``, by period start (then key)."""
        query = Query(equals={"owner": owner}, order_by="starts")
        return self.select(_page(query, limit, offset))

    def starting_in(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[Quota]:
        """Every owner's quotas whose period starts inside ``period``."""
        query = Query(range=_starting_in(period), order_by="starts")
        return self.select(_page(query, limit, offset))


class Plans(_Typed[CommissionPlan]):
    """The commission plan repository (``get`` by plan name)."""

    __slots__ = ()


class Ledgers(_Typed[Ledger]):
    """The ledger repository: each owner's ledgers, one per period closed."""

    __slots__ = ()

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[Ledger]:
        """The ledgers of ``owner``, oldest first (the opening one first)."""
        query = Query(equals={"owner": owner}, order_by="through")
        return self.select(_page(query, limit, offset))

    def latest(self, owner: str) -> Ledger | None:
        """The ledger to carry into ``owner``'s next statement, or None."""
        query = Query(equals={"owner": owner}, order_by="through")
        count = self.count(query)
        if count == 0:
            return None
        return self.select(_page(query, 1, count - 1))[0]


class Statements(_Typed[CommissionStatement]):
    """The statement repository: an owner's statements, and a period's."""

    __slots__ = ()

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[CommissionStatement]:
        """The statements of ``owner``, by period start."""
        query = Query(equals={"owner": owner}, order_by="starts")
        return self.select(_page(query, limit, offset))

    def starting_in(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[CommissionStatement]:
        """Every owner's statements whose period starts inside ``period``."""
        query = Query(range=_starting_in(period), order_by="starts")
        return self.select(_page(query, limit, offset))


def _page(query: Query, limit: int | None, offset: int) -> Query:
    return Query(
        equals=query.equals,
        range=query.range,
        order_by=query.order_by,
        limit=limit,
        offset=offset,
    )
