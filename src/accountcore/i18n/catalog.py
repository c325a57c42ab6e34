"""Messages in the reader's language: gettext catalogs, named placeholders.

Every human-readable text the library produces is a *message*: a dotted id
(``"analytics.forecast.title"``) with named placeholders (``{period}``),
looked up in the catalog of the reader's language and filled in. The locale
is always a parameter: nothing here reads the environment.

>>> translate("analytics.abc.title", "et_EE")
'ABC-analüüs käibe osakaalu järgi'
>>> translate("common.days", "uk_UA", count=3)
'3 дні'
>>> translate("common.days", "uk_UA", count=25)
'25 днів'

A template holds only named placeholders (``{count}``) and ``{{``/``}}`` for
a literal brace: no attribute or index lookup, no conversion, no format spec
(a value is formatted by :func:`format_value`, never by the template). A
catalog entry or a stored template that asks for more is refused with
:class:`~accountcore.errors.InvalidTemplateError` naming it, so stored data
never chooses what code runs or how long a text grows.

Catalogs exist for English, Estonian, Ukrainian, Japanese, Romanian and
Latvian (:data:`LANGUAGES`); any other language babel knows falls back to
English, while numbers, money and dates in the placeholders still follow the
locale. Placeholder values are formatted for the locale by
:func:`format_value`: ``Money`` with :meth:`Money.format`, ``int`` and
``Decimal`` as numbers, dates in the locale's medium form; a ``str`` is shown
as given.

The catalogs are packaged as ``locale/<lang>/LC_MESSAGES/accountcore.po``;
the wheel also carries the compiled ``.mo`` (built by ``hatch_build.py``).
They are read once, lazily, by :func:`_read_packaged` (the one line of I/O in
this module); an editable install without ``.mo`` files compiles the ``.po``
in memory.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import gettext
import re
import string
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files
from io import BytesIO

import attrs
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from accountcore.errors import (
    AmountTypeError,
    DefinitionError,
    InvalidLocaleError,
    InvalidTemplateError,
    MessageParameterError,
    NaiveDatetimeError,
    UnknownMessageError,
)
from accountcore.money import Money, to_decimal

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "Message",
    "N_",
    "Percent",
    "fill_template",
    "format_day",
    "format_money",
    "format_number",
    "format_percent",
    "format_value",
    "language_of",
    "message_ids",
    "placeholders",
    "translate",
]

DOMAIN = "accountcore"
"""The gettext domain: catalogs are named ``accountcore.po`` / ``.mo``."""

LANGUAGES: tuple[str, ...] = ("en", "et", "uk", "ja", "ro", "lv")
"""The languages with a complete catalog; English is the source of truth."""

_SOURCE = "en"
_FORMATTER = string.Formatter()
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# a parsed template: (literal text, placeholder name or None) pairs
_Pieces = tuple[tuple[str, str | None], ...]


def N_(message_id: str) -> str:  # noqa: N802 (the gettext marker's usual name)
    """Mark ``message_id`` for extraction without translating it (yet).

    Use it where a message id is stored as data and translated later:

    >>> TITLE = N_("analytics.forecast.title")
    >>> TITLE
    'analytics.forecast.title'
    """
    return message_id


def language_of(locale: str) -> str:
    """The catalog language used for ``locale``: its language if we have a
    catalog for it, else English. ``ja_JP``, ``ja-JP`` and ``ja`` all give
    ``ja``.

    >>> language_of("ja_JP"), language_of("lv-LV"), language_of("de_DE")
    ('ja', 'lv', 'en')
    >>> language_of("xx_XX")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidLocaleError: Unknown locale 'xx_XX': expected a locale babel knows, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    """
    language = _parse_locale(locale).language
    return language if language in LANGUAGES else _SOURCE


def translate(message_id: str, locale: str, /, **params: object) -> str:
    """The message ``message_id`` in ``locale``, its placeholders filled.

    Every placeholder of the message must be given, and nothing else. A
    message with plural forms chooses its form by the ``count`` parameter
    (an ``int``) with the language's plural rule.

    >>> from accountcore.money import Money
    >>> translate("analytics.forecast.weighted", "en_US", amount=Money("1250", "EUR"))
    'Weighted pipeline: €1,250.00'
    >>> translate("common.deals", "lv_LV", count=21), translate("common.deals", "ro_RO", count=20)
    ('21 darījums', '20 de tranzacții')
    >>> translate("analytics.forecast.weighted", "en_US")
    Traceback (most recent call last):
    ...
    accountcore.errors.MessageParameterError: Message 'analytics.forecast.weighted' takes {amount}: missing amount.
    """
    language = language_of(locale)
    if type(message_id) is not str:
        raise UnknownMessageError(message_id)
    forms = _entry(message_id, language)
    template = forms[0]
    if len(forms) > 1 or message_id in _catalog(_SOURCE).plural_ids:
        count = params.get("count")
        if type(count) is not int:
            raise MessageParameterError(
                message_id,
                _SOURCE_NAMES(message_id),
                detail=f"count must be an int, got {count!r}",
            )
        template = forms[min(_catalog(language).plural(abs(count)), len(forms) - 1)]
    expected = _SOURCE_NAMES(message_id)
    given = frozenset(params)
    if given != expected:
        raise MessageParameterError(
            message_id, expected, sorted(expected - given), sorted(given - expected)
        )
    values: dict[str, str] = {}
    for name, value in sorted(params.items()):
        try:
            values[name] = format_value(value, locale)
        except TypeError:
            raise MessageParameterError(
                message_id,
                expected,
                detail=f"{name}={value!r} cannot be formatted; pass a str",
            ) from None
    return _fill(template, values)


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]`` as given
    (nothing is formatted, looked up or converted; ``{{`` and ``}}`` are
    literal braces). A template that asks for more than named placeholders
    is an :class:`~accountcore.errors.InvalidTemplateError`; a placeholder
    without a value a :class:`~accountcore.errors.MessageParameterError`.

    >>> fill_template("{owner}: {{{count}}} deals", {"owner": "ana", "count": "3"})
    'ana: {3} deals'
    >>> fill_template("{count.__class__}", {"count": "3"})
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidTemplateError: Template of a template is refused: {count.__class__} is not a plain name, in '{count.__class__}'; a template may use only named placeholders such as {count} (letters, digits and underscores; no attribute, index, conversion or format spec) and {{ }} for a literal brace.
    """
    if type(template) is not str:
        raise InvalidTemplateError("a template", repr(template), "it is not a str")
    pieces = _parse(template, "a template")
    missing = sorted(
        {name for _, name in pieces if name is not None and name not in values}
    )
    shown = _shown(template)[1:-1]
    if missing:
        raise MessageParameterError(shown, placeholders(template), missing, ())
    for name, value in values.items():
        if type(value) is not str:
            raise MessageParameterError(
                shown,
                placeholders(template),
                detail=f"{name}={_shown(value)} is not a str",
            )
    return _fill(pieces, values)


