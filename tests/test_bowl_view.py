"""The bowl a learner recognises: framing, axes outside the surface, the 1-D pictures' tangents."""

import numpy as np
import pytest

from conftest import need_module

need_module("PySide6")

from conftest import features  # noqa: E402
from lrviz.core import GradientDescent  # noqa: E402
from ui_helpers import image_pixels, needs_gl, run_to, snap  # noqa: E402


def load(qtbot, window, spec, lr):
    if window.session.loaded.dataset.source != spec:
        window.load(spec)
        qtbot.waitUntil(lambda: window.session.loaded.dataset.source == spec and snap(window) is not None
                        and snap(window).bowl is not None, timeout=15000)
    window.training.set_learning_rate(lr)


def drawn(qtbot, window, iteration):
    qtbot.waitUntil(lambda: window.bowl.bowl is not None and window.bowl.bowl.path_t[-1] == iteration,
                    timeout=10000)
    qtbot.wait(150)  # the scene repaints in the next event-loop pass
    return window.bowl.bowl


def test_the_toy_bowl_has_its_bottom_inside_and_the_point_and_arrow_in_the_box(qtbot, window):
    load(qtbot, window, "builtin:toy", 1.0)
    run_to(qtbot, window, 6)
    bowl = drawn(qtbot, window, 6)
    assert bowl.exact and bowl.bottom is not None
    s_star, b_star, _ = bowl.bottom
    assert bowl.s[0] < s_star < bowl.s[-1] and bowl.b[0] < b_star < bowl.b[-1]
    i, j = np.unravel_index(np.argmin(bowl.J), bowl.J.shape)
    assert 0 < i < len(bowl.s) - 1 and 0 < j < len(bowl.b) - 1  # the drawn grid's lowest value is inside too
    for s, b in ((bowl.path_s[-1], bowl.path_b[-1]),
                 (bowl.path_s[-1] + bowl.step_s, bowl.path_b[-1] + bowl.step_b)):  # the point, the arrow's tip
        assert bowl.s[0] <= s <= bowl.s[-1] and bowl.b[0] <= b <= bowl.b[-1]
    assert window.bowl.lesson.isHidden()  # the toy has a bottom: no "no bottom" sentence
    assert window.weights.numbers.text() == ""  # tabbed behind the Lesson: not drawn while hidden
    window.docks["weights"].raise_()  # brought forward, it catches up at once with the current w and b
    qtbot.waitUntil(lambda: "w = " in window.weights.numbers.text(), timeout=2000)
    w, b = window.session.current.w, window.session.current.b
    assert f"w = {float(w[0]):.4f}" in window.weights.numbers.text() and f"b = {b:.4f}" in window.weights.numbers.text()
    if window.bowl.is_3d:
        from lrviz.ui.panels.bowl3d import SIDE
        ball = window.bowl.scene3d.ball.transform().map(_vec(0, 0, 0))
        assert abs(ball.x()) <= SIDE / 2 and abs(ball.y()) <= SIDE / 2


def _vec(x, y, z):
    from PySide6.QtGui import QVector3D
    return QVector3D(x, y, z)


def test_the_one_variable_pictures_tangents_are_the_trainers_derivatives(qtbot, window, cats):
    run_to(qtbot, window, 40)
    bowl = drawn(qtbot, window, 40)
    engine = GradientDescent(0.005).fit(*features(cats)[:2], 40)
    dw, db = engine.gradient()
    for one, slope in ((window.bowl.slices.along_s, bowl.direction.d @ dw), (window.bowl.slices.along_b, db)):
        x, y = one.tangent.getData()
        assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(slope, rel=1e-4, abs=1e-9)
        px, _ = one.point.getData()
        nx, _ = one.next.getData()
        assert nx[0] - px[0] == pytest.approx(-0.005 * slope, rel=1e-4, abs=1e-12)  # the step −α·slope
    assert "no bottom" in window.bowl.lesson.text().lower() or bowl.bottom is not None


