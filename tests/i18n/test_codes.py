"""No code in a sentence: every enum or code value that reaches a text is
shown through its own catalog label, in every language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest

from accountcore.clients import ClientKind, ClientStatus, ClientTier
from accountcore.discounts import ClientFacts, Conditions, Reason
from accountcore.discounts.conditions import Context
from accountcore.discounts.quote import approval_label
from accountcore.i18n import LANGUAGES, Message, Percent
from accountcore.money import Money
from accountcore.pipeline import Refusal
from accountcore.pipeline.messages import DEFAULT_STAGES, forecast_label
from accountcore.pipeline.stages import ForecastCategory
from accountcore.quotas import Standing
from accountcore.quotas.review import _STANDING_IDS
from accountcore.reliability import registered_kinds
from accountcore.reliability.monitoring import _factor_label

LOCALES = {"et": "et_EE", "uk": "uk_UA", "ja": "ja_JP", "ro": "ro_RO", "lv": "lv_LV"}
assert set(LOCALES) | {"en"} == set(LANGUAGES)

# a message, the code it was given and the label that code should show as
Case = tuple[Message, str, Message]


def _client_reasons() -> Iterator[Case]:
    """Conditions on a client's tier, kind and status, refused for every value."""
    facets: list[tuple[str, str, type[ClientTier | ClientKind | ClientStatus]]] = [
        ("tier", "tiers", ClientTier),
        ("kind", "kinds", ClientKind),
        ("status", "statuses", ClientStatus),
    ]
    for facet, allowed, values in facets:
        for member in values:
            others = [m.value for m in values if m is not member]
            conditions = Conditions(**{allowed: others})  # type: ignore[arg-type]
            context = Context(
                on=dt.date(2026, 3, 1),
                client=ClientFacts(**{facet: member.value}),  # type: ignore[arg-type]
                product="drill",
                category=None,
                quantity=Decimal(1),
                amount=Money("10", "EUR"),
                code=None,
                years=0,
            )
            reason = conditions.check(context)
            assert reason is not None
            yield (
                reason.message,
                member.value,
                Message.of(f"clients.{facet}.{member.value}"),
            )


def _approvals() -> Iterator[Case]:
    for level in ("manager", "director", "ceo", "board"):
        label = approval_label(level)
        assert isinstance(label, Message)
        reason = Reason.of(
            "approval_not_allowed", percent=Percent(Decimal("0.35")), level=label
        )
        yield reason.message, level, label
        yield Message.of("discounts.explain.approval", level=label), level, label
        yield (
            Message.of("discounts.explain.approval_not_allowed", level=label),
            level,
            label,
        )


def _stages() -> Iterator[Case]:
    for key in DEFAULT_STAGES:
        label = Message.of(f"pipeline.stage.{key}")
        refusal = Refusal.of("reason_required", stage=key)
        yield refusal.message, key, label
        moved = Refusal.of("no_skipping", source=key, target=key)
        yield moved.message, key, label


def _forecasts() -> Iterator[Case]:
    for category in ForecastCategory:
        label = forecast_label(category.value)
        yield label, category.value, label


def _factors() -> Iterator[Case]:
    for code in registered_kinds():
        label = _factor_label(code)
        alert = Message.of(
            "reliability.monitor.payment_worse",
            factor=label,
            before=Decimal("78.00"),
            after=Decimal("60.00"),
        )
        yield alert, code, label


def _standings() -> Iterator[Case]:
    for standing in Standing:
        label = Message.of(_STANDING_IDS[standing])
        missed = Message.of(
            "quotas.review.missed",
            period="Q1",
            ratio=Percent(Decimal("0.8"), 0),
            limit=Percent(Decimal("0.9"), 0),
            count=2,
            standing=label,
        )
        yield missed, standing.value, label


SOURCES: dict[str, Callable[[], Iterator[Case]]] = {
    "client tier, kind, status": _client_reasons,
    "approval level": _approvals,
    "stage": _stages,
    "forecast category": _forecasts,
    "reliability factor": _factors,
    "quota standing": _standings,
}


def _words(code: str) -> re.Pattern[str]:
    """The code as written (``contract_signed``) or spaced (``contract signed``)."""
    spaced = re.escape(code).replace("_", "[_ ]")
    return re.compile(rf"(?<![^\W\d_]){spaced}(?![^\W\d_])", re.IGNORECASE)


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("language", sorted(LOCALES))
def test_no_code_reaches_a_sentence_untranslated(source: str, language: str) -> None:
    locale = LOCALES[language]
    cases = list(SOURCES[source]())
    assert cases
    untranslated = []
    for message, code, label in cases:
        text = message.render(locale)
        shown = label.render(locale)
        assert shown in text, (message.id, text)
        # the code word may appear only where its own translation has it
        if _words(code).search(text.replace(shown, "")):
            untranslated.append((message.id, code, text))
    assert untranslated == []


def test_a_code_of_your_own_stays_as_written() -> None:
    facts = ClientFacts(tier="key")
    context = Context(
        on=dt.date(2026, 3, 1),
        client=facts,
        product="drill",
        category=None,
        quantity=Decimal(1),
        amount=Money("10", "EUR"),
        code=None,
        years=0,
    )
    reason = Conditions(tiers=["gold"]).check(context)
    assert reason is not None
    # "gold" is the user's own tier name: shown as given in every language
    assert reason.render("et_EE") == "kliendi tase: Võtmeklient; reegel nõuab: gold"
    assert approval_label("CFO") == "CFO"
