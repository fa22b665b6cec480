"""The learning domain: ratings from verdicts, what is due and in which order, FSRS state kept
across a restart, plans for resuming, and progress figures checked by hand on a small pack."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import REPO
from storehelp import attempt
from study.checking import Verdict
from study.learning import pack_key
from study.learning.cards import Rating, State, retrievability, review
from study.learning.plan import plan_of, questions_from_plan
from study.learning.practice import due_of, end_of_day, outlook, pick, pick_from_store
from study.learning.progress import progress, streak
from study.learning.ratings import rating_for, usual_seconds
from study.pack.models import Pack
from study.quiz import Session
from study.store import CardRow, Store

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


# -- ratings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "usual", "expected"), [
    ({"right": False}, 10.0, Rating.Again),
    ({"skipped": True}, 10.0, Rating.Again),
    ({"hints": 1}, 10.0, Rating.Hard),
    ({"retried": True}, 10.0, Rating.Hard),
    ({}, 10.0, Rating.Good),
    ({}, None, Rating.Good),
    ({"seconds": 4.9}, 10.0, Rating.Easy),
    ({"seconds": 5.0}, 10.0, Rating.Good),
    ({"seconds": 1.0}, None, Rating.Good),
    ({"seconds": 1.0, "hints": 1}, 10.0, Rating.Hard),
    ({"seconds": 1.0, "overridden": True}, 10.0, Rating.Good),
])
def test_ratings_from_verdicts(changes: dict[str, object], usual: float | None,
                               expected: Rating) -> None:
    options: dict[str, object] = {"seconds": 8.0, **changes}
    assert rating_for(attempt(**options), usual) is expected  # type: ignore[arg-type]


def test_a_partly_right_or_timed_out_answer_is_again() -> None:
    partly = replace(attempt(), verdict=Verdict.close("which program?"))
    assert rating_for(partly, 10.0) is Rating.Again
    assert rating_for(attempt(seconds=1.0), 10.0, timed_out=True) is Rating.Again


def test_the_usual_time_needs_a_minimum_history() -> None:
    assert usual_seconds([3.0, 4.0, 5.0, 6.0]) is None
    assert usual_seconds([3.0, 4.0, 5.0, 6.0, 100.0]) == 5.0


# -- cards and what is due --------------------------------------------------------------------


def _card(fact_id: str, due: datetime) -> CardRow:
    card = replace(review(None, Rating.Good, due - timedelta(minutes=10)))
    return CardRow(fact_id, card, card.due, card.last_review, 1)


def test_due_cards_come_first_most_overdue_first_then_new_facts_across_topics(
        small_pack: Pack) -> None:
    cards = due_of({"cases": _card("cases", NOW - timedelta(days=1)),
             "money": _card("money", NOW - timedelta(days=3)),
             "states": _card("states", NOW + timedelta(hours=1)),
             "gone": _card("gone", NOW - timedelta(days=9))})  # not in the pack any more
    assert pick(small_pack, cards, NOW, 1).fact_ids == ("money",)
    chosen = pick(small_pack, cards, NOW, 6, seed=3)
    assert chosen.fact_ids[:2] == ("money", "cases") and (chosen.due, chosen.new) == (2, 4)
    new = chosen.fact_ids[2:]
    assert not set(new) & {"cases", "money", "states"}
    topics = [small_pack.facts_by_id[f].topic for f in new]
    assert sorted(topics[:3]) == ["agencies", "figures", "programs"]  # one from each, in turn
    assert pick(small_pack, cards, NOW, 6, seed=3) == chosen  # seeded
    everything = pick(small_pack, cards, NOW, 100)
    assert len(everything.fact_ids) == 9 and "states" not in everything.fact_ids
    assert pick(small_pack, cards, NOW, 5, topic="figures").fact_ids == (
        "money", "cases", "gao-percent")


def test_the_outlook_counts_due_now_today_tomorrow_and_this_week() -> None:
    dues = [NOW - timedelta(days=2), NOW, NOW + timedelta(hours=11, minutes=59),
            NOW + timedelta(hours=12), NOW + timedelta(days=1, hours=11),
            NOW + timedelta(days=7), NOW + timedelta(days=7, seconds=1)]
    ahead = outlook(dues, NOW, UTC)
    assert (ahead.due_now, ahead.due_today, ahead.due_tomorrow, ahead.due_week) == (2, 3, 5, 6)
    assert end_of_day(NOW, 0, UTC) == datetime(2026, 3, 11, tzinfo=UTC)


RESTART = """
import sys
from datetime import datetime
from study.store import Store
store = Store(sys.argv[1])
for fact_id, row in sorted(store.cards("ada", "pack").items()):
    print(fact_id, row.card.to_json(), row.due.isoformat())
