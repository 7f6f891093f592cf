"""Draw the platform icons from the one SVG: `python packaging/icons.py OUT_DIR`.

Writes caseroom.ico (Windows), caseroom.icns (macOS) and caseroom-256.png (a Linux icon
theme's hicolor/256x256/apps/org.caseroom.Caseroom.png), with Qt's own image plugins.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QIcon

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "caseroom.svg"


def main(out: Path) -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - the plugins need an application
    out.mkdir(parents=True, exist_ok=True)
    image = QIcon(str(SVG)).pixmap(256, 256).toImage()
    if image.isNull():
        print(f"could not draw {SVG} (Qt's SVG plugin missing?)", file=sys.stderr)
        return 1
    for name, fmt in (
        ("caseroom.ico", "ICO"),
        ("caseroom.icns", "ICNS"),
        ("caseroom-256.png", "PNG"),
    ):
        if not image.save(str(out / name), fmt):
            print(f"could not write {out / name}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")))
