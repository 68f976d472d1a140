using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// One app and one database for all web tests (they run one at a time, in the "web" collection). Each test class
/// starts from an empty database: <see cref="ResetAsync"/> deletes every business row with Respawn and keeps the
/// schema, the seeded roles, Hangfire's tables and the Data Protection keys.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private Respawner? _respawner;

    public CrmWebApplicationFactory Factory { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        ConnectionString = TestPostgres.RecreateDatabase("dealercrm_web_tests");
        Factory = new CrmWebApplicationFactory(ConnectionString);
        _ = Factory.Server; // starts the app: migrations run now
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history", "roles", "data_protection_keys", "dealer_groups"],
        });
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
    }

    public TestClient CreateClient() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    }));

    public async Task<TestClient> SignInAsync(string userName, string password = Password)
    {
        var client = CreateClient();
        var response = await client.SignInAsync(userName, password);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect,
            $"{userName} should be able to sign in");
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<CrmDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    public async Task WithDbAsync(Func<CrmDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    public async Task<Store> CreateStoreAsync(string code = "S1", string? name = null)
    {
        var store = new Store(code, name ?? $"Store {code}", Store.DefaultTimeZoneId, WorkingHours.Default,
            DateTimeOffset.UtcNow);
        await WithDbAsync(async db =>
        {
            db.Stores.Add(store);
            await db.SaveChangesAsync();
        });
        return store;
    }

    /// <summary>Creates an account through Identity, as the Admin page does.</summary>
    public async Task<StaffUser> CreateUserAsync(string userName, int storeId, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = userName,
            DisplayName = $"Display {userName}",
            StoreId = storeId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        if (roles.Length > 0)
        {
            (await users.AddToRolesAsync(user, roles)).Succeeded.Should().BeTrue();
        }

        return user;
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "web";
}

/// <summary>Base for web test classes: the database is emptied before each test.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    public virtual Task InitializeAsync() => App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
