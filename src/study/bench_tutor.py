"""`python -m study.bench tutor`: the tutor against an FTS5 baseline, on every question set.

Sets (tests/data): tutor_dev.yaml (written by the tutor's first author), tutor_blind_a.yaml and
tutor_blind_b.yaml (written by people who never saw the code, each scored once blind, then used
with dev to fit the tutor's decision: see --fit), tutor_blind_c.yaml (a third such set, scored
blind once after every change, and never fitted or tuned on), tutor_blind_d.yaml (a fourth,
written later, scored blind before and after the last rules, never fitted or tuned on),
tutor_blind_e.yaml (a fifth, scored blind before and after the fifth pass's rules, then used as
development data for general rules and the fit), tutor_blind_f.yaml (a sixth, scored blind
once on the fifth pass's final code, then development data for the sixth pass),
tutor_blind_g.yaml (a seventh, scored blind on the code before the sixth pass and on its final
code, never fitted or tuned on), tutor_blind_h.yaml (an eighth, written at the end of the sixth
pass and scored blind then, on its final code and on the code before it), tutor_blind_i.yaml
and tutor_blind_j.yaml (scored blind before and after the seventh pass's rules) and
tutor_blind_k.yaml (written at stop 22, scored blind once on the seventh pass's code). Each
question has ``must_contain`` strings: a top-1 hit is an answer whose text holds all of them
(case and accents aside; '|' separates alternatives), a top-3 hit one where the answer or one of
its first three citations does. An unanswerable question is right when the tutor abstains.
"""

from __future__ import annotations

import argparse
import functools
import gc
import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from study.checking.normalize import fold
from study.pack.loader import YamlLoader
from study.pack.models import Fact, Pack, Passage, Source
from study.tutor import Answer, Citation, Tutor
from study.tutor.model import Model
from study.tutor.text import sentences

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
SETS = (("dev", "tutor_dev.yaml"), ("blind A", "tutor_blind_a.yaml"), ("blind B", "tutor_blind_b.yaml"),
        ("blind C", "tutor_blind_c.yaml"), ("blind D", "tutor_blind_d.yaml"),
        ("blind E", "tutor_blind_e.yaml"), ("blind F", "tutor_blind_f.yaml"),
        ("blind G", "tutor_blind_g.yaml"), ("blind H", "tutor_blind_h.yaml"),
        ("blind I", "tutor_blind_i.yaml"), ("blind J", "tutor_blind_j.yaml"),
        ("blind K", "tutor_blind_k.yaml"))
#: The sets the tutor's decision is fitted on (`--fit`): never C or D, kept out of it as checks;
#: E once its blind figures were taken.
FIT_SETS = (*SETS[:3], SETS[5])


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    answerable: bool
    disagreement: bool
    must_contain: tuple[str, ...]


