"""The tutor's index of a pack: passage sentences and curated facts, scored with BM25.

The scoring is our own BM25 over in-memory postings: on the bundled pack (68 passages, 273
facts) it builds in a few milliseconds and answers in well under one, and it takes weighted
query terms (a glossary concept, a synonym group) that FTS5's MATCH syntax cannot weigh.
`python -m study.bench tutor --engines` measures it against SQLite FTS5, bm25s and tantivy.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from study.checking.forms import expand
from study.pack.models import Fact, Kind, Pack, Passage
from study.tutor.entities import Found, find
from study.tutor.lexicon import Lexicon, Mention
from study.tutor.question import Want, counted_of, focus_class, focus_of, noun_terms, want_of
from study.tutor.question import read as read_question
from study.tutor.spelling import Spelling
from study.tutor.text import Token, sentences, tokenize


class BM25:
    """Okapi BM25 over documents given as term counts; query terms carry weights."""

    def __init__(self, docs: Sequence[Mapping[str, int]], k1: float = 1.2, b: float = 0.75) -> None:
        self.size = len(docs)
        self.postings: dict[str, list[tuple[int, float]]] = {}
        lengths = [sum(doc.values()) for doc in docs]
        average = (sum(lengths) / len(lengths)) if lengths else 1.0
        for number, doc in enumerate(docs):
            norm = k1 * (1 - b + b * lengths[number] / (average or 1.0))
            for term, count in doc.items():
                self.postings.setdefault(term, []).append((number, count * (k1 + 1) / (count + norm)))
        self.idf = {
            term: math.log(1 + (self.size - len(posts) + 0.5) / (len(posts) + 0.5))
            for term, posts in self.postings.items()
        }

    def scores(self, query: Mapping[str, float]) -> dict[int, float]:
        """Document number -> score, for every document holding a query term."""
        out: dict[int, float] = {}
        for term, weight in query.items():
            posts = self.postings.get(term)
            if not posts:
                continue
            idf = self.idf[term] * weight
            for number, tf in posts:
                out[number] = out.get(number, 0.0) + idf * tf
        return out


def _idf(docs: Sequence[Mapping[str, int]]) -> dict[str, float]:
    df: dict[str, int] = {}
    for doc in docs:
        for term in doc:
            df[term] = df.get(term, 0) + 1
    size = len(docs)
    return {term: math.log(1 + (size - n + 0.5) / (n + 0.5)) for term, n in df.items()}


def terms_of(tokens: Sequence[Token], mentions: Iterable[Mention]) -> dict[str, int]:
    """The index terms of a text and their counts: stems of its topic words and its concepts'
    terms. (A plain dict: building Counters cost a third of the index build.)"""
    counts: dict[str, int] = {}
    for t in tokens:
        if not t.stop and (len(t.norm) > 1 or t.norm.isdigit() or t.surface.isupper() and t.surface != "A"):
            counts[t.stem] = counts.get(t.stem, 0) + 1
    for mention in mentions:
        term = mention.concept.term
        counts[term] = counts.get(term, 0) + 1
    return counts


def _add(counts: dict[str, int], more: Mapping[str, int]) -> None:
    for term, n in more.items():
        counts[term] = counts.get(term, 0) + n


def units(tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[str]:
    """A text's topic words in order, each named concept as one unit (its term)."""
    starts = {m.first: m for m in mentions}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        mention = starts.get(i)
        if mention is not None:
            out.append(mention.concept.term)
            i = mention.last + 1
            continue
        if not tokens[i].stop:
            out.append(tokens[i].stem)
        i += 1
    return out


@dataclass
class Sentence:
    """One sentence of a passage, as the tutor reads it."""

    number: int
    passage: Passage
    position: int  # its place in the passage
    start: int
    end: int
    tokens: list[Token]
    mentions: list[Mention]
    terms: dict[str, int]
    found: list[Found]
    #: Terms of its heading and its neighbouring sentences, which count for part of a match.
    context: frozenset[str] = frozenset()
    #: Pairs of neighbouring topic words (stems), for ranking by word order.
    pairs: frozenset[tuple[str, str]] = frozenset()
    passage_id: str = ""
    passage_number: int = 0
    #: The names its passage's heading gives (whose view, which program): see `_owners`.
    owners: frozenset[str] = frozenset()
    #: The terms of its heading and neighbours (its context without its source's title).
    near: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]

    @property
    def term_set(self) -> frozenset[str]:
        return frozenset(self.terms)


