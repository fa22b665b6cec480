"""The tutor: answers a learner's question from the pack, citing passages, or says it can't."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from study.checking.normalize import fold
from study.pack.models import Disagreement, Fact, Kind, Pack, Source
from study.pack.validate import states, states_answer
from study.safety import strip_controls
from study.tutor.answer import Answer, Citation
from study.tutor.entities import ANSWERS, Found, answering, is_region
from study.tutor.index import FactDoc, Index, Sentence, units
from study.tutor.lexicon import Concept
from study.tutor.model import Model, fitted
from study.tutor.question import Question, Want, asks_named_kind, focus_agrees, members_of, noun_terms, read
from study.tutor.text import norms, token_range

#: The rules that `without` can switch off, each measured by `bench tutor --ablate`.
RULES = frozenset({"spelling", "types", "define", "attribution", "calibrated", "plain", "explain",
                   "point", "opening", "event", "count", "successor", "speaker", "created",
                   "earlier", "total", "post", "members", "finding", "qualifier"})

#: Share of a question's weight a curated fact must cover (its prompt and explanation) to answer
#: it, and a sentence (with half credit for its heading and neighbours). Calibrated on
#: tests/data/tutor_dev.yaml with `python -m study.bench tutor --calibrate`.
FACT_COVERAGE = 0.5
SENTENCE_COVERAGE = 0.6
#: A fact answers instead of a sentence unless the sentence covers this much more.
FACT_MARGIN = 0.3
#: How much more a fact's coverage of the question counts than the question's coverage of the
#: fact's prompt (F-beta's beta): a learner's question is shorter than a curated prompt.
FACT_BETA = 2.0
#: A fact whose prompt the question covers less than this is never its answer.
FACT_MIN_PRECISION = 0.2
#: A word the pack never uses counts this much of the rarest word's weight.
UNKNOWN_WEIGHT = 0.6
#: A fact stated by the answering sentence answers instead if it scores this share of
#: FACT_COVERAGE.
STATED_FACT_SHARE = 0.5
STATED_FACT_RECALL = 0.75
#: Ranking bonuses among sentences: per pair of question words side by side in the sentence, and
#: for the share of the question its passage's heading holds.
PAIR_BONUS = 0.05
HEADING_BONUS = 0.1
#: For "what is X": the first sentence of a passage headed by X alone (its heading holds no
#: other term) introduces it, ahead of a sentence elsewhere that only names it in passing.
OPENING_BONUS = 0.2
#: When the best fact and the best sentence agree, each needs only this share of its threshold.
AGREEMENT_RELIEF = 0.85
#: How many of the best-covered sentences are looked at closely.
SHORTLIST = 40
#: How much a term found only in a sentence's heading or its neighbours counts.
CONTEXT_CREDIT = 0.5
#: A sentence stating one version of a disagreement gives every version when the version's
#: fact holds this share of the question's weight.
LINKED_SHARE = 0.4
#: A disagreement is given only for a question about its disputed point: a question asking
#: what its ``about`` phrase asks (who, when, how many, ...) and holding this share of that
#: phrase's weight (a version's answer words count as held when the question asks for them).
POINT_SHARE = 0.5
#: A question holding this share of the point is given every version even when its best
#: candidate is none of them ("did the MOU actually fix things between ATF and ICE?").
POINT_ASKED = 0.8
#: How many of the best sentences and facts the model weighs against each other.
SENTENCE_CANDIDATES = 5
FACT_CANDIDATES = 3
#: Words that give a reason ("why ...?") or a way ("how ...?").
_REASON = re.compile(
    r"\b(?:because|since|so that|so as to|in order to|as a result|due to|retaliation|reasons?|aims?|"
    r"aimed|goal|purpose|meant to|in the hope|idea|to (?:help|stop|avoid|prevent|build|catch|get|make|"
    r"find|track|show|keep)|for fear|so)\b", re.IGNORECASE)
_MANNER = re.compile(r"\b(?:by \w+ing|through|using|via|with the help|by means of|follows?|tracks?|"
                     r"traces?|would|plan was to|the idea)\b", re.IGNORECASE)
#: At most this many citations per answer.
MAX_CITATIONS = 3

_PRONOUN_START = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|there|such|both|the two|"
    r"the pair|the agreement|the report|the program|the team|the money|the decision|the plan|"
    r"the aim|the idea|the operation|the strategy|the approach)\b", re.IGNORECASE
)
_CONTINUES = re.compile(r"^(?:(?:and|but|under|with|for|through|by|from|to|in)\s+)?"
                        r"(?:it|he|she|they|this|these|its|his|her|their)\b"
                        # the same speaker's words, by a pronoun in the first clause: "Once ATF
                        # field agents began talking, he says, the blackout was ..."
                        r"|^[^.;:\"]{0,80}?,\s*(?:he|she|they)\s+(?:says|said|argues|argued|adds|added|"
                        r"writes|wrote|believes|thinks|notes|noted|recalls|recalled|insists|claims|"
                        r"contends|suggests|warns|warned)\b",
                        re.IGNORECASE)
#: An answer quotes at most this many sentences of one passage.
MAX_SENTENCES = 3
_WH = ("who", "whom", "whose", "what", "when", "where", "which", "why", "how")

_DEFINING = re.compile(r"\b(?:explains? that|is when|means|refers to|is defined as|stands for)\b")

WITHHELD_TEXT = (
    "Answer the question first: asking the tutor for its answer now would give it away. "
    "Ask again once your answer is marked."
)


@dataclass(frozen=True)
class _Scored:
    sentence: Sentence
    coverage: float
    bm25: float
    typed_ok: bool
    answers: tuple[Found, ...]
    rank: float = 0.0  # coverage plus small bonuses (words in the question's order, the heading)
    direct: float = 0.0  # the share of the question's weight in the sentence itself
    owned: float = 0.0  # the share given by the names its passage's heading gives


@dataclass(frozen=True)
class _Candidate:
    """A fact or a sentence that may answer the question, with what the model makes of it."""

    fact: _FactScored | None
    sentence: _Scored | None
    features: dict[str, float]
    probability: float


@dataclass(frozen=True)
class _FactScored:
    doc: FactDoc
    coverage: float  # the F-beta of recall and precision
    bm25: float
    recall: float = 0.0  # the share of the question's weight the fact's prompt holds
    precision: float = 0.0  # the share of the prompt's weight the question holds


class Tutor:
    """Answers questions about one pack. Cheap to make: the index is built on first use."""

    def __init__(self, pack: Pack, fact_coverage: float = FACT_COVERAGE,
                 sentence_coverage: float = SENTENCE_COVERAGE, fact_margin: float = FACT_MARGIN,
                 fact_beta: float = FACT_BETA, unknown_weight: float = UNKNOWN_WEIGHT,
                 without: Iterable[str] = (), model: Model | None = None,
                 index: Index | None = None) -> None:
        """``index``: one already built for this pack, to share between tutors that differ
        only in their rules or decision (the index depends on the pack alone)."""
        if index is not None and index.pack is not pack:
            raise ValueError("the index given was built for another pack")
        self.pack = pack
        #: Rules switched off, to measure what each buys (`bench tutor --ablate`): see RULES.
        self.without = frozenset(without)
        unknown = self.without - RULES
        if unknown:
            raise ValueError(f"no such tutor rule: {', '.join(sorted(unknown))}")
        self.fact_coverage = fact_coverage
        self.sentence_coverage = sentence_coverage
        self.fact_margin = fact_margin
        self.fact_beta = fact_beta
        self.unknown_weight = unknown_weight
        self.model = model if model is not None else fitted()
        self._index: Index | None = index
        self._lock = threading.Lock()
        self._points: dict[str, Question] = {}
        self._heading_concepts: dict[str, frozenset[str]] = {}

    def build(self) -> Index:
        """Build the index now (a worker may call this so the first question never waits)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = Index.build(self.pack)
        return self._index

    @property
    def built(self) -> bool:
        return self._index is not None

    # -- asking -------------------------------------------------------------------------------

    def ask(self, question: str, withhold: Fact | None = None) -> Answer:
        """Answer ``question`` from the pack. With ``withhold`` (the fact a quiz is asking), a
        question after that fact's answer gets "answer the question first" instead. The
        question is data: its control characters and escape sequences are removed first."""
        question = strip_controls(question)
        index = self.build()
        q = read(question, index.lexicon, index.weight, self.unknown_weight, index.rarest,
                 None if "spelling" in self.without else index.spelling)
        if not q.terms:
            return Answer(question, False, "Ask about something in the articles: a person, an "
                          "agency, a program, a figure or an event.")
        facts = self._facts(index, q)
        scored = self._sentences(index, q)
        if withhold is not None and self._asks_for(index, q, withhold, facts, scored):
            return Answer(question, False, WITHHELD_TEXT, withheld=True)
        if "event" not in self.without and _unknown_event(index, q) is not None:
            return self._abstain(index, q, scored)
        if q.want is Want.EXPAND:
            expanded = self._expand(index, q, scored)
            if expanded is not None:
                return expanded
        if "calibrated" not in self.without:
            candidates = self._candidates(index, q, facts, scored)
            chosen = max(candidates, key=lambda c: c.probability, default=None)
            if chosen is None or chosen.probability < self.model.threshold:
                return self._abstain(index, q, scored)
            return self._answer_with(index, q, chosen, facts, scored)
        best = next((s for s in scored if s.typed_ok), None)
        # The best fact and the best sentence agreeing (the fact cites the sentence's passage and
        # the sentence states its answer) is more evidence than either alone.
        agree = bool(facts) and best is not None and facts[0].doc.fact.cite == best.sentence.passage_id \
            and _states_fact(best.sentence, facts[0].doc)
        relief = AGREEMENT_RELIEF if agree else 1.0
        fact = facts[0] if facts and facts[0].coverage >= relief * self.fact_coverage else None
        sentence_ok = best is not None and best.coverage >= relief * self.sentence_coverage
        if fact is not None and (best is None or fact.coverage >= best.coverage - self.fact_margin):
            link = self._disagreement(index, q, fact.doc.fact, facts)
            if link is not None:
                return self._disagree(index, q, link, fact.doc.fact)
            return self._from_fact(index, q, fact, scored)
        if best is not None and sentence_ok:
            return self._sentence_answer(index, q, best, facts, scored)
        return self._abstain(index, q, scored)

    def _sentence_answer(self, index: Index, q: Question, best: _Scored,
                         facts: Sequence[_FactScored], scored: Sequence[_Scored]) -> Answer:
        """The answer from sentence ``best``: the sources' versions where it is a disputed
        point, else the fact it states, else the sentence itself."""
        link = self._sentence_disagreement(index, q, best.sentence, facts)
        if link is not None:
            return self._disagree(index, q, link, None)
        stated = self._fact_stated_in(best.sentence, facts)
        if stated is not None:
            return self._from_fact(index, q, stated, scored)
        return self._from_sentence(index, q, best, scored)

    # -- the decision -------------------------------------------------------------------------

    def _candidates(self, index: Index, q: Question, facts: Sequence[_FactScored],
                    scored: Sequence[_Scored]) -> list[_Candidate]:
        """The best few facts and sentences, each with its features and the model's
        probability that it answers ``q`` (see `study.tutor.model`)."""
        sentences = [s for s in scored if s.typed_ok]
        top_facts = list(facts)
        for sentence_tells, fact_tells in self._relations(index, q):
            sentences = [s for s in sentences if sentence_tells(s.sentence)]
            top_facts = [f for f in top_facts if fact_tells(f.doc.fact)]
        sentences, top_facts = sentences[:SENTENCE_CANDIDATES], top_facts[:FACT_CANDIDATES]
        out: list[_Candidate] = []
        if not sentences and not top_facts:
            return out
        total = sum(q.terms.values())
        rarest = index.rarest
        names = {t: w for t, w in q.terms.items() if t in index.name_terms}
        name_total = sum(names.values()) or 1.0
        unknown = sum(w for t, w in q.terms.items() if t not in index.weight) / total
        common = {
            "unknown": unknown,
            "typed": float(q.want.typed),
            "why_how": float(q.want in (Want.REASON, Want.MANNER)),
            "yesno": float(q.want is Want.YESNO),
            "terms": min(len(q.terms), 8) / 8,
        }
        best_fact = top_facts[0] if top_facts else None
        best_sentence = sentences[0] if sentences else None
        top_bm25 = max((s.bm25 for s in sentences), default=0.0) or 1.0
        for k, s in enumerate(sentences):
            sentence = s.sentence
            present = sentence.terms.keys() | sentence.context | sentence.owners
            missing = [w for t, w in q.terms.items() if t not in present]
            # a name only in the source's title ("Fast and Furious" for every sentence of the
            # blog post) is not a name the sentence is about
            named = sentence.terms.keys() | sentence.near | sentence.owners
            text = sentence.text
            novel = sum(1 for t in sentence.terms if t not in q.terms)
            count_ok, count_bad = _counts(q, sentence, s.answers)
            if count_bad and "count" not in self.without:
                # "how many agents ...": a sentence whose numbers count something else ("276
                # criminal cases", "two assault rifles") gives no count of agents (on dev, A and
                # B, 19 such best answers were to questions the articles don't answer, none right)
                continue
            content = {t: w for t, w in q.terms.items() if t not in names}
            content_total = sum(content.values()) or 1.0
            features = {
                **common,
                "coverage": s.coverage,
                "direct": s.direct,
                "bonus": s.rank - s.coverage,
                "first": float(k == 0),
                "gap": sentences[0].rank - s.rank,
                "names_missing": sum(w for t, w in names.items() if t not in named) / name_total,
                "max_missing": max(missing, default=0.0) / rarest,
                "answers": float(bool(s.answers)),
                "novel": min(novel, 8) / 8,
                "defines": float(q.want is Want.DEFINE and _describes(sentence, q)),
                "reason": float(q.want is Want.REASON and bool(_REASON.search(text))),
                "manner": float(q.want is Want.MANNER and bool(_MANNER.search(text))),
                "owned": s.owned,
                "count_ok": count_ok,
                "count_bad": count_bad,
                "content_missing": sum(w for t, w in content.items()
                                       if t not in sentence.terms) / content_total,
                "distance": _answer_distance(q, sentence, s.answers, content),
                # the names asked about that the sentence itself never names (a pronoun's
                # sentence names them only through its neighbours)
                "names_indirect": sum(w for t, w in names.items() if t not in sentence.terms) / name_total,
                # the rarest word of the question's own (not a name) the sentence lacks: the
                # relation asked about ("who shot", "when did it end")
                "relation_missing": max((w for t, w in content.items() if t not in sentence.terms),
                                        default=0.0) / rarest,
                "fact_here": float(best_fact is not None and best_fact.doc.fact.cite == sentence.passage_id
                                   and _states_fact(sentence, best_fact.doc)),
                "fact_best": best_fact.coverage if best_fact else 0.0,
                # stating the best fact counts for as much as that fact fits the question
                "fact_support": float(best_fact is not None and best_fact.doc.fact.cite == sentence.passage_id
                                      and _states_fact(sentence, best_fact.doc)) * (
                                          best_fact.coverage if best_fact else 0.0),
                "bm25": s.bm25 / top_bm25,
                "define_q": float(q.want is Want.DEFINE),
            }
            out.append(_Candidate(None, s, features, self.model.probability("sentence", features)))
        top_fact_bm25 = max((f.bm25 for f in top_facts), default=0.0) or 1.0
        for k, f in enumerate(top_facts):
            doc = f.doc
            prompt = index.prompt_weights(doc)
            prompt_total = sum(prompt.values()) or 1.0
            missing = [w for t, w in q.terms.items() if t not in doc.all_terms]
            fact_ok, fact_bad = _fact_counts(q, doc)
            content = {t: w for t, w in q.terms.items() if t not in names}
            content_total = sum(content.values()) or 1.0
            stated = best_sentence is not None and doc.fact.cite == best_sentence.sentence.passage_id \
                and _states_fact(best_sentence.sentence, doc)
            features = {
                **common,
                "coverage": f.coverage,
                "recall": f.recall,
                "precision": f.precision,
                "first": float(k == 0),
                "gap": top_facts[0].coverage - f.coverage,
                "prompt_names_missing": sum(w for t, w in prompt.items()
                                            if t in index.name_terms and t not in q.terms) / prompt_total,
                # the rarest name the prompt is about that the question never names ("when was ICE
                # created?" is not "when did ICE start Operation Armas Cruzadas?")
                "prompt_name_max": max((w for t, w in prompt.items()
                                        if t in index.name_terms and t not in q.terms), default=0.0) / rarest,
                "max_missing": max(missing, default=0.0) / rarest,
                "stated": float(stated),
                "sentence_best": best_sentence.coverage if best_sentence else 0.0,
                "same_want": float(doc.want is q.want or doc.prompt_want is q.want),
                "focus": float(q.focus is not None and q.focus == doc.focus),
                "bm25": f.bm25 / top_fact_bm25,
                "list": float(doc.fact.kind is Kind.LIST),
                "count_ok": fact_ok,
                "count_bad": fact_bad,
                "content_missing": sum(w for t, w in content.items()
                                       if t not in doc.prompt_terms) / content_total,
            }
            out.append(_Candidate(f, None, features, self.model.probability("fact", features)))
        return out

    def _relations(self, index: Index, q: Question) -> list[_Relation]:
        """What a candidate must tell to answer ``q``, when it asks for a relation that sharing
        its words does not show: (a test for sentences, a test for facts) each."""
        out: list[_Relation] = []
        asked = norms(q.tokens)

        def fact_terms(fact: Fact) -> frozenset[str]:
            doc = _doc_of(index, fact.id)
            return doc.all_terms if doc is not None else frozenset()

        if "successor" not in self.without and _asks_successor(q):
            # "who took over ATF after Melson?": only a text that tells of someone taking a
            # post can name who did; a sentence naming Melson and ATF does not
            out.append(_told_by(_TELLS_SUCCESSION))
        created = _created_asked(q) if "created" not in self.without else None
        if created is not None:
            # "when was ICE created?": a text about when ICE started Armas Cruzadas, or one giving
            # eTrace data from 2004, dates nothing that began ICE or eTrace
            out.append((lambda s: _tells_start_of(s.text, created),
                        lambda f: _tells_start_of(_fact_text(f), created)))
        if "earlier" not in self.without and _ASKS_EARLIER.match(asked):
            # "what did Kerlikowske do before the White House job?": a sentence naming him tells
            # of an earlier post only in words of an earlier time ("Before that he had been")
            out.append(_told_by(_TELLS_EARLIER))
        if "post" not in self.without and q.want in (Want.PERSON, Want.WHO) and _ASKS_POST.search(asked):
            # "who is the head of Customs and Border Protection?": "Melson said ATF was
            # cooperating closely with both CBP and ICE" names a person, and no post
            out.append(_told_by(_TELLS_POST))
        if "qualifier" not in self.without and q.want in (Want.PERSON, Want.WHO):
            # "who was the US president then?": "the government of President Felipe Calderon"
            # in Mexico names a president, not one of the United States
            places = [m.concept.term for m in q.mentions if m.concept.is_name and "place" in m.concept.kinds]
            if places:
                out.append((lambda s: all(t in s.terms.keys() | s.owners for t in places),
                            lambda f: True))
        finder = _finder_asked(q) if "finding" not in self.without else None
        if finder is not None:
            # "what did Melson's review panel end up finding?": a sentence telling that the
            # review was ordered tells no finding of it, and GAO's findings are not the panel's
            finding, fact_finding = _told_by(_TELLS_FINDING)
            out.append((lambda s: finding(s) and finder in s.terms.keys() | s.context,
                        lambda f: fact_finding(f) and finder in fact_terms(f)))
        body = members_of(q.tokens) if "members" not in self.without else None
        if body is not None:
            # "who was on Melson's review panel?": only a sentence about the panel can name its
            # members ("Morton agreed with Melson" names a person, and no panel)
            out.append((lambda s: body in s.terms, lambda f: body in fact_terms(f)))
        if "total" not in self.without and q.want in (Want.NUMBER, Want.MONEY) and _ASKS_TOTAL.search(asked):
            # "what was ATF's total budget in 2009?": $5.9 million "from its 2009 budget" is a
            # part of it, "22 new investigators" an addition; a figure given as neither may be
            # the whole ("more than 5,400 firearms since Project Gunrunner began")
            out.append((lambda s: not _tells_part(s.text), lambda f: not _tells_part(_fact_text(f))))
        speakers = _speakers_asked(q, index) if "speaker" not in self.without else set()
        if speakers:
            # "what did Calderon say about American guns?": a sentence that only names Calderon
            # ("the government of President Felipe Calderon") says nothing he said; a fact is
            # the pack's own statement
            out.append((lambda s: _speaks(s, speakers), lambda f: True))
        return out

    def _answer_with(self, index: Index, q: Question, chosen: _Candidate,
                     facts: Sequence[_FactScored], scored: Sequence[_Scored]) -> Answer:
        """The answer a candidate gives: a fact's, a sentence's, or the versions of a
        disagreement either takes part in."""
        if chosen.fact is not None:
            fact = chosen.fact
            link = self._disagreement(index, q, fact.doc.fact, facts)
            if link is None and "point" not in self.without:
                link = self._point_asked(index, q)
            if link is not None:
                return self._disagree(index, q, link, fact.doc.fact if fact.doc.fact.id in link.facts
                                      else None)
            return self._from_fact(index, q, fact, scored)
        assert chosen.sentence is not None
        best = chosen.sentence
        plain = "plain" in self.without or q.want is Want.DEFINE  # "what is a sting operation?"
        link = None if plain else self._linked_statement(index, q, best.sentence)
        if link is None and not plain and "point" not in self.without:
            link = self._point_asked(index, q)
        if link is not None:
            return self._disagree(index, q, link, None)
        if "plain" in self.without:
            return self._sentence_answer(index, q, best, facts, scored)
        return self._from_sentence(index, q, best, scored)

    def candidate_answers(self, question: str) -> list[tuple[str, dict[str, float], Answer]] | None:
        """Every candidate the tutor weighs for ``question``: its kind ("fact" or "sentence"),
        its features and the answer it would give; None when the answer is settled before any
        is weighed. For fitting the model (`bench tutor --fit`)."""
        index = self.build()
        q = read(question, index.lexicon, index.weight, self.unknown_weight, index.rarest,
                 None if "spelling" in self.without else index.spelling)
        if not q.terms or q.want is Want.EXPAND and self._expand(index, q, []) is not None:
            return None
        if "event" not in self.without and _unknown_event(index, q) is not None:
            return None  # abstained whatever the candidates: nothing for the model to learn
        facts = self._facts(index, q)
        scored = self._sentences(index, q)
        return [("fact" if c.fact is not None else "sentence", c.features,
                 self._answer_with(index, q, c, facts, scored))
                for c in self._candidates(index, q, facts, scored)]

    # -- candidates ---------------------------------------------------------------------------

    def _facts(self, index: Index, q: Question) -> list[_FactScored]:
        """Facts that may answer ``q``, best first, scored by how well the question and the
        fact's prompt cover each other (F-beta of the two coverages)."""
        assert index.fact_bm25 is not None
        if q.want in (Want.EXPAND, Want.DEFINE):
            return []  # "what is eTrace?" wants a description: its passage gives it, not a fact
        total = sum(q.terms.values())
        asked = set(q.terms) | {t.stem for t in q.tokens}
        beta2 = self.fact_beta ** 2
        names = {m.concept.term for m in q.mentions if m.concept.is_name}
        out = []
        for number, bm25 in index.fact_bm25.scores(q.terms).items():
            doc = index.facts[number]
            if q.want is not Want.YESNO and _names_answer(doc, asked):
                continue  # the question names the answer: it is not asking for it (unless it asks
                # whether it is so: "was Fast and Furious a sting operation?")
            if not _compatible(q.want, doc, None if "types" in self.without else q.focus):
                continue
            if not names <= doc.all_terms:
                continue  # the question names someone or something the fact never mentions
            covered = 0.0
            for term, weight in q.terms.items():
                if term in doc.prompt_terms:
                    covered += weight
                elif term in doc.explain_terms:
                    covered += CONTEXT_CREDIT * weight
            recall = covered / total
            prompt = index.prompt_weights(doc)
            prompt_total = sum(prompt.values()) or 1.0
            precision = sum(w for t, w in prompt.items() if t in q.terms) / prompt_total
            if recall <= 0 or precision < FACT_MIN_PRECISION:
                continue
            score = (1 + beta2) * precision * recall / (beta2 * precision + recall)
            out.append(_FactScored(doc, score, bm25, recall, precision))
        out.sort(key=lambda f: (-f.coverage, -f.bm25))
        return out

    def _sentences(self, index: Index, q: Question) -> list[_Scored]:
        """Sentences that may answer ``q``, best first: by how much of the question's weight
        they hold (half for words only in their heading or neighbours), then small bonuses."""
        assert index.sentence_bm25 is not None and index.passage_bm25 is not None
        total = sum(q.terms.values())
        # Every sentence holding a question term, or holding one in its context ("He signed
        # the MOU with John Morton" after "Kenneth Melson was ...").
        covered: dict[int, float] = {}
        direct: dict[int, float] = {}
        by_owner: dict[int, float] = {}
        nothing: set[int] = set()
        for term, weight in q.terms.items():
            for number in index.term_sentences.get(term, ()):
                covered[number] = covered.get(number, 0.0) + weight
                direct[number] = direct.get(number, 0.0) + weight
            # a name its passage's heading gives counts in full: "according to Fred" is
            # answered by every sentence of "Reader Fred Hiker: a rigged case"
            owned = nothing if "attribution" in self.without else index.owner_sentences.get(term, nothing)
            for number in owned:
                covered[number] = covered.get(number, 0.0) + weight
                by_owner[number] = by_owner.get(number, 0.0) + weight
            for number in index.context_sentences.get(term, ()):
                if number not in owned and term not in index.sentences[number].terms:
                    covered[number] = covered.get(number, 0.0) + CONTEXT_CREDIT * weight
        if not covered:
            return []
        # Only the best few need their bonuses and their kind of answer worked out.
        shortlist = sorted(covered, key=covered.__getitem__, reverse=True)[:SHORTLIST]
        asked = set(q.terms) | {t.stem for t in q.tokens} | {t.norm for t in q.tokens}
        bm25 = index.sentence_bm25.scores(q.terms)
        passage_scores = index.passage_bm25.scores(q.terms)
        order = units(q.tokens, q.mentions)
        question_pairs = list(zip(order, order[1:], strict=False))
        named_kind = q.want is Want.NAME and "types" not in self.without and asks_named_kind(q.tokens)
        out = []
        for number in shortlist:
            sentence = index.sentences[number]
            coverage = covered[number] / total
            answers = tuple(answering(sentence.found, q.want, asked))
            if named_kind:
                # "which gun store sold the guns": "a Texas gun store" names a state, no store
                answers = tuple(a for a in answers if a.kind is Want.NAME)
            if q.focus == "city" and "types" not in self.without:
                # "which cities": "California, New Mexico and Texas" names none
                answers = tuple(a for a in answers
                                if a.kind is not Want.PLACE or not is_region(sentence.tokens, a))
            typed_ok = bool(answers) or not q.want.typed
            score = bm25.get(number, 0.0) + 0.3 * passage_scores.get(sentence.passage_number, 0.0)
            rank = coverage + PAIR_BONUS * sum(pair in sentence.pairs for pair in question_pairs)
            heading = index.heading_terms.get(sentence.passage_id, frozenset())
            rank += HEADING_BONUS * sum(w for t, w in q.terms.items() if t in heading) / total
            if q.want is Want.DEFINE and _describes(sentence, q, "define" not in self.without):
                rank += 0.2  # "eTrace, its electronic database": the sentence that says what it is
            if q.want is Want.DEFINE and "define" not in self.without and \
                    any(t in heading for t in q.subject):
                rank += 0.1  # the passage about it ("What a sting operation is")
                if sentence.position == 0 and "opening" not in self.without \
                        and self._headed_by(index, sentence.passage_id, q.subject):
                    rank += OPENING_BONUS  # "## Project Gunrunner": its first sentence says what it is
            out.append(_Scored(sentence, coverage, score, typed_ok, answers, rank,
                               direct.get(number, 0.0) / total, by_owner.get(number, 0.0) / total))
        out.sort(key=lambda s: (-s.rank, -s.bm25))
        return out

    def _headed_by(self, index: Index, passage_id: str, subject: Sequence[str]) -> bool:
        """Whether the passage's heading is nothing but the subject's name ("Project Gunrunner")."""
        concepts = self._heading_concepts.get(passage_id)
        if concepts is None:
            from study.tutor.text import tokenize

            tokens = tokenize(index.pack.passages[passage_id].heading)
            mentions = index.lexicon.mentions(tokens)
            inside = {i for m in mentions for i in range(m.first, m.last + 1)}
            whole = all(i in inside or t.stop for i, t in enumerate(tokens))
            concepts = frozenset(m.concept.term for m in mentions) if whole else frozenset()
            self._heading_concepts[passage_id] = concepts
        return bool(concepts) and concepts <= set(subject)

    # -- answers ------------------------------------------------------------------------------

    def _from_fact(self, index: Index, q: Question, scored: _FactScored,
                   sentences: Sequence[_Scored]) -> Answer:
        fact = scored.doc.fact
        text = _fact_sentence(fact)
        first = self._fact_citation(index, q, scored.doc)
        citations = [first]
        # Other passages are cited only where they state the fact's answer too.
        stating = [s for s in sentences if _states_fact(s.sentence, scored.doc)]
        citations += self._more_citations(index, q, stating, {fact.cite}, MAX_CITATIONS - 1,
                                          answer_forms=scored.doc.answer_forms)
        return Answer(q.text, True, text, citations, fact_id=fact.id)

    def _from_sentence(self, index: Index, q: Question, best: _Scored,
                       sentences: Sequence[_Scored]) -> Answer:
        span = _continued(index, _span(index, best.sentence, "define" not in self.without), q)
        if not q.want.typed and "explain" not in self.without:
            span = _explained(index, span, q)
        citation = _citation(index, span, q, best.answers)
        text = citation.text
        if q.want is Want.DEFINE and "define" not in self.without:
            # "what's USBP?": what the letters stand for, then what the articles say of it
            expansion = _expansion(q)
            if expansion:
                text = f"{expansion} {text}"
        if q.want.typed and best.answers:
            # A question that wants a name, a date, a number: other passages are cited only
            # where they hold the same one (not every sentence that shares its words).
            keys = {found.key for found in best.answers}
            sentences = [s for s in sentences if keys & {found.key for found in s.answers}]
        more = self._more_citations(index, q, sentences, {best.sentence.passage.id},
                                    MAX_CITATIONS - 1)
        return Answer(q.text, True, text, [citation, *more])

    def _fact_stated_in(self, sentence: Sentence, facts: Sequence[_FactScored]) -> _FactScored | None:
        """A fact that the answering sentence states and that fits the question well enough:
        its answer reads better than the bare sentence."""
        for f in facts:
            if f.coverage < STATED_FACT_SHARE * self.fact_coverage:
                break
            if f.recall >= STATED_FACT_RECALL and f.doc.fact.cite == sentence.passage_id \
                    and _states_fact(sentence, f.doc):
                return f
        return None

    def _more_citations(self, index: Index, q: Question, sentences: Sequence[_Scored],
                        used: set[str], limit: int,
                        answer_forms: Sequence[tuple[str, ...]] = ()) -> list[Citation]:
        out: list[Citation] = []
        for s in sentences:
            if len(out) >= limit or s.coverage < self.sentence_coverage:
                break
            if not s.typed_ok or s.sentence.passage.id in used:
                continue
            used.add(s.sentence.passage.id)
            out.append(_citation(index, _span(index, s.sentence), q, s.answers, answer_forms))
        return out

    def _fact_citation(self, index: Index, q: Question, doc: FactDoc) -> Citation:
        sentences = index.by_passage[doc.fact.cite]
        stating = [s for s in sentences if _states_fact(s, doc)]
        pool = stating or sentences

        def overlap(s: Sentence) -> float:
            return sum(w for t, w in q.terms.items() if t in s.terms)

        best = max(pool, key=overlap)
        return _citation(index, _span(index, best), q, (), doc.answer_forms)

    def _abstain(self, index: Index, q: Question, scored: Sequence[_Scored]) -> Answer:
        head = _dont_say(q)
        if not scored:
            return Answer(q.text, False, head)
        closest = scored[0]
        citation = _citation(index, _span(index, closest.sentence), q, ())
        return Answer(q.text, False, f"{head} The closest they come: {citation.text}", [citation])

    def _expand(self, index: Index, q: Question, scored: Sequence[_Scored]) -> Answer | None:
        """ "What does BEST stand for?": the glossary's full name, cited where the pack uses it."""
        for mention in q.mentions:
            concept = mention.concept
            if not concept.is_name:
                continue
            asked = " ".join(t.surface for t in q.tokens[mention.first:mention.last + 1])
            full = _full_names(concept.names, asked)
            if not full:
                continue
            where = next((s for s in scored if concept.term in s.sentence.terms), None)
            citations = []
            if where is not None:
                citations.append(_citation(index, _span(index, where.sentence), q, ()))
            text = f"{asked} stands for {full[0]}."
            if len(full) > 1:
                text += " The articles also write it " + ", ".join(f'"{n}"' for n in full[1:]) + "."
            return Answer(q.text, True, text, citations)
        return None

    # -- disagreements ------------------------------------------------------------------------

    def _disagreement(self, index: Index, q: Question, fact: Fact,
                      facts: Sequence[_FactScored]) -> Disagreement | None:
        """The disagreement a fact's answer takes part in: the fact is one of its versions, or
        the sentence the fact is stated in states a version ("whose claim is the 90 percent
        figure?")."""
        links = [d for d in self.pack.disagreements if fact.id in d.facts and self._on_point(index, q, d)]
        if links:
            # a fact in several: the one whose other versions fit the question best
            score = {f.doc.fact.id: f.coverage for f in facts}
            return max(links, key=lambda d: sum(score.get(f, 0.0) for f in d.facts))
        doc = _doc_of(index, fact.id)
        if doc is None:
            return None
        for sentence in index.by_passage[fact.cite]:
            if _states_fact(sentence, doc):
                # only when the question is about that other version about as much
                best = max((f.coverage for f in facts if f.doc.fact.id == fact.id), default=0.0)
                floor = max(self.fact_coverage, 0.9 * best)
                found = self._sentence_disagreement(index, q, sentence, facts, floor)
                if found is not None:
                    return found
        return None

    def _sentence_disagreement(self, index: Index, q: Question, sentence: Sentence,
                               facts: Sequence[_FactScored], floor: float | None = None
                               ) -> Disagreement | None:
        """The disagreement a sentence answer takes part in: it states the answer of a linked
        fact that the question is about (a fact candidate scoring at least ``floor``)."""
        if floor is None:
            floor = STATED_FACT_SHARE * self.fact_coverage
        candidates = {f.doc.fact.id for f in facts if f.coverage >= floor}
        for link in self.pack.disagreements:
            if not self._on_point(index, q, link):
                continue
            for fact_id in link.facts:
                doc = _doc_of(index, fact_id)
                if doc is None or fact_id not in candidates or doc.fact.cite != sentence.passage_id:
                    continue
                if _states_fact(sentence, doc):
                    return link
        return None

    def _linked_statement(self, index: Index, q: Question, sentence: Sentence) -> Disagreement | None:
        """The disagreement whose version the answering sentence states, when the question is
        about that version's fact ("is it true 90% of Mexico's guns come from the US?" answered
        by the Mexican government's claim): the fact's prompt holds most of the question."""
        total = sum(q.terms.values())
        for link in self.pack.disagreements:
            if not self._on_point(index, q, link):
                continue
            for fact_id in link.facts:
                doc = _doc_of(index, fact_id)
                if doc is None or doc.fact.cite != sentence.passage_id or not _states_fact(sentence, doc):
                    continue
                # the fact's prompt (its explanation for half) must hold most of the question
                held = sum(w if t in doc.prompt_terms else CONTEXT_CREDIT * w
                           for t, w in q.terms.items() if t in doc.prompt_terms or t in doc.explain_terms)
                if held / total >= LINKED_SHARE:
                    return link
        return None

    def _point(self, index: Index, link: Disagreement) -> Question:
        """The disagreement's ``about`` phrase read as a question ("who decided to let the guns
        walk"): what it asks and the terms it is about."""
        point = self._points.get(link.id)
        if point is None:
            want = Want.YESNO if fold(link.about).startswith("whether ") else None
            point = read(link.about, index.lexicon, index.weight, self.unknown_weight, index.rarest,
                         want=want)
            self._points[link.id] = point
        return point

    def _point_held(self, index: Index, q: Question, link: Disagreement) -> float:
        """The share of the disputed point's weight ``q`` holds, or 0 when ``q`` asks for
        another kind of thing than the point does ("why did Chait change the strategy?" is not
        "who decided to let the guns walk")."""
        if "point" in self.without:
            return 1.0
        point = self._point(index, link)
        docs = [d for d in (_doc_of(index, f) for f in link.facts) if d is not None]
        if not _asks_point(q.want, point.want, docs):
            return 0.0
        # the versions' answer words ("90 percent") are held by a question asking for that kind
        answered = {t for d in docs if q.want.typed and _compatible(q.want, d)
                    for words in d.answer_term_sets for t in words}
        total = sum(point.terms.values()) or 1.0
        return sum(w for t, w in point.terms.items() if t in q.terms or t in answered) / total

    def _on_point(self, index: Index, q: Question, link: Disagreement) -> bool:
        """Whether ``q`` is about the point ``link`` disputes: "who was ATF's acting director"
        states no version of who decided to let the guns walk, though Chait's fact names ATF."""
        return self._point_held(index, q, link) >= POINT_SHARE

    def _point_asked(self, index: Index, q: Question) -> Disagreement | None:
        """The disagreement whose point ``q`` asks nearly in full, if any."""
        best = max(self.pack.disagreements, key=lambda d: self._point_held(index, q, d), default=None)
        if best is None or "point" in self.without or self._point_held(index, q, best) < POINT_ASKED:
            return None
        return best

    def _disagree(self, index: Index, q: Question, link: Disagreement, first: Fact | None) -> Answer:
        order = sorted(link.facts, key=lambda f: f != (first.id if first else None))
        parts = [f"The sources differ on {link.about}."]
        citations: list[Citation] = []
        for fact_id in order:
            doc = _doc_of(index, fact_id)
            if doc is None:
                continue
            citation = self._fact_citation(index, q, doc)
            source = index.pack.passages[doc.fact.cite].source
            parts.append(f"{_cap(_source_label(index.pack, source))}: {citation.text}")
            citations.append(citation)
        if link.note:
            parts.append(link.note)
        return Answer(q.text, True, " ".join(parts), citations[:MAX_CITATIONS],
                      fact_id=first.id if first else None, disagreement=link.id)

    # -- quiz fairness ------------------------------------------------------------------------

    def _asks_for(self, index: Index, q: Question, fact: Fact, facts: Sequence[_FactScored],
                  scored: Sequence[_Scored]) -> bool:
        """Whether ``q`` asks for the answer of ``fact``: it matches the fact, or the sentence
        that states the fact's answer is the one the tutor would answer with."""
        doc = _doc_of(index, fact.id)
        if doc is None:  # a true/false statement: compare with its prompt's words
            return _matches_prompt(q, fact, index)
        if _names_answer(doc, set(q.terms) | {t.stem for t in q.tokens}):
            return False  # the question already names the answer
        for f in facts:
            if f.doc.fact.id == fact.id and f.coverage >= self.fact_coverage:
                return True
        top = facts[0] if facts and facts[0].coverage >= self.fact_coverage else None
        if top is not None and top.doc.fact.cite == fact.cite:
            answer_sentence = self._fact_citation(index, q, top.doc)
            if states_answer(answer_sentence.text, fact) or states_answer(_fact_sentence(top.doc.fact), fact):
                return True
        best = next((s for s in scored if s.typed_ok), None)
        if best is not None and best.coverage >= self.sentence_coverage:
            return best.sentence.passage.id == fact.cite and _states_fact(best.sentence, doc)
        return False


