"""Hostile text made inert: terminal controls removed, spreadsheet formulas and markup escaped.

Text from packs, answer sheets and learners is data. Before it reaches a terminal it goes
through `strip_controls`; before it goes into a file a teacher opens, through the cell function
of that format (`csv_cell`, `md_cell`, `html`). Nothing here imports Rich or Textual.
"""

from __future__ import annotations

import re
import reprlib

#: One match per thing a terminal would act on. Each alternative is a run of one character
#: class after a fixed prefix (no nested quantifiers), so a match costs time linear in its
#: length and a failed OSC scan stops at the next ESC: the whole pass is linear.
_CONTROLS = re.compile(
    # CSI: ESC [ (or its 8-bit form) parameters intermediates final ("ESC [ 2 J" clears the
    # screen)
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    # OSC, DCS, SOS, PM, APC, up to BEL or ST ("ESC ] 2 ; title BEL" sets the window title)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    # any other escape sequence: ESC, intermediates, a final byte (or a lone ESC)
    r"|\x1b[ -/]*[0-~]?"
    # C0 controls but tab and newline, DEL, C1 controls; the bidirectional embeddings,
    # overrides and isolates, which reorder the text after them on screen and in a report
    # ("Trojan Source": a response that reads as another)
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
    # lone surrogates (from bytes decoded with surrogateescape): not text, and not encodable
    r"|[\ud800-\udfff]"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Any single character that `visible` spells out.
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: What a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab, CR).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """``text`` without control characters or escape sequences (newline and tab stay); a lone
    surrogate becomes U+FFFD. Printable text comes back unchanged, at once."""
    if text.isprintable():
        # Nothing of Unicode's categories Cc (controls), Cs (surrogates) or Zl/Zp: the common
        # case, answered in C without the regex: ~0.3 us a call for a 35-character answer, against
        # ~2.3 us through the regex for the same text holding a newline.
        return text
    if _CONTROL_CHAR.search(text) is None:
        # Only newlines, tabs or other non-printing but harmless characters. Every match of
        # _CONTROLS holds a character of this one class, which is searched 10x as fast.
        return text
    return _CONTROLS.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return "\ufffd" if _SURROGATE.fullmatch(match.group()) else ""


def has_controls(text: str) -> bool:
    """Whether `strip_controls` would change ``text``."""
    return not text.isprintable() and _CONTROL_CHAR.search(text) is not None


def control_names(text: str) -> list[str]:
    """The distinct control characters in ``text``, named for a message ("ESC", "BEL", "U+009B")."""
    names: dict[str, None] = {}
    for char in _CONTROL_CHAR.findall(text):
        names[_NAMES.get(char, f"U+{ord(char):04X}")] = None
    return list(names)


_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BS", "\x0d": "CR", "\x00": "NUL", "\x7f": "DEL",
          "\x0c": "FF", "\x0b": "VT", "\x9b": "CSI", "\x9d": "OSC"}


def visible(text: str) -> str:
    """``text`` with each control character spelled out (ESC becomes the four characters
    ``\\x1b``), so a teacher sees what was typed and no terminal acts on it."""
    if text.isprintable() or _CONTROL_CHAR.search(text) is None:
        return text
    return _CONTROL_CHAR.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                             else f"\\u{ord(m.group()):04x}", text)


def csv_cell(text: str) -> str:
    """A cell for a CSV file: controls spelled out, and a leading ``'`` before what a
    spreadsheet would run as a formula (= + - @, or a leading tab or CR), as OWASP advises."""
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return visible(text)


def md_cell(text: str) -> str:
    """A cell of a Markdown table: controls spelled out; HTML (``< > &``), ``|`` and Markdown's
    own syntax (links, emphasis, code) escaped; line breaks turned into spaces (a row is one
    line). What a student typed reads as typed, in a viewer and in a terminal alike."""
    if "\r" in text:
        text = text.replace("\r\n", " ").replace("\r", " ")
    text = visible(text)
    if _MD_SPECIAL.search(text) is None:
        return text
    return _MD_SPECIAL.sub(_md_escape, text)


_MD_SPECIAL = re.compile(r"[\\`*_\[\]~|<>&\n]")
_MD_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " "}


def _md_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _MD_ESCAPES.get(char) or "\\" + char


def html(text: str) -> str:
    """Text for HTML: ``& < > " '`` escaped and controls spelled out."""
    import html as _html

    return _html.escape(visible(text), quote=True)


_BRIEF = reprlib.Repr()
_BRIEF.maxstring = _BRIEF.maxother = 70
_BRIEF.maxlist = _BRIEF.maxdict = _BRIEF.maxtuple = _BRIEF.maxset = 4
_BRIEF.maxlevel = 2


def brief(value: object, limit: int = 60) -> str:
    """``value`` for a message: its repr, cut to about ``limit`` characters. A message never
    holds a whole value: a value can be a 5 MB string or an alias bomb's expansion."""
    text = repr(value) if isinstance(value, str) and len(value) <= limit else _BRIEF.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
