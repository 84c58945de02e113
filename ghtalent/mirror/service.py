"""Make sure a mirror is listening on a fixed local port (start one in this process if not).

A fixed port keeps URLs, and so the HTTP cache keys, stable across runs and processes.
"""

from __future__ import annotations

import threading
from pathlib import Path

import requests

from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR

_started: dict[int, MirrorServer] = {}
_lock = threading.Lock()


def mirror_is_up(url: str) -> bool:
    try:
        return requests.get(f"{url}/_mirror/meta", timeout=1.0).ok
    except requests.RequestException:
        return False


def ensure_mirror(port: int, world_path: Path | None = None) -> str:
    """The URL of a mirror on 127.0.0.1:`port`, starting one over the bundled snapshot if needed."""
    url = f"http://127.0.0.1:{port}"
    with _lock:
        if port in _started or mirror_is_up(url):
            return url
        world_path = Path(world_path or SNAPSHOT_DIR / "world.json.gz")
        if not world_path.exists():
            raise FileNotFoundError(
                f"the offline snapshot {world_path} is missing; restore it with `git checkout data/snapshot` "
                "or generate one with `python -m ghtalent.mirror.generate`"
            )
        try:
            _started[port] = MirrorServer(load_world(world_path), port=port).start()
        except OSError:
            # another process bound the port a moment ago: use its mirror
            if not mirror_is_up(url):
                raise
    return url
