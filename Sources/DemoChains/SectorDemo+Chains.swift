internal import EPCIS
internal import Foundation

extension SectorDemo {
    /// A pesticide package's 32-digit code (registration PD20080005, class 1, specification 001); one a farm run.
    static func pesticide(_ run: Int) -> String {
        "https://id.suyuan.org/cn/pesticide/10800051001" + String(run).leftPadded(21)
    }
    static let drug = "310001"
    static let cabbage = "310002"
    static let pork = "310003"
    static let chlorine = "320001"
    static let ore = "330001"
    static let oxide = "330002"
    static let milk = "340001"
    static let vaccine = "340002"
    static let plant = 40001
    static let warehouse = 40002
    static let waterworks = 40003
    static let unlicensed = 40004

    /// A despatch advice shared by a shipment and its receipt.
    static func desadv(_ name: String) -> BizTransaction {
        BizTransaction(
            type: CBVValue("desadv", in: .bizTransactionType),
            id: IdentifierURI("urn:epcglobal:cbv:bt:\(prefix)000001:\(name)"))
    }

    /// The master data every chain reads: inputs and their periods, products and their ranges, the hazardous
    /// class and the parties' licences.
    mutating func masterData() {
        element("EPCClass", Self.gtin(Self.drug), ["withdrawalPeriodDays": "28"], name: "阿莫西林可溶性粉")
        element("EPCClass", Self.gtin(Self.cabbage), ["category": "vegetable"], name: "大白菜")
        element("EPCClass", Self.gtin(Self.pork), ["category": "pork"], name: "冷鲜猪肉")
        element("EPCClass", Self.gtin(Self.chlorine), ["licenceClass": "hazardousChemical"], name: "液氯")
        element("EPCClass", Self.gtin(Self.ore), ["category": "rareEarthOre", "reoGrade": "0.05"], name: "稀土原矿")
        element("EPCClass", Self.gtin(Self.oxide), ["category": "rareEarthOxide"], name: "混合稀土氧化物")
        element(
            "EPCClass", Self.gtin(Self.milk), ["category": "dairy", "minTemperature": "2", "maxTemperature": "6"],
            name: "巴氏杀菌鲜牛奶")
        element(
            "EPCClass", Self.gtin(Self.vaccine),
            ["category": "vaccine", "minTemperature": "35.6", "maxTemperature": "46.4", "temperatureUom": "FAH"],
            name: "乙肝疫苗")
        for (number, licences, name) in [
            (Self.plant, "hazardousChemical", "化工厂"), (Self.warehouse, "hazardousChemical", "危化品仓库"),
            (Self.waterworks, "hazardousChemical", "自来水厂"), (Self.unlicensed, "", "无证小作坊"),
        ] {
            element("Party", Self.party(number), ["licences": licences], name: name)
            element("BusinessLocation", Self.place(number), ["owner": Self.party(number)], name: name)
        }
    }

    /// A field sprayed, harvested 9 days later (violation: 3), the harvest packed the next day.
    mutating func vegetables(_ run: Int, _ violation: Bool) {
        let field = Self.place(10_000 + run)
        let start = 60.0 + Double(run % 200)
        element("EPCInstance", Self.pesticide(run), ["preHarvestIntervalDays": "7"], name: "吡虫啉可湿性粉剂")
        var spray = event(.objectEvent, daysBefore: start)
        spray.epcList = [IdentifierURI(Self.pesticide(run))]
        let sprayed = emit(spray, "https://ns.suyuan.org/bizstep#spraying", at: field)
        let lot = Self.lot(Self.cabbage, "VEG\(run)")
        let packed = Self.lot(Self.cabbage, "VEG\(run)P")
        var harvest = event(.objectEvent, daysBefore: start - (violation ? 3 : 9))
        harvest.action = .add
        harvest.quantityList = [Self.amount(lot, 500)]
        let harvested = emit(harvest, "commissioning", at: field)
        var pack = event(.transformationEvent, daysBefore: start - (violation ? 4 : 10))
        pack.inputQuantityList = [Self.amount(lot, 500)]
        pack.outputQuantityList = [Self.amount(packed, 480)]
        let packing = emit(pack, nil, at: field)
        if violation {
            record("preHarvestInterval", lot, [sprayed, harvested])
            record("preHarvestInterval", packed, [sprayed, harvested, packing])
        }
    }

    /// Two pigs treated; one slaughtered 30 days later (violation: 20).
    mutating func pigs(_ run: Int, _ violation: Bool) {
        let pig = "urn:epc:id:sgtin:\(Self.prefix).\(Self.pork).\(run)"
        let start = 60.0 + Double(run % 200)
        var treat = event(.objectEvent, daysBefore: start)
        treat.epcList = [IdentifierURI(pig)]
        treat.quantityList = [Self.amount(Self.lot(Self.drug, "AMX\(run)"), 0.1)]
        let treated = emit(treat, Self.treating, at: Self.place(20_000 + run % 50))
        let meat = Self.lot(Self.pork, "PORK\(run)")
        var slaughter = event(.transformationEvent, daysBefore: start - (violation ? 20 : 30))
        slaughter.inputEPCList = [IdentifierURI(pig)]
        slaughter.outputQuantityList = [Self.amount(meat, 80)]
        let slaughtered = emit(slaughter, nil, at: Self.place(29_999))
        if violation { record("withdrawalPeriod", meat, [treated, slaughtered]) }
    }

