"""Benchmark: hash triage of seized media (issue 7 item 4).

Usage::

    python bench/media_triage.py [--bank-size 10000000] [--queries 100000] [--images 200]
                                 [--hma-queries 5000] [--seed 1]

Makes a bank of random 256-bit PDQ hashes and queries of which half are near-duplicates of
bank entries (up to 20 bits flipped, so within the threshold of 31) and half are random
(about 128 bits from everything). Times the lookups and measures recall within the
threshold for:

(a) Safeguard's index (``safeguard.media.index.PdqIndex``: exact multi-index hashing with a
    layout chosen for the bank's size), all queries;
(b) faiss ``IndexBinaryMultiHash(256, 16, 16)`` searched as Meta's Hasher-Matcher-Actioner
    does (``nflip = threshold // nhash``, ``range_search`` at threshold + 1), on the first
    ``--hma-queries`` queries (at 10,000,000 hashes it answers a few hundred a second).

A query's true matches are its planted source entry (random hashes at 10 million are never
within 31 bits of one another); a faiss ``IndexBinaryFlat`` range search over a sample of
queries confirms that. Then hashes ``--images`` generated 512 x 512 images with PDQ (as the
triage service does: 8 orientations, MD5, SHA-1, blurred thumbnail). Targets (DESIGN.md):
at least 2,000 lookups a second against 10,000,000 hashes, full recall within the threshold.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import sys
import time
from pathlib import Path

import faiss
import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safeguard.media.hashing import file_hash  # noqa: E402
from safeguard.media.index import PdqIndex  # noqa: E402

THRESHOLD = 31
MAX_FLIPPED = 20
TARGET_LOOKUPS = 2000.0
HMA_NHASH = 16


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_data(bank_size: int, queries: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the bank, the queries, and each query's planted source (-1 for a random one)."""
    rng = np.random.default_rng(seed)
    bank = rng.integers(0, 256, (bank_size, 32), dtype=np.uint8)
    near = queries // 2
    source = np.full(queries, -1, dtype=np.int64)
    source[:near] = rng.integers(0, bank_size, near)
    out = rng.integers(0, 256, (queries, 32), dtype=np.uint8)
    bits = np.unpackbits(bank[source[:near]], axis=1)
    flips = rng.integers(0, MAX_FLIPPED + 1, near)
    order = rng.random((near, 256)).argsort(axis=1)
    bits ^= (order < flips[:, None]).astype(np.uint8)
    out[:near] = np.packbits(bits, axis=1)
    permutation = rng.permutation(queries)
    return bank, out[permutation], source[permutation]


def recall(found_query: np.ndarray, found_hash: np.ndarray, source: np.ndarray) -> tuple[int, int]:
    planted = source >= 0
    hits = set(zip(found_query.tolist(), found_hash.tolist(), strict=True))
    ok = sum((int(q), int(source[q])) in hits for q in np.nonzero(planted)[0])
    return ok, int(planted.sum())


def flat_check(bank: np.ndarray, queries: np.ndarray, source: np.ndarray, sample: int) -> str:
    flat = faiss.IndexBinaryFlat(256)
    flat.add(bank)
    limits, _, ids = flat.range_search(queries[:sample], THRESHOLD + 1)
    truth = {(q, int(i)) for q in range(sample) for i in ids[limits[q] : limits[q + 1]]}
    planted = {(q, int(source[q])) for q in range(sample) if source[q] >= 0}
    return "agrees" if truth == planted else f"DIFFERS ({len(truth ^ planted)} pairs)"


def bench_ours(bank: np.ndarray, queries: np.ndarray, source: np.ndarray) -> None:
    started = time.perf_counter()
    index = PdqIndex(bank, radius=THRESHOLD)
    built = time.perf_counter() - started
    plan = index.plan
    started = time.perf_counter()
    found = index.search(queries)
    elapsed = time.perf_counter() - started
    ok, planted = recall(found.query, found.hash, source)
    rate = len(queries) / elapsed
    verdict = "met" if rate >= TARGET_LOOKUPS and ok == planted else "NOT met"
    print(
        f"Safeguard index ({plan.tables} tables x {plan.bits} bits, {plan.flips} flips): "
        f"built in {built:.1f} s; {len(queries):,} lookups in {elapsed:.1f} s = {rate:,.0f}/s; "
        f"recall within {THRESHOLD}: {ok:,}/{planted:,} = {ok / planted:.4f}  "
        f"[target >= {TARGET_LOOKUPS:,.0f}/s and 1.0000: {verdict}]; peak RSS {_rss_mib():,.0f} MiB"
    )
    del index


def bench_hma(bank: np.ndarray, queries: np.ndarray, source: np.ndarray) -> None:
    started = time.perf_counter()
    index = faiss.IndexBinaryMultiHash(256, HMA_NHASH, 256 // HMA_NHASH)
    index.add(bank)
    built = time.perf_counter() - started
    index.nflip = THRESHOLD // HMA_NHASH
    started = time.perf_counter()
    limits, _distances, ids = index.range_search(queries, THRESHOLD + 1)
    elapsed = time.perf_counter() - started
    counts = np.diff(limits).astype(np.int64)
    found_query = np.repeat(np.arange(len(queries)), counts)
    ok, planted = recall(found_query, ids, source)
    print(
        f"HMA reference (faiss IndexBinaryMultiHash(256, 16, 16), nflip {index.nflip}): "
        f"built in {built:.1f} s; {len(queries):,} lookups in {elapsed:.1f} s = "
        f"{len(queries) / elapsed:,.0f}/s; recall within {THRESHOLD}: {ok:,}/{planted:,} = "
        f"{ok / planted:.4f}; peak RSS {_rss_mib():,.0f} MiB"
    )
    del index


def generated_image(seed: int, size: int = 512) -> bytes:
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", (size, size), tuple(int(c) for c in rng.integers(0, 256, 3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x0, y0 = (int(v) for v in rng.integers(0, size - 100, 2))
        x1, y1 = x0 + int(rng.integers(40, 300)), y0 + int(rng.integers(40, 300))
        draw.ellipse((x0, y0, x1, y1), fill=tuple(int(c) for c in rng.integers(0, 256, 3)))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def bench_hashing(count: int) -> None:
    files = [generated_image(n) for n in range(count)]
    started = time.perf_counter()
    for data in files:
        file_hash(data)
    elapsed = time.perf_counter() - started
    print(
        f"Hashing: {count} generated 512 x 512 JPEG images (PDQ of 8 orientations, MD5, "
        f"SHA-1, blurred thumbnail) in {elapsed:.2f} s = {count / elapsed:,.1f} images/s "
        "on one core"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bank-size", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--hma-queries", type=int, default=5_000)
    parser.add_argument("--flat-sample", type=int, default=200)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}, faiss {faiss.__version__}"
    )
    started = time.perf_counter()
    bank, queries, source = make_data(args.bank_size, args.queries, args.seed)
    print(
        f"Bank {args.bank_size:,} random PDQ hashes; {args.queries:,} queries, half within "
        f"{MAX_FLIPPED} bits of a bank entry ({time.perf_counter() - started:.1f} s to make)"
    )
    print(
        f"Ground truth by faiss IndexBinaryFlat on {args.flat_sample} queries: "
        f"{flat_check(bank, queries, source, args.flat_sample)}"
    )
    bench_ours(bank, queries, source)
    hma = min(args.hma_queries, args.queries)
    bench_hma(bank, queries[:hma], source[:hma])
    bench_hashing(args.images)


if __name__ == "__main__":
    main()
