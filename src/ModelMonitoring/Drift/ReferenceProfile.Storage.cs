namespace ModelMonitoring.Drift;

/// <content>The stored form of a profile, for storage providers (<see cref="Storage.IReferenceProfileStore"/>).</content>
public sealed partial class ReferenceProfile
{
    /// <summary>
    /// Writes the profile in a compact, versioned binary form that <see cref="FromBytes"/> reads back
    /// exactly: every statistic, sorted value, histogram edge and count, with nothing recomputed.
    /// </summary>
    /// <returns>The bytes; a storage provider keeps them as an opaque blob.</returns>
    public byte[] ToBytes() => ReferenceProfileCodec.Serialize(this);

    /// <summary>Reads a profile written by <see cref="ToBytes"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The data is not a stored profile, has an unknown format version, or is damaged.</exception>
    public static ReferenceProfile FromBytes(byte[] data) => ReferenceProfileCodec.Deserialize(data);
}
