"""Sample entities for the storage contract: one builder per domain type.

Each ``make_…(n)`` returns the ``n``-th entity of a deterministic series:
distinct keys, index values that repeat (so queries match several), and a
spread of states (open, won and lost deals; opening and paid ledgers…).

>>> [sample.name for sample in domain_samples()]
['clients', 'deals', 'quotas', 'commission_plans', 'ledgers', 'statements', 'complaints', 'activities', 'contacts', 'contracts', 'expenses', 'expense_budgets', 'account_plans', 'reporting_lines', 'disputes']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Generic, TypeVar

import attrs
import pendulum

from accountcore.account_plans import AccountPlan, Initiative, Objective
from accountcore.clients import (
    Client,
    ClientKind,
    ClientStatus,
    ClientTier,
    Contact,
    ContactRole,
    DealContact,
)
from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    Band,
    BaseSalary,
    BonusLevel,
    ClientHeld,
    CommissionPlan,
    CommissionStatement,
    Credit,
    DealPay,
    Draw,
    FeedbackBonus,
    FlatRate,
    HeldRate,
    Ledger,
    LineKind,
    NewClientBonus,
    PerClientHeld,
    ServiceRecord,
    StatementLine,
    Tier,
    Tiered,
)
from accountcore.commissions.payout import Dispute
from accountcore.complaints import (
    DEFAULT_CATEGORIES,
    Complaint,
    ComplaintWorkflow,
    Severity,
)
from accountcore.expenses import Expense, ExpenseBudget
from accountcore.i18n import Message, Percent
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import (
    BillingPeriod,
    Contract,
    Deal,
    Pipeline,
    RenewalTerms,
)
from accountcore.quotas import Measure, Quota
from accountcore.relationship import Activity, ReportingLine
from accountcore.storage.account_plans import ACCOUNT_PLANS
from accountcore.storage.compensation import LEDGERS, PLANS, QUOTAS, STATEMENTS
from accountcore.storage.complaints import COMPLAINTS
from accountcore.storage.contracts import CONTRACTS
from accountcore.storage.expenses import EXPENSE_BUDGETS, EXPENSES
from accountcore.storage.managers import DISPUTES, REPORTING_LINES
from accountcore.storage.protocols import Collection
from accountcore.storage.relationship import ACTIVITIES, CONTACTS
from accountcore.storage.repositories import CLIENTS, DEALS

__all__ = [
    "Sample",
    "client_sample",
    "compensation_samples",
    "deal_sample",
    "complaint_sample",
    "domain_samples",
    "make_complaint",
    "make_client",
    "make_deal",
    "make_ledger",
    "make_plan",
    "make_quota",
    "make_explained_statement",
    "make_statement",
    "make_typed_statement",
    "month",
    "make_activity",
    "make_contact",
    "relationship_samples",
    "contract_sample",
    "make_contract",
    "expense_samples",
    "make_expense",
    "make_expense_budget",
    "make_account_plan",
    "account_plan_sample",
    "make_reporting_line",
    "make_dispute",
    "manager_samples",
]

T = TypeVar("T")


@attrs.frozen
class Sample(Generic[T]):
    """A collection and how to make test entities for it.

    ``make(n)`` returns the ``n``-th entity: distinct ids, and index values
    that repeat across entities (so queries match several); ``change``
    returns the same entity (same id) with some stored field changed.

    >>> from accountcore.storage import Collection
    >>> sample = Sample(Collection("texts", str, str), lambda n: f"t-{n}", str.upper)
    >>> sample.make(3), sample.change("t-3")
    ('t-3', 'T-3')
    """

    collection: Collection[T]
    make: Callable[[int], T]
    change: Callable[[T], T]

    @property
    def name(self) -> str:
        """The collection's name (the test id)."""
        return self.collection.name


_START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/Tallinn")
_TIERS = (ClientTier.STANDARD, ClientTier.KEY, ClientTier.VIP)
_STATUSES = (
    ClientStatus.PROSPECT,
    ClientStatus.ACTIVE,
    ClientStatus.DORMANT,
    ClientStatus.CHURNED,
)


