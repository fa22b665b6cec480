"""Topics as people write and read them: "border surge", "Border-Surge" and "border-surge" are
one topic, shown as "Border surge"; an acronym the glossary knows stays in capitals ("GAO
findings")."""

from __future__ import annotations

import re

from study.errors import UsageError
from study.pack.models import Pack

#: Two-letter words that are words, not initials ("ig-report" is the "IG report").
_SMALL = frozenset("an as at be by do go if in is it me my no of on or so to up us we".split())


def topic_key(text: str) -> str:
    """The slug a learner means: case, spaces and underscores do not matter."""
    return re.sub(r"[\s_-]+", "-", text.strip().casefold()).strip("-")


def resolve_topic(pack: Pack, text: str) -> str:
    """The topic slug ``text`` names, or a `UsageError` listing the topics."""
    key = topic_key(text)
    if key in pack.topics:
        return key
    for slug in pack.topics:
        if topic_key(topic_title(pack, slug)) == key:
            return slug
    known = ", ".join(sorted(pack.topics))
    raise UsageError(f"no facts have the topic {text!r}; topics are: {known}")


def topic_title(pack: Pack, slug: str) -> str:
    """A topic's display title: its words, capitalised once, with the glossary's acronyms."""
    acronyms = {entry.short.casefold(): entry.short for entry in pack.glossary if entry.short}
    words = [acronyms.get(word) or (word.upper() if len(word) == 2 and word not in _SMALL
                                    else word) for word in slug.split("-")]
    if words and words[0] == words[0].lower():
        words[0] = words[0].capitalize()
    return " ".join(words)
