"""The error family of accountcore.

Every error the library raises is an :class:`AccountcoreError`, split in two
branches:

* :class:`DefinitionError`: something was *configured* wrongly (a pipeline, a
  plan, a scheme, a calendar). It is the integrator's bug and is raised when
  the definition is built, listing every fault at once.
* :class:`RuleViolation`: this *input* breaks a rule (a float amount, two
  currencies mixed, a move the pipeline forbids). It is the user's data.

Leaves are named in the domain's words and also subclass the builtin they are
(``ValueError``, ``TypeError``, ``KeyError``), so ``except ValueError`` keeps
working for callers who do not know accountcore. Each message is built in the
exception's constructor from the values, which are kept as attributes:

>>> from decimal import Decimal
>>> try:
...     raise CurrencyMismatchError("add", "10.00 EUR", "5.00 USD")
... except ValueError as error:
...     print(error)
...     print(error.left, error.right)
Cannot add 10.00 EUR and 5.00 USD: currencies differ (EUR, USD); convert one with Money.convert first.
10.00 EUR 5.00 USD
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from itertools import repeat
from typing import Any, TypeVar

_T = TypeVar("_T")

__all__ = [
    "AccountcoreError",
    "AmountOutOfBoundsError",
    "AmountTypeError",
    "ArgumentTypeError",
    "CurrencyMismatchError",
    "DefinitionError",
    "DivisionByZeroError",
    "ExtraUnavailableError",
    "InvalidAllocationError",
    "InvalidAmountError",
    "InvalidChoiceError",
    "InvalidLocaleError",
    "InvalidPeriodError",
    "MissingRateError",
    "NaiveDatetimeError",
    "PrecisionError",
    "RuleViolation",
    "StructureError",
    "UnknownCurrencyError",
    "UnknownKeyError",
    "check_choice",
    "check_items",
    "check_iterable",
    "check_type",
    # i18n
    "InvalidTemplateError",
    "MessageParameterError",
    "UnknownMessageError",
    "UntranslatedLocaleError",
]


# A value longer than this (as repr) is shown by its ends and its length.
_SHOWN = 80
# Ints wider than this many bits (about 3,900 digits) are shown by their digit
# count alone: their repr costs time quadratic in their size, and Python
# refuses it past 4,300 digits (sys.int_info.default_max_str_digits).
_SHOWN_INT_BITS = 13_000


def _short(value: object, limit: int = _SHOWN) -> str:
    """``repr(value)`` for a message, cut to its first and last characters
    and its length when longer than ``limit``: a 10 MB bad value is never
    copied whole into an error. A huge int is shown by its size alone (its
    repr is quadratic, and refused past 4,300 digits).

    >>> _short("12,50")
    "'12,50'"
    >>> _short("9" * 1_000_000)
    "'9999999999999999999999999999999999999999…99999999999999999999' (1000000 characters)"
    >>> _short(10**5000)
    'an int of about 5001 digits'
    """
    if isinstance(value, int) and value.bit_length() > _SHOWN_INT_BITS:
        # log10(2) digits a bit; exact counting would need the quadratic repr
        digits = int(value.bit_length() * 0.30103) + 1
        return f"an int of about {digits} digits"
    head = max(1, limit // 2)
    tail = max(1, limit // 4)
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        first, last = repr(value[:head]), repr(value[-tail:])
        return f"{first[:-1]}…{last[1:]} ({len(value)} characters)"
    try:
        text = repr(value)
    except Exception:  # a container of huge ints, a hostile __repr__
        return f"<{type(value).__name__} object>"
    if len(text) <= limit:
        return text
    return f"{text[:head]}…{text[-tail:]} ({len(text)} characters)"


def _rebuild(cls: type[AccountcoreError], message: str, state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    error.message = message
    return error


class AccountcoreError(Exception):
    """Root of every error accountcore raises.

    The message is fixed when the error is built; ``str(error)`` returns it
    (also for the ``KeyError`` leaves, whose builtin ``str`` would quote it).

    >>> issubclass(RuleViolation, AccountcoreError)
    True
    >>> str(AccountcoreError("plain message"))
    'plain message'
    """

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        state = {k: v for k, v in self.__dict__.items() if k != "message"}
        return (_rebuild, (type(self), self.message, state))


class DefinitionError(AccountcoreError, ValueError):
    """A definition (pipeline, plan, scheme, calendar…) is configured wrongly.

    ``faults`` lists every problem found, not just the first.

    >>> error = DefinitionError("Pipeline 'sales'", ["no won stage", "stage 'x' is unreachable"])
    >>> print(error)
    Pipeline 'sales' is invalid (2 faults):
      - no won stage
      - stage 'x' is unreachable
    >>> error.faults
    ('no won stage', "stage 'x' is unreachable")
    """

    subject: str
    faults: tuple[str, ...]

    def __init__(self, subject: str, faults: Iterable[str]) -> None:
        self.subject = subject
        self.faults = tuple(faults)
        count = len(self.faults)
        noun = "fault" if count == 1 else "faults"
        lines = "".join(f"\n  - {fault}" for fault in self.faults)
        super().__init__(f"{subject} is invalid ({count} {noun}):{lines}")


class RuleViolation(AccountcoreError):
    """An input breaks one of the library's rules.

    >>> issubclass(CurrencyMismatchError, RuleViolation)
    True
    """


class AmountTypeError(RuleViolation, TypeError):
    """An amount of a type money cannot be made from (``float``, ``bool``…).

    ``expected`` says what would be valid (by default a Decimal, an int or a
    str).

    >>> print(AmountTypeError("amount", 0.1))
    amount must be a Decimal, an int or a str, not float (0.1); a float cannot hold money exactly: write Decimal('0.1') or '0.1'.
    >>> print(AmountTypeError("units", "12", expected="an int"))
    units must be an int, not str ('12').
    """

    parameter: str
    value: object
    expected: str

    def __init__(
        self,
        parameter: str,
        value: object,
        expected: str = "a Decimal, an int or a str",
    ) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        kind = type(value).__name__
        hint = ""
        if isinstance(value, float) and "Decimal" in expected:
            hint = (
                f"; a float cannot hold money exactly: write Decimal('{value!r}') "
                f"or '{value!r}'"
            )
        elif isinstance(value, bool):
            hint = "; a bool is not a number here"
        super().__init__(
            f"{parameter} must be {expected}, not {kind} ({_short(value)}){hint}."
        )


class InvalidAmountError(RuleViolation, ValueError):
    """An amount that is not a finite number (NaN, infinity, bad text).

    A long value is shown by its ends and its length (see :func:`_short`).

    >>> print(InvalidAmountError("amount", "12,50"))
    amount must be a finite decimal number, got '12,50'.
    """

    parameter: str
    value: object

    def __init__(self, parameter: str, value: object, detail: str = "") -> None:
        self.parameter = parameter
        self.value = value
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"{parameter} must be a finite decimal number, got {_short(value)}{extra}."
        )


class AmountOutOfBoundsError(InvalidAmountError):
    """A number outside the bounds every amount, rate, weight and quantity
    must keep: at most 34 significant digits, below 10^20 in size, no digit
    finer than 10^-60 (see docs/money.md, "Bounds"). ``reason`` says which
    bound it breaks.

    >>> print(AmountOutOfBoundsError("amount", "1e999999", "it is of the order of 10^999999"))
    amount '1e999999' is out of bounds: it is of the order of 10^999999; numbers must be below 10^20 in size, with at most 34 significant digits and no digit finer than 10^-60.
    """

    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        RuleViolation.__init__(
            self,
            f"{parameter} {_short(value)} is out of bounds: {reason}; numbers "
            "must be below 10^20 in size, with at most 34 significant digits and "
            "no digit finer than 10^-60.",
        )


class UnknownCurrencyError(RuleViolation, ValueError):
    """A currency code that is not ISO 4217 (nor registered by the user).

    ``suggestion`` is the valid spelling of the code when the caller knows
    one (``'EUR'`` for ``'eur'``); without it the message gives real codes
    as examples, never the bad code itself.

    >>> print(UnknownCurrencyError("XYZ"))
    Unknown currency 'XYZ': expected an ISO 4217 code such as 'EUR', 'USD' or 'JPY'; register other codes with register_currency().
    >>> print(UnknownCurrencyError("eur", suggestion="EUR"))
    Unknown currency 'eur': expected an ISO 4217 code such as 'EUR'; register other codes with register_currency().
    """

    code: object
    suggestion: str | None

    def __init__(self, code: object, suggestion: str | None = None) -> None:
        self.code = code
        self.suggestion = suggestion
        examples = repr(suggestion) if suggestion else "'EUR', 'USD' or 'JPY'"
        super().__init__(
            f"Unknown currency {_short(code)}: expected an ISO 4217 code such "
            f"as {examples}; register other codes with register_currency()."
        )


class CurrencyMismatchError(RuleViolation, ValueError):
    """Two amounts in different currencies were combined without an exchange.

    >>> print(CurrencyMismatchError("compare", "1.00 EUR", "1.00 USD"))
    Cannot compare 1.00 EUR and 1.00 USD: currencies differ (EUR, USD); convert one with Money.convert first.
    """

    operation: str
    left: object
    right: object

    def __init__(self, operation: str, left: object, right: object) -> None:
        self.operation = operation
        self.left = left
        self.right = right
        codes = ", ".join(
            str(getattr(side, "currency", str(side).rsplit(" ", 1)[-1]))
            for side in (left, right)
        )
        super().__init__(
            f"Cannot {operation} {left} and {right}: currencies differ "
            f"({codes}); convert one with Money.convert first."
        )


class InvalidAllocationError(RuleViolation, ValueError):
    """Weights an amount cannot be allocated by.

    >>> print(InvalidAllocationError([0, 0], "at least one weight must be positive"))
    Cannot allocate by weights [0, 0]: at least one weight must be positive.
    """

    weights: object
    reason: str

    def __init__(self, weights: object, reason: str) -> None:
        self.weights = weights
        self.reason = reason
        super().__init__(f"Cannot allocate by weights {_short(weights)}: {reason}.")


class MissingRateError(RuleViolation, KeyError):
    """No exchange rate is known for a pair on a date.

    >>> import datetime
    >>> print(MissingRateError("EUR", "JPY", datetime.date(2026, 1, 5)))
    No exchange rate EUR->JPY on or before 2026-01-05.
    """

    base: str
    quote: str
    on: object

    def __init__(self, base: str, quote: str, on: object, detail: str = "") -> None:
        self.base = base
        self.quote = quote
        self.on = on
        extra = f" ({detail})" if detail else ""
        super().__init__(f"No exchange rate {base}->{quote} on or before {on}{extra}.")


class NaiveDatetimeError(RuleViolation, ValueError):
    """A datetime without a timezone where an instant is needed.

    >>> import datetime
    >>> print(NaiveDatetimeError("at", datetime.datetime(2026, 1, 5, 9, 30)))
    at must be a timezone-aware datetime, got naive 2026-01-05T09:30:00; attach a timezone, e.g. pendulum.datetime(..., tz='Europe/Tallinn').
    """

    parameter: str
    value: object

    def __init__(self, parameter: str, value: object) -> None:
        self.parameter = parameter
        self.value = value
        shown = value.isoformat() if hasattr(value, "isoformat") else repr(value)
        super().__init__(
            f"{parameter} must be a timezone-aware datetime, got naive {shown}; "
            "attach a timezone, e.g. pendulum.datetime(..., tz='Europe/Tallinn')."
        )


class InvalidPeriodError(RuleViolation, ValueError):
    """A period, a date or a calendar argument that breaks the rules of time.

    >>> print(InvalidPeriodError("quarter", 5, "a quarter is 1 to 4"))
    quarter=5 is invalid: a quarter is 1 to 4.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid: {reason}.")


