"""The benchmark still runs (its figures are not checked: it is not a timed test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_and_prints_its_tables(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "benchmarks", "--sizes", "1", "--work", str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    (row,) = [line for line in lines if line.startswith("| 1 | 8 |")]  # 4 briefings, 4 reports
    assert row.count("|") == 15
    assert any(line.startswith("| meetings | first | half | last |") for line in lines)
    assert any(line.startswith("| meetings | load | fonts |") for line in lines)
