"""What a session loads that it may never need (issue 20: memory at most 20 MiB over a bare Textual app).

Each import here is checked in a fresh interpreter, as the app starts: a module already imported by
another test would hide it. The memory itself is measured by ``bench/bench_review.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_plain_journal_opens_saves_and_reopens_without_the_encryption_library(
    tmp_path: Path, shipped_program_dir: Path
) -> None:
    # pyrage costs 1.2 MiB once loaded; the journal's store imports the crypto module for its errors and
    # its look at a file's first bytes, and only an encrypted journal needs the library itself.
    script = f"""
import sys
from pathlib import Path
from workshop.content.loader import load_program
from workshop.journal.store import Journal
from workshop.answers import TextValue

program = load_program(Path({str(shipped_program_dir)!r}))
module = program.modules[0]
step = next(step for step in module.steps if step.kind == "prompt")
data = Path({str(tmp_path / "data")!r})
for _ in range(2):
    with Journal.open(data, program) as journal:
        run = journal.new_run()
        run.set_answer(module.id, step.id, TextValue("the harbour at first light"))
        journal.save(run)
with Journal.open(data, program, lazy=True) as journal:
    assert len(journal.runs) == 2
    older = journal.runs[0]
    assert older.answer(step.id).value == TextValue("the harbour at first light")
print("PYRAGE", "pyrage" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "PYRAGE False" in result.stdout, result.stdout
