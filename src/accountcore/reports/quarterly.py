"""The quarterly sales results: per account manager, won revenue, quota
attainment and commission."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from accountcore.analytics.forecast import forecast
from accountcore.analytics.forecast_types import (
    ForecastByDealType,
    forecast_by_deal_type,
)
from accountcore.commissions import CommissionStatement
from accountcore.errors import check_items, check_type
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, Outcome
from accountcore.quotas import Quota, attainment
from accountcore.reports._document import (
    Section,
    Table,
    count,
    money,
    percent,
    render,
    span,
    t,
)
from accountcore.reports.errors import ReportInputError

__all__ = ["OwnerResult", "QuarterlyResults"]

_UTC = FiscalCalendar()


@attrs.frozen
class OwnerResult:
    """One account manager's quarter. ``quota`` is the effective revenue
    target (after relief), ``attainment`` won ÷ quota; ``commission`` is the
    statement's total pay and ``variable`` its earned variable part.

    >>> r = OwnerResult("anna", Money("120000.00", "EUR"), 3, Money("100000.00", "EUR"), Decimal("1.2"), None, None)
    >>> r.attainment
    Decimal('1.2')
    """

    owner: str
    won: Money
    won_deals: int
    quota: Money | None
    attainment: Decimal | None
    commission: Money | None
    variable: Money | None


@attrs.frozen
class QuarterlyResults:
    """The quarter's results per owner (sorted) and for the team.

    The team's won revenue, quota and commission are the sums of the owners'
    rounded figures; the team attainment is the team's won revenue over the
    team's quota (owners without a quota count in neither). ``by_deal_type``
    is the quarter's forecast per deal type
    (:func:`~accountcore.analytics.forecast_by_deal_type`): its won revenue
    adds up to the team's.

    >>> import datetime as dt, pendulum
    >>> from accountcore.pipeline import Pipeline
    >>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    >>> deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna",
    ...                   amount=Money("30000", "EUR"), expected_close=dt.date(2026, 2, 27),
    ...                   contact="Mari")
    >>> deal = p.advance(deal, "contract_signed", at=t0.add(days=9), by="anna",
    ...                 force=True, reason="signed at the fair")
    >>> q1 = Period.quarter(2026, 1)
    >>> results = QuarterlyResults.of([deal], [Quota("anna", q1, Money("40000", "EUR"))], [],
    ...                               period=q1, currency="EUR")
    >>> results.owners[0].won, results.owners[0].attainment   # 30,000 / 40,000
    (Money('30000.00', 'EUR'), Decimal('0.75'))
    >>> results.by_deal_type.of("new_business").closed_won
    Money('30000.00', 'EUR')
    """

    period: Period
    currency: str
    fiscal_year: int
    quarter: int
    owners: tuple[OwnerResult, ...]
    total: OwnerResult
    by_deal_type: ForecastByDealType | None = None

    @classmethod
    def of(
        cls,
        deals: Iterable[Deal],
        quotas: Iterable[Quota],
        statements: Iterable[CommissionStatement],
        *,
        period: Period,
        currency: str,
        calendar: FiscalCalendar | None = None,
    ) -> QuarterlyResults:
        """The results of ``period`` (any order of the inputs).

        Won revenue is the forecast's closed-won figure
        (:func:`accountcore.analytics.forecast`: deals won in the period, each
        amount shared by its splits); attainment comes from
        :func:`accountcore.quotas.attainment`; commission from the owners'
        statements of the same period.
        """
        deals = check_items("deals", deals, Deal)
        quotas = check_items("quotas", quotas, Quota)
        statements = check_items("statements", statements, CommissionStatement)
        check_type("period", period, Period)
        check_type("currency", currency, str, "a currency code (a str)")
        cal = calendar or _UTC
        deal_list = list(deals)
        result = forecast(deal_list, period=period, currency=currency, calendar=cal)
        by_quota = _quotas_by_owner(quotas, period)
        by_statement = _statements_by_owner(statements, period)
        won_count = _won_counts(deal_list, period, cal)
        names = set(by_quota) | set(by_statement)
        names |= {
            line.owner
            for line in result.owners
            if line.owner is not None and line.closed_won.amount
        }
        rows = []
        for owner in sorted(names):
            won = result.of(owner).closed_won
            target: Money | None = None
            ratio: Decimal | None = None
            if owner in by_quota:
                reached = attainment(by_quota[owner], won)
                target, ratio = reached.target, reached.ratio  # type: ignore[assignment]
            statement = by_statement.get(owner)
            rows.append(
                OwnerResult(
                    owner,
                    won,
                    won_count.get(owner, 0),
                    target,
                    ratio,
                    None if statement is None else statement.total,
                    None if statement is None else statement.earned,
                )
            )
        fiscal_year, number = cal.fiscal_quarter_of(period.start)
        by_type = forecast_by_deal_type(
            deal_list, period=period, currency=currency, calendar=cal
        )
        return cls(
            period,
            currency,
            fiscal_year,
            number,
            tuple(rows),
            _team(rows, period, currency),
            by_type,
        )

    def __repr__(self) -> str:
        """Short: what the report covers and how much is in it."""
        return f"<QuarterlyResults {self.period}: {len(self.owners)} owners, won {self.total.won}>"

    def to_html(self, locale: str = "en_US") -> str:
        """The report as HTML for ``locale`` (:meth:`render` as ``"html"``),
        every text escaped: what a notebook shows."""
        return self.render(locale, "html")

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def render(
        self,
        locale: str,
        format: str = "text",
        *,
        names: Mapping[str, str] | None = None,
    ) -> str:
        """The results as a document in ``locale``: ``"text"``,
        ``"markdown"`` or ``"html"``. ``names`` gives owners their display names (an owner
        id without one is shown as it is).

        >>> q1 = Period.quarter(2026, 1)
        >>> results = QuarterlyResults.of([], [Quota("anna", q1, Money("40000", "EUR"))], [],
        ...                               period=q1, currency="EUR")
        >>> text = results.render("en_US", names={"anna": "Anna Tamm"}).splitlines()
        >>> print(next(line for line in text if "Anna" in line))
          Anna Tamm                0  €0.00  €40,000.00        0.0%             –          –
        >>> print(text[-2])
          Repeat order  €0.00              €0.00          €0.00
        """
        shown = names or {}
        label = t(
            "reports.period.quarter",
            locale,
            quarter=str(self.quarter),
            year=str(self.fiscal_year),
        )
        title = t("reports.quarterly.title", locale, period=label)
        total = self.total
        lines = (
            t("reports.period.covers", locale, span=span(self.period, locale)),
            t(
                "reports.quarterly.team_won",
                locale,
                amount=total.won,
                deals=t("common.deals", locale, count=total.won_deals),
            ),
            t(
                "reports.quarterly.team_attainment",
                locale,
                quota=money(total.quota, locale),
                ratio=percent(total.attainment, locale),
            ),
            t(
                "reports.quarterly.team_commission",
                locale,
                amount=money(total.commission, locale),
            ),
        )
        headers = (
            t("reports.column.owner", locale),
            t("reports.column.won_deals", locale),
            t("reports.column.won_revenue", locale),
            t("reports.column.quota", locale),
            t("reports.column.attainment", locale),
            t("reports.column.variable", locale),
            t("reports.column.commission", locale),
        )
        rows = tuple(_row(r, locale, shown) for r in (*self.owners, total))
        table = Table(headers, rows, (False, True, True, True, True, True, True))
        sections = [
            Section(t("reports.quarterly.summary", locale), lines),
            Section(t("reports.quarterly.by_owner", locale), (), table),
        ]
        if self.by_deal_type is not None:
            sections.append(_by_type_section(self.by_deal_type, locale))
        return render(title, sections, format)


def _quotas_by_owner(quotas: Iterable[Quota], period: Period) -> dict[str, Quota]:
    """Each owner's revenue quota of ``period``; any other is refused."""
    by_quota: dict[str, Quota] = {}
    for quota in quotas:
        if quota.period != period:
            raise ReportInputError(
                "quotas", quota, f"the quota is for {quota.period}, not {period}"
            )
        if not isinstance(quota.effective_target, Money):
            raise ReportInputError(
                "quotas", quota, "the quarterly results need revenue quotas"
            )
        by_quota[quota.owner] = quota
    return by_quota