def load_cases(path: Path) -> list[Case]:
    """A question set: a YAML list of {id, question, answerable, disagreement, must_contain}."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader) or []
    return [
        Case(str(item["id"]), str(item["question"]), bool(item.get("answerable", True)),
             bool(item.get("disagreement", False)),
             tuple(str(s) for s in item.get("must_contain") or ()))
        for item in data
    ]


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def contains_all(text: str, must: Sequence[str]) -> bool:
    """Whether ``text`` holds every string of ``must`` (any '|' alternative of each)."""
    have = _norm(text)
    return all(any(_norm(alt) in have for alt in item.split("|") if alt.strip()) for item in must)


@dataclass
class Result:
    case: Case
    answer: Answer
    seconds: float

    @property
    def top1(self) -> bool:
        found = self.case.answerable and self.answer.found
        return found and contains_all(self.answer.text, self.case.must_contain)

    @property
    def top3(self) -> bool:
        if not self.case.answerable or not self.answer.found:
            return False
        texts = [self.answer.text, *(c.text for c in self.answer.citations[:3])]
        return all(
            any(contains_all(t, [item]) for t in texts) for item in self.case.must_contain
        )

    @property
    def right(self) -> bool:
        return self.top1 if self.case.answerable else not self.answer.found


@dataclass
class Score:
    name: str
    results: list[Result] = field(default_factory=list)
    build_seconds: float = 0.0

    def figures(self) -> dict[str, float]:
        answerable = [r for r in self.results if r.case.answerable]
        unanswerable = [r for r in self.results if not r.case.answerable]
        abstained = [r for r in self.results if not r.answer.found]
        disagreements = [r for r in self.results if r.case.disagreement]
        times = [r.seconds for r in self.results]
        return {
            "top1": _share(sum(r.top1 for r in answerable), len(answerable)),
            "top3": _share(sum(r.top3 for r in answerable), len(answerable)),
            "abstain_precision": _share(sum(not r.case.answerable for r in abstained), len(abstained)),
            "abstain_recall": _share(sum(not r.answer.found for r in unanswerable), len(unanswerable)),
            "wrongly_abstained": _share(sum(not r.answer.found for r in answerable), len(answerable)),
            "disagreements": _share(sum(r.top1 for r in disagreements), len(disagreements)),
            "median_ms": 1000 * statistics.median(times) if times else 0.0,
            "slowest_ms": 1000 * max(times) if times else 0.0,
            "build_ms": 1000 * self.build_seconds,
            "questions": float(len(self.results)),
            "answerable": float(len(answerable)),
            "unanswerable": float(len(unanswerable)),
            "disagreement_questions": float(len(disagreements)),
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


# -- the baseline -----------------------------------------------------------------------------


class Baseline:
    """SQLite FTS5 BM25 over the passages, the question's words joined by OR; the answer is the
    best passage's sentence sharing the most question words; no match, no answer."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, body, tokenize='porter unicode61')")
        self.db.executemany("INSERT INTO p VALUES (?, ?)",
                            [(pid, f"{p.heading}\n{p.text}") for pid, p in pack.passages.items()])
        self.db.commit()

    def ask(self, question: str) -> Answer:
        words = re.findall(r"\w+", question.lower())
        if not words:
            return Answer(question, False, "")
        query = " OR ".join(f'"{w}"' for w in words)
        row = self.db.execute(
            "SELECT id FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 1", (query,)
        ).fetchone()
        if row is None:
            return Answer(question, False, "")
        passage = self.pack.passages[row[0]]
        wanted = {_stem(w) for w in words}

        def shared(span: tuple[int, int]) -> int:
            words = re.findall(r"\w+", passage.text[span[0]:span[1]].lower())
            return len(wanted & {_stem(w) for w in words})

        best = max(sentences(passage.text), key=shared)
        text = passage.text[best[0]:best[1]]
        citation = Citation(passage.id, passage.source.title, passage.heading, text)
        return Answer(question, True, text, [citation])


def _stem(word: str) -> str:
    from study.tutor.text import stem

    return stem(word)


# -- running ----------------------------------------------------------------------------------


def run(name: str, make: Callable[[], Any], cases: Sequence[Case]) -> Score:
    gc.collect()
    start = time.perf_counter()
    engine = make()
    if isinstance(engine, Tutor):
        engine.build()
    score = Score(name, build_seconds=time.perf_counter() - start)
    for case in cases:
        start = time.perf_counter()
        answer = engine.ask(case.question)
        score.results.append(Result(case, answer, time.perf_counter() - start))
    return score


def _pct(x: float) -> str:
    return "  n/a" if x != x else f"{100 * x:5.1f}%"


def print_table(rows: Sequence[tuple[str, Score]]) -> None:
    head = (f"{'set':8} {'engine':9} {'n':>4} {'top-1':>7} {'top-3':>7} {'abst.prec':>9} {'abst.rec':>9} "
            f"{'wrong abst':>10} {'disagree':>8} {'median':>8} {'slowest':>8} {'build':>9}")
    print(head)
    print("-" * len(head))
    for set_name, score in rows:
        f = score.figures()
        print(f"{set_name:8} {score.name:9} {int(f['questions']):4} {_pct(f['top1']):>7} "
              f"{_pct(f['top3']):>7} "
              f"{_pct(f['abstain_precision']):>9} {_pct(f['abstain_recall']):>9} "
              f"{_pct(f['wrongly_abstained']):>10} {_pct(f['disagreements']):>8} "
              f"{f['median_ms']:6.2f}ms {f['slowest_ms']:6.1f}ms {f['build_ms']:7.1f}ms")


