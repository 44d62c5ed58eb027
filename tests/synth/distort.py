"""Image distortions of a rendered page, as a scanner or a phone camera makes them (issue 16).

Every function takes the page and a seeded random.Random and returns the new image and the
parameters it drew, so that a manifest can say exactly what was done. Pillow and numpy only.
"""

from __future__ import annotations

import io
import random
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

Params = dict[str, Any]
WHITE = (255, 255, 255)


def rasterise(pdf: bytes | str, dpi: int) -> list[Image.Image]:
    """Every page of the PDF as an RGB image at `dpi` (pdfium, as the readers' own backend)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            pages.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            page.close()
        return pages
    finally:
        doc.close()


def small_rotation(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Params]:
    """A page fed or laid slightly askew: 0.5-3 degrees either way (positive = counter-clockwise)."""
    degrees = round(rng.uniform(0.5, 3.0) * rng.choice((-1, 1)), 2)
    out = img.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=WHITE)
    return out, {"op": "rotate", "degrees": degrees}


def quarter_turn(img: Image.Image, rng: random.Random, turns: int | None = None) -> tuple[Image.Image, Params]:
    """A page scanned sideways or upside down: 90/180/270 degrees counter-clockwise, lossless."""
    turns = rng.choice((1, 2, 3)) if turns is None else turns
    method = {1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_270}[turns]
    return img.transpose(method), {"op": "quarter_turn", "degrees": 90 * turns}


def blur(img: Image.Image, rng: random.Random, dpi: int = 200) -> tuple[Image.Image, Params]:
    """Out of focus or a soft scanner: a Gaussian blur scaled to the resolution."""
    radius = round(rng.uniform(0.6, 1.6) * dpi / 200, 2)
    return img.filter(ImageFilter.GaussianBlur(radius)), {"op": "blur", "radius": radius}


def jpeg(img: Image.Image, rng: random.Random, quality: int | None = None) -> tuple[Image.Image, Params]:
    """A JPEG round trip (messengers recompress what people send)."""
    quality = rng.choice((20, 35, 50, 70, 85)) if quality is None else quality
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB"), {"op": "jpeg", "quality": quality}


def _field(shape: tuple[int, int], rng: random.Random) -> tuple[np.ndarray, Params]:
    """A brightness field in (0, 1]: a linear gradient in a random direction times a vignette."""
    h, w = shape
    angle = rng.uniform(0, 2 * np.pi)
    darkest = rng.uniform(0.55, 0.8)
    vignette = rng.uniform(0.1, 0.3)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    u = ((xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)) + 0.5
    gradient = 1 - (1 - darkest) * np.clip(u, 0, 1)
    r2 = ((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2) / 0.5
    field = gradient * (1 - vignette * r2)
    return field, {"angle": round(float(angle), 3), "darkest": round(darkest, 3), "vignette": round(vignette, 3)}


def uneven_light(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Params]:
    """A lamp to one side and a darker rim; paper slightly yellow."""
    field, params = _field((img.height, img.width), rng)
    tint = np.array([1.0, rng.uniform(0.96, 1.0), rng.uniform(0.85, 0.95)], dtype=np.float32)
    a = np.asarray(img, dtype=np.float32) * field[..., None] * tint
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), {"op": "light", **params}


def noise(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Params]:
    """Sensor grain and a few specks of dust."""
    sigma = round(rng.uniform(5, 14), 1)
    specks = rng.randint(50, 400)
    gen = np.random.default_rng(rng.getrandbits(32))
    a = np.asarray(img, dtype=np.float32) + gen.normal(0, sigma, (img.height, img.width, 1))
    ys, xs = gen.integers(0, img.height, specks), gen.integers(0, img.width, specks)
    a[ys, xs] = gen.choice([0.0, 255.0], (specks, 1))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), {"op": "noise", "sigma": sigma, "specks": specks}


def two_up(left: Image.Image, right: Image.Image, rng: random.Random) -> tuple[Image.Image, Params]:
    """Two pages side by side on one landscape sheet (an open booklet on a copier), with a shaded gutter."""
    gutter = rng.randint(20, 80)
    margin = rng.randint(10, 40)
    h = max(left.height, right.height) + 2 * margin
    w = left.width + right.width + gutter + 2 * margin
    sheet = Image.new("RGB", (w, h), WHITE)
    sheet.paste(left, (margin, margin))
    sheet.paste(right, (margin + left.width + gutter, margin))
    a = np.asarray(sheet, dtype=np.float32)
    centre = margin + left.width + gutter / 2
    xs = np.arange(w, dtype=np.float32)
    shade = 1 - 0.35 * np.exp(-((xs - centre) / (gutter * 1.5)) ** 2)
    a *= shade[None, :, None]
    image = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return image, {"op": "two_up", "gutter": gutter, "margin": margin, "split_x": int(centre)}


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Pillow's PERSPECTIVE data: the map from output (dst) points to input (src) points."""
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))]


def _background(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A desk: a flat colour with a grain along one direction."""
    base = rng.choice(((140, 100, 70), (90, 90, 95), (200, 190, 170), (60, 70, 60), (170, 150, 130)))
    gen = np.random.default_rng(rng.getrandbits(32))
    w, h = size
    grain = gen.normal(0, 12, (1, w)).repeat(h, 0) + gen.normal(0, 6, (h, w))
    a = np.array(base, dtype=np.float32)[None, None, :] + grain[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def phone_photo(img: Image.Image, rng: random.Random) -> tuple[Image.Image, Params]:
    """The page photographed on a desk: a quadrilateral warp inside a background, uneven light,
    a little blur and the camera's JPEG. `corners` are the page's corners in the photo (TL TR BR BL)."""
    w, h = (1536, 2048) if rng.random() < 0.5 else (2268, 3024)
    scale = min(w / img.width, h / img.height) * rng.uniform(0.72, 0.86)
    pw, ph = img.width * scale, img.height * scale
    cx, cy = w / 2 + rng.uniform(-0.04, 0.04) * w, h / 2 + rng.uniform(-0.04, 0.04) * h
    jitter = 0.06
    box = [(cx - pw / 2, cy - ph / 2), (cx + pw / 2, cy - ph / 2), (cx + pw / 2, cy + ph / 2), (cx - pw / 2, cy + ph / 2)]
    corners = [[round(x + rng.uniform(-jitter, jitter) * pw, 1), round(y + rng.uniform(-jitter, jitter) * ph, 1)]
               for x, y in box]
    src = [(0.0, 0.0), (float(img.width), 0.0), (float(img.width), float(img.height)), (0.0, float(img.height))]
    coeffs = _perspective_coeffs([(x, y) for x, y in corners], src)
    warped = img.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon([(x, y) for x, y in corners], fill=255)
    photo = _background((w, h), rng)
    photo.paste(warped, (0, 0), mask)
    photo, light = uneven_light(photo, rng)
    photo, soft = blur(photo, rng, dpi=150)
    photo, comp = jpeg(photo, rng, quality=rng.choice((75, 85, 92)))
    return photo, {"op": "phone_photo", "size": [w, h], "corners": corners, "light": light,
                   "blur": soft["radius"], "quality": comp["quality"]}


def image_pdf(images: list[Image.Image], dpi: int, quality: int = 90) -> bytes:
    """The images as a PDF with no text layer, one page each, sized for `dpi` (fixed dates: deterministic)."""
    import time

    fixed = time.gmtime(1767225600)  # 2026-01-01, so that the bytes do not change from run to run
    buffer = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi), quality=quality,
               creationDate=fixed, modDate=fixed, producer="tests/synth/scans.py")
    return buffer.getvalue()
