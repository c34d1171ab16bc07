"""One measurement, run in a fresh process (so peak memory is its own):

    python -m benchmarks.measure briefings|bilingual|baseline|typst|watch VISIT OUT JOBS

prints a JSON object: seconds, files, stage timings, peak memory, fonts parsed; for
``watch``, the seconds and files of the rebuild after one meeting changed; for
``typst`` without the package installed, only why it was skipped. ``briefings``
builds English and Chinese, ``bilingual`` the side-by-side edition (``en+zh``)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from reportlab.pdfbase import ttfonts


def _count_font_parsing() -> list[int]:
    """Count TrueType files reportlab parses in this process."""
    calls = [0]
    original = ttfonts.TTFontFile.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        calls[0] += 1
        original(self, *args, **kwargs)

    ttfonts.TTFontFile.__init__ = counting
    return calls


class _MemorySampler:
    """A build progress that notes the process's resident memory after each document:
    whether writing documents grows the process, or only the records and reports do."""

    def __init__(self) -> None:
        self.samples: list[float] = []

    def start(self, total: int) -> None:
        pass

    def advance(self, name: str, files: int = 1) -> None:
        self.samples.append(_resident_mb())

    def summary(self) -> dict[str, float]:
        samples = self.samples or [0.0]
        return {
            "rss_first": samples[0],
            "rss_half": samples[len(samples) // 2],
            "rss_last": samples[-1],
        }


def _resident_mb() -> float:
    """The resident set now (not the peak), from /proc where there is one."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, visit: Path, out: Path, jobs: int) -> dict[str, Any]:
    fonts = _count_font_parsing()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    memory: dict[str, float] = {}
    if kind == "watch":
        return _measure_watch(visit, out, jobs)
    if kind == "baseline":
        from benchmarks.baseline import build_baseline

        files = build_baseline(visit, out)
    elif kind == "typst":
        try:
            from benchmarks.typst_peer import build_typst
        except ImportError as error:
            return {"skipped": f"{error.name} is not installed (pip install -e '.[bench]')"}
        files = build_typst(visit, out)
    else:
        from briefings.build import BuildOptions, build

        langs = ("en+zh",) if kind == "bilingual" else ("en", "zh")
        sampler = _MemorySampler()
        options = BuildOptions(out=out, langs=langs, jobs=jobs)
        result = build(visit, options, progress=sampler)  # type: ignore[arg-type]
        files, timings = len(result.written), result.timings
        memory = sampler.summary() if jobs == 1 else {}
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": seconds,
        "files": files,
        "timings": timings,
        "peak_mb": max(own, children) / 1024,
        "fonts_parsed": fonts[0],
        **memory,
    }


def _measure_watch(visit: Path, out: Path, jobs: int) -> dict[str, Any]:
    """What ``briefings watch`` does: build, see one meeting change, rebuild; the
    rebuild is timed by the watch itself."""
    from benchmarks.generate import change_one_meeting
    from briefings.build import BuildOptions, BuildResult
    from briefings.build.watch import BuildOutcome, watch

    builds: list[tuple[BuildResult, float]] = []

    def on_build(outcome: BuildOutcome, seconds: float) -> None:
        if not isinstance(outcome, BuildResult):
            raise outcome
        builds.append((outcome, seconds))
        if len(builds) == 1:
            meetings = len(list((visit / "meetings").glob("*.yaml")))
            change_one_meeting(visit, meetings, note=f" (changed {time.time_ns()})")

    watch(
        visit,
        BuildOptions(out=out, jobs=jobs),
        on_build,
        interval=0.05,
        keep_going=lambda: len(builds) < 2,
    )
    (first, first_seconds), (rebuild, seconds) = builds
    return {
        "seconds": first_seconds,
        "files": len(first.written),
        "rebuild_seconds": seconds,
        "rebuild_files": len(rebuild.written),
    }


if __name__ == "__main__":
    kind, visit, out, jobs = sys.argv[1:5]
    print(json.dumps(measure(kind, Path(visit), Path(out), int(jobs))))
