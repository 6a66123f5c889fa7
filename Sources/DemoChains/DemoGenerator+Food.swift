internal import EPCIS

// Pork (farm → slaughterhouse → wholesale market → supermarket/food market) and vegetables
// (farm → wholesale market → retailers), both class-level lots in kilograms.
extension DemoGenerator {
    /// The party for a role: licensed, or unlicensed when that is the injected anomaly and this is the chosen role.
    mutating func party(_ role: DemoRole, badRole: DemoRole?) -> DemoParty {
        role == badRole ? world.unlicensed(role, &rng) : world.licensed(role, &rng)
    }

    /// Ships and receives a lot; returns the quantity received, or nil when the receipt is withheld (notReceived).
    mutating func shipAndReceive(
        lot: String, quantity: Double, from source: DemoParty, to destination: DemoParty, hours: Double,
        anomaly: DemoAnomalyKind?, loss: Double = 0
    ) -> Double? {
        let transaction = desadv(from: source)
        let shipped = move(.lot(lot, quantity), from: source, to: destination, desadv: transaction, hours: hours, receiving: false)
        if anomaly == .notReceived {
            record(.notReceived, lot, parties: [source.pgln, destination.pgln], events: [shipped])
            return nil
        }
        var received = kg(quantity * (1 - loss))
        if anomaly == .quantityMismatch { received = kg(quantity * (0.90 + 0.06 * rng.unit())) }
        let receipt = move(.lot(lot, received), from: source, to: destination, desadv: transaction, hours: hours + 4, receiving: true)
        if anomaly == .quantityMismatch {
            record(.quantityMismatch, lot, parties: [source.pgln, destination.pgln], events: [shipped, receipt])
        }
        return received
    }

    /// Retail: a party sells part of what it holds (or more than it holds, for negativeBalance).
    mutating func retail(lot: String, held: Double, at party: DemoParty, hours: Double, anomaly: DemoAnomalyKind?) {
        let sold = anomaly == .negativeBalance ? kg(held * 1.15 + 1) : kg(held * (0.3 + 0.5 * rng.unit()))
        let id = sell(.lot(lot, sold), at: party, hours: hours)
        if anomaly == .negativeBalance { record(.negativeBalance, lot, parties: [party.pgln], events: [id]) }
    }

    /// Records every event of this run in which an unlicensed party acts.
    mutating func recordUnlicensed(_ party: DemoParty) {
        guard !party.isLicensed else { return }
        let ids = pending.filter { Self.involves($0, party) }.compactMap(\.eventID)
        record(.unlicensedParty, party.pgln, parties: [party.pgln], events: ids)
    }

    static func involves(_ event: EPCISEvent, _ party: DemoParty) -> Bool {
        event.bizLocation?.id.text == party.location
            || event.sourceList.contains { $0.id.text == party.pgln }
            || event.destinationList.contains { $0.id.text == party.pgln }
    }

    mutating func runPork(anomaly: DemoAnomalyKind?) {
        let bad: DemoRole? = anomaly == .unlicensedParty ? rng.pick([.pigFarm, .slaughterhouse, .wholesaleMarket]) : nil
        let farm = party(.pigFarm, badRole: bad)
        let abattoir = party(.slaughterhouse, badRole: bad)
        let market = party(.wholesaleMarket, badRole: bad)
        let retailers = [world.licensed(.supermarket, &rng), world.licensed(.foodMarket, &rng)]
        // Which link carries a quantity anomaly: farm→abattoir (0), abattoir→market (1), market→retailer (2).
        let link = rng.int(below: 3)
        let linkAnomaly = anomaly == .quantityMismatch || anomaly == .notReceived ? anomaly : nil

        let pigs = world.product("pig").lgtin(lotNumber())
        let heads = rng.int(in: 20...120)
        let live = kg(Double(heads) * (105 + 20 * rng.unit()))
        commission(.lot(pigs, live), at: farm, hours: 0, ilmd: [
            ilmdElement("headCount", .number(String(heads))),
            ilmdElement("quarantineCertificate", .string("AQ\(rng.digits(12))")),
        ])
        guard let atAbattoir = shipAndReceive(
            lot: pigs, quantity: live, from: farm, to: abattoir, hours: 2,
            anomaly: link == 0 ? linkAnomaly : nil, loss: 0.001
        ) else { return finishPork(parties: [farm, abattoir, market]) }
        let belly = world.product("belly").lgtin(lotNumber())
        let loin = world.product("loin").lgtin(lotNumber())
        let bellyKg = kg(atAbattoir * 0.42)
        let loinKg = kg(atAbattoir * 0.33)
        transform(
            inputs: .lot(pigs, atAbattoir),
            outputs: DemoWhat(quantities: [
                QuantityElement(epcClass: IdentifierURI(belly), quantity: bellyKg, uom: "KGM"),
                QuantityElement(epcClass: IdentifierURI(loin), quantity: loinKg, uom: "KGM"),
            ]),
            at: abattoir, hours: 8, step: "killing"
        )
        let cut = rng.chance(0.5) ? (belly, bellyKg) : (loin, loinKg)
        let other = cut.0 == belly ? (loin, loinKg) : (belly, bellyKg)
        guard let atMarket = shipAndReceive(
            lot: cut.0, quantity: cut.1, from: abattoir, to: market, hours: 20, anomaly: link == 1 ? linkAnomaly : nil
        ) else { return finishPork(parties: [farm, abattoir, market]) }
        _ = shipAndReceive(lot: other.0, quantity: other.1, from: abattoir, to: market, hours: 21, anomaly: nil)
        let share = kg(atMarket * (0.4 + 0.2 * rng.unit()))
        for (index, retailer) in retailers.enumerated() {
            let quantity = index == 0 ? share : kg(atMarket - share)
            guard let held = shipAndReceive(
                lot: cut.0, quantity: quantity, from: market, to: retailer, hours: 30 + Double(index),
                anomaly: link == 2 && index == 0 ? linkAnomaly : nil
            ) else { continue }
            retail(lot: cut.0, held: held, at: retailer, hours: 40 + Double(index),
                   anomaly: index == 1 && anomaly == .negativeBalance ? anomaly : nil)
        }
        finishPork(parties: [farm, abattoir, market])
    }

