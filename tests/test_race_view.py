"""Several learning rates racing in the window: the lab's figure, live."""

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import features  # noqa: E402
from ui_helpers import run_to, snap  # noqa: E402

from lrviz.core.race import Race  # noqa: E402


def start_race(qtbot, window, text):
    window.race.rates.setText(text)
    window.race.start.setChecked(True)
    qtbot.waitUntil(lambda: snap(window).race is not None and snap(window).iteration == 0, timeout=5000)


def test_the_labs_three_rates_race_on_one_bowl_and_one_plot(qtbot, window, cats):
    start_race(qtbot, window, "0.01, 0.001, 0.0001")
    assert not window.training.lr_slider.isEnabled()  # each run has its own α
    run_to(qtbot, window, 60)
    s = snap(window)
    assert [r.learning_rate for r in s.race] == [0.01, 0.001, 0.0001] and all(r.iteration == 60 for r in s.race)
    X, y, _, _ = features(cats)
    headless = Race([0.01, 0.001, 0.0001]).fit(X, y, 60)
    for r, run in zip(s.race, headless.runs_, strict=True):  # the engine's numbers, per run
        assert r.cost == pytest.approx(run.cost_, abs=1e-6)
        np.testing.assert_allclose(r.costs[:, 1], run.history_.costs.rows()[:, 1], atol=1e-6)
    qtbot.waitUntil(lambda: len(window.curves.race_costs) == 3, timeout=3000)
    names = [window.curves.race_costs[i].name() for i in range(3)]
    assert names == ["α = 0.01", "α = 0.001", "α = 0.0001"] and not window.curves.train_cost.isVisible()
    bowl = window.bowl.bowl
    assert sorted(p.run for p in bowl.others) == [1, 2] and all(p.iterations[-1] == 60 for p in bowl.others)
    legend = window.bowl.legend.text()
    assert all(0 <= p.share <= 1 for p in bowl.others) and "each run's path in its colour" in legend
    assert "the red ball is the run followed, α = 0.01" in legend and "share of the others" not in legend
    assert "α = 0.001: " in window.bowl.legend.toolTip()  # how much of each other run the slice holds
    # the weights, Math and Predict follow the chosen run
    window.race.follow.setCurrentIndex(2)
    qtbot.waitUntil(lambda: snap(window).follow == 2 and snap(window).learning_rate == 0.0001, timeout=3000)
    np.testing.assert_allclose(snap(window).w, headless.runs_[2].w_, atol=1e-6)
    # scrubbing shows every run at that iteration
    window.session.view_iteration(30)
    qtbot.waitUntil(lambda: window.bowl.bowl is not None and window.bowl.bowl.path_iter[-1] == 30
                    and all(p.iterations[-1] == 30 for p in window.bowl.bowl.others), timeout=5000)
    window.session.view_iteration(None)
    window.race.start.setChecked(False)  # one run again
    qtbot.waitUntil(lambda: snap(window).race is None, timeout=5000)
    qtbot.waitUntil(lambda: not window.curves.race_costs and window.curves.train_cost.isVisible(), timeout=3000)
    assert window.training.lr_slider.isEnabled()


def test_a_diverging_rate_stops_alone_and_says_so_on_its_legend(qtbot, window):
    start_race(qtbot, window, "0.005, 10")
    run_to(qtbot, window, 40)
    s = snap(window)
    calm, wild = s.race
    assert wild.diverged and wild.iteration < 40 and calm.diverged is None and calm.iteration == 40
    qtbot.waitUntil(lambda: "diverged at" in window.curves.race_costs[1].name(), timeout=3000)


@pytest.mark.parametrize("text, problem", [("0.01", "2 to 5"), ("0.01, abc", "not a number"),
                                           ("0.1, 0.2, 0.3, 0.4, 0.5, 0.6", "2 to 5"), ("0.01, 50", "between")])
def test_bad_rates_are_refused_visibly(qtbot, window, text, problem):
    window.race.rates.setText(text)
    window.race.start.setChecked(True)
    assert not window.race.start.isChecked() and problem in window.race.rates.toolTip()
    assert "border" in window.race.rates.styleSheet()
    qtbot.wait(200)
    assert snap(window).race is None


def test_plus_alpha_adds_the_sliders_rate(qtbot, window):
    window.training.set_learning_rate(0.02)
    window.race.rates.setText("0.01, 0.001")
    window.race.add.click()
    assert window.race.rates.text() == "0.01, 0.001, 0.02"
