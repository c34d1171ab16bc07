"""Benchmark the build against the direct-library baseline and Typst, in one run:

    python -m benchmarks [--sizes 1,10,100,1000] [--jobs N] [--repeat N] [--work DIR]

For each size it generates a visit of that many meetings (both languages, both
formats), then measures, each in a fresh process: the baseline (python-docx and
reportlab called directly), the Typst peer (the baseline's sections as PDFs only;
skipped with a note when the ``typst`` package is missing), a full build with one
process, a full build with ``--jobs`` workers, the bilingual edition (``en+zh``) with
``--jobs`` workers, an incremental build after one meeting changed (a new process, as
``briefings build`` runs), and a warm one (``briefings watch``: a build, a change, the
rebuild it makes, timed, in one process); then the fixed costs (``--help``,
``validate``, a 1-meeting build) beside the imports they need. It prints Markdown
tables: documents per second, the ratios, peak memory, the peers side by side, the
time split and the start-up. With
``--repeat N`` each measurement runs N times and the run of median time is reported
(a small visit's build takes under a second, so one run's ratio is noisy); peak
memory is then the highest of the N runs.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.generate import change_one_meeting, generate_visit
from benchmarks.startup import measure_startup, startup_table

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("load", "fonts", "render", "check", "docx", "pdf", "write")


def _measure(kind: str, visit: Path, out: Path, jobs: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.setdefault("SOURCE_DATE_EPOCH", "1730419200")
    command = [sys.executable, "-m", "benchmarks.measure", kind, str(visit), str(out), str(jobs)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.splitlines()[-1]))


def _median_run(runs: list[dict[str, Any]], key: str = "seconds") -> dict[str, Any]:
    """The run of median ``key``, with the highest peak memory of all the runs."""
    middle = sorted(runs, key=lambda run: run[key])[len(runs) // 2]
    return {**middle, "peak_mb": max(run.get("peak_mb", 0.0) for run in runs)}


def bench_size(meetings: int, jobs: int, work: Path, repeat: int = 1) -> dict[str, Any]:
    """Every measurement of one visit size, each the median of ``repeat`` runs."""
    visit = generate_visit(work / f"visit-{meetings}", meetings)
    out = work / f"out-{meetings}"

    def runs(kind: str, folder: str, jobs: int) -> list[dict[str, Any]]:
        """``repeat`` runs, each into an empty output folder."""
        done = []
        for _ in range(repeat):
            shutil.rmtree(out / folder, ignore_errors=True)
            done.append(_measure(kind, visit, out / folder, jobs))
        return done

    row: dict[str, Any] = {"meetings": meetings}
    row["baseline"] = _median_run(runs("baseline", "baseline", 1))
    typst = runs("typst", "typst", 1)
    row["typst"] = typst[0] if "skipped" in typst[0] else _median_run(typst)
    row["serial"] = _median_run(runs("briefings", "serial", 1))
    row["parallel"] = _median_run(runs("briefings", "parallel", jobs))
    row["bilingual"] = _median_run(runs("bilingual", "bilingual", jobs))
    incremental = []
    for run in range(repeat):  # each run after its own change, to the full build's files
        change_one_meeting(visit, meetings, note=f" (changed {run})")
        incremental.append(_measure("briefings", visit, out / "parallel", jobs))
    row["incremental"] = _median_run(incremental)
    row["warm"] = _median_run(runs("watch", "watch", jobs), key="rebuild_seconds")
    return row


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(rows: list[dict[str, Any]], jobs: int) -> str:
    """The results as Markdown."""
    head = [
        "meetings",
        "files",
        "baseline s",
        "1 process s",
        f"{jobs} workers s",
        "files/s (1 / jobs)",
        "ratio 1 proc / baseline",
        "ratio jobs / baseline",
        "incremental s (files)",
        "incremental / full",
        "warm incremental s",
        "warm / full",
        "peak MB (base / 1 / worker)",
        "fonts parsed",
    ]
    lines = [_line(head), _line(["---"] * len(head))]
    for row in rows:
        base, serial, parallel, inc, warm = (
            row[k] for k in ("baseline", "serial", "parallel", "incremental", "warm")
        )
        files = serial["files"]
        lines.append(
            _line(
                [
                    str(row["meetings"]),
                    str(files),
                    f"{base['seconds']:.2f}",
                    f"{serial['seconds']:.2f}",
                    f"{parallel['seconds']:.2f}",
                    f"{files / serial['seconds']:.1f} / {files / parallel['seconds']:.1f}",
                    f"{serial['seconds'] / base['seconds']:.2f}",
                    f"{parallel['seconds'] / base['seconds']:.2f}",
                    f"{inc['seconds']:.2f} ({inc['files']})",
                    f"{inc['seconds'] / parallel['seconds']:.2f}",
                    f"{warm['rebuild_seconds']:.2f} ({warm['rebuild_files']})",
                    f"{warm['rebuild_seconds'] / parallel['seconds']:.2f}",
                    f"{base['peak_mb']:.0f} / {serial['peak_mb']:.0f} / {parallel['peak_mb']:.0f}",
                    str(serial["fonts_parsed"]),
                ]
            )
        )
    lines += ["", *peers_table(rows, jobs)]
    lines += [
        "",
        "Resident memory of the 1-process build after its first document (a report: the",
        "dearest go first), halfway and after its last (MB):",
        "",
        _line(["meetings", "first", "half", "last"]),
        _line(["---"] * 4),
    ]
    for row in rows:
        serial = row["serial"]
        cells = [f"{serial.get(k, 0.0):.0f}" for k in ("rss_first", "rss_half", "rss_last")]
        lines.append(_line([str(row["meetings"]), *cells]))
    lines += ["", "Time split of the 1-process build (seconds):", ""]
    lines += [_line(["meetings", *STAGES]), _line(["---"] * (len(STAGES) + 1))]
    for row in rows:
        timings = row["serial"]["timings"]
        lines.append(_line([str(row["meetings"]), *(f"{timings.get(s, 0.0):.2f}" for s in STAGES)]))
    return "\n".join(lines)


def peers_table(rows: list[dict[str, Any]], jobs: int) -> list[str]:
    """Our full builds beside Typst writing the same documents' PDFs alone."""
    head = [
        "meetings",
        f"en, zh: PDF+DOCX, {jobs} workers s (files)",
        f"en+zh edition: PDF+DOCX, {jobs} workers s (files)",
        "Typst: en, zh, PDF only s (files)",
        "ratio en, zh / Typst",
        "ratio en+zh / Typst",
        "peak MB Typst",
    ]
    lines = [
        "Peers: our full build with default jobs beside Typst (the baseline's sections,",
        "same fonts, one process):",
        "",
        _line(head),
        _line(["---"] * len(head)),
    ]
    for row in rows:
        ours, bilingual, typst = row["parallel"], row["bilingual"], row["typst"]
        if "skipped" in typst:
            theirs = [f"skipped: {typst['skipped']}", "–", "–", "–"]
        else:
            theirs = [
                f"{typst['seconds']:.2f} ({typst['files']})",
                f"{ours['seconds'] / typst['seconds']:.2f}",
                f"{bilingual['seconds'] / typst['seconds']:.2f}",
                f"{typst['peak_mb']:.0f}",
            ]
        lines.append(
            _line(
                [
                    str(row["meetings"]),
                    f"{ours['seconds']:.2f} ({ours['files']})",
                    f"{bilingual['seconds']:.2f} ({bilingual['files']})",
                    *theirs,
                ]
            )
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,1000", help="meetings per visit")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefings-benchmarks"))
    parser.add_argument("--json", type=Path, default=None, help="also write the raw figures")
    args = parser.parse_args()
    # As an installed package is (pip compiles it): with PYTHONDONTWRITEBYTECODE set, an
    # editable checkout would be compiled again by every process measured.
    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(ROOT / "benchmarks", quiet=1)
    repeat = max(1, args.repeat)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"benchmarking {size} meeting(s)...", file=sys.stderr, flush=True)
        rows.append(bench_size(size, args.jobs, args.work, repeat))
    print("benchmarking start-up...", file=sys.stderr, flush=True)
    rounds = 5 * repeat
    startup = measure_startup(args.work, rounds)
    if args.json:
        figures = {"sizes": rows, "startup": startup}
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(table(rows, args.jobs))
    print("\n" + "\n".join(startup_table(startup, rounds)))


if __name__ == "__main__":
    main()
