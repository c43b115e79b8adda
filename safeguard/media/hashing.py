"""Hashing one seized file: MD5 and SHA-1 of its bytes, PDQ of its image, a blurred thumbnail.

The image is decoded in memory and dropped; only the hashes and a 96-pixel thumbnail blurred
past recognition are kept (the review page shows nothing else by default).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pdqhash  # type: ignore[import-untyped]  # no type information published
from PIL import Image, ImageFile, ImageFilter, UnidentifiedImageError

THUMBNAIL_PIXELS = 96
THUMBNAIL_BLUR_RADIUS = 8
# PDQ reduces every image to 64 x 64 luminance; hashing a copy at most 512 pixels across,
# as Meta's PDQ tools do for speed, changes the hash by at most a few bits.
HASH_PIXELS = 512
MAX_IMAGE_PIXELS = 100_000_000


@dataclass(frozen=True)
class FileHashes:
    size: int
    md5: str
    sha1: str
    pdq: str | None = None
    pdq_quality: int | None = None
    dihedral: tuple[str, ...] = field(default=())  # the PDQ of all 8 rotations and mirrors
    thumbnail: bytes = b""
    error: str = ""


def _bits_hex(bits: np.ndarray) -> str:
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
    blurred = small.filter(ImageFilter.GaussianBlur(THUMBNAIL_BLUR_RADIUS))
    out = io.BytesIO()
    blurred.save(out, format="JPEG", quality=70)
    return out.getvalue()


_DECODING = threading.Lock()


@contextlib.contextmanager
def strict_decoding() -> Iterator[None]:
    """Refuse truncated image data while decoding, whatever another library set.

    Pillow's ``ImageFile.LOAD_TRUNCATED_IMAGES`` is process-wide, and WeasyPrint (the
    inspection pack) turns it on when imported: a truncated seized file would then be
    hashed as if whole, grey where its data is missing. Triage must report it instead.
    """
    with _DECODING:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def image_decode(data: bytes) -> tuple[Image.Image | None, str]:
    """Return the decoded RGB image, or None and a message saying why it cannot be read."""
    if not data:
        return None, "The file is empty."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None, (
                    f"The image is {image.width} x {image.height} pixels, larger than "
                    f"{MAX_IMAGE_PIXELS:,} pixels in all."
                )
            with strict_decoding():
                image.load()
            return image.convert("RGB"), ""
    except UnidentifiedImageError:
        return None, "Not an image file that can be read (unknown format, or the data is corrupt)."
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None, "The image is too large to decode safely."
    except (OSError, SyntaxError, ValueError) as exc:
        return None, f"The image data is corrupt or truncated ({exc})."


def pdq_of_image(image: Image.Image) -> tuple[str, int, tuple[str, ...]]:
    """Return the PDQ hash of an RGB image, its quality, and the hashes of its 8 orientations."""
    work = image.copy()
    work.thumbnail((HASH_PIXELS, HASH_PIXELS))
    pixels = np.asarray(work, dtype=np.uint8)
    variants, quality = pdqhash.compute_dihedral(pixels)
    dihedral = tuple(_bits_hex(v) for v in variants)
    return dihedral[0], int(quality), dihedral


def file_hash(data: bytes) -> FileHashes:
    """Return every hash of a file; an unreadable image still has its MD5 and SHA-1."""
    md5 = hashlib.md5(data, usedforsecurity=False).hexdigest()
    sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    image, error = image_decode(data)
    if image is None:
        return FileHashes(size=len(data), md5=md5, sha1=sha1, error=error)
    pdq, quality, dihedral = pdq_of_image(image)
    return FileHashes(
        size=len(data),
        md5=md5,
        sha1=sha1,
        pdq=pdq,
        pdq_quality=quality,
        dihedral=dihedral,
        thumbnail=_thumbnail(image),
    )
