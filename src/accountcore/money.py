"""Exact money: :class:`Money`, currencies and exchange rates.

An amount is a :class:`~decimal.Decimal` with an ISO 4217 currency. Full
precision is kept through arithmetic; rounding happens only where the caller
asks for it (:meth:`Money.rounded`, :meth:`Money.allocate`), to the
currency's ISO 4217 minor unit.

>>> price = Money("19.99", "EUR")
>>> price * 3
Money('59.97', 'EUR')
>>> (Money("100", "EUR") / 3).rounded()
Money('33.33', 'EUR')
>>> Money("100.00", "EUR").allocate([1, 1, 1])
(Money('33.34', 'EUR'), Money('33.33', 'EUR'), Money('33.33', 'EUR'))

Minor units follow ISO 4217 (the accounting standard), not CLDR display
digits: the Iraqi dinar has 3 decimals in ISO and 0 in CLDR.

>>> minor_units("IQD"), minor_units("JPY"), minor_units("BHD")
(3, 0, 3)
"""

from __future__ import annotations

import bisect
import datetime as _dt
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Clamped,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    Rounded,
    getcontext,
)
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Protocol, overload, runtime_checkable

import attrs
from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, get_currency_precision

from accountcore._fast import builder, setters
from accountcore.errors import (
    AmountOutOfBoundsError,
    AmountTypeError,
    CurrencyMismatchError,
    DefinitionError,
    DivisionByZeroError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidLocaleError,
    MissingRateError,
    PrecisionError,
    UnknownCurrencyError,
    _short,
    check_iterable,
)
from accountcore.periods import as_date

__all__ = [
    "CURRENCIES",
    "ExchangeRate",
    "ExchangeRates",
    "FixedRates",
    "Money",
    "minor_units",
    "register_currency",
    "to_decimal",
]

# ISO 4217 active codes with their minor units (List One, 2025 amendments),
# plus a few codes withdrawn recently that still appear in ledgers (HRK, SLL,
# ZWL, ANG). Codes whose minor unit ISO gives as "N.A." (precious metals,
# XDR, testing codes) are not built in: register them with the number of
# decimals your books use.
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_FOUR = "CLF UYW"
_TWO = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV "
    "BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK "
    "DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL "
    "HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD "
    "LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN "
    "NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG "
    "SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD "
    "TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL"
)


def _iso_table() -> dict[str, int]:  # pragma: no mutate block (runs at import)
    table: dict[str, int] = {}
    for digits, codes in ((0, _ZERO), (2, _TWO), (3, _THREE), (4, _FOUR)):
        for code in codes.split():
            table[sys.intern(code)] = digits
    return table


_MINOR_UNITS: dict[str, int] = _iso_table()
# Every Money holds the one interned str of its code (from _CODES), so the
# same-currency check in + and - is mostly an identity test.
_CODES: dict[str, str] = {c: c for c in _MINOR_UNITS}
_QUANTUM: dict[str, Decimal] = {
    c: Decimal(1).scaleb(-d) for c, d in _MINOR_UNITS.items()
}
# Wide enough never to round: turning integer minor units into an amount
# (from_minor) is exact whatever the caller's context.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)

# The bounds of every number entering the library (docs/money.md, "Bounds"):
# at most 34 significant digits (the precision the library's own fractions
# are computed in, so every number it gives out is taken back), below 10^20
# in size (so any amount rounds to 8 decimals within the default 28 digits,
# and products of accepted numbers stay far from the context's limits), no
# digit finer than 10^-60 (so exact integer forms, as allocate uses, stay
# below 80 digits).
_MAX_DIGITS = 34
_MAX_ADJUSTED = 19  # the leading digit's place: below 10^20
_MIN_EXPONENT = -60  # the last digit's place
_INT_LIMIT = 10 ** (_MAX_ADJUSTED + 1)
_UNITS_LIMIT = 10**_MAX_DIGITS  # minor units: 34 digits at most
# Applying this context to a number signals exactly when it is out of
# bounds: Rounded when it has too many digits or one too fine (below Etiny =
# Emin - prec + 1 = -60), Overflow when too large, Clamped for a zero whose
# exponent is out of range.
_BOUNDS = Context(
    prec=_MAX_DIGITS,
    Emax=_MAX_ADJUSTED,
    Emin=_MIN_EXPONENT + _MAX_DIGITS - 1,
    traps=[Rounded, Overflow, Clamped, InvalidOperation],
)
_check_bounds = _BOUNDS.plus
# The decimal signals the default context raises: arithmetic on numbers from
# outside the bounds (results of long chains of products) can still meet them.
_SIGNALS = (Overflow, InvalidOperation, DivisionByZero)