def print_ratio(rows: Sequence[tuple[str, Score]]) -> None:
    """The tutor against the baseline over every set's round (each set runs the tutor, then the
    baseline, so the rounds interleave): medians of the sets' medians, and the slowest."""
    by_engine: dict[str, list[dict[str, float]]] = {}
    for _, score in rows:
        by_engine.setdefault(score.name, []).append(score.figures())
    if {"tutor", "baseline"} - by_engine.keys():
        return
    tutor, base = by_engine["tutor"], by_engine["baseline"]

    def med(figures: list[dict[str, float]], key: str) -> float:
        return statistics.median(f[key] for f in figures)

    answer_t, answer_b = med(tutor, "median_ms"), med(base, "median_ms")
    build_t, build_b = med(tutor, "build_ms"), med(base, "build_ms")
    print(f"tutor / baseline over {len(tutor)} interleaved rounds (one a set): median answer "
          f"{answer_t:.2f} ms / {answer_b:.2f} ms = {answer_t / answer_b:.1f}x (slowest "
          f"{max(f['slowest_ms'] for f in tutor):.1f} / {max(f['slowest_ms'] for f in base):.1f} ms), "
          f"index build {build_t:.1f} ms / {build_b:.1f} ms = {build_t / build_b:.1f}x "
          f"(slowest {max(f['build_ms'] for f in tutor):.1f} / {max(f['build_ms'] for f in base):.1f} ms)")


def print_failures(score: Score) -> None:
    for r in score.results:
        if r.right:
            continue
        case = r.case
        what = "answered" if not case.answerable else ("abstained" if not r.answer.found else "missed")
        print(f"- {case.id} [{what}] {case.question}")
        print(f"    want {list(case.must_contain)}; fact {r.answer.fact_id}")
        print(f"    got  {r.answer.text[:240]}")


# -- the 10x pack -----------------------------------------------------------------------------


def multiplied(pack: Pack, times: int) -> Pack:
    """The pack's sources, passages and facts copied ``times`` times with distinct ids."""
    sources: dict[str, Source] = {}
    passages: dict[str, Passage] = {}
    facts: list[Fact] = []
    for copy in range(times):
        suffix = f"-x{copy}"
        moved: dict[str, Source] = {}
        for sid, source in pack.sources.items():
            moved[sid] = source.model_copy(update={"id": sid + suffix})
            sources[sid + suffix] = moved[sid]
        for passage in pack.passages.values():
            new = replace(passage, source=moved[passage.source.id])
            passages[new.id] = new
        for fact in pack.facts:
            source_id, slug = fact.cite.split("#")
            update = {"id": fact.id + suffix, "cite": f"{source_id}{suffix}#{slug}"}
            facts.append(fact.model_copy(update=update))
    return Pack(pack.root, sources, passages, facts, pack.glossary, synonyms=pack.synonyms)


_COLD_BUILD = """
import time
from study.pack.loader import load_pack
from study.paths import bundled_pack_dir
from study.tutor import Tutor
pack = load_pack(bundled_pack_dir())
start = time.perf_counter()
tutor = Tutor(pack)
tutor.build()
built = time.perf_counter()
tutor.ask("who started Armas Cruzadas?")
print(built - start, time.perf_counter() - built)
"""


def bench_cold(runs: int = 5) -> None:
    """The index build and the first answer in a fresh process (no cache warmed), as at start-up."""
    import subprocess
    import sys

    builds, firsts = [], []
    for _ in range(runs):
        command = [sys.executable, "-c", _COLD_BUILD]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        build, first = (float(x) for x in out.stdout.split())
        builds.append(build)
        firsts.append(first)
    print(f"\ncold, in a fresh process ({runs} runs): index build median "
          f"{1000 * statistics.median(builds):.1f} ms (slowest {1000 * max(builds):.1f} ms); "
          f"first answer median {1000 * statistics.median(firsts):.2f} ms")


def bench_scale(pack: Pack, cases: Sequence[Case], rounds: int = 5) -> None:
    """Build and answer times on the pack and on a 10x copy, interleaved, medians of rounds."""
    big = multiplied(pack, 10)
    builds: dict[str, list[float]] = {"1x": [], "10x": []}
    answers: dict[str, list[float]] = {"1x": [], "10x": []}
    for _ in range(rounds):
        for label, p in (("1x", pack), ("10x", big)):
            gc.collect()
            start = time.perf_counter()
            tutor = Tutor(p)
            tutor.build()
            builds[label].append(time.perf_counter() - start)
            times = []
            for case in cases:
                start = time.perf_counter()
                tutor.ask(case.question)
                times.append(time.perf_counter() - start)
            answers[label].append(statistics.median(times))
    b1, b10 = statistics.median(builds["1x"]), statistics.median(builds["10x"])
    a1, a10 = statistics.median(answers["1x"]), statistics.median(answers["10x"])
    print(f"\nscale ({rounds} interleaved rounds, medians; {len(pack.passages)} passages and "
          f"{len(pack.facts)} facts, then {len(big.passages)} and {len(big.facts)}):")
    print(f"  index build   1x {1000 * b1:7.1f} ms   10x {1000 * b10:7.1f} ms   ratio {b10 / b1:4.1f}"
          f"   (slowest round {1000 * max(builds['1x']):.1f} / {1000 * max(builds['10x']):.1f} ms)")
    print(f"  median answer 1x {1000 * a1:7.2f} ms   10x {1000 * a10:7.2f} ms   ratio {a10 / a1:4.1f}")


