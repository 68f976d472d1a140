using System.Text.RegularExpressions;

namespace DealerCrm.Domain.Common;

public static partial class Postcode
{
    public static string? NormalizeOptional(string? input, string field)
    {
        var value = input?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return SixDigits().IsMatch(value) ? value : throw new DomainException("Postcode.Invalid", field);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}

public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public static string? NormalizeOptional(string? input, string field)
    {
        var value = input?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length <= MaxLength && Shape().IsMatch(value)
            ? value
            : throw new DomainException("Email.Invalid", field);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex Shape();
}

public static class Text
{
    /// <summary>An optional free-text field: trimmed, empty becomes null, length and control characters checked.</summary>
    public static string? Optional(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException("Validation.MaxLength", field, maxLength);
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            throw new DomainException("Validation.ControlCharacters", field);
        }

        return trimmed;
    }

    public static string Required(string? value, int maxLength, string field, string requiredKey = "Validation.RequiredField") =>
        Optional(value, maxLength, field) ?? throw new DomainException(requiredKey, field);
}
