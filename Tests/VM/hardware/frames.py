#!/usr/bin/env python3
"""Writes the raw frames the hardware tests feed through vivid and the replay source:
a QR Code (Tests/Fixtures/qr.pgm, "Lumascan fixture QR", scaled 3x), two EAN-13 symbols drawn here
from the standard's tables, and a blank frame, each as GREY, YUYV and NV12 (white background,
neutral chroma).

    frames.py QR_PGM OUT_DIR WIDTH HEIGHT     writes OUT_DIR/{qr,ean-4006381333931,ean-5901234123457,blank}.{GREY,YUYV,NV12}
"""
import sys

W, H = int(sys.argv[3]), int(sys.argv[4])
WHITE, BLACK = 235, 16

# EAN-13 (ISO/IEC 15420): left-hand digits in odd (L) or even (G) parity chosen by the first digit,
# right-hand digits in R; G is R reversed, R is L inverted.
L = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"]
R = ["".join("1" if b == "0" else "0" for b in code) for code in L]
G = [code[::-1] for code in R]
PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLG", "LGLGGL", "LGLGLG", "LGGLGL"]


def ean13_modules(digits):
    d = [int(c) for c in digits]
    assert len(d) == 13 and (10 - sum(x * (3 if i % 2 else 1) for i, x in enumerate(d[:12])) % 10) % 10 == d[12]
    bits = "101"
    for i, x in enumerate(d[1:7]):
        bits += (L if PARITY[d[0]][i] == "L" else G)[x]
    bits += "01010"
    for x in d[7:]:
        bits += R[x]
    return bits + "101"


def blank():
    return [[WHITE] * W for _ in range(H)]


def ean_frame(digits, module=4, height=300):
    top = (H - height) // 2
    img = blank()
    bits = ean13_modules(digits)
    x0 = (W - len(bits) * module) // 2
    for i, b in enumerate(bits):
        if b == "1":
            for y in range(top, top + height):
                for x in range(x0 + i * module, x0 + (i + 1) * module):
                    img[y][x] = BLACK
    return img


def qr_frame(path, scale=3):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # P5 width height maxval, whitespace-separated, comments skipped
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos:pos + w * h]
    img = blank()
    x0, y0 = (W - w * scale) // 2, (H - h * scale) // 2
    for y in range(h * scale):
        row = pixels[(y // scale) * w:(y // scale + 1) * w]
        for x in range(w * scale):
            img[y0 + y][x0 + x] = BLACK if row[x // scale] < 128 else WHITE
    return img


def write(img, base):
    grey = bytes(v for row in img for v in row)
    open(base + ".GREY", "wb").write(grey)
    yuyv = bytearray()
    for row in img:
        for x in range(0, W, 2):
            yuyv += bytes((row[x], 128, row[x + 1], 128))
    open(base + ".YUYV", "wb").write(bytes(yuyv))
    open(base + ".NV12", "wb").write(grey + bytes([128]) * (W * H // 2))


if __name__ == "__main__":
    qr, out = sys.argv[1], sys.argv[2]
    write(qr_frame(qr), out + "/qr")
    for digits in ("4006381333931", "5901234123457"):
        write(ean_frame(digits), out + "/ean-" + digits)
    write(blank(), out + "/blank")