# -- helpers ----------------------------------------------------------------------------------


def _answer_distance(q: Question, sentence: Sentence, answers: Sequence[Found],
                     content: dict[str, float]) -> float:
    """For a question wanting a name or a figure: how far (in words, up to 12, as a share) the
    nearest answer stands from the nearest word of the question's own (not its names): "who
    shot Terry" is not answered by a name at the far end of the sentence from "shot"."""
    if not q.want.typed or not answers:
        return 0.0
    places = [i for i, t in enumerate(sentence.tokens) if t.stem in content]
    places += [m.first for m in sentence.mentions if m.concept.term in content]
    if not places:
        return 1.0
    gap = min(max(0, f.first - p, p - f.last) for f in answers for p in places)
    return min(gap, 12) / 12


def _counts(q: Question, sentence: Sentence, answers: Sequence[Found]) -> tuple[float, float]:
    """For "how many X": (1, 0) when a number the sentence gives counts X ("100 additional
    agents" for "how many agents"), (0, 1) when none does, (0, 0) for other questions."""
    if not q.counted:
        return 0.0, 0.0
    tokens = sentence.tokens
    for found in answers:
        if found.kind not in (Want.NUMBER, Want.MONEY, Want.DURATION):
            continue
        if found.key == "unknown":
            return 1.0, 0.0  # "the volume of arms shipments into Mexico is unknown"
        # the noun after the number, or inside a duration's own words ("a two-day summit",
        # "three and a half years")
        for i in range(found.first + 1, min(found.last + 4, len(tokens))):
            if noun_terms(tokens, sentence.mentions, i) & q.counted:
                return 1.0, 0.0
    return 0.0, 1.0


