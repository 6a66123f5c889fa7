import EPCIS
import Federation
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Web

/// A small public verification service for serialised products, after the GS1 Lightweight Messaging Standard for
/// Verification of Product Identifiers (as DSCSA's saleable-returns verification uses it): GTIN + serial (+ lot,
/// + expiry as the `17` data attribute) → whether this platform knows the unit and whether it is recalled or sold.
/// Advertised as `gs1:verificationService` in every linkset; a pharmacy's till asks it before it sells a pack.
extension ResolverController {
    /// The answer: the standard's envelope (`corrUUID` echoed, `verificationTimestamp`, `data`) with this platform's
    /// `status` (`known`, `recalled`, `sold`, `unknown`) beside `verified`.
    struct Verification: Encodable {
        struct Data: Encodable {
            /// Whether the GTIN, serial and the lot and expiry given match a unit this platform knows.
            var verified: Bool
            /// Why not, in the standard's terms (`No_Match_GTIN_Serial`, `No_Match_GTIN_Serial_Lot`, …).
            var verificationFailureReason: String?
            /// `known`, `recalled`, `sold` (a sale or dispensing is recorded), or `unknown`.
            var status: String
            /// What the status means for whoever holds the pack.
            var additionalInfo: String?
            var recalls: [String]?
            var soldAt: String?
        }

        var corrUUID: String?
        var verificationTimestamp: String
        var data: Data
    }

    /// `GET /01/{gtin}[/10/{lot}]/21/{serial}?linkType=gs1:verificationService[&17=YYMMDD][&corrUUID=…]`.
    func verification(_ request: Request, key: String, path: String) async throws -> Response {
        let parts = DigitalLinkKey(key)
        let parameters = request.uri.queryParameters
        guard let gtin = parts.value("01"), let serial = parts.value("21") else {
            throw Problem.badParameter(
                "linkType=gs1:verificationService: verification is of a serialised unit, /01/{gtin}/21/{serial}")
        }
        let askedLot = DigitalLinkKey(Self.gs1 + "/01/" + path).value("10")
        let askedExpiry = parameters["17"].map(String.init)
        if let expiry = askedExpiry, expiry.count != 6 || !expiry.allSatisfy(\.isNumber) {
            throw Problem.badParameter("17: the expiry date is YYMMDD (GS1 AI 17), got \(expiry)")
        }
        if let home = foreignHome(of: key) {
            // The unit's home platform answers for it.
            return Response(
                status: .temporaryRedirect, headers: [.location: home.url + request.uri.description])
        }
        // The unit is its GTIN and serial; its lot and expiry are what its own events say (ILMD), to compare.
        var unit = URLComponents()
        unit.path = "/01/\(gtin)/21/\(serial)"
        let unitKey = Self.gs1 + (unit.percentEncodedPath)
        let story = try await ConsumerStory.read(
            key: unitKey, from: platform.store, names: try await platform.names.names(),
                sectorRules: try await platform.sectorRules.value(),
                sprayedFields: try await platform.sprayedFields.value())
        let recalls = try await Self.recalls(
            reaching: unitKey, lot: story.lot.map { "\(Self.gs1)/01/\(gtin)/10/\($0)" }, in: platform.store)
        var data = Verification.Data(verified: false, status: "unknown")
        if !story.isKnown {
            data.verificationFailureReason = "No_Match_GTIN_Serial"
            data.additionalInfo = "No event of this platform names this GTIN and serial."
        } else if let lot = askedLot, let known = story.lot, lot != known {
            data.verificationFailureReason = "No_Match_GTIN_Serial_Lot"
            data.status = "known"
            data.additionalInfo = "The unit is known, with another lot."
        } else if let expiry = askedExpiry, let known = story.expiry.flatMap(Self.yymmdd), expiry != known {
            data.verificationFailureReason = "No_Match_GTIN_Serial_Expiry"
            data.status = "known"
            data.additionalInfo = "The unit is known, with another expiry date."
        } else {
            data.verified = true
            if !recalls.isEmpty {
                data.status = "recalled"
                data.recalls = recalls.map(\.id)
                data.additionalInfo = "Recalled: " + recalls.map(\.reason).joined(separator: "; ")
                    + ". Do not sell or dispense; quarantine the unit."
            } else if let sale = story.sales.first {
                data.status = "sold"
                data.soldAt = sale.time.isoText
                data.additionalInfo = story.sales.count > 1
                    ? "Sold \(story.sales.count) times: the code may be a copy."
                    : "Already sold or dispensed: a second sale of this unit is suspect."
            } else {
                data.status = "known"
            }
        }
        platform.metrics.count("verification_requests", "verification requests answered")
        let answer = Verification(
            corrUUID: parameters["corrUUID"].map(String.init), verificationTimestamp: TraceJSON.time(Date()), data: data)
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        return try Responses.json(answer, headers: headers)
    }

    /// An expiry as GS1 AI 17 writes it (YYMMDD) from an ILMD date (`2027-03-31`, or with a time).
    static func yymmdd(_ date: String) -> String? {
        let digits = date.prefix(10).filter(\.isNumber)
        guard digits.count == 8 else { return nil }
        return String(digits.dropFirst(2))
    }
}
