"""Representation expenses against a budget: approval by amount, what
remains, the report per owner and per client (issue 20, point 4)."""

from __future__ import annotations

import datetime as _dt

import pytest

from accountcore.errors import ArgumentTypeError, MissingRateError
from accountcore.expenses import (
    ApprovalThreshold,
    Expense,
    ExpenseBudget,
    ExpensePolicy,
    approval_label,
    budget_status,
    expense_report,
)
from accountcore.expenses.errors import ExpensePolicyError, InvalidExpenseError
from accountcore.money import ExchangeRate, FixedRates, Money
from accountcore.periods import Period
from accountcore.serialization import from_json, to_json
from tests.helpers import eur

Q1 = Period.quarter(2026, 1)
RATES = FixedRates(
    [
        ExchangeRate("USD", "EUR", _dt.date(2026, 1, 1), "0.92"),
        ExchangeRate("USD", "EUR", _dt.date(2026, 3, 1), "0.90"),
        ExchangeRate("EUR", "USD", _dt.date(2026, 1, 1), "1.08"),
    ]
)


def _expense(
    id: str,
    amount: Money,
    day: int,
    *,
    owner: str = "anna",
    client: str = "C-1",
    month: int = 1,
) -> Expense:
    return Expense(
        id, owner, client, f"purpose of {id}", amount, _dt.date(2026, month, day)
    )


def test_what_remains_is_the_budget_less_the_rounded_lines() -> None:
    budget = ExpenseBudget("anna", Q1, eur("3000.00"))
    expenses = [
        _expense("E-1", eur("180.00"), 14),
        _expense("E-2", Money("1450.00", "USD"), 10, month=2),
        _expense("E-3", Money("333.33", "USD"), 2, month=3),
    ]

    status = budget_status(budget, expenses, rates=RATES)

    # 180.00 + 1,450.00 x 0.92 (= 1,334.00) + 333.33 x 0.90 (= 299.997 -> 300.00)
    # = 1,814.00 spent; 3,000.00 - 1,814.00 = 1,186.00 remaining
    assert [line.amount for line in status.lines] == [
        eur("180.00"),
        eur("1334.00"),
        eur("300.00"),
    ]
    assert status.spent == eur("1814.00")
    assert status.remaining == eur("1186.00")
    assert not status.over


def test_only_the_owners_expenses_on_the_periods_days_count() -> None:
    budget = ExpenseBudget("anna", Q1, eur("1000"))
    expenses = [
        _expense("E-1", eur("100"), 5),
        _expense("E-2", eur("900"), 5, owner="boris"),
        Expense("E-3", "anna", "C-1", "dinner", eur("900"), _dt.date(2026, 4, 1)),
    ]

    status = budget_status(budget, expenses)

    assert [line.expense.id for line in status.lines] == ["E-1"]
    assert status.remaining == eur("900.00")


def test_over_budget_is_negative_remaining_and_says_by_how_much() -> None:
    budget = ExpenseBudget("anna", Q1, eur("500"))

    status = budget_status(budget, [_expense("E-1", eur("650.40"), 3)])

    # 500.00 - 650.40 = -150.40
    assert status.over
    assert status.remaining == eur("-150.40")
    assert status.summary.render("en") == (
        "Budget €500.00 exceeded by €150.40 (spent €650.40)"
    )
    assert status.summary.render("lv_LV") == (
        "Budžets 500,00\xa0€ pārsniegts par 150,40\xa0€ (iztērēts 650,40\xa0€)"
    )


@pytest.mark.parametrize(
    ("amount", "level"),
    [
        ("250.00", None),  # at a threshold: not above it
        ("250.01", "manager"),
        ("1000.00", "manager"),
        ("1000.01", "director"),
        ("5000.01", "board"),
    ],
)
def test_approval_is_by_amount_the_highest_threshold_exceeded(
    amount: str, level: str | None
) -> None:
    assert ExpensePolicy.default("EUR").level_for(eur(amount)) == level


def test_a_foreign_expense_is_compared_at_its_own_days_rate() -> None:
    policy = ExpensePolicy.default("EUR")
    # 275 USD x 0.92 = 253.00 EUR in January (above 250); x 0.90 = 247.50 in March
    january = _expense("E-1", Money("275", "USD"), 20)
    march = _expense("E-2", Money("275", "USD"), 20, month=3)

    assert policy.approval(january, rates=RATES) == "manager"
    assert policy.approval(march, rates=RATES) is None


def test_pending_lines_need_an_approval_no_one_gave() -> None:
    policy = ExpensePolicy.default("EUR")
    budget = ExpenseBudget("anna", Q1, eur("10000"))
    fair = _expense("E-1", eur("1200"), 9)
    gift = _expense("E-2", eur("400"), 10).approve("maria")

    status = budget_status(budget, [fair, gift], policy=policy)

    assert [line.expense.id for line in status.pending] == ["E-1"]
    assert status.render("en") == [
        "Jan 9, 2026, client C-1: purpose of E-1: €1,200.00",
        "  needs approval: Director",
        "Jan 10, 2026, client C-1: purpose of E-2: €400.00",
        "  approval (Manager) given by maria",
        "Budget €10,000.00: spent €1,600.00, remaining €8,400.00",
    ]


def test_approval_levels_read_through_the_catalog() -> None:
    labels = {
        locale: approval_label("director").render(locale)  # type: ignore[union-attr]
        for locale in ("en", "et", "uk", "ja", "ro", "lv")
    }

    assert labels == {
        "en": "Director",
        "et": "Direktor",
        "uk": "Директор",
        "ja": "部長",
        "ro": "Director",
        "lv": "Direktors",
    }
    assert approval_label("cfo") == "cfo"