class StructureError(RuleViolation, ValueError):
    """Data that does not structure into a domain type; lists every bad field.

    >>> print(StructureError("Money", ["$.amount: invalid value for type Decimal"]))
    Cannot structure Money (1 bad field):
      - $.amount: invalid value for type Decimal
    """

    target: str
    errors: tuple[str, ...]

    def __init__(self, target: str, errors: Iterable[str]) -> None:
        self.target = target
        self.errors = tuple(errors)
        count = len(self.errors)
        noun = "field" if count == 1 else "fields"
        lines = "".join(f"\n  - {err}" for err in self.errors)
        super().__init__(f"Cannot structure {target} ({count} bad {noun}):{lines}")


# --- i18n ---


class InvalidLocaleError(RuleViolation, ValueError):
    """A locale identifier babel does not know.

    >>> print(InvalidLocaleError("xx_XX"))
    Unknown locale 'xx_XX': expected a locale babel knows, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    """

    locale: object

    def __init__(self, locale: object) -> None:
        self.locale = locale
        super().__init__(
            f"Unknown locale {locale!r}: expected a locale babel knows, such as "
            "'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'."
        )


class UntranslatedLocaleError(RuleViolation, ValueError):
    """A locale babel knows but whose language has no catalog, where the text
    must be in the reader's language (the demo: its story is all words, so
    English with German numbers would not read true).

    >>> print(UntranslatedLocaleError("de_DE", ("en", "et")))
    No catalog for the language of 'de_DE': expected a locale in en or et, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    """

    locale: object
    languages: tuple[str, ...]

    def __init__(self, locale: object, languages: Iterable[str]) -> None:
        self.locale = locale
        self.languages = tuple(languages)
        names = self.languages
        listed = (
            ", ".join(names[:-1]) + f" or {names[-1]}"
            if len(names) > 1
            else "".join(names)
        )
        super().__init__(
            f"No catalog for the language of {_short(locale)}: expected a locale in "
            f"{listed}, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'."
        )


