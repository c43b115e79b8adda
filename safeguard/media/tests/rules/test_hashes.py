import pytest

from safeguard.media.rules.hashes import (
    HashFormat,
    HashValueInvalid,
    hamming_distance,
    hash_format_parse,
    hash_parse,
    pdq_bits_to_hex,
)

PDQ_ZERO = "0" * 64


class TestHashParse:
    @pytest.mark.parametrize(
        ("name", "value", "expected"),
        [
            ("pdq", "AB" * 32, HashFormat.PDQ),
            (" PDQ ", "ab" * 32, HashFormat.PDQ),
            ("pdq256", "ab" * 32, HashFormat.PDQ),
            ("md5", "0" * 32, HashFormat.MD5),
            ("sha1", "f" * 40, HashFormat.SHA1),
            ("SHA-1", "f" * 40, HashFormat.SHA1),
        ],
    )
    def test_reads_known_formats(self, name: str, value: str, expected: HashFormat) -> None:
        parsed = hash_parse(name, value)
        assert parsed.format is expected
        assert parsed.value == value.strip().lower()

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("sha256", "0" * 64, "Unknown hash format 'sha256'"),
            ("pdq", "", "hexadecimal"),
            ("pdq", "zz" * 32, "hexadecimal"),
            ("pdq", "0" * 63, "64 hexadecimal digits; got 63"),
            ("md5", "0" * 40, "32 hexadecimal digits; got 40"),
            ("sha1", "0" * 32, "40 hexadecimal digits; got 32"),
        ],
    )
    def test_refuses_with_a_clear_message(self, name: str, value: str, message: str) -> None:
        with pytest.raises(HashValueInvalid, match=message):
            hash_parse(name, value)

    def test_format_alone(self) -> None:
        assert hash_format_parse("Md5") is HashFormat.MD5


class TestHammingDistance:
    @pytest.mark.parametrize(
        ("other", "distance"),
        [(PDQ_ZERO, 0), ("0" * 63 + "1", 1), ("f" + "0" * 63, 4), ("f" * 64, 256)],
    )
    def test_counts_differing_bits(self, other: str, distance: int) -> None:
        assert hamming_distance(PDQ_ZERO, other) == distance

    def test_refuses_a_value_that_is_not_pdq(self) -> None:
        with pytest.raises(HashValueInvalid):
            hamming_distance(PDQ_ZERO, "0" * 32)


class TestPdqBitsToHex:
    def test_first_bit_is_most_significant(self) -> None:
        assert pdq_bits_to_hex([1] + [0] * 255) == "8" + "0" * 63
        assert pdq_bits_to_hex([0] * 255 + [1]) == "0" * 63 + "1"

    def test_refuses_the_wrong_number_of_bits(self) -> None:
        with pytest.raises(HashValueInvalid, match="256 bits"):
            pdq_bits_to_hex([0] * 8)
