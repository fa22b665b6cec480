"""Reading a learner's question: the kind of answer it wants and the terms it asks about."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from study.checking.normalize import fold
from study.tutor.lexicon import Lexicon, Mention
from study.tutor.spelling import Spelling
from study.tutor.text import LIGHT, LIGHT_WEIGHT, Token, tokenize


class Want(StrEnum):
    """The kind of answer a question asks for."""

    WHO = "who"  # a person or an agency
    PERSON = "person"
    AGENCY = "agency"
    TIME = "time"  # a year, a month or a date
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    QUANTITY = "quantity"  # "how much": money, a number or a share
    DURATION = "duration"
    PLACE = "place"
    NAME = "name"  # "what was the name of the blog?", "what was the report's title?": a proper name
    DEFINE = "define"  # "what is eTrace?", "who is Gil Kerlikowske?"
    EXPAND = "expand"  # "what does BEST stand for?"
    YESNO = "yesno"
    REASON = "reason"  # why: a statement, never a bare name or figure
    MANNER = "manner"  # how (not how many/much/long): a statement
    TEXT = "text"  # what: any statement

    @property
    def typed(self) -> bool:
        """Whether an answer must hold something of a kind (a name, a number, a date, a place)."""
        return self not in _UNTYPED


_UNTYPED = frozenset({Want.DEFINE, Want.EXPAND, Want.YESNO, Want.REASON, Want.MANNER, Want.TEXT})

_AGENCY_NOUNS = (
    "agency agencies department departments organization organizations organisation office "
    "bureau body outlet outlets network networks newspaper company companies committee "
    "administration government party branch station"
)
_PERSON_NOUNS = (
    "official officials agent agents person people man woman men women congressman congresswoman "
    "reader readers secretary president director writer writers reporter reporters judge "
    "officer officers lawmaker blogger commenter leader head chief boss supervisor spokesman "
    "senator representative prosecutor prosecutors ex-fbi rep guy"
)
#: More nouns for people, after "the names of": "the names of the supervisors" asks for people's
#: names (but "what were the supervisors waiting for" asks no name).
_NAMED_PEOPLE = frozenset(
    """supervisors bosses chiefs leaders directors heads buyer buyers seller sellers dealer
    dealers victim victims member members commenters bloggers senators representatives judges
    lawmakers spokesmen spokeswoman spokesperson trafficker traffickers smuggler smugglers suspect
    suspects defendant defendants investigator investigators auditor auditors analyst analysts
    employee employees guys""".split())
_PLACE_NOUNS = (
    "city cities state states country countries place places town towns border region area "
    "areas county consulate consulates district location locations"
)
_TIME_NOUNS = "year years month months date day days season time"
_MONEY_WORDS = frozenset(
    "money cost costs spend spent pay paid fund funds funding budget dollars stimulus price "
    "worth".split()
)
_AUX = frozenset(
    "did does do is was were are has have had can could will would should may might".split()
)
_LEAD = re.compile(r"^(?:(?:and|so|but|ok|okay|hey|also|then|now|well|um|uh|and\s+so|wait|hmm+|hm|oh|ah|"
                   r"huh|wow|sorry|yeah)\s*[,.!]?\s+)+")
_ACCORDING = re.compile(r"^(?:according\s+to|in|per)\s+[^,]{1,60},\s*")
_POLITE = re.compile(
    r"^(?:(?:can|could|would)\s+you\s+(?:please\s+)?(?:tell\s+me|explain|say)\s+|"
    r"(?:please\s+)?(?:tell\s+me|explain(?:\s+to\s+me)?)\s+|i\s+(?:want|would\s+like)\s+to\s+know\s+|"
    r"do\s+you\s+know\s+|i\s+wonder\s+|i'?m\s+wondering\s+)"
)


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


AGENCY_NOUNS = _words(_AGENCY_NOUNS)
PERSON_NOUNS = _words(_PERSON_NOUNS)
PLACE_NOUNS = _words(_PLACE_NOUNS)
TIME_NOUNS = _words(_TIME_NOUNS)


@dataclass
class Question:
    """A question as the tutor reads it."""

    text: str
    asked: str  # the question without politeness ("can you tell me ...") and its final mark
    tokens: list[Token]
    want: Want
    mentions: list[Mention] = field(default_factory=list)
    #: Topic terms (stems and concept terms) and their weights; the kind-of-answer words are out.
    terms: dict[str, float] = field(default_factory=dict)
    #: For "what is X" / "who is X" / "what does X stand for": the concept or words asked about.
    subject: tuple[str, ...] = ()
    #: The kind of thing asked for or counted ("how many people" -> "person", "which cities"
    #: -> "city"): see `focus_of`.
    focus: str | None = None
    #: For "how many X ...": what X can be called (its stem, its concept, "person" for a noun
    #: for people), to match the noun a number in the answer counts. Empty otherwise.
    counted: frozenset[str] = frozenset()


def want_of(text: str) -> Want:
    """The kind of answer ``text`` (a question) asks for."""
    return _want(_lead_stripped(fold(text)))


def _lead_stripped(folded: str) -> str:
    text = folded.strip().rstrip("?.! ")
    text = _LEAD.sub("", text)
    text = _POLITE.sub("", text)
    text = _ACCORDING.sub("", text)
    return text


_WH_WORDS = ("who", "whos", "whom", "whose", "what", "whats", "which", "when", "where", "why", "how")


@lru_cache(maxsize=4096)
def _want(text: str, acronym: bool = False) -> Want:
    # a fact's prompt is read up to three times while the index is built (8 ms of the build)
    text = _IS.sub(r"\1 is", text.replace("\u2019", "'"))
    possessive = "'s" in text
    words = re.findall(r"[a-z0-9$%]+", re.sub(r"'s\b", "", text))
    if not words:
        return Want.TEXT
    # The first question word decides ("what was found where Terry was killed" asks what).
    if words[0] in ("name", "title") and len(words) > 2 and words[1] == "of":
        return _named(words, 2)  # "name of the inspector general who wrote the report"
    at = next((i for i, w in enumerate(words) if w in _WH_WORDS), None)
    if at is None:
        # "so Gunrunner started in 2006, right?": a statement to confirm is a yes or no
        tagged = len(words) > 3 and words[-1] in ("right", "correct", "true", "yes")
        return Want.YESNO if words[0] in _AUX or tagged else Want.TEXT
    if at > 0 and words[0] in _AUX and at > 3:
        return Want.YESNO  # "did the report say why ...": a yes or no first
    joined = " ".join(words[at:])
    first = words[at]
    if first in ("what", "whats") and re.search(r"\b(?:stand|stands|short)\s+for\b", joined):
        return Want.EXPAND
    if re.fullmatch(r"what\s+(?:does|do|is)\s+(?:the\s+)?[a-z]{2,6}\s+(?:mean|means|stand\s+for)", joined) \
            and acronym:
        return Want.EXPAND  # "what does USBP mean?"
    if first == "how":
        if re.match(r"how\s+much\s+(?:of|more|less|higher|lower)\b|how\s+big\s+a\s+share\b|"
                    r"how\s+many\s+percent\b", joined) or (at > 0 and words[at - 1] == "by"):
            return Want.PERCENT
        if re.match(r"how\s+much\b.*\b(?:go|goes|went|gone)\s+(?:up|down)\b|how\s+much\b.*\b(?:rise|rose|"
                    r"risen|increase|increased|grow|grew|jump|jumped|climb|climbed|fall|fell|drop|"
                    r"dropped|decline|declined)\b", joined):
            return Want.PERCENT  # "how much did seizures go up?"
        if re.match(r"how\s+long\b", joined):
            return Want.DURATION
        if re.match(r"how\s+(?:many|old)\b", joined):
            return Want.NUMBER
        if re.match(r"how\s+much\b", joined):
            return Want.MONEY if _MONEY_WORDS & set(words) else Want.QUANTITY
        if re.match(r"how\s+(?:far|big|large|high)\b", joined):
            return Want.TEXT
        return Want.MANNER
    if first == "when":
        return Want.TIME
    if first == "where":
        return Want.PLACE
    if first == "why":
        return Want.REASON
    if first in ("what", "whats", "which"):
        if re.match(r"(?:what|which)\s+(?:share|percentage|percent|proportion|fraction|portion)\b|"
                    r"what\s+%", joined):
            return Want.PERCENT
        # "what was the name of the blog?", "what's the title of the report?": a proper name,
        # a person's for "the name of the officer"; "what is the number of X": a number;
        # "what is ATF's yearly budget?": a sum
        attribute = _ATTRIBUTE.match(joined)
        if attribute:
            noun = attribute.group(1)
            if noun in ("title", "titles") and re.search(r"\bjob\s+titles?\b", joined):
                return Want.TEXT  # "what's Morton's job title": his post, not a proper name
            if noun in ("name", "names", "title", "titles"):
                return _named(words, at + len(attribute.group(0).split()))
            return Want.NUMBER if noun == "number" else Want.MONEY
        if re.match(r"what\s+(?:is|was|are|were)\s+(?:\S+\s+){1,5}(?:called|named)$", joined):
            return Want.NAME  # "what was the operation called?"
        # "which ATF official", "what two agencies", "which TV news outlet": the first word
        # naming a kind of thing within the next four decides, before any verb
        for noun in words[at + 1:at + 5]:
            if noun in _AUX:
                break
            if noun in PLACE_NOUNS:
                return Want.PLACE
            if noun in PERSON_NOUNS:
                return Want.PERSON
            if noun in AGENCY_NOUNS:
                return Want.AGENCY
            if noun in TIME_NOUNS:
                return Want.TIME
            if noun in _NAMED_KINDS:
                return Want.NAME  # "which cartel", "which gun store": one with a name
        if re.match(r"what\s+(?:does|do|did|is|are|was|were)\s+(?:\S+\s+){1,4}"
                    r"(?:supposed\s+to\s+|meant\s+to\s+|try\s+to\s+|trying\s+to\s+)?do$", joined):
            return Want.DEFINE  # "what does CBP do?" asks what it is for
        if first in ("what", "whats") and at == 0:
            rest = re.sub(r"^(?:whats\s+|what\s+(?:is|was|are|were)\s+)(?:an?\s+|the\s+)?", "", joined)
            if rest != joined and rest.split() and len(rest.split()) <= 4 and not possessive \
                    and not _has_verb_after(rest.split(), 0) and not _PREPOSITIONS & set(rest.split()):
                return Want.DEFINE  # "what is eTrace?" (but "what is next for ATF?" is not)
        return Want.TEXT
    # who, whom, whose: "who was the CBS reporter ...", "who is the head of CBP" name the kind of
    # one asked for, as "which reporter" does (a person, not the agency the sentence names)
    if len(words) > at + 2 and words[at + 1] in ("is", "was", "are", "were"):
        for noun in words[at + 2:at + 6]:
            if noun in _AUX or noun in ("who", "that", "which", "whose", "when", "where"):
                break
            if noun in PERSON_NOUNS:
                return Want.PERSON
            if noun in AGENCY_NOUNS:
                return Want.AGENCY
    return Want.WHO


#: "what is the name of", "what's the report's title", "what was the total number of", "what is
#: ATF's yearly budget": the attribute asked for (possessives are gone before this is matched).
_ATTRIBUTE = re.compile(
    r"(?:what\s+(?:is|was|are|were)|whats)\s+(?:the\s+)?(?:\S+\s+){0,3}?(?:(?:full|real|exact|official|total|"
    r"actual|yearly|annual)\s+)?(names?|titles?|number|budgets?|cost|costs|price|salary|funding)"
    r"(?=\s+of\b|\s+for\b|\s+in\b|$)")


def _named(words: list[str], start: int) -> Want:
    """What "the name of <noun> ..." asks for: a person's name, an agency's, or any name. The
    noun phrase after "of" decides, up to its first preposition, verb or relative word: "the
    names of the ATF supervisors who ..." asks for people, "the name of the sting against straw
    buyers" or "of the report written by GAO auditors" for a name."""
    rest = words[start:]
    if rest[:1] == ["of"]:
        rest = rest[1:]
    want = Want.NAME
    for noun in rest[:8]:
        if noun in _AUX or noun in ("who", "that", "which", "whose") or noun in _PREPOSITIONS \
                or noun in _PHRASE_VERBS or (len(noun) > 4 and noun.endswith(("ed", "ing"))):
            break
        # the phrase's last noun is its head: "the Justice Department inspector general" is a
        # person, "the director's agency" an agency
        if noun in PERSON_NOUNS or noun in _NAMED_PEOPLE or noun in _POST_HEADS:
            want = Want.PERSON
        elif noun in AGENCY_NOUNS:
            want = Want.AGENCY
    return want


