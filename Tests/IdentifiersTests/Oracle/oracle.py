"""Answers a batch of identifier questions with independent implementations, for Suyuan's differential tests.

Reads one JSON object from the file named in argv[1]:
  {"elementStrings": [text, ...], "digitalLinks": [uri, ...],
   "epc": [{"urn": ..., "scheme": "sgtin-96", "filter": 1}, ...], "hexes": [hex, ...], "urns": [urn, ...]}
and writes one JSON object to stdout with an answer per question (same order):
  elementStrings: {"ok": true, "ais": [[ai, value], ...], "dl": canonical DL} | {"ok": false, "error": ...}  (biip)
  digitalLinks:   {"ok": true, "ais": [[ai, value], ...], "canonical": uri} | {"ok": false, ...}            (biip)
  epc:            {"ok": true, "hex": ..., "elementString": ...} | {"ok": false, ...}                         (epcpy)
  hexes:          {"ok": true, "urn": ..., "tagURI": ...} | {"ok": false, ...}                              (epcpy)
  urns:           {"elementString": ... | null, "canonical": ... | null}
                  (epcpy's element string; the GS1 event hash reference implementation's canonical Digital Link)
"""
import json
import sys

from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_messages import GS1Message
import biip
from epcpy import epc_pure_identity_to_gs1_element_string, epc_pure_identity_to_tag_encodable, hex_to_tag_encodable


def element_string(text):
    try:
        if text.startswith("("):
            message = GS1Message.parse_hri(text)
        else:
            result = biip.parse(text)
            if result.gs1_message is None:
                raise ValueError(result.gs1_message_error or "not a GS1 message")
            message = result.gs1_message
        ais = [[e.ai.ai, e.value] for e in message.element_strings]
        try:
            dl = message.as_gs1_digital_link_uri().as_canonical_uri()
        except Exception:
            dl = None
        return {"ok": True, "ais": ais, "dl": dl}
    except Exception as error:
        return {"ok": False, "error": str(error)}


def digital_link(uri):
    try:
        link = GS1DigitalLinkURI.parse(uri)
        return {"ok": True, "ais": [[e.ai.ai, e.value] for e in link.element_strings],
                "canonical": link.as_canonical_uri()}
    except Exception as error:
        return {"ok": False, "error": str(error)}


def filter_enum(cls):
    module = sys.modules[cls.__module__]
    names = [n for n in dir(module) if n.endswith("FilterValue")]
    return getattr(module, names[0]) if names else None


def epc(question):
    try:
        tag = epc_pure_identity_to_tag_encodable(question["urn"])
        cls = type(tag)
        kwargs = {"binary_coding_scheme": cls.BinaryCodingScheme(question["scheme"])}
        values = filter_enum(cls)
        if values is not None:
            kwargs["filter_value"] = values(str(question["filter"]))
        answer = {"ok": True, "hex": tag.hex(**kwargs).upper()}
        try:
            answer["elementString"] = epc_pure_identity_to_gs1_element_string(question["urn"])
        except Exception:
            answer["elementString"] = None
        return answer
    except Exception as error:
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}


def from_hex(text):
    try:
        tag = hex_to_tag_encodable(text)
        return {"ok": True, "urn": tag.epc_uri}
    except Exception as error:
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}


def urn(text):
    answer = {"elementString": None, "canonical": None}
    try:
        answer["elementString"] = epc_pure_identity_to_gs1_element_string(text)
    except Exception:
        pass
    try:
        from epcis_event_hash_generator.dl_normaliser import normaliser
        answer["canonical"] = normaliser(text)
    except Exception:
        pass
    return answer


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        questions = json.load(handle)
    answers = {
        "elementStrings": [element_string(t) for t in questions.get("elementStrings", [])],
        "digitalLinks": [digital_link(u) for u in questions.get("digitalLinks", [])],
        "epc": [epc(q) for q in questions.get("epc", [])],
        "hexes": [from_hex(h) for h in questions.get("hexes", [])],
        "urns": [urn(u) for u in questions.get("urns", [])],
    }
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
