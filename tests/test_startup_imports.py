"""What the first screen of a quiz imports: a pack read back from the parsed-pack cache and a
quiz's first questions need neither pydantic nor YAML, nor the checker's strategies, rapidfuzz,
the tutor, the store or FSRS (each costs tens of milliseconds of start-up; `bench startup`)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO
from study.pack.cache import load_pack_cached
from study.paths import bundled_pack_dir

HEAVY = ("pydantic", "yaml", "rapidfuzz", "fsrs", "Stemmer", "study.tutor", "study.store",
         "study.learning", "study.checking.strategies", "study.checking.dates",
         "study.pack.loader", "study.pack.schema", "study.classroom")

FIRST_SCREEN = f"""
import sys
from study.chat.conversation import Conversation
from study.pack.cache import load_pack_cached
from study.paths import bundled_pack_dir
import study.tui.app
chat = Conversation(load_pack_cached(bundled_pack_dir()))
replies = chat.opening() + chat.start_quiz(count=10, seed=1)
assert any(type(reply).__name__ == "Asked" for reply in replies)
print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))
"""


def test_the_first_screen_of_a_quiz_imports_nothing_heavy() -> None:
    load_pack_cached(bundled_pack_dir())  # fills the cache (under tmp_path: conftest)
    done = subprocess.run([sys.executable, "-c", FIRST_SCREEN], capture_output=True, text=True,
                          check=True, cwd=REPO, env=dict(os.environ))
    assert done.stdout.strip() == "[]", done.stdout
