"""Tables to files and back: every writer keeps decimals decimals (CSV as
text, parquet as decimal128, JSON as strings, Excel as numbers Excel shows
exactly), a workbook is one people can hand on (localised headers, money
formats, frozen headers, widths that fit), and read_table reads each back
equal to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

from accountcore import CommissionPlan, Money, Period, Quota
from accountcore.commissions import (
    BaseSalary,
    Basis,
    CommissionStatement,
    NewClientBonus,
    Tier,
    Tiered,
)
from accountcore.errors import ArgumentTypeError, InvalidChoiceError, UnknownKeyError
from accountcore.frames import (
    FramesUnavailableError,
    UnreadableFileError,
    calculate_team,
    files,
    read_credits,
    read_ledgers,
    read_quotas,
    read_table,
    write_csv,
    write_excel,
    write_json,
    write_parquet,
)
from accountcore.i18n import LANGUAGES, translate
from accountcore.serialization import from_json

Q1 = Period.quarter(2026, 1)
PLAN = CommissionPlan(
    "field sales",
    "EUR",
    (
        BaseSalary("salary", Money("3000.00", "EUR")),
        Tiered(
            "commission",
            (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
            basis=Basis.ATTAINMENT,
        ),
        NewClientBonus("new clients", Money("150.00", "EUR")),
    ),
)
CREDITS = pl.DataFrame(
    {
        "deal_id": ["D-1", "D-2", "D-3", "D-4"],
        "client_id": ["C-1", "C-2", "C-3", "C-3"],
        "owner": ["ana", "ana", "bob", "bob"],
        "amount": ["60000.50", "30000.00", "20000.01", "-0.01"],
        "currency": ["EUR"] * 4,
        "credited_on": ["2026-01-12", "2026-02-03", "2026-03-30", "2026-03-31"],
        "is_new_client": ["true", "false", "true", "false"],
    }
)
QUOTAS = [
    Quota("ana", Q1, Money("80000", "EUR")),
    Quota("bob", Q1, Money("40000", "EUR")),
]


@pytest.fixture(scope="module")
def team() -> Any:
    return calculate_team(PLAN, CREDITS, period=Q1, quotas=QUOTAS)


def _cells(sheet: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


# --- the hand-checked run ---------------------------------------------------------


def test_the_run_the_files_hold_is_the_one_checked_by_hand(team: Any) -> None:
    # ana: 90,000.50 credited; 4 % × 80,000 = 3,200.00, 7 % × 10,000.50 =
    # 700.035 → 700.04; one new client 150; total 3,000 + 3,900.04 + 150.
    # bob: 20,000.00 credited; 4 % × 20,000 = 800.00; one new client 150.
    assert team.summary.select("owner", "credited", "commission", "total").rows() == [
        ("ana", Decimal("90000.50"), Decimal("3900.04"), Decimal("7050.04")),
        ("bob", Decimal("20000.00"), Decimal("800.00"), Decimal("3950.00")),
    ]


# --- Excel -----------------------------------------------------------------------


def test_a_workbook_has_a_sheet_per_table_with_frozen_headers(
    team: Any, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(write_excel(team, tmp_path / "q1.xlsx"))

    assert book.sheetnames == ["Summary", "Statement lines", "Ledgers", "Deals paid"]
    assert [sheet.freeze_panes for sheet in book] == ["A2"] * 4
    assert _cells(book["Summary"])[0] == [
        "Account manager",
        "Credited",
        "Target",
        "Attainment",
        "salary",
        "commission",
        "new clients",
        "Total",
        "Currency",
    ]


def test_every_amount_reads_back_to_the_cent(team: Any, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_excel(team, tmp_path / "q1.xlsx"))

    for key, title in (("summary", "Summary"), ("ledgers", "Ledgers")):
        frame = getattr(team, key)
        rows = _cells(book[title])[1:]
        for name in ("credited", "total", "paid_to_date", "credited_to_date"):
            if name not in frame.columns:
                continue
            at = frame.columns.index(name)
            read = [Decimal(repr(row[at])).quantize(Decimal("0.01")) for row in rows]
            assert read == frame[name].to_list()
    lines = _cells(book["Statement lines"])[1:]
    assert [Decimal(repr(r[4])) for r in lines] == team.lines["amount"].to_list()


def test_money_has_the_currencys_format_and_a_ratio_a_percentage(
    team: Any, tmp_path: Path
) -> None:
    sheet = openpyxl.load_workbook(write_excel(team, tmp_path / "q1.xlsx"))["Summary"]

    # en_US puts the euro sign before the number; cents: two decimals
    assert sheet["B2"].number_format == '"€"#,##0.00;"-€"#,##0.00'
    assert sheet["D2"].number_format == "0.00%"
    assert sheet["D2"].value == pytest.approx(1.1250062500)  # 90,000.50 / 80,000


def test_estonian_headers_and_the_euro_after_the_number(
    team: Any, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(
        write_excel(team, tmp_path / "q1.xlsx", locale="et_EE")
    )

    assert book.sheetnames[0] == "Kokkuvõte"
    assert _cells(book["Kokkuvõte"])[0][:4] == [
        "Kliendihaldur",
        "Arvestatud",
        "Sihtsumma",
        "Täitmine",
    ]
    assert book["Kokkuvõte"]["B2"].number_format == '#,##0.00"\xa0€";"-"#,##0.00"\xa0€"'


def test_a_currency_without_minor_units_has_no_decimals() -> None:
    assert files._money_format("JPY", "ja_JP") == '"￥"#,##0;"-￥"#,##0'
    assert files._money_format("BHD", "en_US") == '"BHD"#,##0.000;"-BHD"#,##0.000'


def test_columns_are_as_wide_as_their_content(team: Any, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(write_excel(team, tmp_path / "q1.xlsx"))["Summary"]
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}

    # "Account manager" (15) + 2; 90,000.50 shown as "€90,000.50": 6 digits
    # grouped (7) + sign, 2 decimals, point and symbol room (8) + 2
    assert widths["A"] == 17
    assert widths["B"] == 17
    assert all(8 <= w <= 60 for w in widths.values())


def test_an_amount_beyond_excels_fifteen_digits_is_kept_as_its_text(
    tmp_path: Path,
) -> None:
    table = pl.DataFrame(
        {"amount": [Decimal("12345678901234.56"), Decimal("1234567890123.45")]},
        schema={"amount": pl.Decimal(38, 2)},
    )
    sheet = openpyxl.load_workbook(write_excel(table, tmp_path / "big.xlsx")).active

    # 16 significant digits: Excel would round the cent away; 15 fit
    assert sheet["A2"].value == "12345678901234.56"
    assert sheet["A3"].value == 1234567890123.45
    assert read_table(tmp_path / "big.xlsx")["amount"].to_list() == [
        "12345678901234.56",
        "1234567890123.45",
    ]


def test_statements_write_the_same_sheets(team: Any, tmp_path: Path) -> None:
    statements = {o: team.statement(o) for o in team.owners}
    book = openpyxl.load_workbook(write_excel(statements, tmp_path / "s.xlsx"))

    assert book.sheetnames == ["Summary", "Statement lines", "Ledgers", "Deals paid"]
    summary = read_table(tmp_path / "s.xlsx")
    assert summary.select("owner", "total").rows() == [
        ("ana", "7050.04"),
        ("bob", "3950"),
    ]
    lines = read_table(tmp_path / "s.xlsx", sheet="lines")
    assert lines["amount"].to_list() == [
        format(a.normalize(), "f") for a in team.lines["amount"]
    ]


def test_the_ledgers_read_back_from_a_workbook_carry_as_before(
    team: Any, tmp_path: Path
) -> None:
    path = write_excel(team, tmp_path / "q1.xlsx", locale="uk_UA")

    ledgers = read_ledgers(
        read_table(path, sheet="ledgers"), read_table(path, sheet="deal_records")
    )

    assert ledgers == [team.statement(o).ledger for o in team.owners]


def test_a_workbook_is_refused_for_what_is_not_a_result(tmp_path: Path) -> None:
    with pytest.raises(ArgumentTypeError, match=r"result.*int \(42\)"):
        write_excel(42, tmp_path / "x.xlsx")


def test_without_openpyxl_the_message_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = files.importlib.import_module

    def missing(name: str) -> Any:
        if name.startswith("openpyxl"):
            raise ImportError(name)
        return real(name)

    monkeypatch.setattr(files.importlib, "import_module", missing)

    with pytest.raises(FramesUnavailableError, match=r"'openpyxl'.*accountcore\[cli\]"):
        write_excel(pl.DataFrame({"a": [1]}), tmp_path / "x.xlsx")


# --- CSV, parquet, JSON ------------------------------------------------------------


def test_csv_keeps_decimals_as_text_and_reads_back_equal(tmp_path: Path) -> None:
    credits = read_credits(CREDITS)
    path = write_csv(credits, tmp_path / "credits.csv")

    assert "60000.50" in path.read_text()  # the text, never 60000.5
    assert read_credits(read_table(path)).equals(credits)


def test_parquet_keeps_decimal128_and_reads_back_equal(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    credits = read_credits(CREDITS)
    path = write_parquet(credits, tmp_path / "credits.parquet")

    assert str(pq.read_schema(path).field("amount").type) == "decimal128(38, 2)"
    assert read_credits(read_table(path)).equals(credits)


def test_a_pandas_table_is_written_as_well(tmp_path: Path) -> None:
    credits = read_credits(CREDITS)
    pandas = credits.to_pandas(use_pyarrow_extension_array=True)

    assert read_credits(read_table(write_csv(pandas, tmp_path / "p.csv"))).equals(
        credits
    )


def test_json_holds_a_results_tables_with_decimals_as_strings(
    team: Any, tmp_path: Path
) -> None:
    path = write_json(team, tmp_path / "q1.json")

    assert '"paid_to_date": "4050.04"' in path.read_text()  # 3,900.04 + 150
    ledgers = read_ledgers(
        read_table(path, sheet="ledgers"), read_table(path, sheet="deal_records")
    )
    assert ledgers == [team.statement(o).ledger for o in team.owners]


def test_statements_are_written_whole_through_serialization(
    team: Any, tmp_path: Path
) -> None:
    statements = {o: team.statement(o) for o in team.owners}
    path = write_json(statements, tmp_path / "statements.json")

    assert from_json(path.read_text(), dict[str, CommissionStatement]) == statements


def test_a_quota_table_reads_from_every_kind_of_file(tmp_path: Path) -> None:
    targets = pl.DataFrame(
        {"owner": ["ana"], "target": ["80000.00"], "period": ["2026-Q1"]}
    )
    quotas = read_quotas(targets, currency="EUR")
    for path in (
        write_csv(targets, tmp_path / "q.csv"),
        write_parquet(targets, tmp_path / "q.parquet"),
        write_json(targets, tmp_path / "q.json"),
        write_excel(targets, tmp_path / "q.xlsx"),
    ):
        assert read_quotas(read_table(path), currency="EUR") == quotas


def test_excel_dates_and_json_numbers_are_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text('[{"amount": 1234.50, "ok": true, "n": 3}]')
    table = pl.DataFrame({"on": [dt.date(2026, 1, 5)], "amount": [Decimal("0.10")]})

    assert read_table(tmp_path / "n.json").row(0) == ("1234.50", "true", "3")
    assert read_table(write_excel(table, tmp_path / "d.xlsx")).row(0) == (
        "2026-01-05",
        "0.1",
    )


# --- refusals ----------------------------------------------------------------------


def test_an_unknown_extension_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(InvalidChoiceError, match=r"'\.xls'.*'\.csv'"):
        read_table(tmp_path / "old.xls")


def test_an_unknown_sheet_is_refused_with_the_ones_there(
    team: Any, tmp_path: Path
) -> None:
    path = write_excel(team, tmp_path / "q1.xlsx")

    with pytest.raises(UnknownKeyError, match=r"'totals'.*'Summary'"):
        read_table(path, sheet="totals")
    with pytest.raises(UnknownKeyError, match=r"'totals'.*'summary'"):
        read_table(write_json(team, tmp_path / "q1.json"), sheet="totals")


def test_a_sheet_of_a_csv_is_refused(tmp_path: Path) -> None:
    path = write_csv(pl.DataFrame({"a": ["1"]}), tmp_path / "a.csv")

    with pytest.raises(ArgumentTypeError, match=r"sheet.*'lines'"):
        read_table(path, sheet="lines")


@pytest.mark.parametrize(
    ("name", "kind"),
    [("bad.json", "JSON"), ("bad.xlsx", "Excel"), ("bad.parquet", "parquet")],
)
def test_a_file_of_another_kind_is_refused_by_name(
    tmp_path: Path, name: str, kind: str
) -> None:
    (tmp_path / name).write_text("owner,amount\nana,1\n")

    with pytest.raises(
        UnreadableFileError, match=rf"bad\.\w+' cannot be read as {kind}"
    ):
        read_table(tmp_path / name)


def test_json_that_is_not_records_is_refused(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text("[1, 2]")

    with pytest.raises(
        ArgumentTypeError, match=r"n\.json must be a list of records.*\[1, 2\]"
    ):
        read_table(tmp_path / "n.json")


def test_localised_headers_map_back_unambiguously() -> None:
    # no text of one column in one language is another column's in another
    assert len(files._canonical(files._HEADERS)) >= len(files._HEADERS)
    seen: dict[str, str] = {}
    for language in LANGUAGES:
        for name, message in files._HEADERS.items():
            text = translate(message, language)
            assert seen.setdefault(text, name) == name