def _fact_counts(q: Question, doc: FactDoc) -> tuple[float, float]:
    """For "how many X": whether the fact's answer or its prompt's "how many Y" counts X."""
    if not q.counted:
        return 0.0, 0.0
    if doc.counted & q.counted:
        return 1.0, 0.0
    return 0.0, 1.0


def _names_answer(doc: FactDoc, asked: set[str]) -> bool:
    """Whether the question already names the fact's answer (every item, for a list)."""
    sets = doc.answer_term_sets
    if not sets:
        return False
    if doc.fact.kind is Kind.LIST:
        return all(s <= asked for s in sets)
    return any(s <= asked for s in sets)


def _describes(sentence: Sentence, q: Question, appositives: bool = True) -> bool:
    """Whether the sentence says what the subject is: "X, the ...", "X is a ...", "its X";
    with ``appositives`` also "X, one of ...", "X, ATF's ...", "ATF's acting director, X"."""
    tokens = sentence.tokens
    text = sentence.passage.text
    if _DEFINING.search(sentence.text) and any(t in sentence.terms for t in q.terms):
        return True
    after_pattern = _DESCRIBED_AFTER if appositives else _DESCRIBED_AFTER_PLAIN
    for mention in sentence.mentions:
        if mention.concept.term not in q.terms:
            continue
        end = tokens[mention.last].end
        if after_pattern.match(text, end, min(len(text), end + 40)):
            return True
        if appositives:
            start = tokens[mention.first].start
            before = text[max(sentence.start, start - 60):start]
            if _DESCRIBED_BEFORE.search(before):
                return True
    return False


