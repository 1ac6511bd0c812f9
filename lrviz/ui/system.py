"""What the window needs from the operating system, checked before Qt starts: on a bare Linux
machine Qt's xcb platform plugin aborts with a generic message ("could not load the Qt platform
plugin xcb") when a library it links is missing, and with no display at all (DISPLAY unset, e.g.
over SSH) it aborts saying that libxcb-cursor0 is needed, though it is installed. No Qt here."""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import signal
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


def display_problem() -> str | None:
    """Why the window cannot open here, or None: on Linux, Qt's xcb and wayland platforms need a
    display (another platform asked for in QT_QPA_PLATFORM, e.g. offscreen, is Qt's own business)."""
    if not sys.platform.startswith("linux") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] not in ("xcb", "wayland", "wayland-egl", ""):
        return None
    return ("no display to open the window on (DISPLAY is not set: over SSH, use ssh -X or a desktop); "
            "the command line needs none: lrviz train --data PATH, lrviz predict --model MODEL.npz IMAGE…")


@contextlib.contextmanager
def ctrl_c_noted():
    """A Ctrl+C inside is noted, not raised, and raised as KeyboardInterrupt on leaving (unless
    something else went wrong there): raised while Qt is imported, PySide's start-up code swallows
    the KeyboardInterrupt (the window then opened regardless) or aborts the process."""
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if noted:
        raise KeyboardInterrupt
