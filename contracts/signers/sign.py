#!/usr/bin/env python3
"""Reference request signer for Pishkhan Ledger gateways and PSPs (Python 3 standard library only).

Every signed request carries X-Pishkhan-Timestamp (unix seconds) and X-Pishkhan-Signature:
hex HMAC-SHA256 under the signing secret of  timestamp \\n METHOD \\n path-with-query \\n raw body.

    export PISHKHAN_TOKEN=pk_... PISHKHAN_SECRET=...
    python3 sign.py send POST http://127.0.0.1:3000/v1/payments '{"rrn": ...}'
    python3 sign.py send GET  http://127.0.0.1:3000/v1/payments/<paymentId>
    python3 sign.py headers POST /v1/payments '{"rrn": ...}'   # the two headers, for another client

`send` prints the HTTP status on the first line and the answer's body after it.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit


def signature(secret: str, timestamp: str, method: str, path_with_query: str, body: bytes = b"") -> str:
    head = f"{timestamp}\n{method.upper()}\n{path_with_query}\n".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), head + body, hashlib.sha256).hexdigest()


def signed_headers(token: str, secret: str, method: str, path_with_query: str, body: bytes = b"") -> dict:
    timestamp = str(int(time.time()))
    return {
        "Authorization": f"Bearer {token}",
        "X-Pishkhan-Timestamp": timestamp,
        "X-Pishkhan-Signature": signature(secret, timestamp, method, path_with_query, body),
    }


def send(token: str, secret: str, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
    """One signed request; a retry calls this again, so it is signed anew (a signature is used once)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = signed_headers(token, secret, method, path, body or b"")
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers, method=method.upper())
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] not in ("send", "headers"):
        sys.stderr.write(__doc__ or "")
        return 2
    token, secret = os.environ.get("PISHKHAN_TOKEN", ""), os.environ.get("PISHKHAN_SECRET", "")
    if not token or not secret:
        sys.stderr.write("set PISHKHAN_TOKEN and PISHKHAN_SECRET\n")
        return 2
    command, method, target = argv[0], argv[1], argv[2]
    body = argv[3].encode("utf-8") if len(argv) > 3 else None
    if command == "headers":
        for name, value in signed_headers(token, secret, method, target, body or b"").items():
            if name != "Authorization":
                print(f"{name}: {value}")
        return 0
    status, answer = send(token, secret, method, target, body)
    print(status)
    print(answer.decode("utf-8"))
    return 0 if 200 <= status < 300 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
