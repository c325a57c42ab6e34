"""The contact rhythm: how often each client tier is to be reached, and
the clients a rhythm finds neglected on a date, with the reason why.

A :class:`RhythmPolicy` gives, per :class:`~accountcore.clients.ClientTier`,
the most days allowed between two contacts (an activity with outcome
``done``: a call nobody answered does not count). On a day, an active
client whose last contact is more days ago than its tier allows is
*neglected*; one never contacted is neglected once it has been a client
longer than that. Each :class:`Neglect` carries a reason (a message, in
six languages) and the figures behind it.

>>> import pendulum
>>> from accountcore.clients import Client, ClientKind, ClientTier
>>> from accountcore.relationship.activities import Activity
>>> t0 = pendulum.datetime(2026, 1, 5, tz="UTC")
>>> acme = Client.existing("C-1", "Acme", kind=ClientKind.CORPORATE, owner="anna", at=t0, tier=ClientTier.KEY)
>>> call = Activity("A-1", "call", "C-1", "anna", pendulum.datetime(2026, 3, 2, tz="UTC"))
>>> # key accounts every 14 days: 2 March + 14 = 16 March is the last day in rhythm;
>>> # on 20 March it has been 18 days, 18 - 14 = 4 over
>>> [(n.client_id, n.days_since, n.days_over) for n in neglected_clients([acme], [call], on=pendulum.date(2026, 3, 20))]
[('C-1', 18, 4)]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

import attrs

from accountcore.clients import Client, ClientStatus, ClientTier
from accountcore.errors import check_choice, check_items, check_type
from accountcore.i18n import Message
from accountcore.periods import FiscalCalendar, as_date
from accountcore.relationship.activities import Activity, ActivityOutcome
from accountcore.relationship.errors import RelationshipInputError

__all__ = ["Neglect", "RhythmPolicy", "neglected_clients"]

_UTC = FiscalCalendar()


def _every(values: Mapping[object, object]) -> dict[ClientTier, int]:
    check_type("every", values, Mapping, "a mapping of client tier to days")
    out: dict[ClientTier, int] = {}
    for tier, days in values.items():
        key = check_choice("every (tier)", tier, ClientTier)
        if type(days) is not int or days < 1:
            raise RelationshipInputError(
                f"every[{key.value!r}]", days, "give whole days, 1 or more"
            )
        out[key] = days
    return dict(sorted(out.items(), key=lambda item: item[0].rank))


@attrs.frozen
class RhythmPolicy:
    """The most days allowed between two contacts, per client tier; a tier
    left out is not judged. :meth:`default` asks VIP clients to be reached
    at least every 7 days, key accounts every 14 and standard clients
    every 90.

    >>> RhythmPolicy({"key": 14}).every
    {<ClientTier.KEY: 'key'>: 14}
    >>> RhythmPolicy({"key": 0})
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.RelationshipInputError: every['key']=0 is invalid: give whole days, 1 or more.
    """

    every: Mapping[ClientTier, int] = attrs.field(converter=_every)

    @classmethod
    def default(cls) -> RhythmPolicy:
        """VIP every 7 days, key accounts every 14, standard every 90.

        >>> RhythmPolicy.default().limit(ClientTier.KEY)
        14
        """
        return cls({ClientTier.VIP: 7, ClientTier.KEY: 14, ClientTier.STANDARD: 90})

    def limit(self, tier: ClientTier | str) -> int | None:
        """The most days allowed between contacts for ``tier`` (``None``:
        not judged)."""
        return self.every.get(check_choice("tier", tier, ClientTier))


@attrs.frozen
class Neglect:
    """A client out of its contact rhythm on a day: its owner and tier, the
    day of the last contact (``None``: none on record, counted from
    ``since``, the day it became a client), the days since, the days its
    tier allows and the days over; ``reason`` says it in words.

    >>> import datetime as dt
    >>> n = Neglect("C-1", "anna", ClientTier.KEY, dt.date(2026, 3, 2), dt.date(2026, 3, 2), 18, 14)
    >>> n.days_over, n.reason.render("en")
    (4, 'Key account: last contact Mar 2, 2026, 18 days since then; the contact rhythm allows at most 14 days')
    """

    client_id: str
    owner: str
    tier: ClientTier
    last_contact: _dt.date | None
    since: _dt.date
    days_since: int
    limit: int

    @property
    def days_over(self) -> int:
        """The days past the rhythm: ``days_since - limit``."""
        return self.days_since - self.limit

    @property
    def reason(self) -> Message:
        """Why the client counts as neglected, in any locale.

        >>> import datetime as dt
        >>> n = Neglect("C-2", "anna", ClientTier.VIP, None, dt.date(2026, 1, 5), 30, 7)
        >>> n.reason.render("et_EE")
        'VIP-klient: alates 5. jaan 2026 pole ühtegi kontakti kirjas; kontaktirütm lubab kõige rohkem 7 päeva'
        """
        tier = Message.of(f"clients.tier.{self.tier.value}")
        limit = Message.of("common.days", count=self.limit)
        if self.last_contact is None:
            return Message.of(
                "relationship.rhythm.never", tier=tier, limit=limit, since=self.since
            )
        return Message.of(
            "relationship.rhythm.overdue",
            tier=tier,
            limit=limit,
            last=self.last_contact,
            days=Message.of("common.days", count=self.days_since),
        )


def neglected_clients(
    clients: Iterable[Client],
    activities: Iterable[Activity],
    *,
    on: _dt.date,
    policy: RhythmPolicy | None = None,
    calendar: FiscalCalendar | None = None,
) -> tuple[Neglect, ...]:
    """The active clients out of their tier's contact rhythm on ``on``
    (:meth:`RhythmPolicy.default` unless a ``policy`` is given), the most
    days over first, then by client id.

    A contact is an activity with outcome ``done`` on or before ``on``; its
    day (and a client's creation day) is taken in ``calendar``'s timezone
    (UTC if none). A client is neglected when the days since its last
    contact exceed its tier's limit: reached on 2 March, a key account (14
    days) is in rhythm up to 16 March and neglected from 17 March. A client
    never contacted counts from the day it became a client.

    >>> import pendulum
    >>> from accountcore.clients import ClientKind
    >>> t0 = pendulum.datetime(2026, 3, 1, tz="UTC")
    >>> new = Client.existing("C-9", "New", kind=ClientKind.CORPORATE, owner="anna", at=t0, tier="key")
    >>> # never reached, client since 1 March: 14 days later (15 March) it is still in rhythm
    >>> neglected_clients([new], [], on=pendulum.date(2026, 3, 15))
    ()
    >>> [n.reason.render("en") for n in neglected_clients([new], [], on=pendulum.date(2026, 3, 16))]
    ['Key account: no contact on record since Mar 1, 2026; the contact rhythm allows at most 14 days']
    """
    day = as_date(on, "on")
    rhythm = RhythmPolicy.default() if policy is None else policy
    check_type("policy", rhythm, RhythmPolicy)
    date_of = (calendar or _UTC).date_of
    last: dict[str, _dt.date] = {}
    for activity in check_items("activities", activities, Activity):
        if activity.outcome is not ActivityOutcome.DONE:
            continue
        done = date_of(activity.at)
        if done <= day and done > last.get(activity.client_id, _dt.date.min):
            last[activity.client_id] = done
    found = []
    for client in check_items("clients", clients, Client):
        limit = rhythm.every.get(client.tier)
        if limit is None or client.status is not ClientStatus.ACTIVE:
            continue
        contact = last.get(client.id)
        since = date_of(client.created_at) if contact is None else contact
        days = (day - since).days
        if days > limit:
            found.append(
                Neglect(
                    client.id, client.owner, client.tier, contact, since, days, limit
                )
            )
    found.sort(key=lambda n: (-n.days_over, n.client_id))
    return tuple(found)
