"""Benchmark encryption at rest: what it adds to a save, and what unlocking costs.

Run:  python bench/bench_crypto.py [--writes 1000] [--unlocks 5] [--dir DIR] [--no-fsync]

A save with encryption on is the plain save's atomic write (temp file, fsync, rename, folder fsync) of the
module file, with the file encrypted to the journal's public key first (X25519 + ChaCha20-Poly1305: no
passphrase). Both are timed here, interleaved in rounds, on the same bytes: real module files of a day's
answers, from 2 to 20 kB. The goal is that encryption keeps a save within its 5 ms p99. Timings include the
fsyncs, so run it on the disk that holds your real journal (``--dir``).

Unlocking runs scrypt on the passphrase, slow on purpose (the work factor is chosen by pyrage to take
about a second on the machine that set the passphrase), in a child process so the app stays responsive;
the same step in this process is timed beside it to show what the child costs.
Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from history import median, percentile

from workshop.answers import Answer, TextValue
from workshop.files.atomic import write_file
from workshop.journal import crypto
from workshop.journal.crypto import Identity, KeyFiles
from workshop.journal.format import ModuleData, encode_module

PASSPHRASE = "a quiet walk by the river"
SENTENCE = (
    "Today I noticed how long it has been since a case felt like a puzzle instead of a weight; "
    "the resident asked a good question and for a minute I remembered why I chose this. "
)


def day_file(size: int) -> bytes:
    """A module file of about ``size`` bytes, as the store writes it: a day's answers at some length."""
    moment = datetime(2025, 3, 3, 21, 5, tzinfo=UTC)
    answers: dict[str, Answer] = {}
    text = b""
    while len(text) < size:
        step = f"reflection-{len(answers) + 1}"
        answers[step] = Answer(step, TextValue(SENTENCE * 4), moment, moment)
        text = encode_module(ModuleData("day-1-achievement", answers, frozenset(), moment), 1).encode()
    return text


def describe(label: str, timings: list[float]) -> str:
    return (
        f"{label:<36} n={len(timings):<5} p50={median(timings):6.3f} ms  "
        f"p99={percentile(timings, 0.99):6.3f} ms  max={max(timings):6.3f} ms"
    )


def timings_of(action: Callable[[], object], count: int) -> list[float]:
    """Milliseconds for each of ``count`` calls of ``action``."""
    result = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        result.append((time.perf_counter() - start) * 1000)
    return result


def saves(folder: Path, data: bytes, writes: int, rounds: int = 5) -> None:
    identity = Identity.generate()
    recipient = identity.recipient
    plain_file, sealed_file = folder / "plain.toml", folder / "sealed.toml"
    plain: list[float] = []
    sealed: list[float] = []
    encrypt_only: list[float] = []
    decrypt_only: list[float] = []
    sample = recipient.encrypt(data)
    for _ in range(rounds):  # interleaved, so a burst of load from elsewhere lands on both alike
        plain += timings_of(lambda: write_file(plain_file, data), writes // rounds)
        sealed += timings_of(lambda: write_file(sealed_file, recipient.encrypt(data)), writes // rounds)
        encrypt_only += timings_of(lambda: recipient.encrypt(data), writes // rounds)
        decrypt_only += timings_of(lambda: identity.decrypt(sample, sealed_file), writes // rounds)
    print(
        f"A day's module file of {len(data) / 1000:.1f} kB ({len(sample) - len(data)} bytes more encrypted):"
    )
    print("  " + describe("plain atomic write (the floor)", plain))
    print("  " + describe("encrypted atomic write (a save)", sealed))
    print("  " + describe("encrypt alone, no disk", encrypt_only))
    print("  " + describe("decrypt alone (reading it back)", decrypt_only))
    print(f"  p99 encrypted / plain: {percentile(sealed, 0.99) / percentile(plain, 0.99):.2f}")


def unlocks(folder: Path, count: int) -> None:
    keys = KeyFiles(folder / "keys")
    start = time.perf_counter()
    keys.create(PASSPHRASE)
    made = time.perf_counter() - start
    work = keys.work_factor()
    sealed = keys.identity_path.read_bytes()
    in_child = [s / 1000 for s in timings_of(lambda: keys.unlock(PASSPHRASE), count)]
    here = [s / 1000 for s in timings_of(lambda: crypto._scrypt_here("decrypt", sealed, PASSPHRASE), count)]
    print(f"Unlock (scrypt, work factor 2^{work}, chosen by pyrage on this machine just now):")
    print(f"  making the keys (scrypt twice: seal, then read back): {made:.2f} s")
    print(
        f"  unlock, child process (the app's way): median {median(in_child):.2f} s, "
        f"min {min(in_child):.2f} s, max {max(in_child):.2f} s  (n={count})"
    )
    print(
        f"  the same scrypt in this process:       median {median(here):.2f} s, "
        f"min {min(here):.2f} s, max {max(here):.2f} s  (holds the GIL throughout)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--writes", type=int, default=1000, help="writes to time for each size (default 1000)"
    )
    parser.add_argument("--unlocks", type=int, default=5, help="unlocks to time (default 5)")
    parser.add_argument("--dir", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument(
        "--no-fsync", action="store_true", help="skip fsync, to see the cost of everything but the disk"
    )
    args = parser.parse_args()
    if args.no_fsync:
        os.fsync = lambda fd: None  # measurement only: the CPU and file-system cost without the disk
    with tempfile.TemporaryDirectory(dir=args.dir) as root:
        print(f"Folder: {root}   load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        for size in (2_000, 8_000, 20_000):
            saves(Path(root), day_file(size), args.writes)
        unlocks(Path(root), args.unlocks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
