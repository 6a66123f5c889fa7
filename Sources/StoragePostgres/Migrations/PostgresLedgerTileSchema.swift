/// The migration step `v15-ledger-tiles`: the Merkle log moves from one row per node (`ledger_node`) to tiles
/// (`ledger_tile`, docs/decisions/0024-tiled-ledger.md), in place and in the step's one transaction.
///
/// The nodes of tree levels 0, 8, 16, … are gathered 256 at a time into tiles, exactly as stored, so every root,
/// proof and signed head stays the same; the nodes of the levels between are dropped, as they are computed from the
/// tiles when read.
enum PostgresLedgerTileSchema {
    static let statements = [
        // A gap or a hash that is not 32 bytes is a damaged ledger: converting it would shift hashes into the wrong
        // places and hide where the damage was, so the step stops and the store stays as it was.
        """
        DO $$
        DECLARE damaged TEXT;
        BEGIN
            SELECT string_agg(format('level %s holds %s nodes up to index %s', level, nodes, last), '; ')
            INTO damaged
            FROM (
                SELECT level, count(*) AS nodes, max(idx) AS last FROM ledger_node WHERE level % 8 = 0
                GROUP BY level HAVING count(*) <> max(idx) + 1 OR bool_or(octet_length(hash) <> 32)
            ) AS d;
            IF damaged IS NOT NULL THEN
                RAISE EXCEPTION 'the ledger cannot move to tiles: ledger_node has gaps or malformed hashes (%); '
                    'run suyuan verify with the previous release to see the damage', damaged;
            END IF;
        END
        $$
        """,
        """
        CREATE TABLE ledger_tile (
            level SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 7),
            idx BIGINT NOT NULL CHECK (idx >= 0),
            width SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),
            hashes BYTEA NOT NULL CHECK (octet_length(hashes) = 32 * width),
            PRIMARY KEY (level, idx)
        )
        """,
        // SHA-256 hashes do not compress: storing them uncompressed spares every write a failed pglz attempt.
        "ALTER TABLE ledger_tile ALTER COLUMN hashes SET STORAGE EXTERNAL",
        """
        INSERT INTO ledger_tile (level, idx, width, hashes)
        SELECT level / 8, idx / 256, count(*), string_agg(hash, ''::bytea ORDER BY idx)
        FROM ledger_node WHERE level % 8 = 0
        GROUP BY level / 8, idx / 256
        """,
        "DROP TABLE ledger_node",
    ]
}
