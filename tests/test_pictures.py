"""File → Save picture… (issue 24): every view as PNG at twice its size on screen, the plots as SVG,
the 3-D bowl rendered again with its labels, the whole window with the 3-D bowl in its place, and
every mistake said with the file's name."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from ui_helpers import image_pixels, load_and_run, needs_gl


def _read(path):
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    assert not image.isNull(), path
    return image


def _dark(pixels) -> int:
    return int((pixels.max(axis=2) < 110).sum())


def test_every_view_saves_as_png_at_twice_its_size_and_the_plots_as_svg(qtbot, window, tmp_path):
    from lrviz.ui import pictures
    load_and_run(qtbot, window, "builtin:cats", 30)
    views = {v.key: v for v in pictures.views(window)}
    assert {"map", "slices", "curves", "losscost", "graph", "weights", "predict", "window"} <= set(views)
    for key, view in views.items():
        size = pictures.take(window, view, tmp_path / f"{key}.png")
        image = _read(tmp_path / f"{key}.png")
        assert (image.width(), image.height()) == (size.width(), size.height())
        assert (image.width(), image.height()) == (2 * view.widget.width(), 2 * view.widget.height()), key
        pixels = image_pixels(image)
        assert pixels.std() > 10, f"{key}: a blank picture"
        if view.flat:
            pictures.take(window, view, tmp_path / f"{key}.svg")
            root = ET.parse(tmp_path / f"{key}.svg").getroot()
            assert root.tag.endswith("svg")
            shapes = [e for e in root.iter() if e.tag.split("}")[-1] in ("path", "polyline", "image")]
            assert len(shapes) > 5, key
    svg = (tmp_path / "map.svg").read_text()
    assert window.bowl.contour.plot.getAxis("bottom").labelText in svg  # the axis's name, as text


def test_a_picture_that_cannot_be_made_is_said_with_the_files_name(qtbot, window, tmp_path):
    from lrviz.ui import pictures
    load_and_run(qtbot, window, "builtin:toy", 5)
    views = {v.key: v for v in pictures.views(window)}
    with pytest.raises(pictures.PictureError, match=r'"\.jpg".*\.png or \.svg'):
        pictures.take(window, views["map"], tmp_path / "map.jpg")
    gone = tmp_path / "no such folder" / "map.png"
    with pytest.raises(pictures.PictureError, match="no such folder") as error:
        pictures.take(window, views["map"], gone)
    assert str(gone) in str(error.value)
    with pytest.raises(pictures.PictureError, match="PNG only"):
        pictures.take(window, views["graph"], tmp_path / "graph.svg")
    assert not list(tmp_path.glob("*.jpg")) + list(tmp_path.glob("*.svg"))  # nothing half-written


def test_the_3d_bowl_is_rendered_again_with_its_labels_and_has_its_place_in_the_window(qtbot, window, tmp_path):
    needs_gl(window)
    from lrviz.ui import pictures
    load_and_run(qtbot, window, "builtin:toy", 20)
    views = {v.key: v for v in pictures.views(window)}
    with pytest.raises(pictures.PictureError, match="PNG only"):
        pictures.take(window, views["bowl"], tmp_path / "bowl.svg")
    scene = window.bowl.scene3d
    with_labels = image_pixels(scene.picture(2))
    scene.labels.setVisible(False)
    try:
        without = image_pixels(scene.picture(2))
    finally:
        scene.labels.setVisible(True)
    assert with_labels.shape == (2 * scene.height(), 2 * scene.width(), 3)
    assert _dark(with_labels) > _dark(without) + 200  # the tick values and axis names, drawn at 2×
    pictures.take(window, views["window"], tmp_path / "window.png")
    whole = image_pixels(_read(tmp_path / "window.png"))
    container = scene.widget(window.bowl)
    corner = container.mapTo(window, container.rect().topLeft())
    region = whole[2 * corner.y(): 2 * (corner.y() + container.height()), 2 * corner.x(): 2 * (corner.x() + container.width())]
    assert (np.abs(region - without).max(axis=2) > 40).mean() < 0.05  # the bowl in its place, not blank


def test_the_shortcut_picks_the_view_under_the_pointer(qtbot, window):
    from PySide6.QtGui import QCursor, QKeySequence

    from lrviz.ui import pictures
    load_and_run(qtbot, window, "builtin:toy", 1)
    action = next(a for a in window.findChildren(type(window.play_action)) if a.text() == "Save &picture…")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+S")
    views = pictures.views(window)
    window.tabs.setCurrentWidget(window.curves)
    for widget, key in ((window.curves.view, "curves"), (window.bowl.slices, "slices")):
        QCursor.setPos(widget.mapToGlobal(widget.rect().center()))
        qtbot.waitUntil(lambda w=widget: w.rect().contains(w.mapFromGlobal(QCursor.pos())), timeout=2000)
        assert pictures.under_pointer(views).key == key


def test_the_dialog_saves_where_asked_and_says_a_failure_in_a_message(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from lrviz.ui import pictures
    load_and_run(qtbot, window, "builtin:toy", 3)
    chosen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(chosen[-1][0]), chosen[-1][1]))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    dialog = pictures.SavePictureDialog(window, None)
    dialog.choice.setCurrentIndex(dialog.choice.findData("curves"))
    chosen.append((tmp_path / "curves", "SVG drawing (*.svg)"))  # no suffix typed: the filter's
    dialog.save()
    assert (tmp_path / "curves.svg").is_file() and dialog.result() == dialog.DialogCode.Accepted
    assert str(tmp_path / "curves.svg") in window.statusBar().currentMessage()
    assert window.settings.value("picture_dir") == str(tmp_path)
    again = pictures.SavePictureDialog(window, None)
    assert again.choice.currentData() == "curves"  # the last view saved comes first
    chosen.append((tmp_path / "gone" / "c.png", ""))
    again.save()
    assert len(warned) == 1 and str(tmp_path / "gone" / "c.png") in warned[0]


def test_the_save_dialogs_go_when_closed(qtbot, window):
    """Each Save dialog is made when asked for and deleted when it closes: asked for again and
    again, none piles up in the window."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QDialog

    from lrviz.ui import animate, pictures
    for _ in range(3):
        QTimer.singleShot(0, lambda: next(d for d in window.findChildren(pictures.SavePictureDialog)
                                          if d.isVisible()).reject())
        pictures.ask_and_save(window)  # modal: returns once closed
        animate.ask_and_save(window)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(animate.SaveAnimationDialog)),
                        timeout=5000)
        for dialog in window.findChildren(animate.SaveAnimationDialog):
            dialog.reject()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert window.findChildren(QDialog) == []
