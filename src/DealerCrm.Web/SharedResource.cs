namespace DealerCrm.Web;

/// <summary>
/// Marker for the one resource file pair every visible string comes from: Resources/SharedResource.resx (English)
/// and Resources/SharedResource.zh-CN.resx (Simplified Chinese). A test fails when a key is in one and not the other.
/// </summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>
public sealed class SharedResource
#pragma warning restore CA1052
{
}
