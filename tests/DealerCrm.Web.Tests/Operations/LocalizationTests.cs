using System.Text.RegularExpressions;
using System.Xml.Linq;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>Every visible string exists in English and Simplified Chinese, and the user's choice is remembered.</summary>
public sealed partial class LocalizationTests(AppFixture app) : WebTest(app)
{
    private static readonly string WebRoot = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "DealerCrm.Web"));

    [Fact]
    public void Both_languages_have_exactly_the_same_keys_and_no_empty_value()
    {
        var english = Load("SharedResource.resx");
        var chinese = Load("SharedResource.zh-CN.resx");

        english.Keys.Except(chinese.Keys).Should().BeEmpty("every English key needs a Chinese text");
        chinese.Keys.Except(english.Keys).Should().BeEmpty("every Chinese key needs an English text");
        english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Should().BeEmpty();
        chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Should().BeEmpty();
        chinese.Where(e => !ContainsChinese().IsMatch(e.Value) && !e.Key.StartsWith("Day.", StringComparison.Ordinal))
            .Select(e => e.Key).Should().BeEmpty("a Chinese text that has no Chinese in it was probably not translated");
    }

    [Fact]
    public void Every_key_the_code_asks_for_is_in_the_resources()
    {
        var english = Load("SharedResource.resx");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                                 && !f.Contains("/obj/", StringComparison.Ordinal)
                                 && !f.Contains("/Migrations/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in KeyUse().Matches(text))
            {
                used.Add(match.Groups["key"].Value);
            }
        }

        used.Should().Contain("Login.Title", "the scan must find the keys the pages use");
        used.Where(k => !english.ContainsKey(k)).Should().BeEmpty();
        foreach (var role in Roles.Names)
        {
            english.Should().ContainKey($"Role.{role}");
        }

        foreach (var day in Enum.GetNames<DayOfWeek>())
        {
            english.Should().ContainKey($"Day.{day}");
        }

        var shownEnums = typeof(DealerCrm.Domain.Leads.Lead).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic && t.Name != nameof(DealerCrm.Domain.Stores.WorkDays)
);
        var missing = shownEnums.SelectMany(t => Enum.GetNames(t).Select(v => $"Enum.{t.Name}.{v}"))
            .Where(k => !english.ContainsKey(k)).ToList();
        missing.Should().BeEmpty("every value of an enum people see needs its text");
    }

    [Fact]
    public void Every_audit_action_has_a_label_in_both_languages()
    {
        var english = Load("SharedResource.resx");

        DealerCrm.Web.Infrastructure.Auditing.AuditCatalog.Known
            .Select(DealerCrm.Web.Infrastructure.Auditing.AuditCatalog.LabelKey)
            .Where(key => !english.ContainsKey(key))
            .Should().BeEmpty("the audit viewer shows every action by its label");
    }

    [Fact]
    public async Task The_browser_language_is_the_default_and_the_switch_is_remembered()
    {
        using var client = App.CreateClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");

        var chinese = await client.GetDocumentAsync("/Account/Login");
        chinese.QuerySelector("h1")!.TextContent.Should().Be("登录");
        chinese.DocumentElement.GetAttribute("lang").Should().Be("zh-CN");

        using var switched = await client.SubmitFormAsync(chinese, "/Account/Login",
            new Dictionary<string, string>(), "form[data-testid=language-switch]", "culture", "en");
        switched.RedirectPath().Should().Be("/Account/Login");
        var english = await client.GetDocumentAsync("/Account/Login");
        english.QuerySelector("h1")!.TextContent.Should().Be("Sign in", "the cookie wins over the browser's language");
    }

    [Fact]
    public async Task The_language_switch_only_returns_to_local_pages()
    {
        using var client = App.CreateClient();
        var page = await client.GetDocumentAsync("/Account/Login");

        using var response = await client.SubmitFormAsync(page, "/Account/Login",
            new Dictionary<string, string> { ["returnUrl"] = "https://evil.example/" },
            "form[data-testid=language-switch]", "culture", "zh-CN");

        response.RedirectPath().Should().Be("/");
    }

    [Fact]
    public async Task Validation_messages_are_in_the_users_language()
    {
        using var client = App.CreateClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var response = await client.SignInAsync(string.Empty, string.Empty);

        (await TestClient.ParseAsync(response)).FieldError("Input.UserName").Should().Be("请填写用户名。");
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? string.Empty);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ContainsChinese();

    [GeneratedRegex(@"(?:\bL|localizer|ErrorMessage\s*=|Display\(Name\s*=|DomainException\(|Description\s*=)\s*\[?\s*""(?<key>[A-Z][A-Za-z]+\.[A-Za-z0-9.]+)""")]
    private static partial Regex KeyUse();
}
