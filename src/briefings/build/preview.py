"""``briefings preview``: the HTML edition built into a temporary folder, served on
127.0.0.1, and built again (as ``watch`` does) whenever a record changes; open pages
reload themselves after each build.

The files stay as a build writes them (no scripts): the server adds a few lines of
script to each HTML page it sends, which ask ``/__version`` every second and reload
the page when the number there changes (it counts the successful builds).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from briefings.build.plan import BuildOptions, BuildResult
from briefings.build.watch import BuildOutcome, watch

VERSION_PATH = "/__version"
RELOAD_SCRIPT = b"""<script>
(function () {
  var seen = null;
  function look() {
    fetch("/__version", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) location.reload(); seen = v; })
      .catch(function () {});
  }
  look();
  setInterval(look, 1000);
})();
</script>
"""


class BuildCounter:
    """How many builds have succeeded: the version open pages compare."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def advance(self) -> None:
        with self.lock:
            self.count += 1

    def value(self) -> int:
        with self.lock:
            return self.count


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; answers ``/__version``; adds the reload script to
    HTML pages. Quiet: requests are not logged."""

    def __init__(self, *args: Any, counter: BuildCounter, **kwargs: Any) -> None:
        self.counter = counter
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == VERSION_PATH:
            self.send_body(str(self.counter.value()).encode(), "text/plain; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_bytes()
            end = page.rfind(b"</body>")
            page = page[:end] + RELOAD_SCRIPT + page[end:] if end >= 0 else page + RELOAD_SCRIPT
            self.send_body(page, "text/html; charset=utf-8")
            return
        super().do_GET()

    def send_body(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class PreviewServer:
    """An HTTP server of ``folder`` on 127.0.0.1 (``port`` 0: a free one), in a
    thread of its own."""

    def __init__(self, folder: Path, counter: BuildCounter, port: int = 0) -> None:
        handler = partial(PreviewHandler, directory=str(folder), counter=counter)
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def __enter__(self) -> PreviewServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def preview(
    visit_dir: Path,
    options: BuildOptions,
    on_build: Callable[[BuildOutcome, float], None],
    on_ready: Callable[[str], None],
    *,
    port: int = 0,
    interval: float = 0.5,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Serve the HTML edition of ``visit_dir``, built into ``options.out``, and build
    it again after every change to its inputs until ``keep_going`` says stop (or the
    user interrupts). ``on_ready`` gets the server's address before the first build."""
    options = replace(options, formats=("html",))
    counter = BuildCounter()

    def built(outcome: BuildOutcome, seconds: float) -> None:
        if isinstance(outcome, BuildResult):
            counter.advance()
        on_build(outcome, seconds)

    options.out.mkdir(parents=True, exist_ok=True)
    with PreviewServer(options.out, counter, port) as server:
        on_ready(server.url)
        watch(visit_dir, options, built, interval=interval, keep_going=keep_going)