"""


def test_the_fsrs_state_survives_a_restart(tmp_path: Path, small_pack: Pack) -> None:
    db = tmp_path / "study.db"
    store = Store(db)
    expected = {}
    moments = [NOW - timedelta(days=d) for d in (9, 5, 2)]
    for number, (fact_id, ratings) in enumerate(
            [("cases", [Rating.Good, Rating.Good, Rating.Easy]),
             ("money", [Rating.Again, Rating.Hard, Rating.Again])]):
        card = None
        for rating, moment in zip(ratings, moments, strict=True):
            sid = store.start_session("pack", number, None, 1, "plain", learner="ada")
            store.record(sid, 0, attempt(fact_id, right=rating > 1), rating=rating, now=moment)
            card = review(card, rating, moment)
        expected[fact_id] = card
    store.close()
    done = subprocess.run([sys.executable, "-c", RESTART, str(db)], capture_output=True,
                          text=True, cwd=REPO, check=True)
    lines = done.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["cases", "money"]
    for line in lines:
        fact_id, rest = line.split(" ", 1)
        card_json, due = rest.rsplit(" ", 1)
        assert json.loads(card_json) == expected[fact_id].to_dict()
        assert datetime.fromisoformat(due) == expected[fact_id].due
    assert expected["cases"].state is State.Review
    reopened = Store(db)
    assert {f: r.card for f, r in reopened.cards("ada", "pack").items()} == expected
    reopened.close()


def test_a_plan_gives_back_the_same_questions(small_pack: Pack) -> None:
    session = Session.build(small_pack, count=10, seed=11)
    plan = plan_of(session.questions)
    questions, missing = questions_from_plan(plan, small_pack)
    assert questions == session.questions and missing == []
    assert {q.form for q in questions} > {session.questions[0].form}  # a mix of forms is kept
    gone = [replace(plan[0], fact_id="no-such-fact"), *plan[1:]]
    questions, missing = questions_from_plan(gone, small_pack)
    assert missing == ["no-such-fact"] and questions == session.questions[1:]


def test_a_stored_plan_resumes_the_same_quiz(tmp_path: Path, small_pack: Pack) -> None:
    db = tmp_path / "study.db"
    store = Store(db)
    session = Session.build(small_pack, count=5, seed=4)
    key = pack_key(small_pack)
    sid = store.start_session(key, session.seed, None, session.total, "plain", learner="ada",
                              plan=plan_of(session.questions))
    session.on_attempt = lambda a, p: store.record(sid, p, a, rating=rating_for(a, None))
    session.skip()
    session.skip()
    store.close()
    found = Store(db).resumable("ada", key)
    assert found is not None
    questions, _ = questions_from_plan(found.session.plan, small_pack)
    assert questions == session.questions
    assert [a.to_attempt() for a in found.attempts] == session.attempts


# -- progress -----------------------------------------------------------------------------------

# The history of ada on the small pack, one review per fact (see the hand-check below).
HISTORY = [
    # (day of March 2026 at 10:00 UTC, fact, right, hints, skipped, rating)
    (6, "armas-year", True, 0, False, Rating.Good),
    (8, "cases", True, 0, False, Rating.Good),
    (8, "money", False, 0, False, Rating.Again),
    (9, "melson", False, 0, True, Rating.Again),
    (9, "gao-percent", True, 1, False, Rating.Hard),
    (9, "program-name", True, 0, False, Rating.Easy),
    (10, "states", True, 0, False, Rating.Good),
]


def _fsrs_r(stability: float, days: int) -> float:
    """FSRS-6's forgetting curve with its default decay: R = (1 + f t / S) ^ -d."""
    decay = 0.1542
    factor = 0.9 ** (1 / -decay) - 1
    return float((1 + factor * days / stability) ** -decay)