def make_client(n: int) -> Client:
    """The ``n``-th test client: owners ``am-0``…``am-2``, tiers and statuses
    repeating.

    >>> make_client(4).id, make_client(4).owner, make_client(4).tier.value
    ('C-004', 'am-1', 'key')
    """
    return Client.existing(
        f"C-{n:03d}",
        f"Client {n}",
        kind=ClientKind.CORPORATE if n % 2 else ClientKind.INDIVIDUAL,
        owner=f"am-{n % 3}",
        at=_START.add(hours=n),
        status=_STATUSES[n % 4],
        tier=_TIERS[n % 3],
        region=None if n % 5 == 0 else f"region-{n % 2}",
    )


def _reassigned_client(client: Client) -> Client:
    return client.reassign(
        client.owner + "-next", at=client.created_at + _dt.timedelta(days=1), by="lead"
    )


_PIPELINE = Pipeline.default()


def make_deal(n: int) -> Deal:
    """The ``n``-th test deal of the default pipeline: owners ``am-0``…``am-2``,
    clients ``C-000``…``C-003``; one in four is won and one in four lost, closed
    on days spread over three months (Tallinn time).

    >>> [make_deal(n).outcome.value for n in range(4)]
    ['open', 'won', 'lost', 'open']
    """
    at = _START.add(hours=n)
    deal = _PIPELINE.new_deal(
        f"D-{n:03d}",
        client_id=f"C-{n % 4:03d}",
        owner=f"am-{n % 3}",
        at=at,
        by=f"am-{n % 3}",
        stage=_PIPELINE.creation_stages[n % 3],
        amount=Money(Decimal(1000 + 125 * n) / 100, "EUR"),
        contacts=(
            DealContact(f"P-{n % 4:03d}", ContactRole.DECISION_MAKER),
            *((DealContact(f"P-{n % 5:03d}", ContactRole.FINANCE),) if n % 2 else ()),
        ),
    )
    closed = at.add(days=7 * n, hours=14)
    if n % 4 == 1:
        return _PIPELINE.advance(deal, "contract_signed", at=closed, by=deal.owner)
    if n % 4 == 2:
        return _PIPELINE.advance(deal, "lost", at=closed, by=deal.owner, reason="price")
    return deal


def _reassigned_deal(deal: Deal) -> Deal:
    return deal.reassign(
        deal.owner + "-next", at=deal.updated_at + _dt.timedelta(days=1), by="lead"
    )


