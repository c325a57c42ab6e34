"""The monthly activity report: deals moved, won, lost (with reasons), new
clients and the referrals among them.

A lost deal's reason is shown through its label when it is a code of the
report's lost-reason list (:data:`~accountcore.competitors.LOST_REASONS`
unless another is given); free text is shown as typed."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from accountcore.analytics import WinRate, win_rate
from accountcore.clients import Client, ClientAction, ClientStatus
from accountcore.competitors import LOST_REASONS, ReasonCodes
from accountcore.errors import check_items, check_type
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, Outcome, StageChange
from accountcore.reports._document import (
    Section,
    Table,
    day,
    money,
    month_label,
    percent,
    render,
    stage_name,
    t,
)

__all__ = ["ClosedDeal", "MonthlyReport", "NewClient", "StageMove"]

_UTC = FiscalCalendar()


@attrs.frozen
class StageMove:
    """A deal moved from one stage to another on ``on`` (a local date).

    >>> StageMove("D-1", "anna", "needs", "presentation", _dt.date(2026, 3, 5)).to_stage
    'presentation'
    """

    deal_id: str
    owner: str
    from_stage: str
    to_stage: str
    on: _dt.date


@attrs.frozen
class ClosedDeal:
    """A deal won or lost in the period: its client (by name when the client
    is among those given, else by id), amount (rounded) and, for a lost
    deal, the reason given.

    >>> ClosedDeal("D-4", "C-4", "boris", Money("19990.00", "EUR"), _dt.date(2026, 3, 9), "price").reason
    'price'
    """

    deal_id: str
    client: str
    owner: str
    amount: Money
    on: _dt.date
    reason: str | None = None


@attrs.frozen
class NewClient:
    """A client that became a client in the period (its first activation).

    ``referred_by`` is the referring client's name (its id if it is not
    among the clients given).

    >>> NewClient("C-7", "Nordic Start OÜ", "anna", _dt.date(2026, 3, 20), "Baltic Build AS").referred_by
    'Baltic Build AS'
    """

    client_id: str
    name: str
    owner: str
    on: _dt.date
    referred_by: str | None = None


def _became_client(client: Client) -> _dt.datetime | None:
    for change in client.history:
        if change.action is ClientAction.ACTIVATE:
            return change.at
    if client.status is ClientStatus.PROSPECT or any(
        change.before == ClientStatus.PROSPECT.value for change in client.history
    ):
        return None
    return client.created_at


def _lost_reason(deal: Deal) -> str | None:
    for event in reversed(deal.history):
        if isinstance(event, StageChange) and event.outcome is Outcome.LOST:
            return event.reason
    return None


@attrs.frozen
class MonthlyReport:
    """An account manager's month (or any period): what moved, what closed,
    who joined.

    Build it with :meth:`of`; :meth:`render` writes it in any locale.

    >>> import pendulum
    >>> from accountcore.pipeline import Pipeline
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna",
    ...                   amount=Money("1200", "EUR"))
    >>> deal = p.advance(deal, "needs", at=t0.add(days=2), by="anna")
    >>> report = MonthlyReport.of([deal], [], period=Period.month(2026, 3), currency="EUR")
    >>> [(m.deal_id, m.from_stage, m.to_stage) for m in report.moves]
    [('D-1', 'appointment', 'needs')]
    >>> print(report.render("en_US").splitlines()[0])
    Monthly report: March 2026
    """

    period: Period
    currency: str
    moves: tuple[StageMove, ...]
    won: tuple[ClosedDeal, ...]
    lost: tuple[ClosedDeal, ...]
    new_clients: tuple[NewClient, ...]
    win_rate: WinRate
    reasons: ReasonCodes = attrs.field(default=LOST_REASONS, kw_only=True)

    @classmethod
    def of(
        cls,
        deals: Iterable[Deal],
        clients: Iterable[Client],
        *,
        period: Period,
        currency: str,
        calendar: FiscalCalendar | None = None,
        reasons: ReasonCodes = LOST_REASONS,
    ) -> MonthlyReport:
        """The report of ``period`` from every deal and client (any order).

        A move is a stage change dated in the period (in the calendar's
        timezone; creating a deal is not a move). Won and lost deals are
        those closed in the period, as :func:`accountcore.analytics.win_rate`
        counts them. A new client is one first activated in the period (or
        created active in it). A lost reason that is a code of ``reasons``
        is rendered through its label.
        """
        deals = check_items("deals", deals, Deal)
        clients = check_items("clients", clients, Client)
        check_type("period", period, Period)
        check_type("currency", currency, str, "a currency code (a str)")
        cal = calendar or _UTC
        deal_list = list(deals)
        client_list = list(clients)
        names = {client.id: client.name for client in client_list}
        won, lost = _closed(deal_list, names, period, currency, cal)
        rate = win_rate(deal_list, period=period, currency=currency, calendar=cal)
        check_type("reasons", reasons, ReasonCodes)
        return cls(
            period,
            currency,
            _moves(deal_list, period, cal),
            won,
            lost,
            _new_clients(client_list, names, period, cal),
            rate,
            reasons=reasons,
        )

    @property
    def referrals(self) -> tuple[NewClient, ...]:
        """The new clients that came through a referral."""
        return tuple(client for client in self.new_clients if client.referred_by)

    @property
    def won_total(self) -> Money:
        """The sum of the won deals' rounded amounts."""
        return sum((d.amount for d in self.won), Money.zero(self.currency).rounded())

    @property
    def lost_total(self) -> Money:
        """The sum of the lost deals' rounded amounts."""
        return sum((d.amount for d in self.lost), Money.zero(self.currency).rounded())

    def __repr__(self) -> str:
        """Short: what the report covers and how much is in it."""
        return f"<MonthlyReport {self.period}: {len(self.moves)} moves, {len(self.won)} won, {len(self.lost)} lost, {len(self.new_clients)} new clients>"

    def to_html(self, locale: str = "en_US") -> str:
        """The report as HTML for ``locale`` (:meth:`render` as ``"html"``),
        every text escaped: what a notebook shows."""
        return self.render(locale, "html")

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def render(self, locale: str, format: str = "text") -> str:
        """The report as a document in ``locale``: ``"text"``,
        ``"markdown"`` or ``"html"``."""
        title = t(
            "reports.monthly.title", locale, period=month_label(self.period, locale)
        )
        sections = [
            self._summary(locale),
            self._moves_section(locale),
            self._won_section(locale),
            self._lost_section(locale),
            self._clients_section(locale),
        ]
        return render(title, sections, format)

    def _summary(self, locale: str) -> Section:
        rate = self.win_rate
        return Section(
            t("reports.monthly.summary", locale),
            (
                t(
                    "reports.monthly.moves",
                    locale,
                    moves=len(self.moves),
                    deals=t(
                        "common.deals",
                        locale,
                        count=len({m.deal_id for m in self.moves}),
                    ),
                ),
                t(
                    "reports.monthly.won",
                    locale,
                    deals=t("common.deals", locale, count=len(self.won)),
                    amount=self.won_total,
                ),
                t(
                    "reports.monthly.lost",
                    locale,
                    deals=t("common.deals", locale, count=len(self.lost)),
                    amount=self.lost_total,
                ),
                t(
                    "reports.monthly.win_rate",
                    locale,
                    by_count=percent(rate.by_count, locale),
                    by_value=percent(rate.by_value, locale),
                ),
                t(
                    "reports.monthly.new_clients",
                    locale,
                    clients=len(self.new_clients),
                    referrals=len(self.referrals),
                ),
            ),
        )

    def _moves_section(self, locale: str) -> Section:
        headers = (
            t("reports.column.date", locale),
            t("reports.column.deal", locale),
            t("reports.column.owner", locale),
            t("reports.column.from_stage", locale),
            t("reports.column.to_stage", locale),
        )
        rows = tuple(
            (
                day(m.on, locale),
                m.deal_id,
                m.owner,
                stage_name(m.from_stage, locale),
                stage_name(m.to_stage, locale),
            )
            for m in self.moves
        )
        return Section(
            t("reports.monthly.moves_title", locale),
            _none(self.moves, locale),
            Table(headers, rows, (False,) * 5),
        )

    def _won_section(self, locale: str) -> Section:
        rows = tuple(
            (day(d.on, locale), d.deal_id, d.client, d.owner, money(d.amount, locale))
            for d in self.won
        )
        if self.won:
            total = t("reports.total", locale)
            rows += (("", "", "", total, money(self.won_total, locale)),)
        return Section(
            t("reports.monthly.won_title", locale),
            _none(self.won, locale),
            Table(_closed_headers(locale), rows, (False, False, False, False, True)),
        )

    def _lost_section(self, locale: str) -> Section:
        headers = (*_closed_headers(locale), t("reports.column.reason", locale))
        rows = tuple(
            (
                day(d.on, locale),
                d.deal_id,
                d.client,
                d.owner,
                money(d.amount, locale),
                self.reason_text(d.reason, locale),
            )
            for d in self.lost
        )
        return Section(
            t("reports.monthly.lost_title", locale),
            _none(self.lost, locale),
            Table(headers, rows, (False, False, False, False, True, False)),
        )

    def reason_text(self, reason: str | None, locale: str) -> str:
        """A lost reason as the report shows it: a code of :attr:`reasons`
        by its label in ``locale``, free text as typed, none as "none given".

        >>> empty = MonthlyReport.of([], [], period=Period.month(2026, 3), currency="EUR")
        >>> empty.reason_text("price", "ro_RO"), empty.reason_text("went quiet", "ro_RO")
        ('Preț', 'went quiet')
        """
        if reason is None or not reason.strip():
            return t("reports.no_reason", locale)
        if reason in self.reasons:
            return self.reasons.label(reason).render(locale)
        return reason

    def _clients_section(self, locale: str) -> Section:
        headers = (
            t("reports.column.date", locale),
            t("reports.column.client", locale),
            t("reports.column.owner", locale),
            t("reports.column.referred_by", locale),
        )
        rows = tuple(
            (day(c.on, locale), c.name, c.owner, c.referred_by or "–")
            for c in self.new_clients
        )
        return Section(
            t("reports.monthly.clients_title", locale),
            _none(self.new_clients, locale),
            Table(headers, rows, (False,) * 4),
        )


