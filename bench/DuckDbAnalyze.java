import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The DuckDB side of bench/analyze-throughput.sh: an embedded DuckDB (JDBC, all cores) reads the same JSON Lines
 * log and aggregates what {@code ci-gate analyze} aggregates before it analyses: per minute and status, the
 * request count and latency (sum, sum of logs, min, max) of all requests and of each value of each dimension
 * (modelVersion, endpoint, lenderId, region). Prints the number of groups and the total count of the
 * all-requests rows, which must equal the file's valid lines, so the query cannot skip work.
 *
 *   java -cp duckdb_jdbc.jar bench/DuckDbAnalyze.java FILE
 */
public class DuckDbAnalyze {

    public static void main(String[] args) throws Exception {
        String file = args[0].replace("'", "''");
        String query = """
                WITH t AS (
                  SELECT date_trunc('minute', "timestamp") AS minute, status, latencyMs,
                         modelVersion, endpoint, lenderId, region
                  FROM read_json('%s', format = 'newline_delimited', ignore_errors = true,
                                 columns = {"timestamp": 'TIMESTAMPTZ', requestId: 'VARCHAR', lenderId: 'VARCHAR',
                                            endpoint: 'VARCHAR', modelVersion: 'VARCHAR', latencyMs: 'DOUBLE',
                                            status: 'VARCHAR', httpStatus: 'INTEGER', region: 'VARCHAR'}))
                SELECT grouping(modelVersion, endpoint, lenderId, region) AS g, minute, status,
                       modelVersion, endpoint, lenderId, region, count(*) AS n, sum(latencyMs) AS sum_ms,
                       sum(ln(greatest(latencyMs, 0.01))) AS sum_log, min(latencyMs) AS min_ms, max(latencyMs) AS max_ms
                FROM t
                GROUP BY GROUPING SETS ((minute, status), (minute, status, modelVersion), (minute, status, endpoint),
                                        (minute, status, lenderId), (minute, status, region))
                """.formatted(file);
        long groups = 0;
        long requests = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                groups++;
                if (rs.getInt("g") == 15) { // the all-requests rows: every dimension grouped away
                    requests += rs.getLong("n");
                }
            }
        }
        System.out.println("duckdb groups=" + groups + " requests=" + requests);
    }
}