class UnknownMessageError(RuleViolation, KeyError):
    """A message id that is not in the English catalog.

    >>> print(UnknownMessageError("analytics.nope"))
    No message 'analytics.nope' in the accountcore catalogs; add it to locale/en/LC_MESSAGES/accountcore.po and to every other language (see docs/i18n.md).
    """

    message_id: object

    def __init__(self, message_id: object) -> None:
        self.message_id = message_id
        super().__init__(
            f"No message {message_id!r} in the accountcore catalogs; add it to "
            "locale/en/LC_MESSAGES/accountcore.po and to every other language "
            "(see docs/i18n.md)."
        )


class MessageParameterError(RuleViolation, ValueError):
    """A message given the wrong parameters (missing, unexpected or unusable).

    >>> print(MessageParameterError("common.days", frozenset({"count"}), ["count"], ["days"]))
    Message 'common.days' takes {count}: missing count; unexpected days.
    """

    message_id: str
    expected: tuple[str, ...]
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    detail: str

    def __init__(
        self,
        message_id: str,
        expected: Iterable[str],
        missing: Iterable[str] = (),
        unexpected: Iterable[str] = (),
        *,
        detail: str = "",
    ) -> None:
        self.message_id = message_id
        self.expected = tuple(sorted(expected))
        self.missing = tuple(missing)
        self.unexpected = tuple(unexpected)
        self.detail = detail
        takes = ", ".join(f"{{{name}}}" for name in self.expected) or "no parameters"
        faults = []
        if self.missing:
            faults.append(f"missing {', '.join(self.missing)}")
        if self.unexpected:
            faults.append(f"unexpected {', '.join(self.unexpected)}")
        if detail:
            faults.append(detail)
        super().__init__(f"Message {message_id!r} takes {takes}: {'; '.join(faults)}.")