    /// An elevator maintained every 14 days up to 5 days before the end (violation: one gap of 20 days).
    mutating func elevator(_ run: Int, _ violation: Bool) {
        let lift = Self.asset("E\(run)")
        element("EPCInstance", lift, ["category": "elevator", "inspectionDue": "2099-12-31"], name: "客梯\(run)号")
        let days: [Double] = violation ? [67, 53, 39, 19, 5] : [61, 47, 33, 19, 5]
        var ids: [String] = []
        for day in days {
            var visit = event(.objectEvent, daysBefore: day)
            visit.epcList = [IdentifierURI(lift)]
            ids.append(emit(visit, Self.maintaining, at: Self.place(30_000 + run % 100)))
        }
        if violation { record("maintenanceOverdue", lift, [ids[2], ids[3]]) }
    }

    /// A cylinder whose inspection fell due 30 days before the end, inspected 35 days before and filled 10 days
    /// before (violation: not inspected, or scrapped 20 days before the fill).
    mutating func cylinder(_ run: Int, _ violation: Bool) {
        let bottle = Self.asset("C\(run)")
        let due = EPCISDateTime(end.addingTimeInterval(-30 * 86_400)).utcMillisecondText
        element(
            "EPCInstance", bottle, ["category": "gasCylinder", "inspectionDue": due, "inspectionIntervalDays": "1825"],
            name: "液化气钢瓶")
        let station = Self.place(35_000 + run % 20)
        let scrapped = violation && rng.chance(0.5)
        var evidence: [String] = []
        if !violation {
            var inspection = event(.objectEvent, daysBefore: 35)
            inspection.epcList = [IdentifierURI(bottle)]
            inspection.disposition = CBVValue("conformant", in: .disposition)
            emit(inspection, "inspecting", at: station)
        } else if scrapped {
            var scrap = event(.objectEvent, daysBefore: 20)
            scrap.epcList = [IdentifierURI(bottle)]
            evidence.append(emit(scrap, "decommissioning", at: station))
        }
        var fill = event(.objectEvent, daysBefore: 10)
        fill.epcList = [IdentifierURI(bottle)]
        let filled = emit(fill, Self.filling, at: station)
        guard violation else { return }
        record("unsafeFill", bottle, evidence + [filled])
        // A scrapped cylinder filled again is also an item seen after it was decommissioned.
        if scrapped { record("decommissionedSeen", bottle, [filled]) }
        if !scrapped { record("inspectionOverdue", bottle, [filled]) }
    }

    /// 10 t of chlorine made, shipped to the warehouse, 3 t issued to the waterworks and counted: 7 t (violation:
    /// issued to an unlicensed workshop, or counted 6.5 t).
    mutating func chemicals(_ run: Int, _ violation: Bool) {
        let lot = Self.lot(Self.chlorine, "CL\(run)")
        let start = 40.0 + Double(run % 100) * 0.1
        var make = event(.objectEvent, daysBefore: start)
        make.action = .add
        make.quantityList = [Self.amount(lot, 10, "TNE")]
        emit(make, "commissioning", at: Self.place(Self.plant))
        func move(_ step: String, _ days: Double, _ tonnes: Double, _ from: Int, _ to: Int, at place: Int) -> String {
            var e = event(.objectEvent, daysBefore: days)
            e.quantityList = [Self.amount(lot, tonnes, "TNE")]
            e.bizTransactionList = [Self.desadv("CL\(run)-\(from)-\(to)")]
            func end(_ type: String, _ id: String) -> SourceDestination {
                SourceDestination(type: CBVValue(type, in: .sourceDestType)!, id: IdentifierURI(id))
            }
            e.sourceList = [end("owning_party", Self.party(from)), end("location", Self.place(from))]
            e.destinationList = [end("owning_party", Self.party(to)), end("location", Self.place(to))]
            return emit(e, step, at: Self.place(place))
        }
        _ = move("shipping", start - 0.5, 10, Self.plant, Self.warehouse, at: Self.plant)
        _ = move("receiving", start - 1, 10, Self.plant, Self.warehouse, at: Self.warehouse)
        let unlicensedUser = violation && rng.chance(0.5)
        let user = unlicensedUser ? Self.unlicensed : Self.waterworks
        let issued = move("shipping", start - 2, 3, Self.warehouse, user, at: Self.warehouse)
        let used = move("receiving", start - 2.5, 3, Self.warehouse, user, at: user)
        var count = event(.objectEvent, daysBefore: start - 3)
        count.quantityList = [Self.amount(lot, violation && !unlicensedUser ? 6.5 : 7, "TNE")]
        let counted = emit(count, "cycle_counting", at: Self.place(Self.warehouse))
        if unlicensedUser { record("unlicensedReceiver", lot, [issued, used]) }
        if violation && !unlicensedUser { record("storageImbalance", lot, [counted]) }
    }