def _none(items: tuple[object, ...], locale: str) -> tuple[str, ...]:
    """The "none" line of an empty section."""
    return () if items else (t("reports.none", locale),)


def _closed_headers(locale: str) -> tuple[str, ...]:
    return (
        t("reports.column.date", locale),
        t("reports.column.deal", locale),
        t("reports.column.client", locale),
        t("reports.column.owner", locale),
        t("reports.column.amount", locale),
    )


def _moves(
    deals: list[Deal], period: Period, cal: FiscalCalendar
) -> tuple[StageMove, ...]:
    """Every stage change dated in ``period`` (creating a deal is not a move)."""
    moves: list[StageMove] = []
    for deal in deals:
        for event in deal.history:
            if not isinstance(event, StageChange) or event.from_stage is None:
                continue
            on = cal.date_of(event.at)
            if period.contains(on):
                moves.append(
                    StageMove(deal.id, deal.owner, event.from_stage, event.to_stage, on)
                )
    return tuple(sorted(moves, key=lambda m: (m.on, m.deal_id, m.to_stage)))


def _closed(
    deals: list[Deal],
    names: dict[str, str],
    period: Period,
    currency: str,
    cal: FiscalCalendar,
) -> tuple[tuple[ClosedDeal, ...], tuple[ClosedDeal, ...]]:
    """The deals won and the deals lost in ``period``, each sorted."""
    won: list[ClosedDeal] = []
    lost: list[ClosedDeal] = []
    for deal in deals:
        if deal.outcome is Outcome.OPEN or deal.closed_at is None:
            continue
        closed = cal.date_of(deal.closed_at)
        if not period.contains(closed):
            continue
        amount = (deal.amount or Money.zero(currency)).rounded()
        client = names.get(deal.client_id, deal.client_id)
        if deal.outcome is Outcome.WON:
            won.append(ClosedDeal(deal.id, client, deal.owner, amount, closed))
        else:
            lost.append(
                ClosedDeal(
                    deal.id, client, deal.owner, amount, closed, _lost_reason(deal)
                )
            )
    return (
        tuple(sorted(won, key=lambda d: (d.on, d.deal_id))),
        tuple(sorted(lost, key=lambda d: (d.on, d.deal_id))),
    )


def _new_clients(
    clients: list[Client], names: dict[str, str], period: Period, cal: FiscalCalendar
) -> tuple[NewClient, ...]:
    """The clients first activated (or created active) in ``period``."""
    new: list[NewClient] = []
    for client in clients:
        became = _became_client(client)
        if became is None or not period.contains(cal.date_of(became)):
            continue
        referrer = client.referred_by
        new.append(
            NewClient(
                client.id,
                client.name,
                client.owner,
                cal.date_of(became),
                None if referrer is None else names.get(referrer, referrer),
            )
        )
    return tuple(sorted(new, key=lambda c: (c.on, c.client_id)))
