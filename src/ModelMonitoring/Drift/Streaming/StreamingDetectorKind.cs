namespace ModelMonitoring.Drift.Streaming;

/// <summary>The built-in streaming drift detectors a model can watch its per-label errors with (see <see cref="StreamingDriftDetectors"/>).</summary>
public enum StreamingDetectorKind
{
    /// <summary>DDM, with <see cref="StreamingDriftDetectors.Ddm"/>'s defaults; reads 0/1 errors only.</summary>
    Ddm = 0,

    /// <summary>EDDM, with <see cref="StreamingDriftDetectors.Eddm"/>'s defaults; reads 0/1 errors only.</summary>
    Eddm = 1,

    /// <summary>HDDM_A, with <see cref="StreamingDriftDetectors.HddmA"/>'s defaults; reads values in [0, 1], so 0/1 errors only.</summary>
    HddmA = 2,

    /// <summary>ADWIN, with <see cref="StreamingDriftDetectors.Adwin"/>'s defaults; reads any stream.</summary>
    Adwin = 3,

    /// <summary>Page-Hinkley, with <see cref="StreamingDriftDetectors.PageHinkley"/>'s defaults; reads any stream.</summary>
    PageHinkley = 4,

    /// <summary>KSWIN, with <see cref="StreamingDriftDetectors.Kswin"/>'s defaults (seed 42); reads any stream.</summary>
    Kswin = 5,
}
