"""`awaitlings verify` fails, naming the problem, when the course is broken; `reset` restores stubs.

Both run on a small copy of the course (exercises 1-3) so they stay quick.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from awaitlings.manifest import ROOT

pytestmark = pytest.mark.timeout(600)
KEEP = ("ex01_first_coroutine", "ex02_await_dont_block", "ex03_forgotten_await")


def _small_course(dest: Path) -> Path:
    for rel in (
        "awaitlings",
        "conftest.py",
        "pyproject.toml",
        "README.md",
        ".github",
        "selftest/wrong",
        "requirements.lock",
    ):
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / rel)
    for folder in ("exercises", "solutions", "tests"):
        (dest / folder).mkdir()
        for module in KEEP:
            name = f"test_{module}.py" if folder == "tests" else f"{module}.py"
            shutil.copy(ROOT / folder / name, dest / folder / name)
        if folder != "tests":
            (dest / folder / "__init__.py").write_text("")
    for wrong in (dest / "selftest" / "wrong").iterdir():
        if wrong.name not in KEEP:
            shutil.rmtree(wrong)
    # The manifest: only the first three exercises.
    text = (ROOT / "info.toml").read_text()
    blocks = text.split("\n[[exercises]]\n")
    (dest / "info.toml").write_text("\n[[exercises]]\n".join(blocks[: len(KEEP) + 1]))
    subprocess.run([sys.executable, "-m", "awaitlings", "generate"], cwd=dest, check=True, capture_output=True)
    return dest


def _verify(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "awaitlings", "verify", "--skip-selftest"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=500,
    )


def test_verify_names_each_problem(tmp_path):
    repo = _small_course(tmp_path / "course")
    # 1. a solution copied over its stub
    shutil.copy(repo / "solutions" / "ex01_first_coroutine.py", repo / "exercises" / "ex01_first_coroutine.py")
    # 2. a broken solution
    broken = repo / "solutions" / "ex02_await_dont_block.py"
    broken.write_text(broken.read_text().replace("await asyncio.sleep(seconds)", "pass"))
    # 3. a hint missing
    manifest = repo / "info.toml"
    text = manifest.read_text()
    block = text.split('module = "ex03_forgotten_await"', 1)[1]
    hints = re.search(r"hints = \[\n(.*?)\n\]", block, re.S)
    assert hints is not None
    first_hint = hints.group(1).splitlines()[0]
    manifest.write_text(text.replace(hints.group(0), f"hints = [\n{first_hint}\n]"))
    # 4. a test module missing
    (repo / "tests" / "test_ex03_forgotten_await.py").unlink()

    proc = _verify(repo)
    out = proc.stdout
    assert proc.returncode == 1, out
    assert "ex01_first_coroutine: the stub already passes task 1" in out
    assert "ex01_first_coroutine: exercises/ex01_first_coroutine.py is the same as its solution" in out
    assert "ex02_await_dont_block: solution fails task 2" in out
    assert "ex03_forgotten_await: [ex03_forgotten_await] needs at least 2 hints" in out
    assert "ex03_forgotten_await: test file tests/test_ex03_forgotten_await.py is missing" in out
    assert re.search(r"verify: \d+ passed, [1-9]\d* failed", out)


def test_reset_restores_the_shipped_stub(tmp_path):
    repo = _small_course(tmp_path / "course")

    def git(*args):
        return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "template")
    stub = repo / "exercises" / "ex01_first_coroutine.py"
    original = stub.read_text()
    stub.write_text("# my work in progress\n")
    git("add", "-A")
    git("-c", "user.name=s", "-c", "user.email=s@x", "commit", "-qm", "my work")
    reset = [sys.executable, "-m", "awaitlings", "reset", "1"]
    refused = subprocess.run(reset, cwd=repo, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert refused.returncode == 2 and "--yes" in refused.stdout
    assert stub.read_text() == "# my work in progress\n"
    done = subprocess.run([*reset, "--yes"], cwd=repo, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert stub.read_text() == original
