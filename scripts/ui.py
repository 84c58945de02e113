"""Start a command (``dagster dev``) with SIGINT at its default, so SIGTERM stops it too.

Dagster maps SIGTERM to whatever SIGINT does. A UI started in the background (``make ui &``,
a script, a service manager) inherits an *ignored* SIGINT from the shell, so it ignored
SIGTERM as well and had to be killed. Resetting SIGINT before exec gives Python its usual
KeyboardInterrupt handler, and ``dagster dev`` shuts its webserver and daemon down cleanly.
"""

import os
import signal
import sys

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: ui.py COMMAND [ARGS...]")
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execvp(sys.argv[1], sys.argv[1:])
