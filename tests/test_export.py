"""`study export`: every format read back and compared with the pack it came from."""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_main
from gift_reader import GiftQuestion, read_gift, wildcard_match
from study.checking.forms import expand
from study.checking.numbers import quantities
from study.formats import anki, gift, moodle_xml, table
from study.formats.shapes import accepted_forms, pack_name
from study.pack.loader import load_pack
from study.pack.models import Fact, Kind, Pack

#: Facts whose texts hold every character the formats treat specially.
TRICKY = [
    {"id": "braces", "prompt": "Braces {x}, equals = tilde ~ colon: hash # backslash \\ "
     "<b>tag</b> & amp \u2014 whose government fought the cartels?",
     "answer": "Calderon", "accept": ["Felipe Calderon", "Calderon: {the} #1"],
     "kind": "text", "cite": "border#markup", "topic": "agencies",
     "explain": "=HYPERLINK(\"x\") {not} a formula: # ~ \\n stays\n\nafter a blank line"},
    {"id": "formula", "prompt": "=1+1 and -2: the fought cartels were fought by whose government?",
     "answer": "Calderon", "kind": "place", "cite": "border#markup", "topic": "agencies",
     "explain": "@everyone +1 -1", "distractors": ["=cmd|' /C calc'!A0", "-1", "@SUM(1)"]},
    {"id": "bell", "prompt": "A bell \a in the prompt: ICE started Operation Armas Cruzadas.",
     "answer": "true", "kind": "truefalse", "cite": "border#programs", "topic": "programs"},
]


@pytest.fixture
def tricky(pack_copy: Path) -> Pack:
    facts = pack_copy / "questions/tricky.yaml"
    facts.write_text(yaml.safe_dump(TRICKY, allow_unicode=True), encoding="utf-8")
    return load_pack(pack_copy)


@pytest.fixture(params=["small", "bundled", "tricky"])
def any_pack(request: pytest.FixtureRequest) -> Pack:
    pack: Pack = request.getfixturevalue(f"{request.param}_pack" if request.param != "tricky"
                                         else "tricky")
    return pack


def in_topic_order(pack: Pack) -> list[Fact]:
    order = list(dict.fromkeys(f.topic for f in pack.facts))
    return sorted(pack.facts, key=lambda f: order.index(f.topic))


def expected_value(fact: Fact) -> float:
    q = quantities(fact.items[0])[0]
    if q.unit == "money" and q.value >= 1e6:
        return q.value / (1e9 if q.value >= 1e9 else 1e6)
    return q.value


def assert_feedback(pack: Pack, fact: Fact, feedback: str) -> None:
    passage = pack.passages[fact.cite]
    if fact.explain:
        assert fact.explain in feedback
    for part in (passage.source.title, passage.heading, passage.id):
        assert part in feedback


# -- GIFT -------------------------------------------------------------------------------------


def test_gift_reads_back_as_the_pack(any_pack: Pack) -> None:
    parsed = read_gift(gift.export(any_pack))
    questions = [q for q in parsed if q.type != "category"]
    facts = in_topic_order(any_pack)
    assert [q.name for q in questions] == [f.id for f in facts]
    categories = [q.category for q in parsed if q.type == "category"]
    name = pack_name(any_pack)
    assert categories == [f"$course$/top/{name}/{t}" for t in dict.fromkeys(f.topic for f in facts)]
    for fact, q in zip(facts, questions, strict=True):
        assert q.format == "plain"
        assert q.text.startswith(fact.prompt), (q.text, fact.prompt)
        assert_feedback(any_pack, fact, q.feedback)
        check_question(any_pack, fact, q)


