"""`study history`, `study progress` and `study overrides` on a store with a known history."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import SMALL_PACK
from storehelp import attempt
from study.cli import main
from study.learning import pack_key
from study.learning.cards import Rating
from study.learning.progress import progress
from study.learning.progress import render_text as render
from study.pack.models import Pack
from study.paths import database_path
from study.store import Store

T0 = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
HOSTILE = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a|b <script>\x1b[2J"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def history_store(small_pack: Pack) -> Store:
    store = Store(database_path())
    key = pack_key(small_pack)
    sid = store.start_session(key, 1, None, len(HOSTILE), "plain", learner="ada", now=T0)
    for position, response in enumerate(HOSTILE):
        store.record(sid, position, attempt(response=response, right=position % 2 == 0),
                     rating=Rating.Good if position % 2 == 0 else Rating.Again,
                     now=T0 + timedelta(minutes=position))
    other = store.start_session(key, 2, None, 1, "plain", learner="bo", now=T0)
    store.record(other, 0, attempt("money", response="lots", right=False), rating=Rating.Again,
                 now=T0)
    store.record(other, 0, attempt("money", response="lots", overridden=True),
                 rating=Rating.Good, now=T0)
    return store


def test_history_csv_neutralises_formulas(history_store: Store,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    history_store.close()
    status, out, _ = _run(capsys, "history", "--learner", "ada", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["response"] for r in rows] == [
        "'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx", "'\\x0dx", "plain",
        "a|b <script>\\x1b[2J"]
    assert {r["learner"] for r in rows} == {"ada"}
    assert "\x1b" not in out


def test_history_json_has_one_record_per_attempt(history_store: Store,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    history_store.close()
    status, out, _ = _run(capsys, "history", "--learner", "bo", "--format", "json")
    assert status == 0 and out.endswith("]\n")
    [record] = json.loads(out)
    assert record["fact_id"] == "money" and record["overridden"] is True
    assert record["override_status"] == "pending" and record["learner"] == "bo"
    assert record["response"] == "lots"


def test_history_markdown_escapes_pipes_html_and_escape_codes(
        history_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    history_store.close()
    status, out, _ = _run(capsys, "history", "--learner", "ada")
    assert status == 0
    assert "a\\|b &lt;script&gt;\\x1b[2J" in out and "<script>" not in out and "\x1b" not in out
    assert out.count("\n| ") == 2 + len(HOSTILE)  # header, rule and one row per attempt
    status, out, _ = _run(capsys, "history", "--learner", "nobody")
    assert out == "No attempts by nobody yet.\n"


def test_progress_json_keeps_the_promised_names(history_store: Store,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    history_store.close()
    status, out, _ = _run(capsys, "progress", "--learner", "ada", "--json", "--content",
                          str(SMALL_PACK))
    assert status == 0
    data = json.loads(out)
    assert data["learner"] == "ada" and data["facts"] == 10 and data["seen"] == 1
    assert isinstance(data["due_now"], int)
    assert data["topics"]["figures"] == {"facts": 4, "seen": 1,
                                         "mastery": data["topics"]["figures"]["mastery"]}
    assert set(data["topics"]) == {"programs", "agencies", "figures"}
    assert all(set(t) >= {"facts", "seen", "mastery"} and isinstance(t["mastery"], float)
               for t in data["topics"].values())


def test_the_progress_report_reads_well_at_80_columns(small_pack: Pack, tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    key = pack_key(small_pack)
    for day in range(20):
        moment = T0 - timedelta(days=day)
        sid = store.start_session(key, day, None, 2, "plain", learner="a" * 60, now=moment)
        store.record(sid, 0, attempt("cases"), rating=Rating.Good, now=moment)
        store.record(sid, 1, attempt("money", right=False), rating=Rating.Again, now=moment)
    report = progress(small_pack, "a" * 60, store.cards("a" * 60, key),
                      store.history("a" * 60, key), T0, UTC)
    store.close()
    text = render(report)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Streak: 20 days." in text
    assert sum("50%  1 of 2 right" in line for line in lines) == 14  # the last 14 days
    figures = next(line for line in lines if line.strip().startswith("figures"))
    assert "2 of 4 seen" in figures and "█" in figures
    ascii_text = render(report, ("#", "."))
    assert "█" not in ascii_text and "#" in ascii_text


def test_progress_in_a_pipe_is_plain_text(history_store: Store,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    history_store.close()
    status, out, _ = _run(capsys, "progress", "--learner", "ada", "--content", str(SMALL_PACK))
    assert status == 0 and "\x1b" not in out
    assert out.startswith("Progress of ada\n1 of 10 facts seen")


def test_overrides_lists_accepts_rejects_and_prints_accept_lines(
        history_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    [override] = history_store.overrides()
    history_store.close()
    pack = ["--content", str(SMALL_PACK)]
    status, out, _ = _run(capsys, "overrides", *pack)
    assert status == 0
    assert f"#{override.id}  bo  " in out and "[pending]" in out
    assert "question money: How much did ATF spend?" in out
    assert "response: 'lots'   answer: $5.9 million" in out
    status, out, _ = _run(capsys, "overrides", "--learner", "ada", *pack)
    assert out == "No overridden answers.\n"
    status, out, _ = _run(capsys, "overrides", "--accept", str(override.id), *pack)
    assert status == 0 and out.startswith(f"Accepted #{override.id}: 'lots'")
    status, out, _ = _run(capsys, "overrides", "--print-accept", *pack)
    assert out == '# money: How much did ATF spend?\naccept: ["lots"]\n'
    status, out, _ = _run(capsys, "overrides", "--status", "accepted", *pack)
    assert "[accepted]" in out
    status, out, _ = _run(capsys, "overrides", "--reject", str(override.id), *pack)
    assert status == 0 and "scored wrong again" in out
    store = Store(database_path())
    assert store.accepted(pack_key_of_small()) == {}
    assert store.history("bo")[0].outcome == "incorrect"
    store.close()
    status, out, err = _run(capsys, "overrides", "--accept", "999", *pack)
    assert status == 1 and err.startswith("study: error: no overridden answer has the id 999")
    assert len(err.splitlines()) == 1


def test_overrides_limit(history_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    history_store.close()
    status, out, _ = _run(capsys, "overrides", "--limit", "0", "--content", str(SMALL_PACK))
    assert out == "No overridden answers.\n"


def pack_key_of_small() -> str:
    return str(SMALL_PACK.resolve())


def test_an_accepted_answer_is_right_on_a_sheet_too(
        history_store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    [override] = history_store.overrides()
    history_store.close()
    pack = ["--content", str(SMALL_PACK)]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("student,question,response\ncy,money,lots\ncy,melson,nobody\n",
                     encoding="utf-8")
    _, before, _ = _run(capsys, "score", str(sheet), "--format", "csv", *pack)
    assert "money,lots,close" in before  # a vague amount: not right before it is accepted
    _run(capsys, "overrides", "--accept", str(override.id), *pack)
    _, after, _ = _run(capsys, "score", str(sheet), "--format", "csv", *pack)
    assert "money,lots,correct,1,accepted by your teacher" in after
    assert "melson,nobody,incorrect" in after
