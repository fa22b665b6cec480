"""`study serve` end to end: the server on a free port, a real headless Chromium driven by
Playwright, a student typing a name and an answer in the page, the attempt read back from the
store. Skipped, with the reason, where no Chromium is installed (`.ci/run` installs one)."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import SMALL_PACK
from study.commands.serve import app_command

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Whether the terminal's text layer shows any text yet (bright pixels on the dark screen).
DRAWN = """() => { const c = document.querySelector('canvas.xterm-text-layer');
  if (!c || !c.width) return false;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 500) return true;
  return false; }"""
DRILL = "id: browser\ntitle: In the browser\ntime_limit: 300\nform: short\nquestions: [melson]\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition, seconds: float, what: str):  # noqa: ANN201 - returns what holds
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")


def rows(database: Path, query: str) -> list[tuple]:  # type: ignore[type-arg]
    if not database.exists():
        return []
    with sqlite3.connect(database) as db:
        try:
            return db.execute(query).fetchall()
        except sqlite3.OperationalError:  # the schema is being created
            return []


def serving(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_each_tab_runs_this_python_on_this_pack_and_store(tmp_path: Path) -> None:
    command = app_command(str(SMALL_PACK), "/x/d rill.yaml", tmp_path / "my data")
    assert command.startswith(f"STUDY_DATA_DIR='{tmp_path / 'my data'}' {sys.executable} -m study "
                              "serve --app --content ")
    assert command.endswith("--drill '/x/d rill.yaml'")


def test_a_student_takes_a_drill_in_a_browser(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: the browser test needs Debian's chromium "
                    "package (apt-get install -y chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e '.[dev]')")
    drill = tmp_path / "browser.yaml"
    drill.write_text(DRILL, encoding="utf-8")
    data = tmp_path / "data"
    database = data / "study.db"
    cache = tmp_path / "cache"  # empty: what the server leaves in it is the tabs' to read
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "study", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--drill", str(drill), "--content", str(SMALL_PACK)],
        env={**os.environ, "STUDY_DATA_DIR": str(data), "STUDY_CACHE_DIR": str(cache)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        wait_until(lambda: serving(url) or server.poll() is not None, 30, "the server answers")
        assert server.poll() is None, server.stdout.read() if server.stdout else ""
        # The server has read the pack and the drill through the cache: each tab starts warm.
        entries = {p.name.split(".")[1] if p.name.count(".") > 1 else "pack"
                   for p in cache.glob("*.json")}
        assert "pack" in entries and any(re.fullmatch(r"drill-[0-9a-f]{16}", e) for e in entries), \
            entries  # the parsed pack, and the drill's checked plan (not only the drill ids)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(url)
            # The page opens a websocket; its app process draws the name screen. Keys sent
            # before it is drawn are lost, so wait until the terminal shows text.
            # The terminal takes keys once it has focus: focus its input element (rather than
            # click, so that no mouse event reaches the app) before the app starts.
            page.wait_for_selector("textarea.xterm-helper-textarea", timeout=30_000)
            page.focus("textarea.xterm-helper-textarea")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_function(DRAWN, timeout=30_000)
            # Type as a student would. (No Ctrl+U to clear the box first: Textual runs a
            # key binding's action later than it inserts the keys typed after it.)
            page.keyboard.type("Ana Browser")
            page.keyboard.press("Enter")
            wait_until(lambda: rows(database, "SELECT id FROM sessions"), 20, "the drill starts")
            [(session_id,)] = rows(database, "SELECT id FROM sessions")
            page.keyboard.type("Kenneth Melson")
            page.keyboard.press("Enter")
            [attempt] = wait_until(lambda: rows(
                database, "SELECT session_id, fact_id, response, outcome, score FROM attempts"),
                20, "the answer is stored")
            page.wait_for_timeout(500)  # let the verdict be drawn for the screenshot
            shot = tmp_path / "served.png"
            page.screenshot(path=str(shot))
            browser.close()
        assert attempt == (session_id, "melson", "Kenneth Melson", "correct", 1.0)
        assert rows(database, "SELECT l.name, s.kind, s.drill_id, s.mode, s.total FROM sessions s "
                    "JOIN learners l ON l.id = s.learner_id") == \
            [("Ana Browser", "drill", "browser", "web", 1)]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        server.send_signal(signal.SIGTERM)  # the server closes its app processes
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
