#!/usr/bin/env python3
"""Draws the three tab-bar icons (首页 / 亮岗 / 我的) as small PNGs, grey and Party red.

No image library needed: shapes are rasterised with 4x4 supersampling and written with zlib.
Run from miniapp/: python3 scripts/gen-tab-icons.py  (the PNGs are committed; rerun only to change them)
"""
import math
import os
import struct
import zlib

SIZE = 81
SS = 4
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'assets', 'tab')
COLOURS = {'': (0x66, 0x66, 0x66), '-active': (0xC8, 0x10, 0x2E)}


def in_poly(x, y, pts):
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def rect(x0, y0, x1, y1):
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def ring(cx, cy, r, w):
    return lambda x, y: (r - w) ** 2 <= (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def poly(*pts):
    return lambda x, y: in_poly(x, y, pts)


def minus(a, b):
    return lambda x, y: a(x, y) and not b(x, y)


def union(*fs):
    return lambda x, y: any(f(x, y) for f in fs)


# Coordinates on an 81 x 81 canvas.
HOME = union(
    minus(poly((40.5, 10), (72, 38), (65, 38), (65, 70), (16, 70), (16, 38), (9, 38)),
          rect(33, 48, 48, 71)),
)
BOARD = union(  # a badge: a card with a head and two lines
    minus(rect(12, 14, 69, 68), rect(17, 19, 64, 63)),
    circle(30, 34, 7),
    poly((19, 56), (41, 56), (38, 45), (22, 45)),
    rect(45, 30, 60, 34), rect(45, 40, 60, 44), rect(45, 50, 56, 54),
)
ME = union(
    circle(40.5, 27, 14),
    minus(circle(40.5, 78, 30), rect(0, 72, 81, 81)),
)


def draw(shape, rgb):
    rows = []
    for py in range(SIZE):
        row = bytearray([0])
        for px in range(SIZE):
            hits = 0
            for sy in range(SS):
                for sx in range(SS):
                    if shape(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS):
                        hits += 1
            alpha = round(255 * hits / (SS * SS))
            row += bytes(rgb) + bytes([alpha])
        rows.append(bytes(row))
    raw = b''.join(rows)

    def chunk(kind, data):
        c = kind + data
        return struct.pack('>I', len(data)) + c + struct.pack('>I', zlib.crc32(c) & 0xFFFFFFFF)

    ihdr = struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


os.makedirs(OUT, exist_ok=True)
for name, shape in (('home', HOME), ('board', BOARD), ('me', ME)):
    for suffix, rgb in COLOURS.items():
        with open(os.path.join(OUT, f'{name}{suffix}.png'), 'wb') as f:
            f.write(draw(shape, rgb))
print('icons written to', os.path.normpath(OUT))
