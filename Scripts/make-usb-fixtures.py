#!/usr/bin/env python3
"""Writes the replay frames of the USB gadget VM test (Tests/Fixtures/usb: one code per 640x480 grey
frame (PNG), replayed in name order): digits (EAN-13), letters (QR), punctuation (QR: every printable ASCII
symbol), and a GS1-128 code whose variable-length field ends in a GS separator. Run with segno,
python-barcode and Pillow (versions in ../shared/bench/requirements.txt). The images are committed;
this script documents how they were made. The texts are repeated in Scripts/test-usb-gadget-vm.sh."""
import io, os, segno
from PIL import Image
import barcode
from barcode.writer import ImageWriter

out = os.path.join(os.path.dirname(__file__), '..', 'Tests', 'Fixtures', 'usb')
os.makedirs(out, exist_ok=True)

def frame_with(code):
    frame = Image.new('L', (640, 480), 255)
    frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    return frame

def qr(text):
    buf = io.BytesIO()
    segno.make_qr(text, error='M').save(buf, kind='png', scale=4, border=4)
    return Image.open(io.BytesIO(buf.getvalue())).convert('L')

def linear(kind, data):
    buf = io.BytesIO()
    barcode.get(kind, data, writer=ImageWriter()).write(
        buf, options={'module_width': 0.2, 'module_height': 12, 'quiet_zone': 2, 'font_size': 0, 'dpi': 254})
    return Image.open(io.BytesIO(buf.getvalue())).convert('L')

frame_with(linear('ean13', '4006381333931')).save(os.path.join(out, '1-digits.png'))
frame_with(qr('Lumascan Keyboard Wedge')).save(os.path.join(out, '2-letters.png'))
frame_with(qr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")).save(os.path.join(out, '3-punctuation.png'))
# GS1-128 (FNC1 first): (10) lot, variable length, so FNC1 (sent as GS) before (21) serial.
# python-barcode takes the element string without parentheses and FNC1 as U+00F1.
frame_with(linear('gs1_128', '10AB12\xf121X9')).save(os.path.join(out, '4-gs1.png'))
print('fixtures written to', os.path.abspath(out))
