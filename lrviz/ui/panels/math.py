"""The lecture's formulas with this iteration's numbers, for one training example the user picks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from lrviz.core import losses
from lrviz.core.explain import StepDetail
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import class_name, translate
from lrviz.ui.panels import Throttle, loss_words, on_screen


def g(v: float) -> str:
    return f"{v:.6g}"


def render(d: StepDetail, classes: tuple[str, str]) -> str:
    """HTML: each formula, then = its value (every number from the engine's StepDetail); the formulas
    stay as they are, the words around them are translated."""
    loss = losses.get(d.loss_name)
    per_example, for_all = loss.dz_text("ŷ", "y"), loss.dz_text("A", "Y")
    # the course's loss as the lecture writes it: dz = A − Y inside dw and db; another loss is named, and
    # its dz has a row of its own
    dZ = f"({for_all})" if loss.course else "dZ"
    named = "" if loss.course else " &nbsp; " + translate("MathPanel", "({loss})").format(
        loss=loss_words(d.loss_name, "noun"))
    image = translate("MathPanel", "(image {i}: {label}, y = {y})").format(i=d.example, label=class_name(classes[d.y]),
                                                                          y=d.y)
    rows = [
        ("x⁽ⁱ⁾", f"{d.n:,} × 1 &nbsp; {image}"),
        ("z = wᵀx⁽ⁱ⁾ + b", g(d.z)),
        ("ŷ = σ(z) = 1 / (1 + e<sup>−z</sup>)", g(d.y_hat)),
        (f"L(ŷ, y) = {loss.formula}{named}", g(d.loss)),
        ("J(w, b) = (1/m) Σ<sub>i</sub> L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾)", f"{g(d.cost)} &nbsp; (m = {d.m})"),
        *([] if loss.course else [(f"dz = {per_example}", g(d.dz))]),
        (f"dw = (1/m) X {dZ}ᵀ", f"‖dw‖ = {g(d.dw_norm)}"),
        (f"db = (1/m) Σ {dZ}", g(d.db)),
        (f"w := w − α·dw &nbsp; (α = {d.lr:g})", f"‖w‖: {g(d.w_norm)} → {g(d.w_next_norm)}"),
        ("b := b − α·db", f"{g(d.b)} → {g(d.b_next)}"),
    ]
    body = "".join(f"<tr><td style='padding-right:14px'>{f}</td><td><b>{v}</b></td></tr>" for f, v in rows)
    shapes = translate("MathPanel", "Vectorized, as the lab names them: X is n × m = {n} × {m}; w is n × 1; "
                       "Z = wᵀX + b and A = σ(Z) are 1 × m; Y and dZ = {dZ} are 1 × m; dw is n × 1; "
                       "db is a number.").format(n=f"{d.n:,}", m=d.m, dZ=for_all)
    iteration = translate("MathPanel", "Iteration {it}").format(it=f"{d.iteration:,}")
    return (f"<p><b>{iteration}</b></p><table>{body}</table>"
            f"<p style='color:#555'>{shapes}</p>")


class MathPanel(QWidget):
    example_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.example = QSpinBox(minimum=0, maximum=0)
        self.example.setToolTip(self.tr("Which training example the numbers are for (or click a thumbnail)"))
        self.text = QLabel(self.tr("Load data to see the numbers"))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.addRow(self.tr("Training example i"), self.example)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        self.classes = ("non-cat", "cat")
        self.detail: StepDetail | None = None
        self._throttle = Throttle(self, self._render)
        self.example.valueChanged.connect(self.example_changed)

    def set_dataset(self, m: int, classes: tuple[str, str]) -> None:
        self.classes = classes
        self.example.setMaximum(max(m - 1, 0))

    def show_snapshot(self, s: Snapshot) -> None:
        if s.detail is None or s.detail.example != self.example.value():
            return  # the next update will carry the example just chosen
        self.detail = s.detail
        if not on_screen(self):  # tabbed away: laying out rich text (~10 ms) waits until shown
            return
        self._throttle.request(s.running and not s.viewing)

    def refresh(self) -> None:
        """Show the latest numbers (also called when the panel's dock comes forward)."""
        self._throttle.now()

    def _render(self) -> None:
        if self.detail is not None:
            self.text.setText(render(self.detail, self.classes))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.refresh()
        super().showEvent(event)

    def retranslate(self) -> None:
        """After a language switch: the words between the formulas (hidden: made when shown)."""
        if self.detail is not None and on_screen(self):
            self.refresh()
