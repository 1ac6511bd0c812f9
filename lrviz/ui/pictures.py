"""Pictures of the views, for a teacher's slides: File → Save picture…

As matplotlib's ``savefig``, the file's suffix chooses the format: ``.png`` at twice the size the
view has on screen (drawn again at that size, not magnified), ``.svg`` for the views that are
plots (pyqtgraph's SVG exporter: Qt's own SVG generator, given a whole widget, lost the clipping and
filled the page red). The 3-D bowl is rendered again into a larger framebuffer
(:meth:`Bowl3D.picture`); it, the computation graph and the cards are PNG only.

A view is chosen in a small dialog; the one under the pointer when the shortcut was pressed comes
first. A picture that cannot be written is said in a message naming the file and the reason."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import SVGExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCursor, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from lrviz.ui.i18n import translate

SCALE = 2  # a PNG is this many times the view's size on screen
FORMATS = (".png", ".svg")


class PictureError(Exception):
    """A picture that could not be made or written; ``str`` is the sentence to show."""


@dataclass
class View:
    """One view that can be saved: ``widget`` is what is drawn; ``reveal`` brings it to the front (a
    view on a hidden tab draws nothing new); ``render`` replaces the widget's own painting (3-D);
    ``plots`` is the pyqtgraph view whose scene an SVG holds (None: PNG only)."""

    key: str
    title: str
    widget: QWidget
    reveal: Callable[[], None]
    render: Callable[[int], QImage] | None = None
    plots: pg.GraphicsView | None = None

    @property
    def flat(self) -> bool:
        return self.plots is not None


def views(window) -> list[View]:
    """The views of ``window`` a picture can be made of, in the order of the dialog's list."""
    bowl = window.bowl

    def bowl_tab(view):
        def reveal():
            window.docks["bowl"].show()
            window.docks["bowl"].raise_()
            bowl.tabs.setCurrentWidget(view.widget(bowl))
        return reveal

    def central(tab: QWidget):
        return lambda: window.tabs.setCurrentWidget(tab)

    def dock(name: str):
        return lambda: (window.docks[name].show(), window.docks[name].raise_())

    out = []
    if bowl.scene3d is not None:
        out.append(View("bowl", translate("BowlPanel", "3-D bowl"), bowl.scene3d.widget(bowl),
                        bowl_tab(bowl.scene3d), bowl.scene3d.picture))
    out += [View("map", translate("Pictures", "The bowl seen from above"), bowl.contour.view, bowl_tab(bowl.contour),
                 plots=bowl.contour.view),
            View("slices", translate("Pictures", "The 1-D pictures under the bowl"), bowl.slices, dock("bowl"),
                 plots=bowl.slices.view),
            View("curves", translate("Pictures", "Cost curves"), window.curves.view, central(window.curves),
                 plots=window.curves.view),
            View("losscost", translate("Pictures", "Loss vs cost"), window.losscost, central(window.losscost),
                 plots=window.losscost.view),
            View("graph", translate("Pictures", "The computation graph (forward & backward)"), window.graph,
                 central(window.graph)),
            View("weights", translate("Pictures", "Weights w"), window.weights, dock("weights"),
                 plots=window.weights.view),
            View("predict", translate("Pictures", "Predict: the cards"), window.predict, central(window.predict)),
            View("window", translate("Pictures", "The whole window"), window, lambda: None,
                 lambda scale: window_image(window, scale))]
    return out


def window_image(window, scale: int = SCALE) -> QImage:
    """The whole window at ``scale``: its widgets drawn again, and the 3-D bowl, which a widget's
    rendering leaves blank (it is a GL window of its own), rendered into its place."""
    image = widget_image(window, scale)
    scene = window.bowl.scene3d
    if scene is not None and window.bowl.shown_view() is scene and scene.widget(window.bowl).isVisible():
        container = scene.widget(window.bowl)
        corner = container.mapTo(window, QPoint(0, 0))
        painter = QPainter(image)
        painter.drawImage(QRect(corner, container.size()), scene.picture(scale))
        painter.end()
    return image


def under_pointer(candidates: list[View]) -> View | None:
    """The view the pointer is over (the innermost, e.g. the map rather than the whole window)."""
    widget = QApplication.widgetAt(QCursor.pos())
    while widget is not None:
        for view in candidates:
            if view.widget is widget:
                return view
        widget = widget.parentWidget()
    return None


def image_of(view: View, scale: int = SCALE) -> QImage:
    """``view`` drawn again at ``scale`` times its size on screen."""
    return view.render(scale) if view.render is not None else widget_image(view.widget, scale)


