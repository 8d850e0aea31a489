namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// The random draws of one bootstrap replicate: SplitMix64 from the report's seed and the replicate's number, so each
/// replicate is its own stream. Replicates can then run on every core and still give the same report for the same seed
/// and data, whatever order they finish in. A draw is one multiply and a shift (Lemire's method; its bias, at most n/2⁶⁴,
/// is far below anything a 2,000-replicate interval can show). Part of the pure engines: no web, no database.
/// </summary>
public struct ResampleStream(int seed, int replicate)
{
    // The start is the (seed, replicate) pair scrambled by the same mixing function, not the pair itself: streams that
    // started a fixed step apart would be the same stream shifted by one draw, and their replicates would move together.
    private ulong _state = Mix((ulong)(uint)seed << 32 | (uint)replicate);

    /// <summary>A whole number from 0 to <paramref name="count"/> − 1.</summary>
    public int Next(int count)
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            return (int)((Mix(_state) >> 32) * (ulong)(uint)count >> 32);
        }
    }

    /// <summary>SplitMix64's output function (Steele, Lea and Flood 2014): a bijection that scatters nearby inputs.</summary>
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
