"""Passphrase-protected age files with a cheap scrypt work factor, for tests that make, change or restore
a journal's key file.

The app's key files cost about a second of scrypt to seal and another to open: pyrage chooses the work
factor by timing the machine and cannot be told otherwise, so a test that changes a passphrase paid for
four or five of those seconds. ``seal`` writes the same age v1 file (the C2SP age specification's scrypt
recipient and payload: the layout of ``tests/data/keys``) with a work factor the test chooses, here in
pure Python (the standard library has scrypt, HMAC and HKDF's parts; ChaCha20-Poly1305 is RFC 8439's, a
few lines). Nothing trusts this module: every file it seals is opened by pyrage (``crypto._scrypt_here``),
so a mistake here fails the tests that use it instead of passing them.

``cheap_scrypt`` puts it in place of ``crypto._scrypt`` for one test (``monkeypatch``): sealing runs
``seal`` and opening runs pyrage in this process, since the child process that keeps an app's GIL free is
not the point of those tests (``test_crypto`` tests it, with keys made at the app's work factor).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
from typing import Literal

import pytest

from workshop.journal import crypto

WORK_FACTOR = 10
"""log2 of scrypt's N: 2^10 costs about a millisecond (the app's choice is about 2^18 to 2^20)."""

_CHUNK = 64 * 1024
_MASK32 = 0xFFFFFFFF
_P1305 = (1 << 130) - 5


def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """``crypto._scrypt`` seals with ``seal`` (work factor 2^10) and opens with pyrage, in this process."""

    def scrypt(operation: Literal["encrypt", "decrypt"], data: bytes, passphrase: str) -> bytes:
        if operation == "encrypt":
            return seal(data, passphrase)
        return crypto._scrypt_here("decrypt", data, passphrase)

    monkeypatch.setattr(crypto, "_scrypt", scrypt)


def seal(plaintext: bytes, passphrase: str, work_factor: int = WORK_FACTOR) -> bytes:
    """``plaintext`` as a binary age v1 file that ``passphrase`` opens, with scrypt's N = 2^work_factor."""
    file_key, salt = os.urandom(16), os.urandom(16)
    wrap_key = hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=b"age-encryption.org/v1/scrypt" + salt,
        n=1 << work_factor,
        r=8,
        p=1,
        dklen=32,
        maxmem=1 << 30,
    )
    body = _aead_seal(wrap_key, bytes(12), file_key)
    header = f"age-encryption.org/v1\n-> scrypt {_b64(salt)} {work_factor}\n{_b64(body)}\n---".encode()
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    payload_key = _hkdf(file_key, nonce, b"payload")
    chunks = [plaintext[start : start + _CHUNK] for start in range(0, len(plaintext), _CHUNK)] or [b""]
    payload = b"".join(
        _aead_seal(payload_key, struct.pack(">Q", index).rjust(11, b"\0") + bytes([index == len(chunks) - 1]), chunk)
        for index, chunk in enumerate(chunks)
    )
    return header + b" " + _b64(mac).encode() + b"\n" + nonce + payload


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 (RFC 5869) for one 32-byte block."""
    prk = hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


# --------------------------------------------------------------------------------------------------------
# ChaCha20-Poly1305 (RFC 8439)
# --------------------------------------------------------------------------------------------------------


def _aead_seal(key: bytes, nonce: bytes, plaintext: bytes) -> bytes:
    """The ciphertext and its 16-byte tag, with no associated data (as age uses it)."""
    one_time_key = _chacha20_block(key, 0, nonce)[:32]
    ciphertext = _chacha20(key, 1, nonce, plaintext)
    padding = bytes(-len(ciphertext) % 16)
    lengths = struct.pack("<QQ", 0, len(ciphertext))
    return ciphertext + _poly1305(one_time_key, ciphertext + padding + lengths)


def _chacha20(key: bytes, counter: int, nonce: bytes, data: bytes) -> bytes:
    stream = b"".join(_chacha20_block(key, counter + i, nonce) for i in range((len(data) + 63) // 64))
    return (int.from_bytes(data, "little") ^ int.from_bytes(stream[: len(data)], "little")).to_bytes(
        len(data), "little"
    )


def _chacha20_block(key: bytes, counter: int, nonce: bytes) -> bytes:
    constants = (0x61707865, 0x3320646E, 0x79622D32, 0x6B206574)
    state = [*constants, *struct.unpack("<8I", key), counter, *struct.unpack("<3I", nonce)]
    working = list(state)
    for _ in range(10):
        for a, b, c, d in _ROUNDS:
            working[a] = (working[a] + working[b]) & _MASK32
            working[d] = _rotate(working[d] ^ working[a], 16)
            working[c] = (working[c] + working[d]) & _MASK32
            working[b] = _rotate(working[b] ^ working[c], 12)
            working[a] = (working[a] + working[b]) & _MASK32
            working[d] = _rotate(working[d] ^ working[a], 8)
            working[c] = (working[c] + working[d]) & _MASK32
            working[b] = _rotate(working[b] ^ working[c], 7)
    return struct.pack("<16I", *((w + s) & _MASK32 for w, s in zip(working, state, strict=True)))


_ROUNDS = (
    (0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15),  # columns
    (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14),  # diagonals
)  # fmt: skip


def _rotate(value: int, bits: int) -> int:
    return ((value << bits) | (value >> (32 - bits))) & _MASK32


def _poly1305(key: bytes, message: bytes) -> bytes:
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:], "little")
    accumulator = 0
    for start in range(0, len(message), 16):
        block = message[start : start + 16] + b"\x01"
        accumulator = (accumulator + int.from_bytes(block, "little")) * r % _P1305
    return ((accumulator + s) & ((1 << 128) - 1)).to_bytes(16, "little")
