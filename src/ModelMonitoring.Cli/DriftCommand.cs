using ModelMonitoring.Drift;

namespace ModelMonitoring.Cli;

/// <summary>Runs <c>modelmon drift</c>: reads both files, checks every selected column and prints the report.</summary>
internal static class DriftCommand
{
    /// <returns><see cref="ExitCodes.Drift"/> when the dataset drifted, else <see cref="ExitCodes.NoDrift"/>.</returns>
    /// <exception cref="UsageException">The input is bad.</exception>
    public static int Run(DriftArguments arguments, TextWriter output)
    {
        var reference = CsvTable.Load(arguments.ReferencePath);
        var current = CsvTable.Load(arguments.CurrentPath);
        var input = DriftInput.Build(reference, current, arguments);
        var options = new DatasetDriftOptions();
        if (arguments.Method is { } method)
        {
            var threshold = arguments.Threshold ?? MethodTable.DefaultThreshold(method);
            foreach (var column in input.Columns)
            {
                var numeric = input.ReferenceNumeric.ContainsKey(column);
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
            var profile = ReferenceProfile.Create(input.ReferenceNumeric, input.ReferenceCategorical);
            result = new DatasetDriftDetector(options).Detect(profile, input.CurrentNumeric, input.CurrentCategorical);
        }
        catch (InvalidOperationException e)
        {
            // The Z-test on a column without exactly two categories; the message names the column.
            throw new UsageException(e.Message, e);
        }

        // Report in the order the columns were selected, not numeric-first as the detector returns them.
        var byName = result.Features.ToDictionary(f => f.Feature, StringComparer.Ordinal);
        var features = input.Columns.Select(c => byName[c]).ToArray();
        if (arguments.Format == OutputFormat.Json)
        {
            JsonReport.Write(output, result, features);
        }
        else
        {
            TextReport.Write(output, result, features);
        }

        return result.DatasetDrifted ? ExitCodes.Drift : ExitCodes.NoDrift;
    }
}
