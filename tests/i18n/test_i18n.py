"""The message catalogs and accountcore.i18n: six complete languages."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import accountcore
from accountcore import i18n
from accountcore.errors import (
    InvalidLocaleError,
    MessageParameterError,
    NaiveDatetimeError,
    UnknownMessageError,
)
from accountcore.i18n import (
    LANGUAGES,
    Message,
    catalog,
    format_number,
    format_percent,
    language_of,
    message_ids,
    placeholders,
    translate,
)
from accountcore.money import Money

SRC = Path(accountcore.__file__).parent
LOCALE = SRC / "locale"
ID_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def _po(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "accountcore.po").open("rb") as f:
        return read_po(f)


def _entries(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string
        found[key] = strings if isinstance(strings, tuple) else (strings,)
    return found


ENGLISH = _po("en")
ENGLISH_ENTRIES = _entries(ENGLISH)


# --- the catalogs -----------------------------------------------------------


def test_the_six_languages_each_have_a_catalog() -> None:
    on_disk = sorted(p.name for p in LOCALE.iterdir() if p.is_dir())

    assert sorted(LANGUAGES) == on_disk == ["en", "et", "ja", "lv", "ro", "uk"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_english_message_is_translated_and_not_fuzzy(language: str) -> None:
    catalog = _po(language)
    entries = _entries(catalog)

    missing = sorted(set(ENGLISH_ENTRIES) - set(entries))
    extra = sorted(set(entries) - set(ENGLISH_ENTRIES))
    fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
    empty = sorted(k for k, forms in entries.items() if not all(forms))

    assert (missing, extra, fuzzy, empty) == ([], [], [], [])


# CLDR's plural categories in the order gettext lists their forms (babel
# builds its Plural-Forms this way); a catalog's form i is for the i-th
# category the language uses.
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def _categories(language: str) -> tuple[str, ...]:
    rule = Locale.parse(language).plural_form
    used = {rule(n) for n in range(1001)}
    return tuple(category for category in CLDR_ORDER if category in used)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_every_form_of_the_language(language: str) -> None:
    """Compares what matters, not how babel happens to spell the expression.

    The catalog has one form per CLDR category the language uses for whole
    numbers, and for n = 0..200 its own Plural-Forms expression picks the
    form of the category CLDR gives n. CLDR's categories have been stable
    across babel releases (2.16, 2.18 and 2.19 all pass this); how babel
    writes the gettext expression has not (2.19 rewrote uk, ro and lv).
    """
    catalog = _po(language)
    categories = _categories(language)
    rule = Locale.parse(language).plural_form
    choose = gettext.c2py(catalog.plural_expr)

    chosen = {n: choose(n) for n in range(201)}
    expected = {n: categories.index(rule(n)) for n in range(201)}

    assert catalog.num_plurals == len(categories) == get_plural(language)[0]
    assert chosen == expected
    for message in catalog:
        if isinstance(message.id, tuple):
            assert len(message.string) == len(categories), message.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_of_every_translation_match_the_english_ones(
    language: str,
) -> None:
    entries = _entries(_po(language))
    wrong = []

    for key, english_forms in ENGLISH_ENTRIES.items():
        expected = {frozenset(placeholders(form)) for form in english_forms}
        assert len(expected) == 1, f"English forms of {key} disagree"
        for form in entries[key]:
            if frozenset(placeholders(form)) not in expected:
                wrong.append((key, form))

    assert wrong == []


def test_placeholders_are_plain_names_and_message_ids_are_dotted() -> None:
    bad_ids = [key for key in ENGLISH_ENTRIES if not ID_SHAPE.match(key)]
    bad_fields = [
        (key, name)
        for key, forms in ENGLISH_ENTRIES.items()
        for form in forms
        for name in placeholders(form)
        if not name.isidentifier()
    ]

    assert (bad_ids, bad_fields) == ([], [])


def test_every_message_id_used_in_the_source_is_in_the_english_catalog() -> None:
    keywords = {"translate": None, "N_": None, "of": None}
    used = {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(SRC), method_map=[("**.py", "python")], keywords=keywords
        )
        if isinstance(message, str) and ID_SHAPE.match(message)
    }

    assert sorted(used - set(ENGLISH_ENTRIES)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_mo_gives_the_same_messages_as_the_po(language: str) -> None:
    """What the wheel's build hook does (write_mo), read back as installed."""
    buffer = BytesIO()
    write_mo(buffer, _po(language), use_fuzzy=False)

    from_mo = catalog._compile(read_mo(BytesIO(buffer.getvalue())))
    from_po = catalog._compile(_po(language))

    assert from_mo.forms == from_po.forms
    assert from_mo.plural_ids == from_po.plural_ids


def test_the_loader_is_the_only_io_and_is_marked() -> None:
    source = (SRC / "i18n" / "catalog.py").read_text(encoding="utf-8")
    io_lines = [
        line
        for line in source.splitlines()
        if re.search(r"\b(open|read_bytes|read_text)\(", line)
    ]

    assert len(io_lines) == 1
    assert "# io-ok: packaged message catalogs, read-only" in io_lines[0]
    assert "import os" not in source
    assert "os.environ" not in source


