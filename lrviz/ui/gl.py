"""Can this session draw OpenGL? Qt's offscreen platform, a VM or a remote desktop may not."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext


def gl_problem() -> str | None:
    """None if a 3-D view will work, else a sentence saying why not."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return f"Qt's “{platform}” platform has no OpenGL"
    context = QOpenGLContext()
    if not context.create():
        return "no OpenGL context could be created"
    surface = QOffscreenSurface()
    surface.create()
    if not context.makeCurrent(surface):
        return "an OpenGL context could not be made current"
    try:
        from OpenGL import platform as gl_platform
        if not gl_platform.PLATFORM.GetCurrentContext():
            return "PyOpenGL sees no current context (an X server without GLX?)"
    except Exception as e:  # noqa: BLE001 — any failure here means: no 3-D
        return f"PyOpenGL failed: {e}"
    finally:
        context.doneCurrent()
    return None
