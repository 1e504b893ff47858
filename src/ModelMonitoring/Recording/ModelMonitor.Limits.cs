using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace ModelMonitoring.Recording;

// The caps of RecordingLimits, checked only where strings or collections are recorded: the slow
// prediction path (the fast path takes only class labels its shard already holds, each checked by the
// slow path when it was added), ground truth, metrics and health checks. A metric's metadata and a
// health check's issues are copied here, before a slot is claimed, so that nothing the caller can still
// change reaches the worker and no exception from the caller's collection escapes.
internal sealed partial class ModelMonitor
{
    /// <summary>Gets the caps the records are checked against. The default value is the defaults of <see cref="RecordingLimits"/>.</summary>
    internal RecordingLimits Limits { get; init; } = new();

    /// <summary>Checks the strings a prediction may carry against <see cref="RecordingLimits.MaxLabelLength"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WithinLimits(in Prediction prediction, OptionalFields optional)
    {
        var max = Limits.MaxLabelLength;
        if (prediction.PredictedClass?.Length > max
            || ((optional & OptionalFields.ErrorKind) != 0 && prediction.ErrorKind?.Length > max)
            || ((optional & OptionalFields.Segment) != 0 && prediction.Segment?.Length > max))
        {
            return false;
        }

        if ((optional & OptionalFields.CategoricalFeatures) != 0)
        {
            foreach (var value in prediction.CategoricalFeatures)
            {
                if (value?.Length > max)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Checks that the strings a prediction carries can be stored as they are (<see cref="StorableText"/>); called after <see cref="WithinLimits"/>, so each is at most the label cap long.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool HasStorableText(in Prediction prediction, OptionalFields optional)
    {
        if (!StorableText.IsStorableOrNull(prediction.PredictedClass)
            || ((optional & OptionalFields.ErrorKind) != 0 && !StorableText.IsStorableOrNull(prediction.ErrorKind))
            || ((optional & OptionalFields.Segment) != 0 && !StorableText.IsStorableOrNull(prediction.Segment)))
        {
            return false;
        }

        if ((optional & OptionalFields.CategoricalFeatures) != 0)
        {
            foreach (var value in prediction.CategoricalFeatures)
            {
                if (!StorableText.IsStorableOrNull(value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Copies metadata within the caps; otherwise returns the reason to reject the metric (null keys or values are invalid).</summary>
    private DropReason? TrySnapshot(IReadOnlyDictionary<string, string>? metadata, out IReadOnlyDictionary<string, string>? snapshot)
    {
        snapshot = null;
        if (metadata is null)
        {
            return null;
        }

        try
        {
            var max = Limits.MaxMetadataEntries;
            var count = metadata.Count;
            if (count > max)
            {
                return DropReason.LimitExceeded;
            }

            // The count can change while the entries are read (a concurrent dictionary, which may then also
            // show a key twice): the copy follows what is read, within the cap, one entry per key.
            var entries = new KeyValuePair<string, string>[count];
            var copied = 0;
            foreach (var (key, value) in metadata)
            {
                if (key is null || value is null)
                {
                    return DropReason.InvalidValue;
                }

                if (key.Length > Limits.MaxLabelLength || value.Length > Limits.MaxTextLength)
                {
                    return DropReason.LimitExceeded;
                }

                if (!StorableText.IsStorable(key) || !StorableText.IsStorable(value))
                {
                    return DropReason.InvalidValue;
                }

                if (IndexOf(entries.AsSpan(0, copied), key) is var index and >= 0)
                {
                    entries[index] = new(key, value);
                    continue;
                }

                if (copied == max)
                {
                    return DropReason.LimitExceeded;
                }

                if (copied == entries.Length)
                {
                    Array.Resize(ref entries, Math.Min(max, (copied * 2) + 1));
                }

                entries[copied++] = new(key, value);
            }

            snapshot = new MetadataSnapshot(copied == entries.Length ? entries : entries[..copied]);
            return null;
        }
        catch (Exception)
        {
            // The caller's collection failed or was changed while it was read (its own race): the record
            // is refused rather than stored torn, and nothing escapes into the caller.
            return DropReason.InvalidValue;
        }
    }

    private static int IndexOf(ReadOnlySpan<KeyValuePair<string, string>> entries, string key)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Copies health-check issues within the caps; otherwise returns the reason to reject the check (null issues are invalid).</summary>
    private DropReason? TrySnapshot(IReadOnlyList<string>? issues, out IReadOnlyList<string>? snapshot)
    {
        snapshot = null;
        if (issues is null)
        {
            return null;
        }

        try
        {
            var count = issues.Count;
            if (count > Limits.MaxHealthCheckIssues)
            {
                return DropReason.LimitExceeded;
            }

            var copy = new string[count];
            for (var i = 0; i < copy.Length; i++)
            {
                var issue = issues[i];
                if (issue is null)
                {
                    return DropReason.InvalidValue;
                }

                if (issue.Length > Limits.MaxTextLength)
                {
                    return DropReason.LimitExceeded;
                }

                if (!StorableText.IsStorable(issue))
                {
                    return DropReason.InvalidValue;
                }

                copy[i] = issue;
            }

            snapshot = new ReadOnlyCollection<string>(copy);
            return null;
        }
        catch (Exception)
        {
            return DropReason.InvalidValue;
        }
    }

    /// <summary>Counts a record refused before claiming a slot, as <see cref="DropReason.Disposed"/> once stopped, and returns <see langword="false"/>.</summary>
    private bool Refuse(DropReason reason)
    {
        Drops.Increment(_state.IsStopped ? DropReason.Disposed : reason);
        return false;
    }
}
