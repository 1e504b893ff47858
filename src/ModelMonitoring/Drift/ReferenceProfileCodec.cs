using System.Text;
using ModelMonitoring.Statistics;

namespace ModelMonitoring.Drift;

/// <summary>
/// The stored form of a <see cref="ReferenceProfile"/>: compact, versioned, and exact — every
/// statistic, sorted value, histogram edge and count reads back bit for bit, and nothing is sorted,
/// binned or recomputed on the way back.
/// </summary>
/// <remarks>
/// <para>Version 2, little-endian; integers are 7-bit encoded (LEB128), strings are a 7-bit encoded UTF-8 length and the bytes:</para>
/// <code>
/// "MMRP" version:u8 rows numericCount
///   per numeric feature: name count mean variance populationStd q1 median q3 skewness kurtosis (f64 each)
///     encoding:u8 (0: count f64 values; 1: distinct, distinct f64 values, distinct run lengths)
///     edgeCount, edgeCount f64 edges, edgeCount + 1 bin counts, reference total
/// categoricalCount
///   per categorical feature: name count categoryCount, per category: label count
/// rowOrder:u8 (0: none; 1: per numeric feature, rows indices into its sorted values)
/// </code>
/// <para>Version 1 is the same without the row order, and is still read.</para>
/// <para>
/// Sorted values with many ties (integers, rounded amounts, flags) are stored as runs of distinct
/// values, which is how a 100,000-row integer column shrinks from 800 kB to a few hundred bytes.
/// Runs compare bit patterns, so −0.0 and +0.0 stay distinct.
/// </para>
/// </remarks>
internal static class ReferenceProfileCodec
{
    public const byte FormatVersion = 2;
    private const byte FirstVersion = 1;
    private const byte NoRowOrder = 0;
    private const byte HasRowOrder = 1;
    private const byte RawValues = 0;
    private const byte RunValues = 1;
    private static ReadOnlySpan<byte> Magic => "MMRP"u8;

