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

# 6. CaptureJob says a job has `errors` or `errorFile` as a oneOf of two branches that require nothing, so every
#    object matches both and no capture job can be valid; each branch requires the member it is about.
for branch, member in zip(spec["components"]["schemas"]["CaptureJob"]["allOf"][1]["oneOf"], ["errors", "errorFile"]):
    assert member in branch["properties"]
    branch["required"] = [member]

# 7. The Link header's schema is `format: uri`, but its value is an RFC 8288 link (`<URI>; rel="next"`), as the
#    schema's own example and description say; the format is dropped, the type (string) stays.
link = spec["components"]["schemas"]["Link"]
assert link.pop("format") == "uri"

# 8. 400SubscriptionIssues alone of the binding's error responses serves its RFC 7807 problem body as
#    application/json and application/xml; every other one, 400QueryIssues included, as application/problem+json and
#    application/problem+xml (RFC 9457 section 3, and section 6.1's registrations).
issues = responses["400SubscriptionIssues"]
issues["content"] = {
    "application/problem+json": issues["content"]["application/json"],
    "application/problem+xml": issues["content"]["application/xml"],
}

# 9. GET /queries/{queryName}/events and GET /queries/{queryName}/subscriptions list only 400SubscriptionIssues, yet
#    both take perPage and nextPageToken, and the first every SimpleEventQuery parameter, whose errors are
#    QueryParameterException (EPCIS 2.0 section 8.2.7; 400QueryIssues). Their 400 may be either.
either = copy.deepcopy(issues)
for media in either["content"].values():
    kinds = media["schema"]["allOf"][0]["properties"]["type"]["enum"]
    for kind in responses["400QueryIssues"]["content"]["application/problem+json"]["schema"]["allOf"][0][
            "properties"]["type"]["enum"]:
        if kind not in kinds:
            kinds.append(kind)
responses["400QueryOrSubscriptionIssues"] = either
for path in ["/queries/{queryName}/events", "/queries/{queryName}/subscriptions"]:
    paths[path]["get"]["responses"]["400"] = ref("400QueryOrSubscriptionIssues")

# 10. The `disposition` path parameter is `format: uri`, but its example is `in_progress`, the bare CBV word that
#     EPCIS 2.0 JSON uses for standard dispositions (and the binding's own `disposition` schema allows); no value
#     can satisfy both, so nothing can be generated from it. The format is dropped.
disposition = spec["components"]["parameters"]["Disposition"]
assert disposition["example"] == "in_progress" and disposition["schema"].pop("format") == "uri"

# 11. GET /queries/{queryName} "Returns the query definition", and its example is one object, but its schema is an
#     array of them (GET /queries' schema, copied); the schema is that array's item.
one = paths["/queries/{queryName}"]["get"]["responses"]["200"]["content"]["application/json"]
assert one["schema"]["type"] == "array" and isinstance(one["example"], dict)
one["schema"] = one["schema"]["items"]

json.dump(spec, open(sys.argv[2], "w"), indent=1)