class InvalidTemplateError(RuleViolation, ValueError):
    """A message template (a catalog entry or a stored English template) that
    uses more than named placeholders: an attribute or index lookup, a
    conversion, a format spec, a positional field or an unbalanced brace.
    The template is shown shortened when long.

    >>> print(InvalidTemplateError("message 'common.days' (et)", "{count.real} days", "{count.real} is not a plain name"))
    Template of message 'common.days' (et) is refused: {count.real} is not a plain name, in '{count.real} days'; a template may use only named placeholders such as {count} (letters, digits and underscores; no attribute, index, conversion or format spec) and {{ }} for a literal brace.
    """

    source: str
    template: str
    fault: str

    def __init__(self, source: str, template: str, fault: str) -> None:
        self.source = source
        self.template = template
        self.fault = fault
        shown = template if len(template) <= 80 else template[:77] + "..."
        super().__init__(
            f"Template of {source} is refused: {fault}, in {shown!r}; a template "
            "may use only named placeholders such as {count} (letters, digits and "
            "underscores; no attribute, index, conversion or format spec) and "
            "{{ }} for a literal brace."
        )


# --- analytics ---


# --- clients and pipeline ---


# --- money ---------------------------------------------------------------------


class PrecisionError(RuleViolation, ArithmeticError):
    """An amount too long to round within the caller's decimal precision.

    Arithmetic and rounding run in the caller's :mod:`decimal` context (28
    significant digits unless widened); a rounded amount that needs more
    digits is refused rather than silently cut.

    >>> from decimal import Decimal
    >>> print(PrecisionError(Decimal("1E+30"), "EUR", 2, 28))
    Cannot round 1E+30 EUR to 2 decimals: the result needs 33 significant digits and the decimal context holds 28; widen it with decimal.localcontext(prec=33).
    """

    amount: object
    currency: str
    places: int
    precision: int

    def __init__(
        self, amount: object, currency: str, places: int, precision: int
    ) -> None:
        self.amount = amount
        self.currency = currency
        self.places = places
        self.precision = precision
        adjusted = getattr(amount, "adjusted", None)
        needed = (adjusted() + 1 + places) if callable(adjusted) else precision + 1
        super().__init__(
            f"Cannot round {amount} {currency} to {places} decimals: the result "
            f"needs {needed} significant digits and the decimal context holds "
            f"{precision}; widen it with decimal.localcontext(prec={needed})."
        )