#: Last words of posts held by one person: "the inspector general", "the attorney general".
_POST_HEADS = frozenset("general inspector attorney commissioner czar administrator ambassador "
                        "governor mayor sheriff".split())


#: Kinds of things known by a proper name: "which cartel ..." asks for one by its name.
_NAMED_KINDS = frozenset("cartel cartels gang gangs store stores shop shops company companies "
                         "firm firms newspaper newspapers magazine magazines network networks "
                         "brand brands model models".split())


def asks_named_kind(tokens: Sequence[Token]) -> bool:
    """Whether the question asks for a thing of a kind known by its own name ("which cartel",
    "what gun store", "what model"): not a person, an agency or a place, which name none."""
    for i, token in enumerate(tokens):
        if token.norm in ("which", "what", "whats"):
            for t in tokens[i + 1:i + 4]:
                if t.norm in _AUX:
                    return False  # "what did the store sell" asks what, not which store
                if t.norm in _NAMED_KINDS:
                    return True
            return False
    return False


#: Verbs that end a noun phrase without the -ed of a regular one ("the operation ATF ran").
_PHRASE_VERBS = frozenset("ran run runs wrote written made led took gave sent set put began "
                          "did does do got gets".split())


_PREPOSITIONS = frozenset("about for of to with in on at from by after before between into".split())
_IS = re.compile(r"\b(what|who|where|when|how|that|there|it|he|she)'s\b")
#: Verb-like words that, after "who is X", make it a question about a role ("who is running ICE").
_VERBISH = re.compile(r"^(?:\w{3,}ing|\w+ed|in\s+charge|the\s+head|head|responsible)$")


