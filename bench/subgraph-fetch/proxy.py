"""A recording reverse proxy between the gateway and one subgraph: forwards every request as it
is and appends one JSON line per exchange to OUT_FILE (the request's headers and body, the
response's status and body), so the exact subgraph fetches of a gateway query can be replayed
against the subgraph directly (bench/subgraph-fetch/run).
Usage: proxy.py LISTEN_PORT TARGET_PORT OUT_FILE
"""
import http.client
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

listen_port, target_port, out_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
local = threading.local()
# hop-by-hop headers are not the subgraph's business; everything else is replayed as sent
SKIP = {"host", "connection", "content-length", "transfer-encoding", "keep-alive"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in SKIP}
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
        try:
            local.conn.request("POST", self.path, body=body, headers=headers)
            response = local.conn.getresponse()
        except (http.client.HTTPException, OSError):
            local.conn = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
            local.conn.request("POST", self.path, body=body, headers=headers)
            response = local.conn.getresponse()
        answer = response.read()
        with lock, open(out_file, "a") as out:
            out.write(json.dumps({"path": self.path, "headers": headers, "body": body.decode(),
                                  "status": response.status, "response": answer.decode()}) + "\n")
        self.relay(response, answer)

    def relay(self, response, answer):
        """Sends the subgraph's answer on to the gateway, hop-by-hop headers left out."""
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in SKIP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def do_GET(self):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
        local.conn.request("GET", self.path)
        response = local.conn.getresponse()
        answer = response.read()
        self.relay(response, answer)


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", listen_port), Handler).serve_forever()