class DivisionByZeroError(RuleViolation, ZeroDivisionError):
    """An amount divided by zero (a number or a zero amount).

    >>> print(DivisionByZeroError("5.00 EUR", "0 EUR"))
    Cannot divide 5.00 EUR by zero (0 EUR).
    """

    dividend: object
    divisor: object

    def __init__(self, dividend: object, divisor: object) -> None:
        self.dividend = dividend
        self.divisor = divisor
        super().__init__(f"Cannot divide {dividend} by zero ({divisor}).")


# --- reliability ---


# --- quotas and commissions ---------------------------------------------------


# --- discounts ---


# --- storage ---


# --- reports ---


# --- arguments and registries ------------------------------------------------


class ArgumentTypeError(RuleViolation, TypeError):
    """An argument of a type the call cannot use (``None`` for a period, a
    set for a calendar, a str for a client…).

    ``expected`` says what would be valid; the value is shown shortened.

    >>> print(ArgumentTypeError("period", None, "a Period"))
    period must be a Period, not NoneType (None).
    >>> print(ArgumentTypeError("note", "x" * 200, "an int"))  # doctest: +ELLIPSIS
    note must be an int, not str ('xxx...xxx' (200 characters)).
    """

    parameter: str
    value: object
    expected: str

    def __init__(self, parameter: str, value: object, expected: str) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        super().__init__(
            f"{parameter} must be {expected}, not {type(value).__name__} "
            f"({_short(value)})."
        )


class ExtraUnavailableError(RuleViolation, ImportError):
    """A call needs an optional package (an extra) that is not installed:
    ``to_frame()`` needs polars (``accountcore[frames]``).

    >>> print(ExtraUnavailableError("polars", "frames", "CommissionStatement.to_frame"))
    CommissionStatement.to_frame needs 'polars', which is not installed: pip install 'accountcore[frames]'.
    """

    package: str
    extra: str
    needed_by: str

    def __init__(self, package: str, extra: str, needed_by: str) -> None:
        self.package = package
        self.extra = extra
        self.needed_by = needed_by
        super().__init__(
            f"{needed_by} needs {package!r}, which is not installed: "
            f"pip install 'accountcore[{extra}]'."
        )