_DESCRIBED_AFTER_PLAIN = re.compile(
    r"\s*(?:\(\w+\))?\s*(?:,\s*(?:a|an|the|its|his|her|their)\b|is\s+(?:a|an|the)\b|was\s+(?:a|an|the)\b)",
    re.IGNORECASE)
#: After a name: "(USBP)," ", the White House director", ", one of the agents", ", ATF's chief",
#: ", who", " is a", " was the".
_DESCRIBED_AFTER = re.compile(
    r"\s*(?:\([\w.\s]+\))?\s*(?:,\s*(?:a|an|the|its|his|her|their|one\s+of|who|which|"
    r"[A-Z][\w.&-]*(?:'s|\u2019s))\b|(?:is|was|are|were)\s+(?:a|an|the|one\s+of)\b)")
#: Before a name: "ATF's acting director, ", "a congressman named ", "Rep. ".
_DESCRIBED_BEFORE = re.compile(
    r"(?:\b(?:director|secretary|chief|head|agent|officer|official|spokesman|reporter|commissioner|"
    r"attorney|general|administrator|congressman|senator|president)\s*,?\s*|\bRep\.\s*|"
    r"\b(?:named|called)\s+)$")


def _compatible(want: Want, doc: FactDoc, focus: str | None = None) -> bool:
    """Whether a fact gives the kind of answer a question asks for (and about the kind of
    thing asked for: "how many people" is not answered by "two days", "which cities" not by
    three states)."""
    if not focus_agrees(focus, doc.focus):
        return False
    fact_want = doc.want
    if want in (Want.REASON, Want.MANNER, Want.DEFINE):
        return fact_want is Want.TEXT  # "why ...?" is never answered by a name or a figure
    if want in (Want.TEXT, Want.YESNO):
        # "what was found where Terry was killed?" is not answered by "which agency was Terry's?"
        return not doc.prompt_want.typed
    if not want.typed:
        return True
    if want is Want.NUMBER:
        return fact_want in (Want.NUMBER, Want.DURATION)  # a count, not a share or a sum
    if fact_want is want:
        return True
    kinds = ANSWERS.get(want, frozenset())
    if fact_want in kinds:
        return True
    return fact_want is Want.WHO and want in (Want.PERSON, Want.AGENCY, Want.NAME)