CURRENCIES: Mapping[str, int] = MappingProxyType(_MINOR_UNITS)
"""Read-only view: every known currency code and its minor units.

>>> CURRENCIES["EUR"], CURRENCIES["KWD"]
(2, 3)
"""


def register_currency(code: str, minor_units: int) -> None:
    """Add a currency code, or override the minor units of a known one.

    This is process-wide configuration, meant for start-up: a book that keeps
    Iraqi dinars without fils, a private token, a metal counted in grams.
    ``code`` is three upper-case letters; ``minor_units`` is 0 to 8.

    >>> register_currency("XAU", 3)
    >>> Money("1.23456", "XAU").rounded()
    Money('1.235', 'XAU')
    >>> register_currency("xau", 3)
    Traceback (most recent call last):
    ...
    accountcore.errors.UnknownCurrencyError: Unknown currency 'xau': expected an ISO 4217 code such as 'XAU'; register other codes with register_currency().
    """
    if not (
        isinstance(code, str) and len(code) == 3 and code.isascii() and code.isupper()
    ):
        valid = isinstance(code, str) and len(code) == 3 and code.isascii()
        raise UnknownCurrencyError(
            code, code.upper() if valid and code.isalpha() else None
        )
    if (
        isinstance(minor_units, bool)
        or not isinstance(minor_units, int)
        or not 0 <= minor_units <= 8
    ):
        raise InvalidAmountError("minor_units", minor_units, "an int from 0 to 8")
    code = sys.intern(code)
    _MINOR_UNITS[code] = minor_units
    _CODES[code] = code
    _QUANTUM[code] = Decimal(1).scaleb(-minor_units)


def minor_units(currency: str) -> int:
    """The ISO 4217 minor units (decimals) of ``currency``.

    >>> minor_units("EUR"), minor_units("KWD"), minor_units("CLF")
    (2, 3, 4)
    >>> minor_units("ZZZ")
    Traceback (most recent call last):
    ...
    accountcore.errors.UnknownCurrencyError: Unknown currency 'ZZZ': expected an ISO 4217 code such as 'EUR', 'USD' or 'JPY'; register other codes with register_currency().
    """
    try:
        return _MINOR_UNITS[currency]
    except (KeyError, TypeError):
        raise _unknown_currency(currency) from None


def to_decimal(value: object, parameter: str = "amount") -> Decimal:
    """Turn ``value`` into a finite, bounded :class:`~decimal.Decimal`, or raise.

    ``Decimal``, ``int`` and ``str`` are accepted; ``float`` and ``bool`` are a
    :class:`~accountcore.errors.AmountTypeError`, NaN, infinities and bad text
    an :class:`~accountcore.errors.InvalidAmountError`. Every number entering
    the library passes here, and must keep the bounds (docs/money.md,
    "Bounds"): at most 34 significant digits, below 10^20 in size, no digit
    finer than 10^-60; outside them is an
    :class:`~accountcore.errors.AmountOutOfBoundsError`. ``parameter`` names
    the argument in the message.

    >>> to_decimal("12.50")
    Decimal('12.50')
    >>> to_decimal(0.5, "rate")
    Traceback (most recent call last):
    ...
    accountcore.errors.AmountTypeError: rate must be a Decimal, an int or a str, not float (0.5); a float cannot hold money exactly: write Decimal('0.5') or '0.5'.
    >>> to_decimal("1e999999")
    Traceback (most recent call last):
    ...
    accountcore.errors.AmountOutOfBoundsError: amount '1e999999' is out of bounds: it is of the order of 10^999999; numbers must be below 10^20 in size, with at most 34 significant digits and no digit finer than 10^-60.
    """
    kind = type(value)
    if kind is Decimal:
        result: Decimal = value  # type: ignore[assignment]
    elif kind is int:
        # compared before converting: Decimal(int) is quadratic in its size
        if -_INT_LIMIT < value < _INT_LIMIT:
            return Decimal(value)  # type: ignore[arg-type]
        raise _out_of_bounds(parameter, value, None)
    elif kind is str:
        try:
            result = Decimal(value.strip())  # type: ignore[attr-defined]
        except InvalidOperation:
            raise InvalidAmountError(parameter, value) from None
    elif isinstance(value, bool | float) or not isinstance(value, Decimal | int | str):
        raise AmountTypeError(parameter, value)
    elif isinstance(value, int):  # subclasses of int, Decimal or str
        return to_decimal(int(value), parameter)
    else:
        return to_decimal(
            Decimal(value) if isinstance(value, Decimal) else str(value), parameter
        )
    if not result.is_finite():
        raise InvalidAmountError(parameter, value)
    try:
        _check_bounds(result)
    except DecimalException:
        raise _out_of_bounds(parameter, value, result) from None
    return result


