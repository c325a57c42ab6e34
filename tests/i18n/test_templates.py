"""Safe templates: named placeholders only, filled with the library's own
formatting; a template that asks for more is refused by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from babel.messages.catalog import Catalog

from accountcore.errors import (
    AmountTypeError,
    InvalidLocaleError,
    InvalidTemplateError,
    MessageParameterError,
    StructureError,
    UnknownMessageError,
)
from accountcore.i18n import (
    LANGUAGES,
    Message,
    catalog,
    fill_template,
    format_value,
    placeholders,
    translate,
)
from accountcore.reliability.scorecard import Reason as ScorecardReason
from accountcore.serialization import structure

REFUSED = [
    # attribute and index access walk the value's objects
    ("{count.__class__.__mro__}", "{count.__class__.__mro__} is not a plain name"),
    ("{count[0]}", "{count[0]} is not a plain name"),
    # a width builds a string as long as it says (50 MB here)
    ("{count:>50000000}", "{count:>50000000} asks for a format spec"),
    ("{count:{width}}", "{count:{width}} asks for a format spec"),
    ("{count!r}", "{count!r} asks for a conversion"),
    ("{count!s:^9}", "{count!s:^9} asks for a conversion"),
    ("{} and {0}", "{} is a positional field"),
    ("{0}", "{0} is not a plain name"),
    ("{count", "it does not parse (expected '}' before end of string)"),
    ("count}", "it does not parse (Single '}' encountered in format string)"),
]


@pytest.mark.parametrize(("template", "fault"), REFUSED)
def test_a_template_asking_for_more_than_named_placeholders_is_refused(
    template: str, fault: str
) -> None:
    for use in (placeholders, lambda t: fill_template(t, {"count": "3"})):
        with pytest.raises(InvalidTemplateError) as caught:
            use(template)

        assert caught.value.fault == fault
        assert caught.value.template == template
        assert f"{fault}, in {template!r}" in str(caught.value)


def test_a_template_is_filled_with_the_values_as_given_and_braces_escape() -> None:
    text = fill_template("{{{owner}}}: {count} deals", {"owner": "ana", "count": "3"})

    assert text == "{ana}: 3 deals"
    # a value is never read as a template itself
    assert fill_template("{x}", {"x": "{x.__class__}"}) == "{x.__class__}"


def test_a_long_template_is_shown_shortened_in_the_error() -> None:
    template = "{count.real}" + "x" * 10_000

    with pytest.raises(InvalidTemplateError) as caught:
        placeholders(template)

    assert "{count.real} is not a plain name" in str(caught.value)
    assert len(str(caught.value)) < 400
    assert caught.value.template == template


def test_a_placeholder_without_a_value_or_a_value_not_text_is_named() -> None:
    with pytest.raises(MessageParameterError, match="missing owner"):
        fill_template("{owner} {count}", {"count": "3"})
    with pytest.raises(MessageParameterError, match="count=3 is not a str"):
        fill_template("{count}", {"count": 3})  # type: ignore[dict-item]
    with pytest.raises(InvalidTemplateError, match="it is not a str"):
        fill_template(None, {})  # type: ignore[arg-type]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_catalog_entry_uses_named_placeholders_only(
    language: str,
) -> None:
    compiled = catalog._catalog(language)
    refused = []

    for message_id, forms in compiled.forms.items():
        for form in forms:
            try:
                catalog._parse(form, f"message {message_id!r} ({language})")
            except InvalidTemplateError as error:
                refused.append(str(error))
        # and the entry as translate uses it: its names among the English ones
        catalog._entry(message_id, language)

    assert refused == []


# --- a catalog entry that breaks the rule ----------------------------------------


def _compiled(entries: dict[str, str]) -> catalog._Compiled:
    crafted = Catalog(locale="en")
    for message_id, text in entries.items():
        crafted.add(message_id, text)
    return catalog._compile(crafted)


@pytest.fixture
def crafted(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English and Estonian catalogs with entries that break the rule (the
    real catalogs otherwise; the lookup caches cleared around the test)."""
    real = catalog._catalog
    english = _compiled(
        {
            "test.walk": "{count.__class__.__mro__}",
            "test.wide": "{count:>50000000}",
            "test.plain": "{count} items",
        }
    )
    estonian = _compiled({"test.plain": "{count} {secret}"})

    def patched(language: str) -> catalog._Compiled:
        return {"en": english, "et": estonian}.get(language) or real(language)

    catalog._entry.cache_clear()
    catalog._SOURCE_NAMES.cache_clear()
    monkeypatch.setattr(catalog, "_catalog", patched)
    yield
    monkeypatch.undo()
    catalog._entry.cache_clear()
    catalog._SOURCE_NAMES.cache_clear()


