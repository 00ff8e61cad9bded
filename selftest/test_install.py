"""A built (not editable) install works: the course is found from the current folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig

import pytest

from awaitlings.manifest import ROOT


@pytest.mark.timeout(600)
def test_a_wheel_install_lists_the_course_from_its_folder(tmp_path):
    # Install the package itself (no dependencies: they are this environment's) into a folder of
    # its own, then run its `awaitlings` script from the course folder and from elsewhere.
    target = tmp_path / "site"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-compile",
            "--quiet",
            "--target",
            str(target),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=500,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    assert not (target / "awaitlings" / "manifest.py").is_symlink()
    assert (target / "awaitlings" / "engine" / "plugin.py").is_file()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])}
    env.pop("AWAITLINGS_COURSE", None)
    code = (
        "import awaitlings, sys; from awaitlings.student.cli import main; "
        "print(awaitlings.__file__); sys.exit(main(['list']))"
    )
    # Kept apart from the course folder's own package: run from a folder without it, pointing
    # at the course with AWAITLINGS_COURSE; and from the course's exercises/ folder with the
    # current folder kept off sys.path (-P).
    listed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "AWAITLINGS_COURSE": str(ROOT)},
    )
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert listed.stdout.startswith(str(target)) and "ex22" in listed.stdout
    inside = subprocess.run(
        [sys.executable, "-P", "-c", code], cwd=ROOT / "exercises", capture_output=True, text=True, timeout=120, env=env
    )
    assert inside.returncode == 0 and "ex01" in inside.stdout, inside.stderr[-2000:]
    assert inside.stdout.startswith(str(target))
    lost = subprocess.run(
        [sys.executable, "-P", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env
    )
    assert lost.returncode != 0 and "Run awaitlings from the course folder" in lost.stderr
    assert "Traceback" not in lost.stderr