def _has_verb_after(words: list[str], start: int = 2) -> bool:
    rest = words[start:]
    return any(_VERBISH.match(w) for w in rest) or any(w in PERSON_NOUNS | AGENCY_NOUNS for w in rest)


def read(text: str, lexicon: Lexicon, weight_of: dict[str, float], unknown: float = 1.0,
         rarest: float | None = None, spelling: Spelling | None = None,
         want: Want | None = None) -> Question:
    """Read ``text`` as a question: its kind, its concepts and its weighted topic terms.

    ``weight_of`` gives each term's weight (its IDF over the pack); a word the pack never uses
    still counts, at ``unknown`` times the weight of the rarest term, so a question about
    something the pack lacks ("who replaced Melson") is not answered by "Melson" alone.
    ``rarest`` is the largest weight of ``weight_of`` (computed when not given). With
    ``spelling``, misspelt names are read as the pack's names.
    """
    asked = _asked(text)
    lead = _LEAD.match(asked.lower())
    if lead and lead.end() < len(asked):
        asked = asked[lead.end():]  # "wait, so who is ...", "hmm ...": the question is after
    tokens = tokenize(asked)
    if spelling is not None:
        tokens = spelling.correct(tokens)
    if want is None:  # (a fact's prompt comes with its kind already read)
        acronym = any(t.surface.isupper() and len(t.surface) >= 2 for t in tokens)
        want = _want(_lead_stripped(fold(asked)), acronym)
    mentions = lexicon.mentions(tokens)
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}
    terms: dict[str, float] = {}
    question_words = _question_words(tokens, want, weight_of)
    if rarest is None:
        rarest = max(weight_of.values(), default=1.0)
    rarest *= unknown
    floor = NAME_FLOOR * rarest / max(unknown, 1e-9)
    for mention in mentions:
        term = mention.concept.term
        weight = weight_of.get(term, rarest)
        if mention.concept.is_name:
            # a name anchors the question however often the pack uses it: a question about ATF
            # is not answered by a sentence about ICE
            weight = max(weight, floor)
        terms[term] = max(terms.get(term, 0.0), weight)
    for i, token in enumerate(tokens):
        if i in covered or token.stop:
            continue
        if len(token.norm) < 2 and not token.norm.isdigit() and not _initial_name(token):
            continue
        weight = weight_of.get(token.stem, rarest)
        if i in question_words:
            if not question_words[i] or token.stem not in weight_of:
                continue
            weight *= question_words[i]
        elif token.norm in LIGHT:
            weight *= LIGHT_WEIGHT
        terms[token.stem] = max(terms.get(token.stem, 0.0), weight)
    if want is Want.NAME and _persons_title(tokens, mentions):
        want = Want.TEXT  # "what is John Morton's title?": his post, not a proper name
    if want in (Want.WHO, Want.PERSON, Want.AGENCY) and _names_only(tokens, mentions):
        want = Want.DEFINE  # "who is Gil Kerlikowske?" asks who he is, not for a name
    elif want is Want.WHO and _heads_agency(tokens, mentions):
        want = Want.PERSON  # "who runs CBP?": its head, not an agency
    elif want is Want.WHO and members_of(tokens) is not None:
        want = Want.PERSON  # "who was on the review panel?": its members, not who set it up
    subject: tuple[str, ...] = ()
    if want in (Want.DEFINE, Want.EXPAND):
        subject = tuple(terms)
    return Question(text, asked, tokens, want, mentions, terms, subject, focus_of(tokens),
                    counted_of(tokens, mentions))


