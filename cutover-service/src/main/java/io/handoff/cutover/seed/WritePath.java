package io.handoff.cutover.seed;

/** How a {@link ChunkCopy} writes its rows on the target: chosen once per seed, by the target's flavour and settings. */
enum WritePath {
    /**
     * MySQL whose {@code local_infile} is ON: {@code LOAD DATA LOCAL INFILE} of each batch from memory
     * ({@link LoadDataRows}, {@link LocalInfile}): the client only copies and escapes bytes, where binding every value of
     * a prepared statement costs Connector/J most of the seed's CPU.
     */
    LOAD_DATA("LOAD DATA LOCAL INFILE from memory"),
    /** MySQL whose {@code local_infile} is OFF: multi-row {@code INSERT}s prepared on the server. */
    PREPARED_INSERTS("multi-row INSERTs prepared on the server"),
    /** MariaDB: a single-row {@code INSERT} sent for a whole batch as MariaDB's bulk command. */
    BULK_INSERTS("MariaDB's bulk INSERT command");

    private final String description;

    WritePath(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