def message_ids() -> tuple[str, ...]:
    """Every message id of the English catalog, sorted.

    >>> "analytics.abc.title" in message_ids()
    True
    """
    return tuple(sorted(_catalog(_SOURCE).forms))


def placeholders(template: str) -> frozenset[str]:
    """The named placeholders of a message template.

    >>> sorted(placeholders("{owner}: {amount} ({count} deals)"))
    ['amount', 'count', 'owner']

    Only named placeholders are allowed (see the module):

    >>> placeholders("{count:>50000000}")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidTemplateError: Template of a template is refused: {count:>50000000} asks for a format spec, in '{count:>50000000}'; a template may use only named placeholders such as {count} (letters, digits and underscores; no attribute, index, conversion or format spec) and {{ }} for a literal brace.
    """
    if type(template) is not str:
        raise InvalidTemplateError("a template", repr(template), "it is not a str")
    return frozenset(
        name for _, name in _parse(template, "a template") if name is not None
    )


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _parse(template: str, source: str) -> _Pieces:
    """``template`` as (literal, name) pieces, or the
    :class:`InvalidTemplateError` naming ``source`` and the first field that
    is more than a plain name. Linear in the template's length."""
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as error:
        raise InvalidTemplateError(
            source, template, f"it does not parse ({error})"
        ) from None
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is not None:
            field = "{" + name + (f"!{conversion}" if conversion else "")
            field = _shown(field + (f":{spec}" if spec else "") + "}")[1:-1]
            if not _NAME.fullmatch(name):
                fault = "a positional field" if not name else "not a plain name"
                raise InvalidTemplateError(source, template, f"{field} is {fault}")
            if conversion is not None:
                raise InvalidTemplateError(
                    source, template, f"{field} asks for a conversion"
                )
            if spec:
                raise InvalidTemplateError(
                    source, template, f"{field} asks for a format spec"
                )
        pieces.append((literal, name))
    return tuple(pieces)


def _fill(pieces: _Pieces, values: Mapping[str, str]) -> str:
    return "".join(
        literal + (values[name] if name is not None else "") for literal, name in pieces
    )


