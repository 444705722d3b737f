"""One window per journal: a second process is refused with the holder's PID; a killed holder blocks
nothing; readers (export, progress) need no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINI_PROGRAM
from tests.expect import answer_to
from workshop.answers import TextValue
from workshop.content.models import Program
from workshop.journal.errors import JournalLocked
from workshop.journal.store import Journal

HOLDER = r"""
import sys, time
from pathlib import Path
from workshop.content.loader import load_any
from workshop.answers import TextValue
from workshop.journal.store import Journal

journal = Journal.open(Path(sys.argv[1]), load_any(Path(sys.argv[2])))
run = journal.new_run()
run.set_answer("one", "first-thought", TextValue("written by the first window"))
journal.save(run)
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path), str(MINI_PROGRAM)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "holding\n"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_second_process_is_told_who_holds_the_journal(
    tmp_path: Path, program: Program, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(JournalLocked) as caught:
        Journal.open(tmp_path, program, wait=0.2)
    assert caught.value.pid == holder.pid
    assert f"already open in another window (PID {holder.pid})" in str(caught.value)


def test_a_reader_works_while_the_journal_is_open_elsewhere(
    tmp_path: Path, program: Program, holder: subprocess.Popen[str]
) -> None:
    with Journal.open(tmp_path, program, lock=False) as reader:
        assert answer_to(reader.runs[0], "first-thought").value == TextValue("written by the first window")


def test_a_killed_holder_never_blocks_the_next_start(
    tmp_path: Path, program: Program, holder: subprocess.Popen[str]
) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with Journal.open(tmp_path, program, wait=0) as journal:  # no waiting needed: the OS freed the lock
        assert len(journal.runs) == 1
    assert (tmp_path / "workshop.lock").read_text().strip() == str(os.getpid())


def test_a_second_journal_in_the_same_process_is_refused_until_the_first_closes(
    tmp_path: Path, program: Program
) -> None:
    first = Journal.open(tmp_path, program)
    with pytest.raises(JournalLocked) as caught:
        Journal.open(tmp_path, program, wait=0)
    assert caught.value.pid == os.getpid()
    first.close()
    Journal.open(tmp_path, program, wait=0).close()
