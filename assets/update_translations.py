"""Bring the window's translations up to date: pyside6-lupdate collects every tr() / translate() /
QT_TRANSLATE_NOOP string of lrviz into lrviz/ui/translations/lrviz_zh_CN.ts (translations already
there are kept), then pyside6-lrelease compiles the .qm the app loads.

    python assets/update_translations.py            # after changing strings; then translate the
                                                    # new entries (pyside6-linguist, or --merge)
    python assets/update_translations.py --merge F  # also fill translations from a JSON list of
                                                    # {"context", "source", "translation"}

Prints how many messages are finished and unfinished; exits 1 while any is unfinished.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "lrviz" / "ui" / "translations"
sys.path.insert(0, str(ROOT))
from lrviz.training.settings import LANGUAGES as ALL  # noqa: E402 (the one list of languages)

LANGUAGES = tuple(code for code in ALL if code != "en")  # English is the source


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (a venv's bin), else on PATH."""
    here = Path(sys.executable).with_name(name)
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "lrviz").rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def counts(ts: Path) -> tuple[int, int]:
    """(finished, unfinished) messages of a .ts file."""
    finished = unfinished = 0
    for message in ET.parse(ts).getroot().iter("message"):
        if message.find("translation").get("type") == "unfinished":
            unfinished += 1
        else:
            finished += 1
    return finished, unfinished


def merge(ts: Path, entries: list[dict]) -> int:
    """Fill unfinished messages from (context, source) → translation; returns how many were filled."""
    table = {(e["context"], e["source"]): e["translation"] for e in entries}
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = table.get((name, message.findtext("source") or ""))
            if text and translation.get("type") == "unfinished":
                translation.text = text
                del translation.attrib["type"]
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--merge", nargs="*", default=[], help="JSON files of translations to fill in")
    args = ap.parse_args()
    status = 0
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"lrviz_{language}.ts"
        lupdate(ts)
        for path in args.merge:
            print(f"{path}: {merge(ts, json.loads(Path(path).read_text(encoding='utf-8')))} filled")
        lupdate(ts)  # lupdate's own layout again, so the file changes only where strings do
        lrelease(ts, ts.with_suffix(".qm"))
        finished, unfinished = counts(ts)
        print(f"{ts.relative_to(ROOT)}: {finished} finished, {unfinished} unfinished")
        status |= unfinished > 0
    return status


if __name__ == "__main__":
    sys.exit(main())