def test_the_report_per_owner_and_per_client_adds_the_same_rounded_lines() -> None:
    expenses = [
        _expense("E-1", eur("120.00"), 5),
        _expense("E-2", Money("100.00", "USD"), 6, client="C-2"),
        _expense("E-3", eur("210.50"), 7, owner="boris"),
        _expense("E-4", eur("999"), 1, month=4),  # outside the quarter
    ]
    budgets = [
        ExpenseBudget("anna", Q1, eur("500")),
        ExpenseBudget("carla", Q1, Money("1000", "USD")),
        ExpenseBudget("anna", Period.quarter(2026, 2), eur("9999")),
    ]

    report = expense_report(
        expenses, period=Q1, currency="EUR", budgets=budgets, rates=RATES
    )

    # anna: 120.00 + 100 USD x 0.92 = 212.00 of 500.00 -> 288.00 left
    # boris: 210.50, no budget; carla: 1,000 USD x 0.92 (1 January) = 920.00, nothing spent
    assert [
        (o.owner, o.spent, o.budget, o.remaining, o.count) for o in report.owners
    ] == [
        ("anna", eur("212.00"), eur("500.00"), eur("288.00"), 2),
        ("boris", eur("210.50"), None, None, 1),
        ("carla", eur("0.00"), eur("920.00"), eur("920.00"), 0),
    ]
    # C-1: 120.00 + 210.50 = 330.50 by anna and boris; C-2: 92.00
    assert [(c.client_id, c.spent, c.count, c.owners) for c in report.clients] == [
        ("C-1", eur("330.50"), 2, ("anna", "boris")),
        ("C-2", eur("92.00"), 1, ("anna",)),
    ]
    # 212.00 + 210.50 = 330.50 + 92.00 = 422.50
    assert report.total == eur("422.50")
    assert report.render("uk_UA")[0] == (
        "anna: витрачено 212,00\xa0EUR з 500,00\xa0EUR (2 витрати), залишок 288,00\xa0EUR"
    )


def test_two_budgets_of_one_owner_for_one_period_are_refused() -> None:
    budgets = [ExpenseBudget("anna", Q1, eur("1")), ExpenseBudget("anna", Q1, eur("2"))]

    with pytest.raises(
        InvalidExpenseError, match=r"of 'anna'.*2026-Q1.*one budget per period"
    ):
        expense_report([], period=Q1, currency="EUR", budgets=budgets)


def test_a_foreign_expense_without_rates_names_the_pair_and_day() -> None:
    budget = ExpenseBudget("anna", Q1, eur("1000"))

    with pytest.raises(MissingRateError, match=r"USD->EUR on or before 2026-01-05"):
        budget_status(budget, [_expense("E-1", Money("10", "USD"), 5)])


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        (
            "amount",
            eur("0"),
            r"Expense 'E-1': amount=Money\('0', 'EUR'\) is invalid: an expense must be more than zero",
        ),
        ("amount", 10, r"amount=10 is invalid: expected Money"),
        ("purpose", " ", r"purpose=' ' is invalid: expected a non-empty str"),
        (
            "on",
            _dt.datetime(2026, 1, 5, tzinfo=_dt.UTC),
            r"on=datetime.datetime\(2026, 1, 5.* expected a datetime.date",
        ),
    ],
)
def test_a_bad_expense_names_the_field_and_value(
    field: str, value: object, match: str
) -> None:
    fields: dict[str, object] = {
        "id": "E-1",
        "owner": "anna",
        "client_id": "C-1",
        "purpose": "lunch",
        "amount": eur("10"),
        "on": _dt.date(2026, 1, 5),
    }
    fields[field] = value

    with pytest.raises(InvalidExpenseError, match=match):
        Expense(**fields)  # type: ignore[arg-type]


def test_a_negative_budget_is_refused_with_its_value() -> None:
    with pytest.raises(
        InvalidExpenseError,
        match=r"ExpenseBudget of 'anna': amount=Money\('-1', 'EUR'\)",
    ):
        ExpenseBudget("anna", Q1, Money("-1", "EUR"))


def test_a_policy_lists_every_fault_at_once() -> None:
    with pytest.raises(ExpensePolicyError) as caught:
        ExpensePolicy(
            "EUR",
            [
                ApprovalThreshold(eur("1000"), "director"),
                ApprovalThreshold(eur("250"), "manager"),
                ApprovalThreshold(Money("-1", "EUR"), "x"),
            ],
        )

    assert caught.value.faults == (
        "threshold 2: 250 EUR is not above the threshold before it (1000 EUR)",
        "threshold 3: -1 EUR is negative",
        "threshold 3: -1 EUR is not above the threshold before it (250 EUR)",
    )


def test_status_and_report_name_a_bad_argument() -> None:
    with pytest.raises(
        ArgumentTypeError, match=r"budget must be an ExpenseBudget.*'anna'"
    ):
        budget_status("anna", [])  # type: ignore[arg-type]
    with pytest.raises(
        ArgumentTypeError, match=r"expenses must be a collection of Expense.*'E-1'"
    ):
        budget_status(ExpenseBudget("anna", Q1, eur("1")), ["E-1"])  # type: ignore[list-item]
    with pytest.raises(ArgumentTypeError, match=r"period must be a Period.*'Q1'"):
        expense_report([], period="Q1", currency="EUR")  # type: ignore[arg-type]


def test_expenses_budgets_and_policies_round_trip_through_json() -> None:
    expense = _expense("E-1", Money("12.5", "USD"), 3).approve("maria")
    budget = ExpenseBudget("anna", Q1, eur("3000"))
    policy = ExpensePolicy.default("EUR")

    assert from_json(to_json(expense), Expense) == expense
    assert from_json(to_json(budget), ExpenseBudget) == budget
    assert from_json(to_json(policy), ExpensePolicy) == policy
