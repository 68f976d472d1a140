using System.Globalization;

namespace DealerCrm.Bench;

/// <summary>Command-line options: <c>--name value</c>, repeatable; <c>--flag</c> alone means "true".</summary>
public sealed class Args
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    Add(name, "true");
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                Add(name, arg);
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }
        }

        if (name is not null)
        {
            Add(name, "true");
        }
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Get(string name) => All(name) is { Count: > 0 } list ? list[^1] : null;

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");

    public int Number(string name, int fallback) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => Get(name) is "true";

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) =>
        Get(name) is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray()
            : fallback;
}
