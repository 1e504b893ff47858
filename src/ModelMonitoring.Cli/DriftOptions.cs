using System.CommandLine;

namespace ModelMonitoring.Cli;

/// <summary>
/// The options of <c>modelmon drift</c> as System.CommandLine symbols: their help, completions and
/// arity. Values stay strings so that <see cref="DriftArguments.From"/> checks them with messages
/// that name the option and what it allows.
/// </summary>
internal sealed class DriftOptions
{
    public Option<string> Reference { get; } = new("--reference")
    {
        Description = "Reference data set, CSV with a header row.",
        HelpName = "path",
        Required = true,
    };

    public Option<string> Current { get; } = new("--current")
    {
        Description = "Current data set, CSV with a header row.",
        HelpName = "path",
        Required = true,
    };

    public Option<string> Method { get; } = new("--method")
    {
        // The list comes from the method table, so that help, completion and validation cannot disagree.
        Description = $"Drift method applied to every selected column: {MethodTable.Auto} (default; chosen per column by the library), "
            + $"or one of {string.Join(", ", MethodTable.All)}.",
        HelpName = "name",
    };

    public Option<string> Columns { get; } = new("--columns")
    {
        Description = "Columns to compare, comma-separated. Default: every named column of the reference.",
        HelpName = "a,b",
    };

    public Option<string> Categorical { get; } = new("--categorical")
    {
        Description = "Columns to treat as categorical even if they look numeric.",
        HelpName = "a,b",
    };

    public Option<string> Numeric { get; } = new("--numeric")
    {
        Description = "Columns that must be numeric: a value that is not a number is an error (exit 2) instead of making the column categorical.",
        HelpName = "a,b",
    };

    public Option<string> Threshold { get; } = new("--threshold")
    {
        Description = "Threshold of the named method (requires --method other than auto): a p-value in (0, 1) for tests (default 0.05), a positive distance otherwise (default 0.1).",
        HelpName = "x",
    };

    public Option<string> DriftShare { get; } = new("--drift-share")
    {
        Description = "Share of drifted columns, in (0, 1], at which the data set has drifted. Default: 0.5.",
        HelpName = "x",
    };

    public Option<bool> Multivariate { get; } = new("--multivariate")
    {
        Description = "Also check the numeric columns together: PCA of the standardised reference, a KS test per kept component "
            + "(Bonferroni-corrected p < 0.05) and the reconstruction error against its range over reference chunks (mean +- 3 sd). "
            + "Needs a value in every row.",
        Arity = ArgumentArity.Zero,
    };

    public Option<string> Format { get; } = new("--format")
    {
        Description = "Output format: text (default) or json.",
        HelpName = "text|json",
    };

    public Option<string> Delimiter { get; } = new("--delimiter")
    {
        Description = "Field separator of both CSV files: one character, or 'tab'. Default: ','.",
        HelpName = "char",
    };

    public Option<string> MissingValues { get; } = new("--missing-values")
    {
        Description = "Comma-separated field values read as missing rather than as a value, besides an empty field (always missing). Default: NA, N/A, NaN and null.",
        HelpName = "tokens",
    };

    /// <summary>Gets the options that take a value, which is a string until <see cref="DriftArguments.From"/> checks it.</summary>
    public Option<string>[] ValueOptions => [Reference, Current, Method, Columns, Categorical, Numeric, Threshold, DriftShare, Format, Delimiter, MissingValues];

    /// <summary>Builds the <c>drift</c> command with these options, completions for the closed sets, and <paramref name="action"/>.</summary>
    public Command Command(Func<ParseResult, int> action)
    {
        Method.CompletionSources.Add([MethodTable.Auto, .. MethodTable.All]);
        Format.CompletionSources.Add("text", "json");
        foreach (var option in ValueOptions)
        {
            // System.CommandLine lets a value option take the next token even when it is an option
            // ('--columns --format json'); no column, path or number starts with '--', so it is a forgotten value.
            option.Validators.Add(result =>
            {
                if (result.Tokens is [{ Value: var value }] && value.StartsWith("--", StringComparison.Ordinal))
                {
                    result.AddError($"Option '{option.Name}' needs a value.");
                }
            });
        }

        var command = new Command("drift", "Compares the columns of a current CSV file with those of a reference CSV file.")
        {
            Reference, Current, Method, Columns, Categorical, Numeric, Threshold, DriftShare, Multivariate, Format, Delimiter, MissingValues,
        };
        command.SetAction(action);
        return command;
    }
}
