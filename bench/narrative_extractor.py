"""Benchmark: the child-mention extractor over synthetic domestic-abuse narratives.

Usage::

    python bench/narrative_extractor.py [--narratives 5000] [--seed 7]

Builds ``--narratives`` synthetic narratives from templates (``random.Random(seed)``, so a
run is repeatable), mixing sentences that mention children ("her two kids were upstairs",
"son aged 7") with sentences that must not count ("no children at the address", "child
seat in the car", "his son aged 24"). Most narratives are about 600 characters, as an
officer's summary is; one in 500 (at least three) is 20,000 characters, the longest a
narrative field accepts. Each call to ``child_mentions`` is timed with
``time.perf_counter``; the script prints narratives per second, MB/s of UTF-8 text, and
the p50 and p95 time per narrative, beside the reference: at least 500 narratives a
second on the 2-core CI machine, since a force records a few hundred domestic-abuse
incidents a night (DOMAIN.md §3.1 and §3.2: every one needs its children found). The
script exits 1 when the rate is below the reference.

No database, no Django: the extractor is a pure rule (``safeguard/domestic/rules``).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_RATE = 500.0  # narratives per second
TYPICAL_LENGTH = 600
LONG_LENGTH = 20_000
LONG_EVERY = 500

FIRST_NAMES = ("Ava", "Leo", "Maya", "Noah", "Zoë", "Omar", "Isla", "Kai", "Anaïs", "Theo")
PLACES = ("Leeds", "Bradford", "Hull", "Derby", "Wales", "Stoke")
NUMBERS = ("two", "three", "2", "3", "four")
RELATIONS = ("son", "daughter", "stepson", "stepdaughter", "grandson", "little girl")

OPENINGS = (
    "Officers attended {n} Elm Court at {h}:{m:02d} following a 999 call from a neighbour"
    " who reported shouting and banging.",
    "Call from the victim stating her ex-partner had forced entry and assaulted her.",
    "Police attended after a third-party report of a disturbance at the address.",
    "The victim flagged down a patrol vehicle on the high street at {h}:{m:02d}.",
)
POSITIVE = (
    "Her {number} kids were asleep upstairs throughout.",
    "The baby was in a cot in the front bedroom.",
    "Her {relation} aged {age} was in the living room and saw the assault.",
    "A {age}-year-old boy answered the door to officers.",
    "Their {number} children were at the address and were spoken to.",
    "The victim's {relation}, {age}, said he had hit her mum before.",
    "Her {relation} {name} ({age}) rang 999 from the landing.",
    "Kids were in the next room with the door shut.",
    "The twins hid in the bathroom until officers arrived.",
    "The youngest was crying when officers went upstairs.",
    "She is {weeks} weeks pregnant.",
)
NEGATIVE = (
    "There were no children at the address.",
    "A child seat was fitted in the car outside.",
    "Her son, who lives in {place}, was not aware of the incident.",
    "His son aged {adult} was present and tried to intervene.",
    "The family was previously subject to a Child Protection Plan.",
    "She was referred to the local children's centre last year.",
    "Kids' toys were scattered in the hall.",
    "She described a violent childhood.",
)
NEUTRAL = (
    "The victim had a cut lip and redness to the neck.",
    "The suspect was arrested for assault by beating and taken to custody.",
    "Body-worn video was running throughout.",
    "A DASH risk assessment was completed and graded high.",
    "The victim declined medical attention at the scene.",
    "The front door frame was damaged and a mirror was smashed.",
    "The victim states the suspect had been drinking since the afternoon.",
    "Safeguarding advice was given and a neighbour agreed to stay with her.",
)


def sentence(rng: random.Random, templates: tuple[str, ...]) -> str:
    return rng.choice(templates).format(
        n=rng.randint(1, 120),
        h=rng.randint(0, 23),
        m=rng.randint(0, 59),
        number=rng.choice(NUMBERS),
        relation=rng.choice(RELATIONS),
        age=rng.randint(1, 17),
        adult=rng.randint(18, 40),
        weeks=rng.randint(8, 38),
        name=rng.choice(FIRST_NAMES),
        place=rng.choice(PLACES),
    )


def narrative(rng: random.Random, length: int) -> str:
    parts = [sentence(rng, OPENINGS)]
    while sum(len(part) + 1 for part in parts) < length:
        pool = rng.choices((POSITIVE, NEGATIVE, NEUTRAL), weights=(3, 2, 5))[0]
        parts.append(sentence(rng, pool))
    return " ".join(parts)


def narratives(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    long_count = max(3, count // LONG_EVERY)
    texts = [narrative(rng, TYPICAL_LENGTH) for _ in range(count - long_count)]
    for _ in range(long_count):
        texts.insert(rng.randrange(len(texts) + 1), narrative(rng, LONG_LENGTH)[:LONG_LENGTH])
    return texts


def machine() -> str:
    return f"{os.cpu_count() or 0} cores, Python {platform.python_version()}, {platform.machine()}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--narratives", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    if options.narratives < 4:
        raise SystemExit("--narratives must be at least 4")
    sys.path.insert(0, str(ROOT))
    from safeguard.domestic.rules.narrative import child_mentions

    texts = narratives(options.narratives, options.seed)
    child_mentions(texts[0])  # warm up: first-call costs are not the steady state
    timings: list[float] = []
    mentions = 0
    for text in texts:
        started = time.perf_counter()
        found = child_mentions(text)
        timings.append(time.perf_counter() - started)
        mentions += len(found)

    total = sum(timings)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1_000_000
    rate = len(texts) / total
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    long_times = [t for text, t in zip(texts, timings, strict=True) if len(text) >= LONG_LENGTH]
    verdict = "PASS" if rate >= REFERENCE_RATE else "BELOW"

    print(f"Benchmark: child_mentions over {len(texts):,} narratives, seed {options.seed}")
    print(f"Machine: {machine()}")
    print(
        f"Narratives: {len(texts):,} ({len(long_times)} of {LONG_LENGTH:,} characters),"
        f" {megabytes:.2f} MB, mean {megabytes * 1_000_000 / len(texts):,.0f} bytes;"
        f" {mentions:,} mentions found"
    )
    print(f"narratives/second: {rate:,.0f}")
    print(f"MB/s: {megabytes / total:.2f}")
    print(f"per narrative: p50 {cuts[49] * 1000:.3f} ms, p95 {cuts[94] * 1000:.3f} ms")
    print(f"20,000-character narratives: max {max(long_times) * 1000:.1f} ms")
    print(
        "reference: ≥ 500 narratives/s on the 2-core CI machine"
        " (a force records a few hundred DA incidents a night)"
    )
    print(verdict)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