@attrs.frozen
class Message:
    """A message kept as data, to be rendered later in any locale.

    Reasons, statement lines and report rows hold a ``Message`` rather than
    text, so one result can be shown in every language.

    >>> note = Message.of("common.clients", count=2)
    >>> note.render("en_US"), note.render("ja_JP")
    ('2 clients', '顧客2件')
    """

    id: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, message_id: str, /, **params: object) -> Message:
        """The message ``message_id`` with ``params`` (sorted by name)."""
        return cls(message_id, tuple(sorted(params.items())))

    @property
    def count(self) -> int | None:
        """The ``count`` that chooses the plural form, when the message has one.

        >>> Message.of("common.clients", count=2).count, Message.of("reliability.custom", text="x").count
        (2, None)
        """
        for name, value in self.params:
            if name == "count" and type(value) is int:
                return value
        return None

    def render(self, locale: str) -> str:
        """The message in ``locale`` (see :func:`translate`)."""
        return translate(self.id, locale, **dict(self.params))


@attrs.frozen
class Percent:
    """A ratio to be shown as a percentage in a message (``0.125`` is
    12.5 %): a rate with the decimals it has, at most four (a 2.75 % rate is
    never shown as 2.8 %), or a computed ratio rounded half up to ``digits``.

    >>> Percent(Decimal("0.0275")).format("lv_LV"), Percent(Decimal("0.1")).format("ja_JP")
    ('2,75%', '10%')
    >>> Percent(Decimal("0.19300605"), 1).format("en_US")
    '19.3%'
    >>> print(Message.of("commissions.line.bonus", threshold=Percent(Decimal("1.2"))).render("ja_JP"))
    売上目標120%達成ボーナス
    """

    ratio: Decimal
    digits: int | None = None

    def format(self, locale: str) -> str:
        """The percentage in ``locale`` (see the class)."""
        if self.digits is not None:
            return format_percent(self.ratio, locale, digits=self.digits)
        exponent = (
            (to_decimal(self.ratio, "ratio") * 100).normalize().as_tuple().exponent
        )
        needed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return format_percent(self.ratio, locale, digits=min(needed, 4))


# --- formatting helpers (pure: babel's CLDR data only) ---------------------


def format_money(amount: Money, locale: str) -> str:
    """``amount`` for a human in ``locale``: the same as ``Money.format``.

    >>> format_money(Money("1234.5", "EUR"), "lv_LV")
    '1\\xa0234,50\\xa0€'
    """
    return amount.format(locale)


def format_number(value: Decimal | int, locale: str) -> str:
    """An exact number in ``locale``'s digits and separators: no rounding,
    and the decimals it has (``0.50`` keeps its zero).

    >>> format_number(Decimal("1234.5678"), "et_EE"), format_number(12000, "en_US")
    ('1\\xa0234,5678', '12,000')
    """
    number = to_decimal(value, "value")
    exponent = number.as_tuple().exponent
    digits = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    parsed = _parse_locale(locale)
    pattern = copy.copy(parsed.decimal_formats[None])
    pattern.frac_prec = (digits, digits)
    return str(pattern.apply(number, parsed))


def format_percent(ratio: Decimal | int | str, locale: str, *, digits: int = 1) -> str:
    """``ratio`` (``0.125`` is 12.5 %) as a percentage in ``locale``, rounded
    half up to ``digits`` decimals.

    >>> format_percent(Decimal("0.125"), "en_US"), format_percent("0.8", "uk_UA", digits=0)
    ('12.5%', '80%')
    """
    value = to_decimal(ratio, "ratio") * 100
    value = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP) / 100
    parsed = _parse_locale(locale)
    pattern = copy.copy(parsed.percent_formats[None])
    pattern.frac_prec = (digits, digits)
    return str(pattern.apply(value, parsed))


def format_day(day: _dt.date, locale: str, *, width: str = "medium") -> str:
    """A calendar date in ``locale`` (babel's ``short``/``medium``/``long``).

    >>> format_day(_dt.date(2026, 3, 31), "ja_JP"), format_day(_dt.date(2026, 3, 31), "ro_RO")
    ('2026/03/31', '31 mar. 2026')
    """
    return format_date(day, format=width, locale=_parse_locale(locale))


