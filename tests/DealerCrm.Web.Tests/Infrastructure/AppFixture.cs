using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Respawn;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// One app and one database for all web tests (they run one at a time, in the "web" collection). Each test class
/// starts from an empty database: <see cref="ResetAsync"/> deletes every business row with Respawn and keeps the
/// schema, the seeded roles, Hangfire's tables and the Data Protection keys, and puts the group's settings back.
/// Each test also gets a fresh fake clock standing at <see cref="TestClock.StartOfTest"/>: the app and the test's
/// builders read the same instant, which only the test moves.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly PinnedTestTime _time = new();
    private Respawner? _respawner;

    /// <summary>The clock of the current test, shared with the app.</summary>
    public FakeTimeProvider Clock => _time.Current;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public CrmWebApplicationFactory Factory { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        ConnectionString = TestPostgres.RecreateDatabase("dealercrm_web_tests");
        Factory = new CrmWebApplicationFactory(ConnectionString, clock: _time);
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
        await using var settings = new NpgsqlCommand(
            "UPDATE dealer_groups SET name = 'DealerCrm', default_time_zone_id = 'Asia/Shanghai', audit_retention_months = 36",
            connection);
        await settings.ExecuteNonQueryAsync();
        _time.Current = TestClock.NewFake();
    }

    /// <summary>Stands the clock at another instant (earlier or later); sign in after pinning it.</summary>
    public void PinClock(DateTimeOffset instant) => _time.Current = new FakeTimeProvider(instant);

    /// <summary>Stands the clock at a wall time in Shanghai, the stores' default zone.</summary>
    public void PinShanghai(DateTime local) => PinClock(TestClock.ShanghaiInstant(local));

    /// <summary>Today in Shanghai by the test's clock.</summary>
    public DateOnly ShanghaiToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, TestClock.Shanghai).DateTime);

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
            Now);
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
            CreatedAt = Now,
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
