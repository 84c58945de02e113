"""The small web the scraper reads on the mirror: personal homepages under `/pages/` (with the
faults a page can carry: huge, binary, a redirect loop, slow, mis-encoded) and `robots.txt`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ghtalent.mirror.server import MirrorHandler


def robots_txt(handler: MirrorHandler) -> None:
    """`GET /robots.txt`: disallows the pages marked `robots_disallow`."""
    world = handler.server.world
    disallowed = [p for p, f in world.page_faults.items() if f == "robots_disallow"]
    text = "User-agent: *\n" + "".join(f"Disallow: {p}\n" for p in disallowed)
    handler._send(200, text.encode(), content_type="text/plain; charset=utf-8")


def page(handler: MirrorHandler, path: str, query: dict) -> None:
    """`GET /pages/...`: a homepage of the world, or the fault its path is marked with."""
    world = handler.server.world
    fault = world.page_faults.get(path)
    html = world.pages.get(path)
    if html is None:
        handler._send(404, b"<html><body>Not found</body></html>", content_type="text/html")
        return
    html = html.replace("{mirror}", handler.origin)
    if fault == "huge":
        chunk = ("<p>" + "lorem ipsum " * 80 + "</p>\n").encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        handler.close_connection = True
        try:
            for _ in range(20_000):  # ~20 MB unless the client hangs up first
                handler.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return
    if fault == "binary":
        handler._send(200, bytes(range(256)) * 64, content_type="application/octet-stream")
        return
    if fault == "redirect_loop":
        hop = int(query.get("hop", ["0"])[0]) + 1
        handler.send_response(302)
        handler.send_header("Location", f"{path}?hop={hop}")
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    if fault == "slow":
        time.sleep(handler.server.slow_page_seconds)
    if fault == "mis_encoded":
        handler._send(
            200,
            html.encode("latin-1", errors="replace") + b"\xff\xfe\x80",
            content_type="text/html; charset=utf-8",
        )
        return
    handler._send(200, html.encode(), content_type="text/html; charset=utf-8")
