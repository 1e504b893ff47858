namespace ModelMonitoring.Internal;

/// <summary>A growable array reused across batches: cleared, not reallocated.</summary>
internal sealed class ArrayBuilder<T>
{
    private T[] _items;

    public ArrayBuilder(int capacity) => _items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public ReadOnlyMemory<T> Memory => new(_items, 0, Count);

    public ref T this[int index] => ref _items[index];

    public void Add(in T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }
}
