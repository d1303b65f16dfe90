"""A proxy in front of a real service that refuses chosen requests with 503, to show that
clients retry what is transient and stop on what is not."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class FlakyProxy:
    """Forwards to `target`, answering 503 (Retry-After: 0) to the requests `refuse` picks."""

    def __init__(self, target: str, refuse: Callable[[str, int], bool]) -> None:
        self.attempts: Counter[str] = Counter()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def forward(self) -> None:
                request = f"{self.command} {self.path}"
                proxy.attempts[request] += 1
                if refuse(request, proxy.attempts[request]):
                    self.send_response(503)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {"Accept": self.headers.get("Accept", "*/*")}
                answer = requests.request(self.command, target + self.path, data=body, headers=headers, timeout=60)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = forward  # noqa: N815 - http.server's names

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
