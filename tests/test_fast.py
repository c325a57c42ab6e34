"""The one bypass of attrs' ``__init__`` (``accountcore._fast``): a value
built around ``__init__`` is the very value ``__init__`` builds from the
same, already checked, fields."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from accountcore._fast import builder, setters
from accountcore.commissions import LineKind
from accountcore.commissions.statement import StatementLine
from accountcore.discounts import Scope
from accountcore.discounts.quote import AppliedRule
from accountcore.discounts.reasons import Reason
from accountcore.i18n import Message
from accountcore.money import Money, _make
from accountcore.pipeline import Deal
from accountcore.testing.i18n import messages
from accountcore.testing.money import money
from accountcore.testing.pipeline import deals


def _fields(value: Any) -> tuple[Any, ...]:
    return tuple(getattr(value, f.name) for f in attrs.fields(type(value)) if f.init)


def _rebuilt(value: Any) -> Any:
    return builder(type(value))(*_fields(value))


def _same(built: Any, made: Any) -> None:
    assert type(built) is type(made)
    assert built == made
    assert repr(built) == repr(made)
    for field in attrs.fields(type(made)):
        assert getattr(built, field.name) is getattr(made, field.name), field.name


@given(money())
def test_money_built_around_init_is_the_money_init_builds(made: Money) -> None:
    _same(_make(made.amount, made.currency), made)


@given(deals())
def test_a_deal_built_around_init_is_the_deal_init_builds(made: Deal) -> None:
    _same(_rebuilt(made), made)


@given(messages())
def test_a_message_built_around_init_is_the_message_init_builds(made: Message) -> None:
    _same(_rebuilt(made), made)


@given(
    st.sampled_from(["tier", "product", "my_own_code"]),
    st.dictionaries(st.sampled_from(["tier", "tiers", "product"]), st.text(max_size=5)),
)
def test_a_discount_reason_built_around_init_is_the_reason_init_builds(
    code: str, params: dict[str, str]
) -> None:
    made = Reason(code, params)

    _same(_rebuilt(made), made)


@given(money(), st.sampled_from(list(LineKind)), st.sampled_from(list(Scope)))
def test_statement_lines_and_applied_rules_built_around_init_are_those_init_builds(
    amount: Money, kind: LineKind, scope: Scope
) -> None:
    line = StatementLine("flat", kind, "5% of the credits", amount)
    applied = AppliedRule("bulk", scope, amount, amount.amount)

    _same(_rebuilt(line), line)
    _same(_rebuilt(applied), applied)


def test_setters_are_the_slots_of_the_init_fields_in_order() -> None:
    money = object.__new__(Money)
    set_amount, set_currency = setters(Money)

    set_amount(money, Money("1.50", "EUR").amount)
    set_currency(money, "EUR")

    assert money == Money("1.50", "EUR")
