// The standard terms of each CBV 2.0 / GS1 Web Vocabulary list that EPCIS 2.0 events use.
// Source: the term lists of the GS1 EPCIS 2.0 JSON-LD contexts (CBV 2.0 sections 7.2-7.5, 8.2; GS1 Web Vocabulary).

extension CBVVocabulary {
    /// The standard terms of this vocabulary, as bare words.
    public var standardTerms: Set<String> { Self.termSets[self] ?? [] }

    /// Built once: every CBV value a decoder reads looks its vocabulary up here.
    private static let termSets: [CBVVocabulary: Set<String>] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.termList) })

    private var termList: Set<String> {
        switch self {
        case .bizStep:
            return [
                "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
                "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
                "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting", "installing",
                "killing", "loading", "other", "packing", "picking", "receiving", "removing", "repackaging",
                "repairing", "replacing", "reserving", "retail_selling", "sampling", "sensor_reporting", "shipping",
                "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading", "unpacking",
                "void_shipping",
            ]
        case .disposition:
            return [
                "active", "available", "completeness_inferred", "completeness_verified", "conformant",
                "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed", "encoded",
                "expired", "in_progress", "in_transit", "inactive", "mismatch_class", "mismatch_instance",
                "mismatch_quantity", "needs_replacement", "no_pedigree_match", "non_conformant", "non_sellable_other",
                "partially_dispensed", "recalled", "reserved", "retail_sold", "returned", "sellable_accessible",
                "sellable_not_accessible", "stolen", "unavailable", "unknown",
            ]
        case .bizTransactionType:
            return [
                "bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma", "testprd",
                "testres", "upevt",
            ]
        case .sourceDestType:
            return [
                "location", "owning_party", "possessing_party",
            ]
        case .errorReason:
            return [
                "did_not_occur", "incorrect_data",
            ]
        case .component:
            return [
                "altitude", "axial_distance", "azimuth", "easting", "elevation_angle", "height", "latitude",
                "longitude", "northing", "polar_angle", "spherical_radius", "x", "y", "z",
            ]
        case .measurementType:
            return [
                "AbsoluteHumidity", "AbsorbedDose", "AbsorbedDoseRate", "Acceleration", "Altitude",
                "AmountOfSubstance", "AmountOfSubstancePerUnitVolume", "Angle", "AngularAcceleration",
                "AngularMomentum", "AngularVelocity", "Area", "Capacitance", "Conductance", "Conductivity", "Count",
                "Density", "Dimensionless", "DoseEquivalent", "DoseEquivalentRate", "DynamicViscosity",
                "ElectricCharge", "ElectricCurrent", "ElectricCurrentDensity", "ElectricFieldStrength", "Energy",
                "Exposure", "Force", "Frequency", "Illuminance", "Inductance", "Irradiance", "KinematicViscosity",
                "Length", "LinearMomentum", "Luminance", "LuminousFlux", "LuminousIntensity", "MagneticFlux",
                "MagneticFluxDensity", "MagneticVectorPotential", "Mass", "MassConcentration", "MassFlowRate",
                "MassPerAreaTime", "MemoryCapacity", "MolalityOfSolute", "MolarEnergy", "MolarMass", "MolarVolume",
                "Power", "Pressure", "RadiantFlux", "RadiantIntensity", "Radioactivity", "RelativeHumidity",
                "Resistance", "Resistivity", "SolidAngle", "SpecificVolume", "Speed", "SurfaceDensity",
                "SurfaceTension", "Temperature", "Time", "Torque", "Voltage", "Volume", "VolumeFlowRate",
                "VolumeFraction", "VolumetricFlux", "Wavenumber",
            ]
        case .sensorAlertType:
            return [
                "ALARM_CONDITION", "ERROR_CONDITION",
            ]
        }
    }
}
