using System.Text.RegularExpressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Common;

public sealed class The_portable_white_space_class
{
    private static readonly List<char> EveryCharacter = Enumerable.Range(0, 0x10000).Select(i => (char)i).ToList();

    [Fact]
    public void Is_exactly_what_char_IsWhiteSpace_and_the_regex_s_escape_call_white_space()
    {
        var whiteSpace = new Regex("^" + PortableRegex.WhiteSpace + "$");
        var dotnet = new Regex(@"^\s$");

        EveryCharacter.Where(c => whiteSpace.IsMatch(c.ToString()) != char.IsWhiteSpace(c)).Should().BeEmpty();
        EveryCharacter.Where(c => whiteSpace.IsMatch(c.ToString()) != dotnet.IsMatch(c.ToString())).Should().BeEmpty();
    }

    [Fact]
    public void Its_complement_is_found_in_a_string_exactly_when_the_string_is_not_null_or_white_space()
    {
        var notWhiteSpace = new Regex(PortableRegex.NotWhiteSpace);

        EveryCharacter.Where(c => notWhiteSpace.IsMatch(c.ToString()) == char.IsWhiteSpace(c)).Should().BeEmpty();
        foreach (var value in new[] { "", " ", "\u3000\t\r\n", "\u00A0\u2028", " a ", "\u200B", "\u3000有" })
        {
            notWhiteSpace.IsMatch(value).Should().Be(!string.IsNullOrWhiteSpace(value), value);
        }
    }
}