    /// A mine (quota 1,000 t) mines 800 t (violation: and 300 t more) and a separation plant (quota 60 t) separates
    /// it into 40 t of oxide (violation: 48 t, more than the ore holds).
    mutating func rareEarth(_ run: Int, _ violation: Bool) {
        let mine = Self.party(50_000 + run)
        let separator = Self.party(60_000 + run)
        element("Party", mine, ["miningQuota": "1000"], name: "稀土矿\(run)")
        element("Party", separator, ["separationQuota": "60"], name: "分离厂\(run)")
        element("BusinessLocation", Self.place(50_000 + run), ["owner": mine])
        element("BusinessLocation", Self.place(60_000 + run), ["owner": separator])
        let overQuota = violation && rng.chance(0.5)
        let ore = Self.lot(Self.ore, "ORE\(run)")
        var mined: [String] = []
        for (day, amount) in [(20.0, Self.amount(ore, 800, "TNE"))]
            + (overQuota ? [(19.99, Self.amount(ore, 300_000, "KGM"))] : [])
        {
            var dig = event(.objectEvent, daysBefore: day)
            dig.action = .add
            dig.quantityList = [amount]
            mined.append(emit(dig, "commissioning", at: Self.place(50_000 + run)))
        }
        for (step, day, place) in [("shipping", 17.0, 50_000 + run), ("receiving", 16.0, 60_000 + run)] {
            var move = event(.objectEvent, daysBefore: day)
            move.quantityList = [Self.amount(ore, 800, "TNE")]
            move.bizTransactionList = [Self.desadv("ORE\(run)")]
            move.sourceList = [
                SourceDestination(type: CBVValue("owning_party", in: .sourceDestType)!, id: IdentifierURI(mine)),
                SourceDestination(
                    type: CBVValue("location", in: .sourceDestType)!, id: IdentifierURI(Self.place(50_000 + run))),
            ]
            move.destinationList = [
                SourceDestination(type: CBVValue("owning_party", in: .sourceDestType)!, id: IdentifierURI(separator)),
                SourceDestination(
                    type: CBVValue("location", in: .sourceDestType)!, id: IdentifierURI(Self.place(60_000 + run))),
            ]
            emit(move, step, at: Self.place(place))
        }
        let oxide = Self.lot(Self.oxide, "OX\(run)")
        var separate = event(.transformationEvent, daysBefore: 15)
        separate.inputQuantityList = [Self.amount(ore, 800, "TNE")]
        separate.outputQuantityList = [Self.amount(oxide, violation && !overQuota ? 48 : 40, "TNE")]
        let separated = emit(separate, nil, at: Self.place(60_000 + run))
        if overQuota { record("quotaExceeded", mine, mined) }
        if violation && !overQuota { record("separationImbalance", oxide, [separated]) }
    }

    /// Milk read hourly in CEL (violation: 9 °C once); a vaccine pallet read in KEL (violation: 283.15 K, 50 °F).
    mutating func coldChain(_ run: Int, _ violation: Bool) {
        let vaccinePallet = "urn:epc:id:sscc:\(Self.prefix).\(String(run).leftPadded(10))"
        let isVaccine = run % 2 == 1
        let lot = isVaccine ? Self.lot(Self.vaccine, "VAC\(run)") : Self.lot(Self.milk, "MILK\(run)")
        let start = 10.0 + Double(run % 100) * 0.05
        if isVaccine {
            var pack = event(.aggregationEvent, daysBefore: start + 0.1)
            pack.action = .add
            pack.parentID = IdentifierURI(vaccinePallet)
            pack.childQuantityList = [QuantityElement(epcClass: IdentifierURI(lot), quantity: 1000)]
            emit(pack, "packing", at: Self.place(70_000))
        }
        let values = isVaccine
            ? [278.15, violation ? 283.15 : 280.15, 277.15] : [4, violation ? 9 : 5, 4.5]
        var ids: [String] = []
        for (index, value) in values.enumerated() {
            var reading = event(.objectEvent, daysBefore: start - Double(index) / 24)
            if isVaccine {
                reading.epcList = [IdentifierURI(vaccinePallet)]
            } else {
                reading.quantityList = [Self.amount(lot, 500, "LTR")]
            }
            var report = SensorReport(type: CBVValue("Temperature", in: .measurementType))
            report.value = value
            report.uom = isVaccine ? "KEL" : "CEL"
            var metadata = SensorMetadata()
            metadata.time = reading.eventTime
            reading.sensorElementList = [SensorElement(metadata: metadata, reports: [report])]
            ids.append(emit(reading, "sensor_reporting", at: Self.place(71_000 + run % 10)))
        }
        if violation { record("temperatureExcursion", lot, [ids[1], ids[2]]) }
    }
}
