import GRDB

/// Migration steps `v11-master-data-language` (the language of a language-tagged master data value, beside its
/// text) and `v12-consumer-reports` (problems consumers report from a product's page). Times are whole
/// milliseconds since 1970, as in the other platform tables.
enum SQLiteConsumerReportSchema {
    static func addAttributeLanguage(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE vocabulary_attribute ADD COLUMN language TEXT")
    }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE consumer_report (
                    id INTEGER PRIMARY KEY,
                    report_id TEXT NOT NULL UNIQUE CHECK (report_id <> ''),
                    key TEXT NOT NULL CHECK (key <> ''),
                    problem TEXT NOT NULL,
                    text TEXT NOT NULL,
                    phone TEXT,
                    language TEXT NOT NULL,
                    origin TEXT,
                    reported_at_ms INTEGER NOT NULL
                );
                CREATE INDEX consumer_report_reported_at ON consumer_report(reported_at_ms, report_id);
                CREATE INDEX consumer_report_key ON consumer_report(key);
                """)
    }
}
