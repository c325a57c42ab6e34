"""Reliability, discounts and pipeline explanations in six languages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

import accountcore
from accountcore.discounts import REASON_TEMPLATES, Reason
from accountcore.i18n import LANGUAGES, Message, message_ids
from accountcore.pipeline import Pipeline, Verdict
from accountcore.pipeline_messages import DEFAULT_STAGES
from accountcore.refusals import _UNTRANSLATED, BUILTIN_CODES, Refusal
from accountcore.reliability.messages import (
    LIMITED_BY_IDS,
    SIGN_IDS,
    TEMPLATE_IDS,
    ZONE_IDS,
    localise,
)
from accountcore.reliability.profile import ClientProfile, WarningSign
from accountcore.reliability.scorecard import Reason as ScoreReason
from accountcore.reliability.scorecard import Scorecard
from accountcore.stages import ForecastCategory

SRC = Path(accountcore.__file__).parent
KNOWN = set(message_ids())


def test_every_reliability_template_in_the_factors_has_a_catalog_message() -> None:
    source = (SRC / "reliability" / "factors.py").read_text(encoding="utf-8")
    source += (SRC / "reliability" / "monitoring.py").read_text(encoding="utf-8")
    ids = {*TEMPLATE_IDS.values(), *SIGN_IDS.values(), *ZONE_IDS.values()}

    assert ids - KNOWN == set()
    assert {LIMITED_BY_IDS[k] for k in LIMITED_BY_IDS} <= KNOWN
    assert {sign.value for sign in WarningSign} == set(SIGN_IDS)
    # every literal sentence in the factors is one we know (first words)
    for template in TEMPLATE_IDS:
        assert (
            template.split("{")[0][:20]
            in source.replace('"\n', "").replace('            "', "")
            or template.startswith("No data")
            or template.startswith("{")
        )


def test_every_discount_reason_code_has_a_catalog_message() -> None:
    ids = {f"discounts.reason.{code}" for code in REASON_TEMPLATES}

    assert ids - KNOWN == set()


def test_every_pipeline_refusal_stage_and_category_has_a_catalog_message() -> None:
    ids = {f"pipeline.refusal.{code}" for code in BUILTIN_CODES - _UNTRANSLATED}
    ids |= {f"pipeline.stage.{key}" for key in DEFAULT_STAGES}
    ids |= {f"pipeline.forecast.{c.value}" for c in ForecastCategory}

    assert ids - KNOWN == set()
    assert [s.key for s in Pipeline.default().stages] == list(DEFAULT_STAGES)


def test_english_reasons_read_as_before() -> None:
    finding = ScoreReason(
        "payment.days_beyond_terms",
        Decimal("20"),
        "Pays {days} days beyond terms on average ({count} invoices): "
        "payment index {index}.",
        {"days": "12.50", "count": "4", "index": "80"},
    )
    quote_reason = Reason("quantity_short", {"quantity": "5", "minimum": "10"})
    refusal = "a reason is required to move to 'lost'"

    assert finding.render("en_US") == finding.message
    assert quote_reason.render("en_US") == quote_reason.message
    assert Verdict("needs", "lost", (refusal,)).render("en_US") == [refusal]


def test_a_score_is_explained_in_ukrainian_and_japanese() -> None:
    profile = ClientProfile(
        "EUR",
        founded=dt.date(2012, 5, 1),
        employees=80,
        warning_signs=[WarningSign.TAX_ARREARS],
    )
    score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))

    ukrainian = score.explain("uk_UA")
    japanese = score.explain("ja_JP")

    assert any("Тривожна ознака: податковий борг." in line for line in ukrainian)
    assert japanese[0].startswith("信用スコア")
    assert any("警告サイン：税金の滞納。" in line for line in japanese)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", "In business for 1 full year."),
        ("uk_UA", "Працює на ринку 21 повний рік."),
        ("ro_RO", "Activează de 20 de ani compleți."),
        ("lv_LV", "Darbojas 5 pilnus gadus."),
    ],
)
def test_years_in_business_take_the_plural_form_of_the_language(
    locale: str, expected: str
) -> None:
    years = {"en_US": "1", "uk_UA": "21", "ro_RO": "20", "lv_LV": "5"}[locale]

    text = localise("In business for {years} full years.", {"years": years})

    assert text.render(locale) == expected


def test_a_near_miss_hint_in_estonian_and_latvian() -> None:
    hint = Reason(
        "more_units", {"units": "5", "target": "the 10 % tier", "rule": "'bulk'"}
    )

    assert hint.render("et_EE") == "veel 5 ühikut ja kehtib 'bulk': 10% aste"
    assert hint.render("lv_LV") == "'bulk': 10% pakāpe, vēl vajadzīgs vienību: 5"


def test_amounts_in_a_discount_warning_follow_the_locale() -> None:
    warning = Reason(
        "negative_capped",
        {"line": "2", "wanted": "1250.00 EUR", "allowed": "1200.00 EUR"},
    )

    assert warning.render("ro_RO") == (
        "linia 2: reducerile de 1.250,00\xa0EUR reduse la valoarea de listă "
        "1.200,00\xa0EUR"
    )


def test_a_refused_move_is_rendered_in_romanian_and_ukrainian() -> None:
    verdict = Verdict.of(
        "negotiation",
        "contract_signed",
        [
            Refusal.of("amount_missing"),
            Refusal.of("forbidden", source="needs", target="lost"),
        ],
    )

    assert verdict.render("ro_RO") == [
        "lipsește valoarea",
        "pipeline-ul interzice trecerea „Identificarea nevoilor” → „Pierdută”",
    ]
    assert verdict.render("uk_UA")[1] == (
        "воронка забороняє перехід «Виявлення потреб» → «Програна»"
    )


def test_an_unknown_reason_shows_its_english_text_in_every_language() -> None:
    unknown = Refusal("budget_owner", "budget owner unknown")

    texts = {unknown.render(lang) for lang in LANGUAGES}

    assert texts == {"budget owner unknown"}


def test_client_labels_exist_for_every_status_tier_and_kind() -> None:
    from accountcore.clients import ClientKind, ClientStatus, ClientTier

    ids = {f"clients.status.{s.value}" for s in ClientStatus}
    ids |= {f"clients.tier.{t.value}" for t in ClientTier}
    ids |= {f"clients.kind.{k.value}" for k in ClientKind}

    assert ids - KNOWN == set()
    assert Message.of("clients.tier.key").render("et_EE") == "Võtmeklient"


def test_our_blocks_are_headed_in_every_catalog() -> None:
    for lang in LANGUAGES:
        text = (SRC / "locale" / lang / "LC_MESSAGES" / "accountcore.po").read_text(
            encoding="utf-8"
        )
        for header in ("reliability", "discounts", "pipeline", "clients"):
            assert re.search(rf"^# --- {header} ---$", text, re.M), (lang, header)


def test_a_refusal_naming_several_stages_names_each_in_the_language() -> None:
    """The case the old sentence matching fell back to English for."""
    refusal = Refusal.of("won_by_entering", stage=("contract_signed", "fulfilment"))

    assert refusal.text == (
        "a deal is won by entering 'contract_signed' or 'fulfilment'"
    )
    assert refusal.render("uk_UA") == (
        "угода виграна, коли переходить до етапу «Договір підписано або Виконання»"
    )


def test_a_real_refusal_of_the_default_pipeline_renders_from_its_codes() -> None:
    import pendulum

    sales = Pipeline.default()
    at = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Riga")
    deal = sales.new_deal("D-1", client_id="C-1", owner="anna", at=at, by="anna")

    verdict = sales.check(deal, "contract_signed", at=at)

    assert [r.code for r in verdict.refusals] == [
        "amount_missing",
        "amount_positive_missing",
        "contact_missing",
    ]
    assert verdict.render("ja_JP")[2] == "先方の担当者が未入力です"
    assert verdict.render("lv_LV")[0] == "nav norādīta summa"


def test_a_refusal_of_your_own_shows_its_english_text_in_every_language() -> None:
    refusal = Refusal("no_sunday", "no deals are signed on Sunday")

    verdict = Verdict.of("needs", "lost", [refusal])

    assert verdict.unmet == ("no deals are signed on Sunday",)
    assert verdict.render("ro_RO") == ["no deals are signed on Sunday"]
    assert verdict.messages[0].id == "pipeline.refusal.custom"
