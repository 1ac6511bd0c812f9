"""Adding a loss is one new object and nothing else: a third loss, defined here (twice the
cross-entropy: the same lowest point, twice the gradient), registered, is trained by the trainer and
a race, drawn by the bowl, shown by the computation graph and loss vs cost, accepted by
`lrviz train --loss`, and listed in the window's Loss menu and surface menu — with no other edit."""

import numpy as np
import pytest
from conftest import features, need_module

from lrviz.core import GradientDescent, losses
from lrviz.core.explain import step_detail
from lrviz.core.lossview import loss_curves, loss_points
from lrviz.core.race import Race
from lrviz.core.tracker import BowlTracker, trainer_options

CE = losses.get("cross_entropy")


class TwiceCrossEntropy(losses.Loss):
    """L = 2·(the cross-entropy): convex, its lowest point the cross-entropy's, every derivative doubled.
    No margin form: it is trained the general way (losses and dz from the logits)."""

    name = "twice_cross_entropy"
    label = "Twice the cross-entropy"
    surface_label = "J with twice the cross-entropy"
    noun = "2 × cross-entropy"
    formula = "−2[y log ŷ + (1 − y) log(1 − ŷ)]"
    branches = ("−2 log ŷ", "−2 log(1 − ŷ)")
    dz_formula = "2({a} − {y})"
    convex = True

    def losses(self, z, y):
        return 2.0 * CE.losses(z, y)

    def dz(self, z, y):
        return 2.0 * CE.dz(z, y)

    def da(self, z, y):
        return 2.0 * CE.da(z, y)

    def curvature(self, z, y):
        return 2.0 * CE.curvature(z, y)


@pytest.fixture
def twice():
    loss = losses.register(TwiceCrossEntropy())
    yield loss.name
    losses.unregister(loss.name)
    assert loss.name not in losses.names()


def test_the_trainer_descends_it_with_twice_the_cross_entropys_gradient(twice, cats):
    X, y, X_test, y_test = features(cats, "float64")
    for solver in ("primal", "gram"):
        run = GradientDescent(0.005, dtype="float64", solver=solver, loss=twice).start(X, y, X_test, y_test)
        ce = GradientDescent(0.01, dtype="float64", solver=solver).start(X, y, X_test, y_test)
        assert run.cost_ == pytest.approx(2 * np.log(2), rel=1e-15)
        np.testing.assert_allclose(run.gradient()[0], 2 * ce.gradient()[0], rtol=1e-12, atol=1e-15)
        run.step(40)
        ce.step(40)  # α·(2·dw) = (2α)·dw: the same iterates as the cross-entropy at twice the rate
        np.testing.assert_allclose(run.w_, ce.w_, rtol=1e-9, atol=1e-12)
        assert run.cost_ == pytest.approx(2 * ce.cost_, rel=1e-12) and run.cost_ < 2 * np.log(2)
        assert run.history_.evals.last[3] == pytest.approx(2 * ce.history_.evals.last[3], rel=1e-12)  # the test cost
    # the gradient is the derivative of its cost: central differences along dw and along b
    dw, db = run.gradient()
    d, e = dw / np.linalg.norm(dw), 1e-6
    along = (run.evaluate(run.w_ + e * d, run.b_)[0] - run.evaluate(run.w_ - e * d, run.b_)[0]) / (2 * e)
    assert d @ dw == pytest.approx(along, rel=1e-6)
    assert db == pytest.approx((run.evaluate(run.w_, run.b_ + e)[0] - run.evaluate(run.w_, run.b_ - e)[0]) / (2 * e),
                               rel=1e-6)


def test_a_race_trains_it_the_runs_own_way(twice, cats):
    X, y, _, _ = features(cats, "float64")
    race = Race([0.01, 0.001], dtype="float64", loss=twice).start(X, y)
    assert race._folded() is None  # the fold is the margin form's; this loss has none
    race.step(30)
    for run, lr in zip(race.runs_, (0.01, 0.001), strict=True):
        alone = GradientDescent(lr, dtype="float64", loss=twice).fit(X, y, 30)
        np.testing.assert_allclose(run.w_, alone.w_, rtol=1e-9, atol=1e-12)


def test_the_bowl_draws_its_surface_and_claims_its_lowest_point(twice, toy):
    """On the toy's one weight the plane is all of (w, b): its J is twice the cross-entropy's, with
    the same lowest point, and the path the cross-entropy's at twice the rate."""
    X, y, _, _ = features(toy, "float64", "standardize")
    bowls = {}
    for loss, lr in ((twice, 0.5), ("cross_entropy", 1.0)):
        run = GradientDescent(lr, dtype="float64", loss=loss, **trainer_options(X)).fit(X, y, 20)
        bowls[loss] = BowlTracker(surface=loss).bowl(run, lr, 41)
    mine, ce = bowls[twice], bowls["cross_entropy"]
    assert mine.loss == mine.trained == twice and mine.exact
    np.testing.assert_allclose(mine.path_s, ce.path_s, atol=1e-9)
    np.testing.assert_allclose((mine.s, mine.t), (ce.s, ce.t), rtol=1e-9)
    np.testing.assert_allclose(mine.J, 2 * ce.J, atol=1e-5)  # the cross-entropy's grid is float32-accurate
    assert mine.bottom is not None and mine.bottom[:2] == pytest.approx(ce.bottom[:2], abs=1e-6)
    assert mine.bottom[2] == pytest.approx(2 * ce.bottom[2], rel=1e-9)
    assert mine.curvature.alpha_lambda == pytest.approx(ce.curvature.alpha_lambda, rel=1e-6)
    assert (mine.slope_s, mine.slope_t) == pytest.approx((2 * ce.slope_s, 2 * ce.slope_t), rel=1e-9)
    assert mine.outlook.kind != "none"  # convex: the green dot's outlook is said