class UnknownKeyError(RuleViolation, KeyError):
    """A key a registry or a lookup table does not hold (a factor kind, a
    component kind, a refusal code, a forecast category…); names the key and
    the known ones.

    >>> print(UnknownKeyError("factor kind", "x", ["payment", "stability"]))
    Unknown factor kind 'x': expected one of 'payment', 'stability'.
    >>> print(UnknownKeyError("component kind", "mine", [], hint="register it with @register_component"))
    Unknown component kind 'mine': none are known; register it with @register_component.
    """

    what: str
    key: object
    known: tuple[str, ...]

    def __init__(
        self, what: str, key: object, known: Iterable[object], *, hint: str = ""
    ) -> None:
        self.what = what
        self.key = key
        self.known = tuple(sorted(str(k) for k in known))
        listed = (
            f"expected one of {_some(self.known)}" if self.known else "none are known"
        )
        extra = f"; {hint}" if hint else ""
        super().__init__(f"Unknown {what} {_short(key)}: {listed}{extra}.")


def _some(known: tuple[str, ...], limit: int = 20) -> str:
    """The known keys, quoted; a long list is cut after ``limit``."""
    shown = ", ".join(_short(k, 40) for k in known[:limit])
    more = len(known) - limit
    return f"{shown} and {more} more" if more > 0 else shown


class InvalidChoiceError(RuleViolation, ValueError):
    """A value that is not one of a fixed set of choices (an enum's values:
    a measure, a clawback mode, a client tier…).

    >>> print(InvalidChoiceError("measure", "profit", ["revenue", "gross_margin"]))
    measure='profit' is not a valid choice: expected one of 'gross_margin', 'revenue'.
    """

    parameter: str
    value: object
    choices: tuple[str, ...]

    def __init__(
        self, parameter: str, value: object, choices: Iterable[object]
    ) -> None:
        self.parameter = parameter
        self.value = value
        self.choices = tuple(sorted(str(c) for c in choices))
        super().__init__(
            f"{parameter}={_short(value)} is not a valid choice: expected one of "
            f"{_some(self.choices)}."
        )


_E = TypeVar("_E", bound=enum.Enum)


def check_choice(parameter: str, value: object, kind: type[_E]) -> _E:
    """``kind(value)``: a member of the enum ``kind`` or its value, else an
    :class:`InvalidChoiceError` listing the valid values.

    >>> import enum
    >>> class Mode(enum.Enum):
    ...     FULL = "full"
    ...     LINEAR = "linear"
    >>> check_choice("clawback", "linear", Mode)
    <Mode.LINEAR: 'linear'>
    >>> check_choice("clawback", None, Mode)
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidChoiceError: clawback=None is not a valid choice: expected one of 'full', 'linear'.
    """
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (ValueError, TypeError):
        raise InvalidChoiceError(
            parameter, value, [member.value for member in kind]
        ) from None


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _article(name: str) -> str:
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def check_type(
    parameter: str,
    value: object,
    kind: type[_T] | tuple[type[_T], ...],
    expected: str = "",
) -> _T:
    """``value`` if it is a ``kind`` (a bool is not an int here), else an
    :class:`ArgumentTypeError` naming ``parameter`` and what would be valid.

    The one place the library checks an argument's type at a public call,
    so that a wrong type is the library's error, never an ``AttributeError``
    from inside it.

    >>> check_type("days", 3, int)
    3
    >>> check_type("days", True, int)
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: days must be an int, not bool (True).
    >>> check_type("owner", None, str, "an owner id (a str)")
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: owner must be an owner id (a str), not NoneType (None).
    """
    kinds = _kinds(kind)
    if isinstance(value, kinds) and not (
        isinstance(value, bool) and bool not in kinds and int in kinds
    ):
        return value  # type: ignore[return-value]
    if not expected:
        expected = " or ".join(_article(k.__name__) for k in kinds)
    raise ArgumentTypeError(parameter, value, expected)


