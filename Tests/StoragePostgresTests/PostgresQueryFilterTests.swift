import EPCIS
import Testing

@testable import StoragePostgres

/// The SQL that narrows a query: `$n` placeholders only, every value bound (checked without a database).
@Suite struct PostgresQueryFilterTests {
    @Test("bizStep and an identifier become ANY conditions over bound arrays")
    func rendersBoundSQL() throws {
        // Given
        let query = try EPCISQuery(parameters: [
            ("EQ_bizStep", "shipping"), ("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.2017"),
        ])
        // When
        let filter = PostgresQueryFilter(query.predicates)
        // Then
        #expect(
            filter.sql
                == "event.biz_step = ANY($1) AND event.id IN (SELECT event_row FROM event_identifier"
                + " WHERE key = ANY($3) AND role = ANY($2))")
        #expect(
            filter.values == [
                "{https://ref.gs1.org/cbv/BizStep-shipping}", "{epc,child}",
                "{https://id.gs1.org/01/10614141073464/21/2017}",
            ])
        #expect(filter.values.count == 3)
    }

    @Test("an EPC pattern compares bound digits of the primary key, never text in the SQL")
    func rendersPattern() throws {
        // Given
        let query = try EPCISQuery(parameters: [("MATCH_epc", "urn:epc:idpat:sgtin:0614141.107346.*")])
        // When
        let filter = PostgresQueryFilter(query.predicates)
        // Then
        #expect(!filter.sql.contains("0614141"))
        #expect(filter.sql.contains("substr(ai_value, $3::int, $4::int) = $5"))
        #expect(filter.values == ["{epc,child}", "01", "1", "14", "10614141073464"])
    }

    @Test("predicates checked only in Swift add no condition")
    func leavesTheRestToTheMatcher() throws {
        let query = try EPCISQuery(parameters: [("WD_bizLocation", "urn:epc:id:sgln:0614141.00888.0")])
        #expect(PostgresQueryFilter(query.predicates).sql == "TRUE")
        #expect(PostgresQueryFilter(query.predicates).values.isEmpty)
    }

    @Test("sensor parameters narrow to events with sensor data, once, and leave the values (any unit) to the matcher")
    func sensorParameters() throws {
        let query = try EPCISQuery(parameters: [
            ("EXISTS_sensorElementList", ""), ("EQ_type", "gs1:Temperature"), ("GT_value_CEL", "8"),
            ("GE_percRank", "50"),
        ])
        let filter = PostgresQueryFilter(query.predicates)
        #expect(filter.sql == "event.has_sensor_data")
        #expect(filter.values.isEmpty)
    }
}

/// Issue 14, item 5: a predicate over an empty set matches nothing, without binding an empty array.
@Suite struct PostgresEmptyListFilterTests {
    @Test("a predicate over an empty set renders as FALSE with no placeholder")
    func rendersNothingMatches() {
        let predicates: [QueryPredicate] = [
            .eventType([]), .action([]), .bizStep([]), .readPoint([], withDescendants: false), .eventID([]),
            .bizTransaction(type: "https://ref.gs1.org/cbv/BTT-po", ids: []),
            .source(type: "https://ref.gs1.org/cbv/SDT-owning_party", ids: []),
        ]
        for predicate in predicates {
            let filter = PostgresQueryFilter([predicate])
            #expect(filter.sql == "FALSE", "\(predicate)")
            #expect(filter.values.isEmpty, "\(predicate)")
        }
    }
}