# -- the engines --------------------------------------------------------------------------------


class _Engine:
    """A BM25 engine over documents of index terms, answering weighted queries."""

    name = ""
    weighted = False  # whether it honours per-term query weights

    def __init__(self, docs: Sequence[dict[str, int]]) -> None:
        raise NotImplementedError

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        raise NotImplementedError


class _Tokens:
    """Every index term as a plain token ("t17") so that each engine's tokenizer sees the same."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        token = self.ids.get(term)
        if token is None:
            token = self.ids[term] = f"t{len(self.ids)}"
        return token


class _Own(_Engine):
    name = "own BM25"
    weighted = True

    def __init__(self, docs: Sequence[dict[str, int]]) -> None:
        from study.tutor.index import BM25

        self.bm25 = BM25(docs)

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        return self.bm25.scores(query)


class _Fts5(_Engine):
    name = "FTS5"

    def __init__(self, docs: Sequence[dict[str, int]]) -> None:
        self.token = _Tokens()
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE d USING fts5(body)")
        self.db.executemany("INSERT INTO d(rowid, body) VALUES (?, ?)", [
            (n, " ".join(self.token(t) for t, c in doc.items() for _ in range(c)))
            for n, doc in enumerate(docs)
        ])

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        tokens = [self.token.ids[t] for t in query if t in self.token.ids]
        if not tokens:
            return {}
        rows = self.db.execute("SELECT rowid, -bm25(d) FROM d WHERE d MATCH ?", (" OR ".join(tokens),))
        return {int(n): float(score) for n, score in rows}


class _Bm25s(_Engine):
    name = "bm25s"

    def __init__(self, docs: Sequence[dict[str, int]]) -> None:
        import bm25s

        self.token = _Tokens()
        self.retriever = bm25s.BM25()
        corpus = [[self.token(t) for t, c in doc.items() for _ in range(c)] or ["t-empty"] for doc in docs]
        self.retriever.index(corpus, show_progress=False)

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        tokens = [self.token.ids[t] for t in query if t in self.token.ids]
        if not tokens:
            return {}
        values = self.retriever.get_scores(tokens)
        return {n: float(v) for n, v in enumerate(values) if v > 0}


class _Tantivy(_Engine):
    name = "tantivy"
    weighted = True

    def __init__(self, docs: Sequence[dict[str, int]]) -> None:
        import tantivy

        self.token = _Tokens()
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("n", stored=True)
        builder.add_text_field("body", stored=False, tokenizer_name="whitespace")
        self.index = tantivy.Index(builder.build())
        writer = self.index.writer(heap_size=15_000_000, num_threads=1)
        for n, doc in enumerate(docs):
            body = " ".join(self.token(t) for t, c in doc.items() for _ in range(c))
            writer.add_document(tantivy.Document(n=n, body=body))
        writer.commit()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.size = len(docs)

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        parts = [f"{self.token.ids[t]}^{w:.3f}" for t, w in query.items() if t in self.token.ids]
        if not parts:
            return {}
        parsed = self.index.parse_query(" ".join(parts), ["body"])
        hits = self.searcher.search(parsed, self.size).hits
        return {int(self.searcher.doc(address)["n"][0]): float(score) for score, address in hits}


def _import_ms(module: str) -> float:
    import subprocess
    import sys

    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout))
    return 1000 * statistics.median(times)


def bench_engines(pack: Pack, cases: Sequence[Case], rounds: int = 5) -> None:
    """The same sentence documents and queries through each engine: import, build and query
    times, how often its best sentence answers, and the whole tutor's top-1 with it inside."""
    from study.tutor.question import read

    tutor = Tutor(pack)
    index = tutor.build()
    docs = {"sentences": [s.terms for s in index.sentences],
            "facts": [d.terms for d in index.facts]}
    engines: list[type[_Engine]] = [_Own, _Fts5]
    imports = {"own BM25": 0.0, "FTS5": _import_ms("sqlite3")}
    optional: list[tuple[type[_Engine], str]] = [(_Bm25s, "bm25s"), (_Tantivy, "tantivy")]
    for extra, module in optional:
        try:
            __import__(module)
        except ImportError:
            print(f"({module} is not installed: pip install {module} to compare it)")
            continue
        engines.append(extra)
        imports[extra.name] = _import_ms(module)
    questions = [(c, read(c.question, index.lexicon, index.weight, tutor.unknown_weight, index.rarest))
                 for c in cases]
    builds: dict[str, list[float]] = {e.name: [] for e in engines}
    built: dict[str, _Engine] = {}
    for _ in range(rounds):
        for engine in engines:
            gc.collect()
            start = time.perf_counter()
            built[engine.name] = engine(docs["sentences"])
            engine(docs["facts"])
            builds[engine.name].append(time.perf_counter() - start)
    print(f"\nengines on the same {len(docs['sentences'])} sentences and {len(docs['facts'])} facts "
          f"({rounds} interleaved builds; queries: the {len(questions)} dev questions as the tutor "
          "reads them)")
    print(f"{'engine':9} {'weights':>7} {'import':>8} {'build':>8} {'query median':>12} {'slowest':>8} "
          f"{'best sentence answers':>21} {'tutor top-1':>11}")
    for engine in engines:
        run_engine = built[engine.name]
        times, hits = [], 0
        answerable = [(c, q) for c, q in questions if c.answerable]
        for case, q in questions:
            start = time.perf_counter()
            ranked = run_engine.scores(q.terms)
            times.append(time.perf_counter() - start)
            if case.answerable and ranked:
                best = max(ranked, key=ranked.__getitem__)
                hits += contains_all(index.sentences[best].text, case.must_contain)
        inside = Tutor(pack)
        swapped = inside.build()
        swapped.sentence_bm25 = run_engine  # type: ignore[assignment]
        swapped.fact_bm25 = engine(docs["facts"])  # type: ignore[assignment]
        top1 = sum(Result(c, inside.ask(c.question), 0.0).top1 for c, _ in answerable)
        build_ms = 1000 * statistics.median(builds[engine.name])
        print(f"{engine.name:9} {'yes' if engine.weighted else 'no':>7} {imports[engine.name]:6.1f}ms "
              f"{build_ms:6.1f}ms {1000 * statistics.median(times):10.3f}ms {1000 * max(times):6.2f}ms "
              f"{_pct(hits / len(answerable)):>21} {_pct(top1 / len(answerable)):>11}")


