"""The plan-status report: progress on the account plans' objectives and
initiatives on a day."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from accountcore.account_plans import AccountPlan, PlanProgress, plan_progress
from accountcore.errors import check_items, check_type
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, as_date
from accountcore.pipeline import Deal
from accountcore.relationship import Activity
from accountcore.reports._document import (
    Section,
    Table,
    count,
    day,
    money,
    percent,
    render,
    span,
    t,
)

__all__ = ["PlanStatusReport"]


def _amount(value: Money | int | None, locale: str) -> str:
    if value is None or isinstance(value, Money):
        return money(value, locale)
    return count(value, locale)


@attrs.frozen
class PlanStatusReport:
    """The progress of each account plan on ``on``, plans in the order of
    their client and id: each objective's actual against its target and the
    time gone by, each initiative's status and days overdue.

    >>> import datetime as dt
    >>> from accountcore.account_plans import Initiative
    >>> from accountcore.periods import Period
    >>> plan = AccountPlan("AP-1", "C-1", "anna", Period.year(2026),
    ...                    initiatives=[Initiative("I-1", "Meet the new CFO", "anna", dt.date(2026, 3, 31))])
    >>> report = PlanStatusReport.of([plan], on=dt.date(2026, 4, 10))
    >>> print(report.render("en").splitlines()[0])
    Account plans: progress on Apr 10, 2026
    >>> report.initiative_records()[0]["days_overdue"]
    10
    """

    on: _dt.date
    plans: tuple[PlanProgress, ...]

    @classmethod
    def of(
        cls,
        plans: Iterable[AccountPlan],
        *,
        on: _dt.date,
        deals: Iterable[Deal] = (),
        activities: Iterable[Activity] = (),
        contracted: Mapping[str, Money] | None = None,
        calendar: FiscalCalendar | None = None,
    ) -> PlanStatusReport:
        """The report on ``on``: each plan's progress
        (:func:`~accountcore.account_plans.plan_progress`) from ``deals``
        and ``activities``; ``contracted`` gives, per client id, the
        contract value signed in the plan's span so far."""
        day_ = as_date(on, "on")
        chosen = check_items("plans", plans, AccountPlan)
        deals = check_items("deals", deals, Deal)
        activities = check_items("activities", activities, Activity)
        signed = {} if contracted is None else contracted
        check_type("contracted", signed, Mapping, "a mapping of client id to Money")
        rows = tuple(
            plan_progress(
                plan,
                on=day_,
                deals=deals,
                activities=activities,
                contracted=signed.get(plan.client_id),
                calendar=calendar,
            )
            for plan in sorted(chosen, key=lambda p: (p.client_id, p.id))
        )
        return cls(day_, rows)

    def __repr__(self) -> str:
        """Short: the day and how many plans."""
        return f"<PlanStatusReport on {self.on.isoformat()}: {len(self.plans)} plans>"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per objective: ``plan``, ``client``, ``objective``,
        ``measure``, ``target``, ``actual``, ``share``, ``expected``,
        ``state`` and ``due`` (amounts as ``Money``, counts as ``int``,
        ratios as ``Decimal``)."""
        return [
            {
                "plan": status.plan.id,
                "client": status.plan.client_id,
                "objective": row.objective.id,
                "measure": row.objective.measure.value,
                "target": row.objective.target,
                "actual": row.actual,
                "share": row.share,
                "expected": row.expected,
                "state": row.state.value,
                "due": row.objective.due,
            }
            for status in self.plans
            for row in status.objectives
        ]

    def initiative_records(self) -> list[dict[str, Any]]:
        """One plain dict per initiative: ``plan``, ``client``,
        ``initiative``, ``owner``, ``due``, ``status`` and ``days_overdue``."""
        return [
            {
                "plan": status.plan.id,
                "client": status.plan.client_id,
                "initiative": row.initiative.id,
                "owner": row.initiative.owner,
                "due": row.initiative.due,
                "status": row.initiative.status.value,
                "days_overdue": row.days_overdue,
            }
            for status in self.plans
            for row in status.initiatives
        ]

    def to_html(self, locale: str = "en_US") -> str:
        """The report as HTML for ``locale`` (:meth:`render` as ``"html"``),
        every text escaped."""
        return self.render(locale, "html")

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def render(self, locale: str, format: str = "text") -> str:
        """The report as a document in ``locale``: ``"text"``,
        ``"markdown"`` or ``"html"``."""
        title = t("reports.plans.title", locale, on=self.on)
        sections = [Section(t("reports.plans.summary", locale), self._summary(locale))]
        for status in self.plans:
            sections.extend(_plan_sections(status, locale))
        return render(title, sections, format)

    def _summary(self, locale: str) -> tuple[str, ...]:
        states: dict[str, int] = {}
        for status in self.plans:
            for row in status.objectives:
                states[row.state.value] = states.get(row.state.value, 0) + 1
        return (
            t("reports.plans.count", locale, count=len(self.plans)),
            t(
                "reports.plans.objectives",
                locale,
                achieved=states.get("achieved", 0),
                on_track=states.get("on_track", 0),
                behind=states.get("behind", 0),
                missed=states.get("missed", 0),
            ),
            t(
                "reports.plans.initiatives",
                locale,
                done=sum(s.initiatives_done for s in self.plans),
                total=sum(len(s.initiatives) for s in self.plans),
                overdue=sum(s.initiatives_overdue for s in self.plans),
            ),
        )


def _plan_sections(status: PlanProgress, locale: str) -> list[Section]:
    plan = status.plan
    where = {
        "client": plan.client_id,
        "owner": plan.owner,
        "span": span(plan.span, locale),
    }
    objectives = Table(
        tuple(
            t(f"reports.column.{key}", locale)
            for key in (
                "objective",
                "measure",
                "target",
                "actual",
                "progress",
                "expected",
                "state",
                "due",
            )
        ),
        tuple(
            (
                row.objective.title,
                row.objective.measure.label.render(locale),
                _amount(row.objective.target, locale),
                _amount(row.actual, locale),
                percent(row.share, locale),
                percent(row.expected, locale),
                row.state.label.render(locale),
                day(row.objective.due, locale),
            )
            for row in status.objectives
        ),
        (False, False, True, True, True, True, False, False),
    )
    initiatives = Table(
        tuple(
            t(f"reports.column.{key}", locale)
            for key in ("initiative", "owner", "due", "status", "overdue")
        ),
        tuple(
            (
                row.initiative.title,
                row.initiative.owner,
                day(row.initiative.due, locale),
                row.initiative.status.label.render(locale),
                t("common.days", locale, count=row.days_overdue)
                if row.overdue
                else "–",
            )
            for row in status.initiatives
        ),
        (False, False, False, False, True),
    )
    return [
        Section(t("reports.plans.objectives_of", locale, **where), (), objectives),
        Section(t("reports.plans.initiatives_of", locale, **where), (), initiatives),
    ]
