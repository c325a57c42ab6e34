"""What is known of a client: :class:`ClientProfile` and its parts.

Every part is optional: a prospect may be known only by its founding date, an
old client by years of payment records. Amounts are :class:`Money` in the
profile's one currency; a value that cannot be true (negative total assets, a
payment before its invoice, another currency) raises
:class:`~accountcore.reliability.errors.InvalidProfileError` naming the value.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> profile = ClientProfile(
...     currency="EUR",
...     founded=dt.date(2015, 3, 1),
...     payments=[
...         PaymentRecord(Money("1000", "EUR"), dt.date(2026, 1, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 5)),
...     ],
...     warning_signs=[WarningSign.TAX_ARREARS],
... )
>>> profile.payments[0].days_beyond_terms(dt.date(2026, 6, 1))
5
>>> ClientProfile(currency="EUR", collateral=Money("5", "USD"))
Traceback (most recent call last):
...
accountcore.reliability.errors.InvalidProfileError: collateral=5 USD is invalid: its currency USD differs from the profile's currency EUR.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from accountcore.money import Money, minor_units
from accountcore.periods import as_date
from accountcore.reliability.errors import InvalidProfileError

__all__ = [
    "ClientProfile",
    "FinancialStatements",
    "PaymentRecord",
    "WarningSign",
]


class WarningSign(enum.Enum):
    """A warning sign of a problem client, as the account manager records it.

    >>> WarningSign("tax_arrears")
    <WarningSign.TAX_ARREARS: 'tax_arrears'>
    """

    DOCUMENTS_WITHHELD = "documents_withheld"
    """Reluctant to provide documents (statements, registry extracts…)."""
    FREQUENT_DETAIL_CHANGES = "frequent_detail_changes"
    """Frequent changes of legal details (name, address, bank) or contacts."""
    LONG_DEFERRAL_PRESSURE = "long_deferral_pressure"
    """Presses for an unusually long payment deferral."""
    PREPAYMENT_REFUSED = "prepayment_refused"
    """Refuses any prepayment."""
    NEGATIVE_REPUTATION = "negative_reputation"
    """Negative reputation in the market."""
    LITIGATION = "litigation"
    """Pending litigation against the client."""
    TAX_ARREARS = "tax_arrears"
    """Tax arrears on public record."""
    INSOLVENCY_PROCEEDINGS = "insolvency_proceedings"
    """Insolvency or bankruptcy proceedings: a knock-out (band E)."""
    LARGE_FIRST_ORDER = "large_first_order"
    """A new company placing an unusually large first order."""


def _signs(values: Iterable[WarningSign] | None) -> tuple[WarningSign, ...] | None:
    """The signs found, deduplicated and sorted; ``None`` (not checked) kept."""
    if values is None:
        return None
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidProfileError(
            "warning_signs",
            repr(values),
            "expected WarningSign members, an empty list (checked, none found) "
            "or None (not checked)",
        )
    signs = set()
    for sign in values:
        if not isinstance(sign, WarningSign):
            raise InvalidProfileError(
                "warning_signs", repr(sign), "expected WarningSign members"
            )
        signs.add(sign)
    return tuple(sorted(signs, key=lambda s: s.value))


def _payment_key(
    record: PaymentRecord,
) -> tuple[_dt.date, _dt.date, bool, _dt.date, object, str]:
    paid = record.paid
    return (
        record.issued,
        record.due,
        paid is None,
        paid or record.issued,
        record.amount.amount,
        record.invoice or "",
    )


def _payments(values: Iterable[PaymentRecord] | None) -> tuple[PaymentRecord, ...]:
    """The records, sorted; ``None`` is no record known (as an empty list:
    fewer invoices than the payment factor needs are missing data either way)."""
    if values is None:
        return ()
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidProfileError(
            "payments", repr(values), "expected PaymentRecords (a list) or None"
        )
    records = tuple(values)
    for position, record in enumerate(records):
        if not isinstance(record, PaymentRecord):
            raise InvalidProfileError(
                f"payments[{position}]", repr(record), "expected a PaymentRecord"
            )
    return tuple(sorted(records, key=_payment_key))


def _money(parameter: str, value: object, *, non_negative: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, Money):
        raise InvalidProfileError(parameter, repr(value), "expected Money or None")
    if non_negative and value.amount < 0:
        raise InvalidProfileError(parameter, value, "it cannot be negative")


@attrs.frozen
class PaymentRecord:
    """One invoice and how it was paid: ``paid`` is ``None`` while it is open.

    ``issued`` is the invoice date, ``due`` the end of the agreed terms.
    Days beyond terms are counted from ``due`` to the payment (negative when
    paid early); an open invoice past due counts as late up to the scoring
    date.

    >>> import datetime as dt
    >>> record = PaymentRecord(Money("500", "EUR"), dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    >>> record.days_beyond_terms(dt.date(2026, 4, 10)), record.days_beyond_terms(dt.date(2026, 3, 20))
    (10, None)
    >>> PaymentRecord(Money("500", "EUR"), dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 2, 28))
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.InvalidProfileError: paid=2026-02-28 is invalid: the payment cannot be before its invoice date issued=2026-03-01.
    >>> PaymentRecord(Money("500", "EUR"), dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 2, 28), invoice="INV-7")
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.InvalidProfileError: paid=2026-02-28 is invalid: the payment of invoice 'INV-7' cannot be before its invoice date issued=2026-03-01.
    """

    amount: Money
    issued: _dt.date
    due: _dt.date
    paid: _dt.date | None = None
    invoice: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.amount, Money):
            raise InvalidProfileError("amount", repr(self.amount), "expected Money")
        if self.amount.amount <= 0:
            raise InvalidProfileError(
                "amount", self.amount, "an invoice amount must be positive"
            )
        if self.invoice is not None and type(self.invoice) is not str:
            raise InvalidProfileError(
                "invoice", repr(self.invoice), "expected an invoice id (a str) or None"
            )
        as_date(self.issued, "issued")
        as_date(self.due, "due")
        of = "" if self.invoice is None else f" of invoice {self.invoice!r}"
        if self.due < self.issued:
            raise InvalidProfileError(
                "due",
                self.due,
                f"the due date{of} cannot be before its invoice date "
                f"issued={self.issued}",
            )
        if self.paid is not None:
            as_date(self.paid, "paid")
            if self.paid < self.issued:
                raise InvalidProfileError(
                    "paid",
                    self.paid,
                    f"the payment{of} cannot be before its invoice date "
                    f"issued={self.issued}",
                )

    def days_beyond_terms(self, on: _dt.date) -> int | None:
        """Days beyond terms as known on ``on``, or ``None`` if it tells nothing.

        ``None`` when the invoice was issued after ``on``, or is open (as of
        ``on``) and not yet due. A payment after ``on`` is not yet known: the
        invoice counts as open.
        """
        if self.issued > on:
            return None
        paid = self.paid
        if paid is not None and paid <= on:
            return (paid - self.due).days
        if on > self.due:
            return (on - self.due).days
        return None


@attrs.frozen
class FinancialStatements:
    """Figures from the client's latest financial statements; each optional.

    Totals that cannot be negative (assets, liabilities, sales) are checked;
    retained earnings, EBIT, book equity and tangible net worth may be
    negative. Current assets cannot exceed total assets, nor current
    liabilities total liabilities.

    >>> eur = lambda amount: Money(amount, "EUR")
    >>> FinancialStatements(total_assets=eur("1000"), current_assets=eur("400")).working_capital is None
    True
    >>> FinancialStatements(total_assets=eur("-1"))
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.InvalidProfileError: financials.total_assets=-1 EUR is invalid: it cannot be negative.
    """

    current_assets: Money | None = None
    current_liabilities: Money | None = None
    total_assets: Money | None = None
    total_liabilities: Money | None = None
    retained_earnings: Money | None = None
    ebit: Money | None = None
    book_equity: Money | None = None
    sales: Money | None = None
    tangible_net_worth: Money | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("current_assets", "current_liabilities", "total_assets"):
            _money(f"financials.{name}", getattr(self, name), non_negative=True)
        for name in ("total_liabilities", "sales"):
            _money(f"financials.{name}", getattr(self, name), non_negative=True)
        for name in (
            "retained_earnings",
            "ebit",
            "book_equity",
            "tangible_net_worth",
        ):
            _money(f"financials.{name}", getattr(self, name))
        pairs = (
            ("current_assets", "total_assets"),
            ("current_liabilities", "total_liabilities"),
        )
        for part, whole in pairs:
            small, big = getattr(self, part), getattr(self, whole)
            if (
                small is not None
                and big is not None
                and small.currency == big.currency
                and small.amount > big.amount
            ):
                raise InvalidProfileError(
                    f"financials.{part}",
                    small,
                    f"it cannot exceed {whole}={big}",
                )

    @property
    def working_capital(self) -> Money | None:
        """Current assets less current liabilities, when both are known."""
        if self.current_assets is None or self.current_liabilities is None:
            return None
        return self.current_assets - self.current_liabilities

    def amounts(self) -> tuple[tuple[str, Money], ...]:
        """The known figures as ``(name, amount)`` pairs, in field order."""
        return tuple(
            (field.name, value)
            for field in attrs.fields(FinancialStatements)
            if (value := getattr(self, field.name)) is not None
        )


@attrs.frozen
class ClientProfile:
    """Everything known of one client for scoring; every part is optional.

    ``currency`` is the one currency of every amount in the profile (mixed
    currencies raise, naming both). ``manufacturing`` picks Altman's Z'
    instead of Z''. ``open_receivables`` and ``unbilled_orders`` make the
    current exposure. Payment records are kept sorted and warning signs
    deduplicated and sorted, so the order they are given in never matters.

    ``warning_signs`` is ``None`` (the default) when nobody checked: the
    warning-signs factor is missing data, scored neutral. An empty list says
    the client was checked and none was found.

    >>> profile = ClientProfile(currency="EUR", employees=12, open_receivables=Money("800", "EUR"))
    >>> profile.exposure
    Money('800', 'EUR')
    >>> profile.warning_signs is None, ClientProfile("EUR", warning_signs=[]).warning_signs
    (True, ())
    >>> ClientProfile(currency="EUR", employees=-3)
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.InvalidProfileError: employees=-3 is invalid: a head count cannot be negative.
    """

    currency: str
    client_id: str | None = None
    founded: _dt.date | None = None
    employees: int | None = None
    annual_revenue: Money | None = None
    manufacturing: bool = False
    financials: FinancialStatements | None = None
    payments: tuple[PaymentRecord, ...] = attrs.field(default=(), converter=_payments)
    open_receivables: Money | None = None
    unbilled_orders: Money | None = None
    collateral: Money | None = None
    warning_signs: tuple[WarningSign, ...] | None = attrs.field(
        default=None, converter=_signs
    )

    def __attrs_post_init__(self) -> None:
        minor_units(self.currency)
        if self.founded is not None:
            as_date(self.founded, "founded")
        if self.employees is not None and (
            type(self.employees) is not int or self.employees < 0
        ):
            reason = (
                "a head count cannot be negative"
                if type(self.employees) is int
                else "expected an int"
            )
            raise InvalidProfileError("employees", self.employees, reason)
        for name in ("annual_revenue", "open_receivables", "unbilled_orders"):
            _money(name, getattr(self, name), non_negative=True)
        _money("collateral", self.collateral, non_negative=True)
        if self.financials is not None and not isinstance(
            self.financials, FinancialStatements
        ):
            raise InvalidProfileError(
                "financials", repr(self.financials), "expected FinancialStatements"
            )
        for parameter, amount in self._amounts():
            if amount.currency != self.currency:
                raise InvalidProfileError(
                    parameter,
                    amount,
                    f"its currency {amount.currency} differs from the profile's "
                    f"currency {self.currency}",
                )

    def _amounts(self) -> list[tuple[str, Money]]:
        found: list[tuple[str, Money]] = []
        for name in (
            "annual_revenue",
            "open_receivables",
            "unbilled_orders",
            "collateral",
        ):
            value = getattr(self, name)
            if value is not None:
                found.append((name, value))
        if self.financials is not None:
            found.extend(
                (f"financials.{name}", value)
                for name, value in self.financials.amounts()
            )
        found.extend(
            (f"payments[{i}].amount", record.amount)
            for i, record in enumerate(self.payments)
        )
        return found

    @property
    def exposure(self) -> Money | None:
        """Open receivables plus unbilled orders (the known parts), or ``None``."""
        parts = [
            part
            for part in (self.open_receivables, self.unbilled_orders)
            if part is not None
        ]
        if not parts:
            return None
        return sum(parts, Money.zero(self.currency))
