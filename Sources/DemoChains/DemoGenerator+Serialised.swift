internal import EPCIS

// Dairy and infant formula (dairy farms → milk powder factory → distributor → stores) and drugs
// (manufacturer → distributor → pharmacies and hospitals): lots become serialised items packed into SSCCs.
extension DemoGenerator {
    /// A fresh SSCC EPC URN of a party's company prefix.
    mutating func sscc(of party: DemoParty) -> String {
        "urn:epc:id:sscc:\(party.companyPrefix).0\(String(nextSerial()).leftPadded(9))"
    }

    mutating func runDairy(anomaly: DemoAnomalyKind?) {
        let bad: DemoRole? = anomaly == .unlicensedParty ? rng.pick([.dairyFarm, .formulaFactory, .dairyDistributor]) : nil
        let farms = (0..<rng.int(in: 2...3)).map { index in
            index == 0 ? party(.dairyFarm, badRole: bad) : world.licensed(.dairyFarm, &rng)
        }
        let factory = party(.formulaFactory, badRole: bad)
        let distributor = party(.dairyDistributor, badRole: bad)
        let stores = [world.licensed(.supermarket, &rng), world.licensed(.supermarket, &rng)]
        defer { for party in farms + [factory, distributor] where !party.isLicensed { recordUnlicensed(party) } }

        var received: [QuantityElement] = []
        for (index, farm) in farms.enumerated() {
            let milk = world.product("milk").lgtin(lotNumber())
            let litres = kg(2_000 + 8_000 * rng.unit())
            commission(.lot(milk, litres), at: farm, hours: Double(index), ilmd: [
                ilmdElement("bulkTankTemperatureCelsius", .number("4")),
            ])
            let linkAnomaly = index == 0 && (anomaly == .quantityMismatch || anomaly == .notReceived) ? anomaly : nil
            if let quantity = shipAndReceive(lot: milk, quantity: litres, from: farm, to: factory, hours: 2 + Double(index),
                                             anomaly: linkAnomaly) {
                received.append(QuantityElement(epcClass: IdentifierURI(milk), quantity: quantity, uom: "KGM"))
            }
        }
        let powderLot = lotNumber()
        let powder = world.product("powder").lgtin(powderLot)
        let powderKg = kg(received.compactMap(\.quantity).reduce(0, +) * 0.125)
        transform(
            inputs: DemoWhat(quantities: received), outputs: .lot(powder, powderKg), at: factory, hours: 12,
            step: "commissioning",
            ilmd: [
                ilmdElement("lotNumber", .string(powderLot), cbv: true),
                ilmdElement("melamineMgPerKg", .number("0")),
                ilmdElement("proteinGramsPer100g", .number(String(24 + rng.int(below: 4)))),
                ilmdElement("testResult", .string("pass")),
            ],
            certificationInfo: ["https://certs.suyuan.org/test-reports/\(factory.companyPrefix)/\(powderLot)"]
        )
        let formula = world.product("formula")
        let cans = (0..<rng.int(in: 8...16)).map { _ in formula.sgtin(String(nextSerial())) }
        let canLot = lotNumber()
        transform(
            inputs: .lot(powder, powderKg), outputs: DemoWhat(epcs: cans), at: factory, hours: 16, step: "commissioning",
            ilmd: [
                ilmdElement("lotNumber", .string(canLot), cbv: true),
                ilmdElement("itemExpirationDate", .string("2027-06-30"), cbv: true),
            ]
        )
        let pallet = sscc(of: factory)
        aggregate(parent: pallet, children: cans, at: factory, hours: 17, pack: true)
        let transaction = desadv(from: factory)
        move(DemoWhat(epcs: [pallet]), from: factory, to: distributor, desadv: transaction, hours: 20, receiving: false)
        move(DemoWhat(epcs: [pallet]), from: factory, to: distributor, desadv: transaction, hours: 26, receiving: true)
        aggregate(parent: pallet, children: cans, at: distributor, hours: 27, pack: false)
        let half = cans.count / 2
        for (index, store) in stores.enumerated() {
            let batch = index == 0 ? Array(cans[..<half]) : Array(cans[half...])
            let link = desadv(from: distributor)
            move(DemoWhat(epcs: batch), from: distributor, to: store, desadv: link, hours: 30 + Double(index), receiving: false)
            move(DemoWhat(epcs: batch), from: distributor, to: store, desadv: link, hours: 34 + Double(index), receiving: true)
            for (offset, can) in batch.prefix(rng.int(in: 1...3)).enumerated() {
                let sale = sell(DemoWhat(epcs: [can]), at: store, hours: 40 + Double(offset))
                if anomaly == .clone && index == 0 && offset == 0 {
                    let again = sell(DemoWhat(epcs: [can]), at: store, hours: 60)
                    record(.clone, can, parties: [store.pgln], events: [sale, again])
                }
            }
        }
    }

