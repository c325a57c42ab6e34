"""The account status report: one row per client the manager looks after."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

import attrs

from accountcore.clients import Client, ClientStatus, ClientTier
from accountcore.errors import check_items, check_type
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period, require_aware
from accountcore.pipeline import Deal, Outcome
from accountcore.relationship import Activity, last_activities
from accountcore.reliability import ReliabilityScore
from accountcore.reports._document import (
    Section,
    Table,
    count,
    day,
    money,
    render,
    span,
    t,
)

__all__ = ["AccountRow", "AccountStatus"]

_UTC = FiscalCalendar()


@attrs.frozen
class AccountRow:
    """One client's standing: tier, status, revenue won in the period, open
    deals (how many, how much), reliability band (``None`` when not scored)
    and the date of the last recorded activity.

    >>> AccountRow("C-1", "Acme OÜ", "anna", ClientTier.KEY, ClientStatus.ACTIVE,
    ...            Money("0.00", "EUR"), 0, Money("0.00", "EUR"), "A", None).band
    'A'
    """

    client_id: str
    name: str
    owner: str
    tier: ClientTier
    status: ClientStatus
    revenue: Money
    open_deals: int
    open_amount: Money
    band: str | None
    last_activity: _dt.date | None


@attrs.frozen
class AccountStatus:
    """The status of every account at a moment, VIP first, then key, then
    standard; within a tier by revenue (highest first), then by id.

    >>> import pendulum
    >>> from accountcore.clients import ClientKind
    >>> at = pendulum.datetime(2026, 3, 31, 18, tz="UTC")
    >>> acme = Client.existing("C-1", "Acme OÜ", kind=ClientKind.CORPORATE, owner="anna",
    ...                        at=pendulum.datetime(2024, 5, 2, tz="UTC"), tier=ClientTier.KEY)
    >>> status = AccountStatus.of([acme], [], period=Period.quarter(2026, 1), at=at, currency="EUR")
    >>> row = status.accounts[0]
    >>> row.tier, row.open_deals, row.last_activity
    (<ClientTier.KEY: 'key'>, 0, datetime.date(2024, 5, 2))
    """

    at: _dt.datetime
    period: Period
    currency: str
    accounts: tuple[AccountRow, ...]

    @classmethod
    def of(
        cls,
        clients: Iterable[Client],
        deals: Iterable[Deal],
        *,
        scores: Iterable[ReliabilityScore] | Mapping[str, ReliabilityScore] = (),
        period: Period,
        at: _dt.datetime,
        currency: str,
        calendar: FiscalCalendar | None = None,
        activities: Iterable[Activity] = (),
    ) -> AccountStatus:
        """The status at ``at`` (aware) of each client in ``clients``.

        Revenue is the sum of the client's deals won in ``period`` (in the
        calendar's timezone); open deals are the client's deals still open;
        the band is the client's score's band (``scores`` keyed by client id,
        or scores carrying their ``client_id``); the last activity is the
        latest dated event up to ``at``: the client's creation or a change to
        it, an event on one of its deals, or one of its ``activities``
        (:class:`~accountcore.relationship.Activity`) that took place by
        then (done or tried without reply; a planned or cancelled one is no
        contact).

        >>> import pendulum
        >>> from accountcore.clients import ClientKind
        >>> from accountcore.relationship import Activity
        >>> acme = Client.existing("C-1", "Acme OÜ", kind=ClientKind.CORPORATE, owner="anna",
        ...                        at=pendulum.datetime(2024, 5, 2, tz="UTC"))
        >>> calls = [Activity("A-1", "call", "C-1", "anna", pendulum.datetime(2026, 3, 9, tz="UTC")),
        ...          Activity("A-2", "visit", "C-1", "anna", pendulum.datetime(2026, 3, 20, tz="UTC"),
        ...                   outcome="planned")]
        >>> status = AccountStatus.of([acme], [], period=Period.quarter(2026, 1), currency="EUR",
        ...                           at=pendulum.datetime(2026, 3, 31, tz="UTC"), activities=calls)
        >>> status.accounts[0].last_activity   # the call; the visit is only planned
        datetime.date(2026, 3, 9)
        """
        clients, deals = _checked(clients, deals, period, currency)
        moment = require_aware(at, "at")
        cal = calendar or _UTC
        contacts = last_activities(activities, at=moment)
        if isinstance(scores, Mapping):
            bands = {key: score.band for key, score in scores.items()}
        else:
            bands = {s.client_id: s.band for s in scores if s.client_id is not None}
        zero = Money.zero(currency).rounded()
        by_client: dict[str, list[Deal]] = {}
        for deal in deals:
            by_client.setdefault(deal.client_id, []).append(deal)
        rows = []
        for client in clients:
            own = by_client.get(client.id, [])
            revenue = zero
            open_amount = zero
            open_count = 0
            moments = _moments(client, contacts)
            for deal in own:
                moments.extend(event.at for event in deal.history)
                amount = (deal.amount or zero).rounded()
                if deal.outcome is Outcome.OPEN:
                    open_count += 1
                    open_amount += amount
                elif (
                    deal.outcome is Outcome.WON
                    and deal.closed_at is not None
                    and period.contains(cal.date_of(deal.closed_at))
                ):
                    revenue += amount
            past = [m for m in moments if m <= moment]
            rows.append(
                AccountRow(
                    client.id,
                    client.name,
                    client.owner,
                    client.tier,
                    client.status,
                    revenue,
                    open_count,
                    open_amount,
                    bands.get(client.id),
                    cal.date_of(max(past)) if past else None,
                )
            )
        rows.sort(key=lambda r: (-r.tier.rank, -r.revenue.amount, r.client_id))
        return cls(moment, period, currency, tuple(rows))

    def __repr__(self) -> str:
        """Short: what the report covers and how much is in it."""
        return f"<AccountStatus {self.period} at {self.at.isoformat()}: {len(self.accounts)} accounts>"

    def to_html(self, locale: str = "en_US") -> str:
        """The report as HTML for ``locale`` (:meth:`render` as ``"html"``),
        every text escaped: what a notebook shows."""
        return self.render(locale, "html")

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def render(self, locale: str, format: str = "text") -> str:
        """The accounts as a document in ``locale``: ``"text"``,
        ``"markdown"`` or ``"html"``."""
        title = t("reports.accounts.title", locale, on=self.at.date())
        revenue = sum(
            (r.revenue for r in self.accounts), Money.zero(self.currency).rounded()
        )
        open_amount = sum(
            (r.open_amount for r in self.accounts), Money.zero(self.currency).rounded()
        )
        lines = (
            t("reports.accounts.count", locale, clients=len(self.accounts)),
            t(
                "reports.accounts.revenue",
                locale,
                span=span(self.period, locale),
                amount=revenue,
            ),
            t(
                "reports.accounts.open",
                locale,
                deals=sum(r.open_deals for r in self.accounts),
                amount=open_amount,
            ),
        )
        headers = (
            t("reports.column.client", locale),
            t("reports.column.owner", locale),
            t("reports.column.tier", locale),
            t("reports.column.status", locale),
            t("reports.column.revenue", locale),
            t("reports.column.open_deals", locale),
            t("reports.column.open_amount", locale),
            t("reports.column.band", locale),
            t("reports.column.last_activity", locale),
        )
        rows = tuple(
            (
                r.name,
                r.owner,
                t(f"reports.tier.{r.tier.value}", locale),
                t(f"reports.status.{r.status.value}", locale),
                money(r.revenue, locale),
                count(r.open_deals, locale),
                money(r.open_amount, locale),
                r.band or t("reports.not_scored", locale),
                day(r.last_activity, locale),
            )
            for r in self.accounts
        )
        right = (False, False, False, False, True, True, True, False, False)
        sections = [
            Section(t("reports.accounts.summary", locale), lines),
            Section(
                t("reports.accounts.by_client", locale), (), Table(headers, rows, right)
            ),
        ]
        return render(title, sections, format)


def _moments(client: Client, contacts: Mapping[str, Activity]) -> list[_dt.datetime]:
    """The client's own dated events: its creation, its changes and its
    last activity that took place (its deals' events are added to these)."""
    moments = [client.created_at, *(c.at for c in client.history)]
    if client.id in contacts:
        moments.append(contacts[client.id].at)
    return moments


def _checked(
    clients: Iterable[Client], deals: Iterable[Deal], period: object, currency: object
) -> tuple[tuple[Client, ...], tuple[Deal, ...]]:
    """The report's inputs, each of the type it needs (else an
    :class:`~accountcore.errors.ArgumentTypeError` naming it)."""
    check_type("period", period, Period)
    check_type("currency", currency, str, "a currency code (a str)")
    return check_items("clients", clients, Client), check_items("deals", deals, Deal)
