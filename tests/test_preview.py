"""``briefings preview``: the HTML edition served on 127.0.0.1, built again after an
edit, stopped with Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import VisitFactory

STARTUP_SECONDS = 60
CHANGE_SECONDS = 15


LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Asks the server itself, whatever proxy the environment names."""


def fetch(url: str) -> str:
    with LOCAL.open(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.2)
    return False


def test_preview_serves_the_pages_shows_an_edit_and_stops_on_ctrl_c(
    make_visit: VisitFactory,
) -> None:
    visit = make_visit()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SOURCE_DATE_EPOCH": "1730419200"}
    command = [sys.executable, "-m", "briefings", "preview", str(visit), "--lang", "en"]
    process = subprocess.Popen(
        [*command, "--interval", "0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
        assert found, line
        url = found.group(1)
        page = f"{url}en/talks.html"

        def served() -> bool:
            try:
                return "Talks at the town hall" in fetch(page)
            except OSError:
                return False

        assert wait_for(served, STARTUP_SECONDS)
        html = fetch(page)
        assert "/__version" in html  # the reload script, added to what is served
        assert "Talks at the town hall" in fetch(url)  # the index
        version = fetch(f"{url}__version")

        record = visit / "meetings" / "01-talks.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Talks at the town hall", "Talks on the river"), "utf-8")
        assert wait_for(lambda: "Talks on the river" in fetch(page), CHANGE_SECONDS)
        assert fetch(f"{url}__version") != version

        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "stopped" in stderr


def test_the_reload_script_goes_into_served_pages_not_into_the_files(tmp_path: Path) -> None:
    from briefings.build.preview import BuildCounter, PreviewServer

    page = "<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>\n"
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "page.html").write_text(page, encoding="utf-8")
    counter = BuildCounter()
    with PreviewServer(tmp_path, counter) as server:
        served = fetch(f"{server.url}en/page.html")
        assert served.index("<script>") < served.index("</body>")
        assert "<p>Hello</p>" in served
        assert fetch(f"{server.url}__version") == "0"
        counter.advance()
        assert fetch(f"{server.url}__version") == "1"
    assert (tmp_path / "en" / "page.html").read_text(encoding="utf-8") == page