@pytest.mark.usefixtures("crafted")
def test_a_catalog_entry_walking_attributes_is_refused_naming_it() -> None:
    with pytest.raises(InvalidTemplateError) as caught:
        translate("test.walk", "en_US", count=3)

    assert caught.value.source == "message 'test.walk' (en)"
    assert "{count.__class__.__mro__} is not a plain name" in str(caught.value)


@pytest.mark.usefixtures("crafted")
def test_a_catalog_entry_with_a_width_is_refused_before_building_anything() -> None:
    with pytest.raises(InvalidTemplateError, match=r"\{count:>50000000\} asks"):
        Message.of("test.wide", count=3).render("en_US")


@pytest.mark.usefixtures("crafted")
def test_a_translation_may_not_add_a_placeholder_of_its_own() -> None:
    assert translate("test.plain", "en_US", count=3) == "3 items"

    with pytest.raises(InvalidTemplateError) as caught:
        translate("test.plain", "et_EE", count=3)

    assert caught.value.source == "message 'test.plain' (et)"
    assert "{secret} is not a placeholder of the English message" in str(caught.value)


# --- stored templates (reliability explanations stored before messages) ----------


@pytest.mark.parametrize(
    ("template", "shown"),
    [
        ("{count.__class__.__mro__}", r"\{count.__class__.__mro__\} is not a plain"),
        ("{count:>50000000}", r"\{count:>50000000\} asks for a format spec"),
        ("{count[0]}", r"\{count\[0\]\} is not a plain name"),
    ],
)
def test_a_stored_template_asking_for_more_than_names_is_refused(
    template: str, shown: str
) -> None:
    document = {
        "code": "x",
        "points": "1",
        "template": template,
        "params": {"count": "3"},
    }

    with pytest.raises(StructureError, match=shown):
        structure(document, ScorecardReason)


def test_a_stored_template_is_filled_from_text_and_whole_numbers_only() -> None:
    plain = {"code": "x", "points": "1", "template": "{count} days", "params": {}}

    reason = structure({**plain, "params": {"count": 3}}, ScorecardReason)

    assert reason.text == "3 days"
    with pytest.raises(StructureError, match=r"count=\[3\] is not a str"):
        structure({**plain, "params": {"count": [3]}}, ScorecardReason)


# --- the values and the keys of a message ----------------------------------------


def test_a_value_the_library_cannot_format_is_its_own_type_error() -> None:
    with pytest.raises(AmountTypeError, match=r"a message value must be .*\(1\.5\)"):
        format_value(1.5, "en_US")
    with pytest.raises(TypeError):
        format_value(object(), "en_US")


def test_a_message_id_or_locale_of_the_wrong_type_is_refused_by_name() -> None:
    with pytest.raises(UnknownMessageError, match=r"\['common', 'days'\]"):
        Message(["common", "days"]).render("en_US")  # type: ignore[arg-type]
    with pytest.raises(InvalidLocaleError, match=r"\['en'\]"):
        translate("common.days", ["en"], count=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidLocaleError, match="None"):
        format_value(dt.date(2026, 1, 1), None)  # type: ignore[arg-type]
    assert format_value(Decimal("1.50"), "en_US") == "1.50"