def month(n: int) -> Period:
    """The ``n``-th month from January 2026.

    >>> str(month(13))
    '2027-02'
    """
    return Period.month(2026 + n // 12, n % 12 + 1)


def make_quota(n: int) -> Quota:
    """The ``n``-th test quota: owners ``am-0``…``am-2``, one month each,
    revenue in money or a count of deals won.

    >>> make_quota(13).period, make_quota(13).measure.value
    (Period(start=datetime.date(2027, 2, 1), end=datetime.date(2027, 3, 1)), 'deals_won')
    """
    if n % 2:
        return Quota(f"am-{n % 3}", month(n), 3 + n % 4, Measure.DEALS_WON)
    return Quota(f"am-{n % 3}", month(n), Money(Decimal(50_000 + 500 * n), "EUR"))


def _raised_quota(quota: Quota) -> Quota:
    return attrs.evolve(quota, target=quota.target * 2)


def make_plan(n: int) -> CommissionPlan:
    """The ``n``-th test plan: a flat rate in EUR or USD.

    >>> make_plan(3).name, make_plan(3).currency
    ('plan-003', 'USD')
    """
    rate = Decimal(n % 9 + 1) / 100
    currency = "USD" if n % 3 == 0 else "EUR"
    return CommissionPlan(f"plan-{n:03d}", currency, (FlatRate("commission", rate),))


def _repriced_plan(plan: CommissionPlan) -> CommissionPlan:
    return attrs.evolve(plan, components=(FlatRate("commission", Decimal("0.25")),))


def make_ledger(n: int) -> Ledger:
    """The ``n``-th test ledger: owners ``am-0``…``am-2``, one per month paid
    (every fourth is an owner's opening ledger), with what was credited to
    date and what the month's deal earned.

    >>> make_ledger(1).deals["D-001"].earned
    Money('50.00', 'EUR')
    """
    opening = Ledger.opening(f"am-{n % 3}", "EUR")
    if n % 4 == 0:
        return attrs.evolve(opening, owner=f"am-{n}")
    paid = month(n)
    credited = Money(Decimal(1000 * n), "EUR")
    return attrs.evolve(
        opening,
        paid_to_date=Money(Decimal(1000 * n), "EUR"),
        year=Period.year(paid.start.year),
        through=paid.end,
        credited_to_date=Money(Decimal(20000 * n), "EUR"),
        deals={f"D-{n:03d}": DealPay(credited, Money(f"{50 * n}.00", "EUR"), paid)},
    )


def _advanced_ledger(ledger: Ledger) -> Ledger:
    """The ledger with a draw balance, and one deal half clawed back."""
    deals = {
        deal: DealPay(pay.credited / 2, pay.earned / 2, pay.period)
        for deal, pay in ledger.deals.items()
    }
    return attrs.evolve(
        ledger, draw_balance=Money("250.00", ledger.currency), deals=deals
    )


def make_statement(n: int) -> CommissionStatement:
    """The ``n``-th test statement: owners ``am-0``…``am-2``, one month each,
    with one commission line and its message."""
    owner, period = f"am-{n % 3}", month(n)
    basis = Money(Decimal(2000 + 200 * n), "EUR")
    line = StatementLine(
        "commission",
        LineKind.VARIABLE,
        f"5 % of credits in {period}",
        Money(Decimal(100 + 10 * n), "EUR"),
        basis.amount,
        "EUR",
        Decimal("0.05"),
        message=Message.of(
            "commissions.line.flat_rate", rate=Percent(Decimal("0.05")), basis=basis
        ),
    )
    ledger = attrs.evolve(Ledger.opening(owner, "EUR"), through=period.end)
    return CommissionStatement(owner, period, "EUR", (line,), ledger)


def make_explained_statement() -> CommissionStatement:
    """A statement as a plan computes it, whose lines' messages hold every
    kind of parameter the engine gives: ``Money``, ``Percent`` with and
    without ``digits``, ``Decimal``, ``int`` and a nested message.

    >>> statement = make_explained_statement()
    >>> [line.component for line in statement.lines]
    ['salary', 'commission', 'commission', 'kicker', 'club', 'hunter', 'feedback', 'held', 'draw']
    >>> print(statement.lines[7].describe("ja_JP"))
    維持顧客2件 × €40.00（VIP顧客）
    """
    quarter = Period.quarter(2026, 2)
    plan = CommissionPlan(
        "explained",
        "EUR",
        (
            BaseSalary("salary", _eur("9000.00")),
            Tiered(
                "commission",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis="attainment",
            ),
            Accelerator("kicker", (Band("1", None, "1.5"),), of=("commission",)),
            AttainmentBonus("club", (BonusLevel("1.2", _eur("500.00")),)),
            NewClientBonus("hunter", _eur("150.00")),
            FeedbackBonus("feedback", (BonusLevel("4.5", _eur("100.00")),)),
            PerClientHeld("held", (HeldRate(_eur("40.00"), tier="vip"),)),
            Draw("draw", "recoverable", _eur("1000.00")),
        ),
    )
    day = _dt.timedelta(days=1)
    credits = [
        Credit(
            "D-101",
            "C-1",
            "am-0",
            _eur("223843.50"),
            quarter.start + 10 * day,
            ClientTier.VIP,
            ClientKind.CORPORATE,
            is_new_client=True,
        ),
        Credit(
            "D-102",
            "C-2",
            "am-0",
            _eur("12500.00"),
            quarter.start + 40 * day,
            is_new_client=True,
        ),
    ]
    activity = ServiceRecord(
        active=Period(quarter.start + 14 * day, quarter.end),
        feedback=("4.5", "5", "4"),
        clients_held=(ClientHeld("C-1", "vip"), ClientHeld("C-9", "vip")),
    )
    quota = Quota("am-0", quarter, _eur("167915.00"))
    return plan.calculate(credits, period=quarter, quota=quota, activity=activity)


def make_typed_statement() -> CommissionStatement:
    """A statement (``am-1``, March 2026) with one line per type a message
    parameter may hold: ``str``, ``int``, ``Decimal``, ``Money``,
    ``Percent``, ``date``, an aware ``datetime``, a tuple, a nested message
    and, on the last line, a ``Period`` (which a message carries but cannot
    show: that line does not render).

    >>> statement = make_typed_statement()
    >>> [type(line.message.params[0][1]).__name__ for line in statement.lines]
    ['str', 'int', 'Decimal', 'Money', 'Percent', 'date', 'DateTime', 'tuple', 'Message', 'Period']
    >>> print(statement.lines[7].describe("en_US"))
    variable pay already paid in fiscal year 2025 or 2026
    """
    period = month(2)
    values: tuple[object, ...] = (
        "FY2026",
        2026,
        Decimal("2026.50"),
        _eur("1234.50"),
        Percent(Decimal("0.19300605"), 1),
        _dt.date(2026, 3, 31),
        pendulum.datetime(2026, 3, 31, 18, 30, tz="Europe/Riga"),
        ("2025", "2026"),
        Message.of("clients.tier.vip"),
        period,
    )
    lines = tuple(
        StatementLine(
            f"note-{index}",
            LineKind.FIXED,
            f"note {index}",
            _eur("0.00"),
            message=Message.of("commissions.line.true_up", year=value),
        )
        for index, value in enumerate(values)
    )
    ledger = attrs.evolve(Ledger.opening("am-1", "EUR"), through=period.end)
    return CommissionStatement("am-1", period, "EUR", lines, ledger)


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _corrected_statement(statement: CommissionStatement) -> CommissionStatement:
    line = attrs.evolve(statement.lines[0], amount=Money("1.00", statement.currency))
    return attrs.evolve(statement, lines=(line,))


def client_sample() -> Sample[Client]:
    """Clients made by :func:`make_client`, changed by reassignment."""
    return Sample(CLIENTS, make_client, _reassigned_client)


def deal_sample() -> Sample[Deal]:
    """Deals made by :func:`make_deal`, changed by reassignment."""
    return Sample(DEALS, make_deal, _reassigned_deal)


def compensation_samples() -> list[Sample[Any]]:
    """Samples for quotas, commission plans, ledgers and statements.

    >>> [sample.name for sample in compensation_samples()]
    ['quotas', 'commission_plans', 'ledgers', 'statements']
    """
    return [
        Sample(QUOTAS, make_quota, _raised_quota),
        Sample(PLANS, make_plan, _repriced_plan),
        Sample(LEDGERS, make_ledger, _advanced_ledger),
        Sample(STATEMENTS, make_statement, _corrected_statement),
    ]


def make_complaint(n: int) -> Complaint:
    """The ``n``-th complaint: owners, clients, severities and statuses
    repeat; every third one is acknowledged, every fifth unassigned.

    >>> make_complaint(3).status, make_complaint(5).owner
    ('acknowledged', None)
    """
    severities = list(Severity)
    owner = None if n % 5 == 0 else f"am-{n % 3}"
    complaint = ComplaintWorkflow.default().receive(
        f"complaint-{n:03d}",
        client_id=f"client-{n % 4}",
        category=DEFAULT_CATEGORIES[n % len(DEFAULT_CATEGORIES)],
        severity=severities[n % len(severities)],
        description=f"complaint number {n}",
        at=_START.add(hours=n),
        by="desk",
        owner=owner,
        deal_id=f"deal-{n:03d}" if n % 2 else None,
    )
    if n % 3 == 0 and owner is not None:
        complaint = ComplaintWorkflow.default().advance(
            complaint, "acknowledged", at=_START.add(hours=n + 1), by=owner
        )
    return complaint


def _reassigned_complaint(complaint: Complaint) -> Complaint:
    return attrs.evolve(complaint, owner="am-9")


def complaint_sample() -> Sample[Complaint]:
    """The complaints sample."""
    return Sample(COMPLAINTS, make_complaint, _reassigned_complaint)


def make_contract(n: int) -> Contract:
    """The ``n``-th test contract: owners ``am-0``…``am-2``, clients
    ``C-0``…``C-4``, a year from the ``n``-th month, the even ones on
    90 days' notice (so the day to act differs from the last day).

    >>> k = make_contract(2)
    >>> k.start, k.end, k.decide_by
    (datetime.date(2026, 3, 1), datetime.date(2027, 2, 28), datetime.date(2026, 11, 30))
    """
    term = month(n)
    start = term.start
    end = _dt.date(start.year + 1, start.month, 1) - _dt.timedelta(days=1)
    notice = n % 2 == 0
    return Contract(
        f"K-{n:03d}",
        f"C-{n % 5}",
        f"am-{n % 3}",
        start,
        end,
        Money(Decimal(1_000 + 50 * n), "EUR"),
        BillingPeriod.MONTH if n % 3 else BillingPeriod.YEAR,
        RenewalTerms.NOTICE if notice else RenewalTerms.NONE,
        90 if notice else 0,
    )


def _revalued_contract(contract: Contract) -> Contract:
    return attrs.evolve(contract, value=contract.value * 2)


def contract_sample() -> Sample[Contract]:
    """The sample for the contracts collection.

    >>> contract_sample().name
    'contracts'
    """
    return Sample(CONTRACTS, make_contract, _revalued_contract)


def domain_samples() -> list[Sample[Any]]:
    """A sample for each domain collection accountcore stores.

    >>> [sample.name for sample in domain_samples()]
    ['clients', 'deals', 'quotas', 'commission_plans', 'ledgers', 'statements', 'complaints', 'activities', 'contacts', 'contracts', 'expenses', 'expense_budgets', 'account_plans', 'reporting_lines', 'disputes']
    """
    return [
        client_sample(),
        deal_sample(),
        *compensation_samples(),
        complaint_sample(),
        *relationship_samples(),
        contract_sample(),
        *expense_samples(),
        account_plan_sample(),
        *manager_samples(),
    ]


_KINDS = ("call", "email", "meeting", "presentation", "visit", "task")
_OUTCOMES = ("done", "planned", "no_reply", "done", "cancelled")


def make_activity(n: int) -> Activity:
    """The ``n``-th test activity: clients ``C-000``…``C-003``, owners
    ``am-0``…``am-2``, every other one on a deal ``D-000``…``D-002``, a day
    apart (the later ``n``, the later), kinds and outcomes repeating.

    >>> a = make_activity(5)
    >>> a.id, a.client_id, a.owner, a.deal_id, a.kind.value, a.outcome.value
    ('A-005', 'C-001', 'am-2', None, 'task', 'done')
    """
    return Activity(
        f"A-{n:03d}",
        _KINDS[n % len(_KINDS)],
        f"C-{n % 4:03d}",
        f"am-{n % 3}",
        _START.add(days=n, hours=n % 5),
        deal_id=f"D-{n % 3:03d}" if n % 2 == 0 else None,
        contact_id=f"P-{n % 4:03d}" if n % 3 else None,
        outcome=_OUTCOMES[n % len(_OUTCOMES)],
        notes=f"note {n}" if n % 4 else "",
    )


def _completed(activity: Activity) -> Activity:
    return attrs.evolve(activity, outcome="done", notes=activity.notes + " (done)")


def make_contact(n: int) -> Contact:
    """The ``n``-th test contact person: clients ``C-000``…``C-003``, roles
    repeating.

    >>> make_contact(5).client_id, [r.value for r in make_contact(5).roles]
    ('C-001', ['purchasing'])
    """
    roles = list(ContactRole)
    return Contact(
        f"P-{n:03d}",
        f"C-{n % 4:03d}",
        f"Person {n}",
        roles=(roles[n % len(roles)],) if n % 3 else (roles[0], roles[3]),
        email=f"person{n}@example.com" if n % 2 else None,
        title="CFO" if n % 5 == 0 else None,
    )


def _departed(contact: Contact) -> Contact:
    return attrs.evolve(contact, active=False)


def relationship_samples() -> list[Sample[Any]]:
    """Samples for activities (changed by completing them) and contact
    persons (changed by marking them departed).

    >>> [sample.name for sample in relationship_samples()]
    ['activities', 'contacts']
    """
    return [
        Sample(ACTIVITIES, make_activity, _completed),
        Sample(CONTACTS, make_contact, _departed),
    ]


_EXPENSE_CURRENCIES = ("EUR", "EUR", "USD", "JPY")


def make_expense(n: int) -> Expense:
    """The ``n``-th test expense: owners ``am-0``…``am-2``, clients
    ``C-000``…``C-003``, a day apart from 5 January 2026, currencies
    repeating; every third one approved.

    >>> e = make_expense(5)
    >>> e.id, e.owner, e.client_id, e.on, str(e.amount), e.approved_by
    ('X-005', 'am-2', 'C-001', datetime.date(2026, 1, 10), '95.05 EUR', None)
    """
    currency = _EXPENSE_CURRENCIES[n % len(_EXPENSE_CURRENCIES)]
    amount = Money(
        f"{70 + 5 * n}" if currency == "JPY" else f"{70 + 5 * n}.{n:02d}", currency
    )
    return Expense(
        f"X-{n:03d}",
        f"am-{n % 3}",
        f"C-{n % 4:03d}",
        f"purpose {n}",
        amount,
        _dt.date(2026, 1, 5) + _dt.timedelta(days=n),
        approved_by="manager-1" if n % 3 == 0 else None,
    )


def _approved(expense: Expense) -> Expense:
    return expense.approve("director-1")


def make_expense_budget(n: int) -> ExpenseBudget:
    """The ``n``-th test budget: owners ``am-0``…``am-2``, one month each
    (so owner and period never repeat together).

    >>> b = make_expense_budget(4)
    >>> b.owner, str(b.period), str(b.amount)
    ('am-1', '2026-05', '1400.00 EUR')
    """
    return ExpenseBudget(
        f"am-{n % 3}",
        Period.month(2026 + n // 12, n % 12 + 1),
        Money(f"{1000 + 100 * n}.00", "EUR"),
    )


def _raised_budget(budget: ExpenseBudget) -> ExpenseBudget:
    return attrs.evolve(budget, amount=budget.amount + Money("250", "EUR"))


def expense_samples() -> list[Sample[Any]]:
    """Samples for expenses (changed by approving them) and expense budgets
    (changed by raising them).

    >>> [sample.name for sample in expense_samples()]
    ['expenses', 'expense_budgets']
    """
    return [
        Sample(EXPENSES, make_expense, _approved),
        Sample(EXPENSE_BUDGETS, make_expense_budget, _raised_budget),
    ]


def make_account_plan(n: int) -> AccountPlan:
    """The ``n``-th test account plan: clients ``C-000``…``C-003``, owners
    ``am-0``…``am-2``, a year's span from 2024 on (the later ``n``, the
    later), a revenue objective and, for every other plan, an activities
    objective and an initiative serving it.

    >>> plan = make_account_plan(5)
    >>> plan.id, plan.client_id, plan.owner, plan.span.start.year, len(plan.objectives)
    ('AP-005', 'C-001', 'am-2', 2029, 1)
    """
    year = 2024 + n
    span = Period.year(year)
    objectives = [
        Objective(
            "O-1",
            f"Revenue {n}",
            "revenue",
            Money(f"{10000 + 1000 * n}.00", "EUR"),
            _dt.date(year, 12, 31),
        )
    ]
    initiatives = []
    if n % 2 == 0:
        objectives.append(
            Objective(
                "O-2",
                "Meetings",
                "activities",
                n + 1,
                _dt.date(year, 6, 30),
                activity_kind="meeting",
            )
        )
        initiatives.append(
            Initiative(
                "I-1",
                "Workshop",
                f"am-{n % 3}",
                _dt.date(year, 3, 31),
                objective_id="O-2",
            )
        )
    return AccountPlan(
        f"AP-{n:03d}", f"C-{n % 4:03d}", f"am-{n % 3}", span, objectives, initiatives
    )


def _started(plan: AccountPlan) -> AccountPlan:
    moved = tuple(
        attrs.evolve(initiative, status="in_progress")
        for initiative in plan.initiatives
    )
    retitled = tuple(
        attrs.evolve(objective, title=objective.title + " (revised)")
        for objective in plan.objectives
    )
    return attrs.evolve(plan, objectives=retitled, initiatives=moved)


def account_plan_sample() -> Sample[AccountPlan]:
    """The account plans, changed by revising their objectives' titles and
    starting their initiatives.

    >>> account_plan_sample().name
    'account_plans'
    """
    return Sample(ACCOUNT_PLANS, make_account_plan, _started)


def make_reporting_line(n: int) -> ReportingLine:
    """The ``n``-th test reporting line: members ``am-0``…``am-3``, from the
    ``n``-th month on, to managers ``mgr-0`` and ``mgr-1`` (every fifth to
    no one: the top).

    >>> line = make_reporting_line(6)
    >>> line.id, line.manager
    ('am-2@2026-07-01', 'mgr-0')
    """
    return ReportingLine(
        f"am-{n % 4}",
        None if n % 5 == 0 else f"mgr-{n % 2}",
        month(n).start,
    )


def _moved_line(line: ReportingLine) -> ReportingLine:
    return attrs.evolve(line, manager="mgr-9")


def make_dispute(n: int) -> Dispute:
    """The ``n``-th test dispute: owners ``am-0``…``am-2``, of the
    statements of January to April 2026, raised a few days after the month;
    every fourth one resolved.

    >>> d = make_dispute(4)
    >>> d.id, d.owner, str(d.period), d.raised_on, d.is_open
    ('DX-004', 'am-1', '2026-01', datetime.date(2026, 2, 5), False)
    """
    period = month(n % 4)
    raised_on = period.end + _dt.timedelta(days=n % 5)
    dispute = Dispute(
        f"DX-{n:03d}",
        f"am-{n % 3}",
        period,
        n % 3 + 1,
        "commission",
        Money(f"{100 + n}.00", "EUR"),
        f"am-{n % 3}",
        raised_on,
        f"reason {n}",
    )
    if n % 4 == 0:
        return dispute.resolve(
            Money(f"{n}.50", "EUR"),
            "corrected",
            "mgr-1",
            raised_on + _dt.timedelta(days=3),
        )
    return dispute


def _resolved(dispute: Dispute) -> Dispute:
    if dispute.is_open:
        return dispute.resolve(
            Money("0.00", "EUR"), "the line stands", "mgr-0", dispute.raised_on
        )
    return attrs.evolve(dispute, reason=dispute.reason + " (more)")


def manager_samples() -> list[Sample[Any]]:
    """Samples for reporting lines (changed by a new manager) and disputes
    (changed by resolving them).

    >>> [sample.name for sample in manager_samples()]
    ['reporting_lines', 'disputes']
    """
    return [
        Sample(REPORTING_LINES, make_reporting_line, _moved_line),
        Sample(DISPUTES, make_dispute, _resolved),
    ]
