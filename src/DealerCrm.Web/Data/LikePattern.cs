namespace DealerCrm.Web.Data;

/// <summary>LIKE/ILIKE patterns from what a user typed: the wildcards they typed are matched as themselves.</summary>
public static class LikePattern
{
    /// <summary>A pattern matching any text that contains <paramref name="text"/> (escape character '\').</summary>
    public static string Containing(string text) => $"%{Escape(text)}%";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