def _persons_title(tokens: list[Token], mentions: list[Mention]) -> bool:
    """Whether the question asks a person's title ("what is John Morton's title?"): "title"
    right after a person's name (its possessive "'s" dropped by the tokenizer)."""
    for i, token in enumerate(tokens):
        if token.norm in ("title", "titles") and i > 0:
            return any(m.last == i - 1 and "person" in m.concept.kinds for m in mentions)
    return False


#: "who was on the panel", "who sat on the review board", "who served on the task force".
_MEMBERS = re.compile(r"^(?:so\s+)?who\s+(?:(?:is|was|are|were|sat|sits|served|serves|will\s+be)\s+)?on\b")
#: Words ending the phrase after "on" besides the prepositions: "the task force along the border".
_PHRASE_ENDS = frozenset("that which who when where along across near inside during under over "
                         "since while".split())


def members_of(tokens: Sequence[Token]) -> str | None:
    """For "who was on the review panel?": the stem of the body whose members are asked
    ("panel"), the last word of the phrase after "on"; None for any other question."""
    if not _MEMBERS.match(" ".join(t.norm for t in tokens)):
        return None
    at = next(i for i, t in enumerate(tokens) if t.norm == "on")
    head = None
    for token in tokens[at + 1:]:
        if token.norm in _PREPOSITIONS or token.norm in _PHRASE_ENDS or \
                (len(token.norm) > 4 and token.norm.endswith(("ed", "ing"))):
            break
        if not token.stop:
            head = token.stem
    return head


