"""Anki: the pack's facts as an ``.apkg`` package, one note per fact, built with genanki.

The front shows the prompt (and, for choice facts, the options); the back the answer, the other
accepted forms, the explain and the cited passage with its citation. The note type, the deck and
every note's guid are derived from the pack's name (and the fact id), so importing a later
export of the same pack updates the notes instead of adding copies; Anki takes the update when
the note in the file is newer, which it is, since each export stamps the time it was made.
Every text from the pack is HTML-escaped: it is data, never markup.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

from study.errors import StudyError
from study.formats.shapes import accepted_forms, answer_text, citation, display, pack_name, select
from study.pack.models import Fact, Kind, Pack

FIELDS = ["Prompt", "Instruction", "Options", "Answer", "Accepted", "Explain", "Heading", "Passage",
          "Citation", "FactId"]
FRONT = """<div class="prompt">{{Prompt}}</div>
{{#Instruction}}<div class="instruction">{{Instruction}}</div>{{/Instruction}}
{{#Options}}<ol class="options" type="A">{{Options}}</ol>{{/Options}}"""
BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Accepted}}<div class="accepted">Also accepted: {{Accepted}}</div>{{/Accepted}}
{{#Explain}}<div class="explain">{{Explain}}</div>{{/Explain}}
<div class="passage"><div class="heading">{{Heading}}</div>{{Passage}}</div>
<div class="cite">{{Citation}}</div>"""
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; max-width: 40em; margin: auto; }
.instruction, .accepted, .cite { color: #666; font-size: 16px; }
.answer { font-weight: bold; margin: .5em 0; }
.passage { border-left: 3px solid #aaa; padding-left: .8em; margin-top: 1em; font-size: 17px; }
.heading { font-weight: bold; }"""


def anki_id(kind: str, name: str) -> int:
    """A stable id in the range Anki's tools use for note types and decks (2**30 to 2**31)."""
    digest = hashlib.sha256(f"study {kind} {name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def note_guid(name: str, fact_id: str) -> str:
    import genanki  # ~60 ms with its dependencies; only `study export --format anki` needs it

    return str(genanki.guid_for("study", name, fact_id))


def fields(pack: Pack, fact: Fact) -> list[str]:
    """The note's fields, in `FIELDS` order, as HTML."""
    e = html.escape
    passage = pack.passages[fact.cite]
    if fact.kind is Kind.TRUEFALSE:
        instruction, answer = "True or false?", fact.items[0].strip().capitalize()
    elif fact.kind is Kind.LIST:
        instruction, answer = f"Name all {len(fact.items)}.", answer_text(fact)
    else:
        instruction, answer = ("Choose one." if fact.kind is Kind.CHOICE else ""), answer_text(fact)
    options = ""
    if fact.kind is Kind.CHOICE and fact.distractors:
        choices = sorted({display(fact.items[0]), *fact.distractors}, key=str.casefold)
        options = "".join(f"<li>{e(c)}</li>" for c in choices)
    accepted = ""
    if fact.kind not in (Kind.TRUEFALSE, Kind.LIST):
        others = [f for f in accepted_forms(pack, fact) if f.casefold() != answer.casefold()]
        accepted = "; ".join(e(f) for f in others)
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in passage.text.split("\n\n") if p.strip())
    return [e(fact.prompt), instruction, options, e(answer), accepted, e(fact.explain or ""),
            e(passage.heading), paragraphs, e(citation(pack, fact)), e(fact.id)]


def export(pack: Pack, path: Path, topic: str | None = None) -> int:
    """Write the pack's facts (or one topic's) to the ``.apkg`` at ``path``; return the count."""
    import genanki  # see note_guid

    name = pack_name(pack)
    model = genanki.Model(
        anki_id("model", name), f"study fact ({name})",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Recall", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    deck = genanki.Deck(anki_id("deck", name), "study" if name == "study" else f"study::{name}")
    facts = select(pack, topic)
    for fact in facts:
        tags = [fact.topic, str(fact.kind), pack.passages[fact.cite].source.id]
        deck.add_note(genanki.Note(model=model, fields=fields(pack, fact), tags=tags,
                                   guid=note_guid(name, fact.id)))
    try:
        genanki.Package(deck).write_to_file(str(path))
    except OSError as exc:
        raise StudyError(f"{path}: cannot write the Anki package: {exc.strerror or exc}") from exc
    return len(facts)