def calibrate(pack: Pack, cases: Sequence[Case]) -> None:
    """Grid-search the thresholds of the tutor's decision without its fitted model (they still
    decide when a quiz's answer is withheld) on ``cases`` (the development set)."""
    import itertools

    tutor = Tutor(pack, without=("calibrated",))
    tutor.build()
    grid = {
        "fact_coverage": (0.45, 0.5, 0.55, 0.6, 0.65),
        "sentence_coverage": (0.55, 0.6, 0.65, 0.7, 0.75),
        "fact_margin": (0.1, 0.3, 1.0),
        "fact_beta": (1.0, 2.0),
        "unknown_weight": (0.7, 1.0),
    }
    answerable = sum(c.answerable for c in cases)
    rows = []
    for values in itertools.product(*grid.values()):
        for name, value in zip(grid, values, strict=True):
            setattr(tutor, name, value)
        results = [Result(c, tutor.ask(c.question), 0.0) for c in cases]
        right = sum(r.right for r in results)
        wrong_abstain = sum(not r.answer.found for r in results if r.case.answerable) / answerable
        rows.append((right, -wrong_abstain, values))
    rows.sort(reverse=True)
    print("right  wrongly-abstained  " + "  ".join(grid))
    for right, wrong, values in rows[:15]:
        cells = "  ".join(f"{v:>{len(n)}}" for n, v in zip(grid, values, strict=True))
        print(f"{right:5}/{len(cases)}  {-100 * wrong:5.1f}%  {cells}")


# -- fitting the decision ---------------------------------------------------------------------


