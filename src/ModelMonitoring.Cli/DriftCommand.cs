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
    public static int Run(DriftArguments arguments, TextWriter output, TextWriter error)
    {
        try
        {
            return Check(arguments, output, error);
        }
        catch (InvalidDataException e)
        {
            // The library's CSV reader names the file, line and column.
            throw new UsageException(e.Message, e);
        }
    }

    private static int Check(DriftArguments arguments, TextWriter output, TextWriter error)
    {
        var input = DriftInput.Build(arguments);

        // A method that does not apply fails below with the same sentence; otherwise the comparison
        // runs on categories, and the user learns which value made it so.
        foreach (var column in input.Columns)
        {
            if (input.CategoricalBecause.TryGetValue(column, out var because) && (arguments.Method is not { } method || MethodTable.AppliesTo(method, numeric: false)))
            {
                error.WriteLine($"modelmon: note: {because}; '--missing-values' lists the tokens read as missing, and '--numeric {column}' makes such a value an error.");
            }
        }

        // In the order the columns were selected, not numeric-first as the library's detector orders them.
        var features = input.Columns.Select(column => Compare(column, input, arguments)).ToArray();
        var result = new DatasetDriftResult(features, arguments.DriftShare ?? new DatasetDriftOptions().DriftShare);
        var multivariate = arguments.Multivariate ? MultivariateCheck.Run(input) : null;
        var summaries = input.Columns.Select(column => ColumnSummary.Create(column, input)).ToArray();
        if (arguments.Format == OutputFormat.Json)
        {
            JsonReport.Write(output, result, features, summaries, input, multivariate);
        }
        else
        {
            TextReport.Write(output, result, features, summaries, input, multivariate);
        }

        return result.DatasetDrifted || multivariate?.Result.Drifted == true ? ExitCodes.Drift : ExitCodes.NoDrift;
    }

    // One column through the library's detector, alone: whatever the library throws for it is
    // reported with the column's name and the method, never as a crash.
    private static FeatureDriftResult Compare(string column, DriftInput input, DriftArguments arguments)
    {
        var options = new DatasetDriftOptions();
        if (arguments.Method is { } method)
        {
            var numeric = input.CurrentNumeric.ContainsKey(column);
            if (!MethodTable.AppliesTo(method, numeric))
            {
                var kind = numeric ? "numeric" : "categorical";
                var because = input.CategoricalBecause.TryGetValue(column, out var reason) ? $"; {reason}" : string.Empty;
                throw new UsageException($"Method '{method}' does not apply to column '{column}', which is {kind}{because}.");
            }

            options.Methods[column] = new FeatureDriftMethod(method, arguments.Threshold ?? MethodTable.DefaultThreshold(method));
        }

        try
        {
            return new DatasetDriftDetector(options).Detect(input.Profiles[column], input.CurrentNumeric, input.CurrentCategorical).Features[0];
        }
        catch (Exception e)
        {
            throw new UsageException($"Column '{column}' cannot be compared with '{arguments.Method ?? MethodTable.Auto}': {ColumnFailure.Reason(e)}", e);
        }
    }
}
