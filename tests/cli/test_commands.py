"""The command line on files: commissions run, plan check, pipeline diagram.

The analyst's year (docs/data/analyst): a tiered year-to-date plan in TOML,
won deals with a split, a cancellation and a partial refund in a CSV, four
quarterly runs each carrying the ledgers of the one before.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from accountcore.cli import main

ROOT = Path(__file__).resolve().parents[2]
ANALYST = ROOT / "docs" / "data" / "analyst"
EXAMPLES = ROOT / "docs" / "examples"
CREDITS = ROOT / "docs" / "data" / "credits.csv"
QUOTAS = ROOT / "docs" / "data" / "quotas.csv"


def totals(path: Path) -> dict[str, Decimal]:
    with path.open(newline="", encoding="utf-8") as source:
        return {row["owner"]: Decimal(row["total"]) for row in csv.DictReader(source)}


def run_quarter(out: Path, quarter: int) -> int:
    args = [
        "--quiet",
        "commissions",
        "run",
        "--plan",
        str(ANALYST / "plan.toml"),
        "--deals",
        str(ANALYST / "deals.csv"),
        "--splits",
        str(ANALYST / "splits.csv"),
        "--clawback-days",
        "30",
        "--period",
        f"2026-Q{quarter}",
        "--out",
        str(out / f"q{quarter}.csv"),
    ]
    if quarter > 1:
        args += ["--ledgers", str(out / f"q{quarter - 1}.ledgers.json")]
    return main(args)


def test_the_analysts_year_is_four_commands(tmp_path: Path) -> None:
    # Credits by quarter (D-2 split half and half, D-3 won 20 April and
    # cancelled 10 May, inside 30 days: clawed back in full; D-4 refunded
    # 10,000 on 5 October):
    #   ana  Q1 40,000 + 15,000 = 55,000   Q3 +80,000   Q4 -10,000
    #   bob  Q1 15,000   Q2 +50,000 -50,000   Q4 +20,000
    # Year to date, 5 % to 100,000 and 8 % above, less what the year paid:
    #   ana  Q1 5 % × 55,000 = 2,750.00; Q2 2,750 - 2,750 = 0.00;
    #        Q3 5,000 + 8 % × 35,000 = 7,800 - 2,750 = 5,050.00;
    #        Q4 5,000 + 8 % × 25,000 = 7,000 - 7,800 = -800.00
    #   bob  Q1 750.00; Q2 0.00; Q3 0.00; Q4 5 % × 35,000 = 1,750 - 750 = 1,000.00
    expected = {
        1: {"ana": "2750.00", "bob": "750.00"},
        2: {"ana": "0.00", "bob": "0.00"},
        3: {"ana": "5050.00", "bob": "0.00"},
        4: {"ana": "-800.00", "bob": "1000.00"},
    }
    for quarter, pay in expected.items():
        assert run_quarter(tmp_path, quarter) == 0
        found = totals(tmp_path / f"q{quarter}.csv")
        assert found == {owner: Decimal(amount) for owner, amount in pay.items()}
        assert (tmp_path / f"q{quarter}.lines.csv").exists()


def _with_three_bad_rows(path: Path) -> Path:
    with CREDITS.open(newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    rows[2][3] = "12,5"  # row 1: a decimal comma
    rows[4][5] = "2026-02-30"  # row 3: no such day
    rows[7][4] = "XXX"  # row 6: no such currency
    bad = path / "bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as target:
        csv.writer(target).writerows(rows)
    return bad


def _run(credits: Path, out: Path, *more: str) -> int:
    return main(
        [
            "commissions",
            "run",
            "--plan",
            str(EXAMPLES / "commission_plan.toml"),
            "--credits",
            str(credits),
            "--quotas",
            str(QUOTAS),
            "--period",
            "2026-Q1",
            "--out",
            str(out),
            *more,
        ]
    )


def test_three_bad_rows_are_all_listed_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _with_three_bad_rows(tmp_path)
    out = tmp_path / "out"
    out.mkdir()

    code = _run(bad, out / "q1.xlsx")

    error = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in error
    assert "1\tamount\t12,5\tnot a decimal number" in error
    assert "3\tcredited_on\t2026-02-30\tnot a date" in error
    assert "6\tcurrency\tXXX\tunknown currency" in error
    assert list(out.iterdir()) == []


def test_skipped_bad_rows_are_written_beside_the_output(tmp_path: Path) -> None:
    bad = _with_three_bad_rows(tmp_path)

    code = _run(bad, tmp_path / "q1.csv", "--skip-bad-rows")

    assert code == 0
    with (tmp_path / "q1.bad-rows.csv").open(newline="", encoding="utf-8") as source:
        skipped = list(csv.DictReader(source))
    assert [row["row"] for row in skipped] == ["1", "3", "6"]
    assert skipped[2]["currency"] == "XXX"
    # eva's three credits are good: 64,000 + 51,000 + 17,500 in Q1
    assert totals(tmp_path / "q1.csv")["eva"] > 0


def test_the_statements_go_to_a_spreadsheet(tmp_path: Path) -> None:
    from accountcore.frames import read_table

    code = _run(CREDITS, tmp_path / "q1.xlsx")

    assert code == 0
    summary = read_table(tmp_path / "q1.xlsx", sheet="summary")
    assert summary.height == 3
    assert (tmp_path / "q1.ledgers.json").exists()


def test_a_plan_is_checked_with_every_fault_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "check", str(EXAMPLES / "commission_plan.toml")]) == 0
    assert "sound" in capsys.readouterr().out
    faulty = tmp_path / "plan.toml"
    text = (EXAMPLES / "commission_plan.toml").read_text(encoding="utf-8")
    faulty.write_text(text.replace('rate = "0.05"', "rate = 0.05"), encoding="utf-8")

    assert main(["plan", "check", str(faulty)]) == 1
    error = capsys.readouterr().err
    assert "0.05" in error
    assert "Traceback" not in error


def test_a_pipeline_is_drawn_in_mermaid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pipeline", "diagram", str(EXAMPLES / "pipeline.toml")]) == 0
    assert capsys.readouterr().out.startswith("stateDiagram-v2")


@pytest.mark.parametrize(
    "args",
    [
        [
            "commissions",
            "run",
            "--plan",
            str(EXAMPLES / "commission_plan.toml"),
            "--period",
            "2026-Q1",
            "--out",
            "x.csv",
        ],
        [
            "commissions",
            "run",
            "--plan",
            str(EXAMPLES / "commission_plan.toml"),
            "--credits",
            str(CREDITS),
            "--period",
            "2026-Q5",
            "--out",
            "x.csv",
        ],
        [
            "commissions",
            "run",
            "--plan",
            str(EXAMPLES / "commission_plan.toml"),
            "--credits",
            str(CREDITS),
            "--period",
            "2026-Q1",
            "--out",
            "x.txt",
        ],
        ["no-such-command"],
    ],
    ids=["no credits", "no such quarter", "no such format", "no such command"],
)
def test_a_command_used_wrongly_exits_with_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["demo"],
        ["plan", "check"],
        ["pipeline", "diagram"],
        ["commissions", "run"],
        ["quote"],
        ["score"],
        ["report", "monthly"],
        ["report", "quarterly"],
        ["report", "annual"],
        ["report", "account"],
    ],
)
def test_every_command_has_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--help"]) == 0
    assert "Usage:" in capsys.readouterr().out


def test_a_quote_from_a_scheme_file_and_a_table_of_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "quote",
            "--scheme",
            str(EXAMPLES / "discount_scheme.toml"),
            "--lines",
            str(ROOT / "docs" / "data" / "quote_lines.csv"),
            "--tier",
            "key",
            "--on",
            "2026-05-04",
        ]
    )

    text = capsys.readouterr().out
    assert code == 0
    # drill: 60 × 50.00 = 3,000.00, bulk 10 % (50 or more) -300.00 and key
    # account 8 % -240.00, added up: 2,460.00; saw: 12 × 80.00 = 960.00, bulk
    # 5 % -48.00 and 8 % -76.80: 835.20; gloves: 4 × 12.50 = 50.00, 8 % -4.00:
    # 46.00; 668.80 of 4,010.00 is 16.68 %, above the manager's 10 %
    assert "Line total: €2,460.00" in text
    assert "Line total: €835.20" in text
    assert "Line total: €46.00" in text
    assert "discount €668.80 (16.68%), total €3,341.20" in text
    assert "Needs approval by: manager" in text


def test_a_score_from_a_profile_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "score",
            "--profile",
            str(ROOT / "docs" / "data" / "profile.json"),
            "--on",
            "2026-06-30",
        ]
    )

    assert code == 0
    # insolvency proceedings: the lowest band whatever the points
    assert "band E" in capsys.readouterr().out


def test_a_profile_that_is_not_one_exits_with_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "profile.json"
    broken.write_text('{"currency": "EUR", "founded": "2010-13-01"}', encoding="utf-8")

    assert main(["score", "--profile", str(broken), "--on", "2026-06-30"]) == 1
    assert "2010-13-01" in capsys.readouterr().err


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The demo's quarter in a SQLite store: its deals and clients."""
    from accountcore.cli.demo_data import build_quarter
    from accountcore.storage import CLIENTS, DEALS, SQLiteStore

    quarter = build_quarter()
    path = tmp_path / "crm.sqlite3"
    with SQLiteStore(path) as db, db.unit_of_work() as uow:
        for deal in quarter.deals:
            uow.repository(DEALS).add(deal)
        for client in quarter.clients:
            uow.repository(CLIENTS).add(client)
        uow.commit()
    return path


