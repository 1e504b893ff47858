namespace ModelMonitoring.Sqlite.Internal.Schema;

/// <summary>
/// Schema version 16: a model keeps its classes (<see cref="ModelSchema.Classes"/>) in <c>models.classes</c>, a string list
/// as its feature names are (<see cref="Codecs.StringListCodec"/>); NULL when it declares none, and for every model stored before
/// until the pipeline registers it again. <c>v_predictions</c> gains <c>class_probabilities</c>, the prediction's probabilities
/// as JSON text with the class names: <c>{"cat":0.2,"dog":0.8}</c>.
/// </summary>
/// <remarks>
/// The view decodes both blobs in plain SQL, so that any SQLite client reads it (the Grafana data source, the <c>sqlite3</c>
/// shell): no SQL function of this package and none of the optional math functions. A class list is walked byte by byte,
/// reading its LEB128 numbers; a probability's eight bytes make a 63-bit integer (the sign bit apart) whose exponent and
/// significand give the value, scaled by powers of two, which is exact. Each value is printed with the fewest of 15, 16
/// or 17 significant digits that reads back as the stored double, with its sign, so <c>-0.0</c> stays <c>-0.0</c>. That is
/// exact for values from 1 down to about 1e-82 and for subnormals; in between, SQLite's own conversions of doubles to and
/// from text are not (measured on the bundled 3.50), and the last digit may be one off.
/// When the model row does not name as many classes as the prediction has probabilities (a prediction stored before this
/// step whose model the pipeline has not registered since), the column is a JSON array of the values in order instead.
/// </remarks>
internal static class ModelClassesColumn
{
    /// <summary>The step's number, the one place to change when steps are renumbered.</summary>
    public const int Version = 16;

