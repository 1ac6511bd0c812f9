"""中文 and English: every string of the window goes through Qt's translation system, the Chinese
catalogue is complete and compiled, View → Language switches at once and back, and a machine
without a Chinese font stays in English and says why."""

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import missing, need_module

need_module("PySide6")

from ui_helpers import open_window  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "lrviz" / "ui" / "translations" / "lrviz_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# words that stay as they are in the Chinese window: names, file types, keys and the course's symbols
KEPT = {"lrviz", "English", "Chinese", "Language", "CIFAR", "Ctrl", "Shift", "npz", "csv", "CSV", "sigmoid", "exp",
        "log", "tar", "hdf", "non", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "cat", "Space"}


def update_tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "assets" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lupdate_finds_no_string_without_its_chinese_and_the_shipped_qm_is_compiled_from_it(tmp_path):
    tool = update_tool()
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    tool.lupdate(ts)  # the sources as they are now: a new or changed string comes back unfinished
    finished, unfinished = tool.counts(ts)
    assert unfinished == 0, f"{unfinished} strings have no Chinese: run assets/update_translations.py"
    assert finished == tool.counts(TS)[0] > 250
    tool.lrelease(ts, tmp_path / "out.qm")
    assert (tmp_path / "out.qm").read_bytes() == TS.with_suffix(".qm").read_bytes(), "the .qm is stale"


def test_the_lesson_exists_in_chinese_with_the_same_parts_and_actions():
    from lrviz.ui.lessons import load_lesson
    en, zh = load_lesson("en"), load_lesson("zh_CN")
    assert [p["actions"] for p in zh["parts"]] == [p["actions"] for p in en["parts"]]
    for part in zh["parts"]:
        assert CJK.search(part["title"]) and CJK.search(part["text"]) and CJK.search(part["button"])


