namespace ModelMonitoring.Explainability;

/// <summary>
/// Evaluates v(S) = mean over the background of f(x_S, b_rest) for many coalitions S, handing the model batches of
/// about <see cref="TargetBatchRows"/> rows built in one reused buffer: no allocation per coalition or per call.
/// </summary>
internal sealed class CoalitionEvaluator
{
    private const int TargetBatchRows = 4_096;

    private readonly BatchPredictor _model;
    private readonly double[] _background;
    private readonly int _featureCount;
    private readonly int _backgroundRows;
    private readonly int _coalitionsPerBatch;
    private readonly double[] _rows;
    private readonly double[] _outputs;
    private readonly int[] _members;

    public CoalitionEvaluator(BatchPredictor model, ReadOnlySpan<double> background, int featureCount)
    {
        _model = model;
        _background = background.ToArray();
        _featureCount = featureCount;
        _backgroundRows = background.Length / featureCount;
        _coalitionsPerBatch = Math.Max(1, TargetBatchRows / _backgroundRows);
        _rows = new double[_coalitionsPerBatch * _backgroundRows * featureCount];
        _outputs = new double[_coalitionsPerBatch * _backgroundRows];
        _members = new int[featureCount];
    }

    /// <summary>Writes v(S) of coalition <c>c</c> (row <c>c</c> of <paramref name="coalitions"/>, 1 = from the instance) to <paramref name="values"/>[c].</summary>
    public void Evaluate(ReadOnlySpan<double> instance, ReadOnlySpan<byte> coalitions, Span<double> values)
    {
        var blockSize = _backgroundRows * _featureCount;
        for (var start = 0; start < values.Length; start += _coalitionsPerBatch)
        {
            var batch = Math.Min(_coalitionsPerBatch, values.Length - start);
            for (var c = 0; c < batch; c++)
            {
                var block = _rows.AsSpan(c * blockSize, blockSize);
                _background.CopyTo(block);
                Overwrite(block, instance, coalitions.Slice((start + c) * _featureCount, _featureCount));
            }

            var rowCount = batch * _backgroundRows;
            var outputs = _outputs.AsSpan(0, rowCount);
            _model(_rows.AsSpan(0, rowCount * _featureCount), outputs);
            for (var c = 0; c < batch; c++)
            {
                values[start + c] = Mean(outputs.Slice(c * _backgroundRows, _backgroundRows));
            }
        }
    }

    /// <summary>The model's output for the instance alone, f(x).</summary>
    public double Predict(ReadOnlySpan<double> instance)
    {
        instance.CopyTo(_rows);
        _model(_rows.AsSpan(0, _featureCount), _outputs.AsSpan(0, 1));
        return Mean(_outputs.AsSpan(0, 1));
    }

    private void Overwrite(Span<double> block, ReadOnlySpan<double> instance, ReadOnlySpan<byte> coalition)
    {
        var members = 0;
        for (var j = 0; j < coalition.Length; j++)
        {
            if (coalition[j] != 0)
            {
                _members[members++] = j;
            }
        }

        if (members == 0)
        {
            return;
        }

        var indices = _members.AsSpan(0, members);
        for (var offset = 0; offset < block.Length; offset += _featureCount)
        {
            var row = block.Slice(offset, _featureCount);
            foreach (var j in indices)
            {
                row[j] = instance[j];
            }
        }
    }

    private static double Mean(ReadOnlySpan<double> outputs)
    {
        var sum = 0.0;
        foreach (var value in outputs)
        {
            sum += value;
        }

        var mean = sum / outputs.Length;
        return double.IsFinite(mean)
            ? mean
            : throw new InvalidOperationException("The model returned a value that is not finite (NaN or infinity); explanations need finite outputs.");
    }
}
