using System.Text.RegularExpressions;

namespace DealerCrm.Domain.Common;

/// <summary>Vehicle identification number: 17 characters, letters and digits without I, O and Q (ISO 3779).</summary>
public static partial class Vin
{
    public static string Normalize(string? input, string field = "Vin")
    {
        var value = (input ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (value.Length != 17)
        {
            throw new DomainException("Vin.Length", field);
        }

        if (value.IndexOfAny(['I', 'O', 'Q']) >= 0)
        {
            throw new DomainException("Vin.ForbiddenLetters", field);
        }

        if (!Shape().IsMatch(value))
        {
            throw new DomainException("Vin.Invalid", field);
        }

        // GB 16735 makes the 9th character a check digit for every car sold in China (as in North America): a
        // mistyped VIN is caught at the desk, not after the car has a second file.
        return value[8] == CheckDigit(value) ? value : throw new DomainException("Vin.CheckDigit", field);
    }

    /// <summary>
    /// The shape only (17 characters, no I, O, Q), for search boxes: a car already on file is found by what is
    /// stored, even from before the check digit was enforced.
    /// </summary>
    public static string? TryNormalizeShape(string? input)
    {
        var value = (input ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return value.Length == 17 && Shape().IsMatch(value) ? value : null;
    }

    /// <summary>The check digit (0–9 or X) of a 17-character VIN, computed over all characters but the 9th.</summary>
    public static char CheckDigit(string vin)
    {
        ArgumentNullException.ThrowIfNull(vin);
        ReadOnlySpan<int> weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Transliterate(vin[i]) * weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    /// <summary>A valid VIN made from any 17 allowed characters by writing the right check digit (demo and test data).</summary>
    public static string WithCheckDigit(string vin)
    {
        ArgumentNullException.ThrowIfNull(vin);
        var chars = vin.ToUpperInvariant().ToCharArray();
        chars[8] = CheckDigit(new string(chars));
        return new string(chars);
    }

    private static int Transliterate(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => 0,
    };

    [GeneratedRegex("^[A-HJ-NPR-Z0-9]{17}$")]
    private static partial Regex Shape();
}

/// <summary>
/// Mainland plate numbers: the province's character, a letter, then 5 characters (6 for new-energy plates), e.g.
/// 沪A12345 or 粤BD12345.
/// </summary>
public static partial class PlateNumber
{
    public static string? NormalizeOptional(string? input, string field = "Plate")
    {
        var value = input?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("·", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return Shape().IsMatch(value) ? value : throw new DomainException("Plate.Invalid", field);
    }

    [GeneratedRegex("^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]$|^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{6}$")]
    private static partial Regex Shape();
}
