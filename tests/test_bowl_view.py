"""The bowl a learner recognises: framing, axes outside the surface, the 1-D pictures' tangents."""

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import engine_bowl, features  # noqa: E402
from ui_helpers import image_pixels, load, needs_gl, run_to, snap  # noqa: E402

from lrviz.core.planes import AXES  # noqa: E402


def drawn(qtbot, window, iteration):
    qtbot.waitUntil(lambda: window.bowl.bowl is not None and window.bowl.bowl.path_iter[-1] == iteration,
                    timeout=10000)
    qtbot.wait(150)  # the scene repaints in the next event-loop pass
    return window.bowl.bowl


def test_the_toy_bowl_has_its_bottom_inside_and_the_point_and_arrow_in_the_box(qtbot, window):
    load(qtbot, window, "builtin:toy", 1.0)
    run_to(qtbot, window, 6)
    bowl = drawn(qtbot, window, 6)
    assert bowl.exact and bowl.bottom is not None
    s_star, b_star, _ = bowl.bottom
    assert bowl.s[0] < s_star < bowl.s[-1] and bowl.t[0] < b_star < bowl.t[-1]
    i, j = np.unravel_index(np.argmin(bowl.J), bowl.J.shape)
    assert 0 < i < len(bowl.s) - 1 and 0 < j < len(bowl.t) - 1  # the drawn grid's lowest value is inside too
    for s, b in ((bowl.path_s[-1], bowl.path_t[-1]),
                 (bowl.path_s[-1] + bowl.step_s, bowl.path_t[-1] + bowl.step_t)):  # the point, the arrow's tip
        assert bowl.s[0] <= s <= bowl.s[-1] and bowl.t[0] <= b <= bowl.t[-1]
    # α·λ_max = 0.25 at α = 1: the steps creep in; the toy has a bottom, and the ball is heading for it
    lesson = window.bowl.lesson.text()
    assert "below 1" in lesson and "green dot" in lesson.lower() and "No lowest point" not in lesson
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
    _, _, engine = engine_bowl(*features(cats)[:2], 0.005, 40)  # the same plane, chosen the same way
    assert engine.plane == bowl.plane and engine.point == pytest.approx(bowl.point, rel=1e-6)
    for one, slope in ((window.bowl.slices.along_s, engine.slope_s), (window.bowl.slices.along_t, engine.slope_t)):
        x, y = one.tangent.getData()
        assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(slope, rel=1e-4, abs=1e-9)
        px, _ = one.point.getData()
        nx, _ = one.next.getData()
        assert nx[0] - px[0] == pytest.approx(-0.005 * slope, rel=1e-4, abs=1e-12)  # the step −α·slope
    c = bowl.curvature
    assert c.alpha_lambda == pytest.approx(engine.curvature.alpha_lambda, rel=1e-5)
    assert window.bowl.slices.gauge.value == c.alpha_lambda and f"{c.alpha_lambda:.2f}" in window.bowl.lesson.text()


def test_a_small_alpha_lambda_is_written_with_its_digits_not_as_zero(qtbot, window):
    load(qtbot, window, "builtin:toy", 0.005)
    run_to(qtbot, window, 3)
    c = drawn(qtbot, window, 3).curvature
    assert 0 < c.alpha_lambda < 0.01
    written = f"{c.alpha_lambda:.2g}"
    assert window.bowl.slices.gauge.text().endswith(f"= {written}") and written in window.bowl.lesson.text()


def _visible_only(qtbot, window, keep):
    """Show only ``keep``, repaint, and grab the screen under the 3-D view (labels are painted
    after the GL scene, so only the screen has them)."""
    scene = window.bowl.scene3d
    for item in scene.items:
        item.setVisible(item in keep)
    scene.update()
    qtbot.wait(300)
    view = scene.widget(window.bowl)
    corner = view.mapToGlobal(view.rect().topLeft())
    return image_pixels(view.screen().grabWindow(0, corner.x(), corner.y(), view.width(), view.height()).toImage())


@pytest.mark.parametrize(("spec", "lr", "iters"), [("builtin:cats", 0.005, 60), ("builtin:toy", 1.0, 8)])
def test_labels_are_never_drawn_over_the_surface(qtbot, window, spec, lr, iters):
    needs_gl()
    load(qtbot, window, spec, lr)
    run_to(qtbot, window, iters)
    drawn(qtbot, window, iters)
    scene = window.bowl.scene3d
    # the two pictures compared are of one surface: none being eased in between them (the paused
    # run's full surface may arrive just after the run stops; under load that took long enough)
    qtbot.waitUntil(lambda: not scene._ease.isActive() and scene._pending is None, timeout=10000)
    qtbot.wait(200)
    qtbot.waitUntil(lambda: not scene._ease.isActive() and scene._pending is None, timeout=10000)
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
    assert (xs[0], ys[0]) == pytest.approx((bowl.path_s[-1], bowl.path_t[-1]))
    assert len(m.level_labels) >= 3 and len(m.lines.getData()[0]) > 50
    s, b = float(np.mean(bowl.s[40:42])), float(bowl.t[50])
    m._hover(m.plot.vb.mapViewToScene(_point(s, b)))
    J = float(m.readout.text().split("J ≈ ")[1])
    assert J == pytest.approx(0.5 * (bowl.J[40, 50] + bowl.J[41, 50]), abs=1e-3)


