"""`make ui` goes through scripts/ui.py so SIGTERM stops the UI even when it was started in the
background (Dagster maps SIGTERM to SIGINT's handler; a background start inherits SIGINT
ignored, and the UI then ignored SIGTERM too), and so a bad setting is one line, not a UI
whose code location cannot load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

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


STARTED = "the UI would start here"


def _launch_ui(**env: str) -> subprocess.CompletedProcess:
    """The launcher as `make ui` runs it, with `env` on top of a clean GHTALENT_* environment;
    the command it starts stands in for `dagster dev` (a check that let a bad setting through
    then shows as this line, and no webserver is left running)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GHTALENT_", "GITHUB_"))}
    command = [sys.executable, "-c", f"print({STARTED!r})"]
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "ui.py"), *command],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_valid_settings_the_launcher_starts_the_ui():
    done = _launch_ui(GHTALENT_SOURCE="mirror")
    assert done.returncode == 0 and done.stdout.strip() == STARTED, done.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"GHTALENT_SOURCE": "bogus"},
            "ghtalent: GHTALENT_SOURCE='bogus' is not known; use one of",
        ),
        ({"GHTALENT_MIRROR_PORT": "http"}, "ghtalent: GHTALENT_MIRROR_PORT='http' must be a port"),
    ],
)
def test_a_bad_setting_stops_make_ui_with_one_line_before_the_webserver(env, expected):
    done = _launch_ui(**env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and STARTED not in done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected), done.stderr
    if "GHTALENT_SOURCE" in env:
        assert "mirror, live" in lines[0]


def test_a_folder_variable_naming_a_file_stops_make_ui_with_one_line(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    done = _launch_ui(GHTALENT_DATA_DIR=str(blocker))
    assert done.returncode == 2 and STARTED not in done.stdout
    assert done.stderr.strip() == (
        f"ghtalent: GHTALENT_DATA_DIR='{blocker}' is a file, not a folder; "
        "point it at a folder or unset it"
    )
