"""Hostile text made inert: terminal controls, spreadsheet formulas, markup."""

from __future__ import annotations

import subprocess
import sys

import pytest

from study.safety import (
    control_names,
    csv_cell,
    has_controls,
    html,
    md_cell,
    strip_controls,
    visible,
)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("\x1b]2;title\x07Who led ATF?", "Who led ATF?"),  # sets the window title
        ("\x1b]0;title\x1b\\x", "x"),  # OSC ended by ST
        ("a\x1b[2Jb\x1b[1;31mc\x1b[0m", "abc"),  # clears the screen; colours
        ("a\x1b[?1049hb", "ab"),  # alternate screen
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x1b7b\x1bc", "ab"),  # two-character sequences
        ("a\x1b", "a"),  # a lone ESC
        ("a\x1b]2;never ended", "a2;never ended"),  # unterminated OSC: only the introducer goes
        ("a\x00b\x08c\rd\x7fe\x85f\x9b2Jg\x9d0;t\x07h", "abcdefgh"),  # C0, DEL, C1, 8-bit CSI, OSC
        ("line one\n\tline two", "line one\n\tline two"),  # newline and tab stay
        ("caf\u00e9 \u2014 \u00bfqu\u00e9?", "caf\u00e9 \u2014 \u00bfqu\u00e9?"),
        ("bad \udcff byte", "bad \ufffd byte"),  # lone surrogate from surrogateescape
        # bidirectional overrides and isolates reorder what follows them ("Trojan Source")
        ("Melson\u202e3102 ni\u202c", "Melson3102 ni"), ("a\u2066b\u2067c\u2068d\u2069", "abcd"),
        ("\u202a\u202b\u202d", ""),
        ("\u05e9\u05dc\u05d5\u05dd \u200f!", "\u05e9\u05dc\u05d5\u05dd \u200f!"),  # RTL text and marks stay
        ("", ""),
    ],
)
def test_strip_controls(text: str, clean: str) -> None:
    assert strip_controls(text) == clean
    assert not has_controls(strip_controls(text))


def test_printable_text_is_returned_as_is() -> None:
    text = "Kenneth Melson, acting director of ATF"
    assert strip_controls(text) is text
    assert visible(text) is text


def test_strip_controls_is_linear_on_hostile_input() -> None:
    # Many unterminated OSC introducers, each followed by a long run: a backtracking pattern
    # would take minutes; run in a child so that a regression hangs visibly, then fails.
    code = (
        "from study.safety import strip_controls\n"
        "text = ('\\x1b]' + 'x' * 50) * 4000 + '\\x1b[' + '1;' * 100000\n"
        "out = strip_controls(text)\n"
        "assert out == 'x' * 200000, len(out)  # the CSI's parameters go with it\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=10, check=False)
    assert result.stdout.strip() == "ok", result.stderr


def test_control_names() -> None:
    assert control_names("\x1b]2;x\x07\x1b[2J\x9b") == ["ESC", "BEL", "CSI"]
    assert control_names("a\u202eb") == ["U+202E"]


def test_a_bidirectional_override_is_spelled_out_in_reports() -> None:
    assert visible("ok\u202eko") == "ok\\u202eko"
    assert html("ok\u2066x") == "ok\\u2066x" and csv_cell("\u202e=1") == "\\u202e=1"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\\x0d=1+1"), ("ICE", "ICE"), ("1-2", "1-2"),
        ("\x1b[2J=x", "\\x1b[2J=x"),
    ],
)
def test_csv_cell(text: str, cell: str) -> None:
    assert csv_cell(text) == cell


def test_md_cell() -> None:
    assert md_cell("a|b\nc\r\nd") == "a\\|b c d"
    assert md_cell("<img src=x onerror=alert(1)> & more") == (
        "&lt;img src=x onerror=alert(1)&gt; &amp; more")
    assert md_cell("[x](javascript:y) *b* `c`") == "\\[x\\](javascript:y) \\*b\\* \\`c\\`"
    assert md_cell("\x1b[2J") == "\\\\x1b\\[2J"


def test_html() -> None:
    assert html("<b class=\"x\">O'Hara & co\x1b</b>") == (
        "&lt;b class=&quot;x&quot;&gt;O&#x27;Hara &amp; co\\x1b&lt;/b&gt;")