def test_the_reports_read_a_store(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from accountcore.cli.demo_data import build_quarter
    from accountcore.definitions import save

    quarter = build_quarter()
    quotas = tmp_path / "quotas.toml"
    save(quarter.quotas, quotas)

    assert main(["report", "quarterly", "--store", str(store), "--period", "2026-Q1", "--quotas", str(quotas)]) == 0  # fmt: skip
    quarterly = capsys.readouterr().out
    # anna won 136,500.00 against a quota of 100,000.00 (the demo's report)
    assert "€136,500.00" in quarterly
    assert "136.5%" in quarterly
    assert main(["report", "monthly", "--store", str(store), "--period", "2026-03", "--format", "markdown"]) == 0  # fmt: skip
    assert capsys.readouterr().out.startswith("# ")
    assert main(["report", "annual", "--store", str(store), "--year", "2026", "--format", "html"]) == 0  # fmt: skip
    assert "<table" in capsys.readouterr().out
    assert main(["report", "account", "--store", str(store), "--period", "2026-Q1", "--at", "2026-04-01T00:00:00+03:00"]) == 0  # fmt: skip
    account = capsys.readouterr().out
    # the seven clients' revenue won in Q1: 136,500 (anna) + 31,000 (mart)
    assert "Clients: 7" in account
    assert "Revenue won (Jan 1, 2026 – Mar 31, 2026): €167,500.00" in account
    assert main(["report", "account", "--store", str(store), "--period", "2026-Q1", "--at", "2026-04-01"]) == 2  # fmt: skip