def _visible_only(qtbot, window, keep):
    """Show only ``keep``, repaint, and grab the screen under the 3-D view (labels are painted
    after the GL scene, so only the screen has them)."""
    scene = window.bowl.scene3d
    for item in scene.items:
        item.setVisible(item in keep)
    scene.update()
    qtbot.wait(300)
    view = window.bowl.view
    corner = view.mapToGlobal(view.rect().topLeft())
    return image_pixels(view.screen().grabWindow(0, corner.x(), corner.y(), view.width(), view.height()).toImage())


@pytest.mark.parametrize(("spec", "lr", "iters"), [("builtin:cats", 0.005, 60), ("builtin:toy", 1.0, 8)])
def test_labels_are_never_drawn_over_the_surface(qtbot, window, spec, lr, iters):
    needs_gl()
    load(qtbot, window, spec, lr)
    run_to(qtbot, window, iters)
    drawn(qtbot, window, iters)
    scene = window.bowl.scene3d
    shown = {item: item.visible() for item in scene.items}
    try:
        surface = _visible_only(qtbot, window, {scene.surface})
        covered = (surface < 245).any(axis=2)
        with_labels = _visible_only(qtbot, window, {scene.surface, scene.labels})
    finally:
        for item, visible in shown.items():
            item.setVisible(visible)
    changed = (np.abs(with_labels - surface) > 40).any(axis=2)
    assert covered.sum() > 0.05 * covered.size      # the surface fills a good part of the view
    assert changed.sum() > 200                       # the labels were drawn
    # inside the surface's outline (one pixel in from its antialiased edge) no label pixel changed
    inner = covered.copy()
    for axis in (0, 1):
        for shift in (1, -1):
            inner &= np.roll(covered, shift, axis=axis)
    assert (changed & inner).sum() == 0


def test_the_contour_map_follows_and_reads_values_on_hover(qtbot, window):
    run_to(qtbot, window, 30)
    bowl = drawn(qtbot, window, 30)
    window.bowl.tabs.setCurrentWidget(window.bowl.contour)
    qtbot.wait(100)
    m = window.bowl.contour
    xs, ys = m.point.getData()
    assert (xs[0], ys[0]) == pytest.approx((bowl.path_s[-1], bowl.path_b[-1]))
    assert len(m.level_labels) >= 3 and len(m.lines.getData()[0]) > 50
    s, b = float(np.mean(bowl.s[40:42])), float(bowl.b[50])
    m._hover(m.plot.vb.mapViewToScene(_point(s, b)))
    J = float(m.readout.text().split("J ≈ ")[1])
    assert J == pytest.approx(0.5 * (bowl.J[40, 50] + bowl.J[41, 50]), abs=1e-3)


def _point(x, y):
    from PySide6.QtCore import QPointF
    return QPointF(x, y)


def test_a_path_that_leaves_the_slice_is_dots_at_their_cost_over_a_line_on_the_slice(qtbot, window):
    """builtin:cats at α = 0.005: the cost bounces (0.65 ↔ 1.7) while the path leaves the slice and
    comes back. Joined dot to dot at their costs it stood over the surface as a white wall; the line
    is the path's trace on the slice, each dot at its true cost, a drop line between them."""
    needs_gl(window)
    load(qtbot, window, "builtin:cats", 0.005)
    run_to(qtbot, window, 100)
    bowl = drawn(qtbot, window, 100)
    from lrviz.ui.panels.bowl3d import LIFT, SHORT_ARROW, Scale
    scene, sc = window.bowl.scene3d, Scale(bowl)
    assert np.ptp(bowl.path_J) > 0.5  # the case: the true cost bounces far off the slice's value
    line, dots = scene.path.pos, scene.dots.pos
    assert line[:, 2] == pytest.approx(sc.j(bowl.path_J_plane) + LIFT, abs=1e-4)
    assert dots[:, 2] == pytest.approx(sc.j(bowl.path_J) + LIFT, abs=1e-4)
    assert np.all(np.abs(np.diff(line[:, 2])) < 0.2)  # a smooth line along the surface, no zigzag
    assert len(scene.drops.pos) >= 2 * 10  # off the slice: drop lines from the dots to it
    # the arrow is the step along the slice from the ball: tiny at α = 0.005, so not drawn (the note says so)
    assert scene.arrow_length < SHORT_ARROW and "too small" in window.bowl.note.text()
