"""Reliability, discounts and pipeline explanations in six languages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

import accountcore
from accountcore.discounts import REASON_CODES, Reason
from accountcore.i18n import LANGUAGES, Message, Percent, message_ids
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import DEFAULT_STAGES, ForecastCategory, Pipeline, Verdict
from accountcore.pipeline.refusals import _UNTRANSLATED, BUILTIN_CODES, Refusal
from accountcore.quotas import Attainment, Quota, QuotaReview, ReviewPolicy, attainment
from accountcore.reliability.messages import (
    LIMITED_BY_IDS,
    SIGN_IDS,
    ZONE_IDS,
)
from accountcore.reliability.profile import ClientProfile, WarningSign
from accountcore.reliability.scorecard import Reason as ScoreReason
from accountcore.reliability.scorecard import Scorecard

SRC = Path(accountcore.__file__).parent
KNOWN = set(message_ids())


def test_every_reliability_label_has_a_catalog_message() -> None:
    """The messages the package makes are checked by the extraction test of
    test_i18n (they are written ``Message.of("reliability....")``); the
    labels that fill them are looked up from these tables."""
    ids = {*SIGN_IDS.values(), *ZONE_IDS.values(), *LIMITED_BY_IDS.values()}

    assert ids - KNOWN == set()
    assert {sign.value for sign in WarningSign} == set(SIGN_IDS)


def test_every_discount_reason_code_has_a_catalog_message() -> None:
    ids = {f"discounts.reason.{code}" for code in REASON_CODES}

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
        Message.of(
            "reliability.payment.days_beyond_terms",
            days=Decimal("12.50"),
            count=4,
            index=Decimal("80"),
        ),
    )
    quote_reason = Reason("quantity_short", {"quantity": "5", "minimum": "10"})
    refusal = "a reason is required to move to 'lost'"

    assert (
        finding.render("en_US")
        == finding.text
        == ("Pays 12.50 days beyond terms on average (4 invoices): payment index 80.")
    )
    assert quote_reason.render("en_US") == quote_reason.text
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
    years = {"en_US": 1, "uk_UA": 21, "ro_RO": 20, "lv_LV": 5}[locale]

    text = Message.of("reliability.stability.age", count=years)

    assert text.render(locale) == expected


def test_a_near_miss_hint_in_estonian_and_latvian() -> None:
    tier = Message.of("discounts.target.tier", percent=Percent(Decimal("0.1")))
    hint = Reason("more_units", {"units": Decimal(5), "target": tier, "rule": "bulk"})

    # a count in a label, so one unit reads as well as five; each language
    # quotes the rule's name its own way
    assert hint.render("et_EE") == "„bulk“: 10% aste, puudu ühikuid: 5"
    assert hint.render("lv_LV") == "“bulk”: 10% pakāpe, vēl vajadzīgs vienību: 5"


def test_amounts_in_a_discount_warning_follow_the_locale() -> None:
    warning = Reason(
        "negative_capped",
        {
            "line": 2,
            "wanted": Money("1250.00", "EUR"),
            "allowed": Money("1200.00", "EUR"),
        },
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
        "угода виграна, коли переходить до етапу «Договір підписано або Виконання договору»"
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


# --- commission statement lines and quota reviews, two languages each ---

_V = {
    "amount": Money("300.00", "EUR"),
    "attainment": Percent(Decimal("1.1")),
    "average": Decimal("4.6"),
    "balance": Money("460.00", "EUR"),
    "basis": Money("1000.00", "EUR"),
    "count": 3,
    "deal": "D-7",
    "factor": Percent(Decimal("0.9")),
    "hits": 1,
    "limit": Money("8000.00", "EUR"),
    "lower": Percent(Decimal("1")),
    "misses": 2,
    "multiplier": Decimal("1.5"),
    "needed": 3,
    "number": 2,
    "paid": Money("9000.00", "EUR"),
    "period": "2026-01",
    "rate": Percent(Decimal("0.04")),
    "ratio": Percent(Decimal("0.8")),
    "share": Percent(Decimal("0.5")),
    "standing": Message.of("quotas.standing.warning"),
    "target": Money("5000.00", "EUR"),
    "threshold": Percent(Decimal("1.2")),
    "tier": Message.of("reports.tier.vip"),
    "upper": Percent(Decimal("1.2")),
    "year": "2026",
}
_OVERRIDES: dict[str, dict[str, object]] = {
    "commissions.line.feedback": {"threshold": Decimal("4.5")},
    "commissions.line.clawback": {"period": "2026-Q1"},
    # sections' bounds are amounts, not attainment
    "commissions.line.section": {"lower": Decimal("1000"), "upper": Decimal("4999.99")},
    "commissions.line.section_open": {"lower": Decimal("1000")},
    **{
        f"commissions.line.discount_{key}": {"lower": Percent(Decimal("0.1"))}
        for key in ("from", "above", "beyond", "beyond_above")
    },
    **{
        f"commissions.line.discount_{key}": {
            "lower": Percent(Decimal("0.1")),
            "upper": Percent(Decimal("0.2")),
        }
        for key in ("below", "up_to")
    },
    "commissions.line.discount_at_most": {"upper": Percent(Decimal("0.2"))},
}
_ROWS = [
    ("commissions.line.salary", "ja_JP", "基本給", "et_EE", "põhipalk"),
    (
        "commissions.line.salary_prorated",
        "lv_LV",
        "pamatalga par 50% no perioda",
        "uk_UA",
        "базовий оклад за 50% періоду",
    ),
    (
        "commissions.line.flat_rate",
        "et_EE",
        "4% arvestatud summast 1\xa0000,00\xa0€",
        "ro_RO",
        "4\xa0% din suma creditată de 1.000,00\xa0EUR",
    ),
    (
        "commissions.line.tier_slice",
        "uk_UA",
        "4% від 1\xa0000,00\xa0EUR (рівень від 100% до 120%)",
        "ja_JP",
        "€1,000.00に対して4%（段階 100%～120%）",
    ),
    (
        "commissions.line.tier_slice_open",
        "ro_RO",
        "4\xa0% din 1.000,00\xa0EUR (treapta de la 100\xa0%)",
        "lv_LV",
        "4% no 1\xa0000,00\xa0€ (pakāpe no 100%)",
    ),
    (
        "commissions.line.tier_all",
        "ja_JP",
        "計上額全体€1,000.00に対して4%（段階 100%～120%）",
        "et_EE",
        "4% kogu arvestatud summalt 1\xa0000,00\xa0€ (aste 100%–120%)",
    ),
    (
        "commissions.line.tier_all_open",
        "lv_LV",
        "4% no visas ieskaitītās summas 1\xa0000,00\xa0€ (pakāpe no 100%)",
        "uk_UA",
        "4% від усієї зарахованої суми 1\xa0000,00\xa0EUR (рівень від 100%)",
    ),
    (
        "commissions.line.tier_retroactive",
        "et_EE",
        "4% kogu arvestatud summalt 1\xa0000,00\xa0€ (plaani täitmine 110%)",
        "ro_RO",
        "4\xa0% din întreaga sumă creditată de 1.000,00\xa0EUR (realizare 110\xa0%)",
    ),
    (
        "commissions.line.tier_share",
        "uk_UA",
        "4% від 1\xa0000,00\xa0EUR — частки за виконання плану від 100% до 120%",
        "ja_JP",
        "達成率100%～120%に相当する€1,000.00に対して4%",
    ),
    (
        "commissions.line.tier_share_open",
        "ro_RO",
        "4\xa0% din 1.000,00\xa0EUR, partea pentru realizarea de peste 100\xa0%",
        "lv_LV",
        "4% no 1\xa0000,00\xa0€ — daļas par plāna izpildi no 100%",
    ),
    (
        "commissions.line.pay_curve",
        "ja_JP",
        "達成率110%の報酬カーブ：目標インセンティブ€5,000.00の90%",
        "et_EE",
        "tasukõver plaani täitmisel 110%: 90% sihtpreemiast 5\xa0000,00\xa0€",
    ),
    (
        "commissions.line.accelerator",
        "lv_LV",
        "×1,5 atlīdzībai par plāna izpildi no 100% līdz 120% (50% no ieskaitītās summas)",
        "uk_UA",
        "×1,5 до винагороди за виконання плану від 100% до 120% (50% зарахованої суми)",
    ),
    (
        "commissions.line.accelerator_open",
        "et_EE",
        "×1,5 tasult plaani täitmise eest üle 100% (50% arvestatud summast)",
        "ro_RO",
        "×1,5 la plata pentru realizarea de peste 100\xa0% (50\xa0% din suma creditată)",
    ),
    (
        "commissions.line.gate",
        "uk_UA",
        "виконання плану 110% нижче порогу 120%: змінну винагороду не виплачено",
        "ja_JP",
        "達成率110%が基準120%に届かないため、変動報酬は支給されません",
    ),
    (
        "commissions.line.cap",
        "ro_RO",
        "plata variabilă de 9.000,00\xa0EUR plafonată la 8.000,00\xa0EUR",
        "lv_LV",
        "mainīgā atlīdzība 9\xa0000,00\xa0€ ierobežota līdz 8\xa0000,00\xa0€",
    ),
    (
        "commissions.line.bonus",
        "ja_JP",
        "売上目標120%達成ボーナス",
        "et_EE",
        "preemia müügiplaani 120% täitmise eest",
    ),
    (
        "commissions.line.new_clients",
        "lv_LV",
        "3 jauni klienti × 300,00\xa0€",
        "uk_UA",
        "3 нові клієнти × 300,00\xa0EUR",
    ),
    (
        "commissions.line.clients_served",
        "et_EE",
        "3 teenindatud klienti × 300,00\xa0€",
        "ro_RO",
        "3 clienți deserviți × 300,00\xa0EUR",
    ),
    (
        "commissions.line.feedback",
        "uk_UA",
        "середня оцінка 4,6 (оцінок: 3) досягла рівня 4,5",
        "ja_JP",
        "平均評価4.6（評価数：3）が4.5に到達",
    ),
    (
        "commissions.line.spiff",
        "ro_RO",
        "3 × 300,00\xa0EUR",
        "lv_LV",
        "3 × 300,00\xa0€",
    ),
    (
        "commissions.line.held",
        "ja_JP",
        "維持顧客3件 × €300.00（VIP顧客）",
        "et_EE",
        "3 hoitud klienti × 300,00\xa0€ (VIP-klient)",
    ),
    (
        "commissions.line.draw_advance",
        "lv_LV",
        "avanss 300,00\xa0€",
        "uk_UA",
        "аванс 300,00\xa0EUR",
    ),
    (
        "commissions.line.draw_settled",
        "et_EE",
        "avanss tasaarveldatud teenitud tasuga",
        "ro_RO",
        "avans compensat din câștiguri",
    ),
    (
        "commissions.line.draw_recovery",
        "uk_UA",
        "утримання попередніх авансів (залишок 460,00\xa0EUR)",
        "ja_JP",
        "過去の前払いの回収（残高€460.00）",
    ),
    (
        "commissions.line.draw_recoverable",
        "ro_RO",
        "avans de 300,00\xa0EUR, de recuperat",
        "lv_LV",
        "avanss 300,00\xa0€, atgūstams",
    ),
    (
        "commissions.line.top_up_recovery",
        "ja_JP",
        "過去の保証補填の回収（残高€460.00）",
        "et_EE",
        "varasemate garantii-juurdemaksete tagasinõue (jääk 460,00\xa0€)",
    ),
    (
        "commissions.line.top_up",
        "lv_LV",
        "piemaksa līdz garantētajiem 300,00\xa0€",
        "uk_UA",
        "доплата до гарантованих 300,00\xa0EUR",
    ),
    (
        "commissions.line.top_up_recoverable",
        "et_EE",
        "garantii-juurdemakse summani 300,00\xa0€, tagastatav",
        "ro_RO",
        "completare până la garanția de 300,00\xa0EUR, de recuperat",
    ),
    (
        "commissions.line.true_up",
        "uk_UA",
        "змінна винагорода, уже виплачена у фінансовому році 2026",
        "ja_JP",
        "2026会計年度に支払済みの変動報酬",
    ),
    (
        "commissions.line.clawback",
        "et_EE",
        "tehingu D-7 tasu tagasinõue (makstud perioodil 2026-Q1)",
        "ro_RO",
        "recuperarea comisionului pentru tranzacția D-7 (plătit în perioada 2026-Q1)",
    ),
    ("quotas.standing.good", "ro_RO", "bună", "lv_LV", "laba"),
    ("quotas.standing.warning", "ja_JP", "警告", "et_EE", "hoiatus"),
    (
        "quotas.standing.probation",
        "lv_LV",
        "darba rezultātu uzlabošanas periods",
        "uk_UA",
        "період покращення результатів",
    ),
    (
        "quotas.standing.dismissal_recommended",
        "et_EE",
        "soovitatav töölt vabastada",
        "ro_RO",
        "se recomandă concedierea",
    ),
    ("quotas.review.period", "uk_UA", "період 2", "ja_JP", "第2期"),
    (
        "quotas.review.met",
        "ro_RO",
        "2026-01: 80\xa0% din cotă, atinsă",
        "lv_LV",
        "2026-01: plāna izpilde 80%, plāns izpildīts",
    ),
    (
        "quotas.review.probation_miss",
        "ja_JP",
        "2026-01：売上目標の80%、100%未満（業績改善期間中の未達：2／3回）",
        "et_EE",
        "2026-01: plaani täitmine 80%, alla 100% (tulemuste parandamise perioodil täitmata: 2/3)",
    ),
    (
        "quotas.review.dismissal",
        "lv_LV",
        "2026-01: plāna izpilde 80%, zem 100% (neizpildes darba rezultātu uzlabošanas periodā: 2): ieteicams atbrīvot no darba",
        "uk_UA",
        "2026-01: виконання плану 80%, нижче 100% (невиконань у періоді покращення результатів: 2): рекомендовано звільнення",
    ),
    (
        "quotas.review.probation_ends",
        "et_EE",
        "2026-01: plaani täitmine 80%, plaan täidetud: tulemuste parandamise periood lõpeb",
        "ro_RO",
        "2026-01: 80\xa0% din cotă, atinsă: perioada de îmbunătățire a performanței se încheie",
    ),
    (
        "quotas.review.probation_hit",
        "uk_UA",
        "2026-01: виконання плану 80%, план виконано (виконаних періодів для завершення періоду покращення результатів: 1 з 3)",
        "ja_JP",
        "2026-01：売上目標の80%、達成（業績改善期間終了に必要な達成期間：1／3）",
    ),
    (
        "quotas.review.missed",
        "ro_RO",
        "2026-01: 80\xa0% din cotă, sub 100\xa0% (3 neîndepliniri la rând): avertisment",
        "lv_LV",
        "2026-01: plāna izpilde 80%, zem 100% (3 neizpildes pēc kārtas): brīdinājums",
    ),
    (
        "commissions.line.fixed_per_deal",
        "uk_UA",
        "3 угоди × 300,00\xa0EUR",
        "ja_JP",
        "案件3件 × €300.00",
    ),
    (
        "commissions.line.fixed_per_line",
        "et_EE",
        "3 müügirida × 300,00\xa0€",
        "lv_LV",
        "3 pārdošanas rindas × 300,00\xa0€",
    ),
    (
        "commissions.line.section",
        "ro_RO",
        "4\xa0% din întreaga sumă creditată de 1.000,00\xa0EUR "
        "(intervalul 1.000–4.999,99, cu ambele capete incluse)",
        "uk_UA",
        "4% від усієї зарахованої суми 1\xa0000,00\xa0EUR "
        "(діапазон від 1\xa0000 до 4\xa0999,99 включно)",
    ),
    (
        "commissions.line.section_open",
        "ja_JP",
        "計上額全体€1,000.00に対して4%（区分 1,000以上）",
        "et_EE",
        "4% kogu arvestatud summalt 1\xa0000,00\xa0€ (vahemik alates 1\xa0000)",
    ),
    (
        "commissions.line.section_gap",
        "lv_LV",
        "summa 1\xa0000,00\xa0€ neietilpst nevienā intervālā: par to nekas netiek "
        "izmaksāts",
        "ro_RO",
        "suma de 1.000,00\xa0EUR nu se încadrează în niciun interval: nu se "
        "plătește nimic pentru ea",
    ),
    (
        "commissions.line.discount_below",
        "et_EE",
        "4% summalt 1\xa0000,00\xa0€, mis müüdi allahindlusega 10% kuni alla 20%",
        "ja_JP",
        "値引率10%以上20%未満で販売された€1,000.00に対して4%",
    ),
    (
        "commissions.line.discount_at_most",
        "uk_UA",
        "4% від суми 1\xa0000,00\xa0EUR, проданої зі знижкою не більше 20%",
        "ro_RO",
        "4\xa0% din suma de 1.000,00\xa0EUR vândută cu o reducere de cel mult 20\xa0%",
    ),
    (
        "commissions.line.discount_up_to",
        "lv_LV",
        "4% no summas 1\xa0000,00\xa0€, kas pārdota ar atlaidi virs 10% līdz 20% (ieskaitot)",
        "ja_JP",
        "値引率10%超20%以下で販売された€1,000.00に対して4%",
    ),
    (
        "commissions.line.discount_from",
        "ro_RO",
        "4\xa0% din suma de 1.000,00\xa0EUR vândută cu o reducere de cel puțin 10\xa0%",
        "et_EE",
        "4% summalt 1\xa0000,00\xa0€, mis müüdi vähemalt 10% allahindlusega",
    ),
    (
        "commissions.line.discount_above",
        "uk_UA",
        "4% від суми 1\xa0000,00\xa0EUR, проданої зі знижкою понад 10%",
        "lv_LV",
        "4% no summas 1\xa0000,00\xa0€, kas pārdota ar atlaidi virs 10%",
    ),
    (
        "commissions.line.discount_beyond",
        "ja_JP",
        "値引率10%以上で販売された€1,000.00は表の範囲外のため、歩合給は支給されません",
        "uk_UA",
        "сума 1\xa0000,00\xa0EUR, продана зі знижкою 10% або більше, виходить за межі таблиці: комісійні не виплачуються",
    ),
    (
        "commissions.line.discount_beyond_above",
        "et_EE",
        "summa 1\xa0000,00\xa0€ müüdi üle 10% allahindlusega, mida tabel ei kata: vahendustasu ei maksta",
        "ro_RO",
        "suma de 1.000,00\xa0EUR vândută cu o reducere de peste 10\xa0% depășește tabelul: nu se plătește comision",
    ),
]

# pay on payment, disputes, rewards and manager overrides
_V.update(
    {
        "author": "mia",
        "dispute": "X-1",
        "granted": dt.date(2026, 1, 31),
        "invoice": "I-1",
        "invoiced": Money("3000.00", "EUR"),
        "item": "iPad",
        "line": 2,
        "on": dt.date(2026, 2, 12),
        "reason": "D-7",
        "reward": "B-1",
        "value": Money("800.00", "EUR"),
    }
)
_OVERRIDES.update(
    {
        "commissions.line.released": {"paid": Money("1000.00", "EUR")},
        "commissions.line.override_credit": {
            "rate": Percent(Decimal("0.005")),
            "basis": Money("200000.00", "EUR"),
        },
        "commissions.line.override_commission": {
            "rate": Percent(Decimal("0.1")),
            "basis": Money("10000.00", "EUR"),
        },
    }
)
_ROWS += [
    (
        "commissions.line.payout_held",
        "et_EE",
        "kinni peetud, kuni klient tasub arve I-1 (3\xa0000,00\xa0€)",
        "uk_UA",
        "утримано до оплати клієнтом рахунку I-1 (3\xa0000,00\xa0EUR)",
    ),
    (
        "commissions.line.released",
        "lv_LV",
        "izmaksāts par rēķinu I-1: apmaksāti 1\xa0000,00\xa0€ no 3\xa0000,00\xa0€",
        "ro_RO",
        "eliberat pentru factura I-1: achitat 1.000,00\xa0EUR din 3.000,00\xa0EUR",
    ),
    (
        "commissions.line.adjustment",
        "ja_JP",
        "異議X-1による調整（2026-01の明細2行目）：D-7（mia、2026/02/12）",
        "et_EE",
        "korrigeerimine vaidluse X-1 alusel (rida 2, periood 2026-01): D-7 (mia, 12. veebr 2026)",
    ),
    (
        "commissions.line.override_credit",
        "ro_RO",
        "0,5\xa0% din vânzările creditate ale echipei (200.000,00\xa0EUR)",
        "lv_LV",
        "0,5% no komandas ieskaitītajiem pārdevumiem (200\xa0000,00\xa0€)",
    ),
    (
        "commissions.line.override_commission",
        "uk_UA",
        "10% від комісійних команди (10\xa0000,00\xa0EUR)",
        "ja_JP",
        "チームの歩合給€10,000.00の10%",
    ),
    (
        "commissions.line.deferred_vested",
        "ja_JP",
        "2026/01/31付与の繰延ボーナスB-1が権利確定",
        "ro_RO",
        "bonusul amânat B-1, acordat la 31 ian. 2026, a devenit plătibil",
    ),
    (
        "commissions.line.in_kind",
        "et_EE",
        "mitterahaline preemia: iPad, väärtus 800,00\xa0€",
        "uk_UA",
        "винагорода в натуральній формі: iPad, вартість 800,00\xa0EUR",
    ),
    (
        "quotas.review.repeat_orders",
        "lv_LV",
        "3 atkārtoti pasūtījumi pārskatītajos periodos (norādītais skaits)",
        "uk_UA",
        "3 повторні замовлення в переглянутих періодах (передана кількість)",
    ),
    (
        "quotas.review.repeat_orders_counted",
        "et_EE",
        "3 ülevaadatud perioodidel võidetud kordustellimust (loetud tehingute põhjal)",
        "ro_RO",
        "3 comenzi repetate câștigate în perioadele analizate (numărate din tranzacții)",
    ),
]


def _params(message_id: str) -> dict[str, object]:
    names = accountcore.i18n.catalog._SOURCE_NAMES(message_id)
    params = {name: _V[name] for name in names}
    params.update(_OVERRIDES.get(message_id, {}))
    if message_id.startswith("quotas.") and "limit" in params:
        params["limit"] = Percent(Decimal("1"))
    return params


@pytest.mark.parametrize(
    ("message_id", "first", "in_first", "second", "in_second"), _ROWS
)
def test_statement_lines_and_quota_reasons_read_naturally_in_two_languages(
    message_id: str, first: str, in_first: str, second: str, in_second: str
) -> None:
    params = _params(message_id)

    shown = Message.of(message_id, **params)

    assert (shown.render(first), shown.render(second)) == (in_first, in_second)


def test_every_statement_line_and_quota_id_has_an_exact_render_test() -> None:
    wanted = {
        mid for mid in message_ids() if mid.startswith(("commissions.line.", "quotas."))
    }

    tested = {row[0] for row in _ROWS}

    assert wanted == tested


def test_quota_review_renders_in_english_exactly_as_its_reasons() -> None:
    # 80 %, 70 %, 120 %, 50 %, 40 %, 30 %: warning, probation, one met period
    # on probation, then misses on probation up to dismissal.
    quota = lambda m: Quota("ana", Period.month(2026, m), Money("100", "EUR"))  # noqa: E731
    run = [
        attainment(quota(m), Money(x, "EUR"))
        for m, x in ((1, "80"), (2, "70"), (3, "120"), (4, "50"), (5, "40"), (6, "30"))
    ]

    verdict = QuotaReview(ReviewPolicy()).assess(run)

    assert verdict.render("en_US") == list(verdict.reasons)
    assert verdict.render("ja_JP")[1] == (
        "2026-02：売上目標の70%、100%未満（2期連続未達）：業績改善期間"
    )
    assert verdict.render("uk_UA")[0] == (
        "2026-01: виконання плану 80%, нижче 100% (1 невиконання поспіль): попередження"
    )


def test_quota_review_names_an_unnamed_period_by_its_number() -> None:
    run = [
        Attainment(
            Money("120", "EUR"), Money("100", "EUR"), Decimal("1.2"), Money("0", "EUR")
        )
    ]

    verdict = QuotaReview(ReviewPolicy()).assess(run)

    assert verdict.reasons == ("period 1: 120% of quota, met",)
    assert verdict.render("ro_RO") == ["perioada 1: 120\xa0% din cotă, atinsă"]