def _statements_by_owner(
    statements: Iterable[CommissionStatement], period: Period
) -> dict[str, CommissionStatement]:
    """Each owner's statement of ``period``; one of another period is refused."""
    by_statement: dict[str, CommissionStatement] = {}
    for each in statements:
        if each.period != period:
            raise ReportInputError(
                "statements",
                each.owner,
                f"the statement is for {each.period}, not {period}",
            )
        by_statement[each.owner] = each
    return by_statement


def _won_counts(
    deals: list[Deal], period: Period, cal: FiscalCalendar
) -> dict[str, int]:
    """How many deals each owner shares in that were won in ``period``."""
    won_count: dict[str, int] = {}
    low, high = period.start, period.end
    for deal in deals:
        if deal.outcome is not Outcome.WON or deal.closed_at is None:
            continue
        if not low <= cal.date_of(deal.closed_at) < high:
            continue
        for split in deal.splits:
            won_count[split.owner] = won_count.get(split.owner, 0) + 1
    return won_count


def _by_type_section(by_type: ForecastByDealType, locale: str) -> Section:
    """The quarter per deal type: won revenue, weighted and open pipeline,
    every type in its order and the total."""
    headers = (
        t("analytics.dimension.deal_type", locale),
        t("reports.column.won_revenue", locale),
        t("reports.column.weighted", locale),
        t("reports.column.open_total", locale),
    )
    rows = tuple(
        (label, money(line.closed_won, locale), money(line.weighted, locale),
         money(line.open_total, locale))
        for label, line in (
            *((row.label.render(locale), row.line) for row in by_type.lines),
            (t("reports.total", locale), by_type.total),
        )
    )  # fmt: skip
    table = Table(headers, rows, (False, True, True, True))
    return Section(t("reports.by_deal_type", locale), (), table)


def _row(result: OwnerResult, locale: str, names: Mapping[str, str]) -> tuple[str, ...]:
    owner = result.owner
    name = names.get(owner, owner) if owner else t("reports.team", locale)
    return (
        name,
        count(result.won_deals, locale),
        money(result.won, locale),
        money(result.quota, locale),
        percent(result.attainment, locale),
        money(result.variable, locale),
        money(result.commission, locale),
    )


def _sum(values: list[Money]) -> Money | None:
    return sum(values[1:], values[0]) if values else None


def _team(rows: list[OwnerResult], period: Period, currency: str) -> OwnerResult:
    won = sum((r.won for r in rows), Money.zero(currency).rounded())
    quota = _sum([r.quota for r in rows if r.quota is not None])
    ratio = None
    if quota is not None:
        achieved = sum(
            (r.won for r in rows if r.quota is not None), Money.zero(currency).rounded()
        )
        ratio = attainment(Quota("team", period, quota), achieved).ratio
    return OwnerResult(
        "",
        won,
        sum(r.won_deals for r in rows),
        quota,
        ratio,
        _sum([r.commission for r in rows if r.commission is not None]),
        _sum([r.variable for r in rows if r.variable is not None]),
    )