@dataclass
class _Asked:
    """One labelled question with the tutor's candidates: (kind, features, right) each, or the
    answer given before any candidate is weighed (a full name for "what does X stand for")."""

    case: Case
    candidates: list[tuple[str, dict[str, float], bool]]
    settled: Answer | None = None


def _asked(tutor: Tutor, cases: Sequence[Case]) -> list[_Asked]:
    out = []
    for case in cases:
        found = tutor.candidate_answers(case.question)
        if found is None:
            out.append(_Asked(case, [], tutor.ask(case.question)))
            continue
        out.append(_Asked(case, [
            (kind, features, case.answerable and contains_all(answer.text, case.must_contain))
            for kind, features, answer in found
        ]))
    return out


def _logistic(rows: Sequence[tuple[dict[str, float], bool]], names: Sequence[str],
              l2: float) -> dict[str, float]:
    """L2-regularised logistic regression by Newton's method (numpy, a [dev] dependency)."""
    import numpy as np

    x = np.array([[1.0] + [f.get(n, 0.0) for n in names] for f, _ in rows])
    y = np.array([1.0 if right else 0.0 for _, right in rows])
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(w)), gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-7:
            break
    return {"bias": float(w[0]), **{n: float(v) for n, v in zip(names, w[1:], strict=True)}}


def _decide(model: Model, asked: _Asked) -> tuple[bool, bool]:
    """(found, right) for one question under ``model``."""
    if asked.settled is not None:
        found = asked.settled.found
        right = contains_all(asked.settled.text, asked.case.must_contain) if found else False
        return found, (right if asked.case.answerable else not found)
    best = max(((model.probability(kind, f), right) for kind, f, right in asked.candidates),
               default=None)
    if best is None or best[0] < model.threshold:
        return False, not asked.case.answerable
    return True, best[1]


def _fit(questions: Sequence[_Asked], l2: float) -> Model:
    from study.tutor.model import FACT_FEATURES, SENTENCE_FEATURES

    sentence_rows = [(f, r) for a in questions for k, f, r in a.candidates if k == "sentence"]
    fact_rows = [(f, r) for a in questions for k, f, r in a.candidates if k == "fact"]
    model = Model(_logistic(sentence_rows, SENTENCE_FEATURES, l2), _logistic(fact_rows, FACT_FEATURES, l2))
    # the threshold that gets the most questions right (answered rightly, or rightly abstained)
    best = max((sum(_decide(replace(model, threshold=t / 100), a)[1] for a in questions), -abs(t - 50), t)
                for t in range(5, 96))
    return replace(model, threshold=best[2] / 100)


def _figures(model: Model, questions: Sequence[_Asked]) -> dict[str, float]:
    answerable = [a for a in questions if a.case.answerable]
    unanswerable = [a for a in questions if not a.case.answerable]
    decided = [(a, *_decide(model, a)) for a in questions]
    return {
        "top1": _share(sum(right for a, _, right in decided if a.case.answerable), len(answerable)),
        "abstain_recall": _share(sum(not found for a, found, _ in decided if not a.case.answerable),
                                 len(unanswerable)),
        "wrongly_abstained": _share(sum(not found for a, found, _ in decided if a.case.answerable),
                                    len(answerable)),
        "right": _share(sum(right for _, _, right in decided), len(questions)),
    }


def fit(pack: Pack, write: bool = False, l2_grid: Sequence[float] = (1.0, 3.0, 10.0, 30.0)) -> None:
    """Fit the tutor's decision (`study.tutor.model`) on every question set: first, for each set,
    a model fitted on the others only (held-out figures), then one on all, written to
    weights.json with ``write``."""
    import json

    tutor = Tutor(pack)
    tutor.build()
    sets = {name: _asked(tutor, load_cases(DATA / file)) for name, file in FIT_SETS}
    print(f"{'held out':10} {'l2':>5} {'top-1':>7} {'abst.rec':>9} {'wrong abst':>10} {'right':>7}  "
          "threshold")
    chosen: dict[float, float] = {}
    for l2 in l2_grid:
        rights = []
        for held in sets:
            train = [a for name, qs in sets.items() if name != held for a in qs]
            model = _fit(train, l2)
            f = _figures(model, sets[held])
            rights.append(f["right"] * len(sets[held]))
            print(f"{held:10} {l2:5.2f} {_pct(f['top1']):>7} {_pct(f['abstain_recall']):>9} "
                  f"{_pct(f['wrongly_abstained']):>10} {_pct(f['right']):>7}  {model.threshold:.2f}")
        chosen[l2] = sum(rights)
    l2 = max(chosen, key=lambda k: (chosen[k], k))
    every = [a for qs in sets.values() for a in qs]
    model = _fit(every, l2)
    print(f"\nfitted on all {len(every)} questions (l2 {l2}): threshold {model.threshold:.2f}")
    for name, qs in sets.items():
        f = _figures(model, qs)
        print(f"  {name:10} top-1 {_pct(f['top1'])}  abstention recall {_pct(f['abstain_recall'])}  "
              f"wrongly abstained {_pct(f['wrongly_abstained'])}")
    if write:
        path = Path(__file__).resolve().parent / "tutor" / "weights.json"
        data = {"fitted_on": [file for _, file in FIT_SETS], "l2": l2, **model.to_json()}
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"written to {path}")


