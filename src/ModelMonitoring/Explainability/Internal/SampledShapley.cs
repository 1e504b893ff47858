namespace ModelMonitoring.Explainability;

/// <summary>
/// Kernel SHAP with sampled coalitions: sizes drawn with the Shapley kernel's mass (M-1)/(s(M-s)), members uniformly
/// for that size, each coalition with its complement. With coalitions drawn in proportion to the kernel weight, the
/// weighted least-squares fit of v(S) - v(empty) = sum over S of phi_i has unit weights; the efficiency constraint
/// sum phi = f(x) - v(empty) is imposed exactly by eliminating the last feature, so additivity holds to rounding.
/// </summary>
/// <remarks>
/// The coalitions are drawn once from the seed, so the normal matrix, which depends on them alone, is built once too;
/// an explanation only evaluates the coalitions, forms the right-hand side and solves.
/// </remarks>
internal sealed class SampledShapley
{
    private readonly int _featureCount;
    private readonly int _count;
    private readonly double[] _normal;
    private readonly double[] _normalScratch;
    private readonly double[] _rightHandSide;

    public SampledShapley(int featureCount, int sampledCoalitions, int seed)
    {
        _featureCount = featureCount;
        _count = sampledCoalitions + (sampledCoalitions & 1);
        Coalitions = Draw(featureCount, _count, seed);
        var unknowns = featureCount - 1;
        _normal = new double[unknowns * unknowns];
        _normalScratch = new double[unknowns * unknowns];
        _rightHandSide = new double[unknowns];
        BuildNormalMatrix();
    }

    public int Count => _count;

    public byte[] Coalitions { get; }

    /// <summary>Fits the attributions from the coalition values, the base value v(empty) and the prediction f(x).</summary>
    public void Attribute(ReadOnlySpan<double> values, double baseValue, double prediction, Span<double> attributions)
    {
        var unknowns = _featureCount - 1;
        var total = prediction - baseValue;
        var rhs = _rightHandSide.AsSpan();
        rhs.Clear();
        for (var k = 0; k < _count; k++)
        {
            var z = Coalitions.AsSpan(k * _featureCount, _featureCount);
            var last = z[unknowns];
            var y = values[k] - baseValue - (last * total);
            for (var i = 0; i < unknowns; i++)
            {
                rhs[i] += (z[i] - last) * y;
            }
        }

        _normal.CopyTo(_normalScratch, 0);
        LinearSolver.Solve(_normalScratch, rhs, unknowns);
        var sum = 0.0;
        for (var i = 0; i < unknowns; i++)
        {
            attributions[i] = rhs[i];
            sum += rhs[i];
        }

        attributions[unknowns] = total - sum;
    }

    private void BuildNormalMatrix()
    {
        var unknowns = _featureCount - 1;
        for (var k = 0; k < _count; k++)
        {
            var z = Coalitions.AsSpan(k * _featureCount, _featureCount);
            var last = z[unknowns];
            for (var i = 0; i < unknowns; i++)
            {
                var di = z[i] - last;
                if (di == 0)
                {
                    continue;
                }

                for (var j = 0; j < unknowns; j++)
                {
                    _normal[(i * unknowns) + j] += di * (z[j] - last);
                }
            }
        }
    }

    private static byte[] Draw(int featureCount, int count, int seed)
    {
        var cumulative = new double[featureCount - 1];
        var total = 0.0;
        for (var s = 1; s < featureCount; s++)
        {
            total += (featureCount - 1.0) / (s * (double)(featureCount - s));
            cumulative[s - 1] = total;
        }

        var random = new SplitMix64(seed);
        var order = new int[featureCount];
        var coalitions = new byte[count * featureCount];
        for (var k = 0; k < count; k += 2)
        {
            var u = random.NextDouble() * total;
            var size = 1;
            while (size < featureCount - 1 && cumulative[size - 1] <= u)
            {
                size++;
            }

            for (var j = 0; j < featureCount; j++)
            {
                order[j] = j;
            }

            var row = coalitions.AsSpan(k * featureCount, featureCount);
            var complement = coalitions.AsSpan((k + 1) * featureCount, featureCount);
            complement.Fill(1);
            for (var m = 0; m < size; m++)
            {
                var pick = m + random.NextInt(featureCount - m);
                (order[m], order[pick]) = (order[pick], order[m]);
                row[order[m]] = 1;
                complement[order[m]] = 0;
            }
        }

        return coalitions;
    }
}
