using System.Globalization;

namespace DealerCrm.Domain.Common;

/// <summary>
/// The 18-character resident ID number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence and a
/// check character computed with ISO 7064 MOD 11-2 (0-9 or X).
/// </summary>
public static class ResidentIdNumber
{
    public const int Length = 18;
    private const string CheckCharacters = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static string Normalize(string? input, string field = "IdNumber")
    {
        var value = (input ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
        if (value.Length != Length)
        {
            throw new DomainException("IdNumber.Length", field);
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                throw new DomainException("IdNumber.Invalid", field);
            }
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var birth) || birth.Year < 1900)
        {
            throw new DomainException("IdNumber.BirthDateInvalid", field);
        }

        if (value[^1] != CheckCharacter(value.AsSpan(0, Length - 1)))
        {
            throw new DomainException("IdNumber.CheckDigit", field);
        }

        return value;
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static DateOnly BirthDate(string normalized) =>
        DateOnly.ParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>What everyone sees: the first 3 and the last 4 characters, <c>110***********123X</c>.</summary>
    public static string Mask(string normalized) => $"{normalized[..3]}{new string('*', 11)}{normalized[^4..]}";
}
