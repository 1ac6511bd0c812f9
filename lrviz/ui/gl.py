"""Can this session draw OpenGL? Qt's offscreen platform, a VM or a remote desktop may not."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

from lrviz.ui.i18n import QT_TRANSLATE_NOOP, translate

# the sentences are shown in the bowl panel ("3-D view unavailable: …"), so they share its context
NO_GL_PLATFORM = QT_TRANSLATE_NOOP("BowlPanel", "Qt's “{platform}” platform has no OpenGL")
NO_CONTEXT = QT_TRANSLATE_NOOP("BowlPanel", "no OpenGL context could be created")
NOT_CURRENT = QT_TRANSLATE_NOOP("BowlPanel", "an OpenGL context could not be made current")
NO_GLX = QT_TRANSLATE_NOOP("BowlPanel", "PyOpenGL sees no current context (an X server without GLX?)")
PYOPENGL_FAILED = QT_TRANSLATE_NOOP("BowlPanel", "PyOpenGL failed: {error}")


def gl_problem() -> str | None:
    """None if a 3-D view will work, else a sentence saying why not, in the current language (the
    session is probed once: calling again after a language switch gives the sentence in the new one)."""
    problem = _probe()
    if problem is None:
        return None
    text, values = problem
    return translate("BowlPanel", text).format(**dict(values))


@cache
def _probe() -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """None, or (the untranslated sentence, its placeholders' values)."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        return NO_GL_PLATFORM, (("platform", platform),)
    context = QOpenGLContext()
    if not context.create():
        return NO_CONTEXT, ()
    surface = QOffscreenSurface()
    surface.create()
    if not context.makeCurrent(surface):
        return NOT_CURRENT, ()
    try:
        from OpenGL import platform as gl_platform
        if not gl_platform.PLATFORM.GetCurrentContext():
            return NO_GLX, ()
    except Exception as e:  # noqa: BLE001 — any failure here means: no 3-D
        return PYOPENGL_FAILED, (("error", str(e)),)
    finally:
        context.doneCurrent()
    return None
