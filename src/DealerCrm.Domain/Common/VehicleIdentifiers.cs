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

        return Shape().IsMatch(value) ? value : throw new DomainException("Vin.Invalid", field);
    }

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