# --- translate --------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "count", "expected"),
    [
        # Ukrainian: 1, 21 → one; 2–4, 22 → few; 5–20, 11, 25, 111 → many
        ("uk_UA", 1, "1 день"),
        ("uk_UA", 2, "2 дні"),
        ("uk_UA", 5, "5 днів"),
        ("uk_UA", 11, "11 днів"),
        ("uk_UA", 21, "21 день"),
        ("uk_UA", 22, "22 дні"),
        ("uk_UA", 111, "111 днів"),
        # Romanian: 1 → one; 0, 2–19, 101 → few; 20+ → "de"
        ("ro_RO", 1, "1 zi"),
        ("ro_RO", 19, "19 zile"),
        ("ro_RO", 20, "20 de zile"),
        ("ro_RO", 101, "101 zile"),
        # Latvian (CLDR): 1, 21, 101 → one; 0, 10–20, 30 → zero (genitive
        # plural); 2–9, 22 → other
        ("lv_LV", 21, "21 diena"),
        ("lv_LV", 101, "101 diena"),
        ("lv_LV", 11, "11 dienu"),
        ("lv_LV", 10, "10 dienu"),
        ("lv_LV", 0, "0 dienu"),
        ("lv_LV", 2, "2 dienas"),
        ("lv_LV", 22, "22 dienas"),
        # Japanese has one form; Estonian and English two
        ("ja_JP", 3, "3日"),
        ("et_EE", 1, "1 päev"),
        ("et_EE", 2, "2 päeva"),
        ("en_US", 1, "1 day"),
        ("en_US", 1000, "1,000 days"),
    ],
)
def test_plural_forms_follow_each_languages_rule(
    locale: str, count: int, expected: str
) -> None:
    assert translate("common.days", locale, count=count) == expected


def test_placeholders_are_formatted_for_the_locale() -> None:
    amount = Money("1234.5", "EUR")

    text = translate("analytics.forecast.weighted", "et_EE", amount=amount)

    assert text == "Kaalutud müügilehter: 1\xa0234,50\xa0€"


def test_a_language_without_catalog_falls_back_to_english_with_local_numbers() -> None:
    text = translate("analytics.forecast.weighted", "de_DE", amount=Money(5, "EUR"))

    assert text == "Weighted pipeline: 5,00\xa0€"


def test_the_locale_is_a_parameter_never_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(name, "uk_UA.UTF-8")

    assert translate("analytics.churn.title", "en_US") == "Churn risk"


def test_locale_spellings_all_find_the_same_catalog() -> None:
    assert {language_of(x) for x in ("ja", "ja_JP", "ja-JP")} == {"ja"}


@given(st.sampled_from(message_ids()), st.sampled_from(LANGUAGES))
def test_every_message_renders_in_every_language(message_id: str, lang: str) -> None:
    english = catalog._lookup(message_id, "en")
    params: dict[str, object] = {
        name: f"<{name}>" for form in english for name in placeholders(form)
    }
    if "count" in params:
        params["count"] = 3

    text = translate(message_id, lang, **params)

    assert text
    assert "{" not in text.replace("{", "", text.count("{") - text.count("<"))


def test_a_message_kept_as_data_renders_in_any_locale() -> None:
    note = Message.of("analytics.abc.summary", abc_class="A", clients="7", share="80%")

    assert note == Message.of(
        "analytics.abc.summary", share="80%", clients="7", abc_class="A"
    )
    assert note.render("ro_RO") == "Clasa A: 7, 80% din venituri"
    assert note.render("ja_JP") == "クラスA：7、売上の80%"


def test_numbers_keep_their_decimals_and_percentages_round_half_up() -> None:
    # 0.12345 → 12.345 % → 12.35 % at two digits (half up, not to even)
    assert format_percent(Decimal("0.12345"), "en_US", digits=2) == "12.35%"
    assert format_percent(Decimal("0.125"), "lv_LV", digits=0) == "13%"
    assert format_number(Decimal("1.50"), "uk_UA") == "1,50"


def test_dates_and_aware_datetimes_are_formatted_by_babel() -> None:
    moment = dt.datetime(2026, 3, 31, 9, 30, tzinfo=dt.UTC)

    assert i18n.format_value(dt.date(2026, 3, 31), "en_US") == "Mar 31, 2026"
    assert i18n.format_value(moment, "en_US").startswith("Mar 31, 2026")


# --- errors -----------------------------------------------------------------


def test_an_unknown_locale_is_refused_by_name() -> None:
    with pytest.raises(InvalidLocaleError, match="'zz_ZZ'"):
        translate("analytics.abc.title", "zz_ZZ")


def test_an_unknown_message_id_is_refused_by_name() -> None:
    with pytest.raises(UnknownMessageError, match=r"'analytics\.nope'"):
        translate("analytics.nope", "en_US")


def test_a_missing_or_unexpected_parameter_is_named() -> None:
    with pytest.raises(MessageParameterError, match="missing amount; unexpected amout"):
        translate("analytics.forecast.weighted", "en_US", amout="1")


def test_a_plural_message_needs_an_integer_count() -> None:
    with pytest.raises(MessageParameterError, match=r"count must be an int, got '3'"):
        translate("common.days", "en_US", count="3")


def test_a_value_that_cannot_be_formatted_is_named() -> None:
    with pytest.raises(MessageParameterError, match=r"amount=1\.5 cannot be formatted"):
        translate("analytics.forecast.weighted", "en_US", amount=1.5)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="2026-03-31T09:30:00"):
        i18n.format_value(dt.datetime(2026, 3, 31, 9, 30), "en_US")
