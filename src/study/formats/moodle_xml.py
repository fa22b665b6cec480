"""Moodle XML: the pack's facts as a question bank file for Moodle's "Moodle XML format" import.

The same questions as the GIFT export (see `study.formats.shapes`), built with ElementTree so
every text is escaped and the file is well-formed; texts are ``plain_text`` so Moodle shows them
as written. Each question carries the fact id as its name and ``idnumber``, and its topic and
kind as tags; one category per topic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from study import __version__
from study.formats.shapes import Form, Shape, number, pack_name, select, shape
from study.pack.models import Pack

PLAIN = "plain_text"
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = PLAIN) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = _NOT_XML.sub("", value)
    return element


def _answer(parent: ET.Element, fraction: int, text: str, tolerance: str | None = None) -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": str(fraction), "format": PLAIN})
    ET.SubElement(answer, "text").text = _NOT_XML.sub("", text)
    if tolerance is not None:
        ET.SubElement(answer, "tolerance").text = tolerance
    _text(answer, "feedback", "")


def question(item: Shape) -> ET.Element:
    """One question element."""
    fact = item.fact
    q = ET.Element("question", {"type": str(item.form)})
    _text(q, "name", fact.id, fmt=None)
    _text(q, "questiontext", item.text)
    _text(q, "generalfeedback", item.feedback)
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = fact.id
    if item.form is Form.TRUEFALSE:
        _answer(q, 100 if item.truth else 0, "true")
        _answer(q, 0 if item.truth else 100, "false")
    elif item.form is Form.NUMERICAL:
        _answer(q, 100, number(item.value), tolerance="0")
        ET.SubElement(q, "unitgradingtype").text = "0"
        ET.SubElement(q, "unitpenalty").text = "0"
        ET.SubElement(q, "showunits").text = "3"
        ET.SubElement(q, "unitsleft").text = "0"
    elif item.form is Form.CHOICE:
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "abc"
        _answer(q, 100, item.right)
        for wrong in item.wrong:
            _answer(q, 0, wrong)
    elif item.form is Form.ESSAY:
        ET.SubElement(q, "responseformat").text = "plain"
        ET.SubElement(q, "responserequired").text = "1"
        ET.SubElement(q, "responsefieldlines").text = "5"
        ET.SubElement(q, "attachments").text = "0"
        _text(q, "graderinfo", item.feedback)
    else:
        ET.SubElement(q, "usecase").text = "0"
        for text in item.answers:
            _answer(q, 100, text)
    tags = ET.SubElement(q, "tags")
    for tag in (fact.topic, str(fact.kind)):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return q


def export(pack: Pack, topic: str | None = None) -> str:
    """The pack's facts (or one topic's) as a Moodle XML question bank."""
    name = pack_name(pack)
    facts = select(pack, topic)
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {len(facts)} questions from the study content pack {name!r} "
                           f"(study {__version__}) "))
    for current in dict.fromkeys(f.topic for f in facts):
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"$course$/top/{name}/{current}", fmt=None)
        for fact in facts:
            if fact.topic == current:
                quiz.append(question(shape(pack, fact)))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
