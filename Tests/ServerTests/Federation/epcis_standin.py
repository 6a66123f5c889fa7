"""A plain EPCIS 2.0 repository for the federation tests: the standard REST binding's `POST /capture` and
`GET /events` with MATCH_anyEPC / MATCH_anyEPCClass, nothing of Suyuan. It stands in for an enterprise's own system
(an importer's EPCIS repository) that a Suyuan platform traces through as a peer of kind "epcis".

Usage: python3 epcis_standin.py PORT KEY DOCUMENT.jsonld   (the document's events are loaded at start)

It ends on SIGTERM even when its parent ignored that signal (an ignored signal stays ignored across exec), and it
ends with the test process that started it: a test run that exits before its world is torn down leaves no server
behind.
"""
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, KEY, SEED = int(sys.argv[1]), sys.argv[2], sys.argv[3]
EVENTS = []
CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]


def load(document):
    EVENTS.extend(document.get("epcisBody", {}).get("eventList", []))


def identifiers(event):
    ids = set(event.get("epcList", []) + event.get("childEPCs", []) + event.get("inputEPCList", [])
              + event.get("outputEPCList", []))
    if "parentID" in event:
        ids.add(event["parentID"])
    classes = {q["epcClass"] for name in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList")
               for q in event.get(name, [])}
    return ids, classes


class Handler(BaseHTTPRequestHandler):
    def authorised(self):
        if self.headers.get("Authorization") != "Bearer " + KEY:
            self.send_response(401)
            self.send_header("Content-Type", "application/problem+json")
            self.end_headers()
            self.wfile.write(b'{"type":"epcisException:SecurityException","title":"Unauthorized","status":401}')
            return False
        return True

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path != "/events":
            self.send_response(404)
            self.end_headers()
            return
        if not self.authorised():
            return
        query = urllib.parse.parse_qs(url.query)
        any_epc = set(",".join(query.get("MATCH_anyEPC", [])).split(",")) - {""}
        any_class = set(",".join(query.get("MATCH_anyEPCClass", [])).split(",")) - {""}
        found = []
        for event in EVENTS:
            ids, classes = identifiers(event)
            if (not any_epc and not any_class) or ids & any_epc or classes & any_class:
                found.append(event)
        body = {"@context": CONTEXT, "type": "EPCISQueryDocument", "schemaVersion": "2.0",
                "creationDate": "2026-05-01T00:00:00Z",
                "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": found}}}}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        if urllib.parse.urlparse(self.path).path != "/capture":
            self.send_response(404)
            self.end_headers()
            return
        if not self.authorised():
            return
        length = int(self.headers.get("Content-Length", "0"))
        load(json.loads(self.rfile.read(length)))
        self.send_response(202)
        self.send_header("Location", "/capture/1")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def end_with_parent():
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


signal.signal(signal.SIGTERM, signal.SIG_DFL)
threading.Thread(target=end_with_parent, daemon=True).start()
with open(SEED) as seed:
    load(json.load(seed))
server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print("listening on 127.0.0.1:%d" % PORT, flush=True)
server.serve_forever()