    private mutating func finishPork(parties: [DemoParty]) {
        for party in parties where !party.isLicensed { recordUnlicensed(party) }
    }

    mutating func runVegetables(anomaly: DemoAnomalyKind?) {
        let bad: DemoRole? = anomaly == .unlicensedParty ? rng.pick([.vegetableFarm, .wholesaleMarket]) : nil
        let farm = party(.vegetableFarm, badRole: bad)
        let market = party(.wholesaleMarket, badRole: bad)
        let retailers = [world.licensed(.supermarket, &rng), world.licensed(.foodMarket, &rng)]
        let product = world.product(rng.pick(["cabbage", "bokchoy", "tomato"]))
        let lot = product.lgtin(lotNumber())
        let harvested = kg(500 + 4_500 * rng.unit())
        let linkAnomaly = anomaly == .quantityMismatch || anomaly == .notReceived ? anomaly : nil
        let link = rng.int(below: 2)
        defer { for party in [farm, market] where !party.isLicensed { recordUnlicensed(party) } }
        commission(.lot(lot, harvested), at: farm, hours: 0, ilmd: [
            ilmdElement("harvestDate", .string(EPCISDateTime(runStart).text)),
            ilmdElement("pesticideResidueTest", .string("pass")),
        ])
        guard let atMarket = shipAndReceive(
            lot: lot, quantity: harvested, from: farm, to: market, hours: 3, anomaly: link == 0 ? linkAnomaly : nil
        ) else { return }
        let share = kg(atMarket * (0.4 + 0.2 * rng.unit()))
        for (index, retailer) in retailers.enumerated() {
            let quantity = index == 0 ? share : kg(atMarket - share)
            guard let held = shipAndReceive(
                lot: lot, quantity: quantity, from: market, to: retailer, hours: 10 + Double(index),
                anomaly: link == 1 && index == 0 ? linkAnomaly : nil
            ) else { continue }
            retail(lot: lot, held: held, at: retailer, hours: 20 + Double(index),
                   anomaly: index == 1 && anomaly == .negativeBalance ? anomaly : nil)
        }
        if anomaly == .unknownSource {
            // A retailer receives a lot nobody commissioned or shipped, from a party nobody registered.
            let retailer = retailers[0]
            let smuggled = product.lgtin(lotNumber())
            let stranger = DemoParty(
                pgln: "urn:epc:id:pgln:6999999.00001", location: "urn:epc:id:sgln:6999999.00001.0",
                companyPrefix: "6999999", name: "Unknown", role: .vegetableFarm, licenceNumber: "",
                licenceStatus: .active, blacklisted: false)
            let quantity = kg(100 + 400 * rng.unit())
            let receipt = move(.lot(smuggled, quantity), from: stranger, to: retailer, desadv: desadv(from: stranger),
                               hours: 12, receiving: true)
            record(.unknownSource, smuggled, parties: [stranger.pgln, retailer.pgln], events: [receipt])
            sell(.lot(smuggled, kg(quantity / 2)), at: retailer, hours: 22)
        }
    }
}
