using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Web.Infrastructure.Import;

/// <summary>One data row of the file as a kind's check sees it: its cells by column name, its line, and the way to
/// refuse it (line, column, message key and argument, shown to the user in their language).</summary>
public sealed class ImportRow
{
    private readonly IReadOnlyDictionary<string, int> _map;
    private readonly LeadImport _import;
    private string[] _record = [];

    internal ImportRow(IReadOnlyDictionary<string, int> map, LeadImport import)
    {
        _map = map;
        _import = import;
    }

    public int Line { get; private set; }

    internal void Set(int line, string[]? record)
    {
        Line = line;
        _record = record ?? [];
    }

    /// <summary>The cell, trimmed; null when the column is absent or the cell empty.</summary>
    public string? this[string column] =>
        _map.TryGetValue(column, out var i) && i < _record.Length && _record[i] is { } value
            && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The cell as written (for the entity's own checks, which trim and report themselves).</summary>
    public string? Raw(string column) =>
        _map.TryGetValue(column, out var i) && i < _record.Length ? _record[i] : null;

    public bool Has(string column) => _map.ContainsKey(column);

    public void Refuse(string? column, string messageKey, object? argument = null) =>
        _import.Refuse(Line, column, messageKey, argument);

    /// <summary>Refuses with the entity's message; the field it names is mapped to the kind's column.</summary>
    public void Refuse(DomainException exception, Func<string?, string?>? columnOf = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _import.Refuse(Line, columnOf is null ? exception.Field : columnOf(exception.Field), exception.MessageKey,
            exception.Arguments);
    }
}
