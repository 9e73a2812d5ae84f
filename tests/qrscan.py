"""Scan a QR code shown in a page: Chromium draws the SVG, zxing-cpp (a real decoder) reads the pixels."""

from __future__ import annotations

import zxingcpp

SIZE = 400
DRAW_GREY = """async ([selector, size]) => {
  const svg = document.querySelector(selector);
  const image = new Image();
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size, size);
  context.drawImage(image, 0, 0, size, size);
  const rgba = context.getImageData(0, 0, size, size).data;
  return Array.from({length: size * size}, (_, i) => rgba[4 * i]);
}"""


def scan(page, selector: str) -> list[str]:
    """The texts of the QR codes found in the SVG at selector (an empty list if it does not scan)."""
    grey = bytes(page.evaluate(DRAW_GREY, [selector, SIZE]))
    image = memoryview(grey).cast("B", (SIZE, SIZE))
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
