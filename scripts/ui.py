"""Start a command (``dagster dev``) with SIGINT at its default, so SIGTERM stops it too, once the
environment is known to be valid.

Dagster maps SIGTERM to whatever SIGINT does. A UI started in the background (``make ui &``,
a script, a service manager) inherits an *ignored* SIGINT from the shell, so it ignored
SIGTERM as well and had to be killed. Resetting SIGINT before exec gives Python its usual
KeyboardInterrupt handler, and ``dagster dev`` shuts its webserver and daemon down cleanly.

A bad setting (``GHTALENT_SOURCE=bogus``, a token with spaces, a folder variable naming a file)
stops here with the one line ``make demo`` prints (exit 2), before any webserver starts: the UI
would otherwise come up with a code location that cannot load.
"""

import os
import signal
import sys


def environment_error() -> str | None:
    """The one-line message of an invalid environment variable, or None when all are valid."""
    from ghtalent.settings import SettingsError, load_settings

    try:
        load_settings()
    except SettingsError as exc:
        return f"ghtalent: {exc}"
    return None


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: ui.py COMMAND [ARGS...]")
    problem = environment_error()
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(2)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execvp(sys.argv[1], sys.argv[1:])
