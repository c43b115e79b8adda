"""An exact in-memory index of PDQ hashes: multi-index hashing over directly addressed tables.

The layout (tables, chunk bits, flips) comes from ``rules.multi_index.multi_index_plan``: it
finds every hash within the radius, by the pigeonhole principle, and checks each candidate's
full Hamming distance. Each table keeps the hash numbers sorted by chunk value with an offset
per possible value (compressed sparse rows), so a lookup is two array reads, done for a whole
batch of queries at once in numpy.

Why not faiss's ``IndexBinaryMultiHash``: it keeps each table as a C++ hash map of buckets.
Meta's Hasher-Matcher-Actioner configures it with 16 tables of 16 bits; at 10,000,000 hashes
each lookup then scans a bucket of about 150 hashes. A layout with longer chunks fixes that,
but costs about 1 GiB of hash maps per million hashes and is no faster at a million (measured:
``bench/media_triage.py``, ``bench/README.md``). faiss stays the reference the bench compares
against, with the same exact distance check.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from safeguard.media.rules.multi_index import IndexPlan, flip_masks, multi_index_plan

HASH_BYTES = 32
WORDS = 4  # 256 bits as four 64-bit words
BATCH = 512

U8 = npt.NDArray[np.uint8]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


def hex_to_array(hashes: list[str]) -> U8:
    """Return PDQ hashes in hexadecimal as an ``[n, 32]`` array of bytes."""
    if not hashes:
        return np.zeros((0, HASH_BYTES), dtype=np.uint8)
    joined = bytes.fromhex("".join(hashes))
    return np.frombuffer(joined, dtype=np.uint8).reshape(len(hashes), HASH_BYTES).copy()


def _words(hashes: U8) -> U64:
    return np.ascontiguousarray(hashes, dtype=np.uint8).view(np.uint64).reshape(-1, WORDS)


def _chunk(words: U64, start: int, bits: int) -> U64:
    """Return ``bits`` bits of each hash from bit ``start`` (within the four words)."""
    word, offset = divmod(start, 64)
    mask = np.uint64((1 << bits) - 1)
    value = words[:, word] >> np.uint64(offset)
    if offset + bits > 64:
        value = value | (words[:, word + 1] << np.uint64(64 - offset))
    return value & mask


@dataclass(frozen=True)
class Matches:
    """Every (query, hash) pair within the radius: row numbers into the queries and the index."""

    query: I64
    hash: I64
    distance: I64


class PdqIndex:
    """Exact range search over PDQ hashes within ``radius`` bits."""

    def __init__(self, hashes: U8, *, radius: int) -> None:
        self.radius = radius
        self.size = len(hashes)
        self.plan: IndexPlan = multi_index_plan(size=max(self.size, 1), radius=radius)
        self._words = _words(hashes)
        self._masks = np.array(flip_masks(self.plan.bits, self.plan.flips), dtype=np.uint64)
        id_type = np.int32 if self.size < 2**31 else np.int64
        self._ids: list[npt.NDArray[Any]] = []
        self._offsets: list[npt.NDArray[Any]] = []
        self._bounds: list[npt.NDArray[Any]] = []
        buckets = 2**self.plan.bits
        for table in range(self.plan.tables):
            keys = _chunk(self._words, table * self.plan.bits, self.plan.bits).astype(np.int64)
            self._ids.append(np.argsort(keys, kind="stable").astype(id_type))
            offsets = np.zeros(buckets + 1, dtype=np.int64)
            np.cumsum(np.bincount(keys, minlength=buckets), out=offsets[1:])
            compact = offsets.astype(id_type)
            self._offsets.append(compact)
            # (start, end) of every bucket, as a view over the offsets without a copy.
            self._bounds.append(
                np.lib.stride_tricks.as_strided(
                    compact, shape=(buckets, 2), strides=(compact.itemsize, compact.itemsize)
                )
            )

    def search(self, queries: U8, *, workers: int | None = None) -> Matches:
        """Return every indexed hash within the radius of each query (each pair once).

        Batches of queries run on ``workers`` threads (numpy releases the interpreter lock
        while it gathers and counts), by default one per processor.
        """
        starts = range(0, len(queries), BATCH)
        threads = max(1, min(workers or os.cpu_count() or 1, len(starts)))
        if threads == 1:
            parts = [self._search_batch(_words(queries[i : i + BATCH]), i) for i in starts]
        else:
            with ThreadPoolExecutor(threads) as pool:
                parts = list(
                    pool.map(
                        lambda i: self._search_batch(_words(queries[i : i + BATCH]), i), starts
                    )
                )
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return Matches(empty, empty, empty)
        return Matches(
            np.concatenate([p.query for p in parts]),
            np.concatenate([p.hash for p in parts]),
            np.concatenate([p.distance for p in parts]),
        )

    def _search_batch(self, words: U64, first: int) -> Matches:
        found_q: list[I64] = []
        found_h: list[I64] = []
        found_d: list[I64] = []
        rows = np.arange(len(words), dtype=np.int64)
        for table in range(self.plan.tables):
            keys = _chunk(words, table * self.plan.bits, self.plan.bits)
            probes = (keys[:, None] ^ self._masks[None, :]).astype(np.int64).ravel()
            # Each probe reads its bucket's start and end with one gather.
            bounds = self._bounds[table][probes].astype(np.int64)
            starts = bounds[:, 0]
            counts = bounds[:, 1] - starts
            total = int(counts.sum())
            if total == 0:
                continue
            query_rows = np.repeat(np.repeat(rows, len(self._masks)), counts)
            # Positions start..end-1 of every probed bucket, laid end to end.
            run_starts = np.repeat(starts - (np.cumsum(counts) - counts), counts)
            candidates = self._ids[table][run_starts + np.arange(total, dtype=np.int64)]
            xor = self._words[candidates] ^ words[query_rows]
            distance = np.bitwise_count(xor).sum(axis=1, dtype=np.int64)
            keep = distance <= self.radius
            found_q.append(query_rows[keep])
            found_h.append(candidates[keep].astype(np.int64))
            found_d.append(distance[keep])
        if not found_q:
            empty = np.zeros(0, dtype=np.int64)
            return Matches(empty, empty, empty)
        query = np.concatenate(found_q)
        hashes = np.concatenate(found_h)
        distance = np.concatenate(found_d)
        # A pair found through several tables is reported once.
        _, unique = np.unique(query * max(self.size, 1) + hashes, return_index=True)
        return Matches(query[unique] + first, hashes[unique], distance[unique])