def texts(window) -> dict[str, str]:
    """Every menu, action, dock title, tab, button, label and tooltip of the window, by where it is."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDockWidget, QLabel, QMenu, QTabWidget, QWidget
    out = {}
    for i, w in enumerate([window, *window.findChildren(QWidget)]):
        key = f"{type(w).__name__}#{i}:{w.objectName()}"
        out[key + ".tip"] = w.toolTip()
        if isinstance(w, (QDockWidget, QMenu)):
            out[key + ".title"] = w.windowTitle() if isinstance(w, QDockWidget) else w.title()
        if isinstance(w, QAbstractButton):
            out[key + ".text"] = w.text()
        if isinstance(w, QLabel) and not w.text().startswith("<"):  # rich text is made from numbers
            out[key + ".text"] = w.text()
        if isinstance(w, QComboBox):
            out.update({f"{key}.item{j}": w.itemText(j) for j in range(w.count())})
        if isinstance(w, QTabWidget):
            out.update({f"{key}.tab{j}": w.tabText(j) for j in range(w.count())})
    for i, a in enumerate(window.findChildren(QAction)):
        out[f"action#{i}.text"] = a.text()
        out[f"action#{i}.tip"] = a.toolTip()
        out[f"action#{i}.status"] = a.statusTip()
    return {k: v for k, v in out.items() if v}


def untranslated(found: dict[str, str]) -> dict[str, str]:
    """Texts with an English word and not a Chinese character: left in English."""
    return {k: v for k, v in found.items()
            if not CJK.search(v) and set(ENGLISH_WORD.findall(v)) - KEPT and not v.startswith(("/", "builtin:"))}


@pytest.fixture
def chinese_font():
    from lrviz.ui.i18n import has_font
    if not has_font("zh_CN"):
        missing("no Chinese font installed (apt-get install fonts-noto-cjk)")


def test_the_window_starts_in_chinese_with_every_menu_dock_button_and_tooltip_translated(qtbot, settings,
                                                                                         chinese_font):
    settings.setValue("language", "zh_CN")
    window = open_window(qtbot, settings)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:3] == ["文件(&F)", "编辑(&E)", "训练(&T)"]
    assert window.docks["training"].windowTitle() == "训练" and window.training.play_button.text() == "播放"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("已加载 builtin:cats"), timeout=5000)
    left = untranslated(texts(window))
    assert not left, f"left in English: {json.dumps(left, ensure_ascii=False, indent=1)}"
    from PySide6.QtCore import QCoreApplication
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs follow


def test_view_language_switches_at_once_and_back_to_the_same_english(qtbot, settings, chinese_font, window):
    english = texts(window)
    assert not untranslated({k: v for k, v in english.items() if CJK.search(v) and "中文" not in v})
    window.menus.language_actions["zh_CN"].trigger()
    chinese = texts(window)
    assert settings.value("language") == "zh_CN"
    assert window.training.play_button.text() == "播放" and window.tabs.tabText(0) == "代价曲线"
    assert not untranslated(chinese), json.dumps(untranslated(chinese), ensure_ascii=False, indent=1)
    qtbot.waitUntil(lambda: CJK.search(window.training.state.text()) is not None, timeout=3000)
    window.menus.language_actions["en"].trigger()
    assert texts(window) == english
    assert settings.value("language") == "en"


def test_without_a_chinese_font_the_window_stays_in_english_and_says_why(qtbot, settings, monkeypatch):
    import lrviz.ui.main_window as main_window
    monkeypatch.setattr(main_window, "has_font", lambda language: False)
    settings.setValue("language", "zh_CN")
    window = open_window(qtbot, settings)
    assert window.training.play_button.text() == "Play"
    assert "fonts-noto-cjk" in window.statusBar().currentMessage()
    assert window.menus.language_actions["en"].isChecked()
    window.menus.language_actions["zh_CN"].trigger()
    assert window.training.play_button.text() == "Play" and window.menus.language_actions["en"].isChecked()


@pytest.mark.parametrize("preferred, expected", [
    (["zh-Hans-CN", "en-US"], "zh_CN"), (["zh-CN"], "zh_CN"), (["fr-FR", "zh-TW"], "zh_CN"),
    (["en-GB", "zh-CN"], "en"), (["fr-FR", "de-DE"], "en"), ([], "en")])
def test_the_first_start_speaks_the_first_of_the_systems_languages_lrviz_has(preferred, expected):
    from lrviz.ui.i18n import system_language
    assert system_language(preferred) == expected


def test_a_language_added_to_the_list_is_offered_and_without_its_font_the_window_names_the_font_to_install(
        qtbot, settings, monkeypatch):
    """Adding a language is an entry in LANGUAGES (and its .ts): the menu, the system's choice and the
    font check read it; no other edit. Runic: a writing system this machine has no font for."""
    from lrviz.training.settings import LANGUAGES, Language
    from lrviz.ui.i18n import has_font, system_language
    monkeypatch.setitem(LANGUAGES, "non_NO", Language("Rúnar", "Runic", "fonts-runic-example"))
    assert system_language(["non-NO"]) == "non_NO" and not has_font("non_NO")
    window = open_window(qtbot, settings)
    window.menus.language_actions["non_NO"].trigger()
    said = window.statusBar().currentMessage()
    assert "Rúnar" in said and "sudo apt-get install fonts-runic-example" in said
    assert window.menus.language_actions["en"].isChecked() and window.training.play_button.text() == "Play"


def test_no_two_english_texts_share_one_chinese_so_switching_back_is_exact():
    from lrviz.ui.i18n import catalogue
    seen: dict[str, str] = {}
    for _, source, translation in catalogue("zh_CN"):
        assert seen.setdefault(translation, source) == source, f"{translation!r}: {source!r} and {seen[translation]!r}"


def test_the_engines_and_the_file_readers_sentences_are_shown_in_chinese(qtbot, settings, chinese_font, tmp_path):
    """A divergence (made in the training process) and a bad file (read by lrviz.io) keep no English
    words in the Chinese window but the file's own path."""
    from ui_helpers import snap
    settings.setValue("language", "zh_CN")
    window = open_window(qtbot, settings)
    missing = tmp_path / "three"
    for name in ("a", "b", "c"):
        (missing / name).mkdir(parents=True)
        (missing / name / "1.png").write_bytes(b"")
    window.load(str(missing))
    qtbot.waitUntil(lambda: not window.data.error.isHidden(), timeout=10000)  # the load has failed
    shown = window.statusBar().currentMessage().replace(str(missing), "").replace("builtin:cats", "")
    assert CJK.search(shown) and not set(ENGLISH_WORD.findall(shown)) - KEPT, shown
    assert str(missing) in window.data.error.text() and CJK.search(window.data.error.text())

    window.training.lr_edit.setText("5")
    window.training.lr_edit.editingFinished.emit()
    window.training.play_button.click()
    qtbot.waitUntil(lambda: window.training.banner.isVisible(), timeout=5000)
    banner = window.training.banner.text()
    assert snap(window).diverged.startswith("training diverged")  # the engine's English, kept for the CLI
    assert "5" in banner and CJK.search(banner) and not set(ENGLISH_WORD.findall(banner)) - KEPT, banner


