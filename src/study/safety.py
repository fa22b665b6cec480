"""Text from packs, sheets and learners is data: these make it safe to show or to write."""

from __future__ import annotations

import re

# ESC sequences (CSI, OSC, and two-character ones), then every other C0/C1 control but tab
# and newline, then lone surrogates (from undecodable input).
_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udfff]"
)


def strip_controls(text: str) -> str:
    """``text`` without control characters or escape sequences (tab and newline stay); lone
    surrogates become U+FFFD."""
    if text.isascii() and text.isprintable():
        return text
    return _CONTROLS.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else "", text)
