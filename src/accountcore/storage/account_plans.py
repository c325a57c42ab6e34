"""Account plans: their collection and typed repository.

:data:`ACCOUNT_PLANS` stores each
:class:`~accountcore.account_plans.AccountPlan` by its id, indexed by
client, owner and the first day of its span; :class:`AccountPlans` adds a
client's and an owner's plans, in span order with ``limit``/``offset``
paging.

>>> import datetime as dt
>>> from accountcore.account_plans import AccountPlan
>>> from accountcore.periods import Period
>>> from accountcore.storage import MemoryStore
>>> with MemoryStore().unit_of_work() as uow:
...     uow.account_plans.add(AccountPlan("AP-1", "C-1", "anna", Period.year(2026)))
...     [plan.id for plan in uow.account_plans.by_client("C-1")]
1
['AP-1']
"""

from __future__ import annotations

from accountcore.account_plans import AccountPlan
from accountcore.storage.protocols import Collection, Index, Query
from accountcore.storage.repositories import _Typed

__all__ = ["ACCOUNT_PLANS", "AccountPlans"]

ACCOUNT_PLANS: Collection[AccountPlan] = Collection(
    "account_plans",
    AccountPlan,
    lambda plan: plan.id,
    (
        Index("client", lambda plan: plan.client_id),
        Index("owner", lambda plan: plan.owner),
        Index("start", lambda plan: plan.span.start.isoformat()),
    ),
)
"""Account plans, indexed by client, owner and the first day of the span."""


class AccountPlans(_Typed[AccountPlan]):
    """The account-plan repository: a client's and an owner's plans, the
    earliest span first (then by id)."""

    __slots__ = ()

    def by_client(
        self, client_id: str, *, limit: int | None = None, offset: int = 0
    ) -> list[AccountPlan]:
        """The plans of ``client_id``."""
        query = Query(
            equals={"client": client_id}, order_by="start", limit=limit, offset=offset
        )
        return self.select(query)

    def by_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[AccountPlan]:
        """The plans ``owner`` is responsible for."""
        query = Query(
            equals={"owner": owner}, order_by="start", limit=limit, offset=offset
        )
        return self.select(query)