def check_question(pack: Pack, fact: Fact, q: GiftQuestion) -> None:
    right = [a.text for a in q.answers if a.fraction == 1.0]
    wrong = [a.text for a in q.answers if a.fraction == 0.0]
    if fact.kind is Kind.TRUEFALSE:
        assert q.type == "truefalse" and q.truth is (fact.items[0] == "true")
    elif fact.kind is Kind.CHOICE or (fact.kind in (Kind.PERSON, Kind.AGENCY, Kind.PLACE)
                                      and len(fact.distractors) >= 3):
        assert q.type == "multichoice"
        assert right == [expand(fact.items[0])[0]] and wrong == fact.distractors
    elif fact.kind.numeric:
        assert q.type == "numerical"
        [answer] = q.answers
        assert float(answer.text) == pytest.approx(expected_value(fact)) and answer.tolerance == 0
    elif fact.kind is Kind.LIST:
        assert q.type == "shortanswer" and not wrong
        items = [expand(i)[0] for i in fact.items]
        backwards = ", ".join(reversed(items[1:])) + " and " + items[0]
        assert any(wildcard_match(p, backwards) for p in right), (backwards, right)
        assert any(wildcard_match(p, ", ".join(items).upper()) for p in right)
        assert not any(wildcard_match(p, ", ".join(items[1:])) for p in right)
    else:
        assert q.type == "shortanswer" and not wrong
        forms = {f for text in (*fact.items, *fact.accept) for f in expand(text)}
        assert forms <= set(right)
        assert right == accepted_forms(pack, fact)
        assert all(any(wildcard_match(p, form.upper()) for p in right) for form in forms)


def test_gift_escapes_every_special_character(tricky: Pack) -> None:
    text = gift.export(tricky)
    braces = next(q for q in read_gift(text) if q.name == "braces")
    assert braces.text == TRICKY[0]["prompt"]
    assert "Calderon: {the} #1" in [a.text for a in braces.answers]
    assert "=HYPERLINK(\"x\") {not} a formula: # ~ \\n stays" in braces.feedback
    # Nothing unescaped inside the question: one "{" opens its answers, one "}" closes them.
    block = text[text.index("::braces::"):].split("\n\n")[0]
    assert block.count("{") - block.count("\\{") == 1 and block.count("}") - block.count("\\}") == 1


def test_gift_escape_covers_every_special_character() -> None:
    assert gift.escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def test_gift_list_patterns_cover_every_order(small_pack: Pack) -> None:
    states = next(q for q in read_gift(gift.export(small_pack)) if q.name == "states")
    patterns = [a.text for a in states.answers]
    assert len(patterns) == 6
    for response in ("Texas, New Mexico, California", "new mexico; california & texas"):
        assert any(wildcard_match(p, response) for p in patterns)
    assert not any(wildcard_match(p, "Texas and California") for p in patterns)


def test_gift_of_one_topic(small_pack: Pack) -> None:
    questions = [q for q in read_gift(gift.export(small_pack, "figures")) if q.type != "category"]
    assert sorted(q.name for q in questions) == sorted(
        f.id for f in small_pack.facts if f.topic == "figures")


# -- Moodle XML -------------------------------------------------------------------------------


def test_moodle_xml_reads_back_as_the_pack(any_pack: Pack) -> None:
    root = ET.fromstring(moodle_xml.export(any_pack).encode("utf-8"))
    assert root.tag == "quiz"
    questions = [q for q in root.iter("question") if q.get("type") != "category"]
    facts = in_topic_order(any_pack)
    assert [q.findtext("name/text") for q in questions] == [f.id for f in facts]
    assert [q.findtext("idnumber") for q in questions] == [f.id for f in facts]
    for fact, q in zip(facts, questions, strict=True):
        text = q.find("questiontext")
        assert text is not None and text.get("format") == "plain_text"
        assert (text.findtext("text") or "").startswith(fact.prompt.replace("\a", ""))
        assert_feedback(any_pack, fact, q.findtext("generalfeedback/text") or "")
        assert [t.text for t in q.iterfind("tags/tag/text")] == [fact.topic, str(fact.kind)]
        answers = [(a.findtext("text"), a.get("fraction")) for a in q.iterfind("answer")]
        kind = q.get("type")
        if fact.kind is Kind.TRUEFALSE:
            truth = fact.items[0] == "true"
            assert kind == "truefalse"
            assert answers == [("true", "100" if truth else "0"), ("false", "0" if truth else "100")]
        elif kind == "multichoice":
            assert answers == [(expand(fact.items[0])[0], "100")] + [(d, "0") for d in fact.distractors]
        elif fact.kind.numeric:
            assert kind == "numerical" and len(answers) == 1
            assert float(answers[0][0] or "") == pytest.approx(expected_value(fact))
            assert q.findtext("answer/tolerance") == "0"
        else:
            assert kind == "shortanswer" and q.findtext("usecase") == "0"
            assert all(f == "100" for _, f in answers)
            if fact.kind is not Kind.LIST:
                assert [a for a, _ in answers] == accepted_forms(any_pack, fact)


