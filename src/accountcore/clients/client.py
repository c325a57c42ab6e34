"""Clients and their lifecycle.

A :class:`Client` is an entity: it is compared by ``id``, and every change
returns a new client with the change appended to its ``history``. The status
follows the relationship: a prospect becomes active, an active client may go
dormant, a client churns (with a reason) and may be won back.

>>> import pendulum
>>> t0 = pendulum.datetime(2026, 1, 5, 9, tz="Europe/Tallinn")
>>> acme = Client.prospect("C-1", "Acme OÜ", kind=ClientKind.CORPORATE, owner="anna", at=t0)
>>> acme = acme.activate(at=t0.add(days=30), by="anna")
>>> acme = acme.promote(at=t0.add(days=60), by="lead")
>>> acme.status, acme.tier
(<ClientStatus.ACTIVE: 'active'>, <ClientTier.KEY: 'key'>)
>>> [change.action.value for change in acme.history]
['activate', 'promote']
>>> acme.win_back(at=t0.add(days=90), by="anna")
Traceback (most recent call last):
...
accountcore.clients.errors.ClientLifecycleError: Client 'C-1' is active: cannot win back (only a churned client can be won back).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

from accountcore.clients.errors import ClientCollectionError, ClientLifecycleError
from accountcore.errors import check_choice, check_items
from accountcore.periods import require_aware

__all__ = [
    "Client",
    "ClientAction",
    "ClientChange",
    "ClientKind",
    "ClientStatus",
    "ClientTier",
    "validate_clients",
]


class ClientKind(enum.Enum):
    """Who the client is: a person or a legal entity.

    >>> ClientKind("corporate")
    <ClientKind.CORPORATE: 'corporate'>
    """

    INDIVIDUAL = "individual"
    CORPORATE = "corporate"


class ClientTier(enum.Enum):
    """The service tier, lowest first: standard, key account, VIP.

    >>> ClientTier.KEY.rank < ClientTier.VIP.rank
    True
    """

    STANDARD = "standard"
    KEY = "key"
    VIP = "vip"

    @property
    def rank(self) -> int:
        """The tier's place in the order standard (0) < key (1) < VIP (2).

        >>> ClientTier.VIP.rank
        2
        """
        return _TIER_ORDER.index(self)


_TIER_ORDER = (ClientTier.STANDARD, ClientTier.KEY, ClientTier.VIP)


class ClientStatus(enum.Enum):
    """Where the relationship stands.

    ``PROSPECT`` → ``ACTIVE`` ⇄ ``DORMANT``; ``ACTIVE``/``DORMANT`` →
    ``CHURNED`` (with a reason) → ``ACTIVE`` again (won back).

    >>> ClientStatus("dormant")
    <ClientStatus.DORMANT: 'dormant'>
    """

    PROSPECT = "prospect"
    ACTIVE = "active"
    DORMANT = "dormant"
    CHURNED = "churned"


class ClientAction(enum.Enum):
    """The kinds of change a client's history records.

    >>> ClientAction("churn").label
    'churn'
    >>> ClientAction.WIN_BACK.label
    'win back'
    """

    ACTIVATE = "activate"
    MARK_DORMANT = "mark_dormant"
    CHURN = "churn"
    WIN_BACK = "win_back"
    PROMOTE = "promote"
    DEMOTE = "demote"
    REASSIGN = "reassign"

    @property
    def label(self) -> str:
        """The action in words, for messages.

        >>> ClientAction.MARK_DORMANT.label
        'mark dormant'
        """
        return self.value.replace("_", " ")


@attrs.frozen
class ClientChange:
    """One change in a client's life: what changed, from what to what, when,
    by whom and why.

    ``before`` and ``after`` are the status value (``"active"``), the tier
    value (``"key"``) or the owner, depending on ``action``.

    >>> import pendulum
    >>> at = pendulum.datetime(2026, 2, 1, tz="UTC")
    >>> ClientChange(at, "anna", ClientAction.CHURN, "active", "churned", "moved to a rival").reason
    'moved to a rival'
    """

    at: _dt.datetime
    by: str
    action: ClientAction
    before: str
    after: str
    reason: str | None = None


_ALLOWED_FROM: dict[ClientAction, tuple[frozenset[ClientStatus], str]] = {
    ClientAction.ACTIVATE: (
        frozenset({ClientStatus.PROSPECT, ClientStatus.DORMANT}),
        "only a prospect or a dormant client can be activated",
    ),
    ClientAction.MARK_DORMANT: (
        frozenset({ClientStatus.ACTIVE}),
        "only an active client can go dormant",
    ),
    ClientAction.CHURN: (
        frozenset({ClientStatus.ACTIVE, ClientStatus.DORMANT}),
        "only an active or dormant client can churn",
    ),
    ClientAction.WIN_BACK: (
        frozenset({ClientStatus.CHURNED}),
        "only a churned client can be won back",
    ),
    ClientAction.PROMOTE: (
        frozenset({ClientStatus.PROSPECT, ClientStatus.ACTIVE, ClientStatus.DORMANT}),
        "a churned client keeps its tier until it is won back",
    ),
    ClientAction.DEMOTE: (
        frozenset({ClientStatus.PROSPECT, ClientStatus.ACTIVE, ClientStatus.DORMANT}),
        "a churned client keeps its tier until it is won back",
    ),
    ClientAction.REASSIGN: (
        frozenset(ClientStatus),
        "",
    ),
}


@attrs.frozen(eq=False)
class Client:
    """A client (or prospect) of the company, owned by an account manager.

    Clients are entities: two ``Client`` values with the same ``id`` are
    equal (and hash alike) whatever their other fields, so a client found in
    a set is "the same client" even after it changed. Compare fields
    explicitly (or use ``attrs.astuple``) to see whether two snapshots differ.

    Build a new one with :meth:`prospect` (or :meth:`existing`); change it
    with the lifecycle methods, each pure, taking ``at=`` (an aware
    datetime, never earlier than the last change) and ``by=`` (who did it).

    >>> import pendulum
    >>> at = pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> a = Client.prospect("C-1", "Mari Maasikas", kind=ClientKind.INDIVIDUAL, owner="anna", at=at)
    >>> b = a.reassign("boris", at=at.add(days=1), by="lead")
    >>> a == b, a.owner, b.owner
    (True, 'anna', 'boris')
    """

    id: str
    name: str
    kind: ClientKind
    tier: ClientTier
    status: ClientStatus
    owner: str
    created_at: _dt.datetime
    segment: str | None = None
    industry: str | None = None
    region: str | None = None
    referred_by: str | None = None
    history: tuple[ClientChange, ...] = ()
    lead_source: str | None = None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Client):
            return self.id == other.id
        return NotImplemented

    def __hash__(self) -> int:
        return hash((Client, self.id))

    # --- construction -------------------------------------------------------

    @classmethod
    def prospect(
        cls,
        id: str,
        name: str,
        *,
        kind: ClientKind,
        owner: str,
        at: _dt.datetime,
        tier: ClientTier = ClientTier.STANDARD,
        segment: str | None = None,
        industry: str | None = None,
        region: str | None = None,
        referred_by: str | None = None,
        lead_source: str | None = None,
    ) -> Client:
        """A new prospect, created at ``at``; ``lead_source`` says where it
        came from (``"fair"``, ``"referral"``, …) where known.

        >>> import pendulum
        >>> c = Client.prospect("C-9", "Ref Ltd", kind=ClientKind.CORPORATE, owner="anna",
        ...                     at=pendulum.datetime(2026, 1, 1, tz="UTC"), referred_by="C-1")
        >>> c.status, c.referred_by
        (<ClientStatus.PROSPECT: 'prospect'>, 'C-1')
        """
        return cls.existing(
            id,
            name,
            kind=kind,
            owner=owner,
            at=at,
            status=ClientStatus.PROSPECT,
            tier=tier,
            segment=segment,
            industry=industry,
            region=region,
            referred_by=referred_by,
            lead_source=lead_source,
        )

    @classmethod
    def existing(
        cls,
        id: str,
        name: str,
        *,
        kind: ClientKind,
        owner: str,
        at: _dt.datetime,
        status: ClientStatus = ClientStatus.ACTIVE,
        tier: ClientTier = ClientTier.STANDARD,
        segment: str | None = None,
        industry: str | None = None,
        region: str | None = None,
        referred_by: str | None = None,
        lead_source: str | None = None,
    ) -> Client:
        """A client imported with its current status (active by default).

        >>> import pendulum
        >>> Client.existing("C-2", "Old Co", kind=ClientKind.CORPORATE, owner="anna",
        ...                 at=pendulum.datetime(2020, 1, 1, tz="UTC"), tier=ClientTier.VIP).tier
        <ClientTier.VIP: 'vip'>
        """
        return cls(
            id=id,
            name=name,
            kind=check_choice("kind", kind, ClientKind),
            tier=check_choice("tier", tier, ClientTier),
            status=check_choice("status", status, ClientStatus),
            owner=owner,
            created_at=require_aware(at, "at"),
            segment=segment,
            industry=industry,
            region=region,
            referred_by=referred_by,
            lead_source=lead_source,
        )

    # --- reading --------------------------------------------------------------

    @property
    def updated_at(self) -> _dt.datetime:
        """When the client last changed (its creation if never).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.prospect("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.updated_at == at
        True
        """
        return self.history[-1].at if self.history else self.created_at

    @property
    def churn_reason(self) -> str | None:
        """Why the client churned, while it is churned (else ``None``).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.churn(at=at.add(days=1), by="a", reason="price").churn_reason
        'price'
        """
        if self.status is not ClientStatus.CHURNED:
            return None
        for change in reversed(self.history):
            if change.action is ClientAction.CHURN:
                return change.reason
        return None

    # --- lifecycle --------------------------------------------------------------

    def activate(self, *, at: _dt.datetime, by: str) -> Client:
        """A prospect becomes a client, or a dormant client active again.

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.prospect("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.activate(at=at, by="a").status
        <ClientStatus.ACTIVE: 'active'>
        """
        return self._to_status(ClientAction.ACTIVATE, ClientStatus.ACTIVE, at, by, None)

    def mark_dormant(self, *, at: _dt.datetime, by: str) -> Client:
        """An active client that stopped ordering.

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.mark_dormant(at=at, by="a").status
        <ClientStatus.DORMANT: 'dormant'>
        """
        return self._to_status(
            ClientAction.MARK_DORMANT, ClientStatus.DORMANT, at, by, None
        )

    def churn(self, *, at: _dt.datetime, by: str, reason: str) -> Client:
        """The client left; ``reason`` is required (non-blank).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.churn(at=at, by="a", reason=" ")
        Traceback (most recent call last):
        ...
        accountcore.clients.errors.ClientLifecycleError: Client 'C-1' is active: cannot churn (a reason is required, got ' ').
        """
        if not isinstance(reason, str) or not reason.strip():
            raise ClientLifecycleError(
                self.id,
                self.status.value,
                ClientAction.CHURN.label,
                f"a reason is required, got {reason!r}",
            )
        return self._to_status(ClientAction.CHURN, ClientStatus.CHURNED, at, by, reason)

    def win_back(
        self, *, at: _dt.datetime, by: str, reason: str | None = None
    ) -> Client:
        """A churned client returns (active again).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.churn(at=at, by="a", reason="price").win_back(at=at, by="a").status
        <ClientStatus.ACTIVE: 'active'>
        """
        return self._to_status(
            ClientAction.WIN_BACK, ClientStatus.ACTIVE, at, by, reason
        )

    def promote(
        self,
        *,
        at: _dt.datetime,
        by: str,
        to: ClientTier | None = None,
        reason: str | None = None,
    ) -> Client:
        """Raise the tier (to the next one, or to ``to``).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at)
        >>> c.promote(at=at, by="lead", to=ClientTier.VIP).tier
        <ClientTier.VIP: 'vip'>
        >>> c.promote(at=at, by="lead", to=ClientTier.VIP).promote(at=at, by="lead")
        Traceback (most recent call last):
        ...
        accountcore.clients.errors.ClientLifecycleError: Client 'C-1' is active: cannot promote (the tier is already vip, the highest).
        """
        return self._to_tier(ClientAction.PROMOTE, +1, to, at, by, reason)

    def demote(
        self,
        *,
        at: _dt.datetime,
        by: str,
        to: ClientTier | None = None,
        reason: str | None = None,
    ) -> Client:
        """Lower the tier (to the previous one, or to ``to``).

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="a", at=at,
        ...                     tier=ClientTier.VIP)
        >>> c.demote(at=at, by="lead").tier
        <ClientTier.KEY: 'key'>
        """
        return self._to_tier(ClientAction.DEMOTE, -1, to, at, by, reason)

    def reassign(
        self, owner: str, *, at: _dt.datetime, by: str, reason: str | None = None
    ) -> Client:
        """Hand the client to another account manager.

        >>> import pendulum
        >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
        >>> c = Client.existing("C-1", "A", kind=ClientKind.CORPORATE, owner="anna", at=at)
        >>> c.reassign("anna", at=at, by="lead")
        Traceback (most recent call last):
        ...
        accountcore.clients.errors.ClientLifecycleError: Client 'C-1' is active: cannot reassign (the owner is already 'anna').
        """
        action = ClientAction.REASSIGN
        if not isinstance(owner, str) or not owner.strip():
            self._refuse(
                action, f"the new owner must be a non-blank name, got {owner!r}"
            )
        if owner == self.owner:
            self._refuse(action, f"the owner is already {owner!r}")
        change = self._change(action, self.owner, owner, at, by, reason)
        return attrs.evolve(self, owner=owner, history=(*self.history, change))

    # --- internals ----------------------------------------------------------------

    def _refuse(self, action: ClientAction, why: str) -> None:
        raise ClientLifecycleError(self.id, self.status.value, action.label, why)

    def _change(  # noqa: PLR0917
        self,
        action: ClientAction,
        before: str,
        after: str,
        at: _dt.datetime,
        by: str,
        reason: str | None,
    ) -> ClientChange:
        allowed, why = _ALLOWED_FROM[action]
        if self.status not in allowed:
            self._refuse(action, why)
        moment = require_aware(at, "at")
        if moment < self.updated_at:
            self._refuse(
                action,
                f"at={moment.isoformat()} is earlier than the last change "
                f"at {self.updated_at.isoformat()}",
            )
        if not isinstance(by, str) or not by.strip():
            self._refuse(action, f"by must name who made the change, got {by!r}")
        return ClientChange(moment, by, action, before, after, reason)

    def _to_status(
        self,
        action: ClientAction,
        status: ClientStatus,
        at: _dt.datetime,
        by: str,
        reason: str | None,
    ) -> Client:
        change = self._change(action, self.status.value, status.value, at, by, reason)
        return attrs.evolve(self, status=status, history=(*self.history, change))

    def _to_tier(  # noqa: PLR0917
        self,
        action: ClientAction,
        step: int,
        to: ClientTier | None,
        at: _dt.datetime,
        by: str,
        reason: str | None,
    ) -> Client:
        allowed, why = _ALLOWED_FROM[action]
        if self.status not in allowed:
            self._refuse(action, why)
        rank = self.tier.rank
        if to is None:
            target = rank + step
            if not 0 <= target < len(_TIER_ORDER):
                edge = "highest" if step > 0 else "lowest"
                self._refuse(
                    action, f"the tier is already {self.tier.value}, the {edge}"
                )
            tier = _TIER_ORDER[target]
        else:
            tier = ClientTier(to)
            if (tier.rank - rank) * step <= 0:
                direction = "above" if step > 0 else "below"
                self._refuse(
                    action,
                    f"{tier.value} is not {direction} the current tier {self.tier.value}",
                )
        change = self._change(action, self.tier.value, tier.value, at, by, reason)
        return attrs.evolve(self, tier=tier, history=(*self.history, change))


def validate_clients(clients: Iterable[Client]) -> None:
    """Check a collection of clients as a whole; raise
    :class:`~accountcore.clients.errors.ClientCollectionError` listing every fault:
    the same id twice, a client referred by itself, a referral chain that
    loops. A referrer outside the collection is allowed (a CRM may check a
    page of clients at a time).

    >>> import pendulum
    >>> at = pendulum.datetime(2026, 1, 1, tz="UTC")
    >>> def c(id, ref):
    ...     return Client.existing(id, id, kind=ClientKind.CORPORATE, owner="a", at=at,
    ...                            referred_by=ref)
    >>> validate_clients([c("A", "B"), c("B", "C"), c("C", "A"), c("D", "X")])
    Traceback (most recent call last):
    ...
    accountcore.clients.errors.ClientCollectionError: The clients are inconsistent (1 fault):
      - referral chain loops: A -> B -> C -> A
    """
    by_id: dict[str, Client] = {}
    faults: list[str] = []
    for client in sorted(check_items("clients", clients, Client), key=lambda c: c.id):
        if client.id in by_id:
            faults.append(f"client id {client.id!r} appears more than once")
        by_id[client.id] = client
    seen_loops: set[frozenset[str]] = set()
    for start in sorted(by_id):
        chain = [start]
        current = by_id[start].referred_by
        while current is not None and current in by_id:
            if current in chain:
                loop = chain[chain.index(current) :]
                key = frozenset(loop)
                if key not in seen_loops:
                    seen_loops.add(key)
                    pivot = loop.index(min(loop))
                    ordered = loop[pivot:] + loop[:pivot]
                    if len(ordered) == 1:
                        faults.append(f"client {ordered[0]!r} is referred by itself")
                    else:
                        faults.append(
                            "referral chain loops: "
                            + " -> ".join([*ordered, ordered[0]])
                        )
                break
            chain.append(current)
            current = by_id[current].referred_by
    if faults:
        raise ClientCollectionError(faults)