@dataclass
class FactDoc:
    """A curated fact, as the tutor reads it."""

    number: int
    fact: Fact
    terms: dict[str, int]  # prompt and explanation, for BM25
    prompt_terms: frozenset[str]
    explain_terms: frozenset[str]
    #: The terms of each answer form: a question that names one is not asking for it.
    answer_term_sets: list[frozenset[str]]
    answer_forms: list[tuple[str, ...]]  # stem sequences of the answer and its accepted forms
    want: Want  # what kind of answer the fact gives
    prompt_want: Want  # what kind of answer its prompt asks for
    #: Every term of the prompt, the explanation and the answer: a question naming something
    #: outside them asks about something else.
    all_terms: frozenset[str] = frozenset()
    #: The prompt read as a question: its topic terms and their weights (an opening
    #: "According to the CPI," counts for less: learners often leave it out).
    #: (Worked out by `Index.prompt_weights` when the fact is first a candidate: reading the 273
    #: prompts took a fifth of the bundled pack's index build.)
    _prompt_weights: dict[str, float] | None = None
    #: What its answer counts or names ("two days" -> "time"; "In which three states" ->
    #: "state"): a question asking for another kind of thing is not answered by it.
    focus: str | None = None
    #: What its answer counts: the words after its number ("100 additional agents") and what its
    #: prompt's "how many X" counts (see `study.tutor.question.counted_of`).
    counted: frozenset[str] = frozenset()


@dataclass
class Index:
    """Everything the tutor needs from a pack, built once."""

    pack: Pack
    lexicon: Lexicon
    sentences: list[Sentence] = field(default_factory=list)
    by_passage: dict[str, list[Sentence]] = field(default_factory=dict)
    facts: list[FactDoc] = field(default_factory=list)
    sentence_bm25: BM25 | None = None
    passage_bm25: BM25 | None = None
    fact_bm25: BM25 | None = None
    passage_ids: list[str] = field(default_factory=list)
    #: Each term's weight in a question: its IDF over sentences and facts together.
    weight: dict[str, float] = field(default_factory=dict)
    rarest: float = 1.0  # the largest weight
    heading_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: term -> the sentences holding it, and the sentences holding it in their context only
    term_sentences: dict[str, list[int]] = field(default_factory=dict)
    context_sentences: dict[str, list[int]] = field(default_factory=dict)
    #: term -> the sentences of the passages whose heading names it (a person, a program) and
    #: that do not: "Reader Fred Hiker: a rigged case" is Fred's view in every sentence.
    owner_sentences: dict[str, set[int]] = field(default_factory=dict)
    #: The concept terms that are names (people, agencies, programs, places).
    name_terms: frozenset[str] = frozenset()
    fact_by_id: dict[str, FactDoc] = field(default_factory=dict)
    #: The pack's name words, to read a learner's misspelt names as the names.
    spelling: Spelling | None = None

    def prompt_weights(self, doc: FactDoc) -> dict[str, float]:
        """The fact's prompt read as a question: its topic terms and their weights."""
        weights = doc._prompt_weights
        if weights is None:
            weights = doc._prompt_weights = _prompt_weights(doc.fact.prompt, self.lexicon, self.weight,
                                                            self.rarest, doc.prompt_want)
        return weights

    @classmethod
    def build(cls, pack: Pack) -> Index:
        lexicon = Lexicon.from_pack(pack)
        index = cls(pack, lexicon)
        passage_docs: list[dict[str, int]] = []
        source_terms: dict[str, frozenset[str]] = {}
        names = _name_words(pack)
        for passage_id, passage in pack.passages.items():
            heading_tokens = tokenize(passage.heading)
            passage_terms = terms_of(heading_tokens, lexicon.all_mentions(heading_tokens))
            index.heading_terms[passage_id] = frozenset(passage_terms)
            own: list[Sentence] = []
            for position, (start, end) in enumerate(sentences(passage.text)):
                # offsets into the passage, for quoting and highlighting
                tokens = tokenize(passage.text[start:end], start)
                mentions = lexicon.mentions(tokens)
                terms = terms_of(tokens, lexicon.all_mentions(tokens))
                found = find(passage.text, tokens, mentions)
                # a capitalised word inside a sentence is a name ("Bilbray", "Gunrunner")
                names.update(t.norm for t in tokens[1:] if t.surface[:1].isupper() and not t.stop)
                sentence = Sentence(len(index.sentences), passage, position, start, end, tokens,
                                    mentions, terms, found)
                index.sentences.append(sentence)
                own.append(sentence)
                _add(passage_terms, terms)
            index.by_passage[passage_id] = own
            heading = index.heading_terms[passage_id]
            about = source_terms.get(passage.source.id)
            if about is None:
                # the source's title and kind ("blog post", "news item") belong to every passage
                title = tokenize(f"{passage.source.title} {passage.source.kind}")
                about = frozenset(terms_of(title, lexicon.all_mentions(title)))
                source_terms[passage.source.id] = about
            for k, sentence in enumerate(own):
                near = set(heading)
                if k:
                    near.update(own[k - 1].terms)
                if k + 1 < len(own):
                    near.update(own[k + 1].terms)
                sentence.near = frozenset(near)
                sentence.context = sentence.near | about
                words = units(sentence.tokens, sentence.mentions)
                sentence.pairs = frozenset(zip(words, words[1:], strict=False))
                sentence.passage_id = passage_id
                sentence.passage_number = len(passage_docs)
                for term in sentence.terms:
                    index.term_sentences.setdefault(term, []).append(sentence.number)
                for term in sentence.context:
                    if term not in sentence.terms:
                        index.context_sentences.setdefault(term, []).append(sentence.number)
            index.passage_ids.append(passage_id)
            passage_docs.append(passage_terms)
        fact_docs: list[dict[str, int]] = []
        for fact in pack.facts:
            if fact.kind is Kind.TRUEFALSE:
                continue  # a statement to judge, possibly false: never an answer
            doc = _fact_doc(len(index.facts), fact, lexicon)
            index.facts.append(doc)
            index.fact_by_id[fact.id] = doc
            fact_docs.append(doc.terms)
        index.sentence_bm25 = BM25([s.terms for s in index.sentences])
        index.passage_bm25 = BM25(passage_docs)
        index.fact_bm25 = BM25(fact_docs)
        index.weight = _idf([s.terms for s in index.sentences] + fact_docs)
        index.rarest = max(index.weight.values(), default=1.0)
        index.spelling = Spelling(names, frozenset(index.weight))
        for passage_id, passage in pack.passages.items():
            owners = _owners(passage.heading, lexicon, names)
            for sentence in index.by_passage[passage_id]:
                sentence.owners = frozenset(owners)
                for term in owners:
                    if term not in sentence.terms:
                        index.owner_sentences.setdefault(term, set()).add(sentence.number)
        index.name_terms = frozenset(c.term for c in lexicon.concepts if c.is_name)
        return index


