using System.Diagnostics;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Internal.Codecs;
using ModelMonitoring.Sqlite.Internal.Schema;
using ModelMonitoring.Sqlite.Internal.Writing;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The write path of schema version 5 (the predictions plus their per-minute feature statistics)
/// against version 4's (the predictions alone), in alternating rounds of one process, because this
/// machine's speed drifts between separate runs. Each round writes one batch of 4,096 predictions (<c>SqliteFlushBenchmarks</c>'
/// records: 10 numeric features; with "categorical", one categorical feature as well) to each of two
/// files in WAL mode, one transaction each, through the same 32-row prepared statements. Run: <c>dotnet run -c Release --project benchmarks/ModelMonitoring.Benchmarks -- sqlite-layout [rounds] [categorical]</c>.
/// </summary>
internal static class SqliteLayoutComparison
{
    private const int BatchSize = 4_096;
    private const int Features = 10;

    public static void Run(int rounds, bool categorical)
    {
        var directory = Directory.CreateTempSubdirectory("modelmonitoring-layout-").FullName;
        try
        {
            var model = new ModelSchema("bench", "1", "bench", [.. Enumerable.Range(0, Features).Select(i => $"f{i}")], categorical ? ["country"] : []);
            using var current = new Target(Path.Combine(directory, "v5.db"), Migrations.All, db => new PredictionInserter(db));
            using var old = new Target(Path.Combine(directory, "v4.db"), [.. Migrations.All.Where(m => m.Version <= 4)], db => new Version4Inserter(db));
            var records = new Records(categorical);

            // Warm-up rounds, so that what is timed is the Tier-1 code of a running service.
            for (var round = 0; round < 20; round++)
            {
                current.Write(model, records.Next());
                old.Write(model, records.Next());
            }

            var v5 = new double[rounds];
            var v4 = new double[rounds];
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which layout goes first, so neither always follows the other's checkpoint.
                if (round % 2 == 0)
                {
                    v5[round] = current.Write(model, records.Next());
                    v4[round] = old.Write(model, records.Next());
                }
                else
                {
                    v4[round] = old.Write(model, records.Next());
                    v5[round] = current.Write(model, records.Next());
                }
            }

            var ratios = v5.Zip(v4, (a, b) => a / b).Order().ToArray();
            Console.WriteLine($"{rounds} rounds of {BatchSize:N0} predictions, {Features} numeric features{(categorical ? " and 1 categorical" : string.Empty)}; µs per prediction:");
            Console.WriteLine("                     median   quartiles");
            Console.WriteLine($"version 4           {Median(v4),7:F3}   {Quantile(v4, 0.25):F3} - {Quantile(v4, 0.75):F3}");
            Console.WriteLine($"version 5           {Median(v5),7:F3}   {Quantile(v5, 0.25):F3} - {Quantile(v5, 0.75):F3}");
            Console.WriteLine($"version 5 / version 4, round by round: median {ratios[rounds / 2]:F3}x, quartiles {ratios[rounds / 4]:F3}x - {ratios[3 * rounds / 4]:F3}x");
            current.Checkpoint();
            old.Checkpoint();
            Console.WriteLine($"file size after the run: version 4 {new FileInfo(Path.Combine(directory, "v4.db")).Length / 1024:N0} KiB, version 5 {new FileInfo(Path.Combine(directory, "v5.db")).Length / 1024:N0} KiB (WAL checkpointed)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double q) => values.Order().ElementAt((int)(q * (values.Length - 1)));

    private sealed class Records(bool categorical)
    {
        private readonly double[] _features = [.. Enumerable.Range(0, BatchSize * Features).Select(i => new Random(42 + i).NextDouble() * 100)];
        private readonly string?[][] _countries = [["NL"], ["DE"], ["FR"], ["US"], ["BR"]];
        private readonly PredictionRecord[] _records = new PredictionRecord[BatchSize];
        private ulong _next;
        private DateTimeOffset _time = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public PredictionRecord[] Next()
        {
            for (var i = 0; i < BatchSize; i++)
            {
                _time = _time.AddMilliseconds(1);
                _records[i] = new PredictionRecord
                {
                    Id = new PredictionId(7, ++_next),
                    Timestamp = _time,
                    Latency = TimeSpan.FromMilliseconds(3),
                    PredictedClass = (i & 1) == 0 ? "legit" : "fraud",
                    Confidence = 0.9,
                    NumericFeatures = new ReadOnlyMemory<double>(_features, i * Features, Features),
                    CategoricalFeatures = categorical ? _countries[i % _countries.Length] : ReadOnlyMemory<string?>.Empty,
                };
            }

            return _records;
        }
    }

    private sealed class Target : IDisposable
    {
        private readonly Microsoft.Data.Sqlite.SqliteConnection _connection;
        private readonly PredictionInserter? _current;
        private readonly Version4Inserter? _old;
        private readonly RawStatement _begin;
        private readonly RawStatement _commit;
        private readonly long _modelId;

        public Target(string path, IReadOnlyList<Migration> migrations, Func<SQLitePCL.sqlite3, object> inserter)
        {
            _connection = new SqliteConnectionFactory(new SqliteStorageOptions { Path = path }).OpenWriteConnection();
            SchemaMigrator.Migrate(_connection, migrations, path);
            var db = _connection.Handle!;
            using (var model = new RawStatement(db, "INSERT INTO models (name, version, environment, numeric_features, categorical_features) VALUES ('bench', '1', 'bench', x'00', x'00') RETURNING id;"))
            {
                _modelId = model.ExecuteInt64();
            }

            (_current, _old) = inserter(db) switch
            {
                PredictionInserter current => (current, null),
                Version4Inserter old => ((PredictionInserter?)null, old),
                _ => throw new ArgumentException("Unknown inserter.", nameof(inserter)),
            };
            _begin = new RawStatement(db, "BEGIN IMMEDIATE;");
            _commit = new RawStatement(db, "COMMIT;");
        }

        /// <summary>Writes one batch in one transaction; returns microseconds per prediction.</summary>
        public double Write(ModelSchema model, PredictionRecord[] records)
        {
            var start = Stopwatch.GetTimestamp();
            _begin.Execute();
            var inserted = _current is not null
                ? _current.Insert(_modelId, model, records, CancellationToken.None)
                : _old!.Insert(_modelId, records);
            _commit.Execute();
            var elapsed = Stopwatch.GetElapsedTime(start);
            return inserted == records.Length ? elapsed.TotalMicroseconds / records.Length : throw new InvalidOperationException("Rows were not inserted.");
        }

        public void Checkpoint()
        {
            using var checkpoint = new RawStatement(_connection.Handle!, "PRAGMA wal_checkpoint(TRUNCATE);");
            checkpoint.Execute();
        }

        public void Dispose()
        {
            _begin.Dispose();
            _commit.Dispose();
            _current?.Dispose();
            _old?.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>The prediction inserter of schema version 4, as it was at commit 3fe84be.</summary>
    private sealed class Version4Inserter : IDisposable
    {
        private const int RowsPerStatement = PredictionInserter.RowsPerStatement;
        private const int ColumnCount = 13;
        private const string Columns = "model_id, ts, prediction_id, latency_ticks, status, error_kind, predicted_class, "
            + "predicted_value, confidence, input_hash, segment, numeric_features, categorical_features";

        private readonly RawStatement _many;
        private readonly RawStatement _one;
        private readonly System.Buffers.ArrayBufferWriter<byte> _categorical = new(256);
        private readonly System.Buffers.ArrayBufferWriter<byte> _numeric = new(256);

        public Version4Inserter(SQLitePCL.sqlite3 db)
        {
            _many = new RawStatement(db, InsertSql(RowsPerStatement));
            _one = new RawStatement(db, InsertSql(1));
        }

        public int Insert(long modelId, ReadOnlySpan<PredictionRecord> predictions)
        {
            var inserted = 0;
            var i = 0;
            for (; i + RowsPerStatement <= predictions.Length; i += RowsPerStatement)
            {
                for (var row = 0; row < RowsPerStatement; row++)
                {
                    Bind(_many, row * ColumnCount, modelId, predictions[i + row]);
                }

                inserted += _many.Execute();
            }

            for (; i < predictions.Length; i++)
            {
                Bind(_one, 0, modelId, predictions[i]);
                inserted += _one.Execute();
            }

            return inserted;
        }

        public void Dispose()
        {
            _many.Dispose();
            _one.Dispose();
        }

        private static string InsertSql(int rows)
        {
            var values = "(" + string.Join(", ", Enumerable.Repeat("?", ColumnCount)) + ")";
            return $"INSERT OR IGNORE INTO predictions ({Columns}) VALUES {string.Join(", ", Enumerable.Repeat(values, rows))};";
        }

        private void Bind(RawStatement statement, int offset, long modelId, in PredictionRecord prediction)
        {
            Span<byte> id = stackalloc byte[PredictionId.ByteCount];
            prediction.Id.WriteBytes(id);
            statement.BindInt64(offset + 1, modelId);
            statement.BindInt64(offset + 2, UnixMicroseconds.FromTimestamp(prediction.Timestamp));
            statement.BindBlob(offset + 3, id);
            statement.BindInt64(offset + 4, prediction.Latency.Ticks);
            statement.BindInt64(offset + 5, (long)prediction.Status);
            statement.BindText(offset + 6, prediction.ErrorKind);
            statement.BindText(offset + 7, prediction.PredictedClass);
            statement.BindDouble(offset + 8, prediction.PredictedValue);
            statement.BindDouble(offset + 9, prediction.Confidence);
            statement.BindInt64(offset + 10, prediction.InputHash is { } hash ? unchecked((long)hash) : (long?)null);
            statement.BindText(offset + 11, prediction.Segment);
            if (prediction.NumericFeatures.IsEmpty)
            {
                statement.BindNull(offset + 12);
            }
            else
            {
                statement.BindBlob(offset + 12, NumericCodec.Write(prediction.NumericFeatures.Span, _numeric));
            }

            if (prediction.CategoricalFeatures.IsEmpty)
            {
                statement.BindNull(offset + 13);
            }
            else
            {
                statement.BindBlob(offset + 13, StringListCodec.WriteStrings(prediction.CategoricalFeatures.Span, _categorical));
            }
        }
    }
}
