using System.Collections.ObjectModel;

namespace ModelMonitoring.Configuration;

/// <summary>
/// A list of settings that ignores an item equal to one it holds. The stock configuration binder
/// (<c>Configure&lt;ModelMonitoringOptions&gt;(section)</c>) appends to lists, so binding a section twice
/// would declare every rule, silence and escalation level twice; an identical copy carries no meaning.
/// </summary>
internal sealed class DistinctCollection<T>(Func<T, T, bool> equal) : Collection<T>
{
    protected override void InsertItem(int index, T item)
    {
        foreach (var existing in this)
        {
            if (equal(existing, item))
            {
                return;
            }
        }

        base.InsertItem(index, item);
    }
}