def check_iterable(parameter: str, values: object) -> tuple[Any, ...]:
    """The items of the iterable ``values`` as a tuple (their types are the
    caller's to check), else an :class:`ArgumentTypeError`; a str or bytes is
    not taken as an iterable of items.

    >>> check_iterable("rules", None)
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: rules must be an iterable (a list or a tuple), not NoneType (None).
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ArgumentTypeError(parameter, values, "an iterable (a list or a tuple)")
    return tuple(values)


def check_items(
    parameter: str,
    values: object,
    kind: type[_T] | tuple[type[_T], ...],
    expected: str = "",
) -> tuple[_T, ...]:
    """The items of the iterable ``values`` as a tuple, each checked with
    :func:`check_type` and named by its position (``clients[2]``).

    A str or bytes is not taken as an iterable of items.

    >>> check_items("days", [1, 2], int)
    (1, 2)
    >>> check_items("days", [1, None], int)
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: days[1] must be an int, not NoneType (None).
    >>> check_items("days", 7, int)
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: days must be an iterable of int, not int (7).
    """
    kinds = _kinds(kind)
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        names = " or ".join(k.__name__ for k in kinds)
        raise ArgumentTypeError(parameter, values, f"an iterable of {names}")
    items = tuple(values)
    if int not in kinds and all(map(isinstance, items, repeat(kinds))):
        return items  # the common case, checked in C (a million credits)
    for n, value in enumerate(items):
        if not isinstance(value, kinds) or isinstance(value, bool):
            check_type(f"{parameter}[{n}]", value, kind, expected)
    return items


# --- deprecated homes (one release) ----------------------------------------

_MOVED = {
    "AnalyticsInputError": "accountcore.analytics.errors",
    "NotInAnalysisError": "accountcore.analytics.errors",
    "ClientLifecycleError": "accountcore.clients.errors",
    "ClientCollectionError": "accountcore.clients.errors",
    "PipelineDefinitionError": "accountcore.pipeline.errors",
    "TransitionError": "accountcore.pipeline.errors",
    "DealChangeError": "accountcore.pipeline.errors",
    "HistoryEventError": "accountcore.pipeline.errors",
    "UnknownRequirementError": "accountcore.pipeline.errors",
    "UnknownStageError": "accountcore.pipeline.errors",
    "InvalidProfileError": "accountcore.reliability.errors",
    "ScoreComparisonError": "accountcore.reliability.errors",
    "QuotaDefinitionError": "accountcore.quotas.errors",
    "QuotaPeriodError": "accountcore.quotas.errors",
    "PlanDefinitionError": "accountcore.commissions.errors",
    "MissingQuotaError": "accountcore.commissions.errors",
    "LedgerMismatchError": "accountcore.commissions.errors",
    "CreditedToDateError": "accountcore.commissions.errors",
    "LedgerMissingError": "accountcore.commissions.errors",
    "YearToDateCreditsError": "accountcore.commissions.errors",
    "ClawbackError": "accountcore.commissions.errors",
    "SchemeDefinitionError": "accountcore.discounts.errors",
    "ClientFactsError": "accountcore.discounts.errors",
    "QuoteLineError": "accountcore.discounts.errors",
    "NotFoundError": "accountcore.storage.errors",
    "DuplicateError": "accountcore.storage.errors",
    "ConcurrencyError": "accountcore.storage.errors",
    "StoreBusyError": "accountcore.storage.errors",
    "CorruptDocumentError": "accountcore.storage.errors",
    "InvalidQueryError": "accountcore.storage.errors",
    "SchemaVersionError": "accountcore.storage.errors",
    "ReportInputError": "accountcore.reports.errors",
}


def __getattr__(name: str) -> Any:
    """The errors that moved to their domain's package still resolve here
    for one release, with a ``DeprecationWarning`` naming the new home."""
    home = _MOVED.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    import warnings

    warnings.warn(
        f"accountcore.errors.{name} moved to {home}.{name}; "
        "import it from there (the old home goes in the next release)",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(home), name)
