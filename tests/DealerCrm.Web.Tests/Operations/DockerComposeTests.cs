using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml is checked by reading: every environment name it gives the app
/// must be one the app reads (a key of appsettings.json, or a host variable ASP.NET Core reads), and the app must
/// point at the database service it declares.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private static readonly string[] HostVariables =
        ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"];

    [Fact]
    public void Every_environment_name_given_to_the_app_is_read_by_the_app()
    {
        var services = LoadServices();
        var appSettings = SettingPaths(Path.Combine(Root, "src", "DealerCrm.Web", "appsettings.json"));
        var appServices = services.Where(s => s.Value.Children.ContainsKey(new YamlScalarNode("build"))).ToList();

        appServices.Select(s => s.Key).Should().BeEquivalentTo(["migrate", "app"]);
        foreach (var (name, service) in appServices)
        {
            var environment = (YamlMappingNode)service.Children[new YamlScalarNode("environment")];
            var names = environment.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToList();
            names.Should().Contain(["ConnectionStrings__DealerCrm", "ASPNETCORE_ENVIRONMENT"], name);
            foreach (var variable in names.Where(n => !HostVariables.Contains(n)))
            {
                appSettings.Should().Contain(variable.Replace("__", ":", StringComparison.Ordinal),
                    $"{name} sets {variable}, which the app must read");
            }

            var connection = ((YamlScalarNode)environment.Children[new YamlScalarNode("ConnectionStrings__DealerCrm")]).Value!;
            connection.Should().Contain("Host=db;").And.Contain("Database=dealercrm;").And.Contain("Username=dealercrm;");
        }

        services.Should().ContainKey("db");
        var db = (YamlMappingNode)services["db"].Children[new YamlScalarNode("environment")];
        ((YamlScalarNode)db.Children[new YamlScalarNode("POSTGRES_DB")]).Value.Should().Be("dealercrm");
        ((YamlScalarNode)services["db"].Children[new YamlScalarNode("image")]).Value.Should().Be("postgres:15");
    }

    [Fact]
    public void The_migrate_service_runs_the_apps_explicit_migration_step_before_the_app_starts()
    {
        var services = LoadServices();

        var command = (YamlSequenceNode)services["migrate"].Children[new YamlScalarNode("command")];
        command.Children.Cast<YamlScalarNode>().Select(c => c.Value).Should().Equal("migrate");
        var dependsOn = (YamlMappingNode)services["app"].Children[new YamlScalarNode("depends_on")];
        var condition = (YamlMappingNode)dependsOn.Children[new YamlScalarNode("migrate")];
        ((YamlScalarNode)condition.Children[new YamlScalarNode("condition")]).Value
            .Should().Be("service_completed_successfully");
        File.ReadAllText(Path.Combine(Root, "src", "DealerCrm.Web", "Program.cs")).Should().Contain("\"migrate\"");
    }

    private static Dictionary<string, YamlMappingNode> LoadServices()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlMappingNode)root.Children[new YamlScalarNode("services")]).Children
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value);
    }

    private static HashSet<string> SettingPaths(string file)
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        Walk(document.RootElement, string.Empty);
        return paths;

        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                paths.Add(prefix);
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
            }
        }
    }
}
