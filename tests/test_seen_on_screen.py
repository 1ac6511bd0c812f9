"""What a learner reads on screen around the bowl: no symbol left undefined, no claim before it is
true, the readouts and the curves at the same iteration, every colour keyed."""

import numpy as np
from conftest import need_module

need_module("PySide6")

from ui_helpers import run_to, snap  # noqa: E402


def test_before_the_first_step_nothing_claims_a_motion_and_every_letter_is_defined(qtbot, window):
    bowl, panel = snap(window).bowl, window.bowl
    assert bowl.plane.kind == "steepest" and "no step yet" in panel.title.text()
    assert "moved" not in panel.title.text() and "recent steps" not in panel.legend.text()
    assert [one.plot.getAxis("bottom").labelText for one in (panel.slices.along_s, panel.slices.along_t)] == \
        ["s: along the valley (t held)", "t: across the valley (s held)"]
    run_to(qtbot, window, 20)
    title = panel.title.text()
    assert "along the path (s)" in title and "across the valley (t)" in title  # both letters defined
    assert panel.slices.along_t.plot.getAxis("bottom").labelText == "t: across the valley (s held)"
    assert window.bowl.contour.plot.getAxis("bottom").labelText == "s: along the path"
    assert "α = 0.005" in panel.legend.text()  # the step's α, said in the bowl's own words


def test_a_new_slice_is_said_in_words(qtbot, window):
    run_to(qtbot, window, 10)
    qtbot.waitUntil(lambda: "Iteration 10: new slice" in window.bowl.note.text(), timeout=5000)
    assert "the path found its way" in window.bowl.note.text() and snap(window).bowl.plane.reason == "own"


def test_the_accuracy_curves_end_at_the_iteration_the_readouts_show(qtbot, window):
    """At α = 0.005 builtin:cats's accuracy bounces from step to step with the cost; the readouts
    and the curves beside them must describe the same iteration (an odd one, here)."""
    window.training.speed.setCurrentIndex(0)
    run_to(qtbot, window, 37)
    s = snap(window)
    qtbot.waitUntil(lambda: window.curves.train_acc.getData()[0][-1] == 37, timeout=5000)
    for curve, value, readout in ((window.curves.train_acc, s.train_accuracy, "train"),
                                  (window.curves.test_acc, s.test_accuracy, "test")):
        x, y = curve.getData()
        assert x[-1] == 37 and y[-1] == value and window.training.readout[readout].text() == f"{value:.2f} %"
    assert np.all(np.diff(s.evals[:, 0]) == 1)  # every step evaluated on data this small


def test_playing_puts_the_first_start_hint_away(qtbot, settings, window):
    assert window.hint.isVisible()
    window.training.play_button.click()
    assert not window.hint.isVisible() and settings.value("hint_seen") in (True, "true")


def test_the_race_says_which_accuracy_it_draws(qtbot, window):
    window.race.rates.setText("0.01, 0.001")
    window.race.start.setChecked(True)
    qtbot.waitUntil(lambda: snap(window).race is not None and len(window.curves.race_accs) == 2, timeout=5000)
    assert [item.name() for item in window.curves.race_accs] == ["α = 0.01, train", "α = 0.001, train"]


def test_the_heat_map_has_a_key_in_its_own_colours(qtbot, window):
    from lrviz.ui.panels.cards import BLUE, RED
    key = window.predict.key.text()
    assert "towards cat" in key and "away" in key
    for colour in (RED, BLUE):
        assert "#{:02x}{:02x}{:02x}".format(*(int(v) for v in colour)) in key
    window.predict.heat.setChecked(False)
    assert window.predict.key.isHidden()


def test_race_and_compare_are_two_words_in_chinese(qapp):
    from lrviz.ui.i18n import TRANSLATIONS, translate
    assert TRANSLATIONS.set_language("zh_CN")
    try:
        race, compare = translate("RacePanel", "Race"), translate("RacePanel", "Compare α")
        assert race != "Race" and race not in compare
    finally:
        TRANSLATIONS.set_language("en")


def test_on_a_laptop_the_words_under_the_1d_plots_are_never_laid_over_them(qtbot, window, course_dir):
    """1366 × 768, the course's run at iteration 100 (the lesson box under the plots at its longest):
    the slopes' line was drawn over the plots' axis names, in both languages (a layout given less
    than its minimum overlaps its widgets); and the Training dock's numbers are whole whatever room
    the other docks leave it (in Chinese, whose names are wider, the cost lost its last digit)."""
    from PySide6.QtCore import Qt
    from ui_helpers import load
    load(qtbot, window, str(course_dir), lr=0.005)
    window.resize(1366, 768)  # and the docks' shares a window opened at that size takes
    window.resizeDocks([window.docks["training"], window.docks["bowl"]], [int(0.22 * 1366), int(0.37 * 1366)],
                       Qt.Orientation.Horizontal)
    run_to(qtbot, window, 100)
    slices = window.bowl.slices
    for language in ("en", "zh_CN"):
        window.set_language(language)
        qtbot.wait(150)  # laid out again with the new words
        parts = [slices.view, *slices.numbers, slices.gauge]
        boxes = [part.geometry() for part in parts]
        for upper, lower in ((boxes[0], boxes[1]), (boxes[0], boxes[2]), (boxes[1], boxes[3])):
            assert upper.bottom() < lower.top(), (language, [(b.top(), b.bottom()) for b in boxes])
        assert slices.height() >= slices.minimumSizeHint().height(), language
        for key in ("cost", "train", "test"):  # room the layout guarantees (it varied with the other docks)
            label = window.training.readout[key]
            needed = label.fontMetrics().horizontalAdvance(label.text())
            assert label.width() >= needed and label.minimumWidth() >= needed, (language, key, label.text())
    window.set_language("en")
