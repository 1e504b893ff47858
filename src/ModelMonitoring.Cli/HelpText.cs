namespace ModelMonitoring.Cli;

/// <summary>The text printed by <c>modelmon --help</c>.</summary>
internal static class HelpText
{
    public const string Usage = """
        Usage: modelmon drift --reference <file.csv> --current <file.csv> [options]
               modelmon --help | --version

        Compares the columns of a current CSV file with those of a reference CSV file.

        Options:
          --reference <path>     Reference data set, CSV with a header row (required).
          --current <path>       Current data set, CSV with a header row (required).
          --method <name>        auto (default), ks, mannwhitney, ttest, ztest, chisquare,
                                 andersondarling, cramervonmises, energy, wasserstein, psi,
                                 jensenshannon, kl, hellinger. A named method applies to every
                                 selected column.
          --columns <a,b>        Columns to compare. Default: every named column of the reference.
          --categorical <a,b>    Columns to treat as categorical even if they look numeric.
          --numeric <a,b>        Columns that must be numeric: a value that is not a number is an
                                 error (exit 2) instead of making the column categorical.
          --threshold <x>        Threshold of the named method (requires --method other than auto):
                                 a p-value in (0, 1) for tests, a positive distance otherwise.
          --drift-share <x>      Share of drifted columns, in (0, 1], at which the data set has
                                 drifted. Default: 0.5.
          --multivariate         Also check the numeric columns together: PCA of the standardised
                                 reference, a KS test per kept component (Bonferroni-corrected
                                 p < 0.05) and the reconstruction error against its range over
                                 reference chunks (mean +- 3 sd). Needs a value in every row.
          --delimiter <c>        Field separator of both files: one character, or 'tab'. Default: ','.
          --missing-values <a,b> Tokens read as a missing value besides an empty field, instead
                                 of the default NA, N/A, NaN, null.
          --format <text|json>   Output format. Default: text.
          -h, --help             Print this help (exit 0).

        Exit codes: 0 no drift, 1 drift detected (by the columns' share or, with --multivariate,
        by the multivariate check), 2 bad usage or input, or a column that cannot be compared (the
        message names the column and the reason).

        """;
}
