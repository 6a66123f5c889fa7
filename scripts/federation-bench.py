"""Times traces, recalls and pushes across three federated platforms on loopback, against the same traces and
recalls on one platform holding every event (the reference run of the same sitting).

Usage: python3 scripts/federation-bench.py SUYUAN_BINARY WORK_DIR [EVENTS] [BASE_PORT]
Prints a Markdown report. Started by scripts/federation-bench.sh, which builds the release binary first.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

binary, work = sys.argv[1], sys.argv[2]
events = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
base = int(sys.argv[4]) if len(sys.argv) > 4 else 38080
os.makedirs(work, exist_ok=True)


def call(port, path, key, body=None, method=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=None if body is None else json.dumps(body).encode(),
        method=method or ("POST" if body is not None else "GET"),
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{request.get_method()} {request.full_url}: {error.code} {error.read()[:600]!r}")


def timed(function, *arguments):
    started = time.perf_counter()
    value = function(*arguments)
    return (time.perf_counter() - started) * 1000, value


def percentiles(samples):
    ordered = sorted(samples)
    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
    return at(50), at(99), ordered[-1]


def wait_listening(port, minutes=20):
    deadline = time.time() + minutes * 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    log.flush()
    raise SystemExit(f"nothing answers on {port}:\n" + open(os.path.join(work, "federation.log")).read()[-2000:])


def event_count(port, key, query):
    total, path = 0, f"/events?{query}&perPage=10000"
    while path:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": "Bearer " + key})
        with urllib.request.urlopen(request, timeout=60) as response:
            document = json.loads(response.read())
            link = response.headers.get("Link") or ""
        total += len(document["epcisBody"]["queryResults"]["resultsBody"]["eventList"])
        path = link[link.index("<") + 1:link.index(">")] if 'rel="next"' in link else None
        if path and path.startswith("http"):
            path = path[path.index("/", 8):]
    return total


# 1. The federation: hub, sh, bj in one process (suyuan demo federated).
fed_dir = os.path.join(work, "federation")
log = open(os.path.join(work, "federation.log"), "w")
demo = subprocess.Popen([binary, "demo", "federated", "--events", str(events), "--dir", fed_dir,
                         "--base-port", str(base)], stdout=subprocess.PIPE, stderr=log, text=True)
keys = {}
for line in demo.stdout:
    parts = line.split()
    if len(parts) > 2 and parts[0] in ("hub", "sh", "bj") and "key" in parts:
        keys[parts[0]] = parts[-1]
    if len(keys) == 3:
        break
ports = {"hub": base, "sh": base + 1, "bj": base + 2}
for port in ports.values():
    wait_listening(port)
# Let the pushes of what crossed settle.
last, stable = None, 0
while stable < 3:
    counts = tuple(event_count(ports[p], keys[p], "EQ_bizStep=shipping") for p in ("bj", "hub"))
    stable = stable + 1 if counts == last else 0
    last = counts
    time.sleep(1)

# 2. The reference: one platform with every event (the same seed and size).
single_store = "sqlite:" + os.path.join(work, "single.sqlite")
if not os.path.exists(os.path.join(work, "single.sqlite")):
    subprocess.run([binary, "demo", "load", "--events", str(events), "--seed", "7", "--anomaly-rate", "0.05",
                    "--store", single_store], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
single_key = subprocess.run([binary, "key", "create", "--role", "regulator", "--store", single_store],
                            check=True, capture_output=True, text=True).stdout.strip()
single_port = base + 3
single = subprocess.Popen([binary, "serve", "--store", single_store, "--port", str(single_port), "--log-level",
                           "warning"], stdout=subprocess.DEVNULL, stderr=log)
wait_listening(single_port)

# 3. Lots whose holders are on the most platforms.
made = call(ports["sh"], "/events?EQ_bizStep=commissioning&perPage=10000", keys["sh"])
lots = []
for event in made["epcisBody"]["queryResults"]["resultsBody"]["eventList"]:
    for item in event.get("quantityList", []) + event.get("outputQuantityList", []):
        if item["epcClass"] not in lots:
            lots.append(item["epcClass"])
scored = []
for lot in lots[:150]:
    trace = call(ports["hub"], "/trace/forward?id=" + urllib.parse.quote(lot, safe=""), keys["hub"])
    holder_platforms = {h.get("platform") for h in trace.get("holders") or []}
    scored.append((len(holder_platforms), len(trace.get("platforms") or []), trace["events"], lot))
scored.sort(reverse=True)
best = scored[0]
lot = best[3]
quoted = urllib.parse.quote(lot, safe="")

report = [f"Federated demo of {events} events (hub, sh, bj) and the same {events} events on one platform; "
          f"traced lot {lot} ({best[2]} events, holders on {best[0]} platform(s), events from {best[1]})", ""]
report.append("| what | where | runs | p50 ms | p99 ms | max ms |")
report.append("|---|---|---|---|---|---|")

def bench(label, where, port, key, path, runs=200):
    for _ in range(10):
        call(port, path, key)
    samples = [timed(call, port, path, key)[0] for _ in range(runs)]
    p50, p99, worst = percentiles(samples)
    report.append(f"| {label} | {where} | {runs} | {p50:.1f} | {p99:.1f} | {worst:.1f} |")

bench("forward trace", "federation, asked on hub", ports["hub"], keys["hub"], "/trace/forward?id=" + quoted)
bench("forward trace", "federation, asked on sh", ports["sh"], keys["sh"], "/trace/forward?id=" + quoted)
bench("forward trace", "one platform (reference)", single_port, single_key, "/trace/forward?id=" + quoted)
bench("backward trace", "federation, asked on bj", ports["bj"], keys["bj"], "/trace/back?id=" + quoted)
bench("backward trace", "one platform (reference)", single_port, single_key, "/trace/back?id=" + quoted)

# The consumer page of the lot: on its home platform (sh), and on bj, which reads it from sh (the one-stop query).
def page(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        return response.read()

described = json.loads(subprocess.run([binary, "id", "describe", lot], check=True, capture_output=True,
                                      text=True).stdout)
if described.get("digitalLink", "").startswith("https://id.gs1.org/"):
    digital_link = urllib.parse.urlsplit(described["digitalLink"]).path
    for where, port in (("home platform (sh)", ports["sh"]), ("another platform (bj), from sh's data", ports["bj"])):
        for _ in range(10):
            page(port, digital_link)
        samples = [timed(page, port, digital_link)[0] for _ in range(200)]
        p50, p99, worst = percentiles(samples)
        report.append(f"| consumer page of the lot | {where} | 200 | {p50:.1f} | {p99:.1f} | {worst:.1f} |")

# 4. Recalls of lots with holders on all three platforms: 30 lots made on sh, each shipped in part to a hub party and
# to a bj party (pushed there), recalled from the hub; the reference recalls the same lots on one platform.
sh_peers = json.load(open(os.path.join(fed_dir, "sh.peers.json")))["platforms"]
prefix_of = {p["id"]: [x for x in p["prefixes"] if x != "6901234"][0] for p in sh_peers}
three = []
tag = "R" + str(int(time.time()) % 100000)
lot_events = []
for n in range(30):
    lot_urn = f"urn:epc:class:lgtin:6901234.010001.{tag}-{n}"
    three.append(lot_urn)
    here = f"urn:epc:id:sgln:{prefix_of['sh']}.00001.0"
    def shipment(to, kilograms, minute):
        return {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
                "eventTime": f"2026-06-02T08:{minute:02d}:00+08:00", "eventTimeZoneOffset": "+08:00",
                "quantityList": [{"epcClass": lot_urn, "quantity": kilograms, "uom": "KGM"}],
                "bizLocation": {"id": here},
                "sourceList": [{"type": "owning_party", "source": f"urn:epc:id:pgln:{prefix_of['sh']}.00001"}],
                "destinationList": [
                    {"type": "owning_party", "destination": f"urn:epc:id:pgln:{prefix_of[to]}.00001"},
                    {"type": "location", "destination": f"urn:epc:id:sgln:{prefix_of[to]}.00001.0"}]}
    lot_events += [
        {"type": "ObjectEvent", "action": "ADD", "bizStep": "commissioning", "eventTime": "2026-06-01T08:00:00+08:00",
         "eventTimeZoneOffset": "+08:00", "quantityList": [{"epcClass": lot_urn, "quantity": 100, "uom": "KGM"}],
         "bizLocation": {"id": here}},
        shipment("hub", 30, 1), shipment("bj", 30, 2)]
three_document = {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-06-01T00:00:00Z",
                  "epcisBody": {"eventList": lot_events}}
call(ports["sh"], "/capture", keys["sh"], three_document)
call(single_port, "/capture", single_key, three_document)
shipped = "EQ_bizStep=shipping&MATCH_anyEPCClass=" + ",".join(urllib.parse.quote(lot, safe="") for lot in three[:1])
while event_count(ports["hub"], keys["hub"], shipped) < 1 or event_count(ports["bj"], keys["bj"], shipped) < 1:
    time.sleep(0.1)
time.sleep(3)  # the rest of the pushes
recall_lots = three
posted, relayed, reference = [], [], []
for candidate in recall_lots:
    millis, recall = timed(call, ports["hub"], "/recalls", keys["hub"], {"id": candidate, "reason": "benchmark"})
    posted.append(millis)
    remote = {h.get("platform") for h in recall["holders"] if h.get("platform")}
    started = time.perf_counter()
    for platform in remote:
        while True:
            try:
                if call(ports[platform], "/recalls/" + recall["id"], keys[platform]).get("origin") == "hub":
                    break
            except SystemExit:
                pass  # 404 until the relay has arrived
            time.sleep(0.002)
    relayed.append(posted[-1] + (time.perf_counter() - started) * 1000)
    reference.append(timed(call, single_port, "/recalls", single_key, {"id": candidate, "reason": "benchmark"})[0])
holder_platforms = sorted({h.get("platform") or "hub" for h in recall["holders"]})
report.append(f"| (recalled lots: holders on {', '.join(holder_platforms)}) | | | | | |")
for label, where, samples in (("recall: POST /recalls answered", "federation (hub)", posted),
                              ("recall: every holder platform has it", "federation (hub → sh, bj)", relayed),
                              ("recall: POST /recalls answered", "one platform (reference)", reference)):
    p50, p99, worst = percentiles(samples)
    report.append(f"| {label} | {where} | {len(samples)} | {p50:.1f} | {p99:.1f} | {worst:.1f} |")

# 5. Push throughput: 2,000 shipments from an sh party to a bj party, until bj holds them all.
own = next(p for p in sh_peers if p["id"] == "sh")["prefixes"]
bj_prefix = next(p for p in sh_peers if p["id"] == "bj")["prefixes"][0]
sh_prefix = next(p for p in own if p != "6901234")
count = 2000
marker = "B" + str(int(time.time()) % 100000)  # an SGTIN serial holds at most 20 characters
shipments = [{
    "type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
    "eventTime": "2026-06-01T08:00:%02d.%03d+08:00" % (n // 1000 % 60, n % 1000), "eventTimeZoneOffset": "+08:00",
    "epcList": [f"urn:epc:id:sgtin:6901234.010001.{marker}-{n}"],
    "bizLocation": {"id": f"urn:epc:id:sgln:{sh_prefix}.00001.0"},
    "readPoint": {"id": f"urn:epc:id:sgln:{sh_prefix}.00001.0"},
    "bizTransactionList": [{"type": "desadv", "bizTransaction": f"urn:epcglobal:cbv:bt:desadv:{marker}"}],
    "sourceList": [{"type": "owning_party", "source": f"urn:epc:id:pgln:{sh_prefix}.00001"}],
    "destinationList": [{"type": "owning_party", "destination": f"urn:epc:id:pgln:{bj_prefix}.00001"}]}
    for n in range(count)]
document = {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
            "schemaVersion": "2.0", "creationDate": "2026-06-01T00:00:00Z", "epcisBody": {"eventList": shipments}}
started = time.perf_counter()
call(ports["sh"], "/capture", keys["sh"], document)
query = "EQ_bizTransaction_desadv=" + urllib.parse.quote(f"urn:epcglobal:cbv:bt:desadv:{marker}", safe="")
while event_count(ports["bj"], keys["bj"], query) < count:
    time.sleep(0.05)
seconds = time.perf_counter() - started
report.append("")
report.append(f"Push: {count} shipments captured on sh until bj held them all: {seconds:.2f} s, "
              f"{count / seconds:.0f} events/s (capture on sh, scan, POST /capture on bj, capture there).")
print("\n".join(report))
single.terminate()
demo.terminate()
single.wait(timeout=30)
demo.wait(timeout=30)
