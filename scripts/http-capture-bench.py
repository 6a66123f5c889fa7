#!/usr/bin/env python3
"""Capture over HTTP with concurrent clients: each client POSTs EPCIS documents to /capture and waits for each
capture job to finish (GET Location until it is no longer running) before it sends its next one.

usage: http-capture-bench.py BASE_URL API_KEY CLIENTS DOCUMENT...

Prints events/s (all events of all documents over the wall time from the first POST to the last finished job),
the latency of a document (POST to job finished) at p50/p99, and any document that failed."""
import json
import sys
import threading
import time
import urllib.request


def events_in(path):
    with open(path, "rb") as f:
        return len(json.load(f)["epcisBody"]["eventList"])


def main():
    base, key, clients, documents = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    headers = {"Authorization": f"Bearer {key}"}
    queue = list(documents)
    lock = threading.Lock()
    latencies, failures = [], []

    def client():
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop(0)
            with open(path, "rb") as f:
                body = f.read()
            started = time.monotonic()
            request = urllib.request.Request(
                base + "/capture", data=body, method="POST",
                headers=dict(headers, **{"Content-Type": "application/ld+json"}))
            try:
                with urllib.request.urlopen(request, timeout=600) as response:
                    location = response.headers["Location"]
                while True:
                    with urllib.request.urlopen(urllib.request.Request(base + location, headers=headers),
                                                timeout=600) as response:
                        job = json.load(response)
                    if not job.get("running"):
                        break
                    time.sleep(0.02)
                if not job.get("success", False):
                    with lock:
                        failures.append((path, job))
            except Exception as error:  # a failed document is reported, the others go on
                with lock:
                    failures.append((path, repr(error)))
            with lock:
                latencies.append(time.monotonic() - started)

    total = sum(events_in(path) for path in documents)
    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"{total:,} events in {len(documents)} documents, {clients} clients: {elapsed:.2f} s, "
          f"{total / elapsed:,.0f} events/s over HTTP; per document p50 {pick(0.5):.0f} ms, p99 {pick(0.99):.0f} ms")
    for path, why in failures:
        print(f"FAILED {path}: {why}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
