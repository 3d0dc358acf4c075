"""Keep the Qt Linguist translations in step with the code.

    python resources/translations/update.py          # lupdate (keeps translations) + lrelease
    python resources/translations/update.py --check  # exit 1 if the .ts or .qm are out of date

The .ts files are the sources (edit them with Qt Linguist: pyside6-linguist); the .qm files
are built from them and committed, so the app needs no build step. English is the language
of the code; its file holds only the plural forms ("1 row", "2 rows"), as Qt Linguist does it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = sorted((ROOT / "kamplanner" / "ui").rglob("*.py"))
LANGUAGES = ("zh_CN", "en")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it ships with PySide6)")
    return found


def ts_file(lang: str) -> Path:
    return HERE / f"kamplanner_{lang}.ts"


def qm_file(lang: str) -> Path:
    return HERE / f"kamplanner_{lang}.qm"


def lupdate(target: Path) -> None:
    plural_only = ["-pluralonly"] if target.stem.endswith("_en") else []
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *map(str, SOURCES),
            *plural_only,
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(target),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


def lrelease(source: Path, target: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True, cwd=ROOT)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None when unfinished."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            text = forms[0] if forms else (translation.text or "")
            done = translation.get("type") not in ("unfinished", "vanished", "obsolete") and text
            found[(name, message.findtext("source") or "")] = text if done else None
    return found


def check() -> list[str]:
    problems = []
    for lang in LANGUAGES:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts_file(lang).name
            shutil.copy(ts_file(lang), fresh)
            lupdate(fresh)
            if fresh.read_bytes() != ts_file(lang).read_bytes():
                problems.append(f"{ts_file(lang).name} is not up to date with the code: run {Path(__file__).name}")
            for (context, source), text in messages(fresh).items():
                if text is None:
                    problems.append(f"{lang}: no translation for {context}: {source!r}")
            built = Path(tmp) / qm_file(lang).name
            lrelease(ts_file(lang), built)
            if not qm_file(lang).exists() or built.read_bytes() != qm_file(lang).read_bytes():
                problems.append(
                    f"{qm_file(lang).name} is not built from {ts_file(lang).name}: run {Path(__file__).name}"
                )
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "translations are up to date")
        raise SystemExit(1 if problems else 0)
    for lang in LANGUAGES:
        lupdate(ts_file(lang))
        lrelease(ts_file(lang), qm_file(lang))
        missing = [k for k, v in messages(ts_file(lang)).items() if v is None]
        print(f"{ts_file(lang).name}: {len(messages(ts_file(lang)))} messages, {len(missing)} untranslated")


if __name__ == "__main__":
    main()
