#!/usr/bin/env python3
"""Writes the small test images in Tests/Fixtures (run with a Python that has segno, python-barcode and
Pillow, e.g. the benchmark venv). The images are committed; this script documents how they were made."""
import io, os, segno
from PIL import Image, ImageFilter
import barcode
from barcode.writer import ImageWriter

out = os.path.join(os.path.dirname(__file__), '..', 'Tests', 'Fixtures')
os.makedirs(out, exist_ok=True)

def qr_image(text, scale=4):
    buf = io.BytesIO()
    segno.make_qr(text, error='M').save(buf, kind='png', scale=scale, border=4)
    return Image.open(io.BytesIO(buf.getvalue())).convert('L')

qr = qr_image('Lumascan fixture QR')
qr.save(os.path.join(out, 'qr.png'))
qr.convert('RGB').save(os.path.join(out, 'qr-colour.jpg'), quality=90)
qr.save(os.path.join(out, 'qr.pgm'))
qr.convert('RGB').save(os.path.join(out, 'qr.ppm'))
# A camera-like grey frame: the code turned and blurred on a grey background.
frame = Image.new('L', (320, 240), 170)
turned = qr_image('https://example.com/lumascan', scale=3).rotate(17, expand=True, fillcolor=170)
frame.paste(turned, (60, 20))
frame.filter(ImageFilter.GaussianBlur(0.7)).save(os.path.join(out, 'qr-turned.png'))
ean = barcode.get('ean13', '4006381333931', writer=ImageWriter())
buf = io.BytesIO()
ean.write(buf, options={'module_width': 0.3, 'module_height': 12, 'quiet_zone': 4, 'font_size': 0, 'dpi': 150})
Image.open(io.BytesIO(buf.getvalue())).convert('L').save(os.path.join(out, 'ean13.png'))
Image.new('L', (64, 48), 255).save(os.path.join(out, 'blank.png'))
print('fixtures written to', os.path.abspath(out))
