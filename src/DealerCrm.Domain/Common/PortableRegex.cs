namespace DealerCrm.Domain.Common;

/// <summary>
/// Regular-expression pieces that mean the same to .NET's <c>Regex</c> and to PostgreSQL's <c>~</c> (its "advanced"
/// dialect), so a rule written once in the domain can also be counted in SQL with the same pattern. The two dialects
/// differ where this avoids them: <c>\d</c>, <c>\s</c> and <c>\w</c> are Unicode-wide in .NET and follow the
/// database's locale in PostgreSQL, and .NET's <c>$</c> also matches before a final line feed. Characters are written
/// as <c>\uXXXX</c> escapes, which both read inside and outside brackets; ranges are code-point ranges in both.
/// </summary>
public static class PortableRegex
{
    /// <summary>The characters between the brackets of <see cref="WhiteSpace"/>.</summary>
    private const string WhiteSpaceCharacters =
        @"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

    /// <summary>One white-space character, exactly as <see cref="char.IsWhiteSpace(char)"/> (and so
    /// <see cref="string.Trim()"/> and <see cref="string.IsNullOrWhiteSpace"/>) has it.</summary>
    public const string WhiteSpace = "[" + WhiteSpaceCharacters + "]";

    /// <summary>One character that is not white space: a string containing one is not <see cref="string.IsNullOrWhiteSpace"/>.</summary>
    public const string NotWhiteSpace = "[^" + WhiteSpaceCharacters + "]";
}
