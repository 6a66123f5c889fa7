import Foundation

/// The OpenAPI 3.1 document of the platform's own endpoints (`/openapi.json`): traces, recalls, reconciliation,
/// the party registry, keys, the resolver and operations. The EPCIS 2.0 endpoints follow GS1's own OpenAPI document
/// and are not repeated here (their query parameters have dynamic names that OpenAPI cannot list).
enum OpenAPIDocument {
    static func json(baseURL: String) -> String {
        let object: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Suyuan platform API", "version": "0.1.0",
                "description": "Trace, recall, reconcile and the party registry. EPCIS 2.0 capture and query "
                    + "(/capture, /events, /queries …) follow GS1's EPCIS 2.0 OpenAPI document.",
            ],
            "servers": [["url": baseURL]],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas,
            ],
            "security": [["bearer": [String]()]],
            "paths": paths,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    private static func json(_ schema: [String: Any], _ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    private static var problem: [String: Any] {
        ["description": "RFC 9457 problem", "content": ["application/problem+json": ["schema": ref("Problem")]]]
    }

    private static func query(_ name: String, _ description: String, required: Bool = false) -> [String: Any] {
        ["name": name, "in": "query", "required": required, "description": description, "schema": ["type": "string"]]
    }

    private static func path(_ name: String) -> [String: Any] {
        ["name": name, "in": "path", "required": true, "schema": ["type": "string"]]
    }

    private static var paths: [String: Any] {
        [
            "/trace/{direction}": ["get": [
                "summary": "Trace an identifier backward (back) or forward (forward)",
                "parameters": [
                    ["name": "direction", "in": "path", "required": true,
                     "schema": ["type": "string", "enum": ["back", "forward"]]],
                    query("id", "the identifier in any form (EPC URN, Digital Link, element string…)", required: true),
                    query("maxDepth", "the most frontiers to expand"), query("maxNodes", "the most identifiers"),
                ],
                "responses": ["200": json(ref("Trace"), "the trace"), "400": problem, "401": problem, "403": problem],
            ]],
            "/recalls": [
                "get": ["summary": "Recorded recalls, newest first",
                        "responses": ["200": json(["type": "object", "properties": ["recalls": [
                            "type": "array", "items": ref("Recall")]]], "recalls")]],
                "post": [
                    "summary": "Recall an identifier: trace forward, record, notify every holder",
                    "requestBody": ["required": true, "content": ["application/json": ["schema": [
                        "type": "object", "required": ["id", "reason"],
                        "properties": ["id": ["type": "string"], "reason": ["type": "string"],
                                       "initiatedBy": ["type": "string"]],
                    ]]]],
                    "responses": ["201": json(ref("Recall"), "the recorded recall"), "400": problem, "403": problem],
                ],
            ],
            "/recalls/{id}": ["get": [
                "parameters": [path("id")], "summary": "One recall with its holders and acknowledgements",
                "responses": ["200": json(ref("Recall"), "the recall"), "404": problem],
            ]],
            "/recalls/{id}/ack": ["post": [
                "parameters": [path("id")], "summary": "A holder acknowledges the recall (party keys: their own party)",
                "requestBody": ["content": ["application/json": ["schema": [
                    "type": "object",
                    "properties": ["party": ["type": "string"], "by": ["type": "string"], "note": ["type": "string"]],
                ]]]],
                "responses": ["200": json(ref("Recall"), "the recall with the acknowledgement"), "404": problem],
            ]],
            "/portal/links": ["post": [
                "summary": "Issue a one-time sign-in link to the party portal (admin; valid 72 h, spent when used)",
                "requestBody": ["required": true, "content": ["application/json": ["schema": [
                    "type": "object", "required": ["party"],
                    "properties": ["party": ["type": "string"], "note": ["type": "string"]],
                ]]]],
                "responses": [
                    "201": json(["type": "object", "properties": [
                        "url": ["type": "string"], "keyID": ["type": "string"], "party": ["type": "string"],
                        "expires": ["type": "string", "format": "date-time"], "qrSVG": ["type": "string"],
                    ]], "the link, its key's ID and its QR Code as SVG"),
                    "400": problem, "403": problem,
                ],
            ]],
            "/reconcile": ["get": [
                "summary": "Reconciliation findings with their evidence",
                "parameters": [
                    query("kind", "quantityMismatch, notReceived, unknownSource, unlicensedParty, negativeBalance, "
                        + "clone, decommissionedSeen, withdrawalPeriod, preHarvestInterval, maintenanceOverdue, "
                        + "inspectionOverdue, unsafeFill, storageImbalance, unlicensedReceiver, quotaExceeded, "
                        + "separationImbalance, temperatureExcursion, consumerReport"),
                    query("party", "a party in any identifier form"), query("product", "a GTIN or identifier"),
                    query("since", "xsd:dateTime: only findings with evidence since then"),
                ],
                "responses": ["200": json(["type": "object", "properties": [
                    "findings": ["type": "array", "items": ref("Finding")], "events": ["type": "integer"],
                    "asOf": ["type": "string", "format": "date-time"], "elapsedMs": ["type": "number"],
                ]], "findings")],
            ]],
            "/parties": ["get": ["summary": "The party registry", "responses": ["200": json(
                ["type": "object", "properties": ["parties": ["type": "array", "items": ref("Party")]]], "parties")]]],
            "/parties/{id}": ["post": [
                "parameters": [path("id")], "summary": "Change a party's licence status or blacklist flag (recorded)",
                "requestBody": ["required": true, "content": ["application/json": ["schema": [
                    "type": "object", "required": ["reason"],
                    "properties": ["licenceStatus": ["type": "string", "enum": ["active", "suspended", "revoked"]],
                                   "blacklisted": ["type": "boolean"], "reason": ["type": "string"]],
                ]]]],
                "responses": ["200": json(["type": "object"], "the recorded changes"), "400": problem, "404": problem],
            ]],
            "/parties/{id}/changes": ["get": [
                "parameters": [path("id")], "summary": "A party's recorded registry changes, newest first",
                "responses": ["200": json(["type": "object"], "the changes")],
            ]],
            "/keys": [
                "get": ["summary": "API keys (admin)", "responses": ["200": json(["type": "object"], "keys")]],
                "post": ["summary": "Create an API key (admin); the secret is returned once",
                         "responses": ["201": json(["type": "object"], "the key and its secret")]],
            ],
            "/keys/{id}": ["delete": ["parameters": [path("id")], "summary": "Revoke an API key (admin)",
                                      "responses": ["204": ["description": "revoked"]]]],
            "/01/{gtin}/10/{lot}": ["get": [
                "summary": "GS1 Digital Link resolver (every primary key): the consumer page, or a linkset",
                "security": [[String: Any]](),
                "parameters": [path("gtin"), path("lot"), query("linkType", "all, gs1:pip, gs1:epcis, "
                    + "gs1:traceability, gs1:recallStatus")],
                "responses": [
                    "200": ["description": "text/html page, or application/linkset+json (RFC 9264)"],
                    "307": ["description": "redirect to the link of the asked type"], "404": problem,
                ],
            ]],
            "/qr/{path}.svg": ["get": [
                "summary": "QR code (SVG) of the canonical Digital Link", "security": [[String: Any]](),
                "parameters": [path("path")],
                "responses": ["200": ["description": "image/svg+xml"], "404": problem],
            ]],
            "/health": ["get": ["summary": "Liveness and store reachability", "security": [[String: Any]](),
                                "responses": ["200": json(["type": "object"], "ok")]]],
            "/metrics": ["get": ["summary": "Prometheus metrics", "security": [[String: Any]](),
                                 "responses": ["200": ["description": "text/plain; version=0.0.4"]]]],
        ]
    }

    private static var schemas: [String: Any] {
        let holder: [String: Any] = ["type": "object", "properties": [
            "party": ["type": "string"], "location": ["type": "string"], "identifier": ["type": "string"],
            "quantity": ["type": "number"], "uom": ["type": "string"],
            "state": ["type": "string", "enum": ["pending", "acknowledged"]],
            "acknowledgement": ["type": "object", "properties": [
                "by": ["type": "string"], "at": ["type": "string", "format": "date-time"], "note": ["type": "string"]]],
        ]]
        let strings: [String: Any] = ["type": "array", "items": ["type": "string"]]
        return [
            "Problem": ["type": "object", "required": ["type", "title"], "properties": [
                "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                "detail": ["type": "string"], "instance": ["type": "string"],
                "errors": ["type": "array", "items": ["type": "object", "properties": [
                    "pointer": ["type": "string"], "detail": ["type": "string"]]]],
            ]],
            "Holder": holder,
            "Trace": ["type": "object", "properties": [
                "direction": ["type": "string"], "root": ["type": "string"], "identifiers": strings,
                "containers": strings, "parties": strings, "locations": strings, "origins": strings,
                "holders": ["type": "array", "items": ref("Holder")], "events": ["type": "integer"],
                "depth": ["type": "integer"], "truncated": ["type": "boolean"], "elapsedMs": ["type": "number"],
                "nodes": ["type": "array", "items": ["type": "object", "properties": [
                    "id": ["type": "string"], "kind": ["type": "string"], "group": ["type": "string"]]]],
                "edges": ["type": "array", "items": ["type": "object", "properties": [
                    "from": ["type": "string"], "to": ["type": "string"], "kind": ["type": "string"],
                    "event": ["type": "string"], "time": ["type": "string", "format": "date-time"],
                    "object": ["type": "string"], "quantity": ["type": "number"], "uom": ["type": "string"]]]],
            ]],
            "Recall": ["type": "object", "properties": [
                "id": ["type": "string"], "root": ["type": "string"], "reason": ["type": "string"],
                "initiatedBy": ["type": "string"], "issuedAt": ["type": "string", "format": "date-time"],
                "identifiers": strings, "parties": strings, "events": ["type": "integer"], "depth": ["type": "integer"],
                "truncated": ["type": "boolean"], "pending": ["type": "integer"],
                "holders": ["type": "array", "items": ref("Holder")],
            ]],
            "Finding": ["type": "object", "properties": [
                "kind": ["type": "string"], "identifier": ["type": "string"], "from": ["type": "string"],
                "to": ["type": "string"], "expected": ["type": "number"], "actual": ["type": "number"],
                "uom": ["type": "string"], "events": strings,
                "note": ["type": "string", "description": "a consumer report: the problem, the text, a phone"],
                "at": ["type": "string", "format": "date-time", "description": "when a consumer report was made"],
            ]],
            "Party": ["type": "object", "properties": [
                "id": ["type": "string"], "key": ["type": "string"], "name": ["type": "string"],
                "role": ["type": "string"], "licenceNumber": ["type": "string"], "licenceStatus": ["type": "string"],
                "blacklisted": ["type": "boolean"], "licensed": ["type": "boolean"],
            ]],
        ]
    }
}