    mutating func runDrugs(anomaly: DemoAnomalyKind?) {
        let bad: DemoRole? = anomaly == .unlicensedParty ? rng.pick([.drugManufacturer, .drugDistributor, .pharmacy]) : nil
        let maker = party(.drugManufacturer, badRole: bad)
        let distributor = party(.drugDistributor, badRole: bad)
        let outlets = [party(.pharmacy, badRole: bad), world.licensed(.hospital, &rng)]
        defer { for party in [maker, distributor] + outlets where !party.isLicensed { recordUnlicensed(party) } }

        let api = world.product("api").lgtin(lotNumber())
        let apiKg = kg(3 + 5 * rng.unit())
        commission(.lot(api, apiKg), at: maker, hours: 0)
        let tablets = world.product("tablets")
        let packsPerCase = rng.int(in: 4...8)
        let packs = (0..<(2 * packsPerCase)).map { _ in tablets.sgtin(String(nextSerial())) }
        let codes = packs.map { _ in "81" + "10235" + String(nextSerial()).leftPadded(9) + rng.digits(4) }
        let lot = lotNumber()
        transform(
            inputs: .lot(api, apiKg), outputs: DemoWhat(epcs: packs), at: maker, hours: 6, step: "commissioning",
            ilmd: [
                ilmdElement("lotNumber", .string(lot), cbv: true),
                ilmdElement("itemExpirationDate", .string("2028-03-31"), cbv: true),
                ilmdElement("drugTraceCodes", .array(codes.map { .string($0) })),
            ]
        )
        let cases = [sscc(of: maker), sscc(of: maker)]
        let contents = [Array(packs[..<packsPerCase]), Array(packs[packsPerCase...])]
        for (index, box) in cases.enumerated() {
            aggregate(parent: box, children: contents[index], at: maker, hours: 7, pack: true)
        }
        let pallet = sscc(of: maker)
        aggregate(parent: pallet, children: cases, at: maker, hours: 8, pack: true)
        let transaction = desadv(from: maker)
        let shipped = move(DemoWhat(epcs: [pallet]), from: maker, to: distributor, desadv: transaction, hours: 10, receiving: false)
        if anomaly == .notReceived {
            return record(.notReceived, pallet, parties: [maker.pgln, distributor.pgln], events: [shipped])
        }
        move(DemoWhat(epcs: [pallet]), from: maker, to: distributor, desadv: transaction, hours: 20, receiving: true)
        aggregate(parent: pallet, children: cases, at: distributor, hours: 21, pack: false)
        for (index, outlet) in outlets.enumerated() {
            let link = desadv(from: distributor)
            move(DemoWhat(epcs: [cases[index]]), from: distributor, to: outlet, desadv: link, hours: 24 + Double(index), receiving: false)
            move(DemoWhat(epcs: [cases[index]]), from: distributor, to: outlet, desadv: link, hours: 28 + Double(index), receiving: true)
            aggregate(parent: cases[index], children: contents[index], at: outlet, hours: 29 + Double(index), pack: false)
            let dispensed = contents[index].prefix(rng.int(in: 1...3))
            for (offset, pack) in dispensed.enumerated() {
                let first = sell(DemoWhat(epcs: [pack]), at: outlet, hours: 40 + Double(offset), dispensing: true)
                if index == 0 && offset == 0 && anomaly == .clone {
                    if (runIndex / 4) % 2 == 0 {
                        // The clone variant "seen in two places it cannot be in at once": dispensed here, then
                        // scanned half an hour later at the other outlet, which never received it.
                        let elsewhere = outlets[1]
                        let seen = inspect(DemoWhat(epcs: [pack]), at: elsewhere, hours: 40.5 + Double(offset))
                        record(.clone, pack, parties: [outlet.pgln, elsewhere.pgln], events: [first, seen])
                    } else {
                        let again = sell(DemoWhat(epcs: [pack]), at: outlet, hours: 70, dispensing: true)
                        record(.clone, pack, parties: [outlet.pgln], events: [first, again])
                    }
                }
            }
            if index == 0 && anomaly == .decommissionedSeen, let pack = contents[index].last {
                let destroyed = destroy(DemoWhat(epcs: [pack]), at: outlet, hours: 50)
                let seen = sell(DemoWhat(epcs: [pack]), at: outlet, hours: 80, dispensing: true)
                record(.decommissionedSeen, pack, parties: [outlet.pgln], events: [destroyed, seen])
            }
        }
    }
}
