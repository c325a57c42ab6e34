"""The term base of docs/i18n.md, kept by the catalogs: each concept has one
word per language, and a code has one name wherever it is shown."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import pytest
from babel.messages.pofile import read_po

from accountcore.i18n import LANGUAGES
from accountcore.pipeline.messages import DEFAULT_STAGES


@cache
def _catalog(language: str) -> dict[str, str]:
    """Every entry's text (a plural entry by its last form), by id."""
    path = files("accountcore") / "locale" / language / "LC_MESSAGES"
    with (path / "accountcore.po").open("rb") as source:
        catalog = read_po(source)
    texts: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        string = message.string
        texts[key] = string[-1] if isinstance(string, tuple) else string
    return texts


# concept: (the English words that name it, {language: (chosen, rejected)}).
# An entry names the concept when its English text matches; its translation
# must then match ``chosen`` and never ``rejected`` (regular expressions,
# case-insensitive; ``rejected`` may be empty).
TERMS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "account manager": (
        r"account manager",
        {
            "en": (r"account manager", ""),
            "et": (r"kliendihaldur", r"kontohaldur|müügijuht"),
            "uk": (r"менеджер", r"аккаунт"),
            "ja": (r"担当|アカウントマネージャー", r"営業マン"),
            "ro": (r"manager(i|ul)? de cont", r"account manager"),
            "lv": (r"klientu menedžer", r"kontu pārvaldniek"),
        },
    ),
    "key account": (
        r"key.account",
        {
            "en": (r"key.account", r"\bkey client"),
            "et": (r"võtmeklient|võtmekliendi", r"põhiklient"),
            "uk": (r"ключов", r"головн"),
            "ja": (r"重要顧客", r"主要顧客"),
            "ro": (r"client(ul|ului|i)?-cheie|clienți-cheie", r"client cheie"),
            "lv": (r"atslēgas klient", r"galven"),
        },
    ),
    "quota": (
        r"\bquota",
        {
            "en": (r"\bquota", r"\btarget\b"),
            "et": (r"plaan", r"kvoo|müügieesm"),
            "uk": (r"план", r"квот"),
            "ja": (r"売上目標", r"ノルマ"),
            "ro": (r"\bcot[aăe]", r"țint|plan"),
            "lv": (r"plān", r"kvot|mērķ"),
        },
    ),
    "probation": (
        r"improvement period",
        {
            "en": (r"improvement period", r"probation"),
            "et": (r"tulemuste parandamise perio", r"katseae|katseaja"),
            "uk": (r"покращення результатів", r"випробувальн"),
            "ja": (r"業績改善期間", r"観察期間|試用期間"),
            "ro": (r"îmbunătățire a performanței", r"de probă"),
            "lv": (r"uzlabošanas period", r"pārbaudes laik"),
        },
    ),
    "commission": (
        r"^commission$",
        {
            "en": (r"commission", ""),
            "et": (r"vahendustasu", r"komisjon"),
            "uk": (r"комісійні", r"^комісія$"),
            "ja": (r"歩合給", r"コミッション"),
            "ro": (r"comision", ""),
            "lv": (r"komisijas nauda", r"^komisija$"),
        },
    ),
    "accelerator": (
        r"accelerator",
        {
            "en": (r"accelerator", r"kicker"),
            "et": (r"kiirendi", ""),
            "uk": (r"прискорювач", ""),
            "ja": (r"アクセラレーター", ""),
            "ro": (r"accelerator", ""),
            "lv": (r"paātrinātāj", ""),
        },
    ),
    "recoverable guarantee": (
        r"recoverable guarantee",
        {
            "en": (r"recoverable guarantee", r"\bdraw\b"),
            "et": (r"tagasinõutav garantiitasu", ""),
            "uk": (r"гарантована виплата з поверненням", ""),
            "ja": (r"返済型保証給", ""),
            "ro": (r"garanție recuperabilă", ""),
            "lv": (r"atgūstamā garantētā izmaksa", ""),
        },
    ),
    "clawback": (
        r"clawback",
        {
            "en": (r"clawback", ""),
            "et": (r"tagasinõue", ""),
            "uk": (r"повернення винагороди", ""),
            "ja": (r"取り消し|返還", ""),
            "ro": (r"recuperarea comisionului", ""),
            "lv": (r"atprasījum", ""),
        },
    ),
    "pipeline": (
        r"\bpipeline\b(?!.*\bcategor)",
        {
            "en": (r"pipeline", r"funnel"),
            "et": (r"müügilehtri|müügilehter", r"toru"),
            "uk": (r"ворон[кц]", r"конвеєр"),
            "ja": (r"パイプライン", r"ファネル"),
            "ro": (r"pipeline", r"pâlnie"),
            "lv": (r"piltuv", r"cauruļvad"),
        },
    ),
    "reliability band": (
        r"\bband\b",
        {
            "en": (r"\bband\b", r"ReliabilityBand"),
            "et": (r"klass", r"kategooria"),
            "uk": (r"клас", r"категор"),
            "ja": (r"ランク", r"クラス"),
            "ro": (r"clas[aă]", r"categori"),
            "lv": (r"klas", r"kategorij"),
        },
    ),
    "won": (
        r"\bwon\b",
        {
            "en": (r"\bwon\b", ""),
            "et": (r"võit|võide|võidu", ""),
            "uk": (r"вигра", r"втрач"),
            "ja": (r"成約", r"受注"),
            "ro": (r"câștig", ""),
            "lv": (r"iegū|ieguv", r"noslēgt"),
        },
    ),
    "lost": (
        r"\blost\b",
        {
            "en": (r"\blost\b", ""),
            "et": (r"kaota|kaotu", ""),
            "uk": (r"програ", r"втрач"),
            "ja": (r"失注", ""),
            "ro": (r"pierd", ""),
            "lv": (r"zaudē", ""),
        },
    ),
    # the approval levels: manager, director, CEO, board (never the account
    # manager, a role of its own)
    "approval level manager": (
        r"(?<!account )\bmanager\b",
        {
            "en": (r"\bmanager\b", ""),
            "et": (r"juht", r"mänedžer|manager"),
            "uk": (r"керівник", r"менеджер"),
            "ja": (r"課長", r"(?<!アカウント)マネージャー"),
            "ro": (r"manager", r"director"),
            "lv": (r"vadītāj", r"menedžer"),
        },
    ),
    "approval level director": (
        r"\bdirector\b",
        {
            "en": (r"\bdirector\b", ""),
            "et": (r"direktor", r"juhatus"),
            "uk": (r"директор", r"генеральн"),
            "ja": (r"部長", r"取締役"),
            "ro": (r"director", r"general"),
            "lv": (r"direktor", r"valde|izpilddirektor"),
        },
    ),
    "approval level CEO": (
        r"\bCEO\b",
        {
            "en": (r"\bCEO\b", ""),
            "et": (r"tegevjuht", r"direktor"),
            "uk": (r"генеральн\w* директор", ""),
            "ja": (r"社長", ""),
            "ro": (r"director(ul)? general", ""),
            "lv": (r"izpilddirektor", r"valde"),
        },
    ),
    "approval level board": (
        r"\bboard\b",
        {
            "en": (r"\bboard\b", ""),
            "et": (r"juhatus", ""),
            "uk": (r"правлінн", ""),
            "ja": (r"取締役会", ""),
            "ro": (r"consiliu(l)? de administrație", ""),
            "lv": (r"\bvald", ""),
        },
    ),
}

