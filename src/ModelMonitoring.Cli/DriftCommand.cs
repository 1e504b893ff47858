using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Runs <c>modelmon drift</c>: reads both files, checks every selected column and prints the report.</summary>
internal static class DriftCommand
{
    /// <returns>
    /// <see cref="ExitCodes.Drift"/> when the dataset drifted (or, with <c>--multivariate</c>, the
    /// multivariate check did), else <see cref="ExitCodes.NoDrift"/>.
    /// </returns>
    /// <exception cref="UsageException">The input is bad.</exception>
    public static int Run(DriftArguments arguments, TextWriter output)
    {
        try
        {
            return Check(arguments, output);
        }
        catch (InvalidDataException e)
        {
            // The library's CSV reader names the file, line and column.
            throw new UsageException(e.Message, e);
        }
    }

    private static int Check(DriftArguments arguments, TextWriter output)
    {
        var reference = InputFile.Load(arguments.ReferencePath);
        var current = InputFile.Load(arguments.CurrentPath);
        var input = DriftInput.Build(reference, current, arguments);
        var options = new DatasetDriftOptions();
        if (arguments.DriftShare is { } share)
        {
            options.DriftShare = share;
        }

        if (arguments.Method is { } method)
        {
            var threshold = arguments.Threshold ?? MethodTable.DefaultThreshold(method);
            foreach (var column in input.Columns)
            {
                var numeric = input.CurrentNumeric.ContainsKey(column);
                if (!MethodTable.AppliesTo(method, numeric))
                {
                    var kind = numeric ? "numeric" : "categorical";
                    throw new UsageException($"Method '{method}' does not apply to column '{column}', which is {kind}.");
                }

                options.Methods[column] = new FeatureDriftMethod(method, threshold);
            }
        }

        DatasetDriftResult result;
        try
        {
            result = new DatasetDriftDetector(options).Detect(input.Reference, input.CurrentNumeric, input.CurrentCategorical);
        }
        catch (InvalidOperationException e)
        {
            // The Z-test on a column without exactly two categories; the message names the column.
            throw new UsageException(e.Message, e);
        }

        var multivariate = arguments.Multivariate ? MultivariateCheck.Run(reference, current, input) : null;

        // Report in the order the columns were selected, not numeric-first as the detector returns them.
        var byName = result.Features.ToDictionary(f => f.Feature, StringComparer.Ordinal);
        var features = input.Columns.Select(c => byName[c]).ToArray();
        if (arguments.Format == OutputFormat.Json)
        {
            JsonReport.Write(output, result, features, multivariate);
        }
        else
        {
            TextReport.Write(output, result, features, multivariate);
        }

        return result.DatasetDrifted || multivariate?.Result.Drifted == true ? ExitCodes.Drift : ExitCodes.NoDrift;
    }
}