def _owners(heading: str, lexicon: Lexicon, names: set[str]) -> set[str]:
    """The terms of the names a passage heading gives: whose view or which thing the passage
    is about ("Reader Fred Hiker: a rigged case", "Project Gunrunner", "Bersin: two ends")."""
    tokens = tokenize(heading)
    mentions = lexicon.mentions(tokens)
    owners = {m.concept.term for m in mentions if m.concept.is_name}
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}
    owners.update(t.stem for i, t in enumerate(tokens)
                  if i not in covered and not t.stop and t.surface[:1].isupper() and t.norm in names)
    return owners


def _name_words(pack: Pack) -> set[str]:
    """The words of the glossary's names and of the facts' answers that name someone or
    something."""
    words: set[str] = set()
    for entry in pack.glossary:
        for name in entry.names:
            words.update(t.norm for t in tokenize(name) if not t.stop)
    for fact in pack.facts:
        if fact.kind in (Kind.PERSON, Kind.AGENCY, Kind.PLACE):
            for text in (*fact.items, *fact.accept):
                words.update(t.norm for t in tokenize(text) if not t.stop)
    return words


_FOCUS = re.compile(
    r"\b(?:which|what)\s+(?:two\s+|three\s+|four\s+|kind\s+of\s+|type\s+of\s+)?([A-Za-z]{3,})\b",
    re.IGNORECASE,
)
#: "What was Alan Bersin's title?": the thing asked about a named one.
_FOCUS_OF = re.compile(r"\b(?:what|which)\s+(?:is|was|are|were)\s+[^?]{0,60}?['\u2019]s\s+([A-Za-z]{3,})\b",
                       re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^(?:according\s+to|in|by|as)\b[^,?]{0,60},", re.IGNORECASE)


def _prompt_weights(prompt: str, lexicon: Lexicon, weight: dict[str, float],
                    rarest: float, want: Want | None = None) -> dict[str, float]:
    """The prompt's terms as a question's, names counting double (a question about ICE is not
    one about ICE's Operation Armas Cruzadas), an opening attribution for less."""
    read = read_question(prompt, lexicon, weight, rarest=rarest, want=want)
    names = {m.concept.term for m in read.mentions if m.concept.is_name}
    # "On which platform did ...": the thing the prompt asks for counts triple; a question
    # without it ("what's the difference between ...") asks something else.
    focus = _FOCUS.search(prompt) or _FOCUS_OF.search(prompt)
    focus_stem = tokenize(focus.group(1))[0].stem if focus else ""
    lead = _ATTRIBUTION.match(prompt)
    opening: set[str] = set()
    if lead:
        opening = {t.stem for t in tokenize(lead.group())}
        opening |= {m.concept.term for m in lexicon.mentions(tokenize(lead.group()))}
    return {
        t: w * (0.3 if t in opening else 2.0 if t in names else 3.0 if t == focus_stem else 1.0)
        for t, w in read.terms.items()
    }


def _fact_doc(number: int, fact: Fact, lexicon: Lexicon) -> FactDoc:
    prompt_tokens = tokenize(fact.prompt)
    prompt_terms = terms_of(prompt_tokens, lexicon.all_mentions(prompt_tokens))
    terms = dict(prompt_terms)
    explain_terms: dict[str, int] = {}
    if fact.explain:
        # an aside in brackets says what the fact is not about ("(the acting director was
        # Kenneth E. Melson)" in Chait's, "(The Guns & Drugs feature gives 2005; ...)"): its
        # words do not make the fact an answer to a question about them
        explain_tokens = tokenize(_ASIDE.sub(" ", fact.explain))
        explain_terms = terms_of(explain_tokens, lexicon.all_mentions(explain_tokens))
        _add(terms, explain_terms)
    forms: list[tuple[str, ...]] = []
    answer_sets: list[frozenset[str]] = []
    for text in (*fact.items, *fact.accept):
        for written in expand(text):
            toks = tokenize(written)
            stems = tuple(t.stem for t in toks)
            if stems and stems not in forms:
                forms.append(stems)
                found = frozenset(terms_of(toks, lexicon.mentions(toks)))
                if found:
                    answer_sets.append(found)
    every = frozenset(terms).union(*answer_sets) if answer_sets else frozenset(terms)
    return FactDoc(number, fact, terms, frozenset(prompt_terms), frozenset(explain_terms), answer_sets,
                   forms, _fact_want(fact, lexicon), want_of(fact.prompt), every,
                   focus=_fact_focus(fact, prompt_tokens),
                   counted=_fact_counted(fact, prompt_tokens, lexicon))


def _fact_counted(fact: Fact, prompt_tokens: Sequence[Token], lexicon: Lexicon) -> frozenset[str]:
    if fact.kind not in (Kind.NUMBER, Kind.MONEY):
        return frozenset()
    tokens = list(prompt_tokens)
    out = set(counted_of(tokens, lexicon.mentions(tokens)))
    answer = tokenize(fact.items[0])
    mentions = lexicon.mentions(answer)
    for i in range(1, min(len(answer), 4)):
        out |= noun_terms(answer, mentions, i)
    return frozenset(out)


def _fact_focus(fact: Fact, prompt_tokens: Sequence[Token]) -> str | None:
    """What a fact's answer counts or names: the unit after its number ("two days"), else the
    kind of thing its prompt asks for ("how many experienced personnel")."""
    if fact.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT, Kind.YEAR):
        words = [t.norm for t in tokenize(fact.items[0])]
        for word in words[1:]:
            kind = focus_class(word)
            if kind is not None:
                return kind
    return focus_of(list(prompt_tokens))