CASES = [
    (concept, language)
    for concept, (_, by_language) in TERMS.items()
    for language in by_language
]


def test_the_term_base_covers_every_catalog_language() -> None:
    for concept, (_, by_language) in TERMS.items():
        assert set(by_language) == set(LANGUAGES), concept


@pytest.mark.parametrize(("concept", "language"), CASES)
def test_each_entry_naming_a_concept_uses_the_chosen_term(
    concept: str, language: str
) -> None:
    english, by_language = TERMS[concept]
    chosen, rejected = by_language[language]
    named = [
        message_id
        for message_id, text in _catalog("en").items()
        if re.search(english, text, re.IGNORECASE)
    ]
    assert named, f"no English entry names {concept!r}"
    for message_id in named:
        text = _catalog(language)[message_id]
        assert re.search(chosen, text, re.IGNORECASE), (message_id, text)
        if rejected:
            assert not re.search(rejected, text, re.IGNORECASE), (message_id, text)


GLOBALLY_REJECTED = {
    # the statutory trial period of a new hire, never the performance period
    "et": r"katseae|katseaja",
    "uk": r"випробувальн",
    "ja": r"ノルマ|観察期間|試用期間",
    "ro": r"perioad[aă] de prob[aă]|client cheie",
    "lv": r"pārbaudes laik",
    "en": r"ReliabilityBand|\ba open\b| -> |'\{",
}


@pytest.mark.parametrize("language", sorted(GLOBALLY_REJECTED))
def test_no_entry_uses_a_rejected_word(language: str) -> None:
    pattern = re.compile(GLOBALLY_REJECTED[language], re.IGNORECASE)
    found = {i: t for i, t in _catalog(language).items() if pattern.search(t)}
    assert found == {}


# one name per code: the same stage, tier, status or forecast category has
# one text in every message family that names it
SAME_NAME = (
    [(f"pipeline.stage.{key}", f"reports.stage.{key}") for key in DEFAULT_STAGES]
    + [(f"clients.tier.{k}", f"reports.tier.{k}") for k in ("standard", "key", "vip")]
    + [
        (f"clients.status.{k}", f"reports.status.{k}")
        for k in ("prospect", "active", "dormant", "churned")
    ]
    + [
        (f"pipeline.forecast.{k}", f"analytics.forecast.category.{k}")
        for k in ("commit", "best_case", "pipeline", "omitted")
    ]
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_code_has_one_name_in_every_family_of_messages(language: str) -> None:
    texts = _catalog(language)
    differing = [
        (one, other, texts[one], texts[other])
        for one, other in SAME_NAME
        if texts[one] != texts[other]
    ]
    assert differing == []