#: What a disputed point asking for each kind accepts from a question: the same kind of thing.
_POINT_WANTS: dict[Want, frozenset[Want]] = {
    Want.WHO: frozenset({Want.WHO, Want.PERSON, Want.AGENCY}),
    # "was Gunrunner started in 2006?": a yes or no on a disputed date is asked the dispute
    Want.TIME: frozenset({Want.TIME, Want.DURATION, Want.YESNO}),
    Want.DURATION: frozenset({Want.DURATION, Want.NUMBER, Want.YESNO}),  # "three months or four?"
    Want.NUMBER: frozenset({Want.NUMBER, Want.QUANTITY}),
    Want.YESNO: frozenset({Want.YESNO, Want.TEXT}),
    Want.REASON: frozenset({Want.REASON, Want.TEXT, Want.YESNO}),
    Want.TEXT: frozenset({Want.TEXT, Want.YESNO}),
}


def _asks_point(want: Want, point: Want, versions: Sequence[FactDoc]) -> bool:
    """Whether a question wanting ``want`` asks what a disputed point wanting ``point`` does;
    a "what" point ("what the 90 percent figure means") also takes a question asking for the
    kind of thing its versions answer with ("what share of the guns ...")."""
    accepted = _POINT_WANTS.get(point, frozenset({point}))
    if want in accepted:
        return True
    return point is Want.TEXT and want.typed and any(_compatible(want, d) for d in versions)


