"""Fixed costs: whole commands as a user runs them, beside the imports they cannot avoid.

Each command runs in a fresh process, all of them interleaved (one round runs each
once), and the median of the rounds is reported: a command of a tenth of a second is
at the mercy of whatever else the machine does, and interleaving spreads that evenly.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import EXAMPLE, generate_visit

ROOT = Path(__file__).resolve().parent.parent

REFERENCES = {
    "python": "pass",
    "yaml": "import yaml",
    "libraries": "import reportlab.platypus, docx",
}
"""What the targets are measured against: Python alone, and the imports a command of
ours could not do without."""


def commands(work: Path) -> dict[str, list[str]]:
    """Each command by name, as an argument list."""
    python = [sys.executable]
    briefings = [*python, "-m", "briefings"]
    visit = generate_visit(work / "visit-startup", 1)
    out = work / "out-startup"
    return {
        **{name: [*python, "-c", code] for name, code in REFERENCES.items()},
        "help": [*briefings, "--help"],
        "validate": [*briefings, "validate", str(EXAMPLE)],
        "build": [*briefings, "build", str(visit), "--out", str(out)],
    }


def measure_startup(work: Path, rounds: int) -> dict[str, float]:
    """The median seconds of each command over ``rounds`` interleaved rounds."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.setdefault("SOURCE_DATE_EPOCH", "1730419200")
    runs: dict[str, list[float]] = {}
    named = commands(work)
    for _ in range(rounds + 1):  # the first round warms the disk cache and bytecode
        for name, command in named.items():
            if name == "build":  # into an empty folder: every file is written
                shutil.rmtree(work / "out-startup", ignore_errors=True)
            started = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=True)
            runs.setdefault(name, []).append(time.perf_counter() - started)
    return {name: statistics.median(seconds[1:]) for name, seconds in runs.items()}


TARGETS = (
    ("`briefings --help`", "help", "yaml", "`import yaml`", 2.0),
    ("`briefings validate` (the example)", "validate", "yaml", "`import yaml`", 2.0),
    (
        "1-meeting build (en, zh, PDF+DOCX)",
        "build",
        "libraries",
        "`import reportlab.platypus, docx`",
        2.5,
    ),
)


def startup_table(seconds: dict[str, float], rounds: int) -> list[str]:
    """The fixed costs as Markdown, each against its reference and target."""
    lines = [
        f"Start-up: whole processes, median of {rounds} interleaved rounds "
        f"(`python -c pass` {seconds['python'] * 1000:.0f} ms):",
        "",
        "| command | ms | against | its ms | ratio | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, name, reference, reference_label, target in TARGETS:
        ratio = seconds[name] / seconds[reference]
        lines.append(
            f"| {label} | {seconds[name] * 1000:.0f} | {reference_label} "
            f"| {seconds[reference] * 1000:.0f} | {ratio:.1f}× | ≤ {target}× |"
        )
    return lines
