import io.backendkit.schema.Catalog;
import io.backendkit.schema.QueryRecorder;
import io.backendkit.schema.Schema;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaReport;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;
import schemacrawler.inclusionrule.RegularExpressionInclusionRule;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * Reads the catalog of one PostgreSQL schema with one tool, once to warm up and then RUNS times, and
 * prints: tool, tables read, first (cold) ms, median ms, statements sent for one read (backendkit only,
 * counted through its QueryRecorder). backendkit's time includes the full analysis.
 * Usage: CatalogBench backendkit|schemacrawler JDBC_URL SCHEMA RUNS
 */
public final class CatalogBench {
    public static void main(String[] args) throws Exception {
        String tool = args[0];
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[1]);
        String schema = args[2];
        int runs = Integer.parseInt(args[3]);
        Logger.getLogger("").setLevel(Level.SEVERE);
        long[] times = new long[runs + 1];
        int tables = 0;
        for (int i = 0; i <= runs; i++) {
            long start = System.nanoTime();
            if (tool.equals("backendkit")) {
                Catalog c = Schema.connect(ds).schemas(schema).read();
                SchemaReport r = SchemaAnalyzer.withDefaults().analyze(c);
                tables = r.tables();
            } else {
                SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                        .withLimitOptions(LimitOptionsBuilder.builder()
                                .includeSchemas(new RegularExpressionInclusionRule(schema))
                                .toOptions())
                        .withLoadOptions(LoadOptionsBuilder.builder()
                                .withSchemaInfoLevel(SchemaInfoLevelBuilder.detailed())
                                .toOptions());
                schemacrawler.schema.Catalog c =
                        SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromDataSource(ds), options);
                tables = c.getTables().size();
            }
            times[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] timed = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(timed);
        int statements = -1;
        if (tool.equals("backendkit")) {
            QueryRecorder recorder = QueryRecorder.wrap(ds);
            statements = recorder.record(() -> Schema.connect(recorder.dataSource()).schemas(schema).read()).count();
        }
        System.out.println(tool + " " + tables + " " + times[0] + " " + timed[timed.length / 2] + " " + statements);
    }
}