def _neighbours(index: Index, sentence: Sentence) -> list[Sentence]:
    own = index.by_passage[sentence.passage.id]
    return [own[i] for i in (sentence.position - 1, sentence.position + 1) if 0 <= i < len(own)]


def _span(index: Index, sentence: Sentence, back: bool = False) -> list[Sentence]:
    """The sentence to quote, with the one before it when it opens with a pronoun (and, with
    ``back``, the one before that when it does too)."""
    own = index.by_passage[sentence.passage.id]
    span = [sentence]
    # "The decision belonged to an operation ... code-named X" after "The aim was ..." after
    # what the operation did: back to the sentence that says what "the decision" was
    while span[0].position > 0 and _PRONOUN_START.match(span[0].text) and len(span) < MAX_SENTENCES:
        span.insert(0, own[span[0].position - 1])
        if not back:
            break
    return span


def _expansion(q: Question) -> str:
    """ "USBP stands for United States Border Patrol.", when the question names a short form
    (an acronym) of a longer name; else "" (and for "what does CBP do?", which asks what it
    does)."""
    if q.tokens and q.tokens[-1].norm in ("do", "does", "did", "doing"):
        return ""
    for mention in q.mentions:
        concept = mention.concept
        if not concept.is_name or mention.first != mention.last:
            continue
        asked = q.tokens[mention.first].surface
        if not (asked.isupper() or asked.lower() == concept.label.lower() and concept.label.isupper()):
            continue
        full = _full_names(concept.names, asked)
        if full:
            return f"{asked.upper() if asked.islower() else asked} stands for {full[0]}."
    return ""


def _full_names(names: Sequence[str], asked: str) -> list[str]:
    """The long forms of a name (longest first), none a mere part of another."""
    longer = sorted({n for n in names if len(n) > len(asked) + 2 and " " in n}, key=len, reverse=True)
    out: list[str] = []
    for name in longer:
        if not any(fold(name) in fold(other) for other in out):
            out.append(name)
    return out[:3]


def _continued(index: Index, span: list[Sentence], q: Question) -> list[Sentence]:
    """The span with the next sentence when that one goes on about the same thing ("Operation
    Armas Cruzadas dates from 2008. It is a bilateral program ..."), and, for a question after a
    name or a figure, holds one too ("It also said that ... up more than 50 percent")."""
    asked = set(q.terms) | {t.stem for t in q.tokens} | {t.norm for t in q.tokens}
    while len(span) < MAX_SENTENCES:
        last = span[-1]
        own = index.by_passage[last.passage_id]
        if last.position + 1 >= len(own):
            break
        following = own[last.position + 1]
        if not _CONTINUES.match(following.text):
            break
        if q.want.typed and not answering(following.found, q.want, asked):
            break
        span = [*span, following]
    return span


def _explained(index: Index, span: list[Sentence], q: Question) -> list[Sentence]:
    """For a question wanting a statement (what, why, how): the span and the sentence after it
    in its passage, when the span is one sentence. The articles' points often take two ("In his
    opinion, letting tobacco be sold ... may be sound. Letting firearms change hands ... is a
    mistake"), and a learner asking "what did Ike say" wants both."""
    if len(span) > 1:
        return span
    last = span[-1]
    own = index.by_passage[last.passage_id]
    if last.position + 1 >= len(own):
        return span
    return [*span, own[last.position + 1]]


def _citation(index: Index, span: Sequence[Sentence], q: Question, answers: Sequence[Found],
              answer_forms: Sequence[tuple[str, ...]] = ()) -> Citation:
    passage = span[0].passage
    start, end = span[0].start, span[-1].end
    text = passage.text[start:end]
    marks: list[tuple[int, int]] = []
    for sentence in span:
        tokens = sentence.tokens
        for mention in sentence.mentions:
            if mention.concept.term in q.terms:
                marks.append((tokens[mention.first].start, tokens[mention.last].end))
        for token in tokens:
            if token.stem in q.terms and not token.stop:
                marks.append((token.start, token.end))
        if sentence is span[-1] or answers:
            for found in answers:
                if found.last < len(tokens):
                    marks.append((tokens[found.first].start, tokens[found.last].end))
        for form in answer_forms:
            size = len(form)
            for i in range(len(tokens) - size + 1):
                if all(tokens[i + k].stem == form[k] for k in range(size)):
                    marks.append((tokens[i].start, tokens[i + size - 1].end))
    spans = _merge([(a - start, b - start) for a, b in marks if start <= a and b <= end], text)
    return Citation(passage.id, passage.source.title, passage.heading, text, spans)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted, overlapping spans joined, and spans apart only by spaces joined too."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and (a <= out[-1][1] or not text[out[-1][1]:a].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


#: Past forms that do not end in -ed, of verbs learners ask about events with.
_IRREGULAR_PAST = frozenset(
    "shot sold bought stole stolen caught fled fought won hid chose chosen built drove sank "
    "swore tore withdrew overthrew forgave forgiven".split())


