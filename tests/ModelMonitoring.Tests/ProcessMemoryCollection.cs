namespace ModelMonitoring.Tests;

/// <summary>
/// Tests that measure the whole process's heap (<see cref="GC.GetTotalMemory(bool)"/>): they run on their own, after the
/// parallel ones, as another test allocating at the same moment is counted in their figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory";
}