    public static byte[] Serialize(ReferenceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt(profile.RowCount);
            writer.Write7BitEncodedInt(profile.NumericFeatures.Count);
            foreach (var feature in profile.NumericFeatures)
            {
                WriteNumeric(writer, feature);
            }

            writer.Write7BitEncodedInt(profile.CategoricalFeatures.Count);
            foreach (var feature in profile.CategoricalFeatures)
            {
                writer.Write(feature.Name);
                writer.Write7BitEncodedInt(feature.Count);
                writer.Write7BitEncodedInt(feature.Categories.Count);
                for (var i = 0; i < feature.Categories.Count; i++)
                {
                    writer.Write(feature.Categories[i]);
                    writer.Write7BitEncodedInt64(feature.Counts[i]);
                }
            }

            WriteRowOrder(writer, profile.RowOrder);
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The data is not a stored profile, has an unknown version, or is damaged.</exception>
    public static ReferenceProfile Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
            Span<byte> magic = stackalloc byte[4];
            reader.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
            {
                throw new InvalidDataException("The data is not a stored reference profile.");
            }

            var version = reader.ReadByte();
            if (version is not (FirstVersion or FormatVersion))
            {
                throw new InvalidDataException($"The stored reference profile has format version {version}; this version of ModelMonitoring reads versions {FirstVersion} to {FormatVersion}.");
            }

            var rows = reader.Read7BitEncodedInt();
            var numeric = new FeatureProfile[Length(reader, reader.Read7BitEncodedInt(), 1)];
            for (var i = 0; i < numeric.Length; i++)
            {
                numeric[i] = ReadNumeric(reader);
            }

            var categorical = new CategoricalProfile[Length(reader, reader.Read7BitEncodedInt(), 1)];
            for (var i = 0; i < categorical.Length; i++)
            {
                categorical[i] = ReadCategorical(reader);
            }

            var rowOrder = version == FirstVersion ? null : ReadRowOrder(reader, rows, numeric);

            if (reader.BaseStream.Position != data.Length)
            {
                throw new InvalidDataException("The stored reference profile has trailing bytes.");
            }

            return ReferenceProfile.FromProfiles(rows, numeric, categorical, rowOrder);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException("The stored reference profile is damaged.", ex);
        }
    }

    private static void WriteNumeric(BinaryWriter writer, FeatureProfile feature)
    {
        var sample = feature.Sample;
        var values = sample.Values;
        writer.Write(feature.Name);
        writer.Write7BitEncodedInt(values.Length);
        foreach (var statistic in (ReadOnlySpan<double>)[sample.Mean, sample.Variance, sample.PopulationStandardDeviation,
            feature.Quartile1, feature.Median, feature.Quartile3, feature.Skewness, feature.ExcessKurtosis])
        {
            writer.Write(statistic);
        }

        var distinct = CountRuns(values);
        if (distinct <= values.Length / 2)
        {
            writer.Write(RunValues);
            WriteRuns(writer, values, distinct);
        }
        else
        {
            writer.Write(RawValues);
            WriteDoubles(writer, values);
        }

        var histogram = feature.Histogram;
        writer.Write7BitEncodedInt(histogram.Edges.Length);
        WriteDoubles(writer, histogram.Edges);
        foreach (var count in histogram.ReferenceCounts)
        {
            writer.Write7BitEncodedInt64(count);
        }

        writer.Write7BitEncodedInt64(histogram.ReferenceTotal);
    }

    private static FeatureProfile ReadNumeric(BinaryReader reader)
    {
        var name = reader.ReadString();
        var count = reader.Read7BitEncodedInt();
        Span<double> statistics = stackalloc double[8];
        for (var i = 0; i < statistics.Length; i++)
        {
            statistics[i] = reader.ReadDouble();
        }

        var values = reader.ReadByte() switch
        {
            RawValues => ReadDoubles(reader, Length(reader, count, sizeof(double))),
            RunValues => ReadRuns(reader, count),
            var other => throw new InvalidDataException($"Feature '{name}' has an unknown value encoding {other}."),
        };
        if (values.Length == 0 || !IsSortedAndFinite(values))
        {
            throw new InvalidDataException($"Feature '{name}' has no values, or values that are not sorted and finite.");
        }

        var edges = ReadDoubles(reader, Length(reader, reader.Read7BitEncodedInt(), sizeof(double)));
        if (edges.Length < 2 || !IsSortedAndFinite(edges))
        {
            throw new InvalidDataException($"Feature '{name}' has damaged histogram edges.");
        }

        var counts = new long[edges.Length + 1];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = reader.Read7BitEncodedInt64();
        }

        var histogram = Histogram.FromStored(edges, counts, reader.Read7BitEncodedInt64());
        var sample = SortedSample.FromStored(values, statistics[0], statistics[1], statistics[2]);
        return FeatureProfile.FromStored(name, sample, histogram, new(statistics[3], statistics[4], statistics[5], statistics[6], statistics[7]));
    }

    private static void WriteRowOrder(BinaryWriter writer, int[][]? rowOrder)
    {
        if (rowOrder is null)
        {
            writer.Write(NoRowOrder);
            return;
        }

        writer.Write(HasRowOrder);
        foreach (var indices in rowOrder)
        {
            foreach (var index in indices)
            {
                writer.Write7BitEncodedInt(index);
            }
        }
    }

    private static int[][]? ReadRowOrder(BinaryReader reader, int rows, FeatureProfile[] numeric)
    {
        switch (reader.ReadByte())
        {
            case NoRowOrder:
                return null;
            case HasRowOrder:
                var order = new int[numeric.Length][];
                for (var f = 0; f < order.Length; f++)
                {
                    var indices = order[f] = new int[Length(reader, rows, 1)];
                    for (var row = 0; row < indices.Length; row++)
                    {
                        var index = reader.Read7BitEncodedInt();
                        indices[row] = (uint)index < (uint)numeric[f].Count
                            ? index
                            : throw new InvalidDataException($"Feature '{numeric[f].Name}' has a stored row index {index} outside its {numeric[f].Count} values.");
                    }
                }

                return order;
            case var other:
                throw new InvalidDataException($"The stored reference profile has an unknown row order marker {other}.");
        }
    }

    private static CategoricalProfile ReadCategorical(BinaryReader reader)
    {
        var name = reader.ReadString();
        var count = reader.Read7BitEncodedInt();
        var categories = new string[Length(reader, reader.Read7BitEncodedInt(), 2)];
        var counts = new long[categories.Length];
        for (var i = 0; i < categories.Length; i++)
        {
            categories[i] = reader.ReadString();
            counts[i] = reader.Read7BitEncodedInt64();
        }

        return CategoricalProfile.FromStored(name, categories, counts, count);
    }

    private static int CountRuns(ReadOnlySpan<double> sorted)
    {
        var runs = sorted.IsEmpty ? 0 : 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (!SameBits(sorted[i], sorted[i - 1]))
            {
                runs++;
            }
        }

        return runs;
    }

    private static void WriteRuns(BinaryWriter writer, ReadOnlySpan<double> sorted, int distinct)
    {
        writer.Write7BitEncodedInt(distinct);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || !SameBits(sorted[i], sorted[i - 1]))
            {
                writer.Write(sorted[i]);
            }
        }

        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || !SameBits(sorted[i], sorted[start]))
            {
                writer.Write7BitEncodedInt(i - start);
                start = i;
            }
        }
    }

    private static double[] ReadRuns(BinaryReader reader, int count)
    {
        var distinct = ReadDoubles(reader, Length(reader, reader.Read7BitEncodedInt(), sizeof(double)));
        var runs = new int[Length(reader, distinct.Length, 1)];
        long total = 0;
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = reader.Read7BitEncodedInt();
            total += runs[i] > 0 ? runs[i] : throw new InvalidDataException("A stored run of values is empty.");
        }

        // Checked before allocating: a damaged count must not allocate more than the runs describe.
        if (total != count)
        {
            throw new InvalidDataException($"The stored runs hold {total} values, not the declared {count}.");
        }

        var values = new double[count];
        var filled = 0;
        for (var i = 0; i < runs.Length; i++)
        {
            values.AsSpan(filled, runs[i]).Fill(distinct[i]);
            filled += runs[i];
        }

        return values;
    }

    private static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static double[] ReadDoubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }

    // Rejects a length that the remaining bytes cannot hold, so damaged data never triggers a huge allocation.
    private static int Length(BinaryReader reader, int count, int minimumBytesEach)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * minimumBytesEach > remaining)
        {
            throw new InvalidDataException($"The stored reference profile declares {count} items, more than its remaining {remaining} bytes can hold.");
        }

        return count;
    }

    private static bool IsSortedAndFinite(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || (i > 0 && values[i] < values[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
