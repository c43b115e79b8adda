"""Generated, innocuous test images (shapes, noise, text) and transformed copies of them."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageOps

SIZE = 320


def shapes(seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", (SIZE, SIZE), tuple(int(c) for c in rng.integers(0, 256, 3)))
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x0, y0 = (int(v) for v in rng.integers(0, SIZE - 60, 2))
        x1, y1 = x0 + int(rng.integers(30, 160)), y0 + int(rng.integers(30, 160))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        else:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
    return image


def noise(seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)
    return Image.fromarray(small).resize((SIZE, SIZE), Image.Resampling.BICUBIC)


def text(words: str) -> Image.Image:
    image = Image.new("RGB", (SIZE, SIZE), "white")
    draw = ImageDraw.Draw(image)
    for row in range(8):
        draw.text((10, 10 + row * 38), f"{words} {row}", fill="black", font_size=30)
    return image


def resized(image: Image.Image) -> Image.Image:
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)


def cropped(image: Image.Image) -> Image.Image:
    dx, dy = image.width * 6 // 100, image.height * 6 // 100
    return image.crop((dx, dy, image.width - dx, image.height - dy))


def mirrored(image: Image.Image) -> Image.Image:
    return ImageOps.mirror(image)


def as_jpeg(image: Image.Image, quality: int = 50) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def as_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


TRANSFORMS: dict[str, Callable[[Image.Image], bytes]] = {
    "resize": lambda i: as_png(resized(i)),
    "crop": lambda i: as_png(cropped(i)),
    "jpeg": lambda i: as_jpeg(i, 50),
    "mirror": lambda i: as_png(mirrored(i)),
}