#: Verbs of heading something: "who runs CBP", "who led ATF's Phoenix field division".
_HEADS = frozenset("runs ran run heads headed head leads led lead directs directed direct "
                   "oversees oversaw oversee manages managed manage".split())


def _heads_agency(tokens: list[Token], mentions: list[Mention]) -> bool:
    """Whether the question asks who heads an agency: a verb of heading (or "in charge of")
    right before the agency's name ("the" aside)."""
    starts = {m.first: m for m in mentions}
    for i, token in enumerate(tokens):
        after = None
        if token.norm in _HEADS:
            after = i + 1
        elif token.norm == "charge" and i + 1 < len(tokens) and tokens[i + 1].norm == "of":
            after = i + 2
        if after is None:
            continue
        if after < len(tokens) and tokens[after].norm == "the":
            after += 1
        mention = starts.get(after)
        if mention is not None and "agency" in mention.concept.kinds:
            return True
    return False


#: Words that end the counted noun phrase of "how many X ...".
_PHRASE_END = frozenset("got get came come have has had were was are is did do does will would could "
                        "can went go made make took".split())


def counted_of(tokens: list[Token], mentions: list[Mention]) -> frozenset[str]:
    """What "how many X" counts: the last word of X before its verb ("how many ATF agents are"
    -> agents, "how many of the gunrunner defendants were" -> defendants), as `noun_terms`."""
    for i, token in enumerate(tokens[:-1]):
        if token.norm == "how" and tokens[i + 1].norm == "many":
            head = -1
            for j in range(i + 2, min(i + 8, len(tokens))):
                word = tokens[j].norm
                if word in _PHRASE_END or word in ("that", "which", "who"):
                    break
                if not tokens[j].stop:
                    head = j
            if head < 0:
                return frozenset()
            terms = noun_terms(tokens, mentions, head)
            # "how many people" is answered by "100 agents"; "how many officers" is not by
            # "800 defendants": only a word for people in general counts any of them
            return terms if tokens[head].norm in _ANY_PEOPLE else terms - {"person"}
    return frozenset()


