/// Migration steps `v9-master-data-language` (the language of a language-tagged master data value, beside its
/// text) and `v10-consumer-reports` (problems consumers report from a product's page), as in SQLite.
enum PostgresConsumerReportSchema {
    static let attributeLanguage = ["ALTER TABLE vocabulary_attribute ADD COLUMN language TEXT"]

    static let statements = [
        """
        CREATE TABLE consumer_report (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            report_id TEXT NOT NULL UNIQUE CHECK (report_id <> ''),
            key TEXT NOT NULL CHECK (key <> ''),
            problem TEXT NOT NULL,
            text TEXT NOT NULL,
            phone TEXT,
            language TEXT NOT NULL,
            origin TEXT,
            reported_at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX consumer_report_reported_at ON consumer_report(reported_at_ms, report_id)",
        "CREATE INDEX consumer_report_key ON consumer_report(key)",
    ]
}