def test_moodle_xml_keeps_text_as_text(tricky: Pack) -> None:
    exported = moodle_xml.export(tricky)
    assert "<b>" not in exported and "&lt;b&gt;tag&lt;/b&gt; &amp; amp" in exported
    root = ET.fromstring(exported.encode("utf-8"))
    prompts = {q.findtext("name/text"): q.findtext("questiontext/text") for q in root.iter("question")}
    assert prompts["braces"] == TRICKY[0]["prompt"]
    # XML 1.0 cannot hold a bell character at all: it is dropped, the rest kept.
    assert prompts["bell"] == "A bell  in the prompt: ICE started Operation Armas Cruzadas."


# -- Anki -------------------------------------------------------------------------------------


def read_apkg(path: Path, tmp_path: Path) -> tuple[list[tuple[str, int, str, list[str]]], dict[str, object]]:
    """(guid, model id, tags, fields) of every note, and the collection's models and decks."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n in ("collection.anki21", "collection.anki2"))
        target = tmp_path / f"{path.stem}-{name}"
        target.write_bytes(archive.read(name))
    with sqlite3.connect(target) as db:
        rows = db.execute("SELECT guid, mid, tags, flds FROM notes ORDER BY id").fetchall()
        notes = [(guid, mid, tags, flds.split("\x1f")) for guid, mid, tags, flds in rows]
        models, decks = db.execute("SELECT models, decks FROM col").fetchone()
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    return notes, {"models": json.loads(models), "decks": json.loads(decks), "cards": cards}


@pytest.mark.parametrize("which", ["small_pack", "bundled_pack", "tricky"])
def test_anki_package_holds_one_note_per_fact(which: str, request: pytest.FixtureRequest,
                                              tmp_path: Path) -> None:
    pack: Pack = request.getfixturevalue(which)
    path = tmp_path / "deck.apkg"
    assert anki.export(pack, path) == len(pack.facts)
    notes, col = read_apkg(path, tmp_path)
    assert len(notes) == len(pack.facts) and col["cards"] == len(pack.facts)
    name = pack_name(pack)
    models = col["models"]
    assert isinstance(models, dict) and str(anki.anki_id("model", name)) in models
    model = models[str(anki.anki_id("model", name))]
    assert [f["name"] for f in model["flds"]] == anki.FIELDS
    decks = col["decks"]
    assert isinstance(decks, dict) and str(anki.anki_id("deck", name)) in decks
    by_id = {fields[anki.FIELDS.index("FactId")]: (guid, mid, tags, fields)
             for guid, mid, tags, fields in notes}
    assert set(by_id) == {f.id for f in pack.facts}
    for fact in pack.facts:
        guid, mid, tags, fields = by_id[fact.id]
        note = dict(zip(anki.FIELDS, fields, strict=True))
        passage = pack.passages[fact.cite]
        assert guid == anki.note_guid(name, fact.id) and mid == anki.anki_id("model", name)
        assert set(tags.split()) == {fact.topic, str(fact.kind), passage.source.id}
        assert html.unescape(note["Prompt"]) == fact.prompt
        answer = html.unescape(note["Answer"])
        if fact.kind is Kind.TRUEFALSE:
            assert answer.lower() == fact.items[0]
        else:
            assert all(expand(item)[0] in answer for item in fact.items)
        assert html.unescape(note["Explain"]) == (fact.explain or "")
        assert html.unescape(note["Heading"]) == passage.heading
        for paragraph in passage.text.split("\n\n"):
            assert f"<p>{html.escape(paragraph)}</p>" in note["Passage"]
        assert passage.id in note["Citation"]


def test_anki_text_is_escaped_and_ids_are_stable(tricky: Pack, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    anki.export(tricky, first)
    anki.export(tricky, second)
    notes_a, col_a = read_apkg(first, tmp_path)
    notes_b, col_b = read_apkg(second, tmp_path)
    assert [n[0] for n in notes_a] == [n[0] for n in notes_b]
    assert col_a["models"].keys() == col_b["models"].keys()  # type: ignore[attr-defined]
    assert col_a["decks"].keys() == col_b["decks"].keys()  # type: ignore[attr-defined]
    braces = next(fields for _, _, _, fields in notes_a if fields[-1] == "braces")
    assert "&lt;b&gt;tag&lt;/b&gt; &amp; amp" in braces[0] and "<b>" not in braces[0]
    # Another pack gets other ids: its notes never overwrite this one's.
    assert anki.anki_id("deck", "other") != anki.anki_id("deck", pack_name(tricky))
    assert anki.note_guid("other", "braces") != anki.note_guid(pack_name(tricky), "braces")


def test_anki_choice_facts_show_their_options(small_pack: Pack) -> None:
    fact = small_pack.facts_by_id["program-name"]
    note = dict(zip(anki.FIELDS, anki.fields(small_pack, fact), strict=True))
    assert note["Options"] == ("<li>eTrace</li><li>Fast and Furious</li>"
                               "<li>Operation Armas Cruzadas</li><li>Project Gunrunner</li>")
    assert note["Answer"] == "Operation Armas Cruzadas" and note["Accepted"] == "Armas Cruzadas"


# -- CSV --------------------------------------------------------------------------------------


def test_csv_has_one_row_per_fact(any_pack: Pack) -> None:
    rows = list(csv.reader(io.StringIO(table.export(any_pack), newline="")))
    assert rows[0] == table.COLUMNS
    assert len(rows) == len(any_pack.facts) + 1
    for fact, cells in zip(any_pack.facts, rows[1:], strict=True):
        row = dict(zip(table.COLUMNS, cells, strict=True))
        plain = {k: v[1:] if v[:1] == "'" and v[1:2] in "=+-@\t\r" and v[1:2] else v
                 for k, v in row.items()}
        passage = any_pack.passages[fact.cite]
        assert plain["id"] == fact.id and plain["kind"] == fact.kind and plain["topic"] == fact.topic
        assert plain["prompt"] == fact.prompt and plain["explain"] == (fact.explain or "")
        assert plain["answer"].split("; ") == fact.items
        assert (plain["accept"].split("; ") if plain["accept"] else []) == fact.accept
        assert (plain["distractors"].split("; ") if plain["distractors"] else []) == fact.distractors
        assert plain["cite"] == fact.cite and plain["source"] == passage.source.title
        assert plain["passage heading"] == passage.heading


def test_csv_cells_are_never_formulas(tricky: Pack) -> None:
    rows = {r[0]: dict(zip(table.COLUMNS, r, strict=True))
            for r in csv.reader(io.StringIO(table.export(tricky), newline=""))}
    assert rows["formula"]["prompt"] == "'=1+1 and -2: the fought cartels were fought by whose government?"
    assert rows["formula"]["explain"] == "'@everyone +1 -1"
    assert rows["formula"]["distractors"] == "'=cmd|' /C calc'!A0; -1; @SUM(1)"
    assert rows["braces"]["explain"].startswith("'=HYPERLINK")
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert table.neutralise("\tx") == "'\tx" and table.neutralise("a=b") == "a=b"


# -- the command ------------------------------------------------------------------------------


def test_export_command_writes_each_format(tmp_path: Path) -> None:
    # `study export` through cli.main in this process, as the console script runs it (the
    # interpreter's own start is tested in test_cli): ~0.5 s less for each run.
    out = run_main("export", "--format", "gift")
    assert out.returncode == 0, out.stderr
    assert len([q for q in read_gift(out.stdout) if q.type != "category"]) == len(
        load_pack(REPO).facts)
    target = tmp_path / "bank.csv"
    result = run_main("export", "--format", "csv", "--topic", "programs", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert rows and {r["topic"] for r in rows} == {"programs"}
    apkg = tmp_path / "deck.apkg"
    result = run_main("export", "--format", "anki", "-o", str(apkg))
    assert result.returncode == 0 and zipfile.is_zipfile(apkg)


def test_export_command_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    anki_out = run_main("export", "--format", "anki")
    assert anki_out.returncode == 2 and "-o FILE.apkg" in anki_out.stderr
    topic = run_main("export", "--format", "gift", "--topic", "nope")
    assert topic.returncode == 2 and "topics are:" in topic.stderr
    unwritable = run_main("export", "--format", "csv", "-o", str(tmp_path / "no/such/dir.csv"))
    assert unwritable.returncode == 1 and "cannot write" in unwritable.stderr
    for result in (anki_out, topic, unwritable):
        assert "Traceback" not in result.stderr


def test_formats_never_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, study.formats.gift, study.formats.moodle_xml, study.formats.anki, "
        "study.formats.table, study.formats.importer, study.formats.sources;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"
