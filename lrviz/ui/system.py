"""What the window needs from the operating system, checked before Qt starts: on a bare Linux
machine Qt's xcb platform plugin aborts with a generic message ("could not load the Qt platform
plugin xcb") when a library it links is missing. No Qt here."""

from __future__ import annotations

import ctypes.util
import os
import sys

# libraries Qt's xcb plugin loads that are often missing, and their Debian / Ubuntu packages
XCB_LIBRARIES = (("xcb-cursor", "libxcb-cursor0"), ("xkbcommon-x11", "libxkbcommon-x11-0"),
                 ("xcb-icccm", "libxcb-icccm4"), ("xcb-image", "libxcb-image0"), ("xcb-keysyms", "libxcb-keysyms1"),
                 ("xcb-render-util", "libxcb-render-util0"), ("xcb-shape", "libxcb-shape0"))
APT_LINE = "sudo apt-get install -y " + " ".join(package for _, package in XCB_LIBRARIES)


def missing_packages() -> list[str]:
    """The Debian packages of the libraries Qt's xcb plugin needs that this machine lacks (only
    when the window would use xcb: Linux, an X display, no other platform asked for)."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return []
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("xcb", ""):
        return []
    return [package for library, package in XCB_LIBRARIES if ctypes.util.find_library(library) is None]