def test_the_graph_and_loss_vs_cost_show_its_numbers(twice, cats):
    X, y, _, _ = features(cats, "float64")
    run = GradientDescent(0.005, dtype="float64", loss=twice).fit(X, y, 10)
    dw, db = run.gradient()
    i = int(np.flatnonzero(y == 1)[0])
    d = step_detail(10, i, X, y, run.w_, run.b_, run.cost_, dw, db, 0.005, twice)
    assert d.loss_name == twice and d.dz == pytest.approx(2 * (d.y_hat - 1), rel=1e-12)
    assert d.da == pytest.approx(-2 / d.y_hat, rel=1e-9) and d.loss == pytest.approx(-2 * np.log(d.y_hat), rel=1e-12)
    z = X @ run.w_ + run.b_
    assert loss_points(z, y, twice).cost == pytest.approx(run.cost_, rel=1e-12)
    _, if_cat, if_not = loss_curves(twice, 11)
    _, ce_cat, ce_not = loss_curves("cross_entropy", 11)
    np.testing.assert_allclose((if_cat, if_not), (2 * ce_cat, 2 * ce_not), rtol=1e-15)


def test_lrviz_train_accepts_it_as_a_loss(twice, capsys):
    from lrviz.cli import main
    assert main(["train", "--data", "builtin:toy", "--loss", twice, "--iters", "3", "--print-every", "1"]) == 0
    out = capsys.readouterr().out
    assert f"Cost after iteration 0: {2 * np.log(2):f}" in out
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    assert f"{twice}: Twice the cross-entropy" in capsys.readouterr().out
    losses.unregister(twice)
    assert main(["train", "--data", "builtin:toy", "--loss", twice]) == 2  # once forgotten, an unknown loss
    assert "invalid choice" in capsys.readouterr().err
    losses.register(TwiceCrossEntropy())  # for the fixture to forget


def test_the_windows_menus_list_it_and_its_words_name_it(twice, qtbot, settings):
    need_module("PySide6")
    from ui_helpers import open_window

    from lrviz.core.bowl import Bowl, PlaneInfo
    from lrviz.ui.panels import bowl_words
    from lrviz.ui.panels.curves import overlay_name
    from lrviz.ui.panels.math import render
    window = open_window(qtbot, settings)
    for combo, text in ((window.training.loss, "Twice the cross-entropy"),
                        (window.bowl.surface, "J with twice the cross-entropy")):
        assert [combo.itemData(i) for i in range(combo.count())] == list(losses.names())
        assert combo.itemText(combo.findData(twice)) == text
    detail = step_detail(0, 0, np.ones((2, 3)), np.array([1, 0]), np.zeros(3), 0.0, 2 * np.log(2), np.zeros(3), 0.0,
                         0.005, twice)
    html = render(detail, ("non-cat", "cat"))
    assert "L(ŷ, y) = −2[y log ŷ + (1 − y) log(1 − ŷ)] &nbsp; (2 × cross-entropy)" in html
    assert "dz = 2(ŷ − y)" in html and "dZ = 2(A − Y)" in html
    bowl = Bowl(np.zeros(2), np.zeros(2), np.zeros((2, 2)), PlaneInfo("valley"), *[np.zeros(1)] * 5, loss=twice)
    assert bowl_words.j_name(bowl) == "J (2 × cross-entropy)"
    assert overlay_name(np.array([[0, 0.005]]), twice) == "α = 0.005, 2 × cross-entropy (earlier)"


def test_an_unknown_loss_is_refused_by_the_windows_entries(qtbot, window):
    from lrviz.ui import lesson_actions
    for call in (lambda: setattr(window.prefs, "loss", "hinge"), lambda: setattr(window.prefs, "surface", "hinge"),
                 lambda: lesson_actions.apply(window, {"surface": "hinge"})):
        with pytest.raises(ValueError, match="unknown loss 'hinge'"):
            call()
    assert window.training.loss.currentData() == window.bowl.surface.currentData() == losses.DEFAULT


def test_the_lessons_name_only_registered_losses_and_a_file_naming_another_is_refused(tmp_path, monkeypatch):
    need_module("PySide6")
    from lrviz.ui import lessons
    surfaces = [p["actions"]["surface"] for lang in lessons.languages() for p in lessons.load_lesson(lang)["parts"]
                if "surface" in p["actions"]]
    assert set(surfaces) == {"cross_entropy", "squared_error"}
    (tmp_path / "xx.json").write_text('{"parts": [{"title": "T", "actions": {"surface": "hinge"}}]}', encoding="utf-8")
    monkeypatch.setattr(lessons, "HERE", tmp_path)
    with pytest.raises(ValueError, match="xx.json: part 'T': unknown loss 'hinge'"):
        lessons.load_lesson("xx")