#: Posts a successor takes: "who is the new head of ATF?", "the next director".
_POSTS = r"(?:head|director|boss|chief|leader|president|commissioner|secretary|job|post|position|helm)"
#: Ways of taking someone's place, asked or told: "replaced Melson", "Melson's replacement",
#: "succeeded him" (not "succeeded in"), "came after", "took over (as)", "took his place".
_SUCCEEDS = (r"replac(?:e|ed|es|ing|ement)|succe(?:ed|eded|eds|eding)(?!\s+in\b)|successors?|"
             r"succession|(?:came|come|comes|coming)\s+after|followed|"
             r"t(?:ook|ake|akes|aking|aken)\s+over|t(?:ook|ake|akes|aking|aken)\s+(?:\S+\s+)?"
             r"(?:place|helm)|(?:next|new)\s+" + _POSTS)
#: A question after who came next in a post: "who replaced Melson?", "who took over ATF after
#: Melson?", "who became president after Calderon?", "who is the new director?". It must name
#: a person or a post as well: "who decided ATF should replace its strategy?" asks no successor.
_ASKS_SUCCESSION = re.compile(r"\b(?:" + _SUCCEEDS + r"|(?:became|become|becomes)\s+(?:\S+\s+){0,2}"
                              + _POSTS + r"\b.*\bafter)\b")
_NAMES_POST = re.compile(r"\b" + _POSTS + r"s?\b")
#: A text telling of someone taking a post.
_TELLS_SUCCESSION = re.compile(
    r"\b(?:" + _SUCCEEDS + r"|stepped\s+(?:down|in)|resign(?:ed|s|ation)|appointed|nominated|"
    r"sworn\s+in|tapped|(?:was|were|is|been)\s+named|named\s+(?:to|as)|became\s+(?:the\s+)?"
    r"(?:acting\s+)?" + _POSTS + r")\b", re.IGNORECASE)


def _asks_successor(q: Question) -> bool:
    if q.want not in (Want.WHO, Want.PERSON, Want.AGENCY, Want.NAME):
        return False
    text = norms(q.tokens)
    if not _ASKS_SUCCESSION.search(text):
        return False
    return bool(_NAMES_POST.search(text)) or any("person" in m.concept.kinds for m in q.mentions)


#: "what did Melson do before ATF?", "what was Chait's job before that?", "where did Morton work
#: before ICE?": an earlier post or deed of someone's.
_ASKS_EARLIER = re.compile(
    r"^(?:so\s+)?(?:what\s+(?:did|was|were|had)\s+(?:\S+\s+){1,4}?(?:do|doing|job|jobs|work|career|"
    r"position|post|role|title)|what\s+(?:job|post|position|role)\s+did\s+(?:\S+\s+){1,4}?"
    r"(?:have|hold)|where\s+did\s+(?:\S+\s+){1,4}?work)\b.*\bbefore\b")
#: Words of an earlier time: "Before that he had been ...", "the former head", "previously".
_TELLS_EARLIER = re.compile(r"\b(?:before|previously|formerly|former|prior to|had been|ex|"
                            r"used to|until)\b", re.IGNORECASE)
#: "who is the head of CBP", "who runs ICE", "who was ATF's director": the holder of a post.
_HEAD_WORDS = (r"head|heads|headed|heading|director|directors|chief|boss|leader|leads|led|lead|runs|ran|"
               r"run|running|in\s+charge|commissioner|secretary|administrator|czar|commander|"
               r"oversaw|oversees|overseeing|manages|managed|helm")
_ASKS_POST = re.compile(r"\b(?:" + _HEAD_WORDS + r")\b")
_TELLS_POST = re.compile(r"\b(?:" + _HEAD_WORDS + r"|acting|assistant|deputy|attorney general|"
                         r"inspector general|president|governor|spokesman|spokeswoman)\b", re.IGNORECASE)
#: "what did the review find?", "what did the panel end up concluding?": a finding asked for.
_ASKS_FINDING = re.compile(r"^(?:so\s+)?what\s+(?:did|does|has|have|will)\s+(?P<who>(?:\S+\s+){1,6}?)"
                           r"(?:end\s+up\s+|eventually\s+|finally\s+)?"
                           r"(?:find|finding|found|conclude|concluding|concluded|decide|decided|deciding|"
                           r"determine|determined|discover|discovered|uncover|uncovered)\b")
#: Words telling a finding: "GAO found", "the report concluded", "its findings".
_TELLS_FINDING = re.compile(r"\b(?:found|finds|finding|findings|find|conclud(?:e|ed|es|ing)|conclusions?|"
                            r"determined|decided|decision|discovered|uncovered|showed|shows|revealed|"
                            r"faulted|criticized|portrays|portrayed|listed|identified|recommend(?:s|ed|ations?)?|"
                            r"results?|outcome)\b", re.IGNORECASE)


def _finder_asked(q: Question) -> str | None:
    """For "what did the review panel find?": the term of the one whose finding is asked (the
    last word of "the review panel", or its name's concept); None for any other question."""
    joined = norms(q.tokens)
    match = _ASKS_FINDING.match(joined)
    if match is None:
        return None
    span = token_range(joined, match.start("who"), match.end("who") - 1)
    last = next((i for i in reversed(span) if not q.tokens[i].stop), None)
    if last is None:
        return None
    mention = next((m for m in q.mentions if m.first <= last <= m.last), None)
    return mention.concept.term if mention is not None else q.tokens[last].stem


#: "how many guns in total", "what was the total budget": a whole, not a part.
_ASKS_TOTAL = re.compile(r"\b(?:total|totals|in all|altogether|overall|combined|all told)\b")
_TELLS_TOTAL = re.compile(r"\b(?:total(?:s|ed|ing|ly)?|in all|altogether|overall|combined|all told|"
                          r"whole|entire|sum|so far|to date|since)\b", re.IGNORECASE)
#: A figure given as a part of something or an addition to it: "$5.9 million from its 2009
#: budget", "22 new investigators", "100 additional agents", "100 more agents".
_TELLS_PART = re.compile(r"\b(?:from\s+(?:its|their|the)\s+(?:\S+\s+){0,2}budgets?|part\s+of|some\s+of|"
                         r"additional|new|extra|another|\d[\d,.]*\s+more)\b", re.IGNORECASE)


def _tells_part(text: str) -> bool:
    """Whether ``text`` gives its figure as a part or an addition, and never as a whole."""
    return bool(_TELLS_PART.search(text)) and not _TELLS_TOTAL.search(text)
#: "what did X say", "what does X think about ...", "what did X call it": X's words asked for.
_ASKS_SPEECH = re.compile(r"^(?:so\s+)?what\s+(?:did|does|do|has|had|was|is)\s+(?P<who>.+?)\s+"
                          r"(?:say|said|saying|think|thinks|argue|claim|tell|call|mean|write|"
                          r"wrote|believe|propose|suggest|recommend)\b")
#: Words telling whose words a sentence gives: "Melson said", "according to the CPI", "in
#: Harley's view".
_SPEECH = re.compile(r"\b(?:said|says|say|saying|told|tells|argued|argues|stressed|stresses|warned|"
                     r"warns|noted|notes|called|calls|believes?|thinks?|thought|according|view|"
                     r"opinion|wrote|writes|asked|asks|added|adds|explained|explains|concluded|"
                     r"concludes|insisted|claims?|claimed|maintained|described|describes|"
                     r"testified|proposes?|proposed|suggests?|suggested|recommended|recommends|"
                     r"mocks|scoffs|agreed|agrees|admitted|acknowledged|announced|reported|"
                     r"reports|cited|quoted|statement|telling|description|words|account)\b",
                     re.IGNORECASE)


def _speakers_asked(q: Question, index: Index) -> set[str]:
    """The name whose words "what did X say" asks for (its concept term), or nothing: X must
    be a name the pack knows, whole ("what did Calderon say"), not a noun phrase holding one
    ("what did the Justice Department report recommend" asks what the report said)."""
    joined = norms(q.tokens)
    match = _ASKS_SPEECH.match(joined)
    if match is None:
        return set()
    who = token_range(joined, match.start("who"), match.end("who"))
    first, last = who[0] + (q.tokens[who[0]].norm == "the"), who[-1]
    named = {m.concept.term for m in q.mentions
             if m.concept.is_name and m.first <= first and last <= m.last
             and m.concept.term in index.name_terms}
    if not named and first == last and q.tokens[first].stem in index.owner_sentences:
        named.add(q.tokens[first].stem)  # a name only a heading gives ("what does Harley think")
    return named


def _speaks(sentence: Sentence, speakers: set[str]) -> bool:
    """Whether ``sentence`` gives the words of one of ``speakers``: with a word of speech, it
    names them ("Melson said", "in Harley's opinion"), or, starting with a pronoun, follows a
    sentence or sits under a heading that does ("He warned ...")."""
    if not _SPEECH.search(sentence.text):
        return False
    if speakers & sentence.terms.keys():
        return True
    refers = _PRONOUN_START.match(sentence.text) or _THEIR_WORDS.match(sentence.text)
    return bool(refers) and bool(speakers & (sentence.context | sentence.owners))


