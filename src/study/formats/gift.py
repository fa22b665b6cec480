"""Moodle GIFT: the pack's facts as a text file Moodle's question bank imports.

Each question is ``::fact id::[plain]question{answers####general feedback}``, one category per
topic (``$CATEGORY: $course$/top/<pack>/<topic>``). Texts are marked ``[plain]`` so Moodle shows
them as written (text is data, never HTML), and GIFT's special characters ``~ = # { } :`` and
the backslash are escaped, newlines written ``\\n``.
"""

from __future__ import annotations

from study import __version__
from study.formats.shapes import Form, Shape, number, pack_name, select, shape
from study.pack.models import Pack

_ESCAPES = str.maketrans({
    "\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
    "\n": "\\n", "\r": "",
})


def escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped."""
    return text.translate(_ESCAPES)


def _answer(text: str) -> str:
    # An answer starting with "[" would be read as a text format ("[html]..."): name one.
    return ("[plain]" if text.startswith("[") else "") + escape(text)


def question(item: Shape) -> str:
    """One question in GIFT."""
    head = f"// {item.fact.id}: {item.fact.kind} fact asked as {item.form}, cites {item.fact.cite}\n"
    head += f"::{escape(item.fact.id)}::[plain]{escape(item.text)}"
    fb = f"\t####{escape(item.feedback)}\n"
    if item.form is Form.TRUEFALSE:
        return f"{head}{{{'TRUE' if item.truth else 'FALSE'}\n{fb}}}\n"
    if item.form is Form.NUMERICAL:
        return f"{head}{{#\n\t={number(item.value)}:0\n{fb}}}\n"
    if item.form is Form.CHOICE:
        options = [f"\t={_answer(item.right)}\n"] + [f"\t~{_answer(w)}\n" for w in item.wrong]
        return f"{head}{{\n{''.join(options)}{fb}}}\n"
    if item.form is Form.ESSAY:
        return f"{head}{{\n{fb}}}\n"
    answers = "".join(f"\t=%100%{_answer(a)}\n" for a in item.answers)
    return f"{head}{{\n{answers}{fb}}}\n"


def export(pack: Pack, topic: str | None = None) -> str:
    """The pack's facts (or one topic's) as a GIFT file."""
    name = pack_name(pack)
    facts = select(pack, topic)
    blocks = [f"// {len(facts)} questions from the study content pack {name!r} "
              f"(study {__version__}).\n// In Moodle: Question bank > Import > GIFT format.\n"]
    for current in dict.fromkeys(f.topic for f in facts):
        blocks.append(f"$CATEGORY: $course$/top/{name}/{current}\n")
        blocks.extend(question(shape(pack, f)) for f in facts if f.topic == current)
    return "\n".join(blocks)