def test_progress_figures_on_a_known_history(tmp_path: Path, small_pack: Pack) -> None:
    store = Store(tmp_path / "study.db")
    key = pack_key(small_pack)
    for day, fact_id, right, hints, skipped, rating in HISTORY:
        moment = datetime(2026, 3, day, 10, 0, tzinfo=UTC)
        if day == 10:
            moment = moment.replace(hour=9)
        sid = store.start_session(key, day, None, 1, "plain", learner="ada", now=moment)
        topic = small_pack.facts_by_id[fact_id].topic
        store.record(sid, 0, attempt(fact_id, topic=topic, right=right, hints=hints,
                                     skipped=skipped), rating=rating, now=moment)
    report = progress(small_pack, "ada", store.cards("ada", key), store.history("ada", key),
                      NOW, UTC)
    store.close()
    # Initial stabilities of FSRS-6 (Again 0.212, Hard 1.2931, Good 2.3065, Easy 8.2956 days);
    # whole days since the review at noon on the 10th.
    programs = (_fsrs_r(2.3065, 4) + _fsrs_r(8.2956, 1) + 0) / 3
    agencies = (_fsrs_r(0.212, 1) + 0 + 0) / 3
    figures = (_fsrs_r(2.3065, 2) + _fsrs_r(0.212, 2) + _fsrs_r(1.2931, 1) + 1.0) / 4
    # By hand: f = 0.9^(-1/0.1542) - 1 = 0.98035; R(2.3065, 4) = 2.70015^-0.1542 = 0.85799,
    # R(8.2956, 1) = 0.98292, R(0.212, 1) = 0.76620, R(2.3065, 2) = 0.90949,
    # R(0.212, 2) = 0.69849, R(1.2931, 1) = 0.91667; reviewed today (states): 1.
    assert programs == pytest.approx((0.85799 + 0.98292) / 3, abs=1e-4)
    assert agencies == pytest.approx(0.76620 / 3, abs=1e-4)
    assert figures == pytest.approx((0.90949 + 0.69849 + 0.91667 + 1) / 4, abs=1e-4)
    data = report.to_json()
    assert data["learner"] == "ada" and data["facts"] == 10 and data["seen"] == 7
    # Every card but the Easy one is in a learning step (1 to 10 minutes): due now. The Easy
    # one is due 8 days after the 9th at 10:00, which is within a week of now.
    assert data["due_now"] == 6 and report.due_today == 6 and report.due_week == 7
    assert data["topics"] == {
        "programs": {"facts": 3, "seen": 2, "mastery": round(programs, 4)},
        "agencies": {"facts": 3, "seen": 1, "mastery": round(agencies, 4)},
        "figures": {"facts": 4, "seen": 4, "mastery": round(figures, 4)},
    }
    assert [(d.day.day, d.answered, d.correct) for d in report.days] == [
        (6, 1, 1), (8, 2, 1), (9, 3, 2), (10, 1, 1)]
    assert report.streak == 3  # the 8th, 9th and 10th; the 7th was missed
    assert report.attempts == 7
    assert report.mastery == pytest.approx((programs * 3 + agencies * 3 + figures * 4) / 10)
    assert set(json.loads(json.dumps(data))) >= {"learner", "facts", "seen", "due_now", "topics"}


def test_the_streak_allows_today_to_be_still_to_come() -> None:
    days = {date(2026, 3, 8), date(2026, 3, 9)}
    assert streak(days, date(2026, 3, 10)) == 2
    assert streak(days, date(2026, 3, 11)) == 0
    assert streak(days | {date(2026, 3, 10)}, date(2026, 3, 10)) == 3
    assert streak(set(), date(2026, 3, 10)) == 0


def test_mastery_of_an_unseen_pack_is_zero(small_pack: Pack) -> None:
    report = progress(small_pack, "new", {}, [], NOW, UTC)
    assert report.seen == 0 and report.mastery == 0.0 and report.streak == 0
    assert all(t.mastery == 0.0 for t in report.topics.values())
    assert retrievability(None, NOW) == 0.0


def test_pick_from_the_store_reads_the_learners_cards(tmp_path: Path, small_pack: Pack) -> None:
    store = Store(tmp_path / "study.db")
    key = pack_key(small_pack)
    rng = random.Random(1)
    facts = [f.id for f in small_pack.facts]
    sid = store.start_session(key, 1, None, len(facts), "plain", learner="ada")
    for position, fact_id in enumerate(facts[:4]):
        moment = NOW - timedelta(days=rng.randint(1, 5), hours=position)
        store.record(sid, position, attempt(fact_id, right=False), rating=Rating.Again,
                     now=moment)
    chosen = pick_from_store(store, "ada", small_pack, NOW, 5)
    cards = store.cards("ada", key)
    assert list(chosen.fact_ids[:4]) == sorted(facts[:4], key=lambda f: cards[f].due)
    assert chosen.new == 1 and chosen.fact_ids[4] not in facts[:4]
    assert pick_from_store(store, "bo", small_pack, NOW, 3).due == 0
    store.close()


def test_learning_and_the_store_never_import_textual() -> None:
    code = ("import sys, study.learning.cards, study.learning.practice, study.learning.progress, "
            "study.learning.plan, study.learning.ratings, study.store, study.commands.history, "
            "study.commands.progress, study.commands.overrides, study.bench.store; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.strip() == "[]"
