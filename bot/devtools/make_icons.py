"""Draw the Teams app icons: color.png (192×192, full colour) and outline.png (32×32, white on transparent).

Pure Python (zlib + struct), so no image library is needed. Run from anywhere:
``python -m bot.devtools.make_icons``; the PNGs land in ``deploy/teams/`` (deploy/ holds no code).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "deploy" / "teams"
BLUE = (31, 95, 139, 255)  # the manifest's accentColor #1F5F8B
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(width: int, height: int, pixel) -> bytes:  # type: ignore[no-untyped-def]
    """Encode an RGBA image given as ``pixel(x, y) -> (r, g, b, a)``."""
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def archive_box(x: float, y: float) -> bool:
    """An archive box with a lid and a handle slot, in unit coordinates (0..1)."""
    lid = 0.20 <= x <= 0.80 and 0.24 <= y <= 0.38
    box = 0.25 <= x <= 0.75 and 0.40 <= y <= 0.78
    slot = 0.40 <= x <= 0.60 and 0.50 <= y <= 0.57
    return (lid or box) and not slot


def color_pixel(x: int, y: int) -> tuple[int, int, int, int]:
    u, v = (x + 0.5) / 192, (y + 0.5) / 192
    return WHITE if archive_box(u, v) else BLUE


def outline_pixel(x: int, y: int) -> tuple[int, int, int, int]:
    u, v = (x + 0.5) / 32, (y + 0.5) / 32
    return WHITE if archive_box(u, v) else CLEAR


def main() -> None:
    (HERE / "color.png").write_bytes(png(192, 192, color_pixel))
    (HERE / "outline.png").write_bytes(png(32, 32, outline_pixel))
    print(f"wrote {HERE / 'color.png'} and {HERE / 'outline.png'}")


if __name__ == "__main__":
    main()