#: Words for people in general: counting them counts agents, officers or victims alike.
_ANY_PEOPLE = frozenset("people persons personnel staff men women individuals employees workers".split())


def noun_terms(tokens: Sequence[Token], mentions: Sequence[Mention], i: int) -> frozenset[str]:
    """The ways of calling the noun at ``i``: its stem, its concept's term, "person" for a noun
    for people ("agents", "personnel"), "gun" for a kind of gun ("two assault rifles" are
    counted by "how many guns")."""
    token = tokens[i]
    out = {token.stem}
    out.update(m.concept.term for m in mentions if m.first <= i <= m.last)
    if focus_class(token.norm) == "person":
        out.add("person")
    if token.norm in _GUN_KINDS:
        out.update(("gun", "firearm", "weapon"))
    return frozenset(out)


#: Kinds of gun: each is a gun, counted as one.
_GUN_KINDS = frozenset("rifle rifles pistol pistols handgun handguns shotgun shotguns revolver "
                       "revolvers carbine carbines".split())


#: Units of time: "how many days" counts time, not things.
TIME_UNITS = frozenset("day days week weeks month months year years hour hours decade decades".split())
#: Place nouns that stand for any place ("which area" may be answered by a city or a state).
_ANY_PLACE = frozenset("place places area areas region location locations border district".split())
_PEOPLE_COUNTED = frozenset(
    "people persons personnel staff agents officials officers men women employees defendants "
    "suspects buyers specialists investigators members attendees participants hires".split()
)


def focus_class(word: str) -> str | None:
    """The kind of thing a noun names, for matching a question's focus with a fact's: "time",
    "person", "agency", "place" (any place), or a kind of place itself ("city", "state")."""
    if word in TIME_UNITS:
        return "time"
    if word in PERSON_NOUNS or word in _PEOPLE_COUNTED:
        return "person"
    if word in AGENCY_NOUNS:
        return "agency"
    if word in _ANY_PLACE:
        return "place"
    if word in PLACE_NOUNS:
        return _PLACE_KIND.get(word, "place")
    return None


#: Places of one level: a question about cities is not answered by states.
_PLACE_KIND = {"city": "city", "cities": "city", "town": "city", "towns": "city", "state": "state",
               "states": "state", "country": "country", "countries": "country",
               "county": "county", "counties": "county"}


