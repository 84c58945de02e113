"""`make ui` goes through scripts/ui.py so SIGTERM stops the UI even when it was started in the
background (Dagster maps SIGTERM to SIGINT's handler; a background start inherits SIGINT
ignored, and the UI then ignored SIGTERM too)."""

from __future__ import annotations

import signal
import subprocess
import sys

from ghtalent.paths import REPO_ROOT

PROBE = "import signal; print(signal.getsignal(signal.SIGINT))"


def _ignoring_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(*command: str) -> str:
    done = subprocess.run(
        command, preexec_fn=_ignoring_sigint, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_background_start_ignores_sigint_without_the_launcher():
    assert _run(sys.executable, "-c", PROBE) in ("1", "Handlers.SIG_IGN")  # SIG_IGN


def test_the_launcher_gives_the_ui_its_interrupt_handler_back():
    out = _run(sys.executable, str(REPO_ROOT / "scripts" / "ui.py"), sys.executable, "-c", PROBE)
    assert "default_int_handler" in out


def test_make_ui_uses_the_launcher():
    recipe = (REPO_ROOT / "Makefile").read_text(encoding="utf-8").split("\nui:", 1)[1]
    assert "scripts/ui.py" in recipe.split("\n\n", 1)[0]
