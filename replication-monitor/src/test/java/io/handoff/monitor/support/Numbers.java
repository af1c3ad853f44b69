package io.handoff.monitor.support;

/**
 * Test data without MariaDB's sequence engine ({@code seq_1_to_N} tables), which MySQL lacks: a derived
 * table of the numbers 1..N in column {@code seq}, from a recursive CTE that MariaDB 11.4 and MySQL 9.7 both
 * run. The CTE counts only to 100 and the numbers are pairs of its rows, so the recursion stays far below
 * either server's default limit ({@code cte_max_recursion_depth} 1000 on MySQL) and no session needs raising it.
 */
public final class Numbers {
    /** The largest N: 100 x 100 pairs. */
    public static final int MAX = 10_000;

    private Numbers() {
    }

    /** {@code (WITH RECURSIVE ...) AS numbers}, with column {@code seq} from 1 to {@code n}, for a {@code FROM} clause. */
    public static String upTo(int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("numbers from 1 to " + n + ": n must be in [1, " + MAX + "]");
        }
        return "(WITH RECURSIVE hundred(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM hundred WHERE d < 99)"
                + " SELECT high.d * 100 + low.d + 1 AS seq FROM hundred high CROSS JOIN hundred low"
                + " WHERE high.d * 100 + low.d < " + n + ") AS numbers";
    }
}