def focus_of(tokens: list[Token]) -> str | None:
    """The kind of thing the first question phrase asks for or counts: "how many people
    attended" -> "person", "which three states" -> "state", "how many days" -> "time"."""
    for i, token in enumerate(tokens):
        word = token.norm
        counting = word in ("many", "much") and i > 0 and tokens[i - 1].norm == "how"
        if word in ("which", "what", "whats") or counting:
            for j in range(i + 1, min(i + 4, len(tokens))):
                noun = tokens[j].norm
                if noun in _AUX:
                    break
                kind = focus_class(noun)
                if kind is not None:
                    return kind
            return None
    return None


def focus_agrees(asked: str | None, given: str | None) -> bool:
    """Whether a question asking for ``asked`` can be answered by a fact about ``given``."""
    if asked is None or given is None or asked == given:
        return True
    place_kinds = {"place", "city", "state", "country", "county"}
    return "place" in (asked, given) and asked in place_kinds and given in place_kinds


def _names_only(tokens: list[Token], mentions: list[Mention]) -> bool:
    """Whether the question is "who is/was <a name>": every word after the verb is a name."""
    if not tokens or tokens[0].norm not in ("who", "whos"):
        return False
    if tokens[0].surface.lower().replace("\u2019", "'") in ("who's", "whos"):
        start = 1
    elif len(tokens) > 1 and tokens[1].norm in ("is", "was", "are", "were"):
        start = 2
    else:
        return False
    named = {i for m in mentions if m.concept.is_name for i in range(m.first, m.last + 1)}
    rest = [i for i in range(start, len(tokens))
            if tokens[i].norm not in ("the", "a", "an", "agent", "reader", "mr", "ms")]
    return bool(rest) and all(i in named or tokens[i].surface[:1].isupper() for i in rest)


def _initial_name(token: Token) -> bool:
    """A capital letter standing for a name ("reader P"), not "I" or "A"."""
    return token.surface.isupper() and token.surface not in ("I", "A")


def _asked(text: str) -> str:
    """The question as asked, one line, without trailing marks."""
    line = " ".join(text.split())
    return line.rstrip("?!. ")


#: A name in a question weighs at least this share of the rarest word's weight.
NAME_FLOOR = 0.7
#: How much a word naming the kind of answer ("city", "year") counts.
TYPE_WORD_WEIGHT = 0.3
_TYPE_NOUNS = TIME_NOUNS | PLACE_NOUNS | PERSON_NOUNS | AGENCY_NOUNS | frozenset(
    "share percentage percent proportion fraction portion kind sort type".split()
)


def _question_words(tokens: list[Token], want: Want, known: dict[str, float]) -> dict[int, float]:
    """Positions of the words that say what kind of answer is wanted, with the share of their
    weight they keep: "which consulates" (the noun counts for a little: the answer's sentence may
    say it), the words before it that the pack never uses ("which TV news outlet") and "how long
    ... last" (nothing)."""
    out: dict[int, float] = {}
    for i, token in enumerate(tokens):
        if token.norm not in ("what", "which", "many", "much"):
            continue
        for j in range(i + 1, min(i + 5, len(tokens))):
            if tokens[j].norm in _TYPE_NOUNS:
                out[j] = TYPE_WORD_WEIGHT
                out.update((k, 0.0) for k in range(i + 1, j) if tokens[k].stem not in known)
                break
        break  # only the first question word's phrase
    for i, token in enumerate(tokens):
        word = token.norm
        if i and tokens[i - 1].norm == "how" and word in ("long", "old", "far", "often"):
            out[i] = 0.0
        if want is Want.DURATION and word in ("last", "lasted", "take", "took", "run", "ran"):
            out[i] = 0.0  # "how long did the surge last"
        if want is Want.EXPAND and word in ("stand", "stands", "short", "mean", "means"):
            out[i] = 0.0
        if want in (Want.PLACE, Want.TIME) and word == "place" and i and \
                tokens[i - 1].norm in ("take", "takes", "took", "taken", "taking"):
            out[i - 1] = out[i] = 0.0  # "where did the summit take place": where it was
    return out