def test_how_a_data_set_was_made_is_said_in_the_windows_language(qapp):
    """From the data set's facts, never from its name: a folder's own "(photos)" is left alone."""
    from lrviz.core import Facts
    from lrviz.ui.i18n import TRANSLATIONS
    from lrviz.ui.panels.data import source_text
    split, balanced = Facts(split_here=True, test_share=0.2, seed=0), Facts(balanced=True, seed=0)
    assert TRANSLATIONS.set_language("zh_CN")
    try:
        assert source_text("/d/cats.h5", split) == "/d/cats.h5 (按固定种子 80/20 划分)"
        assert source_text("/d/cifar.tar.gz", balanced) == "/d/cifar.tar.gz (已平衡)"
        assert source_text("/d/my (photos)", Facts()) == "/d/my (photos)"
    finally:
        TRANSLATIONS.set_language("en")
    assert source_text("/d/cats.h5", split) == "/d/cats.h5 (seeded 80/20 split)"
    assert source_text("/d/my (seeded 80/20 split)", Facts()) == "/d/my (seeded 80/20 split)"  # a name, kept


def test_every_translation_keeps_its_sources_placeholders():
    """A translation that lost or renamed a {field} would show the English (Message.render falls
    back) or fail to format: every {…} of the source is in the translation, and nothing else."""
    from lrviz.ui.i18n import catalogue
    fields = re.compile(r"\{[^{}]*\}")
    for context, source, translation in catalogue("zh_CN"):
        assert sorted(fields.findall(source)) == sorted(fields.findall(translation)), (context, source, translation)


def test_the_courses_classes_are_named_in_the_windows_language_and_stored_as_the_data_names_them(
        qtbot, settings, chinese_font, window):
    """In Chinese the course's "cat" / "non-cat" are 猫 / 非猫 wherever the window names a class (the
    Data panel's summary, thumbnails and label chooser, Predict's key); what is stored stays the
    data's own ("cat"), and English comes back the same."""
    data = window.data

    def shown():
        return (data.summary.text(), [data.lists["train"].item(i).text() for i in range(3)],
                [data.lists["test"].item(i).text() for i in range(3)], data.edits.label.itemText(0),
                window.predict.key.text())
    english = shown()
    assert "72 cat, 137 non-cat" in english[0] and english[3] == "cat" and "cat" in english[4]
    window.set_language("zh_CN")
    summary, train, test, chooser, key = shown()
    assert "猫 72 张，非猫 137 张" in summary and "non-cat" not in summary
    assert all(t in ("猫", "非猫") for t in train + test) and chooser == "猫"
    assert "猫" in key and "cat" not in key
    assert settings.value("positive") == "cat" and window.session.loaded.dataset.classes == ("non-cat", "cat")
    window.set_language("en")
    assert shown() == english
