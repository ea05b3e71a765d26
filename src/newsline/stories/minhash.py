"""The near-duplicate tier: MinHash signatures (rensa, chosen over datasketch by ``benchmarks/minhash_choice.py``:
14x faster signing, same estimate error) and LSH band keys that the store indexes.
"""

from __future__ import annotations

import hashlib
import struct

from rensa import RMinHash

PERMUTATIONS = 128
BANDS, ROWS = 16, 8  # P(candidate) = 1 - (1 - J^8)^16: 0.06 at J=0.3, 0.50 at J=0.7, 0.97 at J=0.9
SEED = 20240305
_PACK = struct.Struct(f"<{PERMUTATIONS}I")


def signature(shingle_set: set[str]) -> list[int]:
    """The MinHash signature (``PERMUTATIONS`` 32-bit values) of a set of shingles."""
    sketch = RMinHash(num_perm=PERMUTATIONS, seed=SEED)
    sketch.update(sorted(shingle_set))
    return sketch.digest()


def band_keys(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band: equal keys in the same band make two articles near-duplicate candidates."""
    keys = []
    for band in range(BANDS):
        chunk = struct.pack(f"<H{ROWS}I", band, *sig[band * ROWS : (band + 1) * ROWS])
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True))
    return keys


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a) if a and b else 0.0


def pack(sig: list[int]) -> bytes:
    """A signature as stored: ``PERMUTATIONS`` little-endian uint32."""
    return _PACK.pack(*sig)


def unpack(blob: bytes) -> list[int]:
    return list(_PACK.unpack(blob))
