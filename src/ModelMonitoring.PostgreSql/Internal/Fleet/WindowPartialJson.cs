using System.Text.Json;
using ModelMonitoring.Fleet;

namespace ModelMonitoring.PostgreSql.Internal.Fleet;

/// <summary>The <c>jsonb</c> columns of a window partial: bucket index to count, class to count, the custom metric summaries and the features' data-quality counts.</summary>
internal static class WindowPartialJson
{
    public static string Buckets(IReadOnlyDictionary<int, long> buckets) => JsonSerializer.Serialize(buckets);

    public static string Classes(IReadOnlyDictionary<string, long> classes) => JsonSerializer.Serialize(classes);

    public static string Custom(IReadOnlyList<CustomMetricPartial> metrics) => JsonSerializer.Serialize(metrics);

    public static string Quality(IReadOnlyList<FeatureQualityPartial> quality) => JsonSerializer.Serialize(quality);

    public static List<FeatureQualityPartial> ReadQuality(string json) => JsonSerializer.Deserialize<List<FeatureQualityPartial>>(json) ?? [];

    public static Dictionary<int, long> ReadBuckets(string json) => JsonSerializer.Deserialize<Dictionary<int, long>>(json) ?? [];

    public static Dictionary<string, long> ReadClasses(string json) => JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];

    public static List<CustomMetricPartial> ReadCustom(string json) => JsonSerializer.Deserialize<List<CustomMetricPartial>>(json) ?? [];
}
