"""A webhook receiver for the black-box tests: it verifies every delivery's signature with the
`standardwebhooks` package (the reference implementation, not Sesam's code) and logs one JSON line
per request.

    python receiver.py SECRET_FILE LOG_FILE [--fail-first N] [--sleep SECONDS]

SECRET_FILE holds the endpoint's secret (written by the test once Sesam has shown it; read anew for
each request, so a rotation is followed). The first N requests of each webhook-id answer 500;
--sleep holds each answer back. Prints "receiver: listening on PORT".
"""

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

args = argparse.ArgumentParser()
args.add_argument("secret_file")
args.add_argument("log_file")
args.add_argument("--fail-first", type=int, default=0)
args.add_argument("--sleep", type=float, default=0.0)
options = args.parse_args()

lock = threading.Lock()
seen = {}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        webhook_id = headers.get("webhook-id", "")
        with lock:
            seen[webhook_id] = seen.get(webhook_id, 0) + 1
            attempt = seen[webhook_id]
        try:
            with open(options.secret_file) as f:
                secret = f.read().strip()
            payload = Webhook(secret).verify(body, headers)
            verified, error = True, None
        except Exception as e:  # noqa: BLE001 - any failure to verify is logged as such
            payload, verified, error = json.loads(body or b"{}"), False, repr(e)
        status = 500 if attempt <= options.fail_first else 204
        if options.sleep:
            time.sleep(options.sleep)
        line = {"webhook_id": webhook_id, "type": payload.get("type"), "data": payload.get("data"),
                "verified": verified, "error": error, "attempt": attempt, "status": status,
                "timestamp": headers.get("webhook-timestamp")}
        with lock, open(options.log_file, "a") as log:
            log.write(json.dumps(line) + "\n")
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"receiver: listening on {server.server_address[1]}", flush=True)
server.serve_forever()