def widget_image(widget: QWidget, scale: int = SCALE) -> QImage:
    image = QImage(widget.size() * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    QWidget.render(widget, image)  # QWidget's: a QGraphicsView's own render() draws its scene only
    return image


def _closed_paths_kept(correct):
    """pyqtgraph 0.14's SVG exporter reads a path's points as "x,y" pairs and failed on the "Z" that
    closes a path (an ellipse, a filled arrow head: pyqtgraph issue #3495, fixed after 0.14.0). The
    closing is taken off before its correction and put back after."""
    def corrected(node, defs, item, options):
        closed = []
        for path in node.getElementsByTagName("path"):
            d = path.getAttribute("d").strip()
            if d.endswith("Z") and "Z" not in d[:-1]:
                path.setAttribute("d", d[:-1].strip())
                closed.append(path)
        correct(node, defs, item, options)
        for path in closed:
            path.setAttribute("d", path.getAttribute("d").strip() + " Z")
    return corrected


svg_module = importlib.import_module("pyqtgraph.exporters.SVGExporter")  # the module: its class has its name
if not hasattr(svg_module.correctCoordinates, "__wrapped__"):  # once, however often this is imported
    svg_module.correctCoordinates = functools.wraps(svg_module.correctCoordinates)(
        _closed_paths_kept(svg_module.correctCoordinates))


def svg_of(view: View) -> bytes:
    """``view``'s plots as SVG (its scene: the plots, their axes and the items on them)."""
    if not view.flat:
        raise PictureError(translate("Pictures", "{view} can be saved as PNG only").format(view=view.title))
    try:
        return SVGExporter(view.plots.scene()).export(toBytes=True)
    except ValueError as e:  # a shape the exporter cannot read: said, never a half-written file
        raise PictureError(translate("Pictures", "{view} could not be drawn as SVG ({reason}): save it as PNG").format(
            view=view.title, reason=e)) from e


def picture_bytes(view: View, suffix: str) -> tuple[bytes, QSize]:
    """The file's content for ``suffix`` (.png or .svg) and the picture's size in pixels."""
    suffix = suffix.lower()
    if suffix == ".svg":
        content = svg_of(view)
        return content, view.plots.size()
    if suffix != ".png":
        raise PictureError(translate("Pictures", 'cannot save a picture as "{suffix}": choose .png or .svg').format(
            suffix=suffix or "(no suffix)"))
    image = image_of(view)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data()), image.size()


def save(view: View, path: str | Path) -> QSize:
    """Write ``view``'s picture to ``path`` (the suffix says which format). Raises PictureError with
    a sentence naming the file and the problem."""
    path = Path(path)
    content, size = picture_bytes(view, path.suffix)
    try:
        path.write_bytes(content)
    except OSError as e:
        raise PictureError(translate("Pictures", "{path}: could not be written ({reason})").format(
            path=path, reason=e.strerror or e)) from e
    return size


def take(window, view: View, path: str | Path) -> QSize:
    """Bring ``view`` to the front, draw the latest snapshot in it, and save its picture to ``path``."""
    view.reveal()
    if window.pacer.latest is not None:  # a view on a hidden tab drew nothing while hidden
        window.pacer.draw_all(window.pacer.latest)
    QApplication.processEvents()  # laid out and painted (and the 3-D floor, drawn a pass later)
    QApplication.processEvents()
    return save(view, path)


class SavePictureDialog(QDialog):
    """Which view, then where: the file dialog's filter and the suffix choose PNG or SVG."""

    def __init__(self, window, chosen: View | None, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made anew each time it is asked for
        self.window_ = window
        self.setWindowTitle(self.tr("Save picture"))
        self.views = views(window)
        self.choice = QComboBox()
        for view in self.views:
            self.choice.addItem(view.title, view.key)
        key = chosen.key if chosen is not None else window.settings.value("picture_view", "map")
        self.choice.setCurrentIndex(max(self.choice.findData(key), 0))
        form = QFormLayout(self)
        form.addRow(self.tr("View"), self.choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        view = self.views[self.choice.currentIndex()]
        settings = self.window_.settings
        folder = Path(str(settings.value("picture_dir", Path.home())))
        iteration = self.window_.session.current.iteration if self.window_.session.current else 0
        suggested = folder / f"lrviz-{view.key}-{iteration}.png"
        filters = self.tr("PNG picture, twice the screen's size (*.png)")
        if view.flat:
            filters += ";;" + self.tr("SVG drawing (*.svg)")
        path, chosen_filter = QFileDialog.getSaveFileName(self, self.tr("Save picture"), str(suggested), filters)
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if "*.svg" in chosen_filter else ".png"
        try:
            size = take(self.window_, view, path)
        except PictureError as e:
            QMessageBox.warning(self, self.tr("Picture not saved"), str(e))
            return
        settings.setValue("picture_dir", str(Path(path).parent))
        settings.setValue("picture_view", view.key)
        self.window_.statusBar().showMessage(self.tr("Saved {view} to {path} ({w} × {h} pixels)").format(
            view=view.title, path=path, w=size.width(), h=size.height()))
        self.accept()


def ask_and_save(window) -> None:
    """File → Save picture…: the view under the pointer (when the shortcut was pressed over one)
    comes first in the dialog."""
    SavePictureDialog(window, under_pointer(views(window))).exec()