def _out_of_bounds(
    parameter: str, value: object, number: Decimal | None
) -> AmountOutOfBoundsError:
    """The error for ``value`` (as ``number``; None for an int too large)."""
    if number is None:
        # log10(2) digits a bit: the order of magnitude without the repr
        order = max(_MAX_ADJUSTED + 1, int(value.bit_length() * 0.30103))  # type: ignore[attr-defined]
        return AmountOutOfBoundsError(
            parameter, value, f"it is of the order of 10^{order}"
        )
    digits, exponent = number.as_tuple()[1:]
    adjusted = number.adjusted()
    if adjusted > _MAX_ADJUSTED:
        reason = f"it is of the order of 10^{adjusted}"
    elif len(digits) > _MAX_DIGITS:
        reason = f"it has {len(digits)} significant digits"
    else:
        reason = f"its last digit is at 10^{exponent}"
    return AmountOutOfBoundsError(parameter, value, reason)


_new = object.__new__


@attrs.frozen(init=False, eq=True, order=False, repr=False)
class Money:
    """An exact amount of one currency.

    ``amount`` is a ``Decimal``, ``int`` or ``str``; ``currency`` an ISO 4217
    code. Arithmetic keeps full precision; round with :meth:`rounded`.

    >>> Money("10.50", "EUR") + Money(2, "EUR")
    Money('12.50', 'EUR')
    >>> sum([Money("1.10", "USD"), Money("2.20", "USD")])
    Money('3.30', 'USD')
    >>> -Money("5", "JPY"), abs(Money("-5", "JPY"))
    (Money('-5', 'JPY'), Money('5', 'JPY'))
    >>> Money("1.00", "EUR") == Money("1", "EUR")
    True
    >>> Money(0.1, "EUR")
    Traceback (most recent call last):
    ...
    accountcore.errors.AmountTypeError: amount must be a Decimal, an int or a str, not float (0.1); a float cannot hold money exactly: write Decimal('0.1') or '0.1'.
    >>> Money("1", "EUR") + Money("1", "USD")
    Traceback (most recent call last):
    ...
    accountcore.errors.CurrencyMismatchError: Cannot add 1 EUR and 1 USD: currencies differ (EUR, USD); convert one with Money.convert first.
    """

    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str) -> None:
        value = to_decimal(amount)
        _set_amount(self, value)
        _set_currency(self, _code(currency))

    def __reduce__(self) -> tuple[type[Money], tuple[Decimal, str]]:
        # Unpickling goes through __init__: validated, canonical currency.
        return (Money, (self.amount, self.currency))

    # --- construction -------------------------------------------------------

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Zero in ``currency``.

        >>> Money.zero("EUR")
        Money('0', 'EUR')
        """
        return cls(0, currency)

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Money:
        """An amount from integer minor units (cents, fils…), exactly.

        >>> Money.from_minor(1999, "EUR"), Money.from_minor(1999, "BHD")
        (Money('19.99', 'EUR'), Money('1.999', 'BHD'))
        >>> Money.from_minor("1999", "EUR")
        Traceback (most recent call last):
        ...
        accountcore.errors.AmountTypeError: units must be an int (minor units, e.g. 1999 for 19.99), not str ('1999').
        """
        if type(units) is not int:
            raise AmountTypeError(
                "units", units, expected="an int (minor units, e.g. 1999 for 19.99)"
            )
        code = _code(currency)
        if not -_UNITS_LIMIT < units < _UNITS_LIMIT:
            raise _out_of_bounds("units", units, None)
        amount = Decimal(units).scaleb(-_MINOR_UNITS[code], _EXACT)
        try:
            _check_bounds(amount)
        except DecimalException:
            raise _out_of_bounds("units", units, amount) from None
        return _make(amount, code)

    # --- arithmetic ---------------------------------------------------------
    # The hot paths build the result inline (see _make): a Python call less.

    def __add__(self, other: Money) -> Money:
        if type(other) is Money:
            if other.currency is self.currency or other.currency == self.currency:
                try:
                    amount = self.amount + other.amount
                except _SIGNALS:
                    raise _beyond("sum", self, other) from None
                money: Money = _new(Money)
                _set_amount(money, amount)
                _set_currency(money, self.currency)
                return money
            raise CurrencyMismatchError("add", self, other)
        if isinstance(other, Money):
            return self.__add__(_make(other.amount, other.currency))
        raise _not_money("add", self, other)

    def __radd__(self, other: object) -> Money:
        # sum() starts from the int 0: 0 + Money is Money.
        if type(other) is int and other == 0:
            return self
        raise _not_money("add", self, other)

    def __sub__(self, other: Money) -> Money:
        if type(other) is Money:
            if other.currency is self.currency or other.currency == self.currency:
                try:
                    amount = self.amount - other.amount
                except _SIGNALS:
                    raise _beyond("difference", self, other) from None
                money: Money = _new(Money)
                _set_amount(money, amount)
                _set_currency(money, self.currency)
                return money
            raise CurrencyMismatchError("subtract", self, other)
        if isinstance(other, Money):
            return self.__sub__(_make(other.amount, other.currency))
        raise _not_money("subtract", self, other)

    def __mul__(self, factor: Decimal | int) -> Money:
        """Multiply by a number (``Decimal``, ``int`` or numeric ``str``)
        within the bounds (docs/money.md, "Bounds").

        >>> Money("19.99", "EUR") * Decimal("1.5")
        Money('29.985', 'EUR')
        >>> Money("19.99", "EUR") * Decimal("NaN")
        Traceback (most recent call last):
        ...
        accountcore.errors.InvalidAmountError: factor must be a finite decimal number, got Decimal('NaN').
        """
        kind = type(factor)
        if kind is int and -_INT_LIMIT < factor < _INT_LIMIT:
            value: Decimal | int = factor
        elif kind is Decimal and factor.is_finite():  # type: ignore[union-attr]
            try:  # to_decimal's check inline: the hot path
                _check_bounds(factor)
            except DecimalException:
                raise _out_of_bounds("factor", factor, factor) from None  # type: ignore[arg-type]
            value = factor
        elif isinstance(factor, Money):
            raise AmountTypeError(
                f"Cannot multiply {self} by {factor}: the factor",
                factor,
                expected="a number (money times money has no meaning)",
            )
        else:
            value = to_decimal(factor, "factor")
        try:
            amount = self.amount * value
        except _SIGNALS:
            raise _beyond("product", self, factor) from None
        money: Money = _new(Money)
        _set_amount(money, amount)
        _set_currency(money, self.currency)
        return money

    __rmul__ = __mul__

    @overload
    def __truediv__(self, divisor: Money) -> Decimal: ...
    @overload
    def __truediv__(self, divisor: Decimal | int) -> Money: ...
    def __truediv__(self, divisor: Money | Decimal | int) -> Money | Decimal:
        """Divide by a number (gives Money) or by Money of the same currency
        (gives the ratio as a Decimal).

        >>> Money("10", "EUR") / 4
        Money('2.5', 'EUR')
        >>> Money("30", "EUR") / Money("120", "EUR")
        Decimal('0.25')
        """
        if isinstance(divisor, Money):
            if divisor.currency != self.currency:
                raise CurrencyMismatchError("divide", self, divisor)
            if not divisor.amount:
                raise DivisionByZeroError(self, divisor)
            try:
                return self.amount / divisor.amount
            except _SIGNALS:
                raise _beyond("quotient", self, divisor) from None
        value = to_decimal(divisor, "divisor")
        if not value:
            raise DivisionByZeroError(self, _short(divisor))
        try:
            return _make(self.amount / value, self.currency)
        except _SIGNALS:
            raise _beyond("quotient", self, divisor) from None

    def __neg__(self) -> Money:
        return _make(-self.amount, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _make(abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    # --- ordering -----------------------------------------------------------

    def _other_amount(self, other: object, operation: str) -> Decimal:
        if not isinstance(other, Money):
            raise AmountTypeError(
                f"Cannot compare {self} with {_short(other)}: the other side",
                other,
                expected="a Money of the same currency",
            )
        if other.currency != self.currency:
            raise CurrencyMismatchError(operation, self, other)
        return other.amount

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._other_amount(other, "compare")

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._other_amount(other, "compare")

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._other_amount(other, "compare")

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._other_amount(other, "compare")

    # --- rounding and allocation -------------------------------------------

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """This amount rounded to the currency's minor unit.

        ``rounding`` is a :mod:`decimal` rounding mode (default half-up, the
        commercial rule). The rounded amount must fit the precision of the
        caller's decimal context (28 digits unless widened), or
        :class:`~accountcore.errors.PrecisionError` says so.

        >>> from decimal import ROUND_HALF_EVEN
        >>> Money("0.125", "EUR").rounded(), Money("0.125", "EUR").rounded(ROUND_HALF_EVEN)
        (Money('0.13', 'EUR'), Money('0.12', 'EUR'))
        >>> Money("1234.5", "JPY").rounded()
        Money('1235', 'JPY')
        """
        cur = self.currency
        return _make(_quantize(self.amount, cur, rounding), cur)

    def to_minor(self, rounding: str = ROUND_HALF_UP) -> int:
        """The rounded amount as integer minor units.

        >>> Money("19.995", "EUR").to_minor()
        2000
        """
        cur = self.currency
        rounded = _quantize(self.amount, cur, rounding)
        return int(rounded.scaleb(_MINOR_UNITS[cur]))  # exact: it fits the context

    def allocate(self, weights: Sequence[Decimal | int | str]) -> tuple[Money, ...]:
        """Split the rounded amount by ``weights``; the parts add up exactly.

        Works on integer minor units by the largest-remainder method: every
        part gets the floor of its exact share, and the units left over go one
        each to the parts with the largest remainders, ties to the earlier
        weight. A negative amount is split as its absolute value and negated.
        Zero weights get zero; weights must be non-negative with at least one
        positive. Weights may be ``int``, ``Decimal`` or numeric ``str``.

        >>> Money("1000", "JPY").allocate([1, 1, 1])
        (Money('334', 'JPY'), Money('333', 'JPY'), Money('333', 'JPY'))
        >>> Money("10.000", "BHD").allocate([1, 2])
        (Money('3.333', 'BHD'), Money('6.667', 'BHD'))
        >>> Money("-100.00", "EUR").allocate(["0.5", "0.25", "0.25"])
        (Money('-50.00', 'EUR'), Money('-25.00', 'EUR'), Money('-25.00', 'EUR'))
        >>> Money("1.00", "EUR").allocate([1, -1])
        Traceback (most recent call last):
        ...
        accountcore.errors.InvalidAllocationError: Cannot allocate by weights [1, -1]: weight -1 at position 1 is negative.
        """
        ints, total = _integer_weights(weights)
        cur = self.currency
        if self.amount.adjusted() > _MAX_ADJUSTED:  # only a product chain gets here
            raise _out_of_bounds("amount", self, self.amount)
        units = _half_up_units(self.amount, cur)
        if units < 0:
            parts = [-p for p in _largest_remainder(-units, ints, total)]
        else:
            parts = _largest_remainder(units, ints, total)
        quantum = _QUANTUM[cur]
        result = []
        for p in parts:
            money: Money = _new(Money)
            _set_amount(money, _exact_multiply(quantum, p))
            _set_currency(money, cur)
            result.append(money)
        return tuple(result)

    # --- conversion and display --------------------------------------------

    def convert(self, to: str, rates: ExchangeRates, on: _dt.date) -> Money:
        """This amount in currency ``to`` at the rate in force ``on`` (unrounded).

        >>> import datetime
        >>> rates = FixedRates([ExchangeRate("EUR", "USD", datetime.date(2026, 1, 1), "1.0850")])
        >>> Money("100", "EUR").convert("USD", rates, datetime.date(2026, 3, 1))
        Money('108.5000', 'USD')
        """
        code = _code(to)
        if code == self.currency:
            return self
        rate = to_decimal(rates.rate(self.currency, code, on), "rate")
        return _make(self.amount * rate, code)

    def format(self, locale: str, *, rounding: str = ROUND_HALF_UP) -> str:
        """The amount for a human in ``locale`` (babel, CLDR display digits).

        The amount is first rounded to its ISO minor unit with ``rounding``
        (so ``m.format(loc) == m.rounded().format(loc)``); where CLDR shows
        fewer digits than ISO keeps (IQD: 3 in ISO, 0 on screen), that value
        is rounded again to the display digits with the same ``rounding``,
        never babel's own half-even. babel then adds the locale's symbol and
        separators. A zero never shows a minus sign. No default locale is ever
        read from the environment.

        >>> Money("1234.5", "EUR").format("et_EE")
        '1\\xa0234,50\\xa0€'
        >>> Money("1234.5", "EUR").format("en_US")
        '€1,234.50'
        >>> Money("1234567", "JPY").format("ja_JP")
        '￥1,234,567'
        >>> Money("-0.001", "EUR").format("en_US")
        '€0.00'
        >>> Money("1234.5", "IQD").format("en_US")
        'IQD1,235'
        """
        cur = self.currency
        value = _quantize(self.amount, cur, rounding)
        display = _display_quantum(cur)
        if display is not None:
            value = value.quantize(display, rounding)
        if not value:
            value = value.copy_abs()  # babel would show -0.00 as "-€0.00"
        return format_currency(value, cur, locale=_locale(locale))

    # --- representation -----------------------------------------------------

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


# The one bypass of attrs' frozen __init__ (accountcore._fast): values
# already checked only. The arithmetic above inlines _make's body with the
# same setters, a Python call less on the hottest path.
_set_amount, _set_currency = setters(Money)
_make: Callable[[Decimal, str], Money] = builder(Money)
"""Build a Money from values already checked (the hot path): ``_make(amount,
currency)``.

