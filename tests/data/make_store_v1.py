"""Write tests/data/store_v1.db with main's code (schema version 1), for the migration test."""
import sys

from study.pack.loader import load_pack
from study.quiz import Session
from study.store import Store

pack = load_pack("tests/data/pack")
store = Store(sys.argv[1])
clock_t = [0.0]
def clock():
    clock_t[0] += 4.5
    return clock_t[0]
# A finished session: right, wrong then overridden, skipped, hint.
s1 = Session.build(pack, count=4, seed=3, mix_forms=False, clock=clock)
sid = store.start_session(pack.root, s1.seed, None, s1.total, "plain")
s1.on_attempt = lambda a, p: store.record(sid, p, a)
first = s1.current.fact
s1.answer(first.items[0])
s1.answer("zebra")
s1.override()
s1.skip()
s1.hint()
s1.answer("zebra")
store.finish_session(sid)
# An unfinished session with one attempt, on a topic.
s2 = Session.build(pack, count=3, seed=5, topic="figures", mix_forms=False, clock=clock)
sid2 = store.start_session(pack.root, s2.seed, "figures", s2.total, "tui")
s2.on_attempt = lambda a, p: store.record(sid2, p, a)
s2.answer("wrong answer \u00e9")
store.close()
