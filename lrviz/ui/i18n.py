"""The window's language: English (the source) or any of :data:`LANGUAGES` (today Simplified
Chinese), switched at once, no restart.

Every user-visible string goes through Qt's translation system: ``self.tr("…")`` in a widget,
``translate("Context", "…")`` elsewhere, ``QT_TRANSLATE_NOOP("Context", "…")`` for a constant
translated where it is shown. ``pyside6-lupdate`` collects them into ``translations/lrviz_zh_CN.ts``;
``pyside6-lrelease`` compiles the ``.qm`` the app loads (``assets/update_translations.py`` runs both).

Switching at run time: Qt's translators change, then :func:`retranslate` walks the window and
replaces each text it finds in the catalogue (the ``.ts`` file's source ↔ translation pairs) with
the other language's; panels that draw texts themselves (plots, the 3-D labels) redraw them in
their ``retranslate()``; texts made from numbers are made again at the next frame.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from lrviz.core.errors import Message
from lrviz.training.settings import LANGUAGES  # the settings model's list: one place

HERE = Path(__file__).resolve().parent / "translations"
translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks a constant for translation; :func:`translate` it with the same context where it is shown."""
    return text


# pyqtgraph's own words that reach our window (its plots' scene menu), in pyqtgraph's contexts
PYQTGRAPH_WORDS = (QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),)


# the course's and CIFAR-10's class names: shown in the window's language (a folder's own as it is);
# what is stored (settings, model files, CSV) keeps the data's own
CLASS_NAMES = (QT_TRANSLATE_NOOP("Classes", "cat"), QT_TRANSLATE_NOOP("Classes", "non-cat"),
               QT_TRANSLATE_NOOP("Classes", "not cat"))


def class_name(name: str) -> str:
    """A class as the window shows it: "cat" is 猫 in Chinese; a folder's "dog" stays "dog"."""
    return translate("Classes", name) if name in CLASS_NAMES else name


def class_names(classes) -> tuple[str, ...]:
    return tuple(class_name(c) for c in classes)


def tr_message(text: str) -> str:
    """A sentence from the engine or the file readers (a :class:`lrviz.core.Message`, English with its
    template) in the window's language; any other text as it is."""
    return text.render(translate) if isinstance(text, Message) else text


def system_language(preferred: list[str] | None = None) -> str:
    """The language to start in when none was chosen: the first of the system's preferred languages
    (``preferred``, e.g. ["zh-Hans-CN", "en-US"]; the system's by default) that lrviz speaks, the
    exact variant if it has it, else one of the same language; English if none."""
    for tag in QLocale.system().uiLanguages() if preferred is None else preferred:
        tag = tag.replace("-", "_")
        same = [code for code in LANGUAGES if code.split("_")[0] == tag.split("_")[0]]
        if same:
            return next((code for code in same if tag.endswith(code.split("_")[-1])), same[0])
    return "en"


def has_font(language: str) -> bool:
    """Whether ``language`` can be drawn: a font for its writing system is installed (a bare Debian
    has none for Chinese and would show boxes)."""
    script = getattr(QFontDatabase.WritingSystem, LANGUAGES[language].script)
    return bool(QFontDatabase.families(script))


@cache
def catalogue(language: str) -> tuple[tuple[str, str, str], ...]:
    """(context, source, translation) of every finished message of ``language``'s ``.ts`` file."""
    path = HERE / f"lrviz_{language}.ts"
    if not path.is_file():
        return ()
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            out.append((name, message.findtext("source") or "", translation.text or ""))
    return tuple(out)


class Translations:
    """The translators installed in the application for the current language."""

    def __init__(self):
        self.language = "en"
        self._installed: list[QTranslator] = []

    def set_language(self, language: str) -> bool:
        """Install ``language``'s translators (ours and Qt's own dialogs'); False if it cannot be had."""
        if language not in LANGUAGES:
            return False
        app = QCoreApplication.instance()
        loaded = []
        if language != "en":
            ours = QTranslator()
            if not ours.load(str(HERE / f"lrviz_{language}.qm")):
                return False
            loaded.append(ours)
            qt = QTranslator()
            if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                loaded.append(qt)
        for t in self._installed:
            app.removeTranslator(t)
        for t in loaded:
            app.installTranslator(t)
        self._installed = loaded
        self.language = language
        return True


TRANSLATIONS = Translations()  # one set of translators per application


def _mapping(old: str, new: str) -> dict[str, str]:
    """Text in ``old`` → the same text in ``new``, through each message's English source."""
    def text_in(language: str):
        table = {source: text for _, source, text in catalogue(language)}  # English has no catalogue
        return lambda source: table.get(source, source)

    old_of, new_of = text_in(old), text_in(new)
    sources = {source for language in (old, new) for _, source, _ in catalogue(language)}
    return {old_of(source): new_of(source) for source in sources if old_of(source) != new_of(source)}


# the one text property of each kind of widget besides its tooltip, status tip and window title
TEXTS = ((QAbstractButton, "text", "setText"), (QLabel, "text", "setText"),
         (QLineEdit, "placeholderText", "setPlaceholderText"), (QGroupBox, "title", "setTitle"),
         (QMenu, "title", "setTitle"), (QProgressBar, "format", "setFormat"))


def retranslate(root: QWidget, old: str, new: str) -> None:
    """Replace every text of ``root``'s widgets and actions found in the catalogue."""
    table = _mapping(old, new)

    def swap(get, put) -> None:
        text = get()
        if text in table:
            put(table[text])

    def items(w) -> None:
        """A combo box's items and a tab widget's tabs: their texts and tooltips."""
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                swap(lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t))
                swap(lambda i=i: w.itemData(i, 3) or "", lambda t, i=i: w.setItemData(i, t, 3))  # 3: ToolTipRole
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                swap(lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t))
                swap(lambda i=i: w.tabToolTip(i), lambda t, i=i: w.setTabToolTip(i, t))

    for w in [root, *root.findChildren(QWidget)]:
        swap(w.toolTip, w.setToolTip)
        swap(w.statusTip, w.setStatusTip)
        swap(w.windowTitle, w.setWindowTitle)
        for kind, get, put in TEXTS:
            if isinstance(w, kind):
                swap(getattr(w, get), getattr(w, put))
        items(w)
    for a in root.findChildren(QAction):
        swap(a.text, a.setText)
        swap(a.toolTip, a.setToolTip)
        swap(a.statusTip, a.setStatusTip)
