import numpy as np
import pytest

from safeguard.media.index import PdqIndex, hex_to_array


def _flip(rows: np.ndarray, rng: np.random.Generator, bits: int) -> np.ndarray:
    unpacked = np.unpackbits(rows, axis=1)
    for r in range(len(rows)):
        unpacked[r, rng.choice(256, bits, replace=False)] ^= 1
    return np.packbits(unpacked, axis=1)


class TestPdqIndex:
    @pytest.mark.parametrize(("size", "radius"), [(50, 31), (5000, 31), (3000, 10), (2000, 48)])
    def test_agrees_with_brute_force(self, size: int, radius: int) -> None:
        rng = np.random.default_rng(size)
        hashes = rng.integers(0, 256, (size, 32), dtype=np.uint8)
        near = _flip(hashes[:40], rng, radius)  # exactly at the radius
        beyond = _flip(hashes[40:80], rng, radius + 1)
        queries = np.concatenate([near, beyond, rng.integers(0, 256, (20, 32), dtype=np.uint8)])
        found = PdqIndex(hashes, radius=radius).search(queries, workers=2)
        distances = np.unpackbits(queries[:, None, :] ^ hashes[None, :, :], axis=2).sum(axis=2)
        expected = {(int(q), int(h)) for q, h in zip(*np.nonzero(distances <= radius), strict=True)}
        assert set(zip(found.query.tolist(), found.hash.tolist(), strict=True)) == expected
        assert {(q, h) for q, h in expected if q < 40} == {(q, q) for q in range(40)}
        for q, h, d in zip(found.query, found.hash, found.distance, strict=True):
            assert d == distances[q, h]

    def test_empty_index_and_no_queries(self) -> None:
        index = PdqIndex(hex_to_array([]), radius=31)
        assert len(index.search(hex_to_array(["0" * 64])).query) == 0
        assert len(index.search(hex_to_array([])).query) == 0
