"""Placeholder pictures drawn with Pillow, so demo and generated content ship no binary files."""

import io

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from django.core.files.images import ImageFile


def placeholder_picture(label, color, file_name):
    """A 1200×800 PNG in `color` with `label` on a white band, ready for an image's `file`."""
    picture = PILImage.new("RGB", (1200, 800), color)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((60, 560, 1140, 740), fill="#ffffff")
    draw.text((90, 610), label, fill="#1b1b1b", font=ImageFont.load_default(size=64))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ImageFile(buffer, name=file_name)
