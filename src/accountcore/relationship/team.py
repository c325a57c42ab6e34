"""The account team around an owner, cover during absence, and the
hand-over of a portfolio.

- :class:`AccountTeam`: the owner of a set of accounts and the people
  around them, each in a :class:`TeamRole` (deputy, sales support…);
- :class:`Delegation`: for a span of days, a delegate acts for an owner
  who is away (for all the owner's clients, or for some);
  :func:`acting_for` and :func:`responsible_on` tell who acts for whom on
  a day, exactly one person per client;
- :func:`hand_over`: move an owner's portfolio (clients and open deals) to
  another owner, recorded in each client's and deal's history.

>>> import datetime as dt
>>> away = Delegation("anna", "boris", dt.date(2026, 7, 1), dt.date(2026, 7, 14))
>>> acting_for([away], "anna", dt.date(2026, 7, 3)), acting_for([away], "anna", dt.date(2026, 7, 15))
('boris', 'anna')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from accountcore.clients import Client
from accountcore.errors import check_choice, check_items
from accountcore.i18n import Message
from accountcore.periods import as_date
from accountcore.pipeline import Deal, Outcome
from accountcore.relationship._checks import a_date, nonblank, optional_nonblank, text
from accountcore.relationship.errors import (
    DelegationConflictError,
    RelationshipInputError,
)

__all__ = [
    "AccountTeam",
    "Delegation",
    "Handover",
    "TeamMember",
    "TeamRole",
    "acting_for",
    "hand_over",
    "responsible_on",
]


class TeamRole(enum.Enum):
    """A team member's part in serving the accounts.

    >>> TeamRole("deputy").label.render("lv_LV")
    'aizvietotājs'
    """

    DEPUTY = "deputy"
    SALES_SUPPORT = "sales_support"
    TECHNICAL = "technical"
    SERVICE = "service"
    MANAGER = "manager"

    @property
    def label(self) -> Message:
        """The role's name, as a message to render in any locale."""
        return Message.of(f"relationship.team_role.{self.value}")


def _team_role(value: object) -> TeamRole:
    return check_choice("role", value, TeamRole)


@attrs.frozen
class TeamMember:
    """A person in an account team, in a role.

    >>> TeamMember("boris", "deputy").role
    <TeamRole.DEPUTY: 'deputy'>
    """

    person: str = attrs.field(validator=nonblank)
    role: TeamRole = attrs.field(converter=_team_role)


def _members(values: Iterable[object]) -> tuple[TeamMember, ...]:
    return check_items("members", values, TeamMember)


@attrs.frozen
class AccountTeam:
    """An owner and the team around them; the owner is no member of their
    own team, and each person is in it once.

    >>> team = AccountTeam("anna", [TeamMember("boris", "deputy"), TeamMember("eva", "technical")])
    >>> team.deputy, team.people
    ('boris', ('anna', 'boris', 'eva'))
    >>> AccountTeam("anna", [TeamMember("anna", "deputy")])
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.RelationshipInputError: members='anna' is invalid: the owner leads the team and is not one of its members.
    """

    owner: str = attrs.field(validator=nonblank)
    members: tuple[TeamMember, ...] = attrs.field(default=(), converter=_members)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for member in self.members:
            if member.person == self.owner:
                raise RelationshipInputError(
                    "members",
                    member.person,
                    "the owner leads the team and is not one of its members",
                )
            if member.person in seen:
                raise RelationshipInputError(
                    "members", member.person, "each person is in the team once"
                )
            seen.add(member.person)

    @property
    def deputy(self) -> str | None:
        """The first member in the deputy role, if any: the usual cover."""
        return next((m.person for m in self.members if m.role is TeamRole.DEPUTY), None)

    @property
    def people(self) -> tuple[str, ...]:
        """The owner, then the members in the order given."""
        return (self.owner, *(m.person for m in self.members))


def _clients(values: Iterable[object]) -> tuple[str, ...]:
    items = check_items("clients", values, str)
    return tuple(sorted(set(items)))


@attrs.frozen
class Delegation:
    """``delegate`` acts for ``owner`` from ``start`` to ``end`` (both days
    included), for the owner's clients listed in ``clients`` (all of them
    when empty).

    >>> import datetime as dt
    >>> Delegation("anna", "boris", dt.date(2026, 7, 1), dt.date(2026, 7, 14)).covers("anna", "C-1", dt.date(2026, 7, 14))
    True
    >>> Delegation("anna", "anna", dt.date(2026, 7, 1), dt.date(2026, 7, 14))
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.RelationshipInputError: delegate='anna' is invalid: the delegate must be someone other than the owner.
    """

    owner: str = attrs.field(validator=nonblank)
    delegate: str = attrs.field(validator=nonblank)
    start: _dt.date = attrs.field(validator=a_date)
    end: _dt.date = attrs.field(validator=a_date)
    clients: tuple[str, ...] = attrs.field(default=(), converter=_clients)
    reason: str | None = attrs.field(default=None, validator=optional_nonblank)

    def __attrs_post_init__(self) -> None:
        if self.delegate == self.owner:
            raise RelationshipInputError(
                "delegate",
                self.delegate,
                "the delegate must be someone other than the owner",
            )
        if self.end < self.start:
            raise RelationshipInputError(
                "end", self.end, f"the cover ends on or after its start {self.start}"
            )

    def covers(self, owner: str, client_id: str | None, on: _dt.date) -> bool:
        """Whether this delegation covers ``owner``'s client ``client_id``
        (``None``: any client) on ``on``."""
        return (
            owner == self.owner
            and self.start <= on <= self.end
            and (not self.clients or client_id is None or client_id in self.clients)
        )


