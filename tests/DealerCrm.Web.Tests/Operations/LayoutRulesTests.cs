using System.Text.RegularExpressions;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// Where things live and how authorization is declared (ENGINEERING.md, "Learned from the first chapters"), checked on
/// the source so a new page or service cannot quietly break them.
/// </summary>
public sealed partial class LayoutRulesTests
{
    private static readonly string Web = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "DealerCrm.Web"));

    [Fact]
    public void Pages_declare_authorization_by_policy_and_operation_never_by_raw_roles()
    {
        var offenders = Lines(Path.Combine(Web, "Pages"), "*.cs")
            .Where(x => RawRoleCheck().IsMatch(x.Text))
            .Select(x => x.Where)
            .ToList();

        offenders.Should().BeEmpty("pages use [Authorize(Policy = …)], folder policies and IAuthorizationService operations");
    }

    [Fact]
    public void Infrastructure_depends_on_no_feature()
    {
        var offenders = Lines(Path.Combine(Web, "Infrastructure"), "*.cs")
            .Where(x => x.Text.Contains("DealerCrm.Web.Pages", StringComparison.Ordinal))
            .Select(x => x.Where)
            .ToList();

        offenders.Should().BeEmpty("a service several features use lives with the capability that owns its rule");
    }

    [Fact]
    public void Jobs_use_capabilities_but_no_manager_page_folder()
    {
        Lines(Path.Combine(Web, "Jobs"), "*.cs")
            .Where(x => x.Text.Contains("DealerCrm.Web.Pages.Manager", StringComparison.Ordinal))
            .Select(x => x.Where)
            .Should().BeEmpty();
    }

    [Fact]
    public void Each_ef_configuration_class_has_its_own_file_named_after_it()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Web, "Data", "Configurations"), "*.cs").ToList();

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            var classes = ClassDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList();
            classes.Should().Equal([Path.GetFileNameWithoutExtension(file)], $"{Path.GetFileName(file)} holds one configuration");
        }
    }

    [Fact]
    public void The_checks_recognise_what_they_forbid()
    {
        RawRoleCheck().IsMatch("    public bool IsManager => User.IsInRole(Roles.SalesManager);").Should().BeTrue();
        RawRoleCheck().IsMatch("[Authorize(Roles = Roles.SalesManager)]").Should().BeTrue();
        RawRoleCheck().IsMatch("[Authorize(Policy = Policies.LeadManagement)]").Should().BeFalse();
        RawRoleCheck().IsMatch("if (await users.IsInRoleAsync(user, Roles.Admin))").Should().BeFalse("managing accounts' roles is data");
        ClassDeclaration().Matches("internal sealed class A : X {}\ninternal sealed class B : Y {}").Should().HaveCount(2);
    }

    private static IEnumerable<(string Where, string Text)> Lines(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((text, i) => ($"{Path.GetRelativePath(Web, f)}:{i + 1}", text)));

    [GeneratedRegex(@"\.IsInRole\(|\[Authorize\(Roles\s*=")]
    private static partial Regex RawRoleCheck();

    [GeneratedRegex(@"^\s*(?:internal|public)\s+(?:sealed\s+)?class\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();
}
