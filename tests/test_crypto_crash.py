"""Crash safety of the conversion: SIGKILL at random moments never leaves a file in neither form.

A separate process turns a journal folder's encryption on and off over and over (every file, backups and
kept-aside ones included, of varying sizes); the test kills it at a random moment, then checks that every
file is still there, under its own name, and opens (plain or encrypted) to exactly its original bytes.
Running the conversion again then finishes it and sweeps what the killed process left in progress.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from tests.killed_workers import Workers
from workshop.journal.conversion import decrypt_files, encrypt_files
from workshop.journal.crypto import Identity, is_age, is_temp_name, open_bytes

MIN_KILLS = 10
MIN_MIXED = 3  # kills that caught the folder part-way through a conversion, some files in each form
MAX_KILLS = 60

# Each converter is forked from one process started once (tests/killed_workers.py).
CONVERTER = r"""
from pathlib import Path
from workshop.journal.conversion import decrypt_files, encrypt_files
from workshop.journal.crypto import Identity


def work(folder, key_file):
    folder = Path(folder)
    identity = Identity.from_secret_key(Path(key_file).read_text())
    print("ready", flush=True)
    while True:
        encrypt_files(folder, identity.recipient)
        decrypt_files(folder, identity)
"""


def make_journal(root: Path, rng: random.Random) -> dict[Path, bytes]:
    files = {}
    for run in (1, 2):
        for name in ("_run", "day-1", "day-2", "day-3"):
            for variant in ("", ".backup", ".unreadable-20250301-101500"):
                path = root / "program" / f"run-00{run}" / f"{name}{variant}.toml"
                size = rng.choice([0, 10, 3_000, 20_000, 150_000])
                data = f"{path.name} {rng.random()}\n".encode() + rng.randbytes(size)
                files[path] = data
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def kill_at_random(converters: Workers, folder: Path, key_file: Path, rng: random.Random) -> None:
    """Start a converter of ``folder`` and SIGKILL it at a random moment (it must not have ended before)."""
    converters.start(str(folder), str(key_file))
    line = converters.readline()
    assert line == "ready\n", line
    time.sleep(rng.uniform(0.0, 0.3))
    converters.kill()


def check_every_file(folder: Path, files: dict[Path, bytes], identity: Identity) -> tuple[int, int]:
    """Every file is whole in one form or the other; returns how many are encrypted and plain."""
    on_disk = {p for p in folder.rglob("*") if p.is_file() and not is_temp_name(p.name)}
    assert on_disk == set(files)  # none missing, none extra
    encrypted = 0
    for path, data in files.items():
        raw = path.read_bytes()
        encrypted += is_age(raw)
        assert open_bytes(raw, path, identity) == data, path
    return encrypted, len(files) - encrypted


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_every_file_in_its_old_or_new_form(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    folder = tmp_path / "journal"
    files = make_journal(folder, rng)
    identity = Identity.generate()
    key_file = tmp_path / "key.txt"
    key_file.write_text(identity.secret_key())
    kills = mixed = 0
    with Workers(CONVERTER) as converters:
        while (kills < MIN_KILLS or mixed < MIN_MIXED) and kills < MAX_KILLS:
            kill_at_random(converters, folder, key_file, rng)
            kills += 1
            encrypted, plain = check_every_file(folder, files, identity)
            mixed += encrypted > 0 and plain > 0
    assert mixed >= MIN_MIXED, f"seed {seed}: only {mixed} of {kills} kills landed mid-conversion"

    # Running the conversion again finishes it, and sweeps the writes left in progress.
    assert encrypt_files(folder, identity.recipient).complete
    assert [p for p in folder.rglob("*") if is_temp_name(p.name)] == [], f"seed {seed}"
    assert all(is_age(path.read_bytes()) for path in files)
    decrypt_files(folder, identity)
    assert {path: path.read_bytes() for path in files} == files, f"seed {seed}"
