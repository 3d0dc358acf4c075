"""A plain (non-editable) install carries resources/, templates/ and the fonts, and works anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("kamplanner-*.whl")
    return built


def test_the_wheel_carries_the_top_level_folders(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "kamplanner/_data/resources/fonts/NotoSansSC-Regular.ttf",
        "kamplanner/_data/resources/fonts/NotoSansSC-Bold.ttf",
        "kamplanner/_data/resources/fonts/OFL.txt",
        "kamplanner/_data/resources/fonts/Symbola.ttf",
        "kamplanner/_data/resources/fonts/Symbola-LICENSE.txt",
        "kamplanner/_data/resources/fonts/KamplannerHanSupplement.ttf",
        "kamplanner/_data/resources/fonts/HanaMin-OFL.txt",
        "kamplanner/_data/resources/demo/accounts.json",
        "kamplanner/store/migrations/env.py",
        "kamplanner/store/migrations/versions/0001_first_schema.py",
    ):
        assert needed in names, needed
    assert any(n.startswith("kamplanner/_data/resources/demo/plans/") for n in names)
    assert any(n.startswith("kamplanner/_data/templates/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kamplanner = kamplanner.app:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_package_works_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kamplanner", "--db", str(elsewhere / "a.db"), *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            timeout=120,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import kamplanner.paths as p; print(p.resources()); print(p.templates())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where)
    assert run("demo").returncode == 0
    plans = json.loads(run("list", "--json").stdout)
    assert len(plans) >= 3