#: A sentence giving someone's words by a pronoun: "In his opinion, ...", "According to her".
_THEIR_WORDS = re.compile(r"^(?:(?:in|by)\s+(?:his|her|their)|according\s+to\s+(?:him|her|them))\b",
                          re.IGNORECASE)


#: "when was ICE created?", "what year did eTrace start?", "when did ICE start Armas Cruzadas?":
#: the thing begun is the subject, or the object after the verb when there is one.
_ASKS_CREATION = re.compile(
    r"^(?:so\s+)?(?:when|what\s+year|in\s+what\s+year|what\s+date)\s+(?:was|were|did|is|does)\s+"
    r"(?P<subject>.+?)\s+(?:get\s+|got\s+|first\s+)?(?:created|founded|established|formed|set\s+up|"
    r"started|launched|begun|begin|start|launch|found|establish|create|form)\b(?P<object>.*)$")
#: "according to X" or "per X" closing a question: whose account is asked for, not a thing.
_ATTRIBUTION_TAIL = re.compile(r"(?:^|\s)(?:according\s+to|per)\s.*$")
#: Words of beginning, in a text: "launched Project Gunrunner", "Project Gunrunner began",
#: "dates from 2008".
_STARTS = re.compile(r"\b(?:start(?:s|ed|ing)?|beg(?:in|ins|an|un|inning)|launch(?:es|ed|ing)?|"
                     r"initiat(?:e|es|ed|ing)|set\s+up|sets\s+up|creat(?:e|es|ed|ing|ion)|"
                     r"establish(?:es|ed|ing|ment)?|found(?:ed|ing)|kick(?:s|ed)?\s+off|"
                     r"dat(?:e|es|ed|ing)\s+(?:from|to|back)|since)\b", re.IGNORECASE)


def _created_asked(q: Question) -> Concept | None:
    """The named thing whose beginning the question asks the date of, or None."""
    joined = norms(q.tokens)
    match = _ASKS_CREATION.match(joined)
    if match is None:
        return None
    # "... begin according to the news item": the attribution is no object of the beginning
    part = "object" if _ATTRIBUTION_TAIL.sub("", match.group("object")).strip() else "subject"
    start = match.start(part) + len(match.group(part)) - len(match.group(part).lstrip())
    span = token_range(joined, start, match.end(part))
    named = [m for m in q.mentions if m.concept.is_name and m.first in span]
    return named[0].concept if named else None


def _tells_start_of(text: str, concept: Concept) -> bool:
    """Whether ``text`` tells of ``concept`` beginning: a word of beginning with its name right
    after it ("launched Project Gunrunner") or just before it ("Project Gunrunner began in
    2006"). "ICE started Operation Armas Cruzadas" tells of Armas Cruzadas beginning, not ICE;
    "eTrace data from 2004" of nothing beginning."""
    folded = text.lower()
    spans = [(m.start(), m.end()) for name in concept.names for m in
             re.finditer(r"\b" + re.escape(name.lower()) + r"\b", folded)]
    for start in _STARTS.finditer(text):
        if any(0 <= begin - start.end() <= 12 for begin, _ in spans):
            return True  # the thing begun, right after the word (an article or two aside)
        after = text[start.end():].split()[:1]
        transitive = bool(after) and after[0][:1].isupper()  # "ICE started Operation ..."
        if not transitive and any(0 <= start.start() - end <= 12 for _, end in spans):
            return True  # the thing that began, right before the word
    return False


#: What a candidate must tell: a test for a sentence, and one for a fact.
_Relation = tuple[Callable[[Sentence], bool], Callable[[Fact], bool]]


def _told_by(pattern: re.Pattern[str]) -> _Relation:
    """The tests of a relation a text tells in words ``pattern`` finds, in a sentence or in a
    fact's prompt, answer and explanation."""
    return (lambda s: bool(pattern.search(s.text)), lambda f: bool(pattern.search(_fact_text(f))))


def _fact_text(fact: Fact) -> str:
    return " ".join((fact.prompt, fact.answer_text, fact.explain or ""))


def _unknown_event(index: Index, q: Question) -> str | None:
    """A word of the question that names an event (a verb's past form: "who replaced Melson?",
    "how many were convicted?") which the pack never uses, in any form, as a synonym or one
    letter off: the articles cannot say who did it or when, whatever else the question shares
    with them."""
    inside = {i for m in q.mentions for i in range(m.first, m.last + 1)}
    # "did Melson resign?", "did Chait lose his job?": the verb after the one asked about
    verb_at = -1
    if q.tokens and q.tokens[0].norm in _ASKING_AUX:
        named = [m for m in q.mentions if m.concept.is_name]
        if named:
            verb_at = next((i for i in range(named[0].last + 1, len(q.tokens))
                            if not q.tokens[i].stop and i not in inside), -1)
    for i, token in enumerate(q.tokens):
        word = token.norm
        if token.stop or i in inside or not word.isalpha() or token.stem in index.weight:
            continue
        if not ((len(word) > 4 and word.endswith("ed")) or word in _IRREGULAR_PAST or i == verb_at):
            continue
        if _near_known(index, token.stem):
            continue  # a typo of a word the pack uses ("startd")
        return token.surface
    return None


#: Words opening a yes/no question about an event: "did Melson resign?".
_ASKING_AUX = frozenset("did does do will would".split())


def _near_known(index: Index, stem: str) -> bool:
    from rapidfuzz.distance import OSA

    if len(stem) < 5:
        return False  # "fire" is one letter from "five" and "hire": no typo of either
    return any(abs(len(known) - len(stem)) <= 1 and OSA.distance(known, stem, score_cutoff=1) <= 1
               for known in index.weight)


def _states_fact(sentence: Sentence, doc: FactDoc) -> bool:
    fact = doc.fact
    text = sentence.text
    if len(fact.items) > 1:
        return sum(states(text, item, fact.kind) for item in fact.items) >= 2
    return any(states(text, form, fact.kind) for form in (*fact.items, *fact.accept))


def _matches_prompt(q: Question, fact: Fact, index: Index) -> bool:
    from study.tutor.text import tokenize

    tokens = tokenize(fact.prompt)
    prompt = {t.stem for t in tokens if not t.stop} | {m.concept.term for m in index.lexicon.mentions(tokens)}
    total = sum(q.terms.values())
    return sum(w for t, w in q.terms.items() if t in prompt) / total >= FACT_COVERAGE


def _doc_of(index: Index, fact_id: str) -> FactDoc | None:
    return index.fact_by_id.get(fact_id)


def _fact_sentence(fact: Fact) -> str:
    """The fact's answer, then its explanation: "2008. The feature dates ... to 2008." """
    explain = (fact.explain or "").strip()
    answer = _cap(fact.answer_text.strip())
    if not explain:
        return answer if answer.endswith((".", "!", "?")) else f"{answer}."
    if fold(explain).startswith(fold(answer)):
        return explain
    return f"{answer}{'' if answer.endswith(('.', '!', '?')) else '.'} {explain}"


def _source_label(pack: Pack, source: Source) -> str:
    """ "the news item", or with its title when two sources are of one kind."""
    same_kind = sum(other.kind == source.kind for other in pack.sources.values())
    return f"the {source.kind}" if same_kind == 1 else f'the {source.kind} "{source.title}"'


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_CONTRACTED = re.compile(r"^(what|who|where|how|when|why)s\b", re.IGNORECASE)


_DO_SUPPORT = frozenset("did does do can could will would should".split())


def _dont_say(q: Question) -> str:
    asked = q.asked.strip()
    words = asked.lower().split(maxsplit=5)[:5]
    first = words[0] if words else ""
    # "what did the review find" would read "don't say what did the review find": a question
    # turned round by "did" (or "does", "do", "can") is quoted as asked instead, also after a
    # phrase ("how many people did the surge arrest", "which agency did Terry work for")
    inverted = words[1:2] != [] and words[1] in _DO_SUPPORT or (
        first in ("how", "which", "what", "whats") and any(w in _DO_SUPPORT for w in words[2:5]))
    if not inverted and (first.rstrip("'s").replace("\u2019", "") in _WH or first.startswith(_WH)):
        lead = asked[:1].lower() + asked[1:] if not _is_name(q, 0) else asked
        # a learner's "whats" or "whos" is put back as written: "don't say what's the budget"
        lead = _CONTRACTED.sub(lambda m: m.group(1) + "'s", lead, count=1)
        return f"The articles don't say {lead}."
    return f'The articles don\'t answer "{asked}?".'


def _is_name(q: Question, position: int) -> bool:
    return any(m.first == position and m.concept.is_name for m in q.mentions)
