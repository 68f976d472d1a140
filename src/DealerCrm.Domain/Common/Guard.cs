namespace DealerCrm.Domain.Common;

internal static class Guard
{
    public static string RequiredText(string? value, int maxLength, string field, string requiredKey, string tooLongKey)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(requiredKey, field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException(tooLongKey, field, maxLength);
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new DomainException("Validation.ControlCharacters", field);
        }

        return trimmed;
    }
}