def format_value(value: object, locale: str) -> str:
    """One placeholder value as text in ``locale``.

    ``str`` as given; a :class:`Message` rendered in ``locale`` (so a
    translated name can fill another message); a :class:`Percent` as a
    percentage; a ``tuple`` as alternatives joined by the locale's "or";
    ``Money`` by :meth:`Money.format`; ``int`` and
    ``Decimal`` by :func:`format_number`; ``date`` by :func:`format_day`; an
    aware ``datetime`` in its own timezone. Anything else is refused: format
    it yourself and pass a ``str``.

    >>> format_value(Decimal("0.50"), "ro_RO"), format_value("Q4", "ro_RO")
    ('0,50', 'Q4')
    >>> format_value(("A", "B", "C"), "uk_UA")
    'A, B або C'

    """
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is Message:
        return value.render(locale)  # type: ignore[attr-defined,no-any-return]
    if kind is Money:
        return value.format(locale)  # type: ignore[attr-defined,no-any-return]
    if kind is Percent:
        return value.format(locale)  # type: ignore[attr-defined,no-any-return]
    if kind is tuple:  # alternatives: "a, b or c" in the locale's words
        items = [format_value(item, locale) for item in value]  # type: ignore[attr-defined]
        return format_list(items, style="or", locale=_parse_locale(locale))
    if kind is int or kind is Decimal:
        return format_number(value, locale)  # type: ignore[arg-type]
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError("value", value)
        return format_datetime(
            value, format="medium", tzinfo=value.tzinfo, locale=_parse_locale(locale)
        )
    if isinstance(value, _dt.date):
        return format_day(value, locale)
    if isinstance(value, str):
        return str(value)
    raise AmountTypeError(
        "a message value",
        value,
        expected="a str, Message, Percent, tuple, Money, int, Decimal, date or "
        "aware datetime (format it yourself and pass a str)",
    )


# --- catalogs ---------------------------------------------------------------


@attrs.frozen
class _Compiled:
    forms: Mapping[str, tuple[str, ...]]
    plural_ids: frozenset[str]
    plural: Callable[[int], int]


def _parse_locale(locale: str) -> Locale:
    if type(locale) is not str:
        raise InvalidLocaleError(locale)
    return _parsed_locale(locale)


@functools.cache
def _parsed_locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale, sep="-" if "-" in locale else "_")
    except (UnknownLocaleError, ValueError, TypeError, AttributeError):
        raise InvalidLocaleError(locale) from None


def _lookup(message_id: str, language: str) -> tuple[str, ...]:
    """The forms of ``message_id`` in ``language``, else in English."""
    forms = _catalog(language).forms.get(message_id)
    if forms is None:
        forms = _catalog(_SOURCE).forms.get(message_id)
        if forms is None:
            raise UnknownMessageError(message_id)
    return forms


@functools.cache
def _entry(message_id: str, language: str) -> tuple[_Pieces, ...]:
    """The checked forms of ``message_id`` in ``language``: each parsed, and
    its placeholders among the English message's (cached per catalog
    entry; an unknown id or a refused entry raises and is not cached)."""
    forms = _lookup(message_id, language)
    found = language if message_id in _catalog(language).forms else _SOURCE
    source = f"message {message_id!r} ({found})"
    entry = tuple(_parse(form, source) for form in forms)
    if found != _SOURCE:
        allowed = _SOURCE_NAMES(message_id)
        for form, pieces in zip(forms, entry, strict=True):
            extra = sorted({n for _, n in pieces if n is not None} - allowed)
            if extra:
                raise InvalidTemplateError(
                    source,
                    form,
                    f"{{{extra[0]}}} is not a placeholder of the English message",
                )
    return entry


@functools.cache
def _SOURCE_NAMES(message_id: str) -> frozenset[str]:  # noqa: N802
    names: frozenset[str] = frozenset()
    for pieces in _entry(message_id, _SOURCE):
        names |= {name for _, name in pieces if name is not None}
    return names


@functools.cache
def _catalog(language: str) -> _Compiled:
    kind, data = _read_packaged(language)
    catalog = read_mo(BytesIO(data)) if kind == "mo" else read_po(BytesIO(data))
    return _compile(catalog)


def _compile(catalog: Catalog) -> _Compiled:
    """Usable entries of a catalog: translated and not fuzzy (as msgfmt does)."""
    forms: dict[str, tuple[str, ...]] = {}
    plural_ids: set[str] = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        plural = isinstance(message.id, tuple | list)  # read_mo gives lists
        key = message.id[0] if plural else message.id
        strings = (
            message.string
            if isinstance(message.string, tuple | list)
            else (message.string,)
        )
        if not all(strings):
            continue
        forms[str(key)] = tuple(str(s) for s in strings)
        if plural:
            plural_ids.add(str(key))
    return _Compiled(forms, frozenset(plural_ids), gettext.c2py(catalog.plural_expr))


def _read_packaged(language: str) -> tuple[str, bytes]:
    """The packaged catalog of ``language``: the compiled ``.mo`` when the
    build made one, else the ``.po`` source. Called lazily, once per language
    (through the cache of :func:`_catalog`)."""
    folder = files("accountcore") / "locale" / language / "LC_MESSAGES"
    for kind in ("mo", "po"):
        source = folder / f"{DOMAIN}.{kind}"
        try:
            data = source.read_bytes()  # io-ok: packaged message catalogs, read-only
        except FileNotFoundError:
            continue
        return kind, data
    raise DefinitionError(
        "This installation of accountcore",
        [
            f"the {language!r} message catalog is missing "
            f"(locale/{language}/LC_MESSAGES/{DOMAIN}.po)"
        ],
    )
