"""CSV: one row per fact, for a spreadsheet; `study import` reads the same columns back.

Lists (a list answer, accepted forms, distractors) are written ``;``-separated. A cell that a
spreadsheet would run as a formula (starting with ``= + - @``, a tab or a carriage return) gets
a leading ``'``, which spreadsheets show as text and `study import` removes again.
"""

from __future__ import annotations

import csv
import io

from study.formats.shapes import select
from study.pack.models import Fact, Pack

COLUMNS = ["id", "topic", "kind", "prompt", "answer", "accept", "distractors", "explain", "cite",
           "source", "passage heading"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def neutralise(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet: never a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def row(pack: Pack, fact: Fact) -> list[str]:
    passage = pack.passages[fact.cite]
    cells = [fact.id, fact.topic, str(fact.kind), fact.prompt, LIST_SEPARATOR.join(fact.items),
             LIST_SEPARATOR.join(fact.accept), LIST_SEPARATOR.join(fact.distractors),
             fact.explain or "", fact.cite, passage.source.title, passage.heading]
    return [neutralise(c) for c in cells]


def export(pack: Pack, topic: str | None = None) -> str:
    """The pack's facts (or one topic's) as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for fact in select(pack, topic):
        writer.writerow(row(pack, fact))
    return out.getvalue()