``currency`` must be a known code; pass the canonical str of an existing
Money (``other.currency``) or of :func:`_code`.
"""


def _code(currency: str) -> str:
    """The canonical (interned) str for a known currency code, or raise."""
    try:
        return _CODES[currency]
    except (KeyError, TypeError):
        raise _unknown_currency(currency) from None


def _unknown_currency(currency: object) -> UnknownCurrencyError:
    """The error for an unknown code, suggesting its upper case when known."""
    suggestion = None
    if isinstance(currency, str) and len(currency) == 3:
        upper = currency.upper()
        if upper in _CODES:
            suggestion = upper
    return UnknownCurrencyError(currency, suggestion)


def _not_money(operation: str, money: Money, other: object) -> AmountTypeError:
    """The error for ``money`` and a value that is not Money in ``+``/``-``
    (only Money of one currency adds up; ``0 + money`` starts a ``sum()``)."""
    return AmountTypeError(
        f"Cannot {operation} {money} and {_short(other)}: the other side",
        other,
        expected="a Money of the same currency",
    )


def _beyond(operation: str, money: Money, other: object) -> AmountOutOfBoundsError:
    """The error for an operation whose result leaves the decimal context:
    reachable only from amounts already out of bounds (long product chains)."""
    return AmountOutOfBoundsError(
        f"The {operation} of {money} and",
        other,
        "the result is beyond the decimal context's range",
    )


def _quantize(amount: Decimal, currency: str, rounding: str) -> Decimal:
    """``amount`` rounded to ``currency``'s minor unit in the caller's context."""
    try:
        return amount.quantize(_QUANTUM[currency], rounding)
    except InvalidOperation:
        raise PrecisionError(
            amount, currency, _MINOR_UNITS[currency], getcontext().prec
        ) from None


def _half_up_units(amount: Decimal, currency: str) -> int:
    """``amount`` in integer minor units, rounded half away from zero.

    Rounded in the unlimited context, independent of the caller's: an
    allocation never rounds anything but the last minor unit. Linear in the
    amount's digits (an exact integer ratio would need a gcd of numbers as
    long as its exponent); the caller keeps the amount below 10^20, so the
    units fit 28 digits.
    """
    rounded = amount.quantize(_QUANTUM[currency], ROUND_HALF_UP, _EXACT)
    return int(rounded.scaleb(_MINOR_UNITS[currency], _EXACT))


_exact_multiply = _EXACT.multiply  # quantum * units, never rounded


@cache
def _display_quantum(currency: str) -> Decimal | None:
    """The quantum of CLDR's display digits when fewer than ISO's, else None."""
    places = get_currency_precision(currency)
    if places < _MINOR_UNITS[currency]:
        return Decimal(1).scaleb(-places)
    return None


@lru_cache(maxsize=64)
def _parse_locale(identifier: str) -> Locale:
    return Locale.parse(identifier)


def _locale(identifier: str) -> Locale:
    """A cached babel Locale; a bad identifier is an InvalidLocaleError."""
    if type(identifier) is not str or not identifier:
        raise InvalidLocaleError(identifier)
    try:
        return _parse_locale(identifier)
    except (UnknownLocaleError, ValueError):
        raise InvalidLocaleError(identifier) from None


def _integer_weights(
    weights: Sequence[Decimal | int | str],
) -> tuple[Sequence[int], int]:
    """Scale weights to integers with the same ratios; validate them.

    Returns the integer weights and their (positive) total.
    """
    kind = type(weights)
    items: Sequence[Decimal | int | str]
    if kind is list or kind is tuple:
        items = weights
    elif isinstance(weights, str | bytes | Mapping) or not isinstance(
        weights, Iterable
    ):
        raise InvalidAllocationError(weights, "weights must be a sequence of numbers")
    else:
        items = tuple(weights)
    ints: Sequence[int]
    for w in items:
        if type(w) is not int or not -_INT_LIMIT < w < _INT_LIMIT:
            ints = _scaled_weights(items)
            break
    else:
        ints = items  # type: ignore[assignment]  # all plain ints
    if not ints:
        raise InvalidAllocationError(items, "at least one weight is needed")
    if min(ints) < 0:
        position = next(i for i, w in enumerate(ints) if w < 0)
        raise InvalidAllocationError(
            items,
            f"weight {_short(items[position])} at position {position} is negative",
        )
    total = sum(ints)
    if not total:
        raise InvalidAllocationError(items, "at least one weight must be positive")
    return ints, total


def _scaled_weights(items: Sequence[Decimal | int | str]) -> list[int]:
    """Decimal (or text) weights as integers with the same ratios.

    Every weight keeps the bounds, so the integers have at most 70 digits
    (below 10^20, nothing finer than 10^-60).
    """
    decimals = []
    for w in items:
        try:
            decimals.append(to_decimal(w, "weight"))
        except (AmountTypeError, InvalidAmountError) as error:
            raise InvalidAllocationError(items, error.message.rstrip(".")) from None
    shift = max(0, *(_places(d) for d in decimals))
    return [int(d.scaleb(shift, _EXACT)) for d in decimals]


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def _largest_remainder(units: int, weights: Sequence[int], total: int) -> list[int]:
    """Split non-negative ``units`` by integer ``weights`` (largest remainder)."""
    count = len(weights)
    if weights.count(weights[0]) == count:
        # an even split: equal remainders, so the spare units go to the first
        share, left = divmod(units, count)
        return [share + 1] * left + [share] * (count - left)
    parts = []
    remainders = []
    left = units
    for w in weights:
        share, rest = divmod(units * w, total)
        parts.append(share)
        remainders.append(rest)
        left -= share
    if left == 1:
        # index() finds the first of equal maxima: ties go to the earlier weight
        parts[remainders.index(max(remainders))] += 1
    elif left:
        # sort is stable, also with reverse=True: ties keep the earlier weight
        order = sorted(range(len(parts)), key=remainders.__getitem__, reverse=True)
        for i in order[:left]:
            parts[i] += 1
    return parts


# --- exchange rates -----------------------------------------------------------


@runtime_checkable
class ExchangeRates(Protocol):
    """Anything that gives the rate to turn one ``base`` unit into ``quote``.

    ``rate("EUR", "USD", on)`` is how many USD one EUR buys on that date.
    Implementations raise :class:`~accountcore.errors.MissingRateError` when
    they do not know the rate.

    >>> isinstance(FixedRates([]), ExchangeRates)
    True
    """

    def rate(self, base: str, quote: str, on: _dt.date) -> Decimal: ...


def _known_currency(_: object, __: object, code: str) -> None:
    minor_units(code)


def _dated(_: object, attribute: attrs.Attribute[_dt.date], value: object) -> None:
    as_date(value, attribute.name)


def _rate_value(value: object) -> Decimal:
    rate = to_decimal(value, "rate")
    if rate <= 0:
        raise InvalidAmountError("rate", value, "a rate must be positive")
    return rate


@attrs.frozen
class ExchangeRate:
    """One dated rate: one ``base`` unit buys ``rate`` ``quote`` units from
    ``effective`` on (until a later rate for the pair takes over).

    >>> import datetime
    >>> ExchangeRate("EUR", "USD", datetime.date(2026, 1, 1), "1.0850").rate
    Decimal('1.0850')
    """

    base: str = attrs.field(validator=_known_currency)
    quote: str = attrs.field(validator=_known_currency)
    effective: _dt.date = attrs.field(validator=_dated)
    rate: Decimal = attrs.field(converter=_rate_value)


class FixedRates:
    """In-memory :class:`ExchangeRates` from a list of dated rates.

    The rate used is the latest one effective on or before the date asked.
    ``inverse=True`` lets a EUR→USD rate answer USD→EUR as its reciprocal;
    ``pivot`` lets a pair with no rate of its own go through a third currency
    (base→pivot→quote). Both are off unless asked: a silent inversion is a
    silent choice. Two different rates for one pair on one date are a
    :class:`~accountcore.errors.DefinitionError` (listing every conflict):
    which one wins must not depend on the order they were given in.

    >>> import datetime
    >>> d = datetime.date
    >>> rates = FixedRates(
    ...     [
    ...         ExchangeRate("EUR", "USD", d(2026, 1, 1), "1.10"),
    ...         ExchangeRate("EUR", "USD", d(2026, 2, 1), "1.20"),
    ...         ExchangeRate("EUR", "JPY", d(2026, 1, 1), "160"),
    ...     ],
    ...     inverse=True,
    ...     pivot="EUR",
    ... )
    >>> rates.rate("EUR", "USD", d(2026, 1, 31)), rates.rate("EUR", "USD", d(2026, 2, 1))
    (Decimal('1.10'), Decimal('1.20'))
    >>> rates.rate("USD", "EUR", d(2026, 2, 15))
    Decimal('0.8333333333333333333333333333')
    >>> rates.rate("USD", "JPY", d(2026, 2, 15))  # USD->EUR->JPY
    Decimal('133.3333333333333333333333333')
    >>> rates.rate("EUR", "USD", d(2025, 12, 31))
    Traceback (most recent call last):
    ...
    accountcore.errors.MissingRateError: No exchange rate EUR->USD on or before 2025-12-31.
    """

    __slots__ = ("_table", "inverse", "pivot")

    def __init__(
        self,
        rates: Iterable[ExchangeRate],
        *,
        inverse: bool = False,
        pivot: str | None = None,
    ) -> None:
        table: dict[tuple[str, str], tuple[list[_dt.date], list[Decimal]]] = {}
        grouped: dict[tuple[str, str], dict[_dt.date, Decimal]] = {}
        faults: set[str] = set()
        for position, rate in enumerate(check_iterable("rates", rates)):
            if not isinstance(rate, ExchangeRate):
                faults.add(f"rates[{position}] is not an ExchangeRate: {rate!r}")
                continue
            by_date = grouped.setdefault((_code(rate.base), _code(rate.quote)), {})
            known = by_date.get(rate.effective)
            if known is not None and known != rate.rate:
                low, high = sorted((known, rate.rate))
                faults.add(
                    f"{rate.base}->{rate.quote} on {rate.effective} has two rates: "
                    f"{low} and {high}"
                )
            elif known is None or _places(rate.rate) > _places(known):
                # equal values: keep the more precise spelling, whatever the order
                by_date[rate.effective] = rate.rate
        if pivot is not None:
            pivot = _code(pivot)
        if faults:
            raise DefinitionError("FixedRates", sorted(faults))
        for pair, by_date in grouped.items():
            dates = sorted(by_date)
            table[pair] = (dates, [by_date[day] for day in dates])
        self._table = table
        self.inverse = inverse
        self.pivot = pivot

    def _direct(self, base: str, quote: str, on: _dt.date) -> Decimal | None:
        entry = self._table.get((base, quote))
        if entry is not None:
            index = bisect.bisect_right(entry[0], on)
            if index:
                return entry[1][index - 1]
        if self.inverse:
            entry = self._table.get((quote, base))
            if entry is not None:
                index = bisect.bisect_right(entry[0], on)
                if index:
                    return 1 / entry[1][index - 1]
        return None

    def rate(self, base: str, quote: str, on: _dt.date) -> Decimal:
        """How many ``quote`` units one ``base`` unit buys on ``on``."""
        minor_units(base)
        minor_units(quote)
        as_date(on, "on")
        if base == quote:
            return Decimal(1)
        found = self._direct(base, quote, on)
        if found is not None:
            return found
        pivot = self.pivot
        if pivot is not None and pivot not in (base, quote):
            first = self._direct(base, pivot, on)
            second = self._direct(pivot, quote, on)
            if first is not None and second is not None:
                return first * second
            raise MissingRateError(base, quote, on, f"not through {pivot} either")
        raise MissingRateError(base, quote, on)

    def __repr__(self) -> str:
        count = sum(len(dates) for dates, _ in self._table.values())
        return (
            f"FixedRates({count} rates, inverse={self.inverse}, pivot={self.pivot!r})"
        )
