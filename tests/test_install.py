"""A regular (non-editable) install works outside a checkout: the documents travel as package data, byte for byte,
and the default database is built on first use in the user's data directory."""

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.txt"))}


def test_a_wheel_installed_in_a_fresh_venv_answers_a_search_from_another_directory(tmp_path):
    source = tmp_path / "src"  # a copy, so the build leaves no build/ or egg-info in the worktree
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("smbstar", "seeds"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(source)],
                   check=True, capture_output=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    *map(str, wheels.glob("smbstar-*.whl"))], check=True, capture_output=True)
    # The dependencies (typer, rich, ...) are borrowed from the test's environment rather than downloaded.
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    (purelib / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    installed = purelib / "smbstar" / "seeds"
    assert _digests(installed / "docs") == _digests(ROOT / "seeds" / "docs")
    assert sorted(p.name for p in (installed / "curated").iterdir()) == sorted(
        p.name for p in (ROOT / "seeds" / "curated").iterdir())

    elsewhere, home, data = tmp_path / "elsewhere", tmp_path / "home", tmp_path / "data"
    for folder in (elsewhere, home, data):
        folder.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("SMBSTAR_DB", "PYTHONPATH")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(data))
    result = subprocess.run([str(venv / "bin" / "smbstar"), "search", "배터리", "--format", "tsv"], cwd=elsewhere,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("tech\tII-2\t이차전지용 핵심소재 및 제품\t")
    assert f"building the database at {data / 'smbstar' / 'smbstar.db'} (first use)" in result.stderr
    assert (data / "smbstar" / "smbstar.db").is_file()
    assert not list(elsewhere.iterdir()) and not (purelib / "db").exists()

    cited = subprocess.run([str(venv / "bin" / "smbstar"), "source", "000:1710"], cwd=elsewhere, env=env,
                           capture_output=True, text=True)
    assert cited.stdout == "000_ad982b00eef8a1f3.txt:1710:2) KAIST 김일두 교수, idkim@kaist.ac.kr\n"

    located = subprocess.run([str(python), "-c", "from smbstar import db; print(db.DEFAULT_DB)"], env=env,
                             capture_output=True, text=True, cwd=elsewhere)
    assert located.stdout.strip() == str(data / "smbstar" / "smbstar.db")
    home_only = dict(env)
    del home_only["XDG_DATA_HOME"]
    located = subprocess.run([str(python), "-c", "from smbstar import db; print(db.DEFAULT_DB)"], env=home_only,
                             capture_output=True, text=True, cwd=elsewhere)
    assert located.stdout.strip() == str(home / ".local" / "share" / "smbstar" / "smbstar.db")