    public static readonly Migration Migration = new(Version, "classes of models; class probabilities in v_predictions", """
        ALTER TABLE models ADD COLUMN classes BLOB;

        DROP VIEW v_predictions;

        CREATE VIEW v_predictions AS
        SELECT p.id AS id, m.name AS model, m.version AS version, m.environment AS environment,
               strftime('%Y-%m-%dT%H:%M:%fZ', p.ts / 1000000.0, 'unixepoch') AS time, p.ts / 1000 AS unix_ms, p.ts AS ts,
               lower(hex(p.prediction_id)) AS prediction_id,
               p.latency_ticks / 10000.0 AS latency_ms,
               CASE p.status WHEN 0 THEN 'Success' WHEN 1 THEN 'Error' END AS status,
               p.error_kind AS error_kind, p.predicted_class AS predicted_class, p.predicted_value AS predicted_value,
               p.confidence AS confidence, p.segment AS segment,
               g.actual_class AS actual_class, g.actual_value AS actual_value,
               strftime('%Y-%m-%dT%H:%M:%fZ', g.ts / 1000000.0, 'unixepoch') AS labelled_time,
               CASE WHEN p.predicted_class IS NULL OR g.actual_class IS NULL THEN NULL ELSE p.predicted_class = g.actual_class END AS correct,
               CASE WHEN p.class_probabilities IS NOT NULL THEN (
                   WITH RECURSIVE
                   positions (pos) AS (
                       SELECT 1
                       UNION ALL
                       SELECT pos + 1 FROM positions WHERE pos < max(length(p.class_probabilities), coalesce(length(m.classes), 0))
                   ),
                   probability_bytes (pos, b) AS (
                       SELECT pos, (instr('0123456789ABCDEF', substr(hex(substr(p.class_probabilities, pos, 1)), 1, 1)) - 1) * 16
                                   + instr('0123456789ABCDEF', substr(hex(substr(p.class_probabilities, pos, 1)), 2, 1)) - 1
                       FROM positions WHERE pos <= length(p.class_probabilities)
                   ),
                   class_bytes (pos, b) AS (
                       SELECT pos, (instr('0123456789ABCDEF', substr(hex(substr(m.classes, pos, 1)), 1, 1)) - 1) * 16
                                   + instr('0123456789ABCDEF', substr(hex(substr(m.classes, pos, 1)), 2, 1)) - 1
                       FROM positions WHERE pos <= length(m.classes)
                   ),
                   -- item -1 is the list's count; each later item is a tag (UTF-8 length + 1) and then the name's bytes.
                   class_walk (pos, item, acc, mul, class_item, name) AS (
                       SELECT 1, -1, 0, 1, NULL, NULL
                       UNION ALL
                       SELECT CASE WHEN c.b >= 128 OR w.item < 0 THEN w.pos + 1 ELSE w.pos + max(w.acc + c.b * w.mul, 1) END,
                              CASE WHEN c.b >= 128 THEN w.item ELSE w.item + 1 END,
                              CASE WHEN c.b >= 128 THEN w.acc + (c.b - 128) * w.mul ELSE 0 END,
                              CASE WHEN c.b >= 128 THEN w.mul * 128 ELSE 1 END,
                              CASE WHEN c.b < 128 AND w.item >= 0 THEN w.item END,
                              CASE WHEN c.b < 128 AND w.item >= 0 AND w.acc + c.b * w.mul > 0
                                   THEN CAST(substr(m.classes, w.pos + 1, w.acc + c.b * w.mul - 1) AS TEXT) END
                       FROM class_walk w JOIN class_bytes c ON c.pos = w.pos
                   ),
                   class_names (i, name) AS (
                       SELECT class_item, name FROM class_walk WHERE class_item IS NOT NULL AND name IS NOT NULL
                   ),
                   probability_bits (i, bits, negative) AS (
                       SELECT (pos - 1) / 8,
                              sum(CASE WHEN (pos - 1) % 8 < 7 THEN b << (8 * ((pos - 1) % 8)) ELSE (b & 127) << 56 END),
                              max((pos - 1) % 8 = 7 AND b >= 128)
                       FROM probability_bytes GROUP BY (pos - 1) / 8
                   ),
                   -- x * 2^-k, k at most 62 at a time: exact, subnormals included.
                   scaled (i, x, k, negative, finite) AS (
                       SELECT i, CASE WHEN bits >> 52 = 0 THEN bits ELSE (bits & 4503599627370495) + 4503599627370496 END * 1.0,
                              CASE WHEN bits >> 52 = 0 THEN 1074 ELSE 1075 - (bits >> 52) END, negative, bits >> 52 < 2047
                       FROM probability_bits
                       UNION ALL
                       SELECT i, CASE WHEN k > 0 THEN x / (1 << min(k, 62)) ELSE x * (1 << min(-k, 62)) END,
                              CASE WHEN k > 0 THEN k - min(k, 62) ELSE k + min(-k, 62) END, negative, finite
                       FROM scaled WHERE k <> 0
                   ),
                   probability_texts (i, t) AS (
                       SELECT i, CASE WHEN NOT finite THEN 'null'
                                      ELSE CASE WHEN negative THEN '-' ELSE '' END
                                           || CASE WHEN CAST(printf('%!.15g', x) AS REAL) = x THEN printf('%!.15g', x)
                                                   WHEN CAST(printf('%!.16g', x) AS REAL) = x THEN printf('%!.16g', x)
                                                   ELSE printf('%!.17g', x) END END
                       FROM scaled WHERE k = 0
                   )
                   SELECT CASE WHEN count(name) = count(*) AND (SELECT count(*) FROM class_names) = count(*)
                               THEN json_group_object(name, json(t)) ELSE json_group_array(json(t)) END
                   FROM (SELECT t.i AS i, t.t AS t, n.name AS name FROM probability_texts t LEFT JOIN class_names n ON n.i = t.i ORDER BY t.i))
               END AS class_probabilities
        FROM predictions p
        JOIN models m ON m.id = p.model_id
        LEFT JOIN ground_truth g ON g.prediction_id = p.prediction_id;
        """);
}
