"""A built (not editable) install works: the course is found from the current folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv

import pytest

from awaitlings.manifest import ROOT


@pytest.mark.timeout(600)
def test_pip_install_into_a_fresh_venv_lists_the_course_from_its_folder(tmp_path):
    # A fresh venv gets the package itself from `pip install .` (a wheel is built: not editable);
    # its dependencies come from this environment through a path file, so nothing is downloaded.
    # (That path file only adds the folder: this environment's own editable install, a .pth
    # *inside* it, is not run, so the package can only come from the wheel.)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with open(os.path.join(site, "course-deps.pth"), "w", encoding="utf-8") as deps:
        deps.write(sysconfig.get_paths()["purelib"] + "\n")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=500,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    installed = os.path.join(site, "awaitlings")
    assert os.path.isfile(os.path.join(installed, "engine", "plugin.py"))
    script = env_dir / "bin" / "awaitlings"
    assert script.is_file()
    env = {k: v for k, v in os.environ.items() if k not in ("AWAITLINGS_COURSE", "PYTHONPATH", "VIRTUAL_ENV")}
    where = [str(python), "-c", "import awaitlings; print(awaitlings.__file__)"]
    # From the course's exercises/ folder: found by walking up to info.toml.
    inside = subprocess.run([str(script), "list"], cwd=ROOT / "exercises", capture_output=True, text=True,
                            timeout=120, env=env)  # fmt: skip
    assert inside.returncode == 0 and "ex01" in inside.stdout and "ex22" in inside.stdout, inside.stderr[-2000:]
    package = subprocess.run(where, cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert package.stdout.strip().startswith(installed), package.stdout + package.stderr
    # From anywhere, with the course named; and lost, with one plain sentence.
    named = subprocess.run([str(script), "list"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                           env={**env, "AWAITLINGS_COURSE": str(ROOT)})  # fmt: skip
    assert named.returncode == 0 and "ex22" in named.stdout, named.stderr[-2000:]
    lost = subprocess.run([str(script), "list"], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    assert lost.returncode != 0 and "Run awaitlings from the course folder" in lost.stderr, lost.stderr
    assert "Traceback" not in lost.stderr