def _cover(
    delegations: Sequence[Delegation], owner: str, client_id: str | None, on: _dt.date
) -> str | None:
    """The delegate covering ``owner`` (for ``client_id``) on ``on``, if any;
    two different delegates are a conflict."""
    delegates = sorted(
        {d.delegate for d in delegations if d.covers(owner, client_id, on)}
    )
    if len(delegates) > 1:
        shown = " and ".join(repr(d) for d in delegates[:2])
        raise DelegationConflictError(owner, on, f"covered by both {shown}")
    return delegates[0] if delegates else None


def _acting(
    delegations: Sequence[Delegation], owner: str, client_id: str | None, on: _dt.date
) -> str:
    person, seen = owner, [owner]
    while (delegate := _cover(delegations, person, client_id, on)) is not None:
        if delegate in seen:
            chain = " → ".join(repr(p) for p in [*seen, delegate])
            raise DelegationConflictError(owner, on, f"the covers go round: {chain}")
        seen.append(delegate)
        person = delegate
    return person


def acting_for(
    delegations: Iterable[Delegation],
    owner: str,
    on: _dt.date,
    *,
    client_id: str | None = None,
) -> str:
    """Who acts for ``owner`` on ``on`` (for ``client_id`` when given): the
    owner, or their delegate, or the delegate's own delegate when the
    delegate is away too. Two covers of one person on one day, or a chain
    that goes round, raise
    :class:`~accountcore.relationship.errors.DelegationConflictError`.

    >>> import datetime as dt
    >>> d = dt.date(2026, 7, 3)
    >>> covers = [Delegation("anna", "boris", d, d), Delegation("boris", "carl", d, d)]
    >>> acting_for(covers, "anna", d)
    'carl'
    >>> acting_for([*covers, Delegation("carl", "anna", d, d)], "anna", d)
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.DelegationConflictError: Delegations of 'anna' on 2026-07-03 conflict: the covers go round: 'anna' → 'boris' → 'carl' → 'anna'; give one cover per owner and day, to someone present.
    """
    items = check_items("delegations", delegations, Delegation)
    return _acting(items, text("owner", owner), client_id, as_date(on, "on"))


def responsible_on(
    clients: Iterable[Client], delegations: Iterable[Delegation], on: _dt.date
) -> dict[str, str]:
    """Who is responsible for each client on ``on``: its owner, or whoever
    acts for the owner that day (:func:`acting_for`). Exactly one person
    per client, by client id.

    >>> import datetime as dt, pendulum
    >>> from accountcore.clients import ClientKind
    >>> t0 = pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> acme = Client.existing("C-1", "Acme", kind=ClientKind.CORPORATE, owner="anna", at=t0)
    >>> bolt = Client.existing("C-2", "Bolt", kind=ClientKind.CORPORATE, owner="anna", at=t0)
    >>> away = Delegation("anna", "boris", dt.date(2026, 7, 1), dt.date(2026, 7, 14), clients=["C-2"])
    >>> responsible_on([acme, bolt], [away], dt.date(2026, 7, 3))
    {'C-1': 'anna', 'C-2': 'boris'}
    """
    items = check_items("delegations", delegations, Delegation)
    day = as_date(on, "on")
    return {
        client.id: _acting(items, client.owner, client.id, day)
        for client in sorted(
            check_items("clients", clients, Client), key=lambda c: c.id
        )
    }


@attrs.frozen
class Handover:
    """The result of :func:`hand_over`: every client and deal given, in the
    order given (those handed over changed, the others as they were), and
    the ids of those handed over.
    """

    clients: tuple[Client, ...]
    deals: tuple[Deal, ...]
    moved_clients: tuple[str, ...]
    moved_deals: tuple[str, ...]


def hand_over(
    clients: Iterable[Client],
    deals: Iterable[Deal],
    *,
    from_owner: str,
    to_owner: str,
    at: _dt.datetime,
    by: str,
    reason: str | None = None,
) -> Handover:
    """Hand ``from_owner``'s portfolio to ``to_owner`` at ``at``: every client
    they own (:meth:`Client.reassign`) and every open deal they own
    (:meth:`Deal.reassign`, which moves a sole owner's credit too), each
    change recorded in its history with ``by`` and ``reason``. Won and lost
    deals stay with who closed them (their pay is history); nothing else
    changes, and no client or deal is left out of the result.

    >>> import pendulum
    >>> from accountcore.clients import ClientKind
    >>> from accountcore.pipeline import Pipeline
    >>> t0 = pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> acme = Client.existing("C-1", "Acme", kind=ClientKind.CORPORATE, owner="anna", at=t0)
    >>> deal = Pipeline.default().new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna")
    >>> moved = hand_over([acme], [deal], from_owner="anna", to_owner="boris",
    ...                   at=t0.add(days=30), by="lead", reason="anna leaves")
    >>> moved.clients[0].owner, moved.deals[0].owner, moved.clients[0].history[-1].reason
    ('boris', 'boris', 'anna leaves')
    """
    source, target = text("from_owner", from_owner), text("to_owner", to_owner)
    if source == target:
        raise RelationshipInputError(
            "to_owner", to_owner, "hand over to someone other than from_owner"
        )
    out_clients, moved_clients = [], []
    for client in check_items("clients", clients, Client):
        if client.owner == source:
            out_clients.append(client.reassign(target, at=at, by=by, reason=reason))
            moved_clients.append(client.id)
        else:
            out_clients.append(client)
    out_deals, moved_deals = [], []
    for deal in check_items("deals", deals, Deal):
        if deal.owner == source and deal.outcome is Outcome.OPEN:
            out_deals.append(deal.reassign(target, at=at, by=by, reason=reason))
            moved_deals.append(deal.id)
        else:
            out_deals.append(deal)
    return Handover(
        tuple(out_clients), tuple(out_deals), tuple(moved_clients), tuple(moved_deals)
    )