def _point(x, y):
    from PySide6.QtCore import QPointF
    return QPointF(x, y)


def test_the_bounce_across_the_valley_is_drawn_step_by_step_on_the_slice(qtbot, window):
    """builtin:cats at α = 0.005: the cost zig-zags, α·λ_max > 2, and the path bounces across the
    valley in the slice: the last steps as a bold zig-zag in t, the earlier ones as dots; the line is
    the path's trace on the slice, each dot at its true cost, a drop line where one is off the slice."""
    needs_gl(window)
    load(qtbot, window, "builtin:cats", 0.005)
    run_to(qtbot, window, 100)
    bowl = drawn(qtbot, window, 100)
    from lrviz.ui.panels.bowl3d import LIFT, RECENT_STEPS, Scale
    scene, sc = window.bowl.scene3d, Scale(bowl)
    assert bowl.plane.kind == "valley" and bowl.curvature.alpha_lambda > 2
    line, dots = scene.path.pos, scene.dots.pos
    assert len(line) == len(dots) == RECENT_STEPS and len(scene.old_path.pos) == len(bowl.path_s) - RECENT_STEPS
    assert line[:, 2] == pytest.approx(sc.j(bowl.path_J_plane[-RECENT_STEPS:]) + LIFT, abs=1e-4)
    assert dots[:, 2] == pytest.approx(sc.j(bowl.path_J[-RECENT_STEPS:]) + LIFT, abs=1e-4)
    across = np.diff(line[:, 1])  # the box's y is t: from wall to wall and back at every step
    assert np.all(np.sign(across[1:]) != np.sign(across[:-1])) and np.abs(across).min() > 0.5
    off = np.abs(sc.j(bowl.path_J) - sc.j(bowl.path_J_plane)) > 0.05
    assert len(scene.drops.pos) == 2 * off.sum() or (off.sum() == 0 and len(scene.drops.pos) == 2)


def test_another_runs_path_is_drawn_only_where_it_is_over_the_surface():
    """A kept run's path that leaves the view (framed on the followed run) stops at the box's edge,
    not hanging in the air past the surface: only the steps with both ends over the floor are drawn."""
    from lrviz.ui.panels.bowl3d import SIDE, inside_segments
    half = SIDE / 2
    pts = np.array([[0, 0, 1], [1, 1, 1], [half + 1, 0, 1], [2, -1, 1], [3, -2, 1], [0, half + 3, 1]], float)
    segments = inside_segments(pts).reshape(-1, 2, 3)
    np.testing.assert_array_equal(segments, [[pts[0], pts[1]], [pts[3], pts[4]]])
    assert inside_segments(pts[[2, 5]]).shape == (0, 3)


def test_the_slopes_are_named_by_the_letters_of_the_plane_shown_after_a_load(qtbot, window):
    """The slices are drawn before the bowl panel names a new kind of plane: paused after a load,
    the cats' slopes were said as dJ/dw and dJ/db, the toy's letters (no later frame came)."""
    def said():
        return [label.text().split(" = ")[0] for label in window.bowl.slices.numbers]

    def shown(spec):
        load(qtbot, window, spec)
        qtbot.waitUntil(lambda: window.bowl.bowl is not None and window.bowl.bowl is snap(window).bowl, timeout=10000)
        qtbot.wait(100)  # the paced panels draw the new bowl
        return said()

    kind = snap(window).bowl.plane.kind
    letters = [f"dJ/d{letter}" for letter, _ in AXES[kind]]
    assert said() == letters
    assert shown("builtin:toy") == ["dJ/dw", "dJ/db"] and snap(window).bowl.plane.kind == "exact"
    assert shown("builtin:cats") == letters


def test_a_gauge_zone_too_narrow_for_its_words_shows_its_range_not_a_cut_word(qapp):
    """At 1366 × 768 the red zone read "> 2: bou…"; now "> 2" (the words whole where they fit), in
    Chinese too (its colon is full-width)."""
    from PySide6.QtGui import QFont, QFontMetrics

    from lrviz.ui.panels.slices import fitted
    fm = QFontMetrics(QFont())
    for words in ("> 2: bounce would grow", "> 2：弹跳会变大"):
        assert fitted(words, fm, fm.horizontalAdvance(words)) == words
        assert fitted(words, fm, fm.horizontalAdvance(words) - 5) == "> 2"
    tiny = fitted("1–2: bounce settles", fm, 8)
    assert fm.horizontalAdvance(tiny) <= 8 and not tiny.startswith("1–2")  # not even the range: elided, never wider
