"""Near-duplicate texts: MinHash over word shingles, banded for locality-sensitive lookup.

Pure: no Django. The bands are stored in the database (ArticleBand) so that every worker
shares one index; datasketch computes the signatures and their similarity.
"""

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
# 16 bands of 4 rows: pairs above about 0.5 Jaccard share a band with high probability.
BANDS, ROWS = 16, 4
SHINGLE_WORDS = 3
# Wire copies trimmed or with another lede stay above this; distinct stories on one topic
# rarely reach it with three-word shingles.
THRESHOLD = 0.5
MIN_WORDS = 25
_WORD = re.compile(r"\w+")
_SEED = 7


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }


def signature(text: str) -> list[int]:
    """The MinHash signature of the text, or [] when it is too short to compare."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return []
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(shingles(text)))
    return [int(value) for value in minhash.hashvalues]


def band_keys(sig: list[int]) -> list[int]:
    """One 63-bit key per band: equal keys mean the band's rows are all equal."""
    keys = []
    for band in range(BANDS if sig else 0):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(f"{band}:{rows}".encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


def similarity(sig_a: list[int], sig_b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    if not sig_a or len(sig_a) != len(sig_b):
        return 0.0
    a = MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=np.array(sig_a, dtype=np.uint64))
    b = MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=np.array(sig_b, dtype=np.uint64))
    return float(a.jaccard(b))
