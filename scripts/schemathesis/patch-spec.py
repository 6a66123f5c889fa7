"""Writes a copy of the EPCIS 2.0 REST binding's openapi.json with its known inconsistencies corrected.

Each correction is one entry of known-inconsistencies.md (same numbers); nothing else is changed. The fuzz run
(scripts/api-fuzz.sh) tests the server against the corrected copy.
Usage: python3 patch-spec.py OPENAPI_JSON OUT_JSON
"""
import copy
import json
import sys

spec = json.load(open(sys.argv[1]))
paths = spec["paths"]
responses = spec["components"]["responses"]


def ref(name):
    return {"$ref": "#/components/responses/" + name}


# 1. 409ResourceAlreadyExistsException gives its `status` member the enum [406]; a 409 says 409.
for media in responses["409ResourceAlreadyExistsException"]["content"].values():
    status = media["schema"]["allOf"][0]["properties"]["status"]
    status["enum"] = [409]
    status["default"] = 409

# 2. Invalid query parameters are a 400 QueryParameterException (the binding defines 400QueryIssues for them), yet
#    the GET operations that take query parameters (every SimpleEventQuery parameter, perPage, nextPageToken) do
#    not all list a 400; POST /queries does not list one for an invalid query definition.
for path, item in paths.items():
    get = item.get("get")
    if get is None:
        continue
    names = [p.get("$ref", "").rsplit("/", 1)[-1] for p in get.get("parameters", []) + item.get("parameters", [])]
    if ("PerPage" in names or "NextPageToken" in names) and "400" not in get["responses"]:
        get["responses"]["400"] = ref("400QueryIssues")
paths["/queries"]["post"]["responses"].setdefault("400", ref("400QueryIssues"))

# 3. POST /queries/{queryName}/subscriptions lists no 400, though the binding defines 400SubscriptionIssues
#    (SubscriptionControlsException) for exactly that operation.
paths["/queries/{queryName}/subscriptions"]["post"]["responses"].setdefault("400", ref("400SubscriptionIssues"))

# 4. maxEventCount is a parameter of every event query, and more matches than it allows is a 413
#    QueryTooLargeException (413QueryScopeOrSize); only GET /queries/{queryName}/events lists the 413.
for path, item in paths.items():
    if path.endswith("/events") and "get" in item:
        item["get"]["responses"].setdefault("413", ref("413QueryScopeOrSize"))

# 5. DELETE /nextPageToken/{token} lists only 204 and 501: no 400 for a text that is no token, and no 401/403,
#    which every other operation lists.
delete = paths["/nextPageToken/{token}"]["delete"]["responses"]
delete.setdefault("400", ref("400QueryIssues"))
delete.setdefault("401", ref("401UnauthorizedRequest"))
delete.setdefault("403", ref("403ClientUnauthorized"))

json.dump(spec, open(sys.argv[2], "w"), indent=1)
