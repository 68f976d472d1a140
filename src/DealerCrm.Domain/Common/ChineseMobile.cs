using System.Text;

namespace DealerCrm.Domain.Common;

/// <summary>
/// Mainland China mobile numbers: 1[3-9] and nine more digits. Spaces, dashes, dots, brackets and a +86 / 0086 / 86
/// prefix are stripped, so "+86 138-0013-8000" is stored as "13800138000".
/// </summary>
public static class ChineseMobile
{
    public const int Length = 11;

    public static string Normalize(string? input, string field = "Mobile")
    {
        var raw = input?.Trim() ?? string.Empty;
        if (raw.Length == 0)
        {
            throw new DomainException("Mobile.Required", field);
        }

        // A '+' is only a country prefix, and only China's (+86) is a mobile number here.
        if (raw.IndexOf('+', 1) >= 0 || (raw[0] == '+' && !raw[1..].TrimStart().StartsWith("86", StringComparison.Ordinal)))
        {
            throw new DomainException("Mobile.Invalid", field);
        }

        var digits = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '+' or '\u3000'))
            {
                throw new DomainException("Mobile.Invalid", field);
            }
        }

        var number = digits.ToString();
        if (number.Length == 0)
        {
            throw new DomainException("Mobile.Required", field);
        }

        if (number.StartsWith("0086", StringComparison.Ordinal))
        {
            number = number[4..];
        }
        else if (number.Length == 13 && number.StartsWith("86", StringComparison.Ordinal))
        {
            number = number[2..];
        }

        if (number.Length < Length)
        {
            throw new DomainException("Mobile.TooShort", field);
        }

        if (number.Length > Length)
        {
            throw new DomainException("Mobile.TooLong", field);
        }

        if (number[0] != '1' || number[1] < '3')
        {
            throw new DomainException("Mobile.Invalid", field);
        }

        return number;
    }

    /// <summary>For lists and logs: 138****8000.</summary>
    public static string Mask(string mobile) =>
        mobile.Length == Length ? $"{mobile[..3]}****{mobile[7..]}" : "***";
}