_ASIDE = re.compile(r"\([^()]*\)")

_KIND_WANT = {
    Kind.PERSON: Want.PERSON, Kind.AGENCY: Want.AGENCY, Kind.PLACE: Want.PLACE,
    Kind.NUMBER: Want.NUMBER, Kind.YEAR: Want.TIME, Kind.MONEY: Want.MONEY,
    Kind.PERCENT: Want.PERCENT,
}


def _fact_want(fact: Fact, lexicon: Lexicon) -> Want:
    """What kind of thing a fact's answer is: from its kind, else from what the answer names."""
    want = _KIND_WANT.get(fact.kind)
    if want is Want.NUMBER and any(unit in fact.answer_text for unit in ("year", "month", "day", "week")):
        return Want.DURATION
    if want is not None:
        return want
    tokens = tokenize(fact.items[0])
    mentions = lexicon.mentions(tokens)
    found = find(fact.items[0], tokens, mentions)
    covering = [f for f in found if f.first == 0 and f.last == len(tokens) - 1]
    for kind in (Want.PERSON, Want.AGENCY, Want.PLACE, Want.TIME, Want.PERCENT, Want.MONEY, Want.NUMBER,
                 Want.DURATION):
        if any(f.kind is kind for f in covering):
            return kind
    asked = want_of(fact.prompt)
    return asked if asked in (Want.PERSON, Want.AGENCY, Want.WHO, Want.TIME, Want.PLACE) else Want.TEXT