def ablate(pack: Pack) -> None:
    """Each rule of the tutor switched off in turn (`Tutor(without=...)`), on every set: what
    each one buys. The fitted weights stay as they are."""
    from study.tutor.tutor import RULES

    sets = [(name, load_cases(DATA / file)) for name, file in FIT_SETS]
    heads = " ".join(f"{name + ' top-1':>13} {'abst.rec':>8} {'wrong':>6}" for name, _ in sets)
    print(f"{'without':12} {heads} {'right, all':>11}")
    for rule in ("", *sorted(RULES)):
        cells = []
        right = total = 0
        without = (rule,) if rule else ()
        for _, cases in sets:
            score = run("tutor", functools.partial(Tutor, pack, without=without), cases)
            f = score.figures()
            cells.append(f"{_pct(f['top1']):>13} {_pct(f['abstain_recall']):>8} "
                         f"{_pct(f['wrongly_abstained']):>6}")
            right += sum(r.right for r in score.results)
            total += len(score.results)
        print(f"{rule or '(nothing)':12} " + " ".join(cells) + f" {_pct(right / total):>11}")


def main(argv: Sequence[str] | None = None) -> int:
    from study.pack.loader import load_pack
    from study.paths import bundled_pack_dir

    parser = argparse.ArgumentParser(prog="python -m study.bench tutor", description=__doc__)
    parser.add_argument("--failures", metavar="SET", help="list the tutor's misses on a set (dev, A, ..., K)")
    parser.add_argument("--no-scale", action="store_true", help="skip the 10x pack")
    parser.add_argument("--calibrate", action="store_true",
                        help="grid-search the thresholds on the development set and stop")
    parser.add_argument("--fit", action="store_true",
                        help="fit the tutor's decision on the question sets (held-out figures first) "
                        "and stop")
    parser.add_argument("--write", action="store_true", help="with --fit: write the weights")
    parser.add_argument("--ablate", action="store_true",
                        help="switch each of the tutor's rules off in turn, on every set, and stop")
    parser.add_argument("--engines", action="store_true",
                        help="also compare BM25 engines (own, FTS5, bm25s, tantivy if installed)")
    args = parser.parse_args(argv)
    pack = load_pack(bundled_pack_dir())
    if args.fit:
        fit(pack, write=args.write)
        return 0
    if args.ablate:
        ablate(pack)
        return 0
    if args.calibrate:
        calibrate(pack, load_cases(DATA / SETS[0][1]))
        return 0
    rows: list[tuple[str, Score]] = []
    tutor_scores: dict[str, Score] = {}
    for set_name, file_name in SETS:
        path = DATA / file_name
        if not path.exists():
            continue
        cases = load_cases(path)
        tutor_score = run("tutor", lambda: Tutor(pack), cases)
        base_score = run("baseline", lambda: Baseline(pack), cases)
        rows += [(set_name, tutor_score), (set_name, base_score)]
        tutor_scores[set_name] = tutor_score
    print_table(rows)
    print_ratio(rows)
    if args.failures:
        names = {name.split()[-1].lower(): name for name, _ in SETS}
        wanted = names.get(args.failures.lower(), args.failures)
        if wanted in tutor_scores:
            print(f"\nthe tutor's misses on {wanted}:")
            print_failures(tutor_scores[wanted])
    if not args.no_scale:
        bench_cold()
        bench_scale(pack, load_cases(DATA / SETS[0][1]))
    if args.engines:
        bench_engines(pack, load_cases(DATA / SETS[0][1]))
    return 0
