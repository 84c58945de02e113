"""`python -m ghtalent.netguard [--log FILE] -- COMMAND...`: run a command (and every Python
process it starts) under the network guard, then print how many lookups and connections
outside loopback were refused. Exit status: the command's, or 3 when anything was refused."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ghtalent.netguard import ENV_LOG, guard_env, read_refusals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--log", type=Path, help="refusal log (default: a temporary file)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")
    log = args.log or Path(tempfile.mkstemp(prefix="netguard-", suffix=".log")[1])
    log.write_text("", encoding="utf-8")
    env = guard_env({k: v for k, v in os.environ.items() if k != ENV_LOG}, log)
    code = subprocess.call(command, env=env)
    refusals = read_refusals(log)
    print(f"network guard: {len(refusals)} refused lookup(s)/connection(s) outside loopback")
    for line in refusals[:20]:
        print(f"  {line}")
    if refusals:
        print(f"  full list: {log}")
        return code or 3
    return code


if __name__ == "__main__":
    sys.exit(main())
