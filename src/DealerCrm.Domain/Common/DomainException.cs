namespace DealerCrm.Domain.Common;

/// <summary>
/// A business rule said no. <see cref="MessageKey"/> is a localization key (the web layer translates it,
/// with <see cref="Arguments"/>), and <see cref="Field"/> names the input the message belongs beside.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string messageKey, string? field = null, params object[] arguments)
        : base(messageKey)
    {
        MessageKey = messageKey;
        Field = field;
        Arguments = arguments;
    }

    public DomainException()
        : this("Error.Generic")
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageKey = message;
        Arguments = [];
    }

    public string MessageKey { get; }

    public string? Field { get; }

    public IReadOnlyList<object> Arguments { get; }
}
