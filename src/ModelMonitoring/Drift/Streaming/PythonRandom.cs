using System.Runtime.CompilerServices;

namespace ModelMonitoring.Drift.Streaming;

/// <summary>
/// Python's <c>random.Random</c> as far as KSWIN needs it: the Mersenne Twister MT19937 seeded
/// from an integer as CPython seeds it (<c>init_by_array</c> over the seed's 32-bit words), and
/// <c>Random.sample(range(n), k)</c> drawn with CPython's algorithm, so that a seeded KSWIN draws
/// the same comparison samples as River's. Allocates nothing after construction.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private readonly int[] _pool;
    private readonly bool[] _selected;
    private int _index;
    private int _setSizeOf = -1;
    private int _setSize;

    /// <param name="maxPopulation">The largest population <see cref="Sample"/> will be asked to draw from.</param>
    public PythonRandom(int maxPopulation)
    {
        _pool = new int[maxPopulation];
        _selected = new bool[maxPopulation];
    }

    /// <summary>Seeds the generator as <c>random.Random(seed)</c> does (the seed's absolute value is used).</summary>
    public void Seed(long seed)
    {
        var magnitude = (ulong)Math.Abs(seed);
        Span<uint> key = stackalloc uint[2];
        key[0] = (uint)magnitude;
        key[1] = (uint)(magnitude >> 32);
        InitByArray(key[..(key[1] == 0 ? 1 : 2)]);
    }

    /// <summary>
    /// Fills <paramref name="result"/> with <c>result.Length</c> distinct integers from [0, population)
    /// in selection order, as <c>random.sample(range(population), k)</c> returns them.
    /// </summary>
    public void Sample(int population, Span<int> result)
    {
        var k = result.Length;
        var setSize = SetSize(k);

        if (population <= setSize)
        {
            // Partial Fisher-Yates over a pool of the population.
            for (var i = 0; i < population; i++)
            {
                _pool[i] = i;
            }

            for (var i = 0; i < k; i++)
            {
                var j = Below(population - i);
                result[i] = _pool[j];
                _pool[j] = _pool[population - i - 1];
            }

            return;
        }

        // Rejection of repeats; CPython tracks them in a set, a flag per value does the same here.
        for (var i = 0; i < k; i++)
        {
            var j = Below(population);
            while (_selected[j])
            {
                j = Below(population);
            }

            _selected[j] = true;
            result[i] = j;
        }

        foreach (var j in result)
        {
            _selected[j] = false;
        }
    }

    // CPython's bound between the pool and the set algorithms, for k draws; KSWIN always asks for the same k.
    private int SetSize(int k)
    {
        if (k != _setSizeOf)
        {
            _setSize = 21 + (k > 5 ? (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4))) : 0);
            _setSizeOf = k;
        }

        return _setSize;
    }

    /// <summary><c>_randbelow_with_getrandbits</c>: rejection sampling on the fewest bits that hold n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Below(int n)
    {
        var bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        var r = NextUInt32() >> (32 - bits);
        while (r >= (uint)n)
        {
            r = NextUInt32() >> (32 - bits);
        }

        return (int)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint NextUInt32()
    {
        var index = _index;
        if (index >= N)
        {
            Twist();
            index = 0;
        }

        var y = _state[index];
        _index = index + 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void InitGenrand(uint seed)
    {
        _state[0] = seed;
        for (uint i = 1; i < N; i++)
        {
            _state[i] = (1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + i;
        }

        _index = N;
    }

    private void InitByArray(ReadOnlySpan<uint> key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (var k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000u;
    }

    // The recurrence of MT19937 in its three runs, so that no index wraps inside a loop, and with the matrix applied by
    // a mask rather than a branch on the low bit, which is random and so mispredicted half the time.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Twist()
    {
        var state = _state.AsSpan();
        int k;
        for (k = 0; k < N - M; k++)
        {
            state[k] = Mix(state[k], state[k + 1], state[k + M]);
        }

        for (; k < N - 1; k++)
        {
            state[k] = Mix(state[k], state[k + 1], state[k + M - N]);
        }

        state[N - 1] = Mix(state[N - 1], state[0], state[M - 1]);
        _index = 0;
    }

    private static uint Mix(uint current, uint next, uint ahead)
    {
        var y = (current & 0x80000000u) | (next & 0x7fffffffu);
        return ahead ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
    }
}
